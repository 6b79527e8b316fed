"""Ideal employers: criteria, employers, a rating per criterion (SPEC §1 step 2)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

from core.models import OwnedQuerySet

ONE_TO_FIVE = [MinValueValidator(1), MaxValueValidator(5)]


class Criterion(models.Model):
    """What makes an employer ideal for this seeker, weighted 1–5."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employer_criteria"
    )
    name = models.CharField(max_length=80)
    weight = models.PositiveSmallIntegerField(default=3, validators=ONE_TO_FIVE)
    position = models.PositiveIntegerField(default=0)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name_plural = "criteria"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__gte=1, weight__lte=5),
                name="employers_criterion_weight_1_to_5",
            ),
            models.UniqueConstraint(
                Lower("name"), "owner", name="employers_criterion_unique_name_per_owner"
            ),
        ]

    def __str__(self):
        return f"{self.name} ×{self.weight}"


class Employer(models.Model):
    class Status(models.TextChoices):
        RESEARCHING = "researching", "Researching"
        TARGETING = "targeting", "Targeting"
        PAUSED = "paused", "Paused"
        DROPPED = "dropped", "Dropped"

    class Posting(models.TextChoices):
        """Has the employer posted the role the seeker wants? Breaks ties in the ranking."""

        NONE = "none", "No posting"
        ANY = "any", "Some posting"
        TARGET = "target", "Target role posted"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employers"
    )
    name = models.CharField(max_length=150)
    website = models.URLField(blank=True)
    industry = models.CharField(max_length=100, blank=True)
    location = models.CharField(max_length=150, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.RESEARCHING)
    posting = models.CharField(max_length=6, choices=Posting.choices, default=Posting.NONE)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = [Lower("name")]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), "owner", name="employers_employer_unique_name_per_owner"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["researching", "targeting", "paused", "dropped"]),
                name="employers_employer_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(posting__in=["none", "any", "target"]),
                name="employers_employer_posting_valid",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("employers:detail", args=[self.pk])


class Rating(models.Model):
    """How well one employer meets one criterion, 1–5. No row means unrated."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="ratings")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="ratings")
    score = models.PositiveSmallIntegerField(validators=ONE_TO_FIVE)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "criterion"], name="employers_rating_one_per_criterion"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5),
                name="employers_rating_score_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.employer}: {self.criterion.name} {self.score}/5"
