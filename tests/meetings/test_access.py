"""Every endpoint of the area, POST-only and htmx ones included (SPEC §2): a stranger is sent
to log in, another seeker gets 404 and changes nothing, and GET never changes state."""

import pytest
from django.urls import reverse

from networking.meetings.models import AgendaItem, Meeting, Task
from tests.contacts.factories import ContactFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, QuestionFactory, TaskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(alice):
    meeting = MeetingFactory(contact=ContactFactory(owner=alice))
    return {
        "meeting": meeting,
        "item": AgendaItemFactory(meeting=meeting),
        "task": TaskFactory(meeting=meeting),
        "question": QuestionFactory(owner=alice),
    }


def url_for(name, objects):
    meeting, item = objects["meeting"], objects["item"]
    args = {
        "meetings:list": [],
        "meetings:create": [],
        "meetings:local_time": [],
        "meetings:task_done": [objects["task"].pk],
        "meetings:agenda_move": [meeting.pk, item.pk],
        "meetings:agenda_remove": [meeting.pk, item.pk],
        "questions:list": [],
        "questions:create": [],
        "questions:edit": [objects["question"].pk],
        "questions:archive": [objects["question"].pk],
        "questions:restore": [objects["question"].pk],
    }.get(name, [meeting.pk])
    return reverse(name, args=args)


MEETING_SCOPED = [
    "meetings:detail",
    "meetings:edit",
    "meetings:cancel",
    "meetings:delete",
    "meetings:calendar",
    "meetings:prep",
    "meetings:agenda_pick",
    "meetings:agenda_write",
    "meetings:agenda_move",
    "meetings:agenda_remove",
    "meetings:run",
    "meetings:debrief",
    "meetings:task_done",
    "questions:edit",
    "questions:archive",
    "questions:restore",
]
EVERYWHERE = [
    *MEETING_SCOPED,
    "meetings:list",
    "meetings:create",
    "meetings:local_time",
    "questions:list",
    "questions:create",
]
POST_ONLY = [
    "meetings:agenda_pick",
    "meetings:agenda_write",
    "meetings:agenda_move",
    "meetings:agenda_remove",
    "meetings:task_done",
    "questions:create",
    "questions:archive",
    "questions:restore",
]


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", EVERYWHERE)
def test_a_stranger_is_sent_to_log_in(client, objects, name, method):
    response = getattr(client, method)(url_for(name, objects))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", [n for n in MEETING_SCOPED if n != "meetings:calendar"])
def test_another_seeker_posting_gets_404_and_changes_nothing(bob_client, objects, name):
    data = {
        "contact": objects["meeting"].contact_id,
        "starts_at": "2030-01-07T10:00",
        "duration_minutes": 15,
        "status": "cancelled",
        "text": "What changed this year?",
        "category": "advice",
        "direction": "up",
        "question": objects["question"].pk,
        "actual_minutes": 20,
        "impression": "engaged",
    }
    response = bob_client.post(url_for(name, objects), data)
    assert response.status_code == 404
    meeting = Meeting.objects.get()
    assert (meeting.status, meeting.duration_minutes) == ("scheduled", 20)
    assert AgendaItem.objects.count() == 1
    assert not Task.objects.get().done
    objects["question"].refresh_from_db()
    assert not objects["question"].archived


@pytest.mark.parametrize("name", POST_ONLY)
def test_a_get_on_a_post_only_endpoint_changes_nothing(alice_client, objects, name):
    assert alice_client.get(url_for(name, objects)).status_code == 405
    assert AgendaItem.objects.count() == 1
    assert not Task.objects.get().done
