"""The debrief (SPEC §1 step 8): one form, with per-question notes and the referrals."""

import re

from django import forms

from core.ladder import Level
from networking.employers.forms import employer_picker
from networking.employers.models import Employer, tidy_name
from networking.meetings.models import AgendaItem, Meeting


class DebriefForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["actual_minutes", "extended_by_contact", "impression", "resume_left", "notes"]
        widgets = {
            "actual_minutes": forms.NumberInput(attrs={"min": 1, "max": 240}),
            "impression": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"notes": "Notes"}
        help_texts = {
            "actual_minutes": "How long it really lasted.",
            "extended_by_contact": "Tick it if they offered to continue: then it is no overstay.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actual_minutes"].required = True
        self.fields["impression"].required = True
        self.fields["impression"].choices = Meeting.Impression.choices
        self.fields["notes"].widget.attrs["placeholder"] = (
            "What you learned, what they suggested, what to do next."
        )


class AnswerForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["good_answer", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


NOT_ON_THE_AGENDA = (
    "A question in this form is not on this meeting's agenda: nothing was saved. "
    "Open the debrief again and answer the questions shown."
)


class BaseAnswerFormSet(forms.BaseModelFormSet):
    """The meeting's own agenda items, and only those (SPEC §2).

    Django checks a row's ``id`` against every agenda item of every seeker, and a row whose
    item is not in the formset's queryset is quietly treated as a new one, which nobody
    saves. Here the ``id`` must be one of this meeting's items, and a row naming any other
    (another meeting's, another seeker's, or none) makes the whole debrief invalid.
    """

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields[self.model._meta.pk.name].queryset = self.get_queryset()

    def clean(self):
        super().clean()
        pk_name = self.model._meta.pk.name
        for form in self.forms:
            unknown = pk_name in form.errors
            not_ours = form.instance.pk is None and form.has_changed()
            if unknown or not_ours:
                raise forms.ValidationError(NOT_ON_THE_AGENDA, code="not_on_the_agenda")


AnswerFormSet = forms.modelformset_factory(
    AgendaItem, form=AnswerForm, formset=BaseAnswerFormSet, extra=0, edit_only=True
)


class ReferralForm(forms.Form):
    """A person the contact recommended; becomes a contact referred by them."""

    first_name = forms.CharField(max_length=80)
    last_name = forms.CharField(max_length=80, required=False)
    title = forms.CharField(max_length=150, required=False)
    level = forms.ChoiceField(
        choices=[("", "Not known yet"), *Level.choices],
        required=False,
        help_text="Their seniority; it decides the advice.",
    )
    employer = forms.ModelChoiceField(
        queryset=Employer.objects.none(),
        required=False,
        empty_label="— pick one —",
        help_text="Where the person who recommended them works, unless you change it.",
    )
    new_employer = forms.CharField(label="or a new employer", max_length=150, required=False)
    email = forms.EmailField(max_length=254, required=False)
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, owner, referrer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = Employer.objects.owned_by(owner)
        # People are most often recommended within their own firm: the referrer's employer is
        # offered, and an untouched row with only it is still an empty row.
        if referrer is not None and referrer.employer_id:
            self.fields["employer"].initial = referrer.employer
        employer_picker(self.fields["employer"])

    def has_changed(self):
        """A row names a person: an employer alone (offered, picked or cleared) is an empty row."""
        return any(name != "employer" for name in self.changed_data)

    def clean(self):
        cleaned = super().clean()
        cleaned["new_employer"] = tidy_name(cleaned.get("new_employer"))
        offered = self.fields["employer"].initial
        if cleaned["new_employer"] and offered is not None and cleaned.get("employer") == offered:
            cleaned["employer"] = None  # a new employer typed replaces the one offered
        if cleaned.get("employer") and cleaned["new_employer"]:
            self.add_error(
                "new_employer", "Pick an employer from the list or type a new one, not both."
            )
        return cleaned


class BaseReferralFormSet(forms.BaseFormSet):
    def __init__(self, *args, owner, referrer=None, **kwargs):
        self.owner = owner
        self.referrer = referrer
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "owner": self.owner, "referrer": self.referrer}

    def referrals(self) -> list[dict]:
        """The filled-in rows, as plain data for ``services.record_debrief``."""
        return [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


ReferralFormSet = forms.formset_factory(
    ReferralForm, formset=BaseReferralFormSet, extra=2, max_num=20, validate_max=True
)


# "Tom Becker", "Ana de Souza", "Seán O'Neill": a capitalised first name, then a surname that
# may begin with a lower-case particle. Names only: a run of capitalised words at the start of
# a sentence is told apart by the words that are never names (``NOT_NAMES``).
NAME = re.compile(
    r"\b([A-Z][a-zà-ÿ'’-]+)\s+((?:(?:de|da|van|von|der|del|di|le|la)\s+)?[A-Z][A-Za-zà-ÿ'’-]+)\b"
)
NOT_NAMES = frozenset(
    [
        "The",
        "A",
        "An",
        "And",
        "But",
        "Ask",
        "Asked",
        "Call",
        "Talk",
        "Speak",
        "Send",
        "Meet",
        "Met",
        "Follow",
        "Next",
        "Then",
        "She",
        "He",
        "They",
        "We",
        "I",
        "You",
        "Her",
        "His",
        "Their",
        "Our",
        "My",
        "Try",
        "See",
        "Also",
        "Maybe",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
)
SUGGESTIONS_SHOWN = 8


def names_in(notes: str, *, known: set[str]) -> list[tuple[str, str]]:
    """The people named in the run sheet's notes, in the order written, once each, leaving out
    ``known`` (lower-cased full names: the contact met, the people already recommended)."""
    found = []
    seen = set(known)
    for first, last in NAME.findall(notes or ""):
        full = f"{first} {last}".lower()
        if first in NOT_NAMES or full in seen:
            continue
        seen.add(full)
        found.append((first, last))
    return found[:SUGGESTIONS_SHOWN]
