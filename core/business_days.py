"""Business days and business hours (SPEC §4, §5, §6a), shared by outreach, meetings and reminders.

Business hours are Monday–Friday 09:00–17:00 in the *contact's* time zone. Business days are
Monday to Friday, less the public holidays of the country concerned (SPEC §6a): the
contact's (``Contact.country``) for booking and follow-ups, the seeker's (``User.country``)
for their own tasks (thank-you notes, the morning email). The holidays come from the
``holidays`` package, kept per country and year for the life of the process: the dashboard
asks about many dates. No country ("") means weekends only.
"""

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from core.countries import in_country, is_known_country
from core.date_window import readable

OPENS = time(9, 0)
CLOSES = time(17, 0)
NOON = time(12, 0)


@lru_cache(maxsize=2048)
def public_holidays(country: str, year: int) -> dict[date, str]:
    """The public holidays of ``country`` in ``year``, by date, named in English."""
    if not country or not is_known_country(country):
        return {}
    # English names where the package has them; a country without keeps its own.
    table = holidays.country_holidays(country, years=year, language="en_US")
    return {day: name for day, name in table.items() if day.year == year}


def holiday_on(day: date, country: str = "") -> str | None:
    """The name of ``country``'s public holiday on ``day`` ("Christmas Day"), or None."""
    return public_holidays(country, day.year).get(day) if country else None


def is_business_day(day: date, country: str = "") -> bool:
    """Monday to Friday, and not one of ``country``'s public holidays."""
    return day.weekday() < 5 and (not country or day not in public_holidays(country, day.year))


def closed_reason(day: date, country: str = "") -> str | None:
    """Why ``day`` is no business day: "Friday 25 December 2026 is Christmas Day in Germany",
    "Saturday 26 December 2026 is a weekend day", or None on a business day."""
    label = f"{day:%A} {day.day} {day:%B %Y}"
    if day.weekday() >= 5:
        return f"{label} is a weekend day"
    name = holiday_on(day, country)
    if name:
        return f"{label} is {name} in {in_country(country)}"
    return None


def next_business_day(day: date, country: str = "") -> date:
    """The first business day strictly after ``day``."""
    day += timedelta(days=1)
    while not is_business_day(day, country):
        day += timedelta(days=1)
    return day


@lru_cache(maxsize=16384)  # a pure function of its arguments; lists ask it of few dates
def add_business_days(day: date, count: int, country: str = "") -> date:
    """``day`` moved forward by ``count`` business days (weekends and holidays skipped)."""
    for _ in range(count):
        day = next_business_day(day, country)
    return day


def business_days_before(day: date, count: int, country: str = "") -> date:
    """SPEC §4: ``day`` moved back by ``count`` business days.

    The mirror of ``add_business_days``: a count of 0 is ``day`` itself, even on a weekend;
    a count of 1 is the last business day strictly before ``day``.
    """
    for _ in range(count):
        day -= timedelta(days=1)
        while not is_business_day(day, country):
            day -= timedelta(days=1)
    return day


def business_days_between(start: date, end: date, country: str = "") -> int:
    """Business days after ``start`` up to and including ``end`` (0 when end <= start)."""
    if end <= start:
        return 0
    weeks, extra = divmod((end - start).days, 7)
    count = weeks * 5
    day = start
    for _ in range(extra):
        day += timedelta(days=1)
        count += day.weekday() < 5
    if country:
        for year in range(start.year, end.year + 1):
            count -= sum(
                1
                for holiday in public_holidays(country, year)
                if start < holiday <= end and holiday.weekday() < 5
            )
    return count


def counting_day(moment: datetime, zone: ZoneInfo, country: str = "") -> date:
    """SPEC §4: the day business days count from for a message sent at ``moment``.

    Sent on a business day up to 12:00 in ``zone``: that day. Sent after 12:00,
    or on a weekend or a public holiday of ``country``: the next business day. A moment
    stored out of range before dates were bounded counts from the edge of the readable
    window rather than failing the page.
    """
    local = readable(moment).astimezone(zone)
    day = local.date()
    if not is_business_day(day, country):
        return next_business_day(day, country)
    if local.time().replace(tzinfo=None) > NOON:
        return next_business_day(day, country)
    return day


def business_days_after(moment: datetime, zone: ZoneInfo, count: int, country: str = "") -> date:
    """The date ``count`` business days after a message sent at ``moment`` (see counting_day)."""
    return add_business_days(counting_day(moment, zone, country), count, country)


def within_business_hours(
    start: datetime, zone: ZoneInfo, end: datetime | None = None, country: str = ""
) -> bool:
    """SPEC §4/§5: ``start`` (and ``end``, if given) fall Mon–Fri 09:00–17:00 in ``zone``, on
    no public holiday of ``country``.

    A meeting must also end on the day it starts.
    """
    local_start = readable(start).astimezone(zone)
    if not is_business_day(local_start.date(), country):
        return False
    if not OPENS <= local_start.time().replace(tzinfo=None) <= CLOSES:
        return False
    if end is None:
        return local_start.time().replace(tzinfo=None) < CLOSES
    local_end = readable(end).astimezone(zone)
    return (
        local_end.date() == local_start.date() and local_end.time().replace(tzinfo=None) <= CLOSES
    )
