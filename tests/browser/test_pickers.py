"""A seeker with many contacts finds the one they mean by typing: an introducer, a meeting."""

import pytest
from playwright.sync_api import expect

from core.pickers import SHORTLIST
from networking.contacts.models import Contact
from networking.meetings.models import Meeting
from tests.contacts.factories import ContactFactory
from tests.contacts.test_pickers import network_of
from tests.employers.factories import EmployerFactory
from tests.factories import PASSWORD
from tests.meetings.factories import business_slot

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_seeker_types_to_find_the_introducer_and_saves_the_contact(page, alice):
    cobalt = EmployerFactory(owner=alice, name="Cobalt Robotics")
    elena = ContactFactory(owner=alice, first_name="Elena", last_name="Petrova", employer=cobalt)
    network_of(alice, SHORTLIST + 20)  # Elena is no longer among the newest
    sign_in(page, alice.email, PASSWORD)

    page.goto("/contacts/new/")
    introducer = page.get_by_label("Introduced by")
    expect(introducer.locator("option", has_text="Elena Petrova")).to_have_count(0)
    expect(page.get_by_text("Type above to search them all").first).to_be_visible()

    page.get_by_label("First name").fill("Marco")
    page.get_by_label("Last name").fill("Rossi")
    search = page.locator("#div_id_referred_by [data-picker-search]")
    search.press_sequentially("petro", delay=30)
    expect(introducer.locator("option", has_text="Elena Petrova — Cobalt Robotics")).to_have_count(
        1
    )
    expect(introducer).to_have_attribute("size", "2")  # open as a list: nobody, and Elena
    introducer.select_option(label="Elena Petrova — Cobalt Robotics")
    page.get_by_role("button", name="Add contact").click()
    page.wait_for_url("**/contacts/*/")

    assert Contact.objects.get(first_name="Marco").referred_by == elena
    assert page.console_errors == []


def test_a_seeker_types_to_find_the_contact_and_books_the_meeting(page, alice):
    northwind = EmployerFactory(owner=alice, name="Northwind Health")
    priya = ContactFactory(
        owner=alice,
        first_name="Priya",
        last_name="Raman",
        employer=northwind,
        timezone="Europe/London",
    )
    network_of(alice, SHORTLIST + 20)
    slot = business_slot("America/Toronto", days_ahead=2, hour=9, minute=30)
    sign_in(page, alice.email, PASSWORD)

    page.goto("/meetings/new/")
    contact = page.locator("#id_contact")
    page.locator("#div_id_contact [data-picker-search]").press_sequentially("northw", delay=30)
    expect(contact.locator("option", has_text="Priya Raman — Northwind Health")).to_have_count(1)
    expect(page.get_by_text("Matches by name: pick one.")).to_be_visible()
    contact.select_option(label="Priya Raman — Northwind Health")
    page.get_by_label("Starts at (your time)").fill(slot.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Starts at (your time)").dispatch_event("change")
    expect(page.locator("#local-time")).to_contain_text("Priya's time (Europe/London)")
    page.get_by_role("button", name="Book it").click()
    expect(page.get_by_role("heading", name="Meeting with Priya Raman")).to_be_visible()

    assert Meeting.objects.get().contact == priya
    assert page.console_errors == []
