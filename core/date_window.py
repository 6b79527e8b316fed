"""The window every date-time a person types must fall in (STYLE: bound what people type).

Date-times are typed as the browser's ``datetime-local`` in the seeker's zone (SPEC §7). A
slipped year (9999, 0201, 2062) must be a form error, never a stored date that no page can
show again: year 9999 typed in a zone west of UTC is year 10000 in UTC, which Python cannot
hold and PostgreSQL hands back as an error on every read.

The window is checked on the instant, after conversion to UTC: from 1 Jan 2000 to the end of
the day two years ahead. Any instant inside the wider ``READABLE`` window can be shown in
every zone and counted from in business days; the progress app's migration 0001 repaired
the stored rows that were outside it.
"""

from datetime import UTC, date, datetime, time, timedelta, tzinfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateformat import format as format_date

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
YEARS_AHEAD = 2
READABLE = (EARLIEST, datetime(2100, 1, 1, tzinfo=UTC))


def last_day(now: datetime | None = None) -> date:
    """The last day a person may pick: today two years on, in the active (their) zone.

    28 Feb stands for a 29 Feb two years on.
    """
    today = timezone.localdate(now or timezone.now())
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def window_message(now: datetime | None = None) -> str:
    """``Pick a date between 1 Jan 2000 and 30 Nov 2028.``"""
    first, last = EARLIEST.date(), last_day(now)
    return f"Pick a date between {format_date(first, 'j M Y')} and {format_date(last, 'j M Y')}."


def validate_within_window(value: datetime | None) -> None:
    """Refuse an instant before 2000 or more than two years ahead, saying which and the window.

    An instant that cannot even be converted to UTC (year 9999 in a zone west of it) is
    outside the window too, and is refused the same way.
    """
    if value is None:
        return
    now = timezone.now()
    try:
        instant = value.astimezone(UTC) if timezone.is_aware(value) else value.replace(tzinfo=UTC)
    except (OverflowError, ValueError):
        instant = None
    # The end of the last day, in the active zone, as an instant.
    end = timezone.make_aware(datetime.combine(last_day(now) + timedelta(days=1), time.min))
    if instant is not None and EARLIEST <= instant < end:
        return
    too_early = value.year < EARLIEST.year if instant is None else instant < EARLIEST
    reason = "That is before 2000" if too_early else "That is more than two years away"
    raise ValidationError(f"{reason}: check the year. {window_message(now)}", code="out_of_window")


class BoundedDateTimeField(forms.DateTimeField):
    """A ``datetime-local`` input, read in the active (the seeker's) zone, inside the window.

    Every form where a person types a date-time uses it: an outreach attempt's sending and
    answer, a reply, a meeting's start, and so the booking form's live hint.
    """

    default_validators = [validate_within_window]

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL)
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        # Reading a date-time in the active zone can itself fail at the ends of the calendar:
        # that is a date outside the window, not a server error.
        try:
            return super().to_python(value)
        except (OverflowError, ValueError):
            raise ValidationError(
                f"That date is out of range. {window_message()}", code="out_of_window"
            ) from None


def readable(moment: datetime) -> datetime:
    """``moment`` moved inside ``READABLE``, for arithmetic that must not fail on a bad date.

    Only a date stored before dates were bounded can be outside it; its page still opens.
    """
    return min(max(moment, READABLE[0]), READABLE[1])


def local_day(moment: datetime, zone: tzinfo) -> date:
    """The day a stored ``moment`` falls on in ``zone`` (read inside ``READABLE``)."""
    return readable(moment).astimezone(zone).date()
