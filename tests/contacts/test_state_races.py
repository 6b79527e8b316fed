"""Writes of one contact's history at the same moment, for real (PostgreSQL, threads): each
stores the state under the contact's row lock, so the last one sees every other, nothing
deadlocks, and the stored state is the rule applied to the whole history."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from networking.contacts import services
from networking.contacts.models import Contact, Status
from networking.contacts.state import derived_state, stored_state
from networking.meetings import services as meeting_services
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory
from tests.meetings.factories import MeetingFactory, TaskFactory, business_slot, past_slot

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Concurrent writes need PostgreSQL: SQLite runs one write at a time and the "
        "test database is a single connection shared by all threads.",
    ),
]


def at_once(*writes):
    barrier = threading.Barrier(len(writes))
    errors = []

    def run(write):
        try:
            barrier.wait(timeout=30)
            write()
        except Exception as error:  # reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(write,)) for write in writes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors


def test_writes_of_one_contact_at_once_leave_the_state_the_rule(alice):
    elena = ContactFactory(owner=alice)
    request = OutreachAttemptFactory(contact=elena, sent_at=timezone.now() - timedelta(days=3))
    held = MeetingFactory(contact=elena, starts_at=past_slot(elena.timezone), status="held")
    coming = MeetingFactory(contact=elena, starts_at=business_slot(elena.timezone, days_ahead=2))
    tasks = [TaskFactory(meeting=held, contact=elena) for _ in range(4)]
    at_once(
        *(lambda task=task: meeting_services.complete_task(task) for task in tasks),
        lambda: services.record_reply(request, reply="accepted", replied_at=timezone.now()),
        lambda: meeting_services.cancel_meeting(coming),
        lambda: services.log_outreach(
            elena, kind="update", channel="email", sent_at=timezone.now()
        ),
    )
    assert elena.outreach.count() == 1 + 4 + 1
    assert stored_state([elena.pk]) == derived_state([elena.pk])
    assert Contact.objects.with_status().get(pk=elena.pk).status == Status.NURTURING
