"""The same request posted many times at once is kept once ("nothing twice").

Each test releases ten threads together, each with its own client and database connection,
against PostgreSQL. SQLite takes one writer at a time, so a race there cannot happen the
way it does in production; these tests are skipped on it.
"""

import itertools
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from networking.contacts.models import Contact, OutreachAttempt
from networking.meetings.models import Meeting, Task
from tests.contacts.factories import ContactFactory
from tests.meetings.factories import MeetingFactory, TaskFactory, business_slot, past_slot
from tests.meetings.test_debrief import PRIYA, debrief_data

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="races need concurrent writers: run with DATABASE_URL set to PostgreSQL",
    ),
    pytest.mark.django_db(transaction=True),
]

THREADS = 10


def all_at_once(user, send):
    """``send(client)`` from THREADS threads released together; their responses."""
    barrier = threading.Barrier(THREADS)

    def one():
        try:
            client = Client()
            client.force_login(user)
            barrier.wait(timeout=30)
            return client, send(client)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        futures = [pool.submit(one) for _ in range(THREADS)]
        return [future.result(timeout=120) for future in futures]


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def jordan(alice):
    return ContactFactory(owner=alice, first_name="Jordan", last_name="Lee")


def test_a_debrief_posted_many_times_at_once_is_recorded_once(alice, jordan):
    meeting = MeetingFactory(contact=jordan, starts_at=past_slot(jordan.timezone))
    url = reverse("meetings:debrief", args=[meeting.pk])

    results = all_at_once(alice, lambda client: client.post(url, debrief_data([PRIYA])))

    assert {response.status_code for _, response in results} == {302}
    assert {response.url for _, response in results} == {meeting.get_absolute_url()}
    messages = [said(response) for _, response in results]
    assert sum(any(m.startswith("Debrief saved.") for m in ms) for ms in messages) == 1
    assert messages.count(["This meeting was already debriefed."]) == THREADS - 1
    assert Contact.objects.filter(first_name="Priya").count() == 1
    assert sorted(meeting.tasks.values_list("kind", flat=True)) == ["follow_up", "thank_you"]
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DEBRIEFED
    assert list(meeting.referred_contacts.values_list("first_name", flat=True)) == ["Priya"]


def test_a_slot_booked_many_times_at_once_is_booked_once(alice, jordan):
    slot = business_slot(alice.timezone, days_ahead=2, hour=10)
    data = {
        "contact": jordan.pk,
        "starts_at": slot.strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": 20,
        "location": "Lumen Labs, 4th floor",
        "status": "scheduled",
    }

    results = all_at_once(alice, lambda client: client.post(reverse("meetings:create"), data))

    codes = sorted(response.status_code for _, response in results)
    assert codes == [200] * (THREADS - 1) + [302]
    refused = [response for _, response in results if response.status_code == 200]
    for response in refused:
        body = response.content.decode()
        assert "You already have a meeting with Jordan Lee at that time (10:00–10:20)." in body
        assert "no_overlap" not in body
    assert Meeting.objects.count() == 1


def _thank_you(contact, sent_at):
    return {
        "kind": "thank_you",
        "channel": "email",
        "sent_at": timezone.localtime(sent_at, contact.owner.zone).strftime("%Y-%m-%dT%H:%M"),
        "message": "Thank you for your time.",
        "reply": "none",
    }


def test_a_thank_you_logged_many_times_at_once_is_one_note_and_ticks_its_task(alice, jordan):
    meeting = MeetingFactory(contact=jordan, starts_at=past_slot(jordan.timezone))
    task = TaskFactory(meeting=meeting, kind=Task.Kind.THANK_YOU)
    url = reverse("contacts:outreach_create", args=[jordan.pk])
    data = _thank_you(jordan, meeting.ends_at + timedelta(hours=2))

    results = all_at_once(alice, lambda client: client.post(url, data))

    assert {response.status_code for _, response in results} == {302}
    note = OutreachAttempt.objects.get(kind=OutreachAttempt.Kind.THANK_YOU)
    task.refresh_from_db()
    assert task.done and task.outreach == note


def test_ticking_the_task_and_logging_the_note_at_once_make_one_note(alice, jordan):
    meeting = MeetingFactory(contact=jordan, starts_at=past_slot(jordan.timezone))
    task = TaskFactory(meeting=meeting, kind=Task.Kind.THANK_YOU)
    tick_url = reverse("meetings:task_done", args=[task.pk])
    log_url = reverse("contacts:outreach_create", args=[jordan.pk])
    data = _thank_you(jordan, meeting.ends_at + timedelta(hours=2))
    turns = itertools.count()

    def tick_or_log(client):
        if next(turns) % 2:
            return client.post(tick_url)
        return client.post(log_url, data)

    results = all_at_once(alice, tick_or_log)

    # Whichever came first did it; the logs that came after are told the note is there.
    assert {response.status_code for _, response in results} <= {200, 302}
    note = OutreachAttempt.objects.get(kind=OutreachAttempt.Kind.THANK_YOU)
    task.refresh_from_db()
    assert task.done and task.outreach == note
    for _, response in results:
        if response.status_code == 200:
            assert "already" in response.content.decode()


def test_a_thank_you_ticked_many_times_at_once_is_logged_once(alice, jordan):
    meeting = MeetingFactory(contact=jordan, starts_at=past_slot(jordan.timezone))
    task = TaskFactory(meeting=meeting, kind=Task.Kind.THANK_YOU)
    url = reverse("meetings:task_done", args=[task.pk])

    results = all_at_once(alice, lambda client: client.post(url))

    assert {response.status_code for _, response in results} == {302}
    assert OutreachAttempt.objects.filter(kind=OutreachAttempt.Kind.THANK_YOU).count() == 1
    task.refresh_from_db()
    assert task.done


def test_a_referral_dismissed_ten_times_at_once_is_dismissed_once(alice):
    """The conditional ``UPDATE`` takes the row once: one dismissal says "set aside" with its
    Undo, the others find it done; the time is one of theirs."""
    priya = ContactFactory(owner=alice, first_name="Priya")
    tom = ContactFactory(owner=alice, first_name="Tom", referred_by=priya)
    url = reverse("contacts:referral_dismiss", args=[tom.pk])
    responses = all_at_once(alice, lambda client: client.post(url, {"next": "/dashboard/"}))
    assert all(response.status_code == 302 for _, response in responses)
    set_aside = [m for _, r in responses for m in said(r) if "set aside" in m]
    assert len(set_aside) == 1, set_aside
    assert Contact.objects.get(pk=tom.pk).referral_dismissed_at is not None
