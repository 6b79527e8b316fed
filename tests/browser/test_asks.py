"""A seeker writes a job ask on the prep page and in the bank: the one detector warns, and
refuses salary, in the same words on both pages."""

import pytest
from playwright.sync_api import expect

from core.asks import JOB_ASK_WARNING, SALARY_REFUSAL
from networking.meetings.models import AgendaItem, Question
from tests.contacts.factories import ContactFactory
from tests.factories import PASSWORD
from tests.meetings.factories import MeetingFactory

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_job_ask_is_warned_and_salary_refused_on_the_prep_page_and_in_the_bank(page, alice):
    meeting = MeetingFactory(contact=ContactFactory(owner=alice, first_name="Priya"))
    sign_in(page, alice.email, PASSWORD)

    page.goto(f"/meetings/{meeting.pk}/prep/")
    own = page.get_by_label("Your own question for this meeting")
    own.fill("Are you hiring for any analytics roles right now?")
    page.get_by_role("button", name="Add to the agenda").click()
    expect(page.get_by_role("alert").filter(has_text=JOB_ASK_WARNING)).to_be_visible()
    expect(page.locator("#agenda")).to_contain_text("Are you hiring for any analytics roles")

    own = page.get_by_label("Your own question for this meeting")
    own.fill("What does a product manager make here?")
    page.get_by_role("button", name="Add to the agenda").click()
    expect(page.get_by_text(SALARY_REFUSAL)).to_be_visible()
    expect(page.get_by_label("Your own question for this meeting")).to_have_value(
        "What does a product manager make here?"
    )
    assert AgendaItem.objects.filter(meeting=meeting).count() == 1

    page.goto("/questions/")
    page.get_by_role("textbox", name="Question").fill(
        "Do you have any open positions on your team?"
    )
    page.get_by_label("Category").select_option("advice")
    page.get_by_role("button", name="Add to my bank").click()
    expect(page.get_by_role("alert").filter(has_text=JOB_ASK_WARNING)).to_be_visible()
    assert Question.objects.filter(owner=alice).count() == 1

    page.get_by_role("textbox", name="Question").fill("How do you compensate for a small team?")
    page.get_by_label("Category").select_option("insights")
    page.get_by_role("button", name="Add to my bank").click()
    expect(page.get_by_text("How do you compensate for a small team?", exact=True)).to_be_visible()
    expect(page.get_by_role("alert").filter(has_text=JOB_ASK_WARNING)).to_have_count(0)
    assert Question.objects.filter(owner=alice).count() == 2
    assert page.console_errors == []
