"""Named instants the suite freezes time at, and the ways to freeze a test there.

A test whose outcome depends on "today" or "now" runs at one of these instants, never at the
machine's. ``@at(MONDAY_NOON)``, or ``pytestmark = [..., at(MONDAY_NOON)]`` for a module,
freezes it there before its fixtures run. ``@at_each(MONDAY_NOON, SATURDAY_NOON)`` runs it once
at each, the instant passed in as ``now``. ``now = frozen_at(MONDAY_NOON, SATURDAY_NOON)`` in a
module is a ``now`` fixture doing the same for every test and fixture that asks for it. The
seekers of the suite live in Toronto (UTC-5 in winter): each instant says what day it is there.

``SCHMOOZE_TEST_NOW`` (or ``--now``) starts the whole run at an instant, the clock ticking on
from there (see ``tests/conftest.py``); ``make test-clock`` runs the suite from Saturday 00:30,
12:00 and 23:30 UTC and from Monday 09:00 UTC: a weekend, and hours at which the UTC date and
Toronto's disagree.
"""

from datetime import UTC, datetime

import pytest
import time_machine

# Monday 30 November 2026, 07:00 in Toronto: a business day in both zones.
MONDAY_NOON = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
# Saturday 5 December 2026 in UTC, still Friday 19:30 in Toronto: the two dates disagree.
SATURDAY_SMALL_HOURS = datetime(2026, 12, 5, 0, 30, tzinfo=UTC)
# Saturday, 07:00 in Toronto: a weekend day in both zones.
SATURDAY_NOON = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
# Saturday 23:30 UTC, 18:30 in Toronto: half an hour before Sunday in UTC.
SATURDAY_LATE = datetime(2026, 12, 5, 23, 30, tzinfo=UTC)


def at(instant: datetime) -> pytest.MarkDecorator:
    """Freeze a test at ``instant``, the clock standing still (time-machine's mark)."""
    return pytest.mark.time_machine(instant, tick=False)


def at_each(*instants: datetime) -> pytest.MarkDecorator:
    """Run a test once frozen at each of ``instants``; it reads the instant as ``now``."""
    return pytest.mark.parametrize(
        "now", [pytest.param(instant, marks=at(instant), id=label(instant)) for instant in instants]
    )


def frozen_at(*instants: datetime):
    """A ``now`` fixture: each test using it runs once frozen at each of ``instants``."""

    @pytest.fixture(params=instants, ids=label)
    def now(request):
        with time_machine.travel(request.param, tick=False):
            yield request.param

    return now


def label(instant: datetime) -> str:
    """``Sat-0030Z``: the day and time of an instant in UTC, for test ids and headers."""
    return instant.astimezone(UTC).strftime("%a-%H%MZ")


def parse_instant(text: str) -> datetime:
    """An ISO 8601 instant such as ``2026-12-05T00:30:00Z``; it must name its offset."""
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        raise ValueError(f"{text!r} names no offset: write it as 2026-12-05T00:30:00Z")
    return moment
