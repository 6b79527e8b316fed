"""Logging a meeting that already happened goes straight to its debrief; a meeting that took
place offers no calendar file and no cancelling."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from networking.meetings.models import Meeting
from tests.clock import MONDAY_NOON, at
from tests.contacts.factories import ContactFactory
from tests.meetings.factories import MeetingFactory, business_slot, past_slot

pytestmark = [pytest.mark.django_db, at(MONDAY_NOON)]

URL = reverse("meetings:log_past")


@pytest.fixture
def jordan(alice):
    return ContactFactory(owner=alice, first_name="Jordan", last_name="Lee")


def typed(moment: datetime, zone) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%dT%H:%M")


def past_meeting(contact, moment, **fields):
    return {
        "contact": str(contact.pk),
        "starts_at": typed(moment, contact.owner.zone),
        "duration_minutes": "20",
        "location": "Their office",
        **fields,
    }


def test_the_meetings_list_and_the_contact_page_lead_to_it(alice_client, jordan):
    assert f'href="{URL}"' in alice_client.get(reverse("meetings:list")).content.decode()
    page = alice_client.get(reverse("contacts:detail", args=[jordan.pk])).content.decode()
    assert f'href="{URL}?contact={jordan.pk}"' in page


def test_the_contact_of_the_page_it_came_from_is_chosen(alice_client, jordan):
    response = alice_client.get(URL, {"contact": jordan.pk})
    assert response.status_code == 200
    assert response.context["form"]["contact"].value() == jordan.pk
    assert "Log a past meeting" in response.content.decode()
    assert 'name="status"' not in response.content.decode()


def test_a_past_meeting_is_logged_held_and_goes_straight_to_the_debrief(alice_client, jordan):
    met = past_slot(jordan.timezone, days_back=2)
    response = alice_client.post(URL, past_meeting(jordan, met))
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("meetings:debrief", args=[meeting.pk])
    assert (meeting.status, meeting.starts_at, meeting.contact) == ("held", met, jordan)
    assert alice_client.get(response.url).status_code == 200
    jordan.refresh_from_db()
    assert jordan.last_held_at == met


def test_a_meeting_still_ahead_or_under_way_is_refused(alice_client, jordan):
    for moment in (
        business_slot(jordan.timezone, days_ahead=1),
        datetime(2026, 11, 30, 11, 50, tzinfo=UTC),  # began ten minutes ago: not over yet
    ):
        response = alice_client.post(URL, past_meeting(jordan, moment))
        assert response.status_code == 200
        assert response.context["form"].errors["starts_at"] == [
            "That meeting has not ended yet: book it instead, and debrief it once it is over."
        ]
    assert not Meeting.objects.exists()


def test_it_keeps_the_rules_of_a_booking(alice_client, jordan):
    evening = past_slot(jordan.timezone, hour=20)
    response = alice_client.post(URL, past_meeting(jordan, evening, duration_minutes="45"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["duration_minutes"]
    assert 'value="Their office"' in response.content.decode()
    response = alice_client.post(URL, past_meeting(jordan, evening))
    assert response.context["form"].errors["starts_at"]
    assert not Meeting.objects.exists()


def test_another_seekers_contact_is_no_choice(alice_client, bob, jordan):
    theirs = ContactFactory(owner=bob)
    response = alice_client.post(URL, past_meeting(theirs, past_slot(theirs.timezone)))
    assert response.status_code == 200
    assert response.context["form"].errors["contact"]
    assert not Meeting.objects.exists()


def test_a_stranger_is_sent_to_log_in(client):
    assert client.get(URL).status_code == 302


@pytest.mark.parametrize("status", ["held", "debriefed"])
def test_a_meeting_that_took_place_offers_no_calendar_file_and_no_cancel(
    alice_client, jordan, status
):
    meeting = MeetingFactory(contact=jordan, starts_at=past_slot(jordan.timezone), status=status)
    page = alice_client.get(meeting.get_absolute_url()).content.decode()
    assert reverse("meetings:calendar", args=[meeting.pk]) not in page
    assert reverse("meetings:cancel", args=[meeting.pk]) not in page
    response = alice_client.get(reverse("meetings:calendar", args=[meeting.pk]))
    assert response.status_code == 302 and response.url == meeting.get_absolute_url()
    alice_client.post(reverse("meetings:cancel", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == status


def test_a_meeting_gone_by_without_its_debrief_offers_no_calendar_file(alice_client, jordan):
    """Its time is over: nothing to put in a calendar. It can still be cancelled, for a meeting
    that did not happen after all."""
    meeting = MeetingFactory(
        contact=jordan, starts_at=past_slot(jordan.timezone), status="scheduled"
    )
    page = alice_client.get(meeting.get_absolute_url()).content.decode()
    assert reverse("meetings:calendar", args=[meeting.pk]) not in page
    assert reverse("meetings:cancel", args=[meeting.pk]) in page
    response = alice_client.get(reverse("meetings:calendar", args=[meeting.pk]))
    assert response.status_code == 302 and response.url == meeting.get_absolute_url()


def test_a_meeting_to_come_offers_both(alice_client, jordan):
    meeting = MeetingFactory(contact=jordan, status="scheduled")
    page = alice_client.get(meeting.get_absolute_url()).content.decode()
    assert reverse("meetings:calendar", args=[meeting.pk]) in page
    assert reverse("meetings:cancel", args=[meeting.pk]) in page
    response = alice_client.get(reverse("meetings:calendar", args=[meeting.pk]))
    assert response["Content-Type"].startswith("text/calendar")
