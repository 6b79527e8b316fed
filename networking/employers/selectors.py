"""Reads of the employers area, named for what the seeker asks of them."""

from dataclasses import dataclass

from django.db.models import Q

from core.ladder import Level, advice_for, ideal_level_for
from networking.employers.models import CriteriaSuggestion, Criterion, Employer, related_count
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
class ContactAdvice:
    contact: object
    advice: object


@dataclass(frozen=True)
class EmployerPage:
    """Everything the employer page shows, read in a fixed number of queries."""

    employer: Employer
    fit: Fit
    contacts: list[ContactAdvice]
    ideal_level: Level

    @property
    def ideal_contacts(self) -> list:
        return [item.contact for item in self.contacts if item.advice.is_ideal]


def employer_page(employer, user) -> EmployerPage:
    """SPEC §1 steps 2–3 for one employer: the score explained, its contacts and advice (§3).

    Contacts are read through the reverse relation ``contacts`` by name, so this app
    never imports the later ones; the page's meetings panel comes from the meetings app.
    """
    criteria = list(Criterion.objects.owned_by(user))
    scores = dict(employer.ratings.values_list("criterion_id", "score"))
    contacts = list(employer.contacts.filter(owner=user))
    return EmployerPage(
        employer=employer,
        fit=explain_fit(criteria, scores),
        contacts=[
            ContactAdvice(contact, advice_for(contact.level, contact.function, user.target_level))
            for contact in contacts
        ],
        ideal_level=ideal_level_for(user.target_level),
    )


def what_goes_with(employer) -> dict:
    """What deleting an employer deletes too: its ratings, contacts and their history."""
    paths = {
        "ratings": "ratings",
        "contacts": "contacts",
        "outreach": "contacts__outreach",
        "meetings": "contacts__meetings",
    }
    counts = (
        Employer.objects.filter(pk=employer.pk)
        .annotate(**{f"{name}_count": related_count(path) for name, path in paths.items()})
        .values(*(f"{name}_count" for name in paths))
        .get()
    )
    return {name: counts[f"{name}_count"] for name in paths}
