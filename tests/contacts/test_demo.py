"""The contacts chapter of the demo story, loaded on a Monday, on a Friday evening in Toronto
(Saturday in UTC) and on a Saturday."""

from io import StringIO

import pytest
from django.core.management import call_command

from core.models import User
from networking.contacts import selectors
from networking.contacts.models import Contact, Status
from networking.meetings.selectors import today_for
from tests.clock import MONDAY_NOON, SATURDAY_NOON, SATURDAY_SMALL_HOURS, frozen_at

pytestmark = pytest.mark.django_db

now = frozen_at(MONDAY_NOON, SATURDAY_SMALL_HOURS, SATURDAY_NOON)

# Who is owed a polite follow-up when the demo is loaded: Luis since the business day before,
# Aisha and Megan on the day itself, a business day; on a Saturday theirs wait for Monday.
FOLLOW_UPS_DUE = {
    MONDAY_NOON: ["Luis", "Aisha", "Megan"],
    SATURDAY_SMALL_HOURS: ["Luis", "Aisha", "Megan"],
    SATURDAY_NOON: ["Luis"],
}


@pytest.fixture
def maya(now):
    call_command("seed_demo", stdout=StringIO())
    return User.objects.get(email="demo@schmooze.example")


def named(user, first, last):
    return (
        Contact.objects.owned_by(user)
        .select_related("employer")
        .get(first_name=first, last_name=last)
    )


def test_the_named_contacts_of_the_story(maya):
    jordan = named(maya, "Jordan", "Lee")
    priya = named(maya, "Priya", "Raman")
    sam = named(maya, "Sam", "Ortiz")
    dana = named(maya, "Dana", "Whitfield")
    elena = named(maya, "Elena", "Petrova")
    assert (jordan.employer.name, jordan.level, jordan.function) == (
        "Lumen Labs",
        "manager",
        "design",
    )
    assert (priya.employer.name, priya.level, priya.referred_by) == (
        "Northwind Health",
        "director",
        jordan,
    )
    assert (sam.employer.name, sam.function, sam.referred_by) == (
        "Brightpath Learning",
        "product",
        priya,
    )
    assert (dana.function, dana.employer.name) == ("hr", "Northwind Health")
    assert (elena.level, elena.employer.name) == ("vp", "Cobalt Robotics")
    accepted = {
        c.first_name for c in Contact.objects.owned_by(maya).filter(outreach__reply="accepted")
    }
    assert {"Jordan", "Priya", "Sam"} <= accepted
    assert not elena.outreach.exclude(reply="none").exists()


def test_about_25_contacts_one_recruiter_and_outreach_in_every_state(maya, now):
    contacts = Contact.objects.owned_by(maya).with_status()
    assert 22 <= contacts.count() <= 30
    assert contacts.filter(function="hr").count() == 1
    # Contacts met through the meetings chapter may still have no level: ours cover the ladder.
    assert {c.level for c in contacts} >= {
        "staff",
        "supervisor",
        "manager",
        "director",
        "vp",
        "executive",
    }
    statuses = {c.status for c in contacts}
    assert {
        Status.IDENTIFIED,
        Status.REQUESTED,
        Status.RESTING,
        Status.DECLINED,
        Status.REDIRECTED,
    } <= statuses
    due = selectors.follow_ups_due(maya, today_for(maya))
    assert [contact.first_name for contact in due] == FOLLOW_UPS_DUE[now]
    assert any(c.contact.first_name == "Elena" for c in selectors.second_contact_suggestions(maya))
