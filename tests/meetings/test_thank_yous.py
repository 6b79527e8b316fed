"""A thank-you note and its task are one record (SPEC §1 step 8), through the pages: the
debrief makes the task, the contact's page logs the note and ticks it, the task's tick logs
the note once, and every page says when it is due in the same words."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse

from networking.contacts.models import OutreachAttempt
from networking.meetings.models import Task
from tests.contacts.factories import ContactFactory
from tests.meetings.factories import MeetingFactory
from tests.meetings.test_debrief import debrief_data

pytestmark = pytest.mark.django_db

# Thursday 26 November 2026, 10:00 in Toronto: Jordan is met. The note is due Friday 27.
MET = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
SAME_DAY = datetime(2026, 11, 26, 20, 0, tzinfo=UTC)
# Monday 30 November, 10:00 in Toronto: the debrief is written four days later, the note
# overdue since Friday.
LATE = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)


@pytest.fixture
def jordan(alice):
    return ContactFactory(owner=alice, first_name="Jordan", last_name="Lee")


@pytest.fixture
def meeting(jordan):
    return MeetingFactory(contact=jordan, starts_at=MET)


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def debrief(client, meeting):
    return client.post(reverse("meetings:debrief", args=[meeting.pk]), debrief_data())


def thank(client, contact, sent_at="2026-11-27T09:30", message="Thank you for your time."):
    return client.post(
        reverse("contacts:outreach_create", args=[contact.pk]),
        {
            "kind": "thank_you",
            "channel": "email",
            "sent_at": sent_at,
            "message": message,
            "reply": "none",
        },
    )


def tick(client, task):
    return client.post(reverse("meetings:task_done", args=[task.pk]))


def thank_you_task(meeting) -> Task:
    return meeting.tasks.get(kind=Task.Kind.THANK_YOU)


def notes(contact):
    return OutreachAttempt.objects.filter(contact=contact, kind="thank_you")


def test_the_debrief_makes_the_task_and_says_when_it_falls_due(alice_client, meeting):
    with time_machine.travel(SAME_DAY, tick=False):
        form = alice_client.get(reverse("meetings:debrief", args=[meeting.pk])).content.decode()
        assert "Your thank-you note is due Fri 27 Nov" in form
        response = debrief(alice_client, meeting)
        task = thank_you_task(meeting)
        assert task.due_on == date(2026, 11, 27)  # the next business day
        assert not task.done
        assert said(response) == [
            "Debrief saved. 0 referrals added to your contacts; your thank-you is due Fri 27 Nov."
        ]
        page = alice_client.get(meeting.get_absolute_url()).content.decode()
        assert "Due Fri 27 Nov" in page


def test_a_debrief_written_days_later_says_overdue_as_the_task_does(alice_client, meeting, jordan):
    with time_machine.travel(LATE, tick=False):
        form = alice_client.get(reverse("meetings:debrief", args=[meeting.pk])).content.decode()
        assert "Your thank-you note is overdue: send it today" in form
        response = debrief(alice_client, meeting)
        assert said(response) == [
            "Debrief saved. 0 referrals added to your contacts; "
            "your thank-you is overdue: send it today."
        ]
        assert thank_you_task(meeting).due_on == date(2026, 11, 27)
        meeting_page = alice_client.get(meeting.get_absolute_url()).content.decode()
        dashboard = alice_client.get(reverse("dashboard")).content.decode()
        contact_page = alice_client.get(jordan.get_absolute_url()).content.decode()
    for page in (meeting_page, dashboard):
        assert "Overdue: send it today" in page
        assert "Due next business day" not in page and "overdue since" not in page.lower()
    assert "Send a thank-you note</strong> — overdue: send it today." in contact_page


def test_a_thank_you_logged_on_the_contacts_page_ticks_the_task(alice_client, meeting, jordan):
    with time_machine.travel(SAME_DAY, tick=False):
        debrief(alice_client, meeting)
        response = thank(alice_client, jordan)
        assert response.status_code == 302
        task = thank_you_task(meeting)
        note = notes(jordan).get()
        assert task.done and task.outreach == note
        assert task.done_at == note.sent_at
        # Ticking it now (a stale page) logs nothing more.
        tick(alice_client, task)
        assert notes(jordan).count() == 1
        page = alice_client.get(meeting.get_absolute_url()).content.decode()
        assert "Done 27 Nov" in page


def test_ticking_the_task_logs_one_thank_you_and_a_second_note_is_refused(
    alice_client, meeting, jordan
):
    with time_machine.travel(SAME_DAY, tick=False):
        debrief(alice_client, meeting)
        task = thank_you_task(meeting)
        assert tick(alice_client, task).status_code == 302
        assert tick(alice_client, task).status_code == 302  # a double click
        note = notes(jordan).get()
        task.refresh_from_db()
        assert task.done and task.outreach == note
        response = thank(alice_client, jordan, sent_at="2026-11-26T16:00")
    assert response.status_code == 200
    assert "You thanked Jordan Lee for your meeting of Thu 26 Nov 2026 already" in (
        response.content.decode()
    )
    assert response.context["form"]["message"].value() == "Thank you for your time."
    assert notes(jordan).count() == 1


def test_the_same_note_submitted_twice_is_one_entry(alice_client, meeting, jordan):
    with time_machine.travel(SAME_DAY, tick=False):
        debrief(alice_client, meeting)
        assert thank(alice_client, jordan).status_code == 302
        assert thank(alice_client, jordan).status_code == 302
    assert notes(jordan).count() == 1
    assert thank_you_task(meeting).outreach == notes(jordan).get()


def test_a_note_sent_before_the_debrief_is_written_is_its_task_done(alice_client, meeting, jordan):
    with time_machine.travel(LATE, tick=False):
        thank(alice_client, jordan, sent_at="2026-11-27T09:30")
        response = debrief(alice_client, meeting)
        task = thank_you_task(meeting)
        assert task.done and task.outreach == notes(jordan).get()
        assert said(response)[-1] == (
            "Debrief saved. 0 referrals added to your contacts; "
            "your thank-you is logged already (Fri 27 Nov)."
        )
        assert notes(jordan).count() == 1


def test_a_note_deleted_reopens_its_task(alice_client, meeting, jordan):
    with time_machine.travel(SAME_DAY, tick=False):
        debrief(alice_client, meeting)
        thank(alice_client, jordan)
        note = notes(jordan).get()
        alice_client.post(reverse("contacts:outreach_delete", args=[jordan.pk, note.pk]))
    task = thank_you_task(meeting)
    assert not task.done and task.done_at is None and task.outreach is None


def test_a_thank_you_for_a_meeting_not_yet_debriefed_is_not_refused(alice_client, jordan):
    """The first meeting's note is logged; a second meeting's note is a new one."""
    first = MeetingFactory(contact=jordan, starts_at=datetime(2026, 11, 19, 15, tzinfo=UTC))
    second = MeetingFactory(contact=jordan, starts_at=MET)
    with time_machine.travel(SAME_DAY, tick=False):
        debrief(alice_client, first)
        tick(alice_client, thank_you_task(first))
        assert thank(alice_client, jordan).status_code == 302
        debrief(alice_client, second)
    assert notes(jordan).count() == 2
    assert thank_you_task(second).done
