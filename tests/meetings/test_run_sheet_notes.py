"""The run sheet is the phone's tool during the meeting: its link comes first on the meeting
page, its notes are saved as they are typed (POST, the seeker's own meeting only), and the
debrief starts from them, offering the names written there as the people recommended."""

import pytest
from django.test import Client
from django.urls import reverse

from networking.meetings.models import RUN_NOTES_MAX, Meeting
from tests.clock import MONDAY_NOON, at
from tests.contacts.factories import ContactFactory
from tests.meetings.factories import MeetingFactory, past_slot
from tests.meetings.test_debrief import debrief_data

pytestmark = [pytest.mark.django_db, at(MONDAY_NOON)]

NOTES = (
    "Design systems are where the hiring is going. Talk to Tom Becker at Northwind, "
    "and Ana de Souza runs research. Ask Sofia Marin again in March. Tom Becker leads it."
)


@pytest.fixture
def sofia(alice):
    return ContactFactory(owner=alice, first_name="Sofia", last_name="Marin")


@pytest.fixture
def meeting(sofia):
    return MeetingFactory(contact=sofia, status="scheduled")


def save(client, meeting, text):
    return client.post(reverse("meetings:run_notes", args=[meeting.pk]), {"run_notes": text})


def test_the_run_sheet_link_comes_first_on_the_meeting_page(alice_client, meeting):
    body = alice_client.get(meeting.get_absolute_url()).content.decode()
    run = reverse("meetings:run", args=[meeting.pk])
    assert body.index(f'href="{run}"') < body.index("<h1")


def test_a_meeting_that_took_place_has_no_run_sheet_first(alice_client, sofia):
    held = MeetingFactory(contact=sofia, starts_at=past_slot(sofia.timezone), status="held")
    assert "run-sheet-first" not in alice_client.get(held.get_absolute_url()).content.decode()


def test_the_notes_are_saved_as_typed_and_shown_again(alice_client, meeting):
    assert save(alice_client, meeting, "Tom Becker at Northwind").status_code == 200
    assert save(alice_client, meeting, NOTES).status_code == 200
    meeting.refresh_from_db()
    assert meeting.run_notes == NOTES
    page = alice_client.get(reverse("meetings:run", args=[meeting.pk])).content.decode()
    assert "Design systems are where the hiring is going." in page
    assert f'data-storage-key="schmooze-run-notes-{meeting.pk}"' in page


def test_the_notes_are_a_post_bounded_and_the_owners_only(alice_client, bob, meeting):
    url = reverse("meetings:run_notes", args=[meeting.pk])
    assert alice_client.get(url).status_code == 405
    assert alice_client.post(url, {}).status_code == 400
    too_long = save(alice_client, meeting, "x" * (RUN_NOTES_MAX + 1))
    assert too_long.status_code == 400
    as_bob = Client()
    as_bob.force_login(bob)
    assert save(as_bob, meeting, "Taken over").status_code == 404
    assert Meeting.objects.get(pk=meeting.pk).run_notes == ""


def test_the_debrief_starts_from_the_notes_and_offers_the_names_in_them(alice_client, sofia):
    held = MeetingFactory(contact=sofia, starts_at=past_slot(sofia.timezone), status="held")
    ContactFactory(owner=sofia.owner, first_name="Ana", last_name="de Souza", referred_by=sofia)
    save(alice_client, held, NOTES)
    response = alice_client.get(reverse("meetings:debrief", args=[held.pk]))
    assert response.context["form"]["notes"].value() == NOTES
    # Sofia is the contact met and Ana is already one of her referrals; Tom is named twice.
    assert response.context["suggested_names"] == [("Tom", "Becker")]
    body = response.content.decode()
    assert 'data-suggest-first="Tom" data-suggest-last="Becker"' in body


def test_the_notes_can_be_kept_while_debriefing(alice_client, sofia):
    held = MeetingFactory(contact=sofia, starts_at=past_slot(sofia.timezone), status="held")
    save(alice_client, held, NOTES)

    response = alice_client.post(
        reverse("meetings:debrief", args=[held.pk]), debrief_data(notes=NOTES)
    )
    assert response.status_code == 302
    held.refresh_from_db()
    assert (held.notes, held.run_notes) == (NOTES, NOTES)
