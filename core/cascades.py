"""What deleting a record deletes with it, said before the seeker confirms.

A delete page of a lower app must name what the apps above keep about the record (an
employer's contacts, their outreach, meetings and tasks) without knowing those apps. So it
follows the same cascades as the deletion itself, through the model graph.
"""

import operator
from collections import defaultdict
from dataclasses import dataclass
from functools import reduce

from django.db.models import CASCADE, Q


@dataclass(frozen=True)
class GoesWith:
    count: int
    name: str  # the model's verbose name, plural unless one

    def __str__(self):
        return f"{self.count} {self.name}"


def what_goes_with(record) -> list[GoesWith]:
    """The records that deleting ``record`` deletes too, one count per kind of record.

    Queries grow with the kinds of record, never with their number. Rows that only link
    two records (a meeting's value statements) are left out: nobody would miss them.
    """
    paths = defaultdict(list)
    model = type(record)
    _follow_cascades(model, model._base_manager.filter(pk=record.pk).values("pk"), paths)
    found = []
    for related, querysets in paths.items():
        anywhere = reduce(operator.or_, (Q(pk__in=queryset) for queryset in querysets))
        count = related._base_manager.filter(anywhere).count()
        if count:
            meta = related._meta
            name = meta.verbose_name if count == 1 else meta.verbose_name_plural
            found.append(GoesWith(count, str(name)))
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
