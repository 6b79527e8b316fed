"""An employer's people (SPEC §1 step 3, §3): who is shown first, and what reading them costs.

The page shows the first few people there, the ideal level first (two steps above the role,
not HR), then from the top of the ladder down, then by name. They are read as two heads (the
ideal people, the others) through ``contacts_contact_ladder_idx``; these tests hold that order
to a plain sort of everyone there, and, on PostgreSQL, hold the page to reading the rows it
shows rather than every contact at a big employer.
"""

import pytest
from django.db import connection, transaction
from django.db.models import Value
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.ladder import LADDER, Level, ideal_level_for
from networking.contacts.at_employer import SHOWN_HERE, people_here
from networking.contacts.models import Contact
from tests.contacts.factories import ContactFactory
from tests.employers.factories import EmployerFactory
from tests.meetings.factories import MeetingFactory, business_slot

pytestmark = pytest.mark.django_db

LEVELS = ["", *(level.value for level in LADDER)]


def by_the_rule(contacts, target_level):
    """Everyone there sorted as SPEC §3 reads: the ideal people, then down the ladder, by name."""
    ideal = ideal_level_for(target_level)

    def key(contact):
        is_ideal = contact.level == ideal and contact.function != Contact.Function.HR
        rung = Level(contact.level).rank if contact.level else -1
        return (not is_ideal, -rung, contact.last_name, contact.first_name, contact.pk)

    return sorted(contacts, key=key)


def test_the_rung_is_the_levels_place_on_the_ladder(alice):
    employer = EmployerFactory(owner=alice)
    for level in LEVELS:
        ContactFactory(owner=alice, employer=employer, level=level)
    stored = dict(Contact.objects.filter(owner=alice).values_list("level", "rung"))
    assert stored == {"": -1, **{level.value: level.rank for level in LADDER}}
    # The database keeps it as the level changes, whoever writes the row.
    Contact.objects.filter(owner=alice, level="staff").update(level="executive")
    assert set(
        Contact.objects.filter(owner=alice, level="executive").values_list("rung", flat=True)
    ) == {Level.EXECUTIVE.rank}


person = st.tuples(
    st.sampled_from(LEVELS),
    st.sampled_from([Contact.Function.HR, Contact.Function.DESIGN]),
    st.sampled_from(["Ames", "Baker", "Cruz", "Diaz"]),
    st.sampled_from(["Ann", "Bo", "Cy"]),
)


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    people=st.lists(person, max_size=2 * SHOWN_HERE + 3),
    target_level=st.sampled_from([level.value for level in LADDER]),
)
def test_the_people_shown_and_counted_are_the_rule(alice, bob, people, target_level):
    with transaction.atomic():
        alice.target_level = target_level
        employer = EmployerFactory(owner=alice)
        here = [
            ContactFactory(
                owner=alice,
                employer=employer,
                level=level,
                function=function,
                last_name=last,
                first_name=first,
            )
            for level, function, last, first in people
        ]
        ContactFactory(owner=alice, employer=EmployerFactory(owner=alice), level=target_level)
        ContactFactory(owner=bob, level=target_level)

        panel = people_here(employer, alice)

        expected = by_the_rule(here, target_level)
        ideal = ideal_level_for(target_level)
        ideal_people = [c for c in here if c.level == ideal and c.function != Contact.Function.HR]
        assert [item.contact.pk for item in panel["contacts"]] == [
            c.pk for c in expected[:SHOWN_HERE]
        ]
        assert panel["total"] == len(here)
        assert panel["more"] == max(len(here) - SHOWN_HERE, 0)
        assert panel["ideal_total"] == len(ideal_people)
        assert [c.pk for c in panel["ideal_contacts"]] == [
            c.pk for c in expected[: min(len(ideal_people), SHOWN_HERE)]
        ]
        transaction.set_rollback(True)


# --- what reading them costs on PostgreSQL ----------------------------------------------------

BIG = 3_000
# The rows of contacts any one query of the page may read from the table: the few shown, the
# meetings' people; never every contact at the employer.
MOST_ROWS = 100


def contact_rows_read(node):
    """(node type, rows) of every plan node that reads rows of contacts from the table to show
    or sort them. A plain count ("People here (4,180)") reads every one, whatever the plan (from
    the index alone once the table is vacuumed): it is left out, as is an index-only scan."""
    if node["Node Type"] == "Aggregate" and node.get("Strategy") == "Plain":
        return
    if node.get("Relation Name") == "contacts_contact" and node["Node Type"] != "Index Only Scan":
        read = node.get("Actual Rows", 0) + node.get("Rows Removed by Filter", 0)
        yield node["Node Type"], read * node.get("Actual Loops", 1)
    for child in node.get("Plans", ()):
        yield from contact_rows_read(child)


def plans_of(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    for query in captured.captured_queries:
        if query["sql"].startswith(("SELECT", "(SELECT")):
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + query["sql"])
                [[plan]] = cursor.fetchone()
            yield query["sql"], plan["Plan"]


@pytest.fixture
def big_employer(alice):
    """An employer with thousands of the seeker's contacts at every level, a few met."""
    alice.target_level = Level.SUPERVISOR
    alice.save(update_fields=["target_level"])
    employer = EmployerFactory(owner=alice, name="Vast Corp")
    people = ContactFactory.build_batch(BIG, owner=alice, employer=employer)
    for n, contact in enumerate(people):
        contact.level = LEVELS[n % len(LEVELS)]
        contact.function = Contact.Function.HR if n % 5 == 0 else Contact.Function.DESIGN
        contact.last_name = f"Name{n:05d}"
    Contact.objects.bulk_create(people)
    elsewhere = EmployerFactory(owner=alice)
    for n, contact in enumerate(Contact.objects.filter(employer=employer).order_by("pk")[:60]):
        if n % 3:  # a meeting with someone elsewhere between those with people here
            contact = ContactFactory(owner=alice, employer=elsewhere)
        MeetingFactory(contact=contact, starts_at=business_slot(contact.timezone, days_ahead=n + 1))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return employer


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plans read are PostgreSQL's")
def test_a_big_employers_page_reads_the_people_it_shows_not_everyone_there(
    alice_client, big_employer
):
    read = {
        sql: list(contact_rows_read(plan))
        for sql, plan in plans_of(alice_client, big_employer.get_absolute_url())
    }
    assert any(read.values()), "the page reads some contacts"
    for sql, nodes in read.items():
        assert sum(rows for _, rows in nodes) <= MOST_ROWS, (nodes, sql[:300])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plans read are PostgreSQL's")
def test_the_check_sees_a_page_that_reads_everyone_there(big_employer):
    """The check above can fail: the people sorted by an expression read every one of them."""
    rows = (
        Contact.objects.filter(employer=big_employer)
        .annotate(shown=Value(1))
        .order_by("-level", "last_name")[:SHOWN_HERE]
    )
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
        [[plan]] = cursor.fetchone()
    assert sum(rows for _, rows in contact_rows_read(plan["Plan"])) >= BIG
