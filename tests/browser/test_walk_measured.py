"""The walk, measured (issue 9): from the landing page to a request to someone a debrief
recommended, by the links and buttons the pages offer, counting the pages loaded.

Sign-up → the role → a value statement → an employer → the right insider there → a request →
their yes → the booking → the preparation → the run sheet → a past meeting with them, logged
and debriefed with two referrals → from the dashboard, the request to one of them, logged.
No address is typed after the landing page: each step is reached from the page before it, so
a page that stops offering the way on fails this test. htmx swaps are not page loads; every
full navigation is (a redirect after a form is one). The count is recorded in
docs/performance.md ("The walk, measured") and must stay at or below ``MOST_PAGE_LOADS``.
"""

import re

import pytest
from playwright.sync_api import expect

from core.models import User
from networking.contacts.models import Contact, OutreachAttempt
from networking.meetings.models import Meeting
from tests.meetings.factories import business_slot, past_slot

from .conftest import settled

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

MOST_PAGE_LOADS = 30
ZONE = "Europe/Berlin"  # the browser's, so the seeker's (the sign-up reads it) and the insider's


class Walk:
    """The page, with what the seeker did to it counted: pages loaded (the main frame's load
    events), clicks (a link, a button, a box ticked, a choice in a list) and fields typed."""

    def __init__(self, page):
        self.page = page
        self.loads = []
        self.clicks = 0
        self.typed = 0
        page.on("load", lambda loaded: self.loads.append(loaded.url))

    def click(self, locator):
        self.clicks += 1
        locator.click()

    def check(self, locator):
        self.clicks += 1
        locator.check()

    def choose(self, locator, value):
        self.clicks += 1
        locator.select_option(value)

    def fill(self, locator, text):
        self.typed += 1
        locator.fill(text)

    def link(self, name, **kwargs):
        self.click(self.page.get_by_role("link", name=name, **kwargs).locator("visible=true").first)

    def button(self, name, **kwargs):
        self.click(self.page.get_by_role("button", name=name, **kwargs))

    def heading(self, name):
        expect(self.page.get_by_role("heading", name=name, exact=True)).to_be_visible()


@pytest.fixture
def walk(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, timezone_id=ZONE
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield Walk(page)
    context.close()


def moment(when) -> str:
    return when.strftime("%Y-%m-%dT%H:%M")


def test_the_walk_from_sign_up_to_a_referrals_request_loads_at_most_30_pages(walk):
    page = walk.page
    page.goto("/")

    # Sign up: the time zone comes from the browser.
    walk.link("Start for free")
    walk.fill(page.get_by_label("Your name"), "Dana Reyes")
    walk.fill(page.get_by_label("Email"), "dana@example.com")
    walk.fill(page.locator("#id_password1"), "a-very-good-password-1")
    walk.fill(page.locator("#id_password2"), "a-very-good-password-1")
    walk.button("Create account")
    walk.heading("Hello, Dana")

    # The profile: the role, then on to the value statements, then on to the employers.
    walk.link("Set the role you want")
    walk.fill(page.get_by_role("textbox", name="Role you want"), "Senior Product Designer")
    walk.choose(page.get_by_label("Its level"), "supervisor")
    walk.button("Save profile")
    expect(page).to_have_url(re.compile(r"/profile/#values-h$"))
    walk.choose(page.get_by_label("It shows"), "revenue")
    walk.fill(page.get_by_label("Figure"), "$1.2M")
    walk.fill(
        page.get_by_label("Where and how"),
        "New revenue from the upgrade flow I redesigned at Acme.",
    )
    walk.button("Add", exact=True)
    expect(page.get_by_text("Value statement added.")).to_be_visible()
    walk.link("Next step")
    walk.heading("Your ideal employers")

    # An employer, and the right insider there.
    walk.link("Add an employer")
    walk.fill(page.get_by_label("Name"), "Northwind Health")
    walk.button("Add employer")
    walk.heading("Northwind Health")
    walk.link("Add the first contact")
    walk.fill(page.get_by_label("First name"), "Sofia")
    walk.fill(page.get_by_label("Last name"), "Marin")
    walk.fill(page.get_by_label("Title"), "Director of Product Design")
    walk.choose(page.get_by_label("Level"), "director")
    walk.button("Add contact")
    walk.heading("Sofia Marin")

    # The request, sent two business days ago, and her yes.
    walk.link("Draft a request")
    message = page.get_by_label("Message")
    walk.fill(
        message,
        message.input_value().replace("[studied at … / worked at …]", "both worked in health tech"),
    )
    walk.fill(page.get_by_label("Sent (or to be sent) at"), moment(past_slot(ZONE, days_back=2)))
    walk.button("Log it")
    expect(page.get_by_text("Meeting request to Sofia Marin logged.")).to_be_visible()
    walk.click(page.get_by_text("Record their reply"))
    walk.choose(page.locator("form[action*='/reply/'] select"), "accepted")
    walk.click(page.locator("form[action*='/reply/']").get_by_role("button", name="Save"))
    expect(page.get_by_text("Sofia Marin said yes!")).to_be_visible()

    # The booking, the preparation, the run sheet.
    walk.click(page.locator("header").get_by_role("link", name="Book the meeting"))
    walk.fill(page.get_by_label("Starts at (your time)"), moment(business_slot(ZONE, days_ahead=2)))
    walk.fill(page.get_by_label("Location"), "https://meet.example.com/sofia")
    walk.button("Book it")
    walk.heading("Meeting with Sofia Marin")
    walk.link("Prepare", exact=True)
    agenda = page.locator("#agenda ol li")
    expect(agenda).to_have_count(2)  # the key question and the close
    for picked in range(1, 4):  # picked in place: htmx, no page load
        walk.click(page.locator("#bank details[open] button", has_text="Add").first)
        expect(agenda).to_have_count(2 + picked)
        settled(page)
    walk.check(page.get_by_label(re.compile(r"\$1\.2M")))
    walk.fill(page.get_by_label("Research notes"), "Northwind is rebuilding its patient app.")
    walk.check(page.get_by_label("I will ask whether I may leave my résumé"))
    walk.check(page.get_by_label(re.compile("I will watch the time")))
    walk.button("Save preparation")
    walk.heading("Meeting with Sofia Marin")
    expect(page.get_by_text("100% ready")).to_be_visible()
    walk.link("Open the run sheet")
    expect(page.get_by_role("button", name="Start")).to_be_visible()
    walk.fill(page.get_by_label("Notes during the meeting"), "Ask about the patient app.")

    # A meeting with her that already happened: logged, then debriefed with two referrals.
    walk.link("← Meeting")
    walk.link("contact page")
    walk.link("Log a past meeting")
    walk.fill(
        page.get_by_label("It started at (your time)"),
        moment(past_slot(ZONE, days_back=1, hour=11)),
    )
    walk.button("Log it and debrief")
    walk.heading("Debrief your meeting with Sofia Marin")
    walk.fill(page.get_by_label("Actual length (minutes)"), "20")
    walk.check(page.get_by_label("Engaged"))
    referrals = [
        ("Tom", "Becker", "Head of Design", "director"),
        ("Ines", "Duarte", "VP Product", "vp"),
    ]
    for n, (first, last, title, level) in enumerate(referrals):
        walk.fill(page.locator(f"#id_referrals-{n}-first_name"), first)
        walk.fill(page.locator(f"#id_referrals-{n}-last_name"), last)
        walk.fill(page.locator(f"#id_referrals-{n}-title"), title)
        walk.choose(page.locator(f"#id_referrals-{n}-level"), level)
    walk.button("Save the debrief")
    expect(page.get_by_text("2 referrals added to your contacts")).to_be_visible()

    # The next link of the chain: from the dashboard, the request to Tom, drafted and logged.
    walk.click(page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard"))
    actions = page.locator("section[aria-labelledby=next-h]")
    expect(actions).to_contain_text("Write to Tom Becker — Sofia Marin suggested you")
    walk.link("Write the request to Tom Becker")
    expect(page.get_by_label("Message")).to_have_value(re.compile(r"^Hi Tom,\s+Sofia Marin"))
    walk.button("Log it")
    walk.heading("Tom Becker")

    tom = Contact.objects.get(first_name="Tom")
    assert tom.outreach.filter(kind=OutreachAttempt.Kind.REQUEST).exists()
    assert (tom.title, tom.level, tom.referred_by.first_name) == (
        "Head of Design",
        "director",
        "Sofia",
    )
    assert Meeting.objects.filter(contact__first_name="Sofia").count() == 2
    assert User.objects.get(email="dana@example.com").timezone == ZONE
    print(
        f"\nThe walk: {len(walk.loads)} page loads, {walk.clicks} clicks, {walk.typed} fields typed"
    )
    assert len(walk.loads) <= MOST_PAGE_LOADS, walk.loads
