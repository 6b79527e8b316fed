"""The meeting pages: the list and its tabs, the detail page, cancel and delete.

Whether a meeting is upcoming, needs a debrief or is past depends on the clock: frozen on a Monday.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from networking.meetings.models import Meeting
from tests.clock import MONDAY_NOON, at
from tests.contacts.factories import ContactFactory
from tests.factories import ValueStatementFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, TaskFactory, past_slot

pytestmark = [pytest.mark.django_db, at(MONDAY_NOON)]


@pytest.fixture
def meeting(alice):
    return MeetingFactory(contact=ContactFactory(owner=alice, first_name="Jordan", last_name="Lee"))


def test_the_list_shows_upcoming_needs_debrief_and_past(alice_client, alice):
    contact = ContactFactory(owner=alice)
    upcoming = MeetingFactory(contact=contact)
    overdue = MeetingFactory(contact=contact, starts_at=past_slot(contact.timezone))
    held = MeetingFactory(
        contact=contact, starts_at=past_slot(contact.timezone, days_back=2), status="held"
    )
    done = MeetingFactory(
        contact=contact, starts_at=past_slot(contact.timezone, days_back=3), status="debriefed"
    )
    gone = MeetingFactory(contact=contact, status="cancelled")

    def ids(tab):
        response = alice_client.get(reverse("meetings:list"), {"tab": tab})
        return {m.pk for m in response.context["meetings"]}

    assert ids("upcoming") == {upcoming.pk}
    assert ids("debrief") == {overdue.pk, held.pk}
    assert ids("past") == {done.pk, gone.pk}
    page = alice_client.get(reverse("meetings:list")).content.decode()
    assert "2 meetings need a debrief." in page
    assert (
        alice_client.get(reverse("meetings:list"), {"tab": "debrief"})
        .content.decode()
        .count("Needs debrief")
        >= 2
    )


def test_the_list_shows_only_the_seekers_meetings(alice_client, bob):
    MeetingFactory(contact=ContactFactory(owner=bob, first_name="Zed"))
    response = alice_client.get(reverse("meetings:list"))
    assert list(response.context["meetings"]) == []
    assert "No meetings coming up" in response.content.decode()


def test_the_list_paginates(alice_client, alice, settings):
    settings.PAGE_SIZE = 3
    contact = ContactFactory(owner=alice)
    start = MeetingFactory.build(contact=contact).starts_at
    Meeting.objects.bulk_create(
        Meeting(
            contact=contact,
            owner=alice,
            starts_at=start + timedelta(days=7 * i),
            ends_at=start + timedelta(days=7 * i, minutes=20),
        )
        for i in range(7)
    )
    response = alice_client.get(reverse("meetings:list"), {"page": 3})
    assert len(response.context["meetings"]) == 1
    assert "Page 3 of 3" in response.content.decode()


def _many_meetings(owner, count):
    """``count`` meetings over 50 weeks, each at its own time (a seeker is in one at a time),
    from the day after MeetingFactory's slot, which is left to the test's own meeting."""
    contacts = [ContactFactory(owner=owner) for _ in range(3)]
    start = MeetingFactory.build(contact=contacts[0]).starts_at + timedelta(days=1)
    Meeting.objects.bulk_create(
        Meeting(
            contact=contacts[i % 3],
            owner=owner,
            starts_at=start + timedelta(days=7 * (i % 50), minutes=30 * (i // 50)),
            ends_at=start + timedelta(days=7 * (i % 50), minutes=30 * (i // 50) + 20),
            status=["scheduled", "requested", "debriefed", "cancelled"][i % 4],
        )
        for i in range(count)
    )
    return Meeting.objects.owned_by(owner).first()


@pytest.mark.parametrize("count", [10, 1000])
@pytest.mark.parametrize("tab", ["upcoming", "debrief", "past"])
def test_the_list_makes_a_bounded_number_of_queries(
    alice_client, alice, django_assert_max_num_queries, count, tab
):
    _many_meetings(alice, count)
    TaskFactory(meeting=Meeting.objects.owned_by(alice).first())
    # session, user, tab counts, page count, the page (contacts joined), open tasks
    with django_assert_max_num_queries(6):
        response = alice_client.get(reverse("meetings:list"), {"tab": tab})
    assert response.status_code == 200


@pytest.mark.parametrize("count", [10, 1000])
def test_the_detail_page_makes_a_bounded_number_of_queries(
    alice_client, alice, django_assert_max_num_queries, count
):
    meeting = _many_meetings(alice, count)
    for _ in range(5):
        AgendaItemFactory(meeting=meeting)
    meeting.value_statements.add(ValueStatementFactory(owner=alice))
    TaskFactory(meeting=meeting)
    # session, user, meeting (joined), agenda, values, tasks, the coach's notes about it, the
    # opportunities panel; no referrals query before debrief
    with django_assert_max_num_queries(8):
        response = alice_client.get(reverse("meetings:detail", args=[meeting.pk]))
    assert response.status_code == 200


def test_the_detail_page_shows_both_clocks_when_zones_differ(alice_client, alice):
    tokyo = ContactFactory(owner=alice, first_name="Aiko", timezone="Asia/Tokyo")
    meeting = MeetingFactory(contact=tokyo)
    body = alice_client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Aiko&#x27;s time" in body or "Aiko's time" in body
    local = meeting.starts_at.astimezone(tokyo.zone)
    assert f"{local:%H:%M}" in body


def test_cancel_confirms_on_get_and_cancels_on_post(alice_client, meeting):
    url = reverse("meetings:cancel", args=[meeting.pk])
    assert "Cancel the meeting" in alice_client.get(url).content.decode()
    meeting.refresh_from_db()
    assert meeting.status == "scheduled"
    response = alice_client.post(url)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "cancelled"


def test_a_debriefed_meeting_cannot_be_cancelled(alice_client, alice):
    contact = ContactFactory(owner=alice)
    meeting = MeetingFactory(
        contact=contact, starts_at=past_slot(contact.timezone), status="debriefed"
    )
    alice_client.post(reverse("meetings:cancel", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == "debriefed"


def test_delete_confirms_on_get_and_deletes_on_post(alice_client, meeting):
    url = reverse("meetings:delete", args=[meeting.pk])
    assert alice_client.get(url).status_code == 200
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    assert alice_client.post(url).url == reverse("meetings:list")
    assert not Meeting.objects.filter(pk=meeting.pk).exists()


def test_a_past_scheduled_meeting_shows_as_needs_debrief(alice_client, alice):
    contact = ContactFactory(owner=alice)
    meeting = MeetingFactory(contact=contact, starts_at=past_slot(contact.timezone))
    assert meeting.needs_debrief
    assert meeting.display_status == "Needs debrief"
    body = alice_client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "This meeting needs a debrief." in body


def test_needing_debrief_is_a_queryset_method(alice):
    contact = ContactFactory(owner=alice)
    passed = MeetingFactory(contact=contact, starts_at=past_slot(contact.timezone))
    MeetingFactory(contact=contact)
    in_progress = MeetingFactory(
        contact=contact, starts_at=timezone.now() - timedelta(minutes=5), duration_minutes=20
    )
    assert list(Meeting.objects.needing_debrief()) == [passed]
    assert in_progress not in Meeting.objects.needing_debrief()
    assert list(Meeting.objects.needing_debrief(moment=datetime(2100, 1, 1, tzinfo=UTC))) == list(
        Meeting.objects.filter(status="scheduled").order_by("starts_at", "id")
    )


@pytest.mark.parametrize("count", [10, 1000])
@pytest.mark.parametrize("name", ["run", "debrief"])
def test_the_run_sheet_and_debrief_make_a_bounded_number_of_queries(
    alice_client, alice, django_assert_max_num_queries, count, name
):
    meeting = _many_meetings(alice, count)
    meeting.starts_at = past_slot(meeting.contact.timezone)
    meeting.status = "scheduled"
    meeting.save()
    for _ in range(5):
        AgendaItemFactory(meeting=meeting)
    meeting.value_statements.add(ValueStatementFactory(owner=alice))
    # the debrief also lists the employers once for each of its two referral rows and the blank
    # one, and reads the referrer's employer each of them offers
    with django_assert_max_num_queries({"run": 5, "debrief": 11}[name]):
        response = alice_client.get(reverse(f"meetings:{name}", args=[meeting.pk]))
    assert response.status_code == 200
