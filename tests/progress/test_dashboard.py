"""The dashboard ties the walk together: what is due, what comes next, the funnel.

What is due "today" is due in the seeker's zone (Toronto here): the dashboard is read on a
weekday, on a Friday evening in Toronto that is already Saturday in UTC, and on a Saturday.
"""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.models import User
from networking.contacts.models import Contact, OutreachAttempt
from tests.clock import MONDAY_NOON, SATURDAY_LATE, SATURDAY_SMALL_HOURS, at, at_each
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory
from tests.employers.factories import EmployerFactory
from tests.meetings.factories import MeetingFactory, TaskFactory, business_slot, past_slot

pytestmark = [pytest.mark.django_db, at(MONDAY_NOON)]

EVERY_KIND_OF_DAY = at_each(MONDAY_NOON, SATURDAY_SMALL_HOURS, SATURDAY_LATE)


def _fill(owner, n):
    """n of everything the dashboard reads: employers, contacts, requests, meetings, tasks.

    Each contact's meetings are on days of their own: a seeker is in one meeting at a time.
    """
    for _ in range(n):
        employer = EmployerFactory(owner=owner)
        contact = ContactFactory(owner=owner, employer=employer)
        day = Contact.objects.filter(owner=owner).count()
        OutreachAttemptFactory(
            contact=contact,
            kind=OutreachAttempt.Kind.REQUEST,
            sent_at=timezone.now() - timedelta(days=12),
        )
        MeetingFactory(
            contact=contact, starts_at=business_slot(contact.timezone, days_ahead=1 + day)
        )
        past = MeetingFactory(contact=contact, starts_at=past_slot(contact.timezone, days_back=day))
        TaskFactory(meeting=past)


@EVERY_KIND_OF_DAY
def test_a_new_seeker_sees_first_steps_and_empty_sections(alice_client, alice, now):
    alice.target_title = ""
    alice.save()
    body = alice_client.get(reverse("dashboard")).content.decode()
    assert "First steps" in body
    assert "Set the role you want" in body
    assert "Nothing is due today" in body
    assert "No meeting booked yet" in body


@EVERY_KIND_OF_DAY
def test_it_shows_what_is_due_today(alice_client, alice, now):
    contact = ContactFactory(owner=alice, first_name="Priya", last_name="Raman")
    past = MeetingFactory(contact=contact, starts_at=past_slot(contact.timezone))
    TaskFactory(meeting=past, title="Send Priya Raman a thank-you note")
    MeetingFactory(
        contact=ContactFactory(owner=alice, first_name="Sam", last_name="Ortiz"),
        starts_at=business_slot(alice.timezone, days_ahead=1),
    )
    body = alice_client.get(reverse("dashboard")).content.decode()
    assert "Debriefs to write" in body
    assert reverse("meetings:debrief", args=[past.pk]) in body
    assert "Send Priya Raman a thank-you note" in body
    assert "Meetings to prepare" in body
    assert "Sam Ortiz" in body


@at(SATURDAY_SMALL_HOURS)
def test_today_is_the_seekers_day_not_utcs(alice_client, alice):
    """Saturday 00:30 in UTC is Friday 19:30 in Toronto: Friday's task is due, not Saturday's."""
    contact = ContactFactory(owner=alice, first_name="Priya", last_name="Raman")
    met = MeetingFactory(contact=contact, starts_at=past_slot(contact.timezone))
    friday = TaskFactory(meeting=met, due_on=date(2026, 12, 4))
    TaskFactory(meeting=met, kind="follow_up", title="Follow up", due_on=date(2026, 12, 5))
    dashboard = alice_client.get(reverse("dashboard")).context["dashboard"]
    assert dashboard.today == date(2026, 12, 4)
    assert dashboard.tasks_due == [friday]


@EVERY_KIND_OF_DAY
def test_it_shows_a_polite_follow_up_when_one_is_due(alice_client, alice, now):
    contact = ContactFactory(owner=alice, first_name="Elena", last_name="Petrova")
    OutreachAttemptFactory(contact=contact, sent_at=timezone.now() - timedelta(days=20))
    body = alice_client.get(reverse("dashboard")).content.decode()
    assert "Polite follow-ups" in body
    assert reverse("contacts:outreach_create", args=[contact.pk]) + "?kind=follow_up" in body


def test_each_list_shows_its_first_rows_and_links_to_them_all(alice_client, alice):
    from networking.progress.dashboard import DUE_SHOWN

    for n in range(7):  # each meeting at an hour of its own: one meeting at a time
        asked = ContactFactory(owner=alice)
        OutreachAttemptFactory(contact=asked, sent_at=timezone.now() - timedelta(days=20))
        met = ContactFactory(owner=alice)
        upcoming = business_slot(met.timezone, days_ahead=2, hour=9 + n)
        MeetingFactory(contact=met, starts_at=upcoming)
        past = past_slot(met.timezone, hour=9 + n)
        TaskFactory(meeting=MeetingFactory(contact=met, starts_at=past))
    response = alice_client.get(reverse("dashboard"))
    dashboard = response.context["dashboard"]
    for shown in (
        dashboard.tasks_due,
        dashboard.follow_ups_due,
        dashboard.needing_debrief,
        dashboard.unprepared,
    ):
        assert (len(shown), shown.total, shown.more) == (DUE_SHOWN, 7, 7 - DUE_SHOWN)
    assert dashboard.due_count == 28
    body = response.content.decode()
    assert body.count(">Debrief<span") == DUE_SHOWN
    assert body.count(">Follow up<span") == DUE_SHOWN
    assert body.count(">Prepare<span") == DUE_SHOWN
    assert body.count(">Done<span") == DUE_SHOWN
    meetings = reverse("meetings:list")
    assert f'<a href="{meetings}?tab=debrief">…and 2 more debriefs to write</a>' in body
    assert f'<a href="{reverse("contacts:list")}?due=on">…and 2 more follow-ups due</a>' in body
    assert f'<a href="{meetings}?tab=upcoming">…and 2 more meetings to prepare</a>' in body
    assert f'<a href="{meetings}#tasks-h">…and 2 more thank-yous and follow-ups</a>' in body


def test_thank_you_notes_due_show_the_oldest_first_and_link_to_the_rest(alice_client, alice):
    """Seven people met and not thanked, none debriefed yet: the five met longest ago are
    listed, each with the button that logs the note, and the other two are counted."""
    from networking.progress.dashboard import DUE_SHOWN

    met = []
    for n in range(7):  # one meeting a day, the latest yesterday or before
        contact = ContactFactory(owner=alice, first_name=f"Met{n}", last_name="Before")
        MeetingFactory(contact=contact, starts_at=past_slot(contact.timezone, days_back=n + 1))
        met.append(contact)
    # Thanked already, and met but thanked by a debrief's open task: neither is listed here.
    thanked = ContactFactory(owner=alice, first_name="Thanked")
    MeetingFactory(contact=thanked, starts_at=past_slot(thanked.timezone, days_back=9))
    OutreachAttemptFactory(contact=thanked, kind=OutreachAttempt.Kind.THANK_YOU)
    tasked = ContactFactory(owner=alice, first_name="Tasked")
    TaskFactory(
        meeting=MeetingFactory(contact=tasked, starts_at=past_slot(tasked.timezone, days_back=10))
    )
    response = alice_client.get(reverse("dashboard"))
    shown = response.context["dashboard"].thank_yous_due
    oldest_first = sorted(met, key=lambda c: c.meetings.get().starts_at)
    assert [c.pk for c in shown] == [c.pk for c in oldest_first[:DUE_SHOWN]]
    assert (shown.total, shown.more) == (7, 2)
    body = response.content.decode()
    assert body.count("a thank-you note") >= DUE_SHOWN
    for contact in oldest_first[:DUE_SHOWN]:
        write = reverse("contacts:outreach_create", args=[contact.pk]) + "?kind=thank_you"
        assert f'href="{write}"' in body
    assert "…and 2 more thank-you notes due</a>" in body
    assert "Thanked" not in body.split("Thank-you notes")[1].split("</ul>")[0]


def test_second_contacts_name_three_employers_and_count_the_rest(alice_client, alice):
    """Five employers where the one person asked has not answered for weeks: three are named,
    the longest waiting first, and the other two counted."""
    for n in range(5):
        employer = EmployerFactory(owner=alice, name=f"Employer {n}")
        contact = ContactFactory(owner=alice, employer=employer)
        OutreachAttemptFactory(contact=contact, sent_at=timezone.now() - timedelta(days=30 - n))
    response = alice_client.get(reverse("dashboard"))
    shown = response.context["dashboard"].second_contacts
    assert [s.employer_name for s in shown] == ["Employer 0", "Employer 1", "Employer 2"]
    assert (shown.total, shown.more) == (5, 2)
    body = response.content.decode()
    assert body.count("approach a second contact at") == 3
    assert "…and 2 more employers where a second contact could help." in body


def test_a_short_list_has_no_more_link(alice_client, alice):
    _fill(alice, 2)
    body = alice_client.get(reverse("dashboard")).content.decode()
    assert body.count(">Debrief<span") == 2
    assert "more debrief" not in body and "more follow-up" not in body


def test_it_shows_nothing_of_another_seeker(bob_client, alice):
    _fill(alice, 2)
    ContactFactory(owner=alice, first_name="Zebulon")
    body = bob_client.get(reverse("dashboard")).content.decode()
    assert "Zebulon" not in body
    assert "Nothing is due today" in body
    assert "No meeting booked yet" in body


def test_the_funnel_counts_the_walk(alice_client, alice):
    _fill(alice, 3)
    dashboard = alice_client.get(reverse("dashboard")).context["dashboard"]
    counts = {step["label"]: step["count"] for step in dashboard.funnel}
    assert counts == {
        "Employers": 3,
        "Contacts": 3,
        "Asked": 3,
        "Meetings": 6,
        "Referrals": 0,
        "Opportunities": 0,
        "Offers": 0,
    }


def test_its_query_count_does_not_grow_with_the_data(
    alice_client, alice, django_assert_max_num_queries
):
    # The session and the user; the counts, with the funnel, in one query; the thank-you notes
    # due; the heads of the lists of people (two queries: their ids and counts, then the rows)
    # and of meetings (two); the tasks; the best employers. The coach's notes: none here.
    _fill(alice, 2)
    with django_assert_max_num_queries(10) as small:
        alice_client.get(reverse("dashboard"))
    _fill(alice, 30)
    with django_assert_max_num_queries(10) as large:
        alice_client.get(reverse("dashboard"))
    assert len(large.captured_queries) == len(small.captured_queries)


def test_a_list_with_nothing_in_it_is_not_read(alice_client, alice, django_assert_num_queries):
    """A new seeker's lists are all empty: the session, the user, the counts, the thank-you
    notes due, the heads of the lists of people and of meetings (no row to read whole after
    them), the tasks and the best employers to find someone at; the coach's notes, counted
    none, are not read."""
    with django_assert_num_queries(8):
        response = alice_client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert "Nothing is due today" in response.content.decode()


@EVERY_KIND_OF_DAY
def test_the_demo_seekers_dashboard_tells_the_story(client, now):
    call_command("seed_demo")
    client.force_login(User.objects.get(email="demo@schmooze.example"))
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    dashboard = response.context["dashboard"]
    assert dashboard.due_count > 0
    assert dashboard.upcoming
    assert all(step["count"] > 0 for step in dashboard.funnel)
    # People recommended in the story's debriefs, not written to yet: the next best actions.
    assert dashboard.referrals
    assert "suggested you" in response.content.decode()
