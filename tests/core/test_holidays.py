"""Public holidays are no business days (SPEC §6a), in the country concerned, and a country
defaults from a time zone."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from core.business_days import (
    add_business_days,
    business_days_after,
    business_days_before,
    business_days_between,
    closed_reason,
    counting_day,
    holiday_on,
    is_business_day,
    next_business_day,
    public_holidays,
    within_business_hours,
)
from core.countries import CountryField, country_of_zone, in_country, validate_country
from core.reminders import next_digest_at

THANKSGIVING = date(2026, 11, 26)  # Thursday
CHRISTMAS = date(2026, 12, 25)  # Friday
GOOD_FRIDAY = date(2026, 4, 3)
NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")


def test_a_countrys_public_holiday_is_no_business_day_and_has_its_name():
    assert not is_business_day(THANKSGIVING, "US")
    assert holiday_on(THANKSGIVING, "US") == "Thanksgiving Day"
    # Thanksgiving is a Thursday like any other in Germany; Christmas is a holiday in both.
    assert is_business_day(THANKSGIVING, "DE") and holiday_on(THANKSGIVING, "DE") is None
    assert holiday_on(CHRISTMAS, "DE") == "Christmas Day"
    assert not is_business_day(GOOD_FRIDAY, "GB") and not is_business_day(GOOD_FRIDAY, "DE")
    assert is_business_day(GOOD_FRIDAY, "US")
    # No country known: weekends only, as before.
    assert is_business_day(THANKSGIVING) and is_business_day(CHRISTMAS, "")


def test_the_reason_a_day_is_closed_names_the_holiday_and_the_country():
    assert closed_reason(THANKSGIVING, "US") == (
        "Thursday 26 November 2026 is Thanksgiving Day in the United States"
    )
    assert closed_reason(CHRISTMAS, "DE") == "Friday 25 December 2026 is Christmas Day in Germany"
    assert closed_reason(date(2026, 12, 26), "GB") == "Saturday 26 December 2026 is a weekend day"
    assert closed_reason(date(2026, 12, 1), "GB") is None


def test_counting_skips_the_holidays_of_the_country_asked():
    # Wednesday 25 November: the next business day is Friday in the US, Thursday in Germany.
    assert next_business_day(date(2026, 11, 25), "US") == date(2026, 11, 27)
    assert next_business_day(date(2026, 11, 25), "DE") == THANKSGIVING
    # Thursday 24 December: Christmas, Boxing Day on a Saturday, observed on Monday 28 in the UK.
    assert next_business_day(date(2026, 12, 24), "GB") == date(2026, 12, 29)
    assert next_business_day(date(2026, 12, 24), "DE") == date(2026, 12, 28)
    assert next_business_day(date(2026, 12, 24)) == CHRISTMAS
    assert add_business_days(date(2026, 11, 23), 7, "US") == date(2026, 12, 3)
    assert add_business_days(date(2026, 11, 23), 7) == date(2026, 12, 2)
    assert business_days_before(date(2026, 11, 27), 1, "US") == date(2026, 11, 25)


def test_business_days_between_leaves_out_the_holidays_on_weekdays():
    assert business_days_between(date(2026, 11, 23), date(2026, 11, 30)) == 5
    assert business_days_between(date(2026, 11, 23), date(2026, 11, 30), "US") == 4
    # Over the new year in Germany: Christmas (Fri) and New Year's Day (Fri) 2027; Boxing Day
    # falls on a Saturday and takes nothing.
    start, end = date(2026, 12, 21), date(2027, 1, 4)
    assert business_days_between(start, end) == 10
    assert business_days_between(start, end, "DE") == 8
    for country in ("US", "DE", "GB", ""):
        day, counted = start, 0
        while day < end:
            day = next_business_day(day, country)
            counted += day <= end
        assert business_days_between(start, end, country) == counted


def test_a_message_sent_on_a_holiday_counts_from_the_next_business_day():
    thanksgiving_morning = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)  # 10:00 in New York
    assert counting_day(thanksgiving_morning, NEW_YORK, "US") == date(2026, 11, 27)
    assert counting_day(thanksgiving_morning, NEW_YORK) == THANKSGIVING
    assert business_days_after(thanksgiving_morning, NEW_YORK, 7, "US") == date(2026, 12, 8)


def test_business_hours_are_closed_on_a_public_holiday():
    christmas_ten = datetime(2026, 12, 25, 9, 0, tzinfo=UTC)  # 10:00 in Berlin
    assert not within_business_hours(christmas_ten, BERLIN, country="DE")
    assert within_business_hours(christmas_ten, BERLIN)
    assert within_business_hours(datetime(2026, 12, 23, 9, 0, tzinfo=UTC), BERLIN, country="DE")


def test_no_morning_email_on_the_seekers_public_holiday():
    wednesday_evening = datetime(2026, 11, 25, 23, 0, tzinfo=UTC)
    assert next_digest_at(NEW_YORK, wednesday_evening, "US") == datetime(
        2026, 11, 27, 13, 0, tzinfo=UTC
    )
    assert next_digest_at(NEW_YORK, wednesday_evening) == datetime(2026, 11, 26, 13, 0, tzinfo=UTC)


def test_holidays_are_read_once_per_country_and_year():
    public_holidays.cache_clear()
    for day in range(1, 31):
        is_business_day(date(2026, 11, day), "US")
        is_business_day(date(2026, 12, day), "DE")
    info = public_holidays.cache_info()
    assert (info.misses, info.currsize) == (2, 2)


def test_a_country_defaults_from_the_time_zone():
    assert country_of_zone("Europe/Berlin") == "DE"
    assert country_of_zone("America/New_York") == "US"
    assert country_of_zone("Europe/London") == "GB"
    assert country_of_zone("America/Toronto") == "CA"
    assert country_of_zone("UTC") == ""
    assert country_of_zone("") == ""
    assert in_country("US") == "the United States" and in_country("DE") == "Germany"


def test_a_zone_under_an_old_alias_has_its_zones_country():
    assert country_of_zone("Asia/Calcutta") == "IN"
    assert country_of_zone("America/Montreal") == "CA"
    assert country_of_zone("US/Eastern") == "US"


@pytest.mark.parametrize("code", ["GB", "NZ", "DE"])
def test_a_country_whose_code_is_also_a_zone_alias_stays_selected(code):
    """ "GB" and "NZ" are old names of time zones too: the select shows the country."""
    html = CountryField().widget.render("country", code)
    assert f'<option value="{code}" selected>' in html


def test_a_country_without_known_holidays_is_refused():
    validate_country("DE")
    validate_country("")
    for value in ("XX", "de", "DEU"):
        with pytest.raises(ValidationError, match="not a country whose public holidays we know"):
            validate_country(value)
