"""The question bank (SPEC §1 step 6, §5): a shared catalogue every seeker sees, plus their own.

Catalogue questions have no owner and are read-only; the key question is one of them,
exactly once, pinned. A seeker adds, edits and archives only their own questions.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

from core.asks import KEY_QUESTION
from core.models import OwnedQuerySet
from networking.meetings.guardrails import check_question


class QuestionQuerySet(OwnedQuerySet):
    def bank_for(self, user):
        """What the seeker may pick from: the catalogue and their own, archived ones left out."""
        return self.filter(models.Q(owner__isnull=True) | models.Q(owner=user), archived=False)

    def pickable_for(self, user):
        """The bank without the key question, which every agenda carries anyway."""
        return self.bank_for(user).filter(is_key=False)

    def in_bank_order(self):
        """Categories in the order of SPEC §5 (Trends first), the seeker's own questions first."""
        order = models.Case(
            *(
                models.When(category=value, then=models.Value(rank))
                for rank, value in enumerate(Question.Category.values)
            ),
            default=models.Value(len(Question.Category.values)),
        )
        return self.order_by(order, models.F("owner_id").desc(nulls_last=True), "id")

    def key(self):
        """The key question's row (its text is ``KEY_QUESTION``; pages read the constant)."""
        return self.get(is_key=True)


class Question(models.Model):
    class Category(models.TextChoices):
        TRENDS = "trends", "Trends"
        INSIGHTS = "insights", "Insights"
        ADVICE = "advice", "Advice"
        RESOURCES = "resources", "Resources"
        ASSIGNMENTS = "assignments", "Assignments"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="questions",
        help_text="Empty for the catalogue every seeker shares.",
    )
    text = models.CharField(max_length=300)
    category = models.CharField(max_length=12, choices=Category.choices)
    is_key = models.BooleanField(default=False, editable=False)
    archived = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-is_key", "category", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_key"],
                condition=models.Q(is_key=True),
                name="meetings_question_one_key_question",
                violation_error_message="There is only one key question.",
            ),
            models.CheckConstraint(
                condition=models.Q(is_key=False) | models.Q(owner__isnull=True, archived=False),
                name="meetings_question_key_is_shared_and_live",
                violation_error_message=(
                    "The key question belongs to everyone and cannot be archived."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(
                    category__in=["trends", "insights", "advice", "resources", "assignments"]
                ),
                name="meetings_question_category_valid",
                violation_error_message=(
                    "Choose a category: trends, insights, advice, resources or assignments."
                ),
            ),
            models.UniqueConstraint(
                Lower("text"),
                "owner",
                name="meetings_question_unique_text_per_owner",
                violation_error_message="You already have this question.",
            ),
        ]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return reverse("questions:list")

    def clean(self):
        """SPEC §5: a salary question is refused; the key question is never duplicated."""
        super().clean()
        verdict = check_question(self.text)
        if verdict.refusal:
            raise ValidationError({"text": verdict.refusal})
        if " ".join(self.text.split()).lower() == KEY_QUESTION.lower() and not self.is_key:
            raise ValidationError(
                {"text": "That is the key question: it is already on every agenda."}
            )
