"""A coach exports their clients' contacts from the admin (SPEC §2, §6), and the client sees it."""

import csv
import io

import pytest
from django.contrib.admin import helpers
from django.http import StreamingHttpResponse
from django.urls import reverse

from core.coaching import RecordView
from networking.contacts.csv_export import COLUMNS
from tests.contacts.factories import ContactFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:contacts_contact_changelist"


@pytest.fixture
def coach(coach, coaching):
    """The shared coach, already coaching Alice."""
    return coach


def export(client, *contacts, select_across=False):
    """Post the action as the change list does (select-across still sends the page's ticks)."""
    data = {
        "action": "export_csv",
        helpers.ACTION_CHECKBOX_NAME: [c.pk for c in contacts],
        "select_across": "1" if select_across else "0",
    }
    response = client.post(reverse(CHANGELIST), data)
    assert isinstance(response, StreamingHttpResponse)
    body = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(body, newline="")))
    assert rows[0] == COLUMNS
    return rows[1:]


def test_a_coach_exports_a_clients_contacts_and_it_is_logged(client, coach, alice, bob):
    priya = ContactFactory(owner=alice, first_name="Priya", referred_by=ContactFactory(owner=alice))
    theirs = ContactFactory(owner=bob, first_name="Theirs")
    client.force_login(coach)

    rows = export(client, priya, theirs)  # a forged id of another seeker is dropped

    assert [r[0] for r in rows] == ["Priya"]
    log = RecordView.objects.get()
    assert (log.coach, log.client, log.kind, log.record) == (
        coach,
        alice,
        "contacts export",
        "1 contact as CSV",
    )


def test_select_across_exports_every_contact_of_the_coachs_clients_only(client, coach, alice, bob):
    first, *_ = ContactFactory.create_batch(3, owner=alice)
    ContactFactory(owner=bob)
    client.force_login(coach)
    assert len(export(client, first, select_across=True)) == 3
    assert RecordView.objects.get().record == "3 contacts as CSV"


def test_a_superuser_export_is_not_a_coach_access(client, alice, bob):
    mine = ContactFactory(owner=alice)
    ContactFactory(owner=bob)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert len(export(client, mine, select_across=True)) == 2
    assert not RecordView.objects.exists()


@pytest.mark.parametrize("count", [5, 200])
def test_the_admin_export_makes_a_bounded_number_of_queries(
    count, client, coach, alice, django_assert_max_num_queries
):
    first, *_ = ContactFactory.create_batch(count, owner=alice)
    client.force_login(coach)
    # session, user, coach group, the client filter's choices, the action's scoping and
    # counting, the access log, the export.
    with django_assert_max_num_queries(9):
        assert len(export(client, first, select_across=True)) == count
