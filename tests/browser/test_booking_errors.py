"""A booking refused for its time: the error is said once, and it goes as soon as the live
check finds the new time fits."""

import re

import pytest
from playwright.sync_api import expect

from tests.contacts.factories import ContactFactory
from tests.factories import PASSWORD
from tests.meetings.factories import business_slot

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_error_clears_when_the_new_time_fits(page, alice):
    ContactFactory(owner=alice, first_name="Priya", last_name="Raman", employer=None)
    evening = business_slot(alice.timezone, days_ahead=2, hour=19)
    morning = business_slot(alice.timezone, days_ahead=2, hour=10)
    sign_in(page, alice.email, PASSWORD)
    page.goto("/meetings/new/")
    page.get_by_label("Contact").select_option(label="Priya Raman")
    starts = page.get_by_label("Starts at (your time)")
    starts.fill(evening.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Book it").click()

    errors = page.locator(".invalid-feedback", has_text="after their business hours")
    expect(errors).to_have_count(1)
    expect(page.get_by_text("after their business hours")).to_have_count(1)
    starts = page.get_by_label("Starts at (your time)")
    expect(starts).to_have_class(re.compile("is-invalid"))

    starts.fill(morning.strftime("%Y-%m-%dT%H:%M"))
    starts.dispatch_event("change")
    expect(page.locator("#local-time [data-hint-ok]")).to_be_visible()
    expect(page.get_by_text("after their business hours")).to_have_count(0)
    expect(starts).not_to_have_class(re.compile("is-invalid"))
    page.get_by_role("button", name="Book it").click()
    expect(page.get_by_role("heading", name="Meeting with Priya Raman")).to_be_visible()
    assert page.console_errors == [], page.console_errors
