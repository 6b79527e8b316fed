"""Forms for booking and preparing a meeting and for the question bank.

Every form takes ``owner=`` and builds its choices from that seeker's objects, so an id
belonging to someone else is simply not a valid choice (SPEC §2).
"""

from datetime import timedelta

from django import forms
from django.utils import timezone

from core.asks import KEY_QUESTION
from core.date_window import BoundedDateTimeField
from core.models import ValueStatement
from core.rules import ACCEPTED_MINUTES, VALUE_STATEMENTS, in_words, words
from networking.contacts.forms import ContactChoiceField, contact_picker
from networking.contacts.models import Contact
from networking.meetings.guardrails import check_question
from networking.meetings.models import AgendaItem, Meeting, Question
from networking.meetings.scheduling import LengthVerdict, judge_length


class QuestionTextMixin:
    """Runs the guardrails of SPEC §5 on ``text``: refusals are errors, warnings are kept."""

    warnings: tuple[str, ...] = ()

    def clean_text(self):
        text = " ".join(self.cleaned_data["text"].split())
        verdict = check_question(text)
        if verdict.refusal:
            raise forms.ValidationError(verdict.refusal, code="salary")
        if text.lower() == KEY_QUESTION.lower():
            raise forms.ValidationError(
                "That is the key question: it is already on every agenda.", code="key"
            )
        self.warnings = verdict.warnings
        return text


class MeetingForm(forms.ModelForm):
    """Booking (SPEC §1 step 5): typed in the seeker's zone, checked in the contact's."""

    contact = ContactChoiceField(queryset=Contact.objects.none(), empty_label="— pick a contact —")
    starts_at = BoundedDateTimeField(
        label="Starts at (your time)",
        help_text="Inside the contact's business hours: Monday–Friday, 09:00–17:00 their time.",
    )

    class Meta:
        model = Meeting
        fields = ["contact", "starts_at", "duration_minutes", "location", "status"]
        widgets = {
            "duration_minutes": forms.NumberInput(
                attrs={"min": ACCEPTED_MINUTES[0], "max": ACCEPTED_MINUTES[-1], "step": 5}
            )
        }

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.fields["contact"].queryset = Contact.objects.owned_by(owner).select_related(
            "employer", "owner"
        )
        contact_picker(self.fields["contact"])
        if "status" in self.fields:
            self._offer_statuses()
        self.fields["location"].widget.attrs["placeholder"] = "An office, a café, a video link"

    def _offer_statuses(self):
        allowed = {
            Meeting.Status.REQUESTED,
            Meeting.Status.SCHEDULED,
            Meeting.Status.HELD,
            Meeting.Status.CANCELLED,
        }
        if self.instance.pk is None:
            allowed.discard(Meeting.Status.CANCELLED)
        self.fields["status"].choices = [
            (value, label) for value, label in Meeting.Status.choices if value in allowed
        ]
        if self.instance.status == Meeting.Status.DEBRIEFED:
            self.fields["status"].disabled = True
            self.fields["status"].choices = Meeting.Status.choices

    def clean(self):
        cleaned = super().clean()
        starts_at, status = cleaned.get("starts_at"), cleaned.get("status")
        moved = starts_at != self.instance.stored("starts_at")
        ahead = (Meeting.Status.REQUESTED, Meeting.Status.SCHEDULED)
        if starts_at and moved and status in ahead and starts_at < timezone.now():
            self.add_error(
                "starts_at",
                "That time has passed. Pick a time ahead, or mark the meeting held to debrief it.",
            )
        minutes = cleaned.get("duration_minutes")
        sane = judge_length(minutes) is not LengthVerdict.INVALID
        if starts_at and sane and status != Meeting.Status.CANCELLED:
            clash = self._clash(starts_at, starts_at + timedelta(minutes=minutes))
            if clash is not None:
                self.add_error("starts_at", clash.clash_message(self.owner.zone))
        return cleaned

    def _clash(self, starts_at, ends_at):
        """Another of the seeker's meetings (not cancelled) that overlaps this one, if any.

        One seeker is in one meeting at a time; it also stops a double-submitted booking. Two
        submitted at once both pass this check: on PostgreSQL the database refuses the second
        (``services.save_meeting`` says it in these words).
        """
        return (
            Meeting.objects.owned_by(self.owner)
            .clashing_with(starts_at, ends_at, besides=self.instance.pk)
            .select_related("contact")
            .first()
        )


PAST_MEETING_AHEAD = (
    "That meeting has not ended yet: book it instead, and debrief it once it is over."
)


class PastMeetingForm(MeetingForm):
    """A meeting that already happened, logged to be debriefed at once: it is saved held, and
    it must have ended. It keeps the booking's rules (the contact's business hours, the length,
    one meeting at a time)."""

    starts_at = BoundedDateTimeField(
        label="It started at (your time)",
        help_text="Inside the contact's business hours: Monday–Friday, 09:00–17:00 their time.",
    )

    class Meta(MeetingForm.Meta):
        fields = ["contact", "starts_at", "duration_minutes", "location"]
        labels = {"duration_minutes": "Agreed length (minutes)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.status = Meeting.Status.HELD

    def clean(self):
        self.cleaned_data["status"] = Meeting.Status.HELD
        cleaned = super().clean()
        starts_at, minutes = cleaned.get("starts_at"), cleaned.get("duration_minutes")
        if starts_at and minutes and starts_at + timedelta(minutes=minutes) > timezone.now():
            self.add_error("starts_at", PAST_MEETING_AHEAD)
        return cleaned


class ValueStatementChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, statement):
        return f"{statement.figure} — {statement.statement}"


class PrepForm(forms.ModelForm):
    """Preparation (SPEC §1 step 6): 1–3 value statements, research notes, the checklist."""

    value_statements = ValueStatementChoiceField(
        queryset=ValueStatement.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=f"Value statements to share ({words('value_statements')})",
    )

    class Meta:
        model = Meeting
        fields = ["value_statements", "research_notes", "will_ask_resume", "will_let_them_steer"]
        widgets = {"research_notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value_statements"].queryset = ValueStatement.objects.owned_by(owner)
        self.fields["research_notes"].widget.attrs["placeholder"] = (
            "The employer: news, products, culture. The contact: their path, their team, "
            "what you have in common."
        )

    def clean_value_statements(self):
        chosen = self.cleaned_data["value_statements"]
        if len(chosen) > VALUE_STATEMENTS[-1]:
            raise forms.ValidationError(
                f"Choose at most {in_words(VALUE_STATEMENTS[-1])}: in {words('default_meeting')} "
                f"there is room for {words('value_statements')}."
            )
        return chosen


class AgendaQuestionForm(QuestionTextMixin, forms.ModelForm):
    """A question written for this meeting only, under the same guardrails as the bank."""

    class Meta:
        model = AgendaItem
        fields = ["text"]
        labels = {"text": "Your own question for this meeting"}
        widgets = {"text": forms.TextInput(attrs={"placeholder": "What would you ask only them?"})}


class PickQuestionForm(forms.Form):
    question = forms.ModelChoiceField(queryset=Question.objects.none())

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].queryset = Question.objects.pickable_for(owner)


class QuestionForm(QuestionTextMixin, forms.ModelForm):
    """A seeker's own question for the bank (SPEC §5)."""

    class Meta:
        model = Question
        fields = ["text", "category"]
        labels = {"text": "Question"}
        widgets = {"text": forms.TextInput(attrs={"placeholder": "Ask for advice or insight"})}

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.fields["category"].choices = [
            ("", "— pick a category —"),
            *Question.Category.choices,
        ]

    def clean_text(self):
        text = super().clean_text()
        twins = Question.objects.bank_for(self.owner).filter(text__iexact=text)
        if self.instance.pk:
            twins = twins.exclude(pk=self.instance.pk)
        if twins.exists():
            raise forms.ValidationError("That question is already in your bank.", code="duplicate")
        return text
