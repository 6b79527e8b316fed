"""One state per meeting and per contact, at one clock (Python's ``timezone.now()``).

``State.of`` (Python) and ``state_filters`` (SQL) are the rule's one home; the first tests hold
them to the same answer. The rest walk every page, the admin's included, at three instants
around one meeting (five minutes before it, five minutes into it, five minutes after it) and
check that each says the same word for the meeting and for its contact.
"""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from networking.contacts.models import Contact
from networking.meetings.models import Meeting, State, state_filters
from tests.contacts.factories import ContactFactory
from tests.employers.factories import EmployerFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db

TORONTO = ZoneInfo("America/Toronto")
# Thursday 10 December 2026, 10:00 in Toronto: a meeting of 20 minutes starts.
STARTS = datetime(2026, 12, 10, 10, 0, tzinfo=TORONTO)
ENDS = STARTS + timedelta(minutes=20)
BEFORE, DURING, AFTER = (
    STARTS - timedelta(minutes=5),
    STARTS + timedelta(minutes=5),
    ENDS + timedelta(minutes=5),
)


# --- the rule, in Python and in SQL ---------------------------------------------------------

MOMENTS = {
    "well before": STARTS - timedelta(days=1),
    "at the start": STARTS,
    "a second in": STARTS + timedelta(seconds=1),
    "at the end": ENDS,
    "a second after": ENDS + timedelta(seconds=1),
    "well after": ENDS + timedelta(days=1),
}

EXPECTED = {
    # status: the state at each moment, in the order of MOMENTS
    "requested": [
        "requested",
        "requested",
        "never_confirmed",
        "never_confirmed",
        "never_confirmed",
        "never_confirmed",
    ],
    "scheduled": [
        "scheduled",
        "scheduled",
        "in_progress",
        "in_progress",
        "needs_debrief",
        "needs_debrief",
    ],
    "held": ["needs_debrief"] * 6,
    "debriefed": ["debriefed"] * 6,
    "cancelled": ["cancelled"] * 6,
}


@pytest.mark.parametrize("status", list(EXPECTED))
def test_python_and_sql_give_every_meeting_one_state_at_every_moment(alice, status):
    meeting = MeetingFactory(contact=ContactFactory(owner=alice), starts_at=STARTS, status=status)
    for (name, moment), expected in zip(MOMENTS.items(), EXPECTED[status], strict=True):
        assert meeting.state_at(moment) == expected, name
        matching = [
            state
            for state, condition in state_filters(moment).items()
            if Meeting.objects.filter(condition, pk=meeting.pk).exists()
        ]
        assert matching == [State(expected)], name


# --- every page, at three instants around one meeting ---------------------------------------

MEETING_WORD = re.compile(r'class="badge meeting-state [^"]*">([^<]+)</span>')
CONTACT_WORD = re.compile(r'class="badge contact-status status-[a-z]+">([^<]+)</span>')


@pytest.fixture
def story(alice, coaching):
    acme = EmployerFactory(owner=alice, name="Acme Health")
    contact = ContactFactory(owner=alice, employer=acme, first_name="Priya", last_name="Raman")
    meeting = MeetingFactory(contact=contact, starts_at=STARTS, status="scheduled")
    return contact, meeting, acme


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def words(pattern, page):
    return set(pattern.findall(page))


@pytest.mark.parametrize(
    ("moment", "meeting_word", "contact_word", "tab"),
    [
        (BEFORE, "Scheduled", "Scheduled", "upcoming"),
        (DURING, "In progress", "Met", "upcoming"),
        (AFTER, "Needs debrief", "Met", "debrief"),
    ],
    ids=["five minutes before", "five minutes in", "five minutes after"],
)
def test_every_page_says_the_same_word(
    alice, coach, story, moment, meeting_word, contact_word, tab
):
    contact, meeting, acme = story
    with time_machine.travel(moment, tick=False):
        seeker, ruth = client_of(alice), client_of(coach)
        pages = {
            "contact page": seeker.get(f"/contacts/{contact.pk}/"),
            "meeting list": seeker.get(f"/meetings/?tab={tab}"),
            "meeting page": seeker.get(f"/meetings/{meeting.pk}/"),
            "employer page": seeker.get(f"/employers/{acme.pk}/"),
        }
        if moment != AFTER:  # after it, the dashboard lists it among the debriefs to write
            pages["dashboard"] = seeker.get("/dashboard/")
        for name, response in pages.items():
            assert response.status_code == 200, name
            assert words(MEETING_WORD, response.content.decode()) == {meeting_word}, name

        for name, url in {
            "contact page": f"/contacts/{contact.pk}/",
            "contact list": "/contacts/",
        }.items():
            assert words(CONTACT_WORD, seeker.get(url).content.decode()) == {contact_word}, name
        assert Contact.objects.with_status(moment).get(pk=contact.pk).status_label == contact_word

        admin = ruth.get("/admin/meetings/meeting/").content.decode()
        assert f'<td class="field-state">{meeting_word}</td>' in admin

        dashboard = seeker.get("/dashboard/").content.decode()
        assert ("Debriefs to write" in dashboard) is (meeting_word == "Needs debrief")
        assert ("Meetings to prepare" in dashboard) is (meeting_word == "Scheduled")

        # The employer's next meeting is this one until it is over: an employer being met now
        # never reads as having no meeting.
        listed = seeker.get("/employers/").content.decode()
        start_shown = f"{STARTS:%a} {STARTS.day} {STARTS:%b}, 10:00"
        assert (start_shown in listed) is (moment != AFTER)


def test_the_admin_filters_meetings_by_the_seekers_word(alice, coach, story):
    contact, meeting, _ = story
    later = MeetingFactory(contact=contact, starts_at=STARTS + timedelta(days=1))
    with time_machine.travel(DURING, tick=False):
        ruth = client_of(coach)
        response = ruth.get("/admin/meetings/meeting/?state=in_progress")
        assert [m.pk for m in response.context["cl"].result_list] == [meeting.pk]
        response = ruth.get("/admin/meetings/meeting/?state=scheduled")
        assert [m.pk for m in response.context["cl"].result_list] == [later.pk]


def test_the_admins_contact_list_says_the_contacts_word(alice, coach, story):
    assert story  # Priya, her meeting at Acme
    for moment, word in ((BEFORE, "Scheduled"), (DURING, "Met")):
        with time_machine.travel(moment, tick=False):
            page = client_of(coach).get("/admin/contacts/contact/").content.decode()
            assert f'<td class="field-status">{word}</td>' in page
