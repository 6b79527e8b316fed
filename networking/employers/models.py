"""Ideal employers: criteria, employers, a rating per criterion (SPEC §1 step 2)."""

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    DateTimeField,
    F,
    IntegerField,
    OuterRef,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower

from core.columns import Columns
from core.models import OwnedQuerySet
from core.paths import path_to
from networking.employers.scoring import fit_score_expression

SCALE = range(1, 6)  # weights and ratings, from 1 (a small plus, a poor fit) to 5
LOWEST, HIGHEST = SCALE[0], SCALE[-1]
ONE_TO_FIVE = [MinValueValidator(LOWEST), MaxValueValidator(HIGHEST)]


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
                condition=models.Q(weight__gte=LOWEST, weight__lte=HIGHEST),
                name="employers_criterion_weight_1_to_5",
                violation_error_message=f"A criterion's weight is from {LOWEST} to {HIGHEST}.",
            ),
            models.UniqueConstraint(
                Lower("name"),
                "owner",
                name="employers_criterion_unique_name_per_owner",
                violation_error_message="You already have a criterion with this name.",
            ),
        ]

    def __str__(self):
        return f"{self.name} ×{self.weight}"


class CriteriaSuggestion(models.Model):
    """Remembers that a seeker was given the suggested criteria, so they come only once.

    A seeker who deletes every suggestion has decided; the suggestions must not
    come back on the next visit.
    """

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="criteria_suggestion"
    )
    offered_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Criteria suggested to {self.owner} on {self.offered_at:%Y-%m-%d}"


POSTING_RANK = {"target": 2, "any": 1, "none": 0}

# What an employer's list needs of the apps above (core/columns.py): the contacts app says
# how many contacts the seeker has there, the meetings app when the next meeting is, the
# opportunities app how many of the jobs there are still open.
FROM_ABOVE = Columns(
    "Employer",
    contact_count=Value(0, output_field=IntegerField()),
    has_advocate=Value(False, output_field=BooleanField()),
    next_meeting_at=Value(None, output_field=DateTimeField()),
    open_opportunities=Value(0, output_field=IntegerField()),
)


def tidy_name(name: str) -> str:
    """An employer's name as typed, with its spaces collapsed: "Lumen  Labs " is "Lumen Labs"."""
    return " ".join((name or "").split())


def name_key(name: str | None = None) -> Lower:
    """How the database compares employer names: the expression of their unique index, on the
    ``name`` column, or on a typed name (tidied) when one is given.

    It is the database's own ``lower()``, not Python's: "İstanbul Ltd" and "Istanbul Ltd" are
    one name for PostgreSQL (``lower('İ')`` is ``i``) and two for SQLite (its ``lower()`` folds
    ASCII only), while Python's ``lower()`` makes "İ" into "i" and a combining dot. Matching
    with the index's own expression finds exactly the names the index would refuse.
    """
    if name is None:
        return Lower("name")
    return Lower(Value(tidy_name(name), output_field=CharField()))


def name_keys(names) -> dict[str, str]:
    """Each of ``names`` (tidied) → its key as the unique index compares it, in one query.

    For a file of names (the CSV import): the database lowers them all at once, so two names
    that Python would tell apart and the index would not (or the other way round) are one
    name, or two, exactly as the index will have them.
    """
    names = list(dict.fromkeys(tidy_name(name) for name in names))
    if not names:
        return {}
    if connection.vendor == "postgresql":
        sql = "SELECT name, LOWER(name) FROM unnest(%s::text[]) AS names(name)"
        param = names
    else:  # SQLite
        sql = "SELECT value, LOWER(value) FROM json_each(%s)"
        param = json.dumps(names)
    with connection.cursor() as cursor:
        cursor.execute(sql, [param])
        return dict(cursor.fetchall())


# SPEC §1 step 2: fit, then posting (target > any > none), then advocacy; unrated last, the
# name and the key settle what is still tied.
RANK_ORDER = (
    F("fit_score").desc(nulls_last=True),
    F("posting_rank").desc(),
    F("has_advocate").desc(),
    Lower("name"),
    "pk",
)


class EmployerQuerySet(OwnedQuerySet):
    """The ranked list's reads, computed in the database (SPEC §1 step 2)."""

    def named(self, name: str):
        """The employers whose name the unique index takes for ``name`` (at most one a seeker)."""
        return self.alias(name_key=name_key()).filter(name_key=name_key(name))

    def with_name_key(self):
        """Annotate ``name_key``, each name as the unique index compares it."""
        return self.annotate(name_key=name_key())

    def with_derived_fit(self):
        """Annotate ``derived_fit_score`` and ``derived_rated_count``: the fit score and the
        number of rated criteria worked out from the ratings, one subquery per employer.

        What ``services.rescore`` stores in ``fit_score`` and ``rated_count``; every page reads
        those instead.
        """
        ratings = Rating.objects.filter(employer=OuterRef("pk")).order_by().values("employer")
        score = ratings.annotate(
            score=fit_score_expression(
                Sum((F("score") - 1) * F("criterion__weight")), Sum("criterion__weight")
            )
        ).values("score")
        rated = ratings.annotate(total=Count("pk")).values("total")
        return self.annotate(
            derived_fit_score=Subquery(score, output_field=IntegerField()),
            derived_rated_count=Coalesce(Subquery(rated, output_field=IntegerField()), 0),
        )

    def with_contacts(self):
        """Annotate ``contact_count`` and ``has_advocate`` (the seeker has a contact there).

        Advocacy is derived, never typed (SPEC §1 step 2); the contacts app counts them
        (``FROM_ABOVE``), so employers need not know it.
        """
        return self.annotate(**FROM_ABOVE.expressions("contact_count", "has_advocate"))

    def with_next_meeting(self, now=None):
        """Annotate ``next_meeting_at``: the soonest requested or scheduled meeting to come."""
        return self.annotate(**FROM_ABOVE.expressions("next_meeting_at", now=now))

    def with_open_opportunities(self):
        """Annotate ``open_opportunities``: the jobs there still going (shown, not ranked on)."""
        return self.annotate(**FROM_ABOVE.expressions("open_opportunities"))

    def with_posting_rank(self):
        """Annotate ``posting_rank``, the first tie-break of SPEC §1 step 2: target > any > none."""
        return self.annotate(
            posting_rank=Case(
                *(When(posting=value, then=Value(rank)) for value, rank in POSTING_RANK.items()),
                default=Value(0),
                output_field=IntegerField(),
            )
        )

    def ranked(self, now=None):
        """SPEC §1 step 2: by fit score, then posting (target > any > none), then advocacy.

        Unrated employers come last; the name settles what is still tied. The list
        view and anything that extends the list start here.
        """
        return (
            self.with_contacts()
            .with_next_meeting(now)
            .with_open_opportunities()
            .with_posting_rank()
            .order_by(*RANK_ORDER)
        )

    def ranked_alone(self):
        """The same order as ``ranked`` with only what it orders by (``fit_score``, the
        posting's rank, ``has_advocate``): for a page that shows no more of each employer."""
        return (
            self.with_posting_rank()
            .annotate(**FROM_ABOVE.expressions("has_advocate"))
            .order_by(*RANK_ORDER)
        )

    def work_these_first(self, limit=5):
        """The best-ranked employers the seeker is targeting: where to act now."""
        return self.filter(status=Employer.Status.TARGETING).ranked()[:limit]

    def best_targets_unknown(self, limit=5):
        """Of ``work_these_first``, those where the seeker knows nobody yet (the dashboard's
        "find the right insider" actions), best first: their name and fit score alone."""
        best = self.filter(status=Employer.Status.TARGETING).ranked_alone()
        best = best.only("name", "fit_score")
        return [employer for employer in best[:limit] if not employer.has_advocate]


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
    # SPEC §1 step 2: the fit score (0–100, none while nothing is rated) and how many criteria
    # are rated. Worked out from the ratings and the criteria's weights by the services that
    # change either (``services.rescore``, in the same transaction), and read from here by
    # the ranked list, the dashboard and the admin.
    fit_score = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    rated_count = models.PositiveSmallIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EmployerQuerySet.as_manager()

    class Meta:
        ordering = [Lower("name")]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "owner",
                name="employers_employer_unique_name_per_owner",
                violation_error_message="You already have an employer with this name.",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["researching", "targeting", "paused", "dropped"]),
                name="employers_employer_status_valid",
                violation_error_message=(
                    "Choose a status: researching, targeting, paused or dropped."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(posting__in=["none", "any", "target"]),
                name="employers_employer_posting_valid",
                violation_error_message=(
                    "Choose what they post: no posting, some posting, or the target role posted."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(fit_score__isnull=True, rated_count=0)
                | models.Q(
                    fit_score__isnull=False, fit_score__gte=0, fit_score__lte=100, rated_count__gt=0
                ),
                name="employers_employer_fit_score_of_ratings",
                violation_error_message=(
                    "A fit score is from 0 to 100, and only an employer rated on a criterion "
                    "has one."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return path_to("employers:detail", self.pk)


class Rating(models.Model):
    """How well one employer meets one criterion, 1–5. No row means unrated."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="ratings")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="ratings")
    score = models.PositiveSmallIntegerField(validators=ONE_TO_FIVE)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "criterion"],
                name="employers_rating_one_per_criterion",
                violation_error_message="This employer is already rated on this criterion.",
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=LOWEST, score__lte=HIGHEST),
                name="employers_rating_score_1_to_5",
                violation_error_message=f"A rating is from {LOWEST} to {HIGHEST}.",
            ),
        ]

    def __str__(self):
        return f"{self.employer}: {self.criterion.name} {self.score}/{HIGHEST}"

    def clean(self):
        """SPEC §2: an employer is rated only on its own seeker's criteria."""
        super().clean()
        if (
            self.employer_id
            and self.criterion_id
            and self.employer.owner_id != self.criterion.owner_id
        ):
            raise ValidationError({"criterion": "Pick one of this seeker's own criteria."})
