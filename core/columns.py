"""Columns that an app higher in the walk computes for the querysets of an app below it.

An employer ranks higher when the seeker already has a contact there (SPEC §1 step 2), and
a contact's status depends on their meetings (SPEC §4), yet employers know nothing of
contacts and contacts nothing of meetings. So the lower app declares the columns it needs,
with a default that holds while nothing above fills them; the app that owns the data
provides the expression from its ``AppConfig.ready()``. Filling a column is a promise of
its meaning: the lower app's rules read the name, the higher app knows how to count it.
"""

from collections.abc import Callable
from datetime import datetime

from django.db.models import Expression, Value
from django.utils import timezone

# An expression for the column, correlated to the outer row with ``OuterRef("pk")``, at the
# instant ``now`` (Python's clock, so that every column of one request agrees on the time).
Provider = Callable[[datetime], Expression]


class Columns:
    """The columns a queryset of a lower app asks the apps above it for."""

    def __init__(self, name: str, **defaults: Value):
        self.name = name
        self.defaults = defaults
        self.providers: dict[str, Provider] = {}

    def provide(self, column: str, provider: Provider) -> None:
        if column not in self.defaults:
            raise ValueError(
                f"{self.name} asks for no column {column!r}; "
                f"it asks for {', '.join(self.defaults)}."
            )
        self.providers[column] = provider

    def expressions(self, *columns: str, now: datetime | None = None) -> dict[str, Expression]:
        """The columns named (all by default), from their providers, else their defaults."""
        now = now or timezone.now()
        return {
            column: self.providers[column](now) if column in self.providers else default
            for column, default in self.defaults.items()
            if not columns or column in columns
        }
