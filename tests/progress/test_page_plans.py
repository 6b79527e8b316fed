"""Every page a seeker opens, read on PostgreSQL with a network of thousands of contacts: no
query of any page runs a subquery once per contact of the seeker's (SPEC §8).

A query count stays flat while each query grows: a correlated subquery evaluated for every
contact costs nothing at 20 contacts and seconds at 40,000. So each page is opened through
the views, every ``SELECT`` it sent is run again under ``EXPLAIN (ANALYZE, FORMAT JSON)``,
and each subplan's loops are read: a subplan run per employer, per meeting or per page row
is fine, one run per contact is the slowdown this test keeps out.
"""

import math

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import Count, OuterRef, Subquery
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from networking.contacts.models import Contact, OutreachAttempt
from networking.employers.models import Employer
from tests.contacts.factories import ContactFactory
from tests.contacts.test_plans import big_network
from tests.meetings.factories import MeetingFactory, business_slot, past_slot

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the plans read are PostgreSQL's (EXPLAIN)"
    ),
]

SIZE = 4_000
# A subplan may run once per row of a page, per employer or per meeting; never this often.
MOST_LOOPS = SIZE // 10


def subplans(node):
    """(name, loops) of every subplan under a plan node, at any depth."""
    for child in node.get("Plans", ()):
        if child.get("Parent Relationship") == "SubPlan":
            yield child.get("Subplan Name", "SubPlan"), child.get("Actual Loops", 0)
        yield from subplans(child)


@pytest.fixture
def network(alice):
    big_network(alice, size=SIZE)
    employer = Employer.objects.owned_by(alice).order_by("pk").first()
    # A chain of introductions and a few meetings, so the pages that show them have some.
    introducer = None
    for n in range(4):
        introducer = ContactFactory(
            owner=alice, employer=employer, first_name=f"Chain{n}", referred_by=introducer
        )
        slot = past_slot if n % 2 else business_slot
        days = {"days_back": n + 1} if n % 2 else {"days_ahead": n + 1}
        MeetingFactory(contact=introducer, starts_at=slot(introducer.timezone, hour=10, **days))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return alice, employer, introducer


def pages(alice, employer, contact):
    count = Contact.objects.owned_by(alice).count()
    last = math.ceil(count / settings.PAGE_SIZE)
    contacts = reverse("contacts:list")
    return [
        reverse("dashboard"),
        contacts,
        f"{contacts}?status=requested",
        f"{contacts}?status=met",
        f"{contacts}?q=Okafor",
        f"{contacts}?page={last}",
        f"{contacts}?page={last // 2}",
        contact.get_absolute_url(),
        reverse("network"),
        reverse("employers:list"),
        employer.get_absolute_url(),
        reverse("meetings:list"),
        reverse("opportunities:list"),
        reverse("profile"),
    ]


def test_no_page_runs_a_subquery_once_per_contact(network, client):
    alice, employer, contact = network
    client.force_login(alice)
    for path in pages(alice, employer, contact):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200, path
        selects = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT")]
        assert selects, path
        for sql in selects:
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
                [[plan]] = cursor.fetchone()
            for name, loops in subplans(plan["Plan"]):
                assert loops <= MOST_LOOPS, (path, name, loops, sql[:400])


def test_the_check_sees_a_subquery_per_contact(network):
    """The check above can fail: a correlated subquery per contact is seen with its loops."""
    alice, _, _ = network
    attempts = (
        OutreachAttempt.objects.filter(contact=OuterRef("pk"))
        .order_by()
        .values("contact")
        .annotate(total=Count("pk"))
        .values("total")
    )
    rows = Contact.objects.owned_by(alice).annotate(attempts=Subquery(attempts))
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
        [[plan]] = cursor.fetchone()
    assert max(loops for _, loops in subplans(plan["Plan"])) > MOST_LOOPS
