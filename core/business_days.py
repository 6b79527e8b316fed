"""Business days and business hours (SPEC §4, §5), shared by outreach and meetings.

Business hours are Monday–Friday 09:00–17:00 in the *contact's* time zone.
Public holidays are not known to Schmooze; a seeker who writes on one is
trusted to know better.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.date_window import readable

OPENS = time(9, 0)
CLOSES = time(17, 0)
NOON = time(12, 0)


def is_business_day(day: date) -> bool:
    return day.weekday() < 5


def next_business_day(day: date) -> date:
    """The first business day strictly after ``day``."""
    day += timedelta(days=1)
    while not is_business_day(day):
        day += timedelta(days=1)
    return day


def add_business_days(day: date, count: int) -> date:
    """``day`` moved forward by ``count`` business days (weekends skipped)."""
    for _ in range(count):
        day = next_business_day(day)
    return day


def business_days_before(day: date, count: int) -> date:
    """SPEC §4: business days are Monday–Friday; ``day`` moved back by ``count`` of them.

    The mirror of ``add_business_days``: a count of 0 is ``day`` itself, even on a weekend;
    a count of 1 is the last business day strictly before ``day``.
    """
    for _ in range(count):
        day -= timedelta(days=1)
        while not is_business_day(day):
            day -= timedelta(days=1)
    return day


def business_days_between(start: date, end: date) -> int:
    """Business days after ``start`` up to and including ``end`` (0 when end <= start)."""
    if end <= start:
        return 0
    weeks, extra = divmod((end - start).days, 7)
    count = weeks * 5
    day = start
    for _ in range(extra):
        day += timedelta(days=1)
        count += is_business_day(day)
    return count


def counting_day(moment: datetime, zone: ZoneInfo) -> date:
    """SPEC §4: the day business days count from for a message sent at ``moment``.

    Sent on a business day up to 12:00 in ``zone``: that day. Sent after 12:00,
    or on a weekend: the next business day. A moment stored out of range before dates were
    bounded counts from the edge of the readable window rather than failing the page.
    """
    local = readable(moment).astimezone(zone)
    day = local.date()
    if not is_business_day(day):
        return next_business_day(day)
    if local.time().replace(tzinfo=None) > NOON:
        return next_business_day(day)
    return day


def business_days_after(moment: datetime, zone: ZoneInfo, count: int) -> date:
    """The date ``count`` business days after a message sent at ``moment`` (see counting_day)."""
    return add_business_days(counting_day(moment, zone), count)


def within_business_hours(start: datetime, zone: ZoneInfo, end: datetime | None = None) -> bool:
    """SPEC §4/§5: ``start`` (and ``end``, if given) fall Mon–Fri 09:00–17:00 in ``zone``.

    A meeting must also end on the day it starts.
    """
    local_start = readable(start).astimezone(zone)
    if not is_business_day(local_start.date()):
        return False
    if not OPENS <= local_start.time().replace(tzinfo=None) <= CLOSES:
        return False
    if end is None:
        return local_start.time().replace(tzinfo=None) < CLOSES
    local_end = readable(end).astimezone(zone)
    return (
        local_end.date() == local_start.date() and local_end.time().replace(tzinfo=None) <= CLOSES
    )
