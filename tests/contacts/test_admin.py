"""Contacts and outreach in the admin: a coach reads their clients' records only, logged."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from core.coaching import COACHES_GROUP, CoachAssignment, RecordView
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach_client(client, alice):
    coach = UserFactory(is_staff=True)
    coach.groups.add(Group.objects.get_or_create(name=COACHES_GROUP)[0])
    CoachAssignment.objects.create(coach=coach, client=alice)
    client.force_login(coach)
    return client


def _url(obj, action="change"):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{action}", args=[obj.pk])


@pytest.mark.parametrize("make", [ContactFactory, OutreachAttemptFactory])
def test_a_coach_reads_a_clients_record_and_it_is_logged(coach_client, alice, bob, make):
    owner_key = "owner" if make is ContactFactory else "contact__owner"
    mine = make(**{owner_key: alice})
    theirs = make(**{owner_key: bob})
    assert coach_client.get(_url(mine)).status_code == 200
    assert coach_client.get(_url(theirs)).status_code == 404
    assert RecordView.objects.get().client == alice
    changelist = reverse(f"admin:contacts_{mine._meta.model_name}_changelist")
    body = coach_client.get(changelist).content.decode()
    assert getattr(mine, "contact", mine).full_name in body
    assert getattr(theirs, "contact", theirs).full_name not in body


def test_a_coach_cannot_edit_a_contact(coach_client, alice):
    contact = ContactFactory(owner=alice, first_name="Priya")
    response = coach_client.post(_url(contact), {"first_name": "Changed"})
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
