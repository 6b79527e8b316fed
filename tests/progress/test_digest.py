"""The morning email: sent at 08:00 in the seeker's zone on their business days, once a day,
only when something is due, saying what the dashboard says, each item a link away."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command

from core.models import User
from core.reminders import next_digest_at
from networking.contacts.models import OutreachAttempt
from networking.meetings.models import Meeting
from networking.progress.dashboard import dashboard_for
from networking.progress.digest import digest_for
from networking.progress.digests import schedule_due_digests, send_daily_digest
from networking.progress.models import DigestRun
from tests.clock import MONDAY_NOON, at
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory
from tests.factories import UserFactory
from tests.meetings.factories import MeetingFactory, TaskFactory, past_slot

pytestmark = pytest.mark.django_db

# Sunday 29 November 2026, 12:00 UTC: already Monday 01:00 in Auckland (UTC+13), still Sunday
# 02:00 in Honolulu (UTC-10). The date line runs between the two seekers.
SUNDAY_NOON = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
AUCKLAND_MONDAY_8 = datetime(2026, 11, 29, 19, 0, tzinfo=UTC)  # Mon 30 Nov 08:00 NZDT
HONOLULU_MONDAY_8 = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)  # Mon 30 Nov 08:00 HST
TORONTO_MONDAY_8 = datetime(2026, 11, 30, 13, 0, tzinfo=UTC)


def seeker_with_a_thank_you_due(zone, **extra):
    """A seeker in ``zone`` with an overdue thank-you: something is due every day."""
    seeker = UserFactory(timezone=zone, **extra)
    contact = ContactFactory(owner=seeker)
    meeting = MeetingFactory(contact=contact, starts_at=datetime(2026, 11, 20, 15, 0, tzinfo=UTC))
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.DEBRIEFED)
    TaskFactory(meeting=meeting, due_on=date(2026, 11, 24))
    return seeker


def sent_to(email):
    return [message for message in mail.outbox if message.to == [email]]


# --- when it is due -------------------------------------------------------------------------


def test_the_next_morning_is_8_in_the_seekers_zone_on_a_business_day():
    toronto = User(timezone="America/Toronto").zone
    # Monday 12:00 UTC is 07:00 in Toronto: today's 08:00 is still to come.
    assert next_digest_at(toronto, MONDAY_NOON) == TORONTO_MONDAY_8
    # Friday 4 December after 08:00 in Toronto: the next is Monday, not Saturday.
    friday_afternoon = datetime(2026, 12, 4, 15, 0, tzinfo=UTC)
    assert next_digest_at(toronto, friday_afternoon) == datetime(2026, 12, 7, 13, 0, tzinfo=UTC)
    # Friday 19:00 UTC is Saturday 08:00 in Auckland: its next is Monday, Sunday in UTC.
    auckland = User(timezone="Pacific/Auckland").zone
    assert next_digest_at(auckland, datetime(2026, 12, 4, 12, 0, tzinfo=UTC)) == datetime(
        2026, 12, 6, 19, 0, tzinfo=UTC
    )


def test_both_sides_of_the_date_line_get_their_own_monday_morning():
    with time_machine.travel(SUNDAY_NOON, tick=False):
        auckland = seeker_with_a_thank_you_due("Pacific/Auckland")
        honolulu = seeker_with_a_thank_you_due("Pacific/Honolulu")
    assert auckland.next_digest_at == AUCKLAND_MONDAY_8
    assert honolulu.next_digest_at == HONOLULU_MONDAY_8

    with time_machine.travel(AUCKLAND_MONDAY_8 - timedelta(minutes=1), tick=False):
        assert schedule_due_digests() == 0
    with time_machine.travel(AUCKLAND_MONDAY_8 + timedelta(minutes=3), tick=False):
        assert schedule_due_digests() == 1
    assert len(sent_to(auckland.email)) == 1 and not sent_to(honolulu.email)
    run = DigestRun.objects.get(owner=auckland)
    # Sunday in UTC, Monday where she lives: the email is for her Monday.
    assert run.local_date == date(2026, 11, 30) and run.outcome == DigestRun.Outcome.SENT

    with time_machine.travel(HONOLULU_MONDAY_8 + timedelta(minutes=3), tick=False):
        assert schedule_due_digests() == 1
    assert len(sent_to(honolulu.email)) == 1 and len(sent_to(auckland.email)) == 1
    assert DigestRun.objects.get(owner=honolulu).local_date == date(2026, 11, 30)
    auckland.refresh_from_db()
    assert auckland.next_digest_at == datetime(2026, 11, 30, 19, 0, tzinfo=UTC)  # her Tuesday


def test_no_email_on_the_seekers_weekend_even_when_it_is_a_weekday_in_utc():
    # Friday 4 December 15:00 UTC: Friday 10:00 in Toronto, already Saturday 04:00 in Auckland.
    with time_machine.travel(datetime(2026, 12, 4, 15, 0, tzinfo=UTC), tick=False):
        auckland = seeker_with_a_thank_you_due("Pacific/Auckland")
        toronto = seeker_with_a_thank_you_due("America/Toronto")
    assert auckland.next_digest_at == datetime(2026, 12, 6, 19, 0, tzinfo=UTC)  # her Monday
    assert toronto.next_digest_at == datetime(2026, 12, 7, 13, 0, tzinfo=UTC)  # his Monday
    for instant in (
        datetime(2026, 12, 4, 19, 5, tzinfo=UTC),  # Saturday 08:05 in Auckland, Friday in UTC
        datetime(2026, 12, 5, 13, 5, tzinfo=UTC),  # Saturday 08:05 in Toronto
        datetime(2026, 12, 6, 13, 5, tzinfo=UTC),  # Sunday 08:05 in Toronto
    ):
        with time_machine.travel(instant, tick=False):
            assert schedule_due_digests() == 0
    assert mail.outbox == []
    with time_machine.travel(datetime(2026, 12, 6, 19, 5, tzinfo=UTC), tick=False):
        assert schedule_due_digests() == 1  # Monday 08:05 in Auckland, Sunday in UTC
    assert len(sent_to(auckland.email)) == 1 and not sent_to(toronto.email)


def test_nothing_due_sends_nothing_but_marks_the_morning_done():
    with time_machine.travel(SUNDAY_NOON, tick=False):
        idle = UserFactory(timezone="Pacific/Auckland")
    with time_machine.travel(AUCKLAND_MONDAY_8 + timedelta(minutes=1), tick=False):
        assert schedule_due_digests() == 1
    assert mail.outbox == []
    assert DigestRun.objects.get(owner=idle).outcome == DigestRun.Outcome.NOTHING_DUE


def test_twice_is_once_whatever_runs_twice():
    with time_machine.travel(SUNDAY_NOON, tick=False):
        seeker = seeker_with_a_thank_you_due("Pacific/Auckland")
    with time_machine.travel(AUCKLAND_MONDAY_8 + timedelta(minutes=1), tick=False):
        assert schedule_due_digests() == 1
        # A second scheduler in the same minute finds nobody due.
        assert schedule_due_digests() == 0
        # One that read the seeker before the first moved her morning on: the day's row
        # is already there, so nothing is enqueued.
        User.objects.filter(pk=seeker.pk).update(next_digest_at=AUCKLAND_MONDAY_8)
        assert schedule_due_digests() == 0
        # A worker that runs the same task again sends nothing twice.
        run = DigestRun.objects.get(owner=seeker)
        assert send_daily_digest.call(run.pk) == DigestRun.Outcome.SENT
    assert len(sent_to(seeker.email)) == 1
    assert DigestRun.objects.filter(owner=seeker).count() == 1


def test_switched_off_or_hours_late_sends_nothing():
    with time_machine.travel(SUNDAY_NOON, tick=False):
        off = seeker_with_a_thank_you_due("Pacific/Auckland", digest_on=False)
        late = seeker_with_a_thank_you_due("Pacific/Auckland")
    assert off.next_digest_at is None
    # The scheduler was down all day: Monday's morning email is not sent at night.
    with time_machine.travel(AUCKLAND_MONDAY_8 + timedelta(hours=12), tick=False):
        assert schedule_due_digests() == 0
    assert mail.outbox == []
    late.refresh_from_db()
    assert late.next_digest_at == datetime(2026, 11, 30, 19, 0, tzinfo=UTC)


# --- what it says ---------------------------------------------------------------------------


@at(TORONTO_MONDAY_8)
def test_it_says_what_the_dashboard_says_each_item_a_link_away(alice):
    met = ContactFactory(owner=alice, first_name="Dana", last_name="Held")
    meeting = MeetingFactory(contact=met, starts_at=past_slot(alice.timezone))  # to debrief
    TaskFactory(meeting=meeting, title="Thank Dana Held")
    waiting = ContactFactory(owner=alice, first_name="Wes", last_name="Waiting")
    OutreachAttemptFactory(contact=waiting, sent_at=MONDAY_NOON - timedelta(days=12))
    hounded = ContactFactory(owner=alice, first_name="Hal", last_name="Hounded")
    OutreachAttemptFactory(contact=hounded, sent_at=MONDAY_NOON - timedelta(days=40))
    for days in (30, 20):
        OutreachAttemptFactory(
            contact=hounded,
            kind=OutreachAttempt.Kind.FOLLOW_UP,
            sent_at=MONDAY_NOON - timedelta(days=days),
        )
    referral = ContactFactory(owner=alice, first_name="Rita", last_name="Referred", referred_by=met)
    today = MeetingFactory(
        contact=ContactFactory(owner=alice, first_name="Tom", last_name="Today"),
        starts_at=TORONTO_MONDAY_8 + timedelta(hours=6),  # 14:00 in Toronto
    )

    digest = digest_for(alice)
    dashboard = dashboard_for(alice)
    assert digest.needing_debrief.total == dashboard.needing_debrief.total == 1
    assert digest.tasks_due.total == dashboard.tasks_due.total == 1
    assert [c.pk for c in digest.follow_ups_due] == [c.pk for c in dashboard.follow_ups_due]
    assert [c.pk for c in digest.follow_ups_due] == [waiting.pk]  # never a third
    assert [m.pk for m in digest.meetings_today] == [today.pk]
    assert [c.pk for c in digest.referrals] == [referral.pk]

    call_command("send_digest", alice.email, stdout=open("/dev/null", "w"))  # noqa: SIM115
    (message,) = mail.outbox
    text = message.body
    html = message.alternatives[0][0]
    site = "https://schmooze.test"
    for link in (
        f"{site}/meetings/{meeting.pk}/debrief/",
        f"{site}/contacts/{met.pk}/outreach/new/?kind=thank_you",
        f"{site}/contacts/{waiting.pk}/outreach/new/?kind=follow_up",
        f"{site}/meetings/{today.pk}/prep/",
        f"{site}/contacts/{referral.pk}/outreach/new/?kind=request",
    ):
        assert link in text and link in html.replace("&amp;", "&"), link
    assert "Hal Hounded" not in text
    assert "no questions picked yet" in text
    assert "recommended by Dana Held" in text
    assert message.subject == "Schmooze · 5 things for Monday 30 November"
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith(f"<{site}/digest/unsubscribe/") and unsubscribe.endswith("/>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe[1:-1] in text


@at(TORONTO_MONDAY_8)
def test_send_digest_says_when_nothing_is_due_and_refuses_an_unknown_email(alice, capsys):
    call_command("send_digest", "ALICE@example.com")
    assert "Nothing is due for alice@example.com today: no email sent." in capsys.readouterr().out
    assert mail.outbox == []
    with pytest.raises(CommandError, match=r"No account has the email .nobody@example\.com."):
        call_command("send_digest", "nobody@example.com")


def test_no_email_on_the_seekers_public_holiday():
    # Wednesday 25 November: Thursday is Thanksgiving in the United States, not in Germany.
    with time_machine.travel(datetime(2026, 11, 25, 14, 0, tzinfo=UTC), tick=False):
        american = seeker_with_a_thank_you_due("America/New_York", country="US")
        german = seeker_with_a_thank_you_due("America/New_York", country="DE")
    assert american.next_digest_at == datetime(2026, 11, 27, 13, 0, tzinfo=UTC)  # Friday 08:00
    assert german.next_digest_at == datetime(2026, 11, 26, 13, 0, tzinfo=UTC)  # Thursday 08:00
    with time_machine.travel(datetime(2026, 11, 26, 13, 5, tzinfo=UTC), tick=False):
        assert schedule_due_digests() == 1
    assert len(sent_to(german.email)) == 1 and not sent_to(american.email)
    with time_machine.travel(datetime(2026, 11, 27, 13, 5, tzinfo=UTC), tick=False):
        assert schedule_due_digests() == 2
    assert len(sent_to(american.email)) == 1


@at(TORONTO_MONDAY_8)
def test_a_thank_you_due_before_any_debrief_is_in_the_email_as_on_the_dashboard(alice):
    """Met two business days ago and not debriefed: no task says "thank you" yet, but the
    contact list and the dashboard do, and so does the email, with the link that writes it."""
    chloe = ContactFactory(owner=alice, first_name="Chloe", last_name="Martin")
    MeetingFactory(contact=chloe, starts_at=past_slot(alice.timezone, days_back=2))
    digest = digest_for(alice)
    assert [c.pk for c in digest.thank_yous_due] == [chloe.pk]
    assert [c.pk for c in dashboard_for(alice).thank_yous_due] == [chloe.pk]
    assert digest.count == 2  # the debrief and the thank-you
    call_command("send_digest", alice.email, stdout=open("/dev/null", "w"))  # noqa: SIM115
    (message,) = mail.outbox
    link = f"https://schmooze.test/contacts/{chloe.pk}/outreach/new/?kind=thank_you"
    assert "THANK-YOU NOTES" in message.body and link in message.body
    assert "Thank-you notes" in message.alternatives[0][0] and link in message.alternatives[0][0]
