"""The opportunities chapter of the demo story, loaded on a Monday and on a Saturday."""

from io import StringIO

import pytest
from django.core.management import call_command

from core.models import User
from networking.opportunities import selectors
from networking.opportunities.models import Opportunity
from tests.clock import MONDAY_NOON, SATURDAY_NOON, SATURDAY_SMALL_HOURS, frozen_at

pytestmark = pytest.mark.django_db

now = frozen_at(MONDAY_NOON, SATURDAY_SMALL_HOURS, SATURDAY_NOON)


@pytest.fixture
def maya(now):
    call_command("seed_demo", stdout=StringIO())
    return User.objects.get(email="demo@schmooze.example")


def test_sam_a_referral_of_a_referral_opened_an_interview_and_a_note_is_due(maya):
    sams = Opportunity.objects.owned_by(maya).get(contact__first_name="Sam")
    assert sams.stage == "interviewing"
    assert sams.contact.referred_by.referred_by is not None  # Priya, whom Jordan introduced
    assert list(sams.stage_changes.values_list("stage", flat=True)) == [
        "lead",
        "applied",
        "interviewing",
    ]
    task = selectors.open_loop_task(sams)
    assert task is not None and task.contact == sams.contact and task.kind == "close_loop"
    assert sams.stage_changes.get(stage="applied").task.done  # told him she applied


def test_the_story_shows_a_lead_from_a_meeting_and_an_offer_with_its_salary(maya):
    ryans = Opportunity.objects.owned_by(maya).get(contact__first_name="Ryan")
    assert (ryans.source, ryans.stage) == ("meeting", "lead") and ryans.meeting is not None
    offer = Opportunity.objects.owned_by(maya).get(stage="offer")
    assert offer.salary_is_open and offer.salary_min < offer.salary_max


def test_the_network_yield_names_the_referral_of_a_referral(maya):
    yielded = selectors.network_yield(maya)
    assert (yielded.from_network, yielded.from_referrals_of_referrals) == (2, 1)
    summary = selectors.opportunity_summary(maya)
    assert (summary.open, summary.offers, summary.from_network) == (3, 1, 2)
