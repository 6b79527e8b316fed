from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.business_days import (
    add_business_days,
    business_days_after,
    business_days_before,
    business_days_between,
    counting_day,
    next_business_day,
    within_business_hours,
)

TORONTO = ZoneInfo("America/Toronto")
TOKYO = ZoneInfo("Asia/Tokyo")
UTC = ZoneInfo("UTC")
# 2026-12-04 is a Friday.
FRI = date(2026, 12, 4)


def test_next_business_day_skips_the_weekend():
    assert next_business_day(FRI) == date(2026, 12, 7)
    assert next_business_day(date(2026, 12, 5)) == date(2026, 12, 7)
    assert next_business_day(date(2026, 12, 1)) == date(2026, 12, 2)


def test_add_business_days_across_weekends():
    assert add_business_days(FRI, 1) == date(2026, 12, 7)
    assert add_business_days(date(2026, 12, 1), 7) == date(2026, 12, 10)
    assert add_business_days(FRI, 0) == FRI


@pytest.mark.parametrize(
    ("day", "count", "expected"),
    [
        (FRI, 0, FRI),
        (date(2026, 12, 5), 0, date(2026, 12, 5)),  # n=0 stays put, even on a Saturday
        (date(2026, 12, 7), 1, FRI),  # Monday → the Friday before
        (date(2026, 12, 5), 1, FRI),  # Saturday → Friday
        (date(2026, 12, 6), 1, FRI),  # Sunday → Friday
        (date(2026, 12, 1), 1, date(2026, 11, 30)),
        (date(2026, 12, 7), 5, date(2026, 11, 30)),  # a working week back
        (date(2026, 12, 9), 7, date(2026, 11, 30)),  # across one weekend
        (date(2026, 12, 14), 10, date(2026, 11, 30)),  # across two
    ],
)
def test_business_days_before_skips_weekends(day, count, expected):
    assert business_days_before(day, count) == expected


def test_business_days_before_undoes_add_business_days():
    for day in (date(2026, 11, 30) + timedelta(days=i) for i in range(14)):
        for count in range(12):
            back = business_days_before(day, count)
            assert back == day or back.weekday() < 5
            if day.weekday() < 5:
                assert add_business_days(back, count) == day
                assert business_days_between(back, day) == count


def test_business_days_between_counts_weekdays_after_the_start():
    assert business_days_between(date(2026, 12, 1), date(2026, 12, 10)) == 7
    assert business_days_between(FRI, date(2026, 12, 7)) == 1
    assert business_days_between(FRI, FRI) == 0
    assert business_days_between(date(2026, 12, 7), FRI) == 0


@pytest.mark.parametrize(
    ("local_time", "expected"),
    [((11, 59), date(2026, 12, 1)), ((12, 0), date(2026, 12, 1)), ((12, 1), date(2026, 12, 2))],
)
def test_a_request_after_noon_counts_from_the_next_business_day(local_time, expected):
    sent = datetime(2026, 12, 1, *local_time, tzinfo=TORONTO)
    assert counting_day(sent, TORONTO) == expected


def test_a_friday_afternoon_request_counts_from_monday():
    sent = datetime(2026, 12, 4, 15, 0, tzinfo=TORONTO)
    assert counting_day(sent, TORONTO) == date(2026, 12, 7)
    assert business_days_after(sent, TORONTO, 7) == date(2026, 12, 16)


def test_the_day_is_read_in_the_given_zone_across_the_date_line():
    # Monday 23:30 in Toronto is already Tuesday 13:30 in Tokyo: after noon there.
    sent = datetime(2026, 11, 30, 23, 30, tzinfo=TORONTO)
    assert counting_day(sent, TOKYO) == date(2026, 12, 2)
    assert counting_day(sent, TORONTO) == date(2026, 12, 1)


def test_business_hours_are_weekdays_nine_to_five_in_the_zone():
    assert within_business_hours(datetime(2026, 12, 1, 9, 0, tzinfo=TORONTO), TORONTO)
    assert not within_business_hours(datetime(2026, 12, 1, 8, 59, tzinfo=TORONTO), TORONTO)
    assert not within_business_hours(datetime(2026, 12, 1, 17, 0, tzinfo=TORONTO), TORONTO)
    assert not within_business_hours(datetime(2026, 12, 5, 10, 0, tzinfo=TORONTO), TORONTO)
    # 10:00 in Toronto is midnight in Tokyo.
    assert not within_business_hours(datetime(2026, 12, 1, 10, 0, tzinfo=TORONTO), TOKYO)


def test_a_meeting_must_also_end_by_five():
    start = datetime(2026, 12, 1, 16, 40, tzinfo=TORONTO)
    assert within_business_hours(start, TORONTO, end=datetime(2026, 12, 1, 17, 0, tzinfo=TORONTO))
    start = datetime(2026, 12, 1, 16, 50, tzinfo=TORONTO)
    assert not within_business_hours(
        start, TORONTO, end=datetime(2026, 12, 1, 17, 10, tzinfo=TORONTO)
    )
