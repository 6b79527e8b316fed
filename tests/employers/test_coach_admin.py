"""Employers and criteria in the admin: a coach reads their clients' records only, logged."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from core.coaching import COACHES_GROUP, CoachAssignment, RecordView
from tests.employers.factories import CriterionFactory, EmployerFactory, RatingFactory
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


@pytest.mark.parametrize("make", [EmployerFactory, CriterionFactory])
def test_a_coach_reads_a_clients_record_and_it_is_logged(coach_client, alice, bob, make):
    mine = make(owner=alice, name="Northwind Health")
    theirs = make(owner=bob, name="Secret Employer")
    assert coach_client.get(_url(mine)).status_code == 200
    assert coach_client.get(_url(theirs)).status_code == 404
    view = RecordView.objects.get()
    assert view.client == alice
    body = coach_client.get(reverse(f"admin:employers_{mine._meta.model_name}_changelist"))
    assert "Northwind Health" in body.content.decode()
    assert "Secret Employer" not in body.content.decode()


def test_a_coach_sees_ratings_but_cannot_change_an_employer(coach_client, alice):
    rating = RatingFactory(employer__owner=alice, employer__name="Northwind Health", score=4)
    employer = rating.employer
    body = coach_client.get(_url(employer)).content.decode()
    assert rating.criterion.name in body
    response = coach_client.post(_url(employer), {"name": "Renamed"})
    assert response.status_code == 403
    employer.refresh_from_db()
    assert employer.name == "Northwind Health"
