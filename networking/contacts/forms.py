"""Contact and outreach forms. Every choice comes from the owner's own objects (SPEC §2)."""

from django import forms
from django.db.models import Q
from django.urls import reverse, reverse_lazy
from django.utils import timezone

from core.asks import find_asks
from core.countries import CountryField, country_of_zone, follows_zone
from core.date_window import BoundedDateTimeField
from core.ladder import Level
from core.pickers import picker
from core.timezones import TimezoneField
from networking.contacts import cadence
from networking.contacts.models import (
    WITH_A_MEETING,
    Contact,
    OutreachAttempt,
    Status,
    twin_refusal,
)
from networking.employers.forms import employer_picker
from networking.employers.models import Employer, tidy_name


def contact_label(contact) -> str:
    """How a contact reads in a picker: the name, and the employer that tells twins apart."""
    if contact.employer_id:
        return f"{contact.full_name} — {contact.employer.name}"
    return contact.full_name


class ContactChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return contact_label(obj)


def contact_picker(field):
    """A contact field as a searchable picker: newest first, then ``/contacts/pick/``.

    Newest by id, not ``created_at``: the owner's index then hands over the 50 rows without
    sorting the seeker's 40,000 (300 ms at 40,000 by ``created_at``)."""
    return picker(field, search_url=reverse_lazy("contacts:pick"), noun="contacts")


class ContactForm(forms.ModelForm):
    timezone = TimezoneField(
        label="Their time zone",
        help_text="Their business hours (Mon–Fri 09:00–17:00) are read in this zone.",
    )
    country = CountryField(
        label="Their country",
        help_text=(
            "Booking and follow-ups skip its public holidays. It follows their time zone "
            "unless you pick one."
        ),
    )
    linkedin_url = forms.URLField(label="LinkedIn URL", required=False, assume_scheme="https")
    new_employer = forms.CharField(
        label="…or add a new employer",
        max_length=150,
        required=False,
        help_text="Type a name to add it to your employers.",
    )

    class Meta:
        model = Contact
        fields = [
            "first_name",
            "last_name",
            "email",
            "phone",
            "employer",
            "new_employer",
            "title",
            "level",
            "function",
            "timezone",
            "country",
            "referred_by",
            "linkedin_url",
            "notes",
        ]
        field_classes = {"referred_by": ContactChoiceField}
        labels = {"referred_by": "Introduced by", "function": "Function"}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.fields["employer"].queryset = Employer.objects.owned_by(owner)
        self.fields["employer"].empty_label = "— pick one of your employers —"
        employer_picker(self.fields["employer"])
        self.fields["referred_by"].queryset = Contact.objects.owned_by(owner).select_related(
            "employer"
        )
        contact_picker(self.fields["referred_by"])
        self.fields["referred_by"].empty_label = "— nobody, I found them myself —"
        self.fields["level"].choices = [("", "— not sure yet —"), *Level.choices]
        ideal = owner.ideal_contact_level.label.lower()
        self.fields["level"].help_text = (
            f"Their seniority decides the advice. Aim for {ideal}: two steps above the role "
            "you want. The ladder below tells the rungs apart."
        )
        if not self.instance.pk and not self.initial.get("timezone"):
            self.initial["timezone"] = owner.timezone
        if not self.instance.pk and not self.initial.get("country"):
            self.initial["country"] = country_of_zone(self.initial["timezone"])

    def clean(self):
        cleaned = super().clean()
        follows_zone(self)
        new_name = tidy_name(cleaned.get("new_employer"))
        cleaned["new_employer"] = new_name
        if new_name and cleaned.get("employer"):
            self.add_error("new_employer", "Pick an employer or add a new one, not both.")
        elif not self.errors:
            self._refuse_a_duplicate(cleaned, new_name)
        return cleaned

    def _refuse_a_duplicate(self, cleaned, new_employer):
        """The same person twice is one contact (SPEC §6: same email, same LinkedIn URL, or the
        same name at the same employer), so a double submit or a re-typed contact is refused."""
        others = Contact.objects.owned_by(self.owner).exclude(pk=self.instance.pk)
        same = Q(pk__in=[])
        if cleaned.get("email"):
            same |= Q(email__iexact=cleaned["email"])
        if cleaned.get("linkedin_url"):
            same |= Q(linkedin_url=cleaned["linkedin_url"])
        name = Q(
            first_name__iexact=cleaned.get("first_name", ""),
            last_name__iexact=cleaned.get("last_name", ""),
        )
        if cleaned.get("employer"):
            same |= name & Q(employer=cleaned["employer"])
        elif new_employer:
            # The employer that name finds (``employer_named``), if the seeker has it already.
            same |= name & Q(employer__in=Employer.objects.owned_by(self.owner).named(new_employer))
        twin = others.filter(same).only("pk", "first_name", "last_name").first()
        if twin:
            raise twin_refusal(twin)

    def initial_from(self, params):
        """Preselect an employer or an introducer named in the address (``?employer=3``), only
        when it is one of the owner's, and a level of the ladder (``?level=vp``): the employer
        page, the dashboard and an HR contact's next step link here. Anything else is ignored."""
        for name in ("employer", "referred_by"):
            value = params.get(name, "")
            if value.isdigit() and self.fields[name].queryset.filter(pk=value).exists():
                self.initial[name] = int(value)
        if params.get("level", "") in Level.values:
            self.initial["level"] = params["level"]
        return self


class OutreachForm(forms.ModelForm):
    """Log a message to a contact; refuses what would be hounding (SPEC §4).

    After ``is_valid()``: ``refusal`` (why it was refused, or None) and ``warnings``
    (business hours, an early follow-up) — the same check the live draft panel shows — and
    ``asks``: what the message asks that it never should (a job, a referral, salary). Such a
    message is logged only once the seeker ticks ``log_anyway``.
    """

    ASK_CONFIRMATION = "Change the message, or tick this to log it as it is."

    log_anyway = forms.BooleanField(
        label="Log it anyway: it has already gone out as it is",
        required=False,
    )

    class Meta:
        model = OutreachAttempt
        fields = ["kind", "channel", "sent_at", "message", "reply", "replied_at"]
        field_classes = {"sent_at": BoundedDateTimeField, "replied_at": BoundedDateTimeField}
        labels = {
            "sent_at": "Sent (or to be sent) at",
            "reply": "Their reply",
            "replied_at": "Answered at",
        }
        help_texts = {
            "sent_at": "In your time zone.",
            "replied_at": "Only if they have answered already.",
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, contact, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.contact = contact
        self.cycle = cycle
        self.refusal = None
        self.warnings = []
        self.asks = ()
        self.sent_at = None
        live = {
            "hx-post": reverse("contacts:outreach_check", args=[contact.pk]),
            "hx-target": "#draft-check",
            "hx-include": "closest form",
            "hx-sync": "closest form:replace",
        }
        self.fields["message"].widget.attrs.update(
            live, **{"hx-trigger": "keyup changed delay:300ms"}
        )
        for name in ("kind", "sent_at"):
            self.fields[name].widget.attrs.update(live, **{"hx-trigger": "change"})

    def clean(self):
        cleaned = super().clean()
        kind, sent_at = cleaned.get("kind"), cleaned.get("sent_at")
        reply, replied_at = cleaned.get("reply"), cleaned.get("replied_at")
        if reply and reply != OutreachAttempt.Reply.NONE:
            if kind not in (OutreachAttempt.Kind.REQUEST, OutreachAttempt.Kind.FOLLOW_UP):
                self.add_error("reply", "Replies are recorded on requests and follow-ups.")
            elif not replied_at:
                self.add_error("replied_at", "When did they answer?")
        elif replied_at:
            cleaned["replied_at"] = None
        if sent_at and cleaned.get("replied_at") and cleaned["replied_at"] < sent_at:
            self.add_error("replied_at", "They cannot have answered before you wrote.")
        if kind and sent_at:
            self.assess(kind, sent_at)
            if self.refusal:
                self.add_error(None, self.refusal)
        self.asks = find_asks(cleaned.get("message") or "")
        if self.asks and not cleaned.get("log_anyway"):
            self.add_error("log_anyway", self.ASK_CONFIRMATION)
        return cleaned

    def values(self) -> dict:
        """The cleaned fields, as ``services.log_outreach`` takes them."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def refuse(self, error):
        """Show a refusal the service gave (the cycle changed since ``clean``) as the form's."""
        self.refusal = " ".join(error.messages)
        self.add_error(None, error)

    def assess(self, kind, sent_at):
        """Set ``refusal`` and ``warnings`` for a ``kind`` message at ``sent_at`` (SPEC §4)."""
        zone, name = self.contact.zone, self.contact.full_name
        meeting = getattr(self.contact, "status", None) in WITH_A_MEETING
        country = self.contact.country
        self.refusal = cadence.refusal(
            kind, self.cycle, zone, sent_at, name, meeting=meeting, country=country
        )
        self.warnings = cadence.warnings(kind, self.cycle, zone, sent_at, country)
        self.sent_at = sent_at


class ReplyForm(forms.ModelForm):
    """Record the answer to a request or a follow-up, with its date."""

    class Meta:
        model = OutreachAttempt
        fields = ["reply", "replied_at"]
        field_classes = {"replied_at": BoundedDateTimeField}
        labels = {"reply": "Their answer", "replied_at": "Answered at"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reply"].choices = [
            c for c in OutreachAttempt.Reply.choices if c[0] != OutreachAttempt.Reply.NONE
        ]
        self.fields["replied_at"].required = True
        if not self.is_bound and not self.initial.get("replied_at"):
            self.initial["replied_at"] = timezone.localtime().replace(second=0, microsecond=0)

    def clean(self):
        cleaned = super().clean()
        replied_at = cleaned.get("replied_at")
        if replied_at and replied_at < self.instance.sent_at:
            self.add_error("replied_at", "They cannot have answered before you wrote.")
        if self.instance.kind not in (OutreachAttempt.Kind.REQUEST, OutreachAttempt.Kind.FOLLOW_UP):
            raise forms.ValidationError("Replies are recorded on requests and follow-ups.")
        return cleaned


class ContactFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100)
    employer = forms.ModelChoiceField(
        queryset=Employer.objects.none(), required=False, empty_label="All employers"
    )
    level = forms.ChoiceField(choices=[("", "All levels"), *Level.choices], required=False)
    status = forms.ChoiceField(choices=[("", "Any status"), *Status.choices], required=False)
    due = forms.BooleanField(label="Due for follow-up", required=False)
    referral = forms.BooleanField(label="Recommended, to write to", required=False)

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = Employer.objects.owned_by(owner).only("pk", "name")
        employer_picker(self.fields["employer"], compact=True)
        for name in ("employer", "level", "status"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"

    def filters(self) -> dict:
        """The valid filters; a forged or stale value is ignored rather than failing the page."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {key: value for key, value in self.cleaned_data.items() if value}
