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


# Which rung a job sits on, told by what the job does and titles it goes by. An individual
# contributor is placed by whom they report to: a "Senior Product Designer" reports to a design
# manager, one rung below: the supervisor's rung, so the person to meet is a director.
RUNGS: dict[Level, str] = {
    Level.STAFF: (
        "Individual contributors early in their field, who report to a team lead: "
        "Product Designer, Account Executive, Analyst, Nurse"
    ),
    Level.SUPERVISOR: (
        "Senior individual contributors and team leads, who report to a manager: "
        "Senior Product Designer, Lead UX Researcher, Team Lead, Shift Supervisor"
    ),
    Level.MANAGER: (
        "Manage people and hire for the team: Design Manager, Engineering Manager, Store Manager"
    ),
    Level.DIRECTOR: "Run a department through managers: Director of Design, Head of Product",
    Level.VP: "Run a whole function: VP Product, VP Engineering, VP Sales",
    Level.EXECUTIVE: "The C-suite: CEO, COO, CFO, CAO, Chief Product Officer",
}


@dataclass(frozen=True)
class Rung:
    """One level of the ladder as a seeker reads it where they pick a level."""

    level: Level
    examples: str
    aim_for: Level  # whom to meet when the role you want sits here (SPEC §3)
    is_target: bool
    is_ideal: bool


def rungs(target_level: str = "") -> list[Rung]:
    """The ladder from the top down, each rung with its examples and whom to aim for from it;
    ``target_level`` (the seeker's) marks their rung and the ideal one."""
    ideal = ideal_level_for(target_level) if target_level else None
    return [
        Rung(level, RUNGS[level], ideal_level_for(level), level == target_level, level == ideal)
        for level in reversed(LADDER)
    ]


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
