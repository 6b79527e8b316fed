"""Meetings, tasks and questions in the admin: a coach reads their clients' records only."""

import pytest
from django.urls import reverse

from core.coaching import RecordView
from networking.meetings.models import Task
from tests.contacts.factories import ContactFactory
from tests.meetings.factories import MeetingFactory, QuestionFactory, TaskFactory

pytestmark = pytest.mark.django_db


def _meeting_of(user):
    return MeetingFactory(contact=ContactFactory(owner=user))


@pytest.mark.parametrize(
    "make",
    [
        _meeting_of,
        lambda user: TaskFactory(meeting=_meeting_of(user)),
        lambda user: QuestionFactory(owner=user),
    ],
    ids=["meeting", "task", "question"],
)
def test_a_coach_reads_a_clients_record_and_it_is_logged(coach_client, alice, bob, make, admin_url):
    mine, theirs = make(alice), make(bob)
    assert coach_client.get(admin_url(mine)).status_code == 200
    assert coach_client.get(admin_url(theirs)).status_code == 404
    assert RecordView.objects.get().client == alice
    changelist = coach_client.get(reverse(f"admin:meetings_{mine._meta.model_name}_changelist"))
    assert changelist.status_code == 200
    assert len(changelist.context["cl"].result_list) == 1


def test_a_coach_cannot_mark_a_clients_task_done(coach_client, alice):
    task = TaskFactory(meeting=_meeting_of(alice))
    url = reverse("admin:meetings_task_changelist")
    assert "mark_done" not in coach_client.get(url).content.decode()
    coach_client.post(url, {"action": "mark_done", "_selected_action": [task.pk]})
    assert not Task.objects.get(pk=task.pk).done
