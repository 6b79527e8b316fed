"""The seniority ladder and the targeting advice of SPEC §3.

One place for the levels, so employers, contacts, meetings and the admin all
speak of the same ladder in the same order.
"""

from django.db import models


class Level(models.TextChoices):
    """Levels in order, from front-line staff to the C-suite (SPEC §3)."""

    STAFF = "staff", "Front-line staff"
    SUPERVISOR = "supervisor", "Supervisor"
    MANAGER = "manager", "Manager"
    DIRECTOR = "director", "Director"
    VP = "vp", "Vice president"
    EXECUTIVE = "executive", "Executive (C-level)"

    @property
    def rank(self) -> int:
        return LADDER.index(self)


LADDER: list[Level] = list(Level)


def rank_of(level: str) -> int:
    """Position of ``level`` on the ladder, 0 for front-line staff."""
    return LADDER.index(Level(level))


def ideal_level_for(target_level: str) -> Level:
    """SPEC §3: the ideal contact is two steps above the role you want, capped at executive."""
    return LADDER[min(rank_of(target_level) + 2, len(LADDER) - 1)]
