"""Writes of the employers area that span rows or models, each one transaction."""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, models, transaction
from django.db.models import F

from networking.employers.models import (
    CriteriaSuggestion,
    Criterion,
    Employer,
    Rating,
    tidy_name,
)
from networking.employers.selectors import SUGGESTED_CRITERIA


def add_suggested_criteria(*, owner) -> bool:
    """SPEC §1 step 2, "3 suggested, once": the seeker takes the three suggested criteria.

    The suggestion is remembered, so a seeker who deletes them all is not offered them
    again, and a seeker who already wrote criteria is left alone (a page left open, a double
    submit). True when they were added.
    """
    if CriteriaSuggestion.objects.filter(owner=owner).exists():
        return False
    try:
        with transaction.atomic():
            CriteriaSuggestion.objects.create(owner=owner)
            if Criterion.objects.owned_by(owner).exists():
                return False
            Criterion.objects.bulk_create(
                Criterion(owner=owner, name=name, weight=weight, position=index)
                for index, (name, weight) in enumerate(SUGGESTED_CRITERIA)
            )
    except IntegrityError:  # a second tab got there first
        return False
    return True


def mark_suggestions_offered(user) -> None:
    """Record that the seeker needs no suggested criteria (e.g. the demo writes its own)."""
    CriteriaSuggestion.objects.get_or_create(owner=user)


def next_position(user) -> int:
    last = Criterion.objects.owned_by(user).order_by("-position").values_list("position", flat=True)
    return (last.first() or 0) + 1


@transaction.atomic
def move_criterion(criterion, direction: str) -> bool:
    """Swap a criterion with its neighbour above ("up") or below ("down").

    Positions are renumbered 0…n−1 on the way, so the order stays a clean
    sequence whatever it was before. False when it is already at that end.
    """
    siblings = list(
        Criterion.objects.owned_by(criterion.owner_id)
        .select_for_update()
        .order_by("position", "id")
    )
    index = next(i for i, other in enumerate(siblings) if other.pk == criterion.pk)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(siblings):
        return False
    siblings[index], siblings[target] = siblings[target], siblings[index]
    for position, other in enumerate(siblings):
        other.position = position
    Criterion.objects.bulk_update(siblings, ["position"])
    return True


def employer_named(*, owner, name: str) -> Employer:
    """The seeker's employer of that name, created when missing: the one way a typed name
    becomes an employer (the contact form, the debrief's referrals, the CSV import).

    Spaces are collapsed and the name is matched the way the database's unique name per
    seeker matches (``Employer.objects.named``): "lumen  labs" finds "Lumen Labs", and a
    name the index takes for one already there (on PostgreSQL, "İstanbul Ltd" beside
    "Istanbul Ltd") joins it instead of being refused.

    Two saves at once that both type a new name race past the lookup; the database's unique
    name per seeker refuses the second, which then joins the employer the first one added.
    """
    name = tidy_name(name)
    named = Employer.objects.owned_by(owner).named(name)
    existing = named.first()
    if existing:
        return existing
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction goes on
            return Employer.objects.create(owner=owner, name=name)
    except IntegrityError:
        twin = named.first()
        if twin is None:
            raise
        return twin


def rescore(employers) -> int:
    """Store the fit score and the rated count of ``employers`` (a queryset or ids), worked
    out from their ratings and the criteria's weights in one ``UPDATE`` (SPEC §1 step 2).

    Every write that changes a rating or a weight calls it in its own transaction, after
    taking the seeker's turn (``take_turns``): two such writes at once run one after the
    other, so the second sums the ratings the first committed. Returns how many employers
    it rescored.
    """
    if not isinstance(employers, models.QuerySet):
        employers = Employer.objects.filter(pk__in=list(employers))
    derived = Employer.objects.filter(pk=models.OuterRef("pk")).with_derived_fit()
    return employers.update(
        fit_score=models.Subquery(derived.values("derived_fit_score")[:1]),
        rated_count=models.Subquery(derived.values("derived_rated_count")[:1]),
    )


def stale_scores(employers=None):
    """The employers whose stored score differs from their ratings (none, when every write
    went through this module): what ``manage.py rescore_employers`` repairs."""
    employers = (employers if employers is not None else Employer.objects.all()).with_derived_fit()
    return employers.exclude(
        fit_score__isnull=True, derived_fit_score__isnull=True, rated_count=F("derived_rated_count")
    ).exclude(fit_score=F("derived_fit_score"), rated_count=F("derived_rated_count"))


@transaction.atomic
def save_employer(employer, *, scores: dict) -> None:
    """Save an employer and its ratings together: ``scores`` maps criterion → 1–5 or None.

    None means unrated (SPEC §1 step 2): its rating row, if any, is removed. Ratings
    are upserted, so a form submitted twice at once cannot trip the one-rating rule. The fit
    score is stored with them.
    """
    get_user_model().objects.take_turns(employer.owner_id)
    employer.save()
    unrated = [criterion for criterion, score in scores.items() if score is None]
    if unrated:
        Rating.objects.filter(employer=employer, criterion__in=unrated).delete()
    Rating.objects.bulk_create(
        [
            Rating(employer=employer, criterion=criterion, score=score)
            for criterion, score in scores.items()
            if score is not None
        ],
        update_conflicts=True,
        unique_fields=["employer", "criterion"],
        update_fields=["score"],
    )
    rescore([employer.pk])
    employer.refresh_from_db(fields=["fit_score", "rated_count"])


@transaction.atomic
def save_criterion(criterion) -> None:
    """Save a criterion; a new weight rescores every employer rated on it."""
    get_user_model().objects.take_turns(criterion.owner_id)
    criterion.save()
    rescore(Employer.objects.filter(ratings__criterion=criterion))


@transaction.atomic
def delete_criterion(criterion) -> None:
    """Delete a criterion and its ratings; the employers rated on it are rescored without it."""
    get_user_model().objects.take_turns(criterion.owner_id)
    rated = list(Rating.objects.filter(criterion=criterion).values_list("employer_id", flat=True))
    criterion.delete()
    rescore(rated)


@transaction.atomic
def rate(ratings) -> None:
    """Add ratings in bulk to a seeker being set up (the demo's employers), where nothing else
    writes at once: saved, then their employers rescored."""
    ratings = list(ratings)
    Rating.objects.bulk_create(ratings)
    rescore({rating.employer_id for rating in ratings})
