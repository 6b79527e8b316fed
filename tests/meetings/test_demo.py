"""The meetings chapter of the demo story, loaded on a Monday, on a Friday evening in Toronto
(Saturday in UTC) and on a Saturday."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.models import User
from networking.contacts.models import Contact
from networking.meetings import selectors
from networking.meetings.models import Meeting, Question
from tests.clock import MONDAY_NOON, SATURDAY_NOON, SATURDAY_SMALL_HOURS, frozen_at

pytestmark = pytest.mark.django_db

now = frozen_at(MONDAY_NOON, SATURDAY_SMALL_HOURS, SATURDAY_NOON)

# When the demo is loaded: (the day Jordan was met, the day his thank-you falls due, due today?)
JORDANS_THANK_YOU = {
    MONDAY_NOON: (date(2026, 11, 27), date(2026, 11, 30), True),  # met Friday, due Monday
    SATURDAY_SMALL_HOURS: (date(2026, 12, 3), date(2026, 12, 4), True),  # Friday in Toronto
    SATURDAY_NOON: (date(2026, 12, 4), date(2026, 12, 7), False),  # due Monday, not overdue
}


@pytest.fixture
def maya(now):
    call_command("seed_demo", stdout=StringIO())
    return User.objects.get(email="demo@schmooze.example")


def meeting_with(user, first, last):
    return Meeting.objects.owned_by(user).get(contact__first_name=first, contact__last_name=last)


def test_meetings_in_every_state(maya):
    states = set(Meeting.objects.owned_by(maya).values_list("status", flat=True))
    assert states == set(Meeting.Status.values)
    assert meeting_with(maya, "Sam", "Ortiz").status == "requested"
    assert meeting_with(maya, "Dana", "Whitfield").status == "cancelled"
    assert selectors.meetings_needing_debrief(maya).count() == 2


def test_jordan_is_debriefed_with_two_referrals_and_a_thank_you_due(maya, now):
    jordan = meeting_with(maya, "Jordan", "Lee")
    assert jordan.status == "debriefed"
    referrals = list(jordan.referred_contacts.all())
    assert len(referrals) == 2
    assert all(person.referred_by == jordan.contact for person in referrals)
    met_on, due_on, due_today = JORDANS_THANK_YOU[now]
    assert jordan.starts_at.astimezone(maya.zone).date() == met_on
    thank_you = jordan.tasks.get(kind="thank_you")
    assert thank_you.due_on == due_on
    assert (thank_you in selectors.tasks_due_today(maya)) is due_today
    assert thank_you not in selectors.tasks_overdue(maya)
    assert jordan.overstayed
    assert selectors.overstayed(maya).count() == 1


def test_priya_is_scheduled_prepared_and_linked_to_her_accepted_request(maya):
    priya = meeting_with(maya, "Priya", "Raman")
    assert priya.status == "scheduled" and priya.starts_at > timezone.now()
    assert priya.readiness() == 100
    assert priya not in selectors.meetings_without_preparation(maya)
    assert priya.request is not None and priya.request.reply == "accepted"
    assert priya.agenda()[-2].is_key


def test_every_booked_time_keeps_the_rules(maya):
    for meeting in Meeting.objects.owned_by(maya).select_related("contact__owner"):
        assert meeting.hours_problem() == "", meeting
        assert 10 <= meeting.duration_minutes <= 30


def test_the_chapter_tolerates_missing_story_contacts(maya):
    Meeting.objects.all().delete()
    Contact.objects.owned_by(maya).filter(first_name__in=["Jordan", "Priya"]).delete()
    from networking.meetings import demo

    demo.seed(maya)
    assert Meeting.objects.owned_by(maya).filter(status="requested").exists()


def test_maya_has_questions_of_her_own_in_her_bank(maya):
    own = Question.objects.owned_by(maya)
    assert own.count() == 2
    assert set(own.values_list("category", flat=True)) <= set(Question.Category.values)


def test_chloes_run_sheet_notes_lead_her_debrief(maya, client):
    chloe = meeting_with(maya, "Chloe", "Martin")
    assert "Marta Lindqvist" in chloe.run_notes
    client.force_login(maya)
    response = client.get(f"/meetings/{chloe.pk}/debrief/")
    assert response.context["form"]["notes"].value() == chloe.run_notes
    assert response.context["suggested_names"] == [("Marta", "Lindqvist"), ("Oskar", "Brenner")]
