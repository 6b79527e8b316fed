"""A seeker books a meeting, prepares it, runs it against the timer and debriefs it."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from core.business_days import holiday_on, is_business_day
from networking.meetings.models import Meeting
from tests.contacts.factories import ContactFactory
from tests.employers.factories import EmployerFactory
from tests.factories import PASSWORD, ValueStatementFactory
from tests.meetings.factories import business_slot

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_book_prepare_run_and_debrief_with_two_referrals(page, alice):
    northwind = EmployerFactory(owner=alice, name="Northwind Health")
    EmployerFactory(owner=alice, name="Lumen Labs")
    ContactFactory(
        owner=alice,
        first_name="Priya",
        last_name="Raman",
        employer=northwind,
        timezone="Europe/London",
    )
    ValueStatementFactory(owner=alice, figure="$1.2M")
    slot = business_slot("America/Toronto", days_ahead=2, hour=9, minute=30)
    sign_in(page, alice.email, PASSWORD)

    # Book: 09:30 in Toronto is 14:30 in London, shown beside the field as it is typed.
    page.goto("/meetings/new/")
    page.get_by_label("Contact").select_option(label="Priya Raman — Northwind Health")
    page.get_by_label("Starts at (your time)").fill(slot.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Starts at (your time)").dispatch_event("change")
    expect(page.locator("#local-time")).to_contain_text("Priya's time (Europe/London)")
    expect(page.locator("#local-time")).to_contain_text("14:30–14:50")
    page.get_by_label("Location").fill("https://meet.example.com/priya")
    page.get_by_role("button", name="Book it").click()
    expect(page.get_by_role("heading", name="Meeting with Priya Raman")).to_be_visible()
    meeting = Meeting.objects.get()

    # Prepare: three bank questions, one of our own, a value statement, the checklist.
    page.get_by_role("link", name="Prepare", exact=True).click()
    agenda = page.locator("#agenda ol li")
    expect(agenda).to_have_count(2)  # the key question and the close are always there
    for picked in range(1, 4):  # picked in place: no reload, the row leaves the bank
        page.locator("#bank details[open] button", has_text="Add").first.click()
        expect(agenda).to_have_count(2 + picked)
    expect(page.locator("#prep-checklist")).to_contain_text("20% ready")  # agenda ready
    page.get_by_label("Your own question for this meeting").fill(
        "How is the patient app changing your team?"
    )
    page.get_by_role("button", name="Add to the agenda").click()
    expect(agenda).to_have_count(6)
    page.get_by_role("button", name="Move up: How is the patient app changing your team?").click()
    expect(agenda.nth(2)).to_contain_text("How is the patient app changing your team?")
    page.get_by_role("button", name=re.compile("^Remove")).first.click()
    expect(agenda).to_have_count(5)
    expect(agenda.nth(3)).to_contain_text("Can you recommend someone else")  # still last-but-one
    page.get_by_label(re.compile(r"\$1\.2M")).check()
    page.get_by_label("Research notes").fill("Northwind is rebuilding its patient app.")
    page.get_by_label("I will ask whether I may leave my résumé").check()
    page.get_by_label(re.compile("let them steer")).check()
    page.get_by_role("button", name="Save preparation").click()
    expect(page.get_by_text("100% ready")).to_be_visible()

    # Run: the timer ticks, turns amber at the last quarter and red when over.
    page.clock.install()
    page.get_by_role("link", name="Open the run sheet").click()
    timer = page.locator("#timer")
    expect(timer.locator("[data-timer-elapsed]")).to_have_text("00:00")
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(3_000)
    expect(timer.locator("[data-timer-elapsed]")).to_have_text("00:03")
    expect(timer).to_have_attribute("data-timer-level", "normal")
    page.clock.run_for(15 * 60_000)
    expect(timer).to_have_attribute("data-timer-level", "amber")
    expect(timer.locator("[data-timer-phase]")).to_contain_text("the key question")
    page.clock.run_for(5 * 60_000)
    expect(timer).to_have_attribute("data-timer-level", "over")
    expect(timer.locator("[data-timer-remaining]")).to_contain_text("over")
    page.get_by_role("button", name="Pause").click()

    # The meeting took place (the clock moves on): debrief it with two referrals.
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=meeting.starts_at - timedelta(days=7), ends_at=meeting.ends_at - timedelta(days=7)
    )
    page.goto(f"/meetings/{meeting.pk}/debrief/")
    page.get_by_label("Actual length (minutes)").fill("23")
    page.get_by_label("Engaged").check()
    page.get_by_label("I left my résumé").check()
    page.locator("#id_referrals-0-first_name").fill("Sam")
    page.locator("#id_referrals-0-last_name").fill("Ortiz")
    page.locator("#id_referrals-0-new_employer").fill("Brightpath Learning")
    page.locator("#id_referrals-1-first_name").fill("Marcus")
    page.locator("#id_referrals-1-last_name").fill("Chen")
    page.locator("#id_referrals-1-employer").select_option(label="Lumen Labs")
    page.get_by_role("button", name="Add another person").click()
    expect(page.locator("#id_referrals-2-first_name")).to_be_visible()
    page.get_by_role("button", name="Save the debrief").click()

    expect(page.get_by_text("2 referrals added to your contacts")).to_be_visible()
    expect(page.get_by_text("Overstayed by 3 min")).to_be_visible()
    recommended = page.locator("#debrief-h ~ ul").last
    expect(recommended).to_contain_text("Sam Ortiz")
    expect(recommended).to_contain_text("Marcus Chen at Lumen Labs")
    page.get_by_role("button", name=re.compile(r"Done\W+Send Priya Raman a thank-you note")).click()
    expect(page.get_by_text("Done: Send Priya Raman a thank-you note.")).to_be_visible()
    assert page.console_errors == [], page.console_errors


def next_weekday_holiday() -> tuple[date, str, date]:
    """The next public holiday in Germany on a weekday, its name, and a business day before
    it: the test books in the future whatever day it runs."""
    day = timezone.now().date() + timedelta(days=2)
    while day.weekday() > 4 or not holiday_on(day, "DE"):
        day += timedelta(days=1)
    open_day = day - timedelta(days=1)
    while not is_business_day(open_day, "DE"):
        open_day -= timedelta(days=1)
    return day, holiday_on(day, "DE"), open_day


def test_the_booking_hint_names_the_contacts_public_holiday(page, alice):
    ContactFactory(
        owner=alice,
        first_name="Oliver",
        last_name="Brandt",
        employer=None,
        timezone="Europe/Berlin",
        country="DE",
    )
    sign_in(page, alice.email, PASSWORD)
    page.goto("/meetings/new/")
    page.get_by_label("Contact").select_option(label="Oliver Brandt")
    starts = page.get_by_label("Starts at (your time)")
    holiday, name, open_day = next_weekday_holiday()
    starts.fill(f"{holiday}T05:00")  # 11:00 in Berlin, on a public holiday there
    starts.dispatch_event("change")
    expect(page.locator("#local-time")).to_contain_text(
        f"{holiday:%A} {holiday.day} {holiday:%B %Y} is {name} in Germany"
    )
    page.get_by_label("Location").fill("https://meet.example.com/oliver")
    page.get_by_role("button", name="Book it").click()
    expect(
        page.get_by_text("a public holiday for Oliver, so pick a business day").first
    ).to_be_visible()
    assert not Meeting.objects.exists()
    starts.fill(f"{open_day}T05:00")  # a business day in Germany: open
    starts.dispatch_event("change")
    expect(page.locator("#local-time")).to_contain_text("on no public holiday in Germany")
