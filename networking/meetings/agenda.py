"""A meeting's agenda (SPEC §1 step 6): the questions picked for it, in order."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models

from networking.meetings.guardrails import check_question
from networking.meetings.questions import Question

CLOSING_LINE = "Thank them for their time, and ask whether you may leave your résumé."


@dataclass(frozen=True)
class AgendaLine:
    """One line of a meeting's agenda; ``kind`` is bank, own, key or closing."""

    text: str
    kind: str
    item: "AgendaItem | None" = None

    @property
    def is_key(self) -> bool:
        return self.kind == "key"


class AgendaItem(models.Model):
    """A question the seeker picked (or wrote) for one meeting, in the order they will ask it.

    The text is copied from the bank when picked, so later edits to the bank leave past
    agendas as they were asked. ``good_answer`` and ``note`` are filled in at the debrief.
    """

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="agenda_items"
    )
    question = models.ForeignKey(
        Question, on_delete=models.SET_NULL, null=True, blank=True, related_name="agenda_items"
    )
    text = models.CharField(max_length=300)
    position = models.PositiveIntegerField(default=0)
    good_answer = models.BooleanField("got a good answer", default=False)
    note = models.TextField("what I learned", blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "question"],
                condition=models.Q(question__isnull=False),
                name="meetings_agendaitem_question_once_per_meeting",
                violation_error_message="This question is already on the agenda.",
            ),
        ]

    def __str__(self):
        return self.text

    def clean(self):
        super().clean()
        verdict = check_question(self.text)
        if verdict.refusal:
            raise ValidationError({"text": verdict.refusal})
