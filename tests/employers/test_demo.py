"""The demo seeker's employers chapter (seed_demo)."""

import pytest
from django.core.management import call_command

from core.models import User
from networking.employers.models import Criterion, Employer
from networking.employers.services import stale_scores
from tests.clock import MONDAY_NOON, at

pytestmark = [pytest.mark.django_db, at(MONDAY_NOON)]


@pytest.fixture
def maya():
    call_command("seed_demo", stdout=None)
    return User.objects.get(email="demo@schmooze.example")


def test_the_demo_has_the_twelve_employers_and_five_criteria(maya):
    assert Employer.objects.owned_by(maya).count() == 12
    assert list(Criterion.objects.owned_by(maya).values_list("name", "weight")) == [
        ("Design-led culture", 5),
        ("Mission I care about", 4),
        ("Remote-friendly", 2),
        ("Growth and mentorship", 3),
        ("Pay transparency", 1),
    ]


def test_the_demo_stores_the_scores_it_ranks_by(maya):
    owned = Employer.objects.owned_by(maya)
    assert not stale_scores(owned).exists()
    assert owned.exclude(fit_score=None).count() == 10  # two not rated yet


def test_the_demo_ranking_tells_the_story(maya):
    ranked = list(Employer.objects.owned_by(maya).ranked())
    names = [employer.name for employer in ranked]
    assert names[:2] == ["Northwind Health", "Lumen Labs"]
    rated = [employer for employer in ranked if employer.fit_score is not None]
    assert rated[-1].name == "Harbor & Pine Publishing"
    assert sum(employer.fit_score is None for employer in ranked) == 2
    assert {employer.status for employer in ranked} == set(Employer.Status.values)
    assert {employer.posting for employer in ranked} == set(Employer.Posting.values)
