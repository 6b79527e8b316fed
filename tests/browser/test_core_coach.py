"""SPEC §2 end to end: the demo's coach reads Maya's records in the admin, read-only and logged;
her notes reach Maya's dashboard; Maya reads the log and ends the coach's access."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.contacts.factories import ContactFactory
from tests.factories import UserFactory

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_coach_reads_a_clients_records_and_the_client_ends_access(page, browser, live_server):
    call_command("seed_demo")
    ContactFactory(owner=UserFactory(), first_name="Hidden", last_name="Person")

    coach = browser.new_context(base_url=live_server.url).new_page()
    coach.goto("/admin/")
    coach.get_by_label("Email address").fill("coach@schmooze.example")
    coach.get_by_label("Password").fill("schmooze-coach")
    coach.get_by_role("button", name="Log in").click()
    expect(coach.get_by_role("heading", name="Your caseload")).to_be_visible()
    coach.goto("/admin/contacts/contact/")
    expect(coach.get_by_role("link", name="Priya Raman")).to_be_visible()
    expect(coach.get_by_text("Hidden")).to_have_count(0)
    coach.get_by_role("link", name="Priya Raman").click()
    expect(coach.get_by_role("heading", name="View contact")).to_be_visible()
    expect(coach.locator("input[name=_save]")).to_have_count(0)

    coach.goto("/admin/core/coachingnote/add/")
    coach.get_by_label("Client").select_option(label="Maya Okafor")
    coach.get_by_label("Text").fill("Ask Priya about the design ops role.")
    coach.locator("input[name=_save]").click()
    expect(coach.get_by_text("was added successfully")).to_be_visible()

    sign_in(page, "demo@schmooze.example", "schmooze-demo")
    expect(page.get_by_text("Ask Priya about the design ops role.")).to_be_visible()
    page.goto("/profile/")
    page.get_by_role("link", name="What coaches have looked at").click()
    expect(page.get_by_role("cell", name=re.compile("Contact: Priya Raman"))).to_be_visible()
    page.goto("/profile/")
    page.get_by_role("button", name="End access for Ruth Adebayo").click()
    expect(page.get_by_text("Ruth Adebayo can no longer see your data.")).to_be_visible()
    expect(page.get_by_text("No coach can see your data.")).to_be_visible()
    assert page.console_errors == [], page.console_errors

    coach.goto("/admin/contacts/contact/")
    expect(coach.get_by_text("0 contacts")).to_be_visible()
    coach.context.close()
