"""A GET only reads, on every page of the site (STYLE: no state change on GET).

Walks every address the seeker can open, filled with the demo seeker's story, and records
any INSERT, UPDATE or DELETE a GET sends. The admin is left out: a coach opening a client's
record is logged by design (SPEC §2).
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core.coaching import CoachAssignment
from core.models import User, ValueStatement
from networking.contacts.models import Contact
from networking.employers.models import Criterion, Employer
from networking.meetings.models import AgendaItem, Question, Task
from networking.meetings.selectors import meetings_needing_debrief
from networking.opportunities.models import Opportunity

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
LEFT_OUT = {"admin"}


def every_address(patterns=None, namespace=None, route=""):
    """(name, route) of every named address, outside the admin."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in LEFT_OUT:
                continue
            inner = pattern.namespace or namespace
            yield from every_address(pattern.url_patterns, inner, route + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, route + str(pattern.pattern)


def the_story_of(maya):
    """One object of each kind the addresses name, from the demo seeker's story."""
    contact = Contact.objects.owned_by(maya).filter(outreach__isnull=False).first()
    meeting = meetings_needing_debrief(maya).first()  # its debrief page is open
    return {
        "employer": Employer.objects.owned_by(maya).first(),
        "criterion": Criterion.objects.owned_by(maya).first(),
        "contact": contact,
        "attempt": contact.outreach.first(),
        "meeting": meeting,
        "item": AgendaItem.objects.filter(meeting__contact__owner=maya).first(),
        "task": Task.objects.owned_by(maya).first(),
        "question": Question.objects.owned_by(maya).first(),
        "value_statement": ValueStatement.objects.owned_by(maya).first(),
        "coach_assignment": CoachAssignment.objects.filter(client=maya).first(),
        "opportunity": Opportunity.objects.owned_by(maya).first(),
    }


def kwargs_for(name, route, story):
    """The address's arguments, or None when they are not at hand (a token, no such object)."""
    app, _, page = name.rpartition(":")
    owner = {
        "employers": "criterion" if page.startswith("criterion_") else "employer",
        "contacts": "contact",
        "meetings": "task" if page == "task_done" else "meeting",
        "questions": "question",
        "opportunities": "opportunity",
        "": "coach_assignment" if page.startswith("coach_access") else "value_statement",
    }[app]
    kwargs = {}
    for argument, kind in [("pk", owner), ("attempt_pk", "attempt"), ("item_pk", "item")]:
        if f"<int:{argument}>" in route:
            if story.get(kind) is None:
                return None
            kwargs[argument] = story[kind].pk
    return None if "<" in route and not kwargs else kwargs


def gets_of_every_page(client, story):
    """Open every page with a GET: the answers' statuses, and the writes they sent."""
    statuses, writes = {}, []
    for name, route in every_address():
        kwargs = kwargs_for(name, route, story)
        if kwargs is None:
            continue
        url = reverse(name, kwargs=kwargs)
        with CaptureQueriesContext(connection) as queries:
            statuses[url] = client.get(url).status_code
        writes += [
            (url, query["sql"])
            for query in queries
            if query["sql"].lstrip().upper().startswith(WRITES)
        ]
    return statuses, writes


def test_a_new_seekers_first_look_around_writes_nothing(alice_client):
    statuses, writes = gets_of_every_page(alice_client, story={})
    assert writes == []
    assert "/employers/criteria/" in statuses and "/dashboard/" in statuses


def test_no_page_of_a_seeker_with_a_full_story_writes_on_get(client):
    call_command("seed_demo", stdout=StringIO())
    maya = User.objects.get(email="demo@schmooze.example")
    story = the_story_of(maya)
    assert all(story.values()), story
    client.force_login(maya)
    statuses, writes = gets_of_every_page(client, story)
    assert writes == []
    # Every page answered (a 302 from a step not open yet, a 405 from a POST-only address).
    assert set(statuses.values()) <= {200, 302, 405}, statuses
    assert len(statuses) > 40
