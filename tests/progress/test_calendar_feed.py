"""The calendar that subscribes itself: /calendar/<token>.ics, opened by its secret alone."""

from datetime import UTC, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from core.models import User
from networking.meetings.models import Meeting
from tests.clock import MONDAY_NOON, at
from tests.contacts.factories import ContactFactory
from tests.meetings.factories import (
    AgendaItemFactory,
    MeetingFactory,
    TaskFactory,
    business_slot,
    past_slot,
)

pytestmark = [pytest.mark.django_db, at(MONDAY_NOON)]


def feed_url(user):
    return reverse("calendar_feed", args=[user.calendar_token])


def test_the_feed_holds_meetings_from_30_days_back_and_what_falls_due(alice):
    contact = ContactFactory(owner=alice, first_name="Nia", last_name="Next")
    coming = MeetingFactory(contact=contact)
    AgendaItemFactory(meeting=coming, text="How did you get your start?")
    cancelled = MeetingFactory(
        contact=contact, starts_at=business_slot(alice.timezone, days_ahead=3)
    )
    Meeting.objects.filter(pk=cancelled.pk).update(status=Meeting.Status.CANCELLED)
    held = MeetingFactory(
        contact=ContactFactory(owner=alice, first_name="Hugo", last_name="Held"),
        starts_at=past_slot(alice.timezone),
    )
    long_ago = MeetingFactory(contact=contact, starts_at=timezone.now() - timedelta(days=31))
    task = TaskFactory(meeting=held, title="Thank Hugo Held")

    response = Client().get(feed_url(alice))  # no session: a calendar app

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode().replace("\r\n ", "")  # unfold long lines
    assert f"UID:meeting-{coming.pk}@schmooze" in body
    assert f"UID:meeting-{held.pk}@schmooze" in body
    assert f"UID:meeting-{long_ago.pk}@schmooze" not in body
    assert f"Run sheet: https://schmooze.test/meetings/{coming.pk}/run/" in body
    assert "How did you get your start?" in body
    start = coming.starts_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTART:{start}" in body  # in UTC
    events = {str(e["uid"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}
    assert str(events[f"meeting-{cancelled.pk}@schmooze"]["status"]) == "CANCELLED"
    assert str(events[f"meeting-{coming.pk}@schmooze"]["status"]) == "CONFIRMED"
    # The thank-you and the debrief, each an all-day event on the day it falls due.
    assert f"UID:task-{task.pk}@schmooze" in body
    assert f"DTSTART;VALUE=DATE:{task.due_on:%Y%m%d}" in body
    assert "SUMMARY:Thank Hugo Held" in body
    assert f"UID:debrief-{held.pk}@schmooze" in body
    assert f"https://schmooze.test/meetings/{held.pk}/debrief/" in body


def test_a_wrong_token_is_a_plain_404(alice):
    response = Client().get(reverse("calendar_feed", args=["not-" + alice.calendar_token[4:]]))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/plain")
    assert alice.email not in response.content.decode()


def test_calendar_apps_poll_it_cheaply_with_etag_and_last_modified(alice):
    MeetingFactory(contact=ContactFactory(owner=alice))
    client = Client()
    first = client.get(feed_url(alice))
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and last_modified

    again = client.get(feed_url(alice), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    assert client.get(feed_url(alice), HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304

    MeetingFactory(
        contact=ContactFactory(owner=alice), starts_at=business_slot(alice.timezone, days_ahead=2)
    )
    changed = client.get(feed_url(alice), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_a_feed_reads_in_a_bounded_number_of_queries(alice, django_assert_max_num_queries):
    for days in range(1, 6):
        meeting = MeetingFactory(
            contact=ContactFactory(owner=alice),
            starts_at=business_slot(alice.timezone, days_ahead=days),
        )
        AgendaItemFactory(meeting=meeting)
        TaskFactory(meeting=meeting)
    with django_assert_max_num_queries(8):
        assert Client().get(feed_url(alice)).status_code == 200


def test_another_seekers_token_is_simply_their_own_feed(alice, bob):
    hers = MeetingFactory(contact=ContactFactory(owner=alice))
    his = MeetingFactory(contact=ContactFactory(owner=bob))
    body = Client().get(feed_url(bob)).content.decode()
    assert f"meeting-{his.pk}@schmooze" in body
    assert f"meeting-{hers.pk}@schmooze" not in body


def test_the_profile_shows_the_address_and_a_new_link_revokes_the_old(alice, alice_client):
    old = alice.calendar_token
    assert len(old) >= 40
    page = alice_client.get(reverse("profile")).content.decode()
    assert f"http://testserver/calendar/{old}.ics" in page
    assert alice_client.get(reverse("calendar_link_renew")).status_code == 405

    response = alice_client.post(reverse("calendar_link_renew"))

    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.calendar_token != old and len(alice.calendar_token) >= 40
    assert Client().get(f"/calendar/{old}.ics").status_code == 404
    assert Client().get(feed_url(alice)).status_code == 200


def test_a_new_link_is_only_ever_the_signed_in_seekers_own(alice, bob, bob_client, client):
    hers, his = alice.calendar_token, bob.calendar_token
    bob_client.post(reverse("calendar_link_renew"))
    assert User.objects.get(pk=alice.pk).calendar_token == hers
    assert User.objects.get(pk=bob.pk).calendar_token != his
    client.logout()
    response = client.post(reverse("calendar_link_renew"))
    assert response.status_code == 302 and reverse("login") in response.url
    assert User.objects.get(pk=alice.pk).calendar_token == hers
