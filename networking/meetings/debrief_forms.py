"""The debrief (SPEC §1 step 8): one form, with per-question notes and the referrals."""

from django import forms

from networking.employers.models import Employer
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


AnswerFormSet = forms.modelformset_factory(AgendaItem, form=AnswerForm, extra=0, edit_only=True)


class ReferralForm(forms.Form):
    """A person the contact recommended; becomes a contact referred by them."""

    first_name = forms.CharField(max_length=80)
    last_name = forms.CharField(max_length=80, required=False)
    title = forms.CharField(max_length=150, required=False)
    employer = forms.ModelChoiceField(
        queryset=Employer.objects.none(), required=False, empty_label="— pick one —"
    )
    new_employer = forms.CharField(label="or a new employer", max_length=150, required=False)
    email = forms.EmailField(max_length=254, required=False)
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = Employer.objects.owned_by(owner)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("employer") and cleaned.get("new_employer", "").strip():
            self.add_error(
                "new_employer", "Pick an employer from the list or type a new one, not both."
            )
        return cleaned


class BaseReferralFormSet(forms.BaseFormSet):
    def __init__(self, *args, owner, **kwargs):
        self.owner = owner
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "owner": self.owner}

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
