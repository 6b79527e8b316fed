"""The coach's workspace end to end: Ruth finds who needs her on the caseload, opens Maya's
walk, writes a note about a meeting Maya has not written up; Maya reads it on that meeting's
page and marks it read; Ruth sees it read."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_coach_finds_who_needs_attention_and_writes_a_note_about_a_meeting(
    page, browser, live_server
):
    call_command("seed_demo")
    coach = browser.new_context(base_url=live_server.url).new_page()
    errors = []
    coach.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    coach.goto("/admin/")
    coach.get_by_label("Email address").fill("coach@schmooze.example")
    coach.get_by_label("Password").fill("schmooze-coach")
    coach.get_by_role("button", name="Log in").click()
    expect(coach.get_by_role("heading", name="Your caseload")).to_be_visible()
    row = coach.locator("#caseload tbody tr").first
    expect(row).to_contain_text("Maya Okafor")
    expect(row).to_contain_text(re.compile(r"\d debriefs? not written"))

    row.get_by_role("link", name="Maya Okafor").click()
    expect(coach.get_by_role("heading", name="Maya Okafor: the walk so far")).to_be_visible()
    expect(
        coach.get_by_role("img", name="Requests, meetings and referrals per week")
    ).to_be_visible()
    late = coach.locator("section[aria-labelledby=late-h] li", has_text="Needs debrief").first
    who = late.get_by_role("link").first.inner_text()
    late.get_by_role("link", name="write a note about it").click()
    coach.get_by_label("Text").fill("Write this one up tonight, while it is fresh.")
    coach.locator("input[name=_save]").click()
    expect(coach.get_by_text("was added successfully")).to_be_visible()
    expect(coach.get_by_role("cell", name="not yet").first).to_be_visible()

    sign_in(page, "demo@schmooze.example", "schmooze-demo")
    page.goto("/meetings/?tab=debrief")
    page.get_by_role("link", name=re.compile(who)).first.click()
    note = page.locator(".coach-note", has_text="Write this one up tonight")
    expect(note).to_be_visible()
    note.get_by_role("button", name="Mark read").click()
    expect(page.locator(".coach-note", has_text="Write this one up tonight")).to_contain_text(
        "read"
    )
    assert page.console_errors == [], page.console_errors

    coach.goto("/admin/core/coachingnote/")
    expect(coach.get_by_role("cell", name=re.compile(r"^read ")).first).to_be_visible()
    assert errors == [], errors
    coach.context.close()
