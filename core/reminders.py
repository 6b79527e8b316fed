"""What a seeker has asked to be reminded of, and how: the daily email and the calendar feed.

The seeker's row holds three facts, written only here: whether the daily email is on, when
the next one falls due (in UTC, so the scheduler finds the seekers due now with one indexed
query, whatever their zone), and the secret that opens their calendar feed.

The daily email goes out at 08:00 in the seeker's own zone on their business days (Monday to
Friday, less the public holidays of the seeker's country: ``core.business_days``). Its
unsubscribe link is signed, so it works without signing in and cannot be forged for another
seeker.
"""

import secrets
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core import signing
from django.db import transaction

from core.business_days import is_business_day

DIGEST_AT = time(8, 0)
# A digest later than this after its 08:00 (the scheduler was down) is skipped, not sent at night.
DIGEST_GRACE = timedelta(hours=6)
UNSUBSCRIBE_SALT = "schmooze.digest.unsubscribe"


def new_calendar_token() -> str:
    """43 URL-safe characters (256 random bits): the whole secret of a calendar feed."""
    return secrets.token_urlsafe(32)


def next_digest_at(zone: ZoneInfo, after: datetime, country: str = "") -> datetime:
    """The first 08:00 in ``zone`` on a business day of ``country`` strictly after ``after``,
    in UTC: no morning email on the seeker's public holidays (SPEC §6a)."""
    day = after.astimezone(zone).date()
    while True:
        if is_business_day(day, country):
            slot = datetime.combine(day, DIGEST_AT, tzinfo=zone)
            if slot > after:
                return slot.astimezone(UTC)
        day += timedelta(days=1)


def digest_day(zone: ZoneInfo, slot: datetime):
    """The seeker's local date of a digest due at ``slot``: one digest per seeker and date."""
    return slot.astimezone(zone).date()


def set_digest(user, on: bool) -> None:
    """Turn the daily email on or off, under a lock on the seeker's row."""
    from core.models import User

    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        locked.digest_on = on
        locked.next_digest_at = None  # save() schedules the next one when it is on
        locked.save(update_fields=["digest_on", "next_digest_at"])
    user.digest_on, user.next_digest_at = locked.digest_on, locked.next_digest_at


def renew_calendar_token(user) -> str:
    """A new feed address; the old one answers 404 from now on."""
    from core.models import User

    token = new_calendar_token()
    User.objects.filter(pk=user.pk).update(calendar_token=token)
    user.calendar_token = token
    return token


def unsubscribe_token(user) -> str:
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT, compress=False)


def user_of_unsubscribe_token(token: str):
    """The seeker an unsubscribe link was made for, or ``None`` for a forged or broken one."""
    from core.models import User

    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=pk, is_active=True).first()
