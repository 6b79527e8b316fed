"""The run sheet on a phone during the meeting: ticks and notes survive a reload, notes typed
offline are sent once back online, the timer's two clocks add up to the agreed length and the
Start button stays where the thumb is."""

import re

import pytest
from playwright.sync_api import expect

from networking.meetings.models import Meeting
from tests.contacts.factories import ContactFactory
from tests.factories import PASSWORD
from tests.meetings.factories import AgendaItemFactory, MeetingFactory

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def saved_notes(meeting) -> str:
    return Meeting.objects.get(pk=meeting.pk).run_notes


def test_notes_and_ticks_survive_a_reload_and_notes_wait_out_a_lost_connection(phone_page, alice):
    page = phone_page
    contact = ContactFactory(owner=alice, first_name="Sofia", last_name="Marin")
    meeting = MeetingFactory(contact=contact, status="scheduled", duration_minutes=20)
    AgendaItemFactory(meeting=meeting, text="How did you get into design leadership?")
    sign_in(page, alice.email, PASSWORD)

    # On the meeting page, the run sheet is the first thing.
    page.goto(f"/meetings/{meeting.pk}/")
    first = page.get_by_role("link", name="Open the run sheet").first
    expect(first).to_be_in_viewport()
    first.click()
    page.wait_for_url(f"**/meetings/{meeting.pk}/run/")

    notes = page.get_by_label("Notes during the meeting")
    notes.fill("Talk to Tom Becker at Northwind.")
    expect(page.locator("[data-notes-status]")).to_have_text("Saved.")
    assert saved_notes(meeting) == "Talk to Tom Becker at Northwind."
    page.get_by_label("How did you get into design leadership?").check()

    page.reload()
    expect(page.get_by_label("Notes during the meeting")).to_have_value(
        "Talk to Tom Becker at Northwind."
    )
    expect(page.get_by_label("How did you get into design leadership?")).to_be_checked()

    # The connection drops: the notes stay on the phone, and go once it is back.
    page.context.set_offline(True)
    notes = page.get_by_label("Notes during the meeting")
    notes.fill("Talk to Tom Becker at Northwind. Ana de Souza runs research.")
    expect(page.locator("[data-notes-status]")).to_contain_text("kept on this phone")
    assert saved_notes(meeting) == "Talk to Tom Becker at Northwind."
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator("[data-notes-status]")).to_have_text("Saved.")
    assert saved_notes(meeting) == "Talk to Tom Becker at Northwind. Ana de Souza runs research."


def test_the_timer_adds_up_and_start_stays_put(phone_page, alice):
    page = phone_page
    contact = ContactFactory(owner=alice)
    meeting = MeetingFactory(contact=contact, status="scheduled", duration_minutes=20)
    sign_in(page, alice.email, PASSWORD)
    page.clock.install()
    page.goto(f"/meetings/{meeting.pk}/run/")
    toggle = page.get_by_role("button", name="Start")
    before = toggle.bounding_box()
    toggle.click()
    page.clock.run_for(3_400)
    timer = page.locator("#timer")
    expect(timer.locator("[data-timer-elapsed]")).to_have_text("00:03")
    expect(timer.locator("[data-timer-remaining]")).to_have_text("19:57 left")
    page.clock.run_for(5 * 60_000 + 700)
    expect(timer.locator("[data-timer-elapsed]")).to_have_text("05:04")
    expect(timer.locator("[data-timer-remaining]")).to_have_text("14:56 left")
    after = page.get_by_role("button", name=re.compile("Pause")).bounding_box()
    assert (after["x"], after["y"], after["width"]) == (before["x"], before["y"], before["width"])
