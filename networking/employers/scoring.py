"""The fit score of SPEC §1 step 2: how well an employer meets the seeker's criteria.

The formula lives here once. Each rated criterion earns ``(rating − 1) × weight``
points out of a possible ``4 × weight``; the score is the share of possible
points, scaled to 0–100 and rounded half up. All 5s make 100, all 1s make 0,
unrated criteria are left out of both sums, and nothing rated means no score.

``fit_score`` computes it in Python, ``fit_score_expression`` in the database
for the ranked list; both use integer arithmetic so they always agree.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import ExpressionWrapper, F, IntegerField, Value

MIN_RATING, MAX_RATING = 1, 5
POINTS_PER_WEIGHT = MAX_RATING - MIN_RATING


def rating_points(score: int, weight: int) -> int:
    """Points a rating earns: 0 for a 1, ``4 × weight`` for a 5."""
    return (score - MIN_RATING) * weight


def fit_score(points: int | None, weight: int | None) -> int | None:
    """SPEC §1 step 2: the weighted mean of the ratings, scaled to 0–100.

    ``points`` is Σ (rating − 1) × weight and ``weight`` is Σ weight, both over
    the rated criteria only. ``round(25 × points / weight)``, half up, in integers.
    """
    if not weight:
        return None
    return (50 * points + weight) // (2 * weight)


def fit_score_expression(points, weight):
    """The same formula as ``fit_score`` as a database expression (integer division).

    NULL when nothing is rated, because the sums are NULL then.
    """
    points = points if hasattr(points, "resolve_expression") else F(points)
    weight = weight if hasattr(weight, "resolve_expression") else F(weight)
    return ExpressionWrapper(
        (Value(50) * points + weight) / (Value(2) * weight), output_field=IntegerField()
    )


@dataclass(frozen=True)
class CriterionLine:
    """One line of the explanation: "Design-led culture 5/5 ×5 → 20 of 20 points"."""

    name: str
    weight: int
    score: int | None

    @property
    def rated(self) -> bool:
        return self.score is not None

    @property
    def points(self) -> int:
        return rating_points(self.score, self.weight) if self.rated else 0

    @property
    def possible(self) -> int:
        return POINTS_PER_WEIGHT * self.weight if self.rated else 0


@dataclass(frozen=True)
class Fit:
    """A fit score with the working that produced it, for the employer page."""

    lines: tuple[CriterionLine, ...]

    @property
    def points(self) -> int:
        return sum(line.points for line in self.lines)

    @property
    def possible(self) -> int:
        return sum(line.possible for line in self.lines)

    @property
    def weight(self) -> int:
        return sum(line.weight for line in self.lines if line.rated)

    @property
    def score(self) -> int | None:
        return fit_score(self.points, self.weight)

    @property
    def rated_count(self) -> int:
        return sum(1 for line in self.lines if line.rated)

    @property
    def total_count(self) -> int:
        return len(self.lines)

    @property
    def coverage(self) -> str:
        return rated_summary(self.rated_count, self.total_count)


def rated_summary(rated: int, total: int) -> str:
    """SPEC §1 step 2: the score says how many of the N criteria are rated."""
    noun = "criterion" if total == 1 else "criteria"
    return f"{rated} of {total} {noun} rated"


def explain_fit(criteria: Iterable, scores: dict[int, int]) -> Fit:
    """The fit of one employer, criterion by criterion; ``scores`` maps criterion id → rating."""
    return Fit(
        tuple(
            CriterionLine(
                name=criterion.name, weight=criterion.weight, score=scores.get(criterion.pk)
            )
            for criterion in criteria
        )
    )
