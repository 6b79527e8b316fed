"""The coach's caseload at /admin/: each active client's funnel, week and what needs attention.

Ruth coaches Alice. Each attention rule is shown by a client who has just that one thing
late; the caseload puts the clients needing attention first, reads a fixed number of
queries for 3 clients as for 30, and shows nothing of a client whose access ended.
"""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.coaching import CoachAssignment, RecordView
from networking.contacts.models import OutreachAttempt
from networking.meetings.models import Meeting, Task
from networking.progress.caseload import caseload_for
from tests.clock import MONDAY_NOON, at
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory
from tests.employers.factories import EmployerFactory
from tests.factories import UserFactory
from tests.meetings.factories import MeetingFactory, TaskFactory, past_slot

pytestmark = [pytest.mark.django_db, at(MONDAY_NOON)]


def _row(coach, client):
    return next(row for row in caseload_for(coach) if row.client == client)


def _active(client):
    """Something done today, so the client is not quiet."""
    contact = ContactFactory(owner=client)
    OutreachAttemptFactory(contact=contact, sent_at=timezone.now() - timedelta(hours=1))
    return contact


def test_a_coach_with_no_clients_sees_how_clients_arrive(client, coach):
    client.force_login(coach)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "No active clients yet" in response.content.decode()


def test_it_shows_the_funnel_and_the_weeks(coach, coaching, alice):
    EmployerFactory(owner=alice)  # a second employer beside the contact's
    contact = _active(alice)
    MeetingFactory(contact=contact)  # the next business day: Tuesday, this week
    last_week = MeetingFactory(
        contact=ContactFactory(owner=alice), starts_at=past_slot(alice.timezone, days_back=3)
    )
    # A debrief's referral: recommended by the person met (the dashboard's funnel counts them).
    Meeting.referred_contacts.through.objects.create(
        meeting=last_week, contact=ContactFactory(owner=alice, referred_by=last_week.contact)
    )
    row = _row(coach, alice)
    assert row.funnel == [
        ("Employers", 4),
        ("Contacts", 3),
        ("Asked", 1),
        ("Meetings", 2),
        ("Referrals", 1),
    ]
    assert (row.meetings_this_week, row.meetings_last_week) == (1, 1)


def test_a_debrief_not_written_needs_attention(coach, coaching, alice):
    _active(alice)
    MeetingFactory(contact=ContactFactory(owner=alice), starts_at=past_slot(alice.timezone))
    assert _row(coach, alice).attention == ["1 debrief not written"]


def test_an_overdue_follow_up_needs_attention(coach, coaching, alice):
    contact = ContactFactory(owner=alice)
    OutreachAttemptFactory(contact=contact, sent_at=timezone.now() - timedelta(days=12))
    _active(alice)
    assert _row(coach, alice).attention == ["1 follow-up overdue"]


def test_a_follow_up_due_today_is_not_yet_overdue(coach, coaching, alice):
    contact = _active(alice)
    contact.follow_up_due_on = alice.today()
    contact.save(update_fields=["follow_up_due_on"])
    assert _row(coach, alice).attention == []


def test_an_overdue_thank_you_needs_attention(coach, coaching, alice):
    _active(alice)
    meeting = MeetingFactory(
        contact=ContactFactory(owner=alice),
        starts_at=past_slot(alice.timezone, days_back=3),
        status=Meeting.Status.DEBRIEFED,
        debriefed_at=timezone.now() - timedelta(days=3),
    )
    TaskFactory(meeting=meeting, due_on=alice.today() - timedelta(days=2))
    TaskFactory(meeting=meeting, kind=Task.Kind.FOLLOW_UP, due_on=alice.today() - timedelta(days=2))
    assert _row(coach, alice).attention == ["1 thank-you overdue"]


def test_ten_quiet_days_need_attention(coach, alice):
    CoachAssignment.objects.create(
        coach=coach, client=alice, started_at=timezone.now() - timedelta(days=30)
    )
    contact = ContactFactory(owner=alice)
    OutreachAttemptFactory(
        contact=contact,
        sent_at=timezone.now() - timedelta(days=11),
        reply=OutreachAttempt.Reply.DECLINED,
        replied_at=timezone.now() - timedelta(days=11),
    )
    row = _row(coach, alice)
    assert row.attention == ["no activity for 10 days"]
    assert row.last_activity == contact.outreach.get().sent_at


def test_a_new_client_is_not_quiet_yet(coach, coaching, alice):
    assert _row(coach, alice).attention == []


def test_clients_needing_attention_come_first(coach, coaching, alice, bob):
    CoachAssignment.objects.create(coach=coach, client=bob)
    _active(alice)
    _active(bob)
    MeetingFactory(contact=ContactFactory(owner=bob), starts_at=past_slot(bob.timezone))
    assert [row.client for row in caseload_for(coach)] == [bob, alice]


def test_the_page_lists_own_active_clients_only(coach_client, coach, alice, bob):
    other_coach = UserFactory(is_staff=True)
    CoachAssignment.objects.create(coach=other_coach, client=bob)
    ended = UserFactory(name="Ended Client")
    CoachAssignment.objects.create(coach=coach, client=ended, ended_at=timezone.now())
    page = coach_client.get(reverse("admin:index")).content.decode()
    assert "Alice Martin" in page
    assert "Bob Stone" not in page
    assert "Ended Client" not in page
    assert reverse("admin:client_overview", args=[alice.pk]) in page


def test_looking_at_the_caseload_is_in_the_clients_log(coach_client, coach, alice):
    coach_client.get(reverse("admin:index"))
    entry = RecordView.objects.get(client=alice)
    assert entry.coach == coach
    assert entry.describe() == "Looked through your progress, in your coach's caseload"


def _clients(coach, n):
    for _ in range(n):
        seeker = UserFactory()
        CoachAssignment.objects.create(coach=coach, client=seeker)
        contact = _active(seeker)
        MeetingFactory(contact=contact, starts_at=past_slot(seeker.timezone))


@pytest.mark.parametrize("clients", [5, 50])
def test_the_caseload_reads_a_fixed_number_of_queries(
    coach, client, clients, django_assert_max_num_queries
):
    _clients(coach, clients)
    assert len(caseload_for(coach)) == clients
    with django_assert_max_num_queries(7):
        caseload_for(coach)
    client.force_login(coach)
    # session, user, coach group, the caseload's 7, the access log, the invitations waiting,
    # the clients who ended access, the app list's permissions
    with django_assert_max_num_queries(16):
        response = client.get(reverse("admin:index"))
    assert response.content.decode().count("1 debrief not written") == clients


def test_a_superuser_sees_the_stock_index_and_each_coachs_caseload(
    superuser_client, coach, coaching
):
    page = superuser_client.get(reverse("admin:index")).content.decode()
    assert "Coaches' caseloads" in page
    assert reverse("admin:caseload_of", args=[coach.pk]) in page
    assert "Site administration" in page or "Seekers, coaches and their records" in page
    caseload = superuser_client.get(reverse("admin:caseload_of", args=[coach.pk]))
    assert caseload.status_code == 200
    assert "Alice Martin" in caseload.content.decode()
    assert not RecordView.objects.exists()


def test_a_coach_cannot_open_another_coachs_caseload(coach_client, coach):
    other = UserFactory(is_staff=True)
    assert coach_client.get(reverse("admin:caseload_of", args=[other.pk])).status_code == 403
    assert coach_client.get(reverse("admin:caseload_of", args=[coach.pk])).status_code == 403


def test_staff_who_are_not_coaches_get_no_caseload(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("admin:caseload_export")).status_code == 403


def test_seekers_cannot_reach_the_caseload(alice_client):
    response = alice_client.get(reverse("admin:caseload_export"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_the_export_is_the_coachs_own_clients_formula_safe(coach_client, coach, alice, bob):
    alice.name = "=Alice"
    alice.save()
    CoachAssignment.objects.create(coach=UserFactory(is_staff=True), client=bob)
    _active(alice)
    response = coach_client.get(reverse("admin:caseload_export"))
    assert response["Content-Type"].startswith("text/csv")
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["email"] for row in rows] == ["alice@example.com"]
    assert rows[0]["client"] == "'=Alice"
    assert rows[0]["asked"] == "1"
    assert rows[0]["no_activity_for_10_days"] == "no"
