"""The derived contact status (SPEC §1, §4): computed in the database, so lists filter on it."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import IntegrityError, transaction

from networking.contacts.models import Contact, OutreachAttempt, Status
from networking.meetings.models import Meeting
from networking.meetings.services import cancel_meeting, save_meeting
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory

TORONTO = ZoneInfo("America/Toronto")
NOW = datetime(2026, 12, 10, 10, 0, tzinfo=TORONTO)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def status_of(contact):
    return Contact.objects.with_status().get(pk=contact.pk).status


def days_ago(n, hour=10):
    return (NOW - timedelta(days=n)).replace(hour=hour)


def test_a_contact_without_outreach_is_identified(alice):
    assert status_of(ContactFactory(owner=alice)) == Status.IDENTIFIED


def test_a_request_makes_it_requested_and_an_update_alone_does_not(alice):
    contact = ContactFactory(owner=alice)
    OutreachAttemptFactory(contact=contact, kind="update", sent_at=days_ago(3))
    assert status_of(contact) == Status.IDENTIFIED
    OutreachAttemptFactory(contact=contact, sent_at=days_ago(2))
    assert status_of(contact) == Status.REQUESTED


def test_two_unanswered_follow_ups_make_it_resting(alice):
    contact = ContactFactory(owner=alice)
    OutreachAttemptFactory(contact=contact, sent_at=days_ago(30))
    OutreachAttemptFactory(contact=contact, kind="follow_up", sent_at=days_ago(20))
    assert status_of(contact) == Status.REQUESTED
    OutreachAttemptFactory(contact=contact, kind="follow_up", sent_at=days_ago(10))
    annotated = Contact.objects.with_status().get(pk=contact.pk)
    assert (annotated.status, annotated.follow_ups) == (Status.RESTING, 2)


def test_a_reply_to_a_follow_up_answers_the_request(alice):
    contact = ContactFactory(owner=alice)
    OutreachAttemptFactory(contact=contact, sent_at=days_ago(20))
    OutreachAttemptFactory(
        contact=contact,
        kind="follow_up",
        sent_at=days_ago(10),
        reply="declined",
        replied_at=days_ago(9),
    )
    assert status_of(contact) == Status.DECLINED


def test_only_the_latest_request_counts(alice):
    contact = ContactFactory(owner=alice)
    OutreachAttemptFactory(
        contact=contact, sent_at=days_ago(90), reply="declined", replied_at=days_ago(89)
    )
    OutreachAttemptFactory(contact=contact, kind="follow_up", sent_at=days_ago(80))
    OutreachAttemptFactory(contact=contact, sent_at=days_ago(5))
    annotated = Contact.objects.with_status().get(pk=contact.pk)
    assert (annotated.status, annotated.follow_ups, annotated.cycle_reply) == (
        Status.REQUESTED,
        0,
        None,
    )


def test_redirected_is_its_own_state(alice):
    contact = ContactFactory(owner=alice)
    OutreachAttemptFactory(
        contact=contact, sent_at=days_ago(5), reply="redirected", replied_at=days_ago(4)
    )
    assert status_of(contact) == Status.REDIRECTED


def test_meetings_move_it_to_scheduled_met_and_nurturing(alice):
    contact = ContactFactory(owner=alice)
    OutreachAttemptFactory(
        contact=contact, sent_at=days_ago(10), reply="accepted", replied_at=days_ago(9)
    )
    assert status_of(contact) == Status.ACCEPTED
    meeting = save_meeting(
        Meeting(contact=contact, starts_at=NOW + timedelta(days=1), status="scheduled")
    )
    assert status_of(contact) == Status.SCHEDULED
    cancel_meeting(meeting)
    assert status_of(contact) == Status.ACCEPTED  # they said yes: book it again
    save_meeting(Meeting(contact=contact, starts_at=days_ago(2), status="held"))
    assert status_of(contact) == Status.MET
    OutreachAttemptFactory(contact=contact, kind="thank_you", sent_at=days_ago(1))
    assert status_of(contact) == Status.NURTURING


def test_a_scheduled_meeting_in_the_past_counts_as_met(alice):
    contact = ContactFactory(owner=alice)
    save_meeting(Meeting(contact=contact, starts_at=days_ago(1), status="scheduled"))
    assert status_of(contact) == Status.MET


def test_the_list_filters_on_status_in_the_database(alice, django_assert_num_queries):
    identified = ContactFactory(owner=alice)
    asked = ContactFactory(owner=alice)
    OutreachAttemptFactory(contact=asked, sent_at=days_ago(1))
    with django_assert_num_queries(1):
        found = list(Contact.objects.owned_by(alice).with_status().filter(status="requested"))
    assert found == [asked]
    assert identified not in found


# Choices are backed by the database (STYLE: named constraints).


@pytest.mark.parametrize(
    ("model", "field"),
    [
        (Contact, "level"),
        (Contact, "function"),
        (OutreachAttempt, "kind"),
        (OutreachAttempt, "channel"),
        (OutreachAttempt, "reply"),
    ],
)
def test_every_choice_and_only_the_choices_pass_the_database(alice, model, field):
    attempt = OutreachAttemptFactory(contact=ContactFactory(owner=alice), replied_at=NOW)
    row = model.objects.filter(pk=attempt.contact_id if model is Contact else attempt.pk)
    for value, _ in model._meta.get_field(field).choices:
        row.update(**{field: value})
    with pytest.raises(IntegrityError), transaction.atomic():
        row.update(**{field: "bribe"})
