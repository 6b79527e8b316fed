"""Reads of the employers area, named for what the seeker asks of them."""

from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import Lower

from networking.employers.models import CriteriaSuggestion, Criterion, Employer
from networking.employers.scoring import Fit, explain_fit

SUGGESTED_CRITERIA = [
    ("A culture where I would thrive", 5),
    ("A mission I care about", 4),
    ("Remote-friendly", 3),
]


def suggested_criteria_for(user, *, criteria_count: int) -> list[tuple[str, int]]:
    """SPEC §1 step 2, "3 suggested, once": the criteria offered to a seeker who has none.

    Offered until the seeker takes them (``services.add_suggested_criteria``) or writes
    their own; a seeker who took them and deleted them all is not offered them again.
    Empty when there is nothing to offer. One query, and none when the seeker has criteria.
    """
    if criteria_count or CriteriaSuggestion.objects.filter(owner=user).exists():
        return []
    return SUGGESTED_CRITERIA


def industries_of(user) -> list[str]:
    """The seeker's distinct industries for the list's filter, one per spelling in any case.

    The filter matches any case, so "Software" and "software" are one choice.
    """
    industries = (
        Employer.objects.owned_by(user)
        .exclude(industry="")
        .order_by()
        .values_list("industry", flat=True)
        .distinct()
    )
    unique = {}
    for industry in sorted(industries):  # the same spelling wins on every database
        unique.setdefault(industry.casefold(), industry)
    return sorted(unique.values(), key=str.casefold)


SEARCH_WORDS = 8  # every word is one more condition; a pasted essay must not reach the database


def filter_employers(queryset, *, status="", industry="", search=""):
    """The list's filters: status, industry (exact, any case), and a search box.

    Every word of the search must match the name, industry, location or notes;
    only the first ``SEARCH_WORDS`` distinct words count.
    """
    if status in Employer.Status.values:
        queryset = queryset.filter(status=status)
    if industry:
        queryset = queryset.filter(industry__iexact=industry)
    for word in list(dict.fromkeys(search.split()))[:SEARCH_WORDS]:
        queryset = queryset.filter(
            Q(name__icontains=word)
            | Q(industry__icontains=word)
            | Q(location__icontains=word)
            | Q(notes__icontains=word)
        )
    return queryset


@dataclass(frozen=True)
class EmployerPage:
    """What the employers app shows on an employer's page; the apps above add their panels."""

    employer: Employer
    fit: Fit


def employer_page(employer, user) -> EmployerPage:
    """SPEC §1 step 2 for one employer: the score explained.

    The people there and their advice (§3) come from the contacts app, the meetings from
    the meetings app: each fills a slot of the page (core/panels.py).
    """
    criteria = list(Criterion.objects.owned_by(user))
    scores = dict(employer.ratings.values_list("criterion_id", "score"))
    return EmployerPage(employer=employer, fit=explain_fit(criteria, scores))


def employers_matching(user, query: str, limit: int):
    """The seeker's employers whose name holds what was typed, by name (pickers)."""
    employers = Employer.objects.owned_by(user).only("pk", "name")
    if query:
        employers = employers.filter(name__icontains=query)
    return employers.order_by(Lower("name"), "pk")[:limit]
