"""The ``.ics`` file, parsed back as a calendar would (SPEC §1 step 5)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from core.asks import KEY_QUESTION
from tests.clock import MONDAY_NOON, at
from tests.contacts.factories import ContactFactory
from tests.employers.factories import EmployerFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory

# The meeting is on Tuesday 1 December: its calendar file is asked for the day before.
pytestmark = [pytest.mark.django_db, at(MONDAY_NOON)]


@pytest.fixture
def meeting(alice):
    priya = ContactFactory(
        owner=alice,
        first_name="Priya",
        last_name="Raman",
        employer=EmployerFactory(owner=alice, name="Northwind Health"),
    )
    meeting = MeetingFactory(
        contact=priya,
        starts_at=datetime(2026, 12, 1, 15, 30, tzinfo=UTC),
        location="Northwind Health, 200 King St W",
    )
    AgendaItemFactory(meeting=meeting, text="What changed in patient apps this year?")
    return meeting


def fetch(client, meeting):
    response = client.get(reverse("meetings:calendar", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    return Calendar.from_ical(response.content)


def test_the_calendar_file_parses_back_with_the_meeting(alice_client, meeting):
    calendar = fetch(alice_client, meeting)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == datetime(2026, 12, 1, 15, 30, tzinfo=UTC)
    assert event.decoded("dtend") == datetime(2026, 12, 1, 15, 50, tzinfo=UTC)
    assert event["dtstart"].to_ical().endswith(b"Z")  # in UTC
    assert str(event["summary"]) == "Informational meeting with Priya Raman (Northwind Health)"
    assert str(event["location"]) == "Northwind Health, 200 King St W"
    description = str(event["description"])
    assert "1. What changed in patient apps this year?" in description
    assert f"2. {KEY_QUESTION}" in description
    run_sheet = f"http://testserver{reverse('meetings:run', args=[meeting.pk])}"
    assert f"Run sheet: {run_sheet}" in description
    assert str(event["url"]) == run_sheet


def test_the_uid_is_stable_per_meeting(alice_client, meeting):
    first = fetch(alice_client, meeting).walk("VEVENT")[0]["uid"]
    meeting.location = "Video call"
    meeting.save()
    again = fetch(alice_client, meeting).walk("VEVENT")[0]
    assert again["uid"] == first == f"meeting-{meeting.pk}@schmooze"
    assert str(again["location"]) == "Video call"


def test_a_reminder_rings_the_day_before(alice_client, meeting):
    (alarm,) = fetch(alice_client, meeting).walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY"
    assert alarm.decoded("trigger") == timedelta(days=-1)
