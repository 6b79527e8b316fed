"""The admin: meetings with their contact and referral count, the question bank, the tasks."""

from datetime import timedelta

import pytest
from django.urls import reverse

from networking.contacts.models import OutreachAttempt
from networking.meetings.models import Task
from tests.contacts.factories import ContactFactory
from tests.factories import UserFactory
from tests.meetings.factories import (
    AgendaItemFactory,
    MeetingFactory,
    QuestionFactory,
    TaskFactory,
    business_slot,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_the_meeting_list_shows_the_contact_and_referrals(admin_client, alice):
    meeting = MeetingFactory(contact__owner=alice, contact__first_name="Jordan")
    meeting.referred_contacts.add(*ContactFactory.create_batch(2, owner=alice))
    response = admin_client.get(reverse("admin:meetings_meeting_changelist"))
    assert response.status_code == 200
    row = response.context["cl"].result_list[0]
    assert (row.contact.first_name, row.referral_count) == ("Jordan", 2)


@pytest.mark.parametrize("size", [5, 60])
def test_the_meeting_list_makes_a_fixed_number_of_queries(
    admin_client, alice, size, django_assert_max_num_queries
):
    start = business_slot(alice.timezone)
    for week in range(size):  # one a week: a seeker is in one meeting at a time
        MeetingFactory(contact__owner=alice, starts_at=start + timedelta(weeks=week))
    with django_assert_max_num_queries(7):
        response = admin_client.get(reverse("admin:meetings_meeting_changelist"))
    assert response.status_code == 200


def test_the_meeting_page_opens_with_its_agenda(admin_client, alice):
    item = AgendaItemFactory(meeting__contact__owner=alice, text="How did you start?")
    response = admin_client.get(reverse("admin:meetings_meeting_change", args=[item.meeting.pk]))
    assert response.status_code == 200
    assert "How did you start?" in response.text


@pytest.mark.parametrize("size", [5, 60])
def test_the_question_list_makes_a_fixed_number_of_queries(
    admin_client, alice, size, django_assert_max_num_queries
):
    QuestionFactory.create_batch(size, owner=alice)
    with django_assert_max_num_queries(5):
        response = admin_client.get(reverse("admin:meetings_question_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [5, 60])
def test_the_task_list_makes_a_fixed_number_of_queries(
    admin_client, alice, size, django_assert_max_num_queries
):
    meeting = MeetingFactory(contact__owner=alice)
    TaskFactory.create_batch(size, meeting=meeting)
    with django_assert_max_num_queries(5):
        response = admin_client.get(reverse("admin:meetings_task_changelist"))
    assert response.status_code == 200


def test_marking_a_thank_you_done_in_the_admin_logs_it(admin_client, alice):
    task = TaskFactory(meeting__contact__owner=alice, kind=Task.Kind.THANK_YOU)
    response = admin_client.post(
        reverse("admin:meetings_task_changelist"),
        {"action": "mark_done", "_selected_action": [task.pk]},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.done and task.done_at is not None
    assert OutreachAttempt.objects.filter(
        contact=task.contact, kind=OutreachAttempt.Kind.THANK_YOU
    ).exists()


def test_a_seeker_without_staff_rights_is_kept_out(alice_client):
    response = alice_client.get(reverse("admin:meetings_meeting_changelist"))
    assert response.status_code == 302


def test_an_administrators_edit_cannot_put_a_seeker_in_two_meetings_at_once(alice):
    from networking.meetings.admin import MeetingAdminForm

    first = MeetingFactory(contact=ContactFactory(owner=alice, first_name="Jordan"))
    other = MeetingFactory(
        contact=ContactFactory(owner=alice), starts_at=first.starts_at + timedelta(days=1)
    )
    data = {
        "contact": other.contact_id,
        "starts_at": first.starts_at + timedelta(minutes=10),
        "duration_minutes": 20,
        "status": "scheduled",
        "location": "",
        "impression": "",
    }
    form = MeetingAdminForm(data, instance=other)
    assert not form.is_valid()
    assert "You already have a meeting with Jordan" in form.errors["starts_at"][0]
    form = MeetingAdminForm({**data, "status": "cancelled"}, instance=other)
    assert "starts_at" not in form.errors
