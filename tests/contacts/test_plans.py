"""The lists that filter, count or page on a contact's status read the contact's row alone:
on PostgreSQL their plans run no subquery per contact and touch neither the outreach nor the
meetings (the state is stored on the row, ``networking/contacts/state.py``)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from networking.contacts import selectors
from networking.contacts.csv_export import prepare
from networking.contacts.models import Contact, Status
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory
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
