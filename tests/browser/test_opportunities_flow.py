"""A seeker records the role a contact suggested, applies with her name, and moves it to
interviewing: a close-the-loop note falls due for her; the board shows it on a phone too."""

import pytest
from playwright.sync_api import expect

from networking.meetings.models import Task
from networking.opportunities.models import Opportunity
from tests.contacts.factories import ContactFactory
from tests.employers.factories import EmployerFactory
from tests.factories import PASSWORD

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_from_a_contacts_page_to_interviewing(page, phone_page, alice):
    northwind = EmployerFactory(owner=alice, name="Northwind Health")
    dana = ContactFactory(owner=alice, first_name="Dana", last_name="Whitfield", employer=northwind)
    sign_in(page, alice.email, PASSWORD)

    page.goto(dana.get_absolute_url())
    page.get_by_role("link", name="Dana suggested I apply").click()
    expect(page.get_by_role("heading", name="Record a role")).to_be_visible()
    expect(page.locator("#id_contact")).to_have_value(str(dana.pk))
    expect(page.locator("#id_employer")).to_have_value(str(northwind.pk))
    page.locator("#id_title").fill("Senior Product Designer")
    page.get_by_role("button", name="Record it").click()

    expect(page.get_by_role("heading", name="Senior Product Designer")).to_be_visible()
    expect(page.locator(".name-drop")).to_contain_text("“Dana Whitfield suggested I apply.”")
    page.get_by_label("New stage").select_option("applied")
    page.get_by_role("button", name="Save the new stage").click()
    expect(page.locator(".alert-info").first).to_contain_text("Close the loop with Dana Whitfield")
    page.get_by_label("New stage").select_option("interviewing")
    page.get_by_role("button", name="Save the new stage").click()
    expect(page.locator(".stage-history li")).to_have_count(3)
    expect(page.locator(".loop-reminder")).to_contain_text("Don't ask Dana for the job itself")

    opportunity = Opportunity.objects.get()
    assert opportunity.stage == "interviewing"
    [task] = Task.objects.filter(contact=dana, kind="close_loop", done=False)
    assert "interviewing" in task.title

    # On a phone the board's columns stack: the card is there, nothing scrolls sideways.
    sign_in(phone_page, alice.email, PASSWORD)
    phone_page.goto("/opportunities/")
    column = phone_page.locator("section.stage-col-interviewing")
    expect(column).to_contain_text("Senior Product Designer")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
