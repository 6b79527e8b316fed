"""A typed date-time is bounded on its UTC instant: 1 Jan 2000 to two years ahead."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.date_window import BoundedDateTimeField, last_day, readable, validate_within_window

NOW = datetime(2026, 11, 30, 10, 15, tzinfo=UTC)
# At NOW it is still 29 Nov at UTC−11 and already 1 Dec at UTC+14: the last day one may pick
# is today two years on, in the seeker's own zone.
LAST_DAY = {
    "Pacific/Pago_Pago": "29 Nov 2028",
    "UTC": "30 Nov 2028",
    "Pacific/Kiritimati": "1 Dec 2028",
}
ZONES = list(LAST_DAY)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def clean_in(zone, typed):
    with timezone.override(ZoneInfo(zone)):
        return BoundedDateTimeField().clean(typed)


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("9999-12-31T23:59", "more than two years away"),
        ("2062-11-30T10:00", "more than two years away"),
        ("2028-12-02T12:00", "more than two years away"),
        ("1999-12-30T10:00", "before 2000"),
        ("0001-01-01T00:00", "before 2000"),
    ],
)
def test_a_date_outside_the_window_is_a_form_error_in_every_zone(zone, typed, reason):
    with pytest.raises(ValidationError) as refused:
        clean_in(zone, typed)
    assert refused.value.error_list[0].code == "out_of_window"
    assert reason in refused.value.messages[0]
    assert refused.value.messages[0].endswith(
        f"Pick a date between 1 Jan 2000 and {LAST_DAY[zone]}."
    )


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("typed", ["2000-01-02T00:00", "2026-11-30T10:30", "last day, 23:59"])
def test_a_date_inside_the_window_is_read_in_the_seekers_zone(zone, typed):
    if typed == "last day, 23:59":
        typed = datetime.strptime(LAST_DAY[zone], "%d %b %Y").strftime("%Y-%m-%dT23:59")
    value = clean_in(zone, typed)
    assert value == datetime.fromisoformat(typed).replace(tzinfo=ZoneInfo(zone))


@pytest.mark.parametrize("zone", ZONES)
def test_the_day_after_the_last_day_is_refused(zone):
    day_after = datetime.strptime(LAST_DAY[zone], "%d %b %Y") + timedelta(days=1)
    with pytest.raises(ValidationError, match="more than two years away"):
        clean_in(zone, day_after.strftime("%Y-%m-%dT00:00"))


def test_the_window_is_checked_after_conversion_to_utc():
    # 10:00 on 1 Jan 2000 in UTC+14 is still 1999 in UTC; 14:00 on 31 Dec 1999 in UTC−11 is not.
    with pytest.raises(ValidationError, match="before 2000"):
        clean_in("Pacific/Kiritimati", "2000-01-01T10:00")
    assert clean_in("Pacific/Pago_Pago", "1999-12-31T14:00") == datetime(
        2000, 1, 1, 1, 0, tzinfo=UTC
    )


def test_an_instant_that_cannot_be_converted_is_refused_not_raised():
    # 23:59 on 31 Dec 9999 at UTC−11 is year 10000 in UTC: Python cannot hold it.
    moment = datetime(9999, 12, 31, 23, 59, tzinfo=ZoneInfo("Pacific/Pago_Pago"))
    with pytest.raises(ValidationError, match="more than two years away"):
        validate_within_window(moment)
    with pytest.raises(ValidationError, match="before 2000"):
        validate_within_window(datetime(1, 1, 1, 0, 0, tzinfo=ZoneInfo("Pacific/Kiritimati")))


def test_the_field_offers_a_datetime_local_input():
    html = BoundedDateTimeField().widget.render("sent_at", datetime(2026, 12, 1, 10, 30))
    assert 'type="datetime-local"' in html and 'value="2026-12-01T10:30"' in html


def test_two_years_ahead_of_a_leap_day_is_the_28th():
    assert last_day(datetime(2028, 2, 29, 12, tzinfo=UTC)) == date(2030, 2, 28)


def test_a_stored_date_out_of_range_is_read_inside_the_readable_window():
    assert readable(datetime(9999, 12, 31, tzinfo=UTC)) == datetime(2100, 1, 1, tzinfo=UTC)
    assert readable(datetime(1, 1, 1, tzinfo=UTC)) == datetime(2000, 1, 1, tzinfo=UTC)
    assert readable(NOW) == NOW
