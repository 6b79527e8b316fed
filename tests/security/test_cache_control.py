"""Signed-in pages and calendar files are never kept by a cache on the way (SPEC §2):
``Cache-Control: private, no-store``."""

import pytest
from django.urls import reverse

from tests.contacts.factories import ContactFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db

PRIVATE = "private, no-store"


@pytest.fixture
def meeting(alice):
    return MeetingFactory(contact=ContactFactory(owner=alice))


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def test_signed_in_pages_are_private_and_never_stored(alice_client, meeting):
    for url in [
        reverse("dashboard"),
        reverse("profile"),
        reverse("employers:list"),
        reverse("contacts:list"),
        reverse("contacts:detail", args=[meeting.contact.pk]),
        reverse("meetings:list"),
        reverse("meetings:detail", args=[meeting.pk]),
        reverse("meetings:prep", args=[meeting.pk]),
        reverse("questions:list"),
        reverse("network"),
    ]:
        response = alice_client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == PRIVATE, url


def test_the_calendar_file_is_private_and_never_stored(alice_client, meeting):
    response = alice_client.get(f"/meetings/{meeting.pk}/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Cache-Control"] == PRIVATE


def test_redirects_and_refusals_to_a_signed_in_seeker_are_private_too(alice_client, bob):
    assert (
        alice_client.get("/").headers["Cache-Control"] == PRIVATE
    )  # the redirect to the dashboard
    other = MeetingFactory(contact=ContactFactory(owner=bob))
    response = alice_client.get(reverse("meetings:detail", args=[other.pk]))
    assert response.status_code == 404
    assert response["Cache-Control"] == PRIVATE


def test_the_export_keeps_its_own_header(alice_client, meeting):
    response = alice_client.get(reverse("contacts:export"))
    assert response["Cache-Control"] == PRIVATE


def test_a_stricter_header_is_kept_and_marked_private(client, coach):
    client.force_login(coach)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert {"no-cache", "no-store", "must-revalidate", "private"} <= directives(response)


def test_public_pages_and_static_files_stay_cacheable(client, alice):
    assert "no-store" not in client.get("/").get("Cache-Control", "")
    client.force_login(alice)
    static = client.get("/static/css/schmooze.css")
    assert static.status_code == 200
    assert "no-store" not in static.get("Cache-Control", "")
