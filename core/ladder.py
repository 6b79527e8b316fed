"""The seniority ladder and the targeting advice of SPEC §3.

One place for the levels, so employers, contacts, meetings and the admin all
speak of the same ladder in the same order.
"""

from dataclasses import dataclass

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


@dataclass(frozen=True)
class Advice:
    """What Schmooze says about meeting a contact, from their seniority (SPEC §3)."""

    code: str
    label: str
    text: str
    tone: str  # a Bootstrap contextual colour for the badge

    @property
    def is_ideal(self) -> bool:
        return self.code == "ideal"


HR = Advice(
    "hr",
    "HR / recruiter",
    "Recruiters screen candidates; aim for the line manager two steps above the role.",
    "danger",
)
IDEAL = Advice(
    "ideal",
    "Ideal target",
    "Two steps above the role you want: the person who hires your future boss.",
    "success",
)
SENIOR = Advice(
    "senior",
    "Senior",
    "Above the ideal level: worth it if reachable, but may delegate you.",
    "info",
)
ONE_UP = Advice(
    "one_up",
    "One step above",
    "Your future boss: good insight into the team and the work.",
    "primary",
)
PEER = Advice(
    "peer",
    "Peer insider",
    "At or below the role you want: good information, little influence.",
    "secondary",
)
UNKNOWN = Advice(
    "unknown",
    "Level unknown",
    "Set their level to see whether they are the right person to meet.",
    "light",
)


def advice_for(level: str, function: str, target_level: str) -> Advice:
    """SPEC §3, in its order: HR first, then the contact's level against the ideal level."""
    if function == "hr":
        return HR
    if not level:
        return UNKNOWN
    rank, target, ideal = rank_of(level), rank_of(target_level), ideal_level_for(target_level).rank
    if rank == ideal:
        return IDEAL
    if rank > ideal:
        return SENIOR
    if rank > target:
        return ONE_UP
    return PEER
