"""A seeker adds the right people, drafts a checked request, and is stopped before hounding."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def local(days_ago, hour, zone):
    moment = (timezone.now() - timedelta(days=days_ago)).astimezone(zone)
    return moment.replace(hour=hour, minute=0).strftime("%Y-%m-%dT%H:%M")


def add_contact(page, first, last, new_employer, level, referrer=None, function="design"):
    page.goto("/contacts/new/")
    page.get_by_label("First name").fill(first)
    page.get_by_label("Last name").fill(last)
    page.get_by_label("…or add a new employer").fill(new_employer)
    page.get_by_label("Level").select_option(level)
    page.get_by_label("Function").select_option(function)
    if referrer:
        page.get_by_label("Introduced by").select_option(label=referrer)
    page.get_by_role("button", name="Add contact").click()
    page.wait_for_url("**/contacts/*/")


def test_a_seeker_drafts_a_request_and_is_stopped_before_hounding(page, alice):
    sign_in(page, alice.email, PASSWORD)
    page.goto("/contacts/")
    page.get_by_role("link", name="Add your first contact").click()
    page.wait_for_url("**/contacts/new/")

    add_contact(page, "Elena", "Petrova", "Cobalt Robotics", "vp")
    assert page.get_by_role("heading", name="Elena Petrova").is_visible()
    assert page.get_by_text("Senior", exact=True).first.is_visible()

    add_contact(page, "Dana", "Whitfield", "Northwind Health", "manager", function="hr")
    assert page.get_by_text("HR / recruiter").first.is_visible()
    advice = page.get_by_role("region", name="Is this the right person?")
    assert advice.get_by_text("Recruiters screen candidates").is_visible()

    add_contact(
        page,
        "Priya",
        "Raman",
        "Northwind Health",
        "director",
        referrer="Elena Petrova — Cobalt Robotics",
    )
    assert page.get_by_text("Ideal target").first.is_visible()
    assert page.locator(".referral-chain").inner_text().startswith("Introduced by Elena Petrova")

    page.get_by_role("link", name="Draft a request").first.click()
    message = page.get_by_label("Message")
    assert message.input_value().startswith("Hi Priya,\n\nElena Petrova suggested")
    no_job = page.locator('[data-rule="no_job"]')
    assert no_job.get_attribute("data-state") == "met"

    message.press("Control+End")
    message.press_sequentially(" Any openings for me")
    page.wait_for_selector('[data-rule="no_job"][data-state="unmet"]')
    page.wait_for_selector('[data-rule="question"][data-state="unmet"]')
    assert "“Any openings”" in no_job.inner_text()
    assert "Any%20openings" in page.locator("#draft-mailto").get_attribute("href")

    for _ in range(len(" Any openings for me")):
        message.press("Backspace")
    page.wait_for_selector('[data-rule="no_job"][data-state="met"]')

    page.get_by_label("Sent (or to be sent) at").fill(local(20, 10, alice.zone))
    page.get_by_role("button", name="Log it").click()
    page.wait_for_url("**/contacts/*/")
    assert page.get_by_text("Meeting request to Priya Raman logged").is_visible()

    for days_ago in (8, 1):
        page.get_by_role("link", name="Log a follow-up").first.click()
        assert page.get_by_label("Kind").input_value() == "follow_up"
        page.get_by_label("Sent (or to be sent) at").fill(local(days_ago, 10, alice.zone))
        page.get_by_role("button", name="Log it").click()
        page.wait_for_url("**/contacts/*/")
        assert page.get_by_text("Polite follow-up to Priya Raman logged").is_visible()

    assert page.get_by_text("No reply — let it rest").first.is_visible()
    assert page.get_by_role("link", name="Log a follow-up").count() == 0

    page.goto(page.url + "outreach/new/?kind=follow_up")
    page.get_by_role("button", name="Log it").click()
    refusal = page.get_by_role("alert").filter(has_text="A third would be hounding").first
    assert refusal.is_visible()
    assert page.console_errors == [], page.console_errors
