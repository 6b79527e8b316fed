"""SPEC §3 in the browser: a seeker who adds a recruiter is led to the line manager instead."""

import pytest

from networking.contacts.models import Contact
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_an_hr_contact_leads_to_the_line_manager_two_levels_up(page, alice):
    # Alice wants a Product Designer role on the supervisor's rung: the person to meet is a
    # director.
    sign_in(page, alice.email, PASSWORD)
    page.goto("/contacts/new/")
    assert page.get_by_text("Aim for: director").is_visible()
    page.get_by_text("Which rung? The ladder, from the top").click()
    assert page.get_by_text("Senior Product Designer").is_visible()

    page.get_by_label("First name").fill("Dana")
    page.get_by_label("Last name").fill("Whitfield")
    page.get_by_label("…or add a new employer").fill("Northwind Health")
    page.get_by_label("Level").select_option("manager")
    page.get_by_label("Function").select_option("hr")
    page.get_by_role("button", name="Add contact").click()
    page.wait_for_url("**/contacts/*/")

    assert page.get_by_text(
        "Dana Whitfield added. Next: find the line manager two levels up at Northwind Health."
    ).is_visible()
    assert page.get_by_role("link", name="Draft a request").count() == 0
    assert page.get_by_role("link", name="Write to Dana anyway").is_visible()
    primary = page.locator("header a.btn-primary")
    assert primary.count() == 1 and primary.inner_text() == "Find the line manager"

    primary.click()
    page.wait_for_url("**/contacts/new/?employer=*&level=director")
    employer = page.get_by_label("Employer", exact=True)
    assert employer.locator("option:checked").inner_text() == "Northwind Health"
    assert page.get_by_label("Level").input_value() == "director"

    page.get_by_label("First name").fill("Priya")
    page.get_by_label("Last name").fill("Raman")
    page.get_by_label("Function").select_option("design")
    page.get_by_role("button", name="Add contact").click()
    page.wait_for_url("**/contacts/*/")
    assert page.get_by_text("Priya Raman added. Next: send a polite request.").is_visible()
    assert page.get_by_text("Ideal target").first.is_visible()
    priya = Contact.objects.get(first_name="Priya")
    assert (priya.employer.name, priya.level) == ("Northwind Health", "director")

    page.goto("/contacts/")
    row = page.locator("tr", has_text="Dana Whitfield")
    assert row.get_by_role(
        "link", name="Find the line manager two levels up at Northwind Health"
    ).is_visible()
    assert page.console_errors == []
