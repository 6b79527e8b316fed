"""The dashboard agrees with the lists (issue 9): every item a list marks due today or overdue
is on the dashboard, named and linked, read by the same rule; and a count that leaves
something out says what ("11 employers, 1 dropped").

The lists are rendered through their views and read as a seeker reads them: the contact list's
next actions in red, the meetings waiting for a debrief, the meetings still to prepare, the
follow-ups to do that are due. Each must be found on the dashboard by its name and its link.
"""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from networking.contacts.models import Contact, OutreachAttempt
from networking.employers.models import Employer
from networking.meetings.models import Meeting, Task
from tests.clock import MONDAY_NOON, SATURDAY_LATE, SATURDAY_SMALL_HOURS, at, at_each
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory
from tests.employers.factories import EmployerFactory
from tests.meetings.factories import MeetingFactory, TaskFactory, business_slot, past_slot

pytestmark = [pytest.mark.django_db, at(MONDAY_NOON)]

EVERY_KIND_OF_DAY = at_each(MONDAY_NOON, SATURDAY_SMALL_HOURS, SATURDAY_LATE)


def person(owner, first, last):
    return ContactFactory(owner=owner, first_name=first, last_name=last)


def every_kind_of_due_item(owner) -> dict:
    """One of each thing a list can mark due, and a few that are not due."""
    # A polite follow-up: asked 20 days ago, no reply.
    elena = person(owner, "Elena", "Petrova")
    OutreachAttemptFactory(contact=elena, sent_at=timezone.now() - timedelta(days=20))
    # Met two business days ago, not debriefed: a debrief and a thank-you are due.
    chloe = person(owner, "Chloe", "Martin")
    undebriefed = MeetingFactory(contact=chloe, starts_at=past_slot(chloe.timezone, days_back=2))
    # Met and debriefed: the debrief's thank-you task is due today, and an older follow-up.
    priya = person(owner, "Priya", "Raman")
    held = MeetingFactory(
        contact=priya,
        starts_at=past_slot(priya.timezone, days_back=3),
        status=Meeting.Status.DEBRIEFED,
    )
    thank_you = TaskFactory(meeting=held)
    follow_up = TaskFactory(
        meeting=held,
        kind=Task.Kind.FOLLOW_UP,
        title="Follow up with Priya Raman: tell them what came of their advice",
        due_on=owner.today() - timedelta(days=1),
    )
    # A meeting ahead with nothing prepared.
    sam = person(owner, "Sam", "Ortiz")
    unprepared = MeetingFactory(contact=sam, starts_at=business_slot(sam.timezone, days_ahead=2))
    # Someone recommended, not written to yet.
    tom = ContactFactory(owner=owner, first_name="Tom", last_name="Becker", referred_by=priya)
    # Not due: asked yesterday; a task next week.
    fresh = person(owner, "Noah", "Fischer")
    OutreachAttemptFactory(contact=fresh, sent_at=timezone.now() - timedelta(hours=20))
    TaskFactory(
        meeting=held,
        kind=Task.Kind.FOLLOW_UP,
        title="Follow up later",
        due_on=owner.today() + timedelta(days=7),
    )
    return {
        "elena": elena,
        "chloe": chloe,
        "priya": priya,
        "sam": sam,
        "tom": tom,
        "fresh": fresh,
        "undebriefed": undebriefed,
        "unprepared": unprepared,
        "thank_you": thank_you,
        "follow_up": follow_up,
    }


def page(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def due_on_the_contact_list(body: str) -> list[tuple[str, str]]:
    """The (link, name) of each contact whose next action the list shows due, in red."""
    rows = body.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    named = re.compile(r'<a class="fw-semibold" href="([^"]+)">([^<]+)</a>')
    return [named.search(row).groups() for row in rows if "text-danger fw-semibold" in row]


def due_tasks_on_the_meetings_page(body: str) -> list[tuple[str, str]]:
    """The (Done form's address, title) of each follow-up to do marked overdue or due today."""
    tasks = body.split('id="tasks-h"')[1]
    found = []
    for item in tasks.split("<li ")[1:]:
        if "text-danger" in item or "text-warning-emphasis" in item:
            title = re.search(r"</span>\s*<span[^>]*>([^<]+)</span>", item).group(1)
            action = re.search(r'action="([^"]+)"', item).group(1)
            found.append((action, title))
    return found


def links(body: str, text: str) -> list[str]:
    """The addresses of the links whose text starts with ``text``."""
    return re.findall(rf'<a [^>]*href="([^"]+)"[^>]*>{re.escape(text)}', body)


@EVERY_KIND_OF_DAY
def test_every_item_a_list_marks_due_is_on_the_dashboard(alice_client, alice, now):
    made = every_kind_of_due_item(alice)
    dashboard = page(alice_client, reverse("dashboard"))

    contacts = due_on_the_contact_list(page(alice_client, reverse("contacts:list")))
    # The lists do mark each kind: the follow-up and the thank-you not yet written.
    names = {name for _, name in contacts}
    assert {"Elena Petrova", "Chloe Martin", "Priya Raman"} <= names
    assert "Noah Fischer" not in names and "Sam Ortiz" not in names
    for link, name in contacts:
        assert f'href="{link}"' in dashboard, name
        assert name in dashboard

    meetings = page(alice_client, reverse("meetings:list"), tab="debrief")
    debriefs = links(meetings, "Write the debrief")
    assert debriefs == [reverse("meetings:debrief", args=[made["undebriefed"].pk])]
    for link in debriefs:
        assert f'href="{link}"' in dashboard

    upcoming = page(alice_client, reverse("meetings:list"), tab="upcoming")
    to_prepare = links(upcoming, "Prepare it")
    assert to_prepare == [reverse("meetings:prep", args=[made["unprepared"].pk])]
    for link in to_prepare:
        assert f'href="{link}"' in dashboard
        assert "Sam Ortiz" in dashboard

    tasks = due_tasks_on_the_meetings_page(upcoming)
    assert {title for _, title in tasks} == {made["thank_you"].title, made["follow_up"].title}
    for action, title in tasks:
        assert f'action="{action}"' in dashboard
        assert title in dashboard
    assert "Follow up later" not in dashboard


def test_each_thank_you_is_shown_once(alice_client, alice):
    """The debriefed meeting's thank-you is its task (with "Done"); the one not debriefed yet
    is the contact's, with the button that logs it: never both for the same person."""
    made = every_kind_of_due_item(alice)
    response = alice_client.get(reverse("dashboard"))
    board = response.context["dashboard"]
    assert [c.pk for c in board.thank_yous_due] == [made["chloe"].pk]
    assert made["thank_you"] in board.tasks_due
    body = response.content.decode()
    assert body.count("Send Priya Raman a thank-you note") == 2  # the title and its button's
    assert body.count(f'href="{made["chloe"].get_absolute_url()}"') == 1
    write = reverse("contacts:outreach_create", args=[made["chloe"].pk]) + "?kind=thank_you"
    assert f'href="{write}"' in body
    assert board.due_count == (
        board.tasks_due.total
        + board.thank_yous_due.total
        + board.follow_ups_due.total
        + board.needing_debrief.total
        + board.unprepared.total
    )


def test_a_thank_you_logged_leaves_the_dashboard(alice_client, alice):
    made = every_kind_of_due_item(alice)
    OutreachAttemptFactory(contact=made["chloe"], kind=OutreachAttempt.Kind.THANK_YOU)
    board = alice_client.get(reverse("dashboard")).context["dashboard"]
    assert list(board.thank_yous_due) == []
    assert Contact.objects.with_status().get(pk=made["chloe"].pk).status == "nurturing"


def test_a_thank_you_not_due_yet_is_not_listed(alice_client, alice):
    """Met today: the note is due the next business day, on the list as on the dashboard."""
    maya = person(alice, "Maya", "Stone")
    MeetingFactory(
        contact=maya,
        starts_at=timezone.now() - timedelta(hours=1),
        status=Meeting.Status.HELD,
    )
    body = page(alice_client, reverse("contacts:list"))
    assert "Maya Stone" not in dict(due_on_the_contact_list(body)).values()
    board = alice_client.get(reverse("dashboard")).context["dashboard"]
    assert list(board.thank_yous_due) == []


def test_a_meeting_today_is_not_a_preparation_overdue(alice_client, alice):
    """A booked meeting is the contact's next step on its day, not an overdue task: whether it
    still needs preparing is the meetings app's to say, on the dashboard and the meetings list."""
    sam = person(alice, "Sam", "Ortiz")
    MeetingFactory(contact=sam, starts_at=business_slot(sam.timezone, days_ahead=0, hour=15))
    body = page(alice_client, reverse("contacts:list"))
    assert due_on_the_contact_list(body) == []
    assert "meeting today" in body


def funnel(client) -> dict:
    board = client.get(reverse("dashboard")).context["dashboard"]
    return {step["label"]: (step["count"], step["note"]) for step in board.funnel}


def test_the_funnel_says_what_its_counts_leave_out(alice_client, alice):
    for _ in range(11):
        EmployerFactory(owner=alice)
    EmployerFactory(owner=alice, status=Employer.Status.DROPPED)
    contact = person(alice, "Sam", "Ortiz")
    MeetingFactory(contact=contact, starts_at=business_slot(contact.timezone, days_ahead=1))
    MeetingFactory(
        contact=contact,
        starts_at=business_slot(contact.timezone, days_ahead=2),
        status=Meeting.Status.CANCELLED,
    )
    counts = funnel(alice_client)
    assert counts["Employers"] == (12, "1 dropped")  # Sam's employer, the eleven, not the twelfth
    assert counts["Meetings"] == (1, "1 cancelled")
    body = alice_client.get(reverse("dashboard")).content.decode()
    assert re.search(r">12</div>\s*<div[^>]*>Employers</div>\s*<div[^>]*>1 dropped</div>", body)
    assert re.search(r">1</div>\s*<div[^>]*>Meetings</div>\s*<div[^>]*>1 cancelled</div>", body)


def test_a_count_leaving_nothing_out_says_nothing_more(alice_client, alice):
    EmployerFactory(owner=alice)
    counts = funnel(alice_client)
    assert counts["Employers"] == (1, "")
    assert counts["Meetings"] == (0, "")
    assert "funnel-note" not in alice_client.get(reverse("dashboard")).content.decode()


def test_referrals_count_everyone_recommended_and_say_how_many_are_to_write_to(alice_client, alice):
    """The funnel's referrals are the people someone recommended (in a debrief, by pointing
    elsewhere, or as "Introduced by"); the "Write to" list is those not asked nor set aside."""
    jordan = person(alice, "Jordan", "Lee")
    written = ContactFactory(owner=alice, referred_by=jordan)
    OutreachAttemptFactory(contact=written)
    ContactFactory(owner=alice, referred_by=jordan, referral_dismissed_at=timezone.now())
    ContactFactory(owner=alice, referred_by=jordan)
    ContactFactory(owner=alice, referred_by=written)
    response = alice_client.get(reverse("dashboard"))
    board = response.context["dashboard"]
    assert board.referrals.total == 2
    assert funnel(alice_client)["Referrals"] == (4, "2 to write to")
    body = response.content.decode()
    assert body.count("suggested you") == 2
    assert f'href="{reverse("network")}"' in body


def test_the_demo_funnel_agrees_with_its_lists(client):
    from django.core.management import call_command

    from core.models import User

    call_command("seed_demo")
    demo = User.objects.get(email="demo@schmooze.example")
    client.force_login(demo)
    board = client.get(reverse("dashboard")).context["dashboard"]
    counts = {step["label"]: step for step in board.funnel}
    referred = Contact.objects.owned_by(demo).filter(referred_by__isnull=False)
    assert counts["Referrals"]["count"] == referred.count()
    assert counts["Referrals"]["note"] == f"{board.referrals.total} to write to"
    employers = Employer.objects.owned_by(demo)
    dropped = employers.filter(status=Employer.Status.DROPPED).count()
    assert counts["Employers"]["count"] + dropped == employers.count()
    assert counts["Employers"]["note"] == (f"{dropped} dropped" if dropped else "")
    meetings = Meeting.objects.owned_by(demo)
    cancelled = meetings.filter(status=Meeting.Status.CANCELLED).count()
    assert counts["Meetings"]["count"] + cancelled == meetings.count()


def test_every_list_full_reads_no_row_twice(alice_client, alice, coaching, coach):
    """Every list of the dashboard holds something: each is read in the queries it is counted
    for, the rows whole with what their template and next step use (a column a short list
    leaves out would be read again for each row, here shown as more queries)."""
    from core.coaching import CoachingNote

    made = every_kind_of_due_item(alice)
    employer = EmployerFactory(owner=alice, name="Cobalt Robotics")
    recruiter = ContactFactory(
        owner=alice, first_name="Rita", function=Contact.Function.HR, employer=employer
    )
    waiting = ContactFactory(owner=alice, first_name="Wes", employer=EmployerFactory(owner=alice))
    OutreachAttemptFactory(contact=waiting, sent_at=timezone.now() - timedelta(days=30))
    CoachingNote.objects.create(coach=coach, client=alice, text="Well done this week.")
    # The session, the user, the counts, the thank-you notes due, the lists of people (their
    # heads, then the rows), of meetings (the same), the tasks, the best employers, the notes.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as read:
        response = alice_client.get(reverse("dashboard"))
    assert len(read.captured_queries) == 11, [q["sql"][:120] for q in read.captured_queries]
    board = response.context["dashboard"]
    body = response.content.decode()
    assert [c.pk for c in board.thank_yous_due] == [made["chloe"].pk]
    assert [c.pk for c in board.follow_ups_due] == [waiting.pk, made["elena"].pk]
    assert [c.pk for c in board.referrals] == [made["tom"].pk]
    assert [c.pk for c in board.recruiters] == [recruiter.pk]
    assert [s.contact.pk for s in board.second_contacts] == [waiting.pk, made["elena"].pk]
    assert [m.pk for m in board.needing_debrief] == [made["undebriefed"].pk]
    assert [m.pk for m in board.unprepared] == [made["unprepared"].pk]
    assert [m.pk for m in board.upcoming] == [made["unprepared"].pk]
    assert {t.pk for t in board.tasks_due} == {made["thank_you"].pk, made["follow_up"].pk}
    assert len(board.coaching_notes) == 1
    for text in (
        "Rita",
        "Find the line manager two levels up at Cobalt Robotics",
        "Priya Raman suggested you",
        "approach a second contact at",
        "Well done this week.",
        "Chloe Martin",
        "Sam Ortiz",
    ):
        assert text in body, text
