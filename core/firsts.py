"""The first few rows of several lists of one model, and how many each holds, in two queries.

The dashboard shows the head of a dozen lists, each with "…and N more". Read one by one, each
list costs a query that Django builds and PostgreSQL plans, with its joins (the employer, the
contact) made for every row it sorts before the limit. ``first_of_each`` reads them in two:

1. the ids of each list's first rows, their rank and the list's length, for all the lists in
   one ``UNION ALL`` (each part a window over its own queryset: no join, no wide row);
2. those rows whole, by id, in one query that the caller shapes (``select_related``,
   annotations), then put back in each list's order.

Each list is still the queryset its app's selector names, in its own order; this only carries
them together. A list may name the same row as another: it is read once.
"""

from dataclasses import dataclass, field

from django.db import connections
from django.db.models import Count, IntegerField, QuerySet, Value, Window
from django.db.models.functions import RowNumber


@dataclass
class First:
    """The first ``rows`` of a list, and ``total``: how many rows the list holds in all
    (``None``: not counted)."""

    rows: list = field(default_factory=list)
    total: int | None = 0


def _ordering(queryset: QuerySet) -> list[str]:
    """The list's order: its own, else its model's (a list without one has no first rows)."""
    if not queryset.ordered:
        raise ValueError(f"{queryset.model.__name__}: a list needs an order to take its first rows")
    return list(queryset.query.order_by or queryset.model._meta.ordering)


def first_of_each(
    lists: dict[str, tuple], rows: QuerySet, *, also=()
) -> tuple[dict[str, First], dict]:
    """``{name: First}`` for each ``name: (queryset, how many rows to show)`` of ``lists``
    (querysets of one model), and every row read, by id. A list given as ``(queryset, shown,
    False)`` is not counted (its ``total`` is ``None``): its head alone is read, which its
    index may find without reading the rest.

    ``rows`` is the queryset the rows are read whole from (its ``select_related``, its
    annotations; scoped to the owner, as each list is); ``also``: ids of more rows to read
    with them (rows the caller chose another way).
    """
    parts = []
    counted = {name: list_[2:] != (False,) for name, list_ in lists.items()}
    for index, (name, (queryset, shown, *_)) in enumerate(lists.items()):
        length = Window(Count("pk")) if counted[name] else Value(None, IntegerField())
        ranked = queryset.annotate(
            listed_in=Value(index, output_field=IntegerField()),
            rank=Window(RowNumber(), order_by=_ordering(queryset)),
            listed=length,
        )
        if connections[queryset.db].features.supports_slicing_ordering_in_compound:
            # PostgreSQL: each part cut by its own LIMIT, its windows read over all its rows.
            part = ranked.values_list("listed_in", "pk", "rank", "listed")[:shown]
        else:
            # SQLite takes no LIMIT inside a UNION: each part keeps the ranks it shows.
            part = ranked.filter(rank__lte=shown).order_by()
            part = part.values_list("listed_in", "pk", "rank", "listed")
        parts.append(part)
    found = list(parts[0].union(*parts[1:], all=True)) if parts else []
    ids = {pk for _, pk, _, _ in found} | set(also)
    read = rows.in_bulk(ids) if ids else {}
    firsts = {name: First(total=0 if counted[name] else None) for name in lists}
    names = list(lists)
    for index, pk, _, listed in sorted(found, key=lambda row: (row[0], row[2])):
        first = firsts[names[index]]
        first.total = listed
        if pk in read:  # not deleted in between
            first.rows.append(read[pk])
    return firsts, read
