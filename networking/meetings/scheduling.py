"""When a meeting may happen and for how long (SPEC §5), in words a seeker understands."""

import enum
from datetime import datetime
from zoneinfo import ZoneInfo

from core.business_days import CLOSES, OPENS, closed_reason
from core.rules import ACCEPTED_MINUTES as ACCEPTED
from core.rules import RECOMMENDED_MINUTES as RECOMMENDED
from core.rules import span, words

LENGTH_REFUSAL = (
    f"An informational meeting lasts {words('meeting_length')} ({span(ACCEPTED)} at the very most)."
)


class LengthVerdict(enum.Enum):
    RECOMMENDED = "recommended"
    ACCEPTED = "accepted"  # allowed, with a warning
    INVALID = "invalid"


def judge_length(minutes: int | None) -> LengthVerdict:
    """SPEC §5: 15–20 minutes recommended; 10–30 accepted with a warning; anything else invalid
    (the limits: ``core.rules``)."""
    if minutes is None or minutes not in ACCEPTED:
        return LengthVerdict.INVALID
    if minutes in RECOMMENDED:
        return LengthVerdict.RECOMMENDED
    return LengthVerdict.ACCEPTED


def outside_hours_reason(
    start: datetime, end: datetime, zone: ZoneInfo, name: str, country: str = ""
) -> str:
    """Why ``start``–``end`` falls outside Mon–Fri 09:00–17:00 in the contact's ``zone``, or on
    a public holiday of their ``country`` (SPEC §6a), named: "Friday 25 December 2026 is
    Christmas Day in Germany".

    Called once ``core.business_days.within_business_hours`` has said no; it only explains.
    """
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    where = f"{name}'s time ({zone.key})"
    when = f"{local_start:%A} {local_start.day} {local_start:%B, %H:%M}"
    if local_start.weekday() >= 5:
        return (
            f"That is {when} in {where}, a weekend day: meetings happen Monday to Friday, "
            "09:00–17:00 their time."
        )
    closed = closed_reason(local_start.date(), country)  # a weekday closed: a public holiday
    if closed:
        return (
            f"{closed}: a public holiday for {name}, so pick a business day (Monday to "
            "Friday, 09:00–17:00 their time)."
        )
    if local_start.time() < OPENS:
        return (
            f"That starts at {local_start:%H:%M} in {where}, before their business hours "
            "(09:00–17:00)."
        )
    if local_start.time() >= CLOSES:
        return (
            f"That starts at {local_start:%H:%M} in {where}, after their business hours "
            "(09:00–17:00)."
        )
    if local_end.date() != local_start.date() or local_end.time() > CLOSES:
        return (
            f"It would end at {local_end:%H:%M} in {where}, after their business hours end "
            "at 17:00. Start earlier or make it shorter."
        )
    return f"That is {when} in {where}, outside their business hours (Mon–Fri 09:00–17:00)."
