import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_newcomer_signs_up_sets_a_target_and_logs_out(page):
    page.goto("/")
    page.get_by_role("link", name="Start for free").click()
    page.get_by_label("Your name").fill("Dana Reyes")
    page.get_by_label("Email").fill("dana@example.com")
    page.locator("#id_password1").fill("a-very-good-password-1")
    page.locator("#id_password2").fill("a-very-good-password-1")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/dashboard/")
    assert page.get_by_role("heading", name="Hello, Dana").is_visible()

    page.get_by_role("link", name="Set the role you want").click()
    page.get_by_role("textbox", name="Role you want").fill("Data Analyst")
    page.get_by_label("Its level").select_option("staff")
    page.get_by_label("Your time zone").select_option("Europe/Paris")
    page.get_by_role("button", name="Save profile").click()
    assert page.get_by_text("Profile saved.").is_visible()

    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(lambda url: url.endswith("/"))
    assert page.get_by_role(
        "heading", name="Get the job through the people who know the work."
    ).is_visible()
    assert (
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in").is_visible()
    )
    assert page.console_errors == [], page.console_errors


def test_the_navigation_collapses_at_phone_width(phone_page, alice):
    from tests.factories import PASSWORD

    from .conftest import sign_in

    sign_in(phone_page, alice.email, PASSWORD)
    nav_link = phone_page.get_by_role("link", name="Profile")
    assert not nav_link.is_visible()
    toggler = phone_page.get_by_role("button", name="Toggle navigation")
    toggler.click()
    # Bootstrap animates the menu open; a tap lands once it has finished opening.
    expect(toggler).to_have_attribute("aria-expanded", "true")
    expect(phone_page.locator("#main-nav.show:not(.collapsing)")).to_be_visible()
    nav_link.click()
    expect(phone_page).to_have_url(re.compile(r"/profile/$"))
    assert phone_page.get_by_role("heading", name="Your profile").is_visible()
