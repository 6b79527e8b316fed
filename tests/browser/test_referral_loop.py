"""The chain's next link: a debrief's referral is offered on the dashboard, and one click opens
the request drafted around the name in common; logging it takes the referral off the list."""

import re

import pytest
from playwright.sync_api import expect

from networking.contacts.models import Contact, OutreachAttempt
from tests.contacts.factories import ContactFactory
from tests.employers.factories import EmployerFactory
from tests.factories import PASSWORD
from tests.meetings.factories import MeetingFactory, past_slot

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_referral_from_the_debrief_becomes_the_next_request(page, alice):
    northwind = EmployerFactory(owner=alice, name="Northwind Health")
    sofia = ContactFactory(
        owner=alice, first_name="Sofia", last_name="Marin", employer=northwind, timezone="UTC"
    )
    meeting = MeetingFactory(contact=sofia, starts_at=past_slot(sofia.timezone))
    sign_in(page, alice.email, PASSWORD)

    page.goto(f"/meetings/{meeting.pk}/debrief/")
    page.get_by_label("Actual length (minutes)").fill("20")
    page.get_by_label("Engaged").check()
    # The referrer's employer is offered; the level is asked.
    expect(page.locator("#id_referrals-0-employer")).to_have_value(str(northwind.pk))
    page.locator("#id_referrals-0-first_name").fill("Tom")
    page.locator("#id_referrals-0-last_name").fill("Becker")
    page.locator("#id_referrals-0-level").select_option("director")
    page.locator("#id_referrals-1-first_name").fill("Ines")
    page.locator("#id_referrals-1-last_name").fill("Duarte")
    page.get_by_role("button", name="Save the debrief").click()
    expect(page.get_by_text("2 referrals added to your contacts")).to_be_visible()

    page.goto("/dashboard/")
    actions = page.locator("section[aria-labelledby=next-h]")
    expect(actions).to_contain_text("Write to Tom Becker — Sofia Marin suggested you")
    expect(actions).to_contain_text("Write to Ines Duarte — Sofia Marin suggested you")

    # Ines is set aside; Tom is written to.
    page.get_by_role("button", name="Dismiss Ines Duarte").click()
    expect(page.get_by_text("Ines Duarte is set aside")).to_be_visible()
    expect(actions).not_to_contain_text("Write to Ines Duarte")
    page.get_by_role("link", name="Write the request to Tom Becker").click()
    message = page.get_by_label("Message")
    expect(message).to_have_value(re.compile(r"^Hi Tom,\s+Sofia Marin"))
    expect(page.locator("#draft-check")).to_contain_text("Opens with Sofia Marin")
    page.get_by_role("button", name="Log it").click()
    expect(page.get_by_role("heading", name="Tom Becker")).to_be_visible()
    tom = Contact.objects.get(first_name="Tom")
    assert tom.outreach.filter(kind=OutreachAttempt.Kind.REQUEST).exists()
    assert (tom.level, tom.employer, tom.timezone) == ("director", northwind, "UTC")

    page.goto("/dashboard/")
    expect(actions).not_to_contain_text("Write to Tom Becker")
    assert page.console_errors == [], page.console_errors
