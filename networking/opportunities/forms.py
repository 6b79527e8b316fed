"""Opportunity forms. Every choice comes from the owner's own objects (SPEC §2)."""

from datetime import date

from django import forms

from core.pickers import picker
from networking.contacts.forms import ContactChoiceField, contact_picker
from networking.contacts.models import Contact
from networking.employers.forms import employer_picker
from networking.employers.models import Employer
from networking.meetings.models import Meeting
from networking.opportunities.models import SALARY_CLOSED, Opportunity, Source, Stage

EARLIEST_DAY = date(2000, 1, 1)


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.contact.full_name}, {obj.starts_at:%d %b %Y}"


def _a_day_until_today(value: date | None, today: date) -> None:
    """A dated step is in the past or today, and after 2000 (STYLE: bound what people type)."""
    if value is None:
        return
    if value > today:
        raise forms.ValidationError("Date it today or earlier: it has happened.")
    if value < EARLIEST_DAY:
        raise forms.ValidationError("Pick a date after 1 Jan 2000.")


class OpportunityForm(forms.ModelForm):
    url = forms.URLField(
        label="Link to the posting",
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text="If there is one.",
    )

    class Meta:
        model = Opportunity
        fields = ["employer", "title", "url", "source", "contact", "meeting", "stage", "notes"]
        field_classes = {"contact": ContactChoiceField, "meeting": MeetingChoiceField}
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "source": forms.RadioSelect,
        }

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.fields["employer"].queryset = Employer.objects.owned_by(owner)
        self.fields["employer"].empty_label = "— pick one of your employers —"
        employer_picker(self.fields["employer"])
        self.fields["contact"].queryset = Contact.objects.owned_by(owner).select_related("employer")
        self.fields["contact"].empty_label = "— nobody —"
        contact_picker(self.fields["contact"])
        self.fields["meeting"].queryset = Meeting.objects.owned_by(owner).select_related("contact")
        self.fields["meeting"].empty_label = "— none —"
        # The latest meetings first; a seeker names a meeting from its page (?meeting=…).
        picker(self.fields["meeting"], search_url="", noun="meetings", recent=("-starts_at",))
        self.fields["source"].choices = Source.choices
        if self.instance.pk:
            self.fields["stage"].choices = [
                (value, label)
                for value, label in Stage.choices
                if value == self.instance.stage or (value, label) in self.instance.stages_to()
            ]
            self.fields["stage"].help_text = "A new stage is dated today; the history keeps it."
        else:
            self.fields["stage"].choices = [
                (value, label)
                for value, label in Stage.choices
                if value in (Stage.LEAD, Stage.APPLIED, Stage.INTERVIEWING, Stage.OFFER)
            ]
            self.fields["stage"].help_text = "Where it stands today: usually a lead."

    def initial_from(self, params):
        """Prefill from the page it was opened on (``?meeting=``, ``?contact=``, ``?employer=``,
        ``?source=``): only the owner's own objects, anything else ignored."""
        meeting = _owned_pk(self.fields["meeting"].queryset, params.get("meeting"))
        contact = _owned_pk(self.fields["contact"].queryset, params.get("contact"))
        employer = _owned_pk(self.fields["employer"].queryset, params.get("employer"))
        source = None
        if meeting is not None:
            self.initial["meeting"] = meeting.pk
            contact, source = contact or meeting.contact, Source.MEETING
        if contact is not None:
            self.initial["contact"] = contact.pk
            employer, source = employer or contact.employer, source or Source.CONTACT
        if employer is not None:
            self.initial["employer"] = employer.pk
        if params.get("source") in Source.values:
            source = params["source"]
        if source:
            self.initial["source"] = source
        return self

    def clean(self):
        cleaned = super().clean()
        # A meeting named without its contact: the contact is the one met.
        meeting, contact = cleaned.get("meeting"), cleaned.get("contact")
        if meeting is not None and contact is None and "contact" not in self.errors:
            cleaned["contact"] = meeting.contact
            self.instance.contact = meeting.contact
        return cleaned


def _owned_pk(queryset, value):
    value = value or ""
    if not value.isdigit() or len(value) > 18:
        return None
    return queryset.filter(pk=value).first()


class StageForm(forms.Form):
    """Move an opportunity to its next stage, dated (today unless said otherwise)."""

    stage = forms.ChoiceField(label="New stage")
    on = forms.DateField(label="On", widget=forms.DateInput(attrs={"type": "date"}), required=False)

    def __init__(self, *args, opportunity, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["stage"].choices = opportunity.stages_to()
        # The next stage forward is what usually happens; any other stays one click away.
        order = Stage.values
        ahead = order[order.index(opportunity.stage) + 1 :]
        allowed = {value for value, _ in self.fields["stage"].choices}
        self.fields["stage"].initial = next((s for s in ahead if s in allowed), None)
        self.fields["on"].initial = today
        self.fields["on"].help_text = "The day it happened."

    def clean_on(self):
        value = self.cleaned_data.get("on") or self.today
        _a_day_until_today(value, self.today)
        return value


class SalaryForm(forms.ModelForm):
    """SPEC §6b: first who raised salary and when; only then its figures."""

    FIGURES = ("salary_min", "salary_max", "salary_currency", "salary_notes")

    class Meta:
        model = Opportunity
        fields = [
            "salary_raised_by",
            "salary_raised_on",
            "salary_min",
            "salary_max",
            "salary_currency",
            "salary_notes",
        ]
        widgets = {
            "salary_raised_on": forms.DateInput(attrs={"type": "date"}),
            "salary_notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.was_open = self.instance.salary_is_open
        self.fields["salary_raised_by"].required = True
        self.fields["salary_raised_on"].required = True
        if not self.was_open:
            for name in self.FIGURES:
                self.fields[name].widget = forms.HiddenInput()

    def clean_salary_raised_on(self):
        value = self.cleaned_data.get("salary_raised_on")
        _a_day_until_today(value, self.today)
        return value

    def clean_salary_currency(self):
        value = (self.cleaned_data.get("salary_currency") or "").strip().upper()
        if value and (len(value) != 3 or not value.isalpha()):
            raise forms.ValidationError("Three letters, e.g. CAD, USD or EUR.")
        return value

    def clean(self):
        cleaned = super().clean()
        figures = [cleaned.get(name) for name in self.FIGURES]
        if not self.was_open and any(value not in (None, "") for value in figures):
            raise forms.ValidationError(SALARY_CLOSED)
        return cleaned
