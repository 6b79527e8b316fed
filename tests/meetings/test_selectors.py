"""What the dashboard asks of meetings, and the panels on contact and employer pages."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.template import Context, Template
from django.test import RequestFactory

from networking.meetings import selectors
from networking.meetings.models import Meeting
from tests.contacts.factories import ContactFactory
from tests.factories import ValueStatementFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, TaskFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)  # Thursday, 10:00 in Toronto
TODAY = date(2026, 11, 26)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def contact(alice):
    return ContactFactory(owner=alice, first_name="Jordan", last_name="Lee")


def at(day, hour):
    return datetime(2026, 11, day, hour, 0, tzinfo=UTC)


def test_upcoming_meetings(alice, contact, bob):
    today = MeetingFactory(contact=contact, starts_at=at(26, 19))
    later = MeetingFactory(contact=contact, starts_at=at(30, 15))
    MeetingFactory(contact=contact, starts_at=at(26, 20), status="cancelled")
    MeetingFactory(contact=ContactFactory(owner=bob), starts_at=at(26, 19))
    assert list(selectors.upcoming_meetings(alice)) == [today, later]


def test_meetings_needing_debrief(alice, contact):
    passed = MeetingFactory(contact=contact, starts_at=at(25, 15))
    held = MeetingFactory(contact=contact, starts_at=at(24, 15), status="held")
    MeetingFactory(contact=contact, starts_at=at(23, 15), status="debriefed")
    assert set(selectors.meetings_needing_debrief(alice)) == {passed, held}


def test_meetings_without_preparation(alice, contact):
    bare = MeetingFactory(contact=contact, starts_at=at(27, 15))
    half = MeetingFactory(contact=contact, starts_at=at(27, 16))
    AgendaItemFactory(meeting=half)
    ready = MeetingFactory(contact=contact, starts_at=at(27, 17))
    AgendaItemFactory(meeting=ready)
    ready.value_statements.add(ValueStatementFactory(owner=alice))
    assert list(selectors.meetings_without_preparation(alice)) == [bare, half]


def test_tasks_due_today_and_overdue(alice, contact, bob):
    meeting = MeetingFactory(contact=contact, starts_at=at(25, 15))
    due = TaskFactory(meeting=meeting, due_on=TODAY)
    late = TaskFactory(meeting=meeting, due_on=TODAY - timedelta(days=2))
    TaskFactory(meeting=meeting, due_on=TODAY, done=True, done_at=NOW)
    TaskFactory(meeting=meeting, due_on=TODAY + timedelta(days=1))
    TaskFactory(meeting=MeetingFactory(contact=ContactFactory(owner=bob)), due_on=TODAY)
    assert list(selectors.tasks_due_today(alice)) == [due]
    assert list(selectors.tasks_overdue(alice)) == [late]


def test_today_is_the_seekers_day(alice, contact):
    alice.timezone = "Asia/Tokyo"  # already Friday 27 November there
    alice.save()
    meeting = MeetingFactory(contact=contact, starts_at=at(25, 15))
    friday = TaskFactory(meeting=meeting, due_on=date(2026, 11, 27))
    assert list(selectors.tasks_due_today(alice)) == [friday]


def test_overstay_and_referrals_counts(alice, contact, bob):
    over = MeetingFactory(
        contact=contact, starts_at=at(25, 15), status="debriefed", actual_minutes=26
    )
    MeetingFactory(
        contact=contact,
        starts_at=at(24, 15),
        status="debriefed",
        actual_minutes=30,
        extended_by_contact=True,
    )
    MeetingFactory(contact=contact, starts_at=at(23, 15), status="debriefed", actual_minutes=18)
    over.referred_contacts.add(ContactFactory(owner=alice), ContactFactory(owner=alice))
    theirs = MeetingFactory(
        contact=ContactFactory(owner=bob), status="debriefed", actual_minutes=40
    )
    theirs.referred_contacts.add(ContactFactory(owner=bob))
    assert selectors.overstayed(alice).count() == 1
    assert selectors.referrals_count(alice) == 2


def test_dashboard_selectors_make_one_query_each(alice, contact, django_assert_num_queries):
    for day in (25, 27, 30):
        TaskFactory(meeting=MeetingFactory(contact=contact, starts_at=at(day, 15)), due_on=TODAY)
    readers = [
        selectors.upcoming_meetings,
        selectors.meetings_needing_debrief,
        selectors.meetings_without_preparation,
        selectors.tasks_due_today,
        selectors.tasks_overdue,
    ]
    for reader in readers:
        with django_assert_num_queries(1):
            for item in reader(alice):
                str(item.contact)
    with django_assert_num_queries(1):
        selectors.overstayed(alice).count()
    with django_assert_num_queries(1):
        selectors.referrals_count(alice)


def render(source, **context):
    request = RequestFactory().get("/contacts/1/")
    request.user = context["contact"].owner if "contact" in context else context["employer"].owner
    return Template("{% load schmooze %}" + source).render(Context({"request": request, **context}))


def test_the_contact_panel_shows_meetings_and_open_tasks(
    alice, contact, django_assert_max_num_queries
):
    meeting = MeetingFactory(contact=contact, starts_at=at(25, 15))
    TaskFactory(meeting=meeting, due_on=TODAY, title="Send Jordan Lee a thank-you note")
    TaskFactory(meeting=meeting, due_on=TODAY, title="Already sent", done=True, done_at=NOW)
    # The meetings and tasks (2), the history: outreach, meetings, tasks, referrals (4), and
    # the panels of the floor above: the opportunities and the coach's notes (2).
    with django_assert_max_num_queries(8):
        html = render('{% panels "contact" contact %}', contact=contact)
    assert 'id="timeline"' in html
    assert meeting.get_absolute_url() in html
    assert "Needs debrief" in html
    assert "Send Jordan Lee a thank-you note" in html and "Due today" in html
    panel = html.split('id="timeline"')[0]  # the history below lists the done task too
    assert "Already sent" not in panel
    assert f"/meetings/new/?contact={contact.pk}" in html


def test_the_employer_panel_shows_its_contacts_meetings(alice, contact):
    MeetingFactory(contact=contact, starts_at=at(30, 15))
    html = render('{% panels "employer" employer %}', employer=contact.employer)
    assert "Jordan Lee" in html and "Scheduled" in html
    empty = render(
        '{% panels "employer" employer %}', employer=ContactFactory(owner=alice).employer
    )
    assert "No meeting with anyone at" in empty


def test_meeting_states_read_as_the_spec_names_them(contact):
    meeting = MeetingFactory(contact=contact, starts_at=at(30, 15), status=Meeting.Status.REQUESTED)
    assert meeting.display_status == "Requested"
    meeting.starts_at = meeting.ends_at = at(20, 15)
    assert meeting.display_status == "Never confirmed"
