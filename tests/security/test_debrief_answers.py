"""A debrief notes answers on this meeting's own agenda only (SPEC §2): a row naming another
seeker's or another meeting's agenda item makes the form invalid, and nothing is saved."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from networking.meetings.models import Meeting, Task
from tests.contacts.factories import ContactFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 26, 20, 0, tzinfo=UTC)  # Thursday afternoon in Toronto
MET = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)  # the meeting was this morning


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def meeting(alice):
    return MeetingFactory(contact=ContactFactory(owner=alice), starts_at=MET)


@pytest.fixture
def ours(meeting):
    return AgendaItemFactory(meeting=meeting, text="What changed this year?")


def debrief(client, meeting, rows, *, initial=None):
    data = {
        "actual_minutes": "20",
        "impression": "engaged",
        "notes": "Useful.",
        "referrals-TOTAL_FORMS": "0",
        "referrals-INITIAL_FORMS": "0",
        "answers-TOTAL_FORMS": str(len(rows)),
        "answers-INITIAL_FORMS": str(len(rows) if initial is None else initial),
    }
    for index, (item_id, note) in enumerate(rows):
        if item_id is not None:
            data[f"answers-{index}-id"] = str(item_id)
        data[f"answers-{index}-good_answer"] = "on"
        data[f"answers-{index}-note"] = note
    return client.post(f"/meetings/{meeting.pk}/debrief/", data)


def assert_refused(response, meeting, *untouched):
    assert response.status_code == 200
    assert "not on this meeting&#x27;s agenda" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED
    assert not Task.objects.exists()
    for item in untouched:
        item.refresh_from_db()
        assert (item.good_answer, item.note) == (False, "")


def test_the_meetings_own_questions_are_noted(alice_client, meeting, ours):
    response = debrief(alice_client, meeting, [(ours.pk, "AI in research")])
    assert response.status_code == 302
    ours.refresh_from_db()
    assert (ours.good_answer, ours.note) == (True, "AI in research")


def test_another_seekers_agenda_item_is_refused(alice_client, meeting, ours, bob):
    theirs = AgendaItemFactory(
        meeting=MeetingFactory(contact=ContactFactory(owner=bob), starts_at=MET)
    )
    response = debrief(alice_client, meeting, [(ours.pk, "fine"), (theirs.pk, "mine now")])
    assert_refused(response, meeting, ours, theirs)


def test_another_of_her_own_meetings_items_is_refused(alice_client, alice, meeting, ours):
    other = AgendaItemFactory(
        meeting=MeetingFactory(
            contact=ContactFactory(owner=alice), starts_at=MET - timedelta(days=1)
        )
    )
    response = debrief(alice_client, meeting, [(other.pk, "wrong meeting")])
    assert_refused(response, meeting, ours, other)


@pytest.mark.parametrize("forged", ["999999", "not-a-number"])
def test_an_unknown_item_is_refused(alice_client, meeting, ours, forged):
    response = debrief(alice_client, meeting, [(forged, "ghost")])
    assert_refused(response, meeting, ours)


def test_a_row_without_an_item_is_refused(alice_client, meeting, ours):
    assert_refused(debrief(alice_client, meeting, [(None, "nowhere")]), meeting, ours)
    # Nor can a row slip in as an extra form, past the initial ones.
    response = debrief(alice_client, meeting, [(ours.pk, "fine"), (None, "extra")], initial=1)
    assert_refused(response, meeting, ours)
