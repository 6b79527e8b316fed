"""Employers and criteria in the admin: a coach reads their clients' records only, logged."""

import pytest
from django.urls import reverse

from core.coaching import RecordView
from tests.employers.factories import CriterionFactory, EmployerFactory, RatingFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("make", [EmployerFactory, CriterionFactory])
def test_a_coach_reads_a_clients_record_and_it_is_logged(coach_client, alice, bob, make, admin_url):
    mine = make(owner=alice, name="Northwind Health")
    theirs = make(owner=bob, name="Secret Employer")
    assert coach_client.get(admin_url(mine)).status_code == 200
    assert coach_client.get(admin_url(theirs)).status_code == 404
    view = RecordView.objects.get()
    assert view.client == alice
    body = coach_client.get(reverse(f"admin:employers_{mine._meta.model_name}_changelist"))
    assert "Northwind Health" in body.content.decode()
    assert "Secret Employer" not in body.content.decode()


def test_a_coach_sees_ratings_but_cannot_change_an_employer(coach_client, alice, admin_url):
    rating = RatingFactory(employer__owner=alice, employer__name="Northwind Health", score=4)
    employer = rating.employer
    body = coach_client.get(admin_url(employer)).content.decode()
    assert rating.criterion.name in body
    response = coach_client.post(admin_url(employer), {"name": "Renamed"})
    assert response.status_code == 403
    employer.refresh_from_db()
    assert employer.name == "Northwind Health"
