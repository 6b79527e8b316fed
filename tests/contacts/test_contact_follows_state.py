"""The contact page follows the contact's state: its primary button is always the next step
of the method (``next_step``), and someone already met is thanked or kept posted, never asked
for a meeting again."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.clock import MONDAY_NOON, at
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory
from tests.meetings.factories import MeetingFactory, business_slot, past_slot

pytestmark = [pytest.mark.django_db, at(MONDAY_NOON)]


def primary_buttons(page: str) -> list[tuple[str, str]]:
    header = page.split('<header class="d-flex')[1].split("</header>")[0]
    return re.findall(r'<a class="btn btn-primary" href="([^"]*)">([^<]*)</a>', header)


def page_of(client, contact) -> str:
    return client.get(reverse("contacts:detail", args=[contact.pk])).content.decode()


@pytest.fixture
def jordan(alice):
    return ContactFactory(owner=alice, first_name="Jordan")


def write(contact, kind):
    return f"/contacts/{contact.pk}/outreach/new/?kind={kind}"


def test_someone_not_written_to_is_offered_a_request(alice_client, jordan):
    assert primary_buttons(page_of(alice_client, jordan)) == [
        (write(jordan, "request"), "Draft a request")
    ]


def test_someone_met_is_offered_the_thank_you_and_never_a_new_request(alice_client, jordan):
    OutreachAttemptFactory(
        contact=jordan,
        kind="request",
        sent_at=timezone.now() - timedelta(days=20),
        reply="accepted",
        replied_at=timezone.now() - timedelta(days=19),
    )
    MeetingFactory(contact=jordan, starts_at=past_slot(jordan.timezone), status="held")
    page = page_of(alice_client, jordan)
    assert primary_buttons(page) == [(write(jordan, "thank_you"), "Log the thank-you note")]
    assert "kind=request" not in page
    assert "Log an update" in page


def test_once_thanked_they_are_kept_posted(alice_client, jordan):
    MeetingFactory(contact=jordan, starts_at=past_slot(jordan.timezone, days_back=3))
    OutreachAttemptFactory(contact=jordan, kind="thank_you")
    page = page_of(alice_client, jordan)
    assert primary_buttons(page) == [(write(jordan, "update"), "Log an update")]
    assert "kind=request" not in page


def test_a_meeting_met_without_any_message_offers_no_request_either(alice_client, jordan):
    MeetingFactory(contact=jordan, starts_at=past_slot(jordan.timezone), status="held")
    page = page_of(alice_client, jordan)
    assert "Draft a request" not in page and "kind=request" not in page
    assert "No message logged with Jordan yet. Next: send a thank-you note." in page


def test_a_booked_meeting_is_prepared_on_its_prep_page(alice_client, jordan):
    later = MeetingFactory(
        contact=jordan, starts_at=business_slot(jordan.timezone, days_ahead=8), status="scheduled"
    )
    sooner = MeetingFactory(
        contact=jordan, starts_at=business_slot(jordan.timezone), status="scheduled"
    )
    [(href, words)] = primary_buttons(page_of(alice_client, jordan))
    assert words == "Prepare the meeting"
    response = alice_client.get(href)
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:prep", args=[sooner.pk]) != later.pk
    assert alice_client.get(response["Location"]).status_code == 200


def test_preparing_another_seekers_contacts_meeting_is_a_404(bob_client, jordan):
    MeetingFactory(contact=jordan, starts_at=business_slot(jordan.timezone), status="scheduled")
    response = bob_client.get(reverse("meetings:prepare_next", args=[jordan.pk]))
    assert response.status_code == 404


def test_with_no_meeting_ahead_prepare_leads_to_the_meetings_panel(alice_client, jordan):
    response = alice_client.get(reverse("meetings:prepare_next", args=[jordan.pk]))
    assert response["Location"] == jordan.get_absolute_url() + "#contact-meetings"


def test_after_two_follow_ups_no_third_is_offered(alice_client, jordan):
    OutreachAttemptFactory(
        contact=jordan, kind="request", sent_at=timezone.now() - timedelta(days=30)
    )
    for days in (20, 10):
        OutreachAttemptFactory(
            contact=jordan, kind="follow_up", sent_at=timezone.now() - timedelta(days=days)
        )
    page = page_of(alice_client, jordan)
    assert primary_buttons(page) == []
    assert "kind=follow_up" not in page.split('<header class="d-flex')[1].split("</header>")[0]


def test_a_follow_up_due_is_the_primary_button(alice_client, jordan):
    OutreachAttemptFactory(
        contact=jordan, kind="request", sent_at=timezone.now() - timedelta(days=15)
    )
    assert primary_buttons(page_of(alice_client, jordan)) == [
        (write(jordan, "follow_up"), "Log a follow-up")
    ]


def test_a_redirect_leads_to_the_person_suggested(alice_client, jordan):
    OutreachAttemptFactory(
        contact=jordan,
        kind="request",
        sent_at=timezone.now() - timedelta(days=3),
        reply="redirected",
        replied_at=timezone.now() - timedelta(days=2),
    )
    assert primary_buttons(page_of(alice_client, jordan)) == [
        (f"/contacts/new/?referred_by={jordan.pk}", "Add the person suggested")
    ]
