"""Reads of the employers area, named for what the seeker asks of them."""

import operator
from collections import defaultdict
from dataclasses import dataclass
from functools import reduce

from django.db.models import CASCADE, Q

from networking.employers.models import Criterion, Employer
from networking.employers.scoring import Fit, explain_fit


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


@dataclass(frozen=True)
class GoesWith:
    count: int
    name: str


def what_goes_with(employer) -> list[GoesWith]:
    """What deleting an employer deletes too: its ratings, contacts and their history.

    It follows the same cascades as the deletion itself, through the model graph, so it
    names what the apps above keep about the employer's contacts without this app
    knowing them. One count per kind of record, whatever their number; rows that only link
    two records (a meeting's value statements) are left out: nobody would miss them.
    """
    paths = defaultdict(list)
    _follow_cascades(Employer, Employer.objects.filter(pk=employer.pk).values("pk"), paths)
    found = []
    for model, querysets in paths.items():
        anywhere = reduce(operator.or_, (Q(pk__in=queryset) for queryset in querysets))
        count = model._base_manager.filter(anywhere).count()
        if count:
            meta = model._meta
            found.append(
                GoesWith(count, str(meta.verbose_name if count == 1 else meta.verbose_name_plural))
            )
    return found


def _follow_cascades(model, rows, paths) -> None:
    """Every record that deleting ``rows`` of ``model`` deletes, as querysets per model."""
    for relation in model._meta.related_objects:
        related = relation.related_model
        if relation.on_delete is not CASCADE or related._meta.auto_created:
            continue
        reached = related._base_manager.filter(**{f"{relation.field.name}__in": rows}).values("pk")
        paths[related].append(reached)
        _follow_cascades(related, reached, paths)
