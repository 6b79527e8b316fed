"""The lists that filter, count or page on a contact's status read the contact's row alone:
on PostgreSQL their plans run no subquery per contact and touch neither the outreach nor the
meetings (the state is stored on the row, ``networking/contacts/state.py``)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Count, Window
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.counts import count_each
from core.firsts import first_of_each
from networking.contacts import selectors
from networking.contacts.csv_export import prepare
from networking.contacts.models import Contact, OutreachAttempt, Status
from networking.contacts.state import rebuild
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory
from tests.employers.factories import EmployerFactory
from tests.factories import UserFactory
from tests.meetings.factories import MeetingFactory, business_slot

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the plans read are PostgreSQL's (EXPLAIN)"
    ),
]


@pytest.fixture
def network(alice):
    for n in range(6):
        contact = ContactFactory(owner=alice)
        OutreachAttemptFactory(contact=contact)
        if n % 2:
            MeetingFactory(contact=contact, starts_at=business_slot(contact.timezone, hour=9 + n))
    return alice


def plans(alice):
    contacts = Contact.objects.owned_by(alice)
    listed = selectors.contacts_for_list(alice, {"status": Status.REQUESTED})
    return {
        "the list filtered by status, a page": listed[:50],
        "a deep page": listed[5000:5050],
        "the follow-ups due": selectors.follow_ups_due(alice),
        "the requests awaiting a reply": contacts.awaiting_reply().order_by(),
        "the export": prepare(contacts.order_by("last_name", "first_name", "pk")),
    }


def test_the_status_lists_run_no_subquery_per_contact(network):
    for name, queryset in plans(network).items():
        plan = queryset.explain()
        assert "SubPlan" not in plan, (name, plan)
        assert "contacts_outreachattempt" not in plan, (name, plan)
        assert "meetings_meeting" not in plan, (name, plan)


def test_the_dashboard_and_the_list_count_read_the_rows_only(network):
    """The list's count, and the dashboard's follow-ups due, requests awaiting a reply and
    second contacts to approach: every query they run."""
    listed = selectors.contacts_for_list(network, {"status": Status.REQUESTED})
    with CaptureQueriesContext(connection) as captured:
        listed.count()
        list(selectors.follow_ups_due(network))
        selectors.awaiting_reply(network).count()
        selectors.second_contact_suggestions(network)
    assert len(captured.captured_queries) == 4
    for query in captured.captured_queries:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN " + query["sql"])
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "SubPlan" not in plan, plan
        assert "contacts_outreachattempt" not in plan, plan
        assert "meetings_meeting" not in plan, plan


def big_network(alice, size=10_000):
    """``size`` contacts of Alice's at 30 employers (and a few of Bob's), one in twenty in HR,
    one in a hundred asked a month ago and unanswered, with the planner's statistics up to
    date."""
    bob = UserFactory(email="bob@example.com")
    employers = EmployerFactory.create_batch(30, owner=alice)
    asked_at = timezone.now() - timedelta(days=30)
    contacts = [
        Contact(
            owner=alice,
            first_name=f"Person{n:05d}",
            last_name=f"Surname{n:05d}",
            title="Engineer",
            function="hr" if n % 20 == 0 else "engineering",  # one in twenty a recruiter
            employer=employers[n % len(employers)],
            timezone="America/Toronto",
        )
        for n in range(size)
    ]
    contacts += [
        Contact(owner=bob, first_name="Ngozi", last_name="Okafor", timezone="America/Toronto")
        for _ in range(5)
    ]
    Contact.objects.bulk_create(contacts)
    ContactFactory(owner=alice, first_name="Ngozi", last_name="Okafor", employer=employers[0])
    asked = contacts[: size // 100]
    OutreachAttempt.objects.bulk_create(
        OutreachAttempt(contact=contact, kind="request", sent_at=asked_at) for contact in asked
    )
    rebuild(Contact.objects.filter(pk__in=[contact.pk for contact in asked]))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE contacts_contact")
        cursor.execute("ANALYZE employers_employer")
    return alice


def plans_run_by(read) -> list[str]:
    """The plans of the queries ``read()`` runs."""
    with CaptureQueriesContext(connection) as captured:
        read()
    found = []
    for query in captured.captured_queries:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN " + query["sql"])
            found.append("\n".join(row[0] for row in cursor.fetchall()))
    return found


def test_the_search_and_the_follow_ups_due_read_an_index_not_every_contact(alice):
    """With a network big enough for the planner to care, the search reads the trigram
    indexes (contacts/0010) and the dashboard's follow-ups due and second contacts their
    date's index (contacts/0010), never every contact of the seeker's, and the second contacts
    only the contacts asked at each employer (contacts/0012)."""
    big_network(alice)
    listed = selectors.contacts_for_list(alice, {"q": "Okafor"})
    reads = {
        "the search, a page": lambda: list(listed[:50]),
        "the search's count": listed.count,
        "the picker": lambda: list(selectors.contacts_matching(alice, "ngozi oka", 8)),
        # The dashboard's first rows and their count (progress/dashboard.py ``first_rows``).
        "the follow-ups due": lambda: list(
            selectors.follow_ups_due(alice).annotate(listed=Window(Count("pk")))[:5]
        ),
        "the second contacts": lambda: selectors.second_contact_suggestions(alice),
        "the requests awaiting a reply": selectors.awaiting_reply(alice).count,
        "the recruiters not written to": lambda: list(
            selectors.recruiters_not_written_to(alice)[:3]
        ),
        # A status filter reads the contacts its status implies (``in_status``).
        "the requested, a page": lambda: list(
            selectors.contacts_for_list(alice, {"status": Status.REQUESTED})[:25]
        ),
        "the requested's count": selectors.contacts_for_list(
            alice, {"status": Status.REQUESTED}
        ).count,
        "the met, a page": lambda: list(
            selectors.contacts_for_list(alice, {"status": Status.MET})[:25]
        ),
        # The dashboard's thank-you notes due: the contacts met and not thanked only.
        "the thank-you notes due": lambda: selectors.thank_you_notes_due(alice),
        # The dashboard's lists of people, their heads and counts in one query (core.firsts).
        "the dashboard's people": lambda: first_of_each(
            {
                "follow_ups": (selectors.follow_ups_due(alice), 5),
                "referrals": (selectors.referrals_to_write_to(alice), 5),
                "second": (selectors.second_contacts_due(alice), 3),
                "recruiters": (selectors.recruiters_not_written_to(alice), 3),
            },
            selectors.listed(alice).none(),
        ),
    }
    uses = {
        "the follow-ups due": "contacts_contact_follow_up_idx",
        "the second contacts": "contacts_contact_second_idx",
        "the requests awaiting a reply": "contacts_contact_request_idx",
        "the recruiters not written to": "contacts_contact_hr_idx",
        "the requested, a page": "contacts_contact_request_idx",
        "the requested's count": "contacts_contact_request_idx",
        "the met, a page": "contacts_contact_met_idx",
        "the thank-you notes due": "contacts_contact_unthanked_idx",
    }
    each_list = (
        "contacts_contact_follow_up_idx",
        "contacts_contact_referred_idx",
        "contacts_contact_second_idx",
        "contacts_contact_hr_idx",
    )
    for name, read in reads.items():
        *employers, plan = plans_run_by(read)
        for index in each_list if name == "the dashboard's people" else [uses.get(name, "_trgm")]:
            assert index in plan, (name, index, plan)
        if name in ("the second contacts", "the dashboard's people"):
            # "Someone else there asked lately" reads the asked at that employer, not all there.
            assert "contacts_contact_asked_idx" in plan, plan
        assert "Seq Scan on contacts_contact" not in plan, (name, plan)
        assert "SubPlan" not in plan, (name, plan)
        assert len(employers) == (name == "the picker"), name  # one for every word
    # The funnel counts the rows alone, and the requests awaiting a reply through their index.
    [plan] = plans_run_by(
        lambda: count_each(**selectors.funnel_sets(alice), awaiting=selectors.awaiting_reply(alice))
    )
    assert "contacts_outreachattempt" not in plan, plan
    assert "SubPlan" not in plan, plan  # each count runs once (an InitPlan), none per row
    # Every asked contact is due, and the first five are read.
    assert len(selectors.follow_ups_due(alice)) == 100


def test_the_employer_list_counts_and_joins_each_employers_contacts_through_their_index(alice):
    """Its "contacts" and its next meeting read an employer's contacts through
    ``contacts_contact_employer_idx`` (employer, id): the count is ``COUNT(*)``, which the
    index can answer alone (contacts/0017) where counting ids reads every row."""
    from networking.employers.models import Employer

    big_network(alice)
    [plan] = plans_run_by(lambda: list(Employer.objects.owned_by(alice).ranked()[:25]))
    assert "Index Cond: (employer_id = employers_employer.id)" in plan, plan
    assert "contacts_contact_employer_idx" in plan, plan
    assert "count(*)" in Employer.objects.ranked().query.__str__().lower()
