"""Booking through the real view (SPEC §5): business hours in the contact's zone, length, states."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from networking.contacts.models import OutreachAttempt
from networking.meetings.forms import MeetingForm
from networking.meetings.models import NO_OVERLAP, Meeting
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory
from tests.meetings.factories import MeetingFactory, past_slot

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)  # a Wednesday, 10:00 in Toronto


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def contact(alice):
    return ContactFactory(owner=alice, first_name="Jordan", last_name="Lee")


def book(client, contact, starts_at, **extra):
    data = {
        "contact": contact.pk,
        "starts_at": starts_at,
        "duration_minutes": 20,
        "location": "Lumen Labs, 4th floor",
        "status": "scheduled",
        **extra,
    }
    return client.post(reverse("meetings:create"), data)


def test_a_meeting_inside_business_hours_is_booked_in_utc(alice_client, contact):
    response = book(alice_client, contact, "2026-11-30T10:30")
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response.url == meeting.get_absolute_url()
    assert meeting.starts_at == datetime(2026, 11, 30, 15, 30, tzinfo=UTC)
    assert meeting.ends_at == datetime(2026, 11, 30, 15, 50, tzinfo=UTC)
    assert meeting.duration_minutes == 20


def test_the_form_defaults_to_twenty_minutes(alice_client, contact):
    response = alice_client.get(reverse("meetings:create"))
    assert response.status_code == 200
    assert 'name="duration_minutes" value="20"' in response.content.decode()


def test_a_saturday_is_refused_with_the_reason(alice_client, contact):
    response = book(alice_client, contact, "2026-11-28T10:00")
    assert response.status_code == 200
    assert "a weekend day: meetings happen Monday to Friday" in response.content.decode()
    assert not Meeting.objects.exists()


def test_08_59_is_before_business_hours(alice_client, contact):
    response = book(alice_client, contact, "2026-11-30T08:59")
    assert response.status_code == 200
    assert "starts at 08:59" in response.content.decode()
    assert "before their business hours" in response.content.decode()
    assert 'value="2026-11-30T08:59"' in response.content.decode()  # input kept


def test_16_50_for_twenty_minutes_ends_after_17_00(alice_client, contact):
    response = book(alice_client, contact, "2026-11-30T16:50")
    assert response.status_code == 200
    assert "It would end at 17:10" in response.content.decode()
    assert not Meeting.objects.exists()


def test_16_40_for_twenty_minutes_ends_at_17_00_and_is_fine(alice_client, contact):
    assert book(alice_client, contact, "2026-11-30T16:40").status_code == 302
    assert Meeting.objects.get().ends_at == datetime(2026, 11, 30, 22, 0, tzinfo=UTC)


def test_a_contact_in_tokyo_is_booked_in_tokyo_business_hours(alice_client, alice):
    tokyo = ContactFactory(owner=alice, first_name="Aiko", timezone="Asia/Tokyo")
    # 11:00 Monday in Toronto is 01:00 Tuesday in Tokyo.
    response = book(alice_client, tokyo, "2026-11-30T11:00")
    assert response.status_code == 200
    body = response.content.decode()
    assert "starts at 01:00 in Aiko&#x27;s time (Asia/Tokyo)" in body
    # 19:30 Monday in Toronto is 09:30 Tuesday in Tokyo.
    response = book(alice_client, tokyo, "2026-11-30T19:30")
    assert response.status_code == 302
    assert Meeting.objects.get().starts_at == datetime(2026, 12, 1, 0, 30, tzinfo=UTC)


def test_the_form_shows_the_contacts_local_time_when_zones_differ(alice_client, alice):
    tokyo = ContactFactory(owner=alice, first_name="Aiko", timezone="Asia/Tokyo")
    response = book(alice_client, tokyo, "2026-11-30T11:00")
    assert "Aiko's time (Asia/Tokyo):</strong> Tuesday 1 December, 01:00–01:20" in (
        response.content.decode()
    )
    hint = alice_client.get(
        reverse("meetings:local_time"),
        {"contact": tokyo.pk, "starts_at": "2026-11-30T19:30", "duration_minutes": "20"},
    )
    assert "Tuesday 1 December, 09:30–09:50" in hint.content.decode()
    assert "Inside their business hours." in hint.content.decode()


def test_the_hint_does_not_reveal_another_seekers_contact(alice_client, bob):
    theirs = ContactFactory(owner=bob, timezone="Asia/Tokyo")
    hint = alice_client.get(
        reverse("meetings:local_time"), {"contact": theirs.pk, "starts_at": "2026-11-30T19:30"}
    )
    assert hint.status_code == 200
    assert hint.content.decode().strip() == ""


@pytest.mark.parametrize(
    ("typed", "expected_utc", "accepted"),
    [
        # Toronto is on EDT (UTC−4) until 1 November 2026: 19:00 is 08:00 next day in Tokyo.
        ("2026-10-29T19:00", datetime(2026, 10, 29, 23, 0, tzinfo=UTC), False),
        # After the change Toronto is on EST (UTC−5): 19:00 is 09:00 next day in Tokyo.
        ("2026-11-02T19:00", datetime(2026, 11, 3, 0, 0, tzinfo=UTC), True),
    ],
)
def test_daylight_saving_moves_the_contacts_clock(
    alice_client, alice, typed, expected_utc, accepted
):
    tokyo = ContactFactory(owner=alice, first_name="Aiko", timezone="Asia/Tokyo")
    with time_machine.travel(datetime(2026, 10, 20, 12, 0, tzinfo=UTC), tick=False):
        response = book(alice_client, tokyo, typed)
    if accepted:
        assert response.status_code == 302
        assert Meeting.objects.get().starts_at == expected_utc
    else:
        assert response.status_code == 200
        assert "starts at 08:00" in response.content.decode()


def test_a_time_typed_across_the_dst_change_is_read_in_the_seekers_zone(alice_client, contact):
    with time_machine.travel(datetime(2026, 10, 20, 12, 0, tzinfo=UTC), tick=False):
        assert book(alice_client, contact, "2026-10-29T10:00").status_code == 302
        assert book(alice_client, contact, "2026-11-02T10:00").status_code == 302
    assert [m.starts_at.hour for m in Meeting.objects.order_by("starts_at")] == [14, 15]


@pytest.mark.parametrize("minutes", [15, 20])
def test_fifteen_or_twenty_minutes_need_no_warning(alice_client, contact, minutes):
    response = book(alice_client, contact, "2026-11-30T10:00", duration_minutes=minutes)
    assert response.status_code == 302
    page = alice_client.get(response.url)
    assert "outside the 15–20 minutes" not in page.content.decode()


@pytest.mark.parametrize("minutes", [10, 12, 25, 30])
def test_ten_to_thirty_minutes_are_accepted_with_a_warning(alice_client, contact, minutes):
    response = book(alice_client, contact, "2026-11-30T10:00", duration_minutes=minutes)
    assert response.status_code == 302
    page = alice_client.get(response.url).content.decode()
    assert f"{minutes} minutes is outside the 15–20 minutes that contacts expect" in page


@pytest.mark.parametrize("minutes", [5, 9, 31, 45, 0])
def test_other_lengths_are_refused(alice_client, contact, minutes):
    response = book(alice_client, contact, "2026-11-30T10:00", duration_minutes=minutes)
    assert response.status_code == 200
    assert "15–20 minutes (10–30 at the very most)" in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_forged_contact_is_not_a_valid_choice(alice_client, contact, bob):
    theirs = ContactFactory(owner=bob)
    response = book(alice_client, theirs, "2026-11-30T10:00")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_contact_page_presets_the_contact(alice_client, contact, bob):
    response = alice_client.get(reverse("meetings:create"), {"contact": contact.pk})
    assert f'<option value="{contact.pk}" selected>' in response.content.decode()
    theirs = ContactFactory(owner=bob)
    response = alice_client.get(reverse("meetings:create"), {"contact": theirs.pk})
    assert f'value="{theirs.pk}"' not in response.content.decode()
    assert '<option value="" selected>' in response.content.decode()


def test_a_scheduled_meeting_cannot_be_booked_in_the_past(alice_client, contact):
    response = book(alice_client, contact, "2026-11-24T10:00")
    assert response.status_code == 200
    assert "That time has passed" in response.content.decode()
    assert book(alice_client, contact, "2026-11-24T10:00", status="held").status_code == 302
    assert Meeting.objects.get().status == Meeting.Status.HELD


def test_a_meeting_cannot_be_held_before_its_time(alice_client, contact):
    response = book(alice_client, contact, "2026-11-30T10:00", status="held")
    assert response.status_code == 200
    assert "cannot be held before its time" in response.content.decode()


def test_debriefed_is_not_a_status_the_booking_form_offers(alice_client, contact):
    response = book(alice_client, contact, "2026-11-30T10:00", status="debriefed")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_states_only_move_forward_or_to_cancelled(alice_client, contact):
    meeting = MeetingFactory(contact=contact, status=Meeting.Status.CANCELLED)
    data = {
        "contact": contact.pk,
        "starts_at": "2026-11-30T10:00",
        "duration_minutes": 20,
        "status": "held",
    }
    response = alice_client.post(reverse("meetings:edit", args=[meeting.pk]), data)
    assert response.status_code == 200
    assert "A cancelled meeting cannot become held." in response.content.decode()


def test_editing_keeps_the_rules(alice_client, contact):
    meeting = MeetingFactory(contact=contact)
    data = {"contact": contact.pk, "starts_at": "2026-11-28T10:00", "duration_minutes": 20}
    response = alice_client.post(
        reverse("meetings:edit", args=[meeting.pk]), {**data, "status": "scheduled"}
    )
    assert response.status_code == 200
    assert "weekend" in response.content.decode()
    data["starts_at"] = "2026-12-01T14:00"
    response = alice_client.post(
        reverse("meetings:edit", args=[meeting.pk]),
        {**data, "status": "scheduled", "location": "Zoom"},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.location, meeting.starts_at.hour) == ("Zoom", 19)


# --- booking marks the accepted request --------------------------------------------------------


def test_booking_marks_the_unanswered_request_accepted_and_links_it(alice_client, contact):
    request = OutreachAttemptFactory(
        contact=contact, sent_at=datetime(2026, 11, 20, 14, 0, tzinfo=UTC)
    )
    book(alice_client, contact, "2026-11-30T10:00")
    request.refresh_from_db()
    meeting = Meeting.objects.get()
    assert request.reply == OutreachAttempt.Reply.ACCEPTED
    assert request.replied_at == NOW
    assert meeting.request == request


def test_an_already_accepted_request_is_linked_as_it_is(alice_client, contact):
    replied = datetime(2026, 11, 21, 14, 0, tzinfo=UTC)
    request = OutreachAttemptFactory(
        contact=contact,
        sent_at=datetime(2026, 11, 20, tzinfo=UTC),
        reply="accepted",
        replied_at=replied,
    )
    book(alice_client, contact, "2026-11-30T10:00")
    request.refresh_from_db()
    assert request.replied_at == replied
    assert Meeting.objects.get().request == request


def test_a_declined_request_is_left_alone(alice_client, contact):
    declined = OutreachAttemptFactory(
        contact=contact,
        sent_at=datetime(2026, 11, 20, tzinfo=UTC),
        reply="declined",
        replied_at=NOW,
    )
    book(alice_client, contact, "2026-11-30T10:00")
    declined.refresh_from_db()
    assert declined.reply == "declined"
    assert Meeting.objects.get().request is None


def test_a_meeting_still_requested_does_not_mark_the_request(alice_client, contact):
    request = OutreachAttemptFactory(contact=contact, sent_at=datetime(2026, 11, 20, tzinfo=UTC))
    book(alice_client, contact, "2026-11-30T10:00", status="requested")
    request.refresh_from_db()
    assert request.reply == "none"
    meeting = Meeting.objects.get()
    data = {
        "contact": contact.pk,
        "starts_at": "2026-11-30T10:00",
        "duration_minutes": 20,
        "status": "scheduled",
    }
    alice_client.post(reverse("meetings:edit", args=[meeting.pk]), data)
    request.refresh_from_db()
    assert request.reply == "accepted"


def test_the_edit_form_shows_the_contacts_clock_from_the_start(alice_client, alice):
    tokyo = ContactFactory(owner=alice, first_name="Aiko", timezone="Asia/Tokyo")
    meeting = MeetingFactory(contact=tokyo, starts_at=datetime(2026, 12, 1, 0, 30, tzinfo=UTC))
    body = alice_client.get(reverse("meetings:edit", args=[meeting.pk])).content.decode()
    assert 'value="2026-11-30T19:30"' in body  # the seeker's clock in the field
    assert "Aiko's time (Asia/Tokyo):</strong> Tuesday 1 December, 09:30–09:50" in body


@pytest.mark.parametrize("starts_at", ["9999-12-31T23:59", "2062-11-30T10:00"])
def test_a_mistyped_far_year_is_a_form_error_not_a_crash(alice_client, contact, starts_at):
    response = book(alice_client, contact, starts_at)
    assert response.status_code == 200
    assert "more than two years away" in response.content.decode()
    hint = alice_client.get(
        reverse("meetings:local_time"),
        {"contact": contact.pk, "starts_at": starts_at, "duration_minutes": 20},
    )
    assert hint.status_code == 200
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])  # UTC+14, UTC−11
@pytest.mark.parametrize("starts_at", ["0001-01-01T00:00", "1999-12-31T10:00", "9999-12-31T23:59"])
def test_a_start_out_of_the_window_is_a_form_error_in_any_zone(
    alice_client, alice, zone, starts_at
):
    alice.timezone = zone
    alice.save(update_fields=["timezone"])
    contact = ContactFactory(owner=alice, first_name="Jordan", timezone=zone)
    response = book(alice_client, contact, starts_at)
    assert response.status_code == 200
    assert "Pick a date between 1 Jan 2000 and " in response.content.decode()
    assert not Meeting.objects.exists()
    hint = alice_client.get(
        reverse("meetings:local_time"),
        {"contact": contact.pk, "starts_at": starts_at, "duration_minutes": 20},
    )
    assert hint.status_code == 200
    assert "Pick a date between 1 Jan 2000 and " in hint.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"contact": "", "starts_at": ""},
        {"contact": "abc", "starts_at": "2026-13-45T99:99", "duration_minutes": "x"},
        {"status": "bogus", "duration_minutes": "99999999999"},
        {"location": "x" * 1000},
    ],
)
def test_garbage_is_a_form_error_with_the_input_kept(alice_client, contact, data):
    data = {"starts_at": "2026-11-30T10:00", "status": "scheduled", "contact": contact.pk, **data}
    response = alice_client.post(reverse("meetings:create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert response.context["form"].data.dict() == {k: str(v) for k, v in data.items()}
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("contact_id", ["abc", "999999", ""])
def test_the_hint_ignores_garbage(alice_client, contact_id):
    response = alice_client.get(
        reverse("meetings:local_time"),
        {"contact": contact_id, "starts_at": "zz", "duration_minutes": "qq"},
    )
    assert response.status_code == 200


def test_a_meeting_moved_to_another_contact_takes_that_contacts_request(alice_client, contact):
    first = OutreachAttemptFactory(contact=contact, sent_at=datetime(2026, 11, 20, tzinfo=UTC))
    book(alice_client, contact, "2026-11-30T10:00")
    meeting = Meeting.objects.get()
    assert meeting.request == first
    other = ContactFactory(owner=contact.owner, first_name="Priya")
    second = OutreachAttemptFactory(contact=other, sent_at=datetime(2026, 11, 21, tzinfo=UTC))
    data = {
        "contact": other.pk,
        "starts_at": "2026-11-30T11:00",
        "duration_minutes": 20,
        "status": "scheduled",
    }
    assert alice_client.post(reverse("meetings:edit", args=[meeting.pk]), data).status_code == 302
    meeting.refresh_from_db()
    second.refresh_from_db()
    assert meeting.request == second
    assert second.reply == OutreachAttempt.Reply.ACCEPTED


def test_editing_a_past_meeting_without_moving_it_is_allowed(alice_client, contact):
    with time_machine.travel(datetime(2026, 11, 20, 15, 0, tzinfo=UTC), tick=False):
        book(alice_client, contact, "2026-11-23T10:00")
    meeting = Meeting.objects.get()
    data = {
        "contact": contact.pk,
        "starts_at": "2026-11-23T10:00",
        "duration_minutes": 20,
        "status": "held",
        "location": "Their office",
    }
    response = alice_client.post(reverse("meetings:edit", args=[meeting.pk]), data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.status, meeting.location) == ("held", "Their office")


def test_a_double_submitted_booking_is_saved_once(alice_client, contact):
    assert book(alice_client, contact, "2026-11-30T10:00").status_code == 302
    response = book(alice_client, contact, "2026-11-30T10:00")
    assert response.status_code == 200
    assert (
        "You already have a meeting with Jordan Lee at that time (10:00–10:20)."
        in response.content.decode()
    )
    assert Meeting.objects.count() == 1


def test_meetings_may_not_overlap_but_may_follow_each_other(alice_client, contact):
    book(alice_client, contact, "2026-11-30T10:00")
    other = ContactFactory(owner=contact.owner, first_name="Priya")
    assert book(alice_client, other, "2026-11-30T10:10").status_code == 200
    assert book(alice_client, other, "2026-11-30T10:20").status_code == 302
    assert Meeting.objects.count() == 2


def test_a_cancelled_meeting_frees_its_time(alice_client, contact):
    book(alice_client, contact, "2026-11-30T10:00")
    Meeting.objects.update(status=Meeting.Status.CANCELLED)
    assert book(alice_client, contact, "2026-11-30T10:00").status_code == 302
    assert sorted(Meeting.objects.values_list("status", flat=True)) == ["cancelled", "scheduled"]


def test_a_meeting_moved_within_its_own_time_does_not_clash_with_itself(alice_client, contact):
    book(alice_client, contact, "2026-11-30T10:00")
    meeting = Meeting.objects.get()
    data = {"contact": contact.pk, "duration_minutes": 30, "status": "scheduled"}
    edit = reverse("meetings:edit", args=[meeting.pk])
    assert alice_client.post(edit, {**data, "starts_at": "2026-11-30T10:10"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.starts_at == datetime(2026, 11, 30, 15, 10, tzinfo=UTC)
    assert meeting.ends_at == datetime(2026, 11, 30, 15, 40, tzinfo=UTC)


def test_a_cancelled_meeting_cannot_come_back_over_a_meeting_booked_since(alice_client, contact):
    book(alice_client, contact, "2026-11-30T10:00")
    first = Meeting.objects.get()
    Meeting.objects.update(status=Meeting.Status.CANCELLED)
    other = ContactFactory(owner=contact.owner, first_name="Priya", last_name="Raman")
    assert book(alice_client, other, "2026-11-30T10:10").status_code == 302
    data = {
        "contact": contact.pk,
        "starts_at": "2026-11-30T10:00",
        "duration_minutes": 20,
        "status": "scheduled",
    }
    response = alice_client.post(reverse("meetings:edit", args=[first.pk]), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "You already have a meeting with Priya Raman at that time (10:10–10:30)." in body
    first.refresh_from_db()
    assert first.status == Meeting.Status.CANCELLED


def test_another_seekers_meeting_at_the_same_time_is_no_clash(alice_client, contact, bob):
    MeetingFactory(
        contact=ContactFactory(owner=bob), starts_at=datetime(2026, 11, 30, 15, 0, tzinfo=UTC)
    )
    assert book(alice_client, contact, "2026-11-30T10:00").status_code == 302


def test_a_meeting_belongs_to_its_contacts_seeker(alice, contact, bob):
    meeting = MeetingFactory(contact=contact)
    assert meeting.owner == alice
    assert list(Meeting.objects.owned_by(alice)) == [meeting]
    assert not Meeting.objects.owned_by(bob).exists()
    assert "contacts_contact" not in str(Meeting.objects.owned_by(alice).query)  # no join
    meeting.contact = ContactFactory(owner=bob)
    with pytest.raises(ValidationError) as refused:
        meeting.full_clean()
    assert refused.value.message_dict["contact"] == ["A meeting is with one of your own contacts."]


# --- the database keeps one seeker in one meeting at a time (PostgreSQL) -----------------------

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the exclusion constraint exists on PostgreSQL only; SQLite relies on the form's check",
)


@postgresql_only
def test_the_database_refuses_an_overlapping_meeting(contact):
    MeetingFactory(contact=contact, starts_at=datetime(2026, 11, 30, 15, 0, tzinfo=UTC))
    other = ContactFactory(owner=contact.owner)
    with pytest.raises(IntegrityError, match=NO_OVERLAP), transaction.atomic():
        MeetingFactory(contact=other, starts_at=datetime(2026, 11, 30, 15, 10, tzinfo=UTC))
    assert Meeting.objects.count() == 1


@postgresql_only
def test_the_database_allows_back_to_back_cancelled_and_other_seekers_meetings(contact, bob):
    at_ten = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)
    MeetingFactory(contact=contact, starts_at=at_ten)
    MeetingFactory(contact=contact, starts_at=at_ten + timedelta(minutes=20))
    MeetingFactory(contact=contact, starts_at=at_ten, status=Meeting.Status.CANCELLED)
    MeetingFactory(contact=ContactFactory(owner=bob), starts_at=at_ten)
    assert Meeting.objects.count() == 4


@postgresql_only
def test_a_booking_the_form_let_through_is_refused_in_the_forms_words(
    alice_client, contact, monkeypatch
):
    """Two bookings at once both pass the form's check; the database refuses the second."""
    assert book(alice_client, contact, "2026-11-30T10:00").status_code == 302
    monkeypatch.setattr(MeetingForm, "_clash", lambda form, starts_at, ends_at: None)
    other = ContactFactory(owner=contact.owner, first_name="Priya")
    response = book(alice_client, other, "2026-11-30T10:10")
    assert response.status_code == 200
    body = response.content.decode()
    assert "You already have a meeting with Jordan Lee at that time (10:00–10:20)." in body
    assert NO_OVERLAP not in body
    assert 'value="2026-11-30T10:10"' in body  # input kept
    assert Meeting.objects.count() == 1


def test_a_meeting_on_the_contacts_public_holiday_is_refused_with_its_name(alice_client, alice):
    hanna = ContactFactory(owner=alice, first_name="Hanna", timezone="Europe/Berlin", country="DE")
    # 04:00 in Toronto is 10:00 in Berlin, on Christmas Day.
    response = book(alice_client, hanna, "2026-12-25T04:00")
    assert response.status_code == 200
    refusal = (
        "Friday 25 December 2026 is Christmas Day in Germany: a public holiday for Hanna, "
        "so pick a business day"
    )
    assert refusal in response.content.decode()
    assert not Meeting.objects.exists()
    # The live check says the same as it is typed.
    hint = alice_client.get(
        reverse("meetings:local_time"),
        {"contact": hanna.pk, "starts_at": "2026-12-25T04:00", "duration_minutes": 20},
    )
    assert refusal in hint.content.decode()
    # Thanksgiving is a working day in Germany: booked, and the hint says whose holidays count.
    hint = alice_client.get(
        reverse("meetings:local_time"),
        {"contact": hanna.pk, "starts_at": "2026-11-26T04:00", "duration_minutes": 20},
    )
    assert "Inside their business hours, on no public holiday in Germany." in hint.content.decode()
    assert book(alice_client, hanna, "2026-11-26T04:00").status_code == 302


def test_thanksgiving_is_refused_for_a_contact_in_the_united_states(alice_client, alice):
    sam = ContactFactory(owner=alice, first_name="Sam", timezone="America/New_York", country="US")
    response = book(alice_client, sam, "2026-11-26T10:30")
    assert "Thursday 26 November 2026 is Thanksgiving Day in the United States" in (
        response.content.decode()
    )
    assert not Meeting.objects.exists()
    # With no country known, only weekends are closed.
    sam.country = ""
    sam.save()
    assert book(alice_client, sam, "2026-11-26T10:30").status_code == 302


def test_a_meeting_that_took_place_cannot_be_cancelled_by_editing_it(alice, alice_client, contact):
    meeting = MeetingFactory(
        contact=contact, starts_at=past_slot(contact.timezone), status=Meeting.Status.HELD
    )
    local = meeting.starts_at.astimezone(alice.zone)
    data = {
        "contact": contact.pk,
        "starts_at": f"{local:%Y-%m-%dT%H:%M}",
        "duration_minutes": meeting.duration_minutes,
        "status": "cancelled",
    }
    response = alice_client.post(reverse("meetings:edit", args=[meeting.pk]), data)
    assert response.status_code == 200
    assert "A held meeting cannot become cancelled." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert not meeting.can_be_cancelled
