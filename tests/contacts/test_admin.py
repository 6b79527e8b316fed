"""Contacts and outreach in the admin: a coach reads their clients' records only, logged."""

import pytest
from django.urls import reverse

from core.coaching import RecordView
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("make", [ContactFactory, OutreachAttemptFactory])
def test_a_coach_reads_a_clients_record_and_it_is_logged(coach_client, alice, bob, make, admin_url):
    owner_key = "owner" if make is ContactFactory else "contact__owner"
    mine = make(**{owner_key: alice})
    theirs = make(**{owner_key: bob})
    assert coach_client.get(admin_url(mine)).status_code == 200
    assert coach_client.get(admin_url(theirs)).status_code == 404
    assert RecordView.objects.get().client == alice
    changelist = reverse(f"admin:contacts_{mine._meta.model_name}_changelist")
    body = coach_client.get(changelist).content.decode()
    assert getattr(mine, "contact", mine).full_name in body
    assert getattr(theirs, "contact", theirs).full_name not in body


def test_a_coach_cannot_edit_a_contact(coach_client, alice, admin_url):
    contact = ContactFactory(owner=alice, first_name="Priya")
    response = coach_client.post(admin_url(contact), {"first_name": "Changed"})
    assert response.status_code == 403
    contact.refresh_from_db()
    assert contact.first_name == "Priya"


def test_the_contact_list_stays_cheap(coach_client, alice, django_assert_max_num_queries):
    for _ in range(3):
        OutreachAttemptFactory(contact__owner=alice)
    url = reverse("admin:contacts_contact_changelist")
    with django_assert_max_num_queries(12) as small:
        coach_client.get(url)
    for _ in range(40):
        OutreachAttemptFactory(contact__owner=alice)
    with django_assert_max_num_queries(12) as large:
        coach_client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)
