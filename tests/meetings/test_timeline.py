"""A contact's history on their page: every message and reply, meeting and debrief, task and
referral, newest first, in a fixed number of queries however long the history."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from networking.meetings.timeline import TIMELINE_ROWS
from tests.clock import MONDAY_NOON, at
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory
from tests.meetings.factories import MeetingFactory, TaskFactory, past_slot

pytestmark = [pytest.mark.django_db, at(MONDAY_NOON)]


@pytest.fixture
def sofia(alice):
    return ContactFactory(owner=alice, first_name="Sofia", last_name="Marin")


def history(client, contact):
    response = client.get(reverse("contacts:detail", args=[contact.pk]))
    assert response.status_code == 200
    return response


def events_of(response):
    return [event.title for event in response.context["events"]]


def test_it_tells_the_whole_story_newest_first(alice_client, alice, sofia):
    now = timezone.now()
    jordan = ContactFactory(owner=alice, first_name="Jordan", last_name="Lee")
    sofia.referred_by = jordan
    sofia.save()
    type(sofia).objects.filter(pk=sofia.pk).update(created_at=now - timedelta(days=20))
    OutreachAttemptFactory(
        contact=sofia,
        kind="request",
        sent_at=now - timedelta(days=10),
        message="Jordan Lee suggested I write to you.",
        reply="accepted",
        replied_at=now - timedelta(days=9),
    )
    meeting = MeetingFactory(
        contact=sofia, starts_at=past_slot(sofia.timezone, days_back=3), status="debriefed"
    )
    meeting.notes = "Design systems are where the hiring is going."
    meeting.impression = "engaged"
    meeting.debriefed_at = now - timedelta(days=2)
    meeting.save()
    with time_machine.travel(now - timedelta(days=2), tick=False):
        TaskFactory(meeting=meeting, contact=sofia, title="Send Sofia Marin a thank-you note")
        ContactFactory(owner=alice, first_name="Tom", last_name="Becker", referred_by=sofia)

    response = history(alice_client, sofia)
    titles = events_of(response)
    assert titles[-2:] == ["Meeting request sent by email", "Recommended to you by Jordan Lee"]
    assert "Sofia replied: accepted" in titles
    assert any(title.startswith("Meeting, 20 minutes · debriefed") for title in titles)
    assert "Debrief written · came across engaged" in titles
    assert "To do: Send Sofia Marin a thank-you note" in titles
    assert "Recommended Tom Becker" in titles
    moments = [event.at for event in response.context["events"]]
    assert moments == sorted(moments, reverse=True)
    body = response.content.decode()
    assert "Design systems are where the hiring is going." in body
    assert 'id="timeline"' in body


def test_a_thank_you_ticked_is_the_note_it_logged_once(alice_client, sofia):
    meeting = MeetingFactory(contact=sofia, starts_at=past_slot(sofia.timezone), status="held")
    note = OutreachAttemptFactory(contact=sofia, kind="thank_you")
    TaskFactory(meeting=meeting, contact=sofia, done=True, done_at=note.sent_at, outreach=note)
    titles = events_of(history(alice_client, sofia))
    assert titles.count("Thank-you note sent by email") == 1
    assert not [title for title in titles if title.startswith(("Done", "To do"))]


def test_a_new_contact_has_an_empty_history_that_says_what_will_appear(alice_client, sofia):
    response = history(alice_client, sofia)
    assert response.context["events"] == []
    assert "Nothing yet with Sofia" in response.content.decode()


def test_it_shows_nothing_of_another_contact(alice_client, alice, sofia):
    other = ContactFactory(owner=alice)
    OutreachAttemptFactory(contact=other, kind="request")
    assert events_of(history(alice_client, sofia)) == []


def _long_history(contact, n, hour):
    now = timezone.now()
    for day in range(n):
        OutreachAttemptFactory(
            contact=contact,
            kind="update",
            sent_at=now - timedelta(days=day + 1),
        )
        ContactFactory(owner=contact.owner, referred_by=contact)
    for week in range(n // 5 + 1):
        meeting = MeetingFactory(
            contact=contact,
            starts_at=past_slot(contact.timezone, days_back=5 * week + 1, hour=hour),
            status="held",
        )
        TaskFactory(meeting=meeting, contact=contact)


def test_its_queries_do_not_grow_with_the_history(
    alice_client, sofia, django_assert_max_num_queries
):
    _long_history(sofia, 3, hour=10)
    with django_assert_max_num_queries(14) as short:
        history(alice_client, sofia)
    _long_history(sofia, 60, hour=14)
    with django_assert_max_num_queries(14) as long:
        response = history(alice_client, sofia)
    assert len(long.captured_queries) == len(short.captured_queries)
    assert len(response.context["events"]) == TIMELINE_ROWS
    assert response.context["cut"]
    assert "older ones are on the pages above" in response.content.decode()


def test_a_late_answer_to_an_old_message_is_among_the_latest_events(alice_client, sofia):
    """Cut at the latest events by the date each shows: a reply today to the oldest of many
    messages, and an old task ticked today, are not the ones left out."""
    now = timezone.now()
    _long_history(sofia, 60, hour=14)
    old = OutreachAttemptFactory(contact=sofia, sent_at=now - timedelta(days=400))
    type(old).objects.filter(pk=old.pk).update(reply="accepted", replied_at=now)
    task = TaskFactory(contact=sofia, title="Send the deck Sofia asked for")
    type(task).objects.filter(pk=task.pk).update(
        created_at=now - timedelta(days=400), done=True, done_at=now
    )
    titles = events_of(history(alice_client, sofia))
    assert titles[0] == "Sofia replied: accepted"
    assert "Done: Send the deck Sofia asked for" in titles
