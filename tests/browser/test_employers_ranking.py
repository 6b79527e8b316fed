"""A seeker says what matters, rates two employers, and sees them ranked with their scores."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

from .conftest import settled, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def rate(page, criterion, score):
    page.get_by_role("radiogroup", name=criterion).get_by_text(score, exact=True).click()


def add_employer(page, name, ratings, posting="none", preview=None):
    page.get_by_role("link", name="Add an employer").first.click()
    page.get_by_label("Name").fill(name)
    page.get_by_label("Status").select_option("targeting")
    page.get_by_label("Job posting").select_option(posting)
    for criterion, score in ratings.items():
        rate(page, criterion, score)
    if preview:  # the score as they rate, from the server
        expect(page.locator("#fit-preview")).to_contain_text(preview)
    page.get_by_role("button", name="Add employer").click()
    expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()


def test_a_seeker_ranks_employers_by_what_matters_to_them(page, alice):
    sign_in(page, alice.email, PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Employers").click()
    page.get_by_role("button", name="Add the suggested criteria").click()
    expect(page.get_by_text("We started your criteria with three suggestions")).to_be_visible()
    expect(page.get_by_role("heading", name="Your criteria (3)")).to_be_visible()

    page.get_by_label("New criterion").fill("Innovative culture")
    page.get_by_label("Weight", exact=True).select_option("5")
    page.get_by_role("button", name="Add criterion").click()
    expect(page.get_by_text("“Innovative culture” added.")).to_be_visible()
    page.get_by_role("button", name="Move Innovative culture up").click()
    names = page.locator(".criterion-row input[type=text]")
    expect(names.nth(2)).to_have_value("Innovative culture")
    settled(page)
    # Rows save as they change, without a Save click or a reload.
    page.get_by_label("Weight of criterion 2").select_option("2")
    expect(page.get_by_text("“A mission I care about” saved.")).to_be_visible()
    settled(page)
    page.get_by_label("Name of criterion 2").fill("A mission I believe in")
    page.keyboard.press("Tab")
    expect(page.get_by_text("“A mission I believe in” saved.")).to_be_visible()
    page.reload()
    expect(page.get_by_label("Weight of criterion 2")).to_have_value("2")
    expect(page.get_by_label("Name of criterion 2")).to_have_value("A mission I believe in")

    page.get_by_role("link", name="Back to your ranked employers").click()
    add_employer(page, "Harbor & Pine Publishing", {"Innovative culture": "1"})
    page.get_by_role("link", name="Employers", exact=True).first.click()
    add_employer(
        page,
        "Northwind Health",
        {"Innovative culture": "5", "Remote-friendly": "4"},
        posting="target",
        preview="2 of 4 criteria rated · 29 of 32 points",
    )
    # (5−1)×5 + (4−1)×3 = 29 of 32 points → 91
    expect(page.get_by_text("29 of 32 makes 91")).to_be_visible()
    expect(page.get_by_text("2 of 4 criteria rated")).to_be_visible()

    page.get_by_role("link", name="Employers", exact=True).first.click()
    rows = page.locator("table.employer-table tbody tr")
    expect(rows.nth(0).get_by_role("link", name="Northwind Health")).to_be_visible()
    expect(rows.nth(0).get_by_label("Fit score 91 out of 100")).to_be_visible()
    expect(rows.nth(0)).to_contain_text("2 of 4 criteria rated")
    expect(rows.nth(1).get_by_role("link", name="Harbor & Pine Publishing")).to_be_visible()
    expect(rows.nth(1).get_by_label("Fit score 0 out of 100")).to_be_visible()
    expect(page.get_by_role("region", name="Work these first")).to_contain_text("Northwind Health")
    assert page.console_errors == [], page.console_errors
