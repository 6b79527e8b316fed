"""The admin: employers with their scores and counts, criteria, ratings inline."""

import pytest
from django.urls import reverse

from tests.contacts.factories import ContactFactory
from tests.employers.factories import CriterionFactory, EmployerFactory, RatingFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_the_employer_list_shows_fit_and_contacts(admin_client, alice):
    employer = EmployerFactory(owner=alice, name="Northwind Health")
    RatingFactory(employer=employer, score=5)
    ContactFactory.create_batch(2, owner=alice, employer=employer)
    response = admin_client.get(reverse("admin:employers_employer_changelist"))
    assert response.status_code == 200
    row = response.context["cl"].result_list[0]
    assert (row.fit_score, row.rated_count, row.contact_count) == (100, 1, 2)


@pytest.mark.parametrize("size", [5, 60])
def test_the_employer_list_makes_a_fixed_number_of_queries(
    admin_client, alice, size, django_assert_max_num_queries
):
    for employer in EmployerFactory.create_batch(size, owner=alice):
        RatingFactory(employer=employer)
    with django_assert_max_num_queries(8):
        admin_client.get(reverse("admin:employers_employer_changelist"))


def test_the_rating_inline_offers_only_the_owners_criteria(admin_client, alice, bob):
    employer = EmployerFactory(owner=alice)
    mine = CriterionFactory(owner=alice, name="Alice's criterion")
    CriterionFactory(owner=bob, name="Bob's criterion")
    RatingFactory(employer=employer, criterion=mine)
    body = admin_client.get(
        reverse("admin:employers_employer_change", args=[employer.pk])
    ).content.decode()
    assert "Alice&#x27;s criterion" in body
    assert "Bob&#x27;s criterion" not in body


def test_the_criterion_list_opens(admin_client, alice):
    RatingFactory(criterion=CriterionFactory(owner=alice, name="Remote-friendly"))
    response = admin_client.get(reverse("admin:employers_criterion_changelist"))
    assert response.status_code == 200
    assert "Remote-friendly" in response.content.decode()
