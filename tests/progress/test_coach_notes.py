"""A coach's note may be about one of the client's contacts or meetings; the client reads it
there and on the dashboard, marks it read, and the coach sees that it was read."""

import pytest
from django.urls import reverse

from core.coaching import CoachingNote
from networking.progress.models import NoteTopic
from tests.clock import MONDAY_NOON, at
from tests.contacts.factories import ContactFactory
from tests.meetings.factories import MeetingFactory

pytestmark = [pytest.mark.django_db, at(MONDAY_NOON)]

ADD = reverse("admin:core_coachingnote_add")


def test_a_coach_writes_a_note_about_a_meeting(coach_client, coach, alice, client, admin_url):
    meeting = MeetingFactory(contact=ContactFactory(owner=alice, first_name="Priya"))
    form = coach_client.get(f"{ADD}?client={alice.pk}&meeting={meeting.pk}")
    assert form.status_code == 200
    assert f'value="{meeting.pk}" selected' in form.content.decode()
    response = coach_client.post(
        ADD, {"client": alice.pk, "text": "Ask Priya about the roadmap.", "meeting": meeting.pk}
    )
    assert response.status_code == 302
    note = CoachingNote.objects.get()
    assert (note.coach, note.topic.meeting) == (coach, meeting)
    client.force_login(alice)
    assert "Ask Priya about the roadmap." in client.get(meeting.get_absolute_url()).content.decode()
    page = client.get(reverse("dashboard")).content.decode()
    assert "your meeting with Priya" in page


def test_a_note_about_a_contact_shows_on_their_page(coach_client, alice, client):
    contact = ContactFactory(owner=alice, first_name="Sam")
    coach_client.post(ADD, {"client": alice.pk, "text": "Sam knows the VP.", "contact": contact.pk})
    client.force_login(alice)
    assert "Sam knows the VP." in client.get(contact.get_absolute_url()).content.decode()
    other = ContactFactory(owner=alice)
    assert "Sam knows the VP." not in client.get(other.get_absolute_url()).content.decode()


def test_a_note_cannot_be_about_another_seekers_contact(coach_client, coach, alice, bob):
    from core.coaching import CoachAssignment

    CoachAssignment.objects.create(coach=coach, client=bob)
    bobs = ContactFactory(owner=bob)
    response = coach_client.post(ADD, {"client": alice.pk, "text": "Hm.", "contact": bobs.pk})
    assert response.status_code == 200
    assert "not Alice Martin" in response.content.decode()
    assert not CoachingNote.objects.exists()


def test_a_note_cannot_be_about_someone_outside_the_caseload(coach_client, alice, bob):
    stranger = ContactFactory(owner=bob)
    response = coach_client.post(ADD, {"client": alice.pk, "text": "Hm.", "contact": stranger.pk})
    assert response.status_code == 200
    assert not CoachingNote.objects.exists()


def test_a_note_is_about_a_contact_or_a_meeting_not_both(coach_client, alice):
    contact = ContactFactory(owner=alice)
    meeting = MeetingFactory(contact=contact)
    response = coach_client.post(
        ADD, {"client": alice.pk, "text": "Hm.", "contact": contact.pk, "meeting": meeting.pk}
    )
    assert "not both" in response.content.decode()
    assert not NoteTopic.objects.exists()


def test_the_client_marks_a_note_read_and_the_coach_sees_it(coach, coaching, alice, client):
    note = CoachingNote.objects.create(coach=coach, client=alice, text="Well done.")
    client.force_login(alice)
    assert client.get(reverse("coaching_note_read", args=[note.pk])).status_code == 405
    response = client.post(reverse("coaching_note_read", args=[note.pk]), {"next": "/profile/"})
    assert response["Location"] == "/profile/"
    note.refresh_from_db()
    first = note.read_at
    assert first is not None
    client.post(reverse("coaching_note_read", args=[note.pk]), {"next": "https://evil.example/"})
    note.refresh_from_db()
    assert note.read_at == first
    client.force_login(coach)
    listing = client.get(reverse("admin:core_coachingnote_changelist")).content.decode()
    assert "read 30 Nov" in listing
    overview = client.get(reverse("admin:client_overview", args=[alice.pk])).content.decode()
    assert "read 30 Nov" in overview


def test_another_seeker_cannot_mark_her_note_read(coach, coaching, alice, bob_client):
    note = CoachingNote.objects.create(coach=coach, client=alice, text="Well done.")
    response = bob_client.post(reverse("coaching_note_read", args=[note.pk]))
    assert response.status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_a_bad_next_goes_to_the_dashboard(coach, coaching, alice, alice_client):
    note = CoachingNote.objects.create(coach=coach, client=alice, text="Well done.")
    response = alice_client.post(
        reverse("coaching_note_read", args=[note.pk]), {"next": "//evil.example/"}
    )
    assert response["Location"] == reverse("dashboard")
