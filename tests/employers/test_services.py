"""Writes of the employers area and the model rules behind them."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from networking.employers.models import Criterion, Employer, Rating
from networking.employers.selectors import SUGGESTED_CRITERIA, suggested_criteria_for
from networking.employers.services import (
    add_suggested_criteria,
    employer_named,
    mark_suggestions_offered,
    save_employer,
)
from tests.employers.factories import CriterionFactory, EmployerFactory, RatingFactory

pytestmark = pytest.mark.django_db


def test_suggestions_are_added_once(alice):
    assert add_suggested_criteria(owner=alice) is True
    assert add_suggested_criteria(owner=alice) is False
    assert Criterion.objects.owned_by(alice).count() == 3


def test_a_seeker_marked_as_offered_gets_none(alice):
    mark_suggestions_offered(alice)
    assert add_suggested_criteria(owner=alice) is False
    assert not Criterion.objects.owned_by(alice).exists()


def test_a_seeker_with_criteria_of_their_own_gets_none(alice):
    CriterionFactory(owner=alice, name="Mine")
    assert add_suggested_criteria(owner=alice) is False
    assert list(Criterion.objects.owned_by(alice).values_list("name", flat=True)) == ["Mine"]


def test_suggestions_are_offered_to_a_seeker_without_criteria_until_taken(alice):
    assert suggested_criteria_for(alice, criteria_count=0) == SUGGESTED_CRITERIA
    assert suggested_criteria_for(alice, criteria_count=2) == []
    add_suggested_criteria(owner=alice)
    Criterion.objects.owned_by(alice).delete()
    assert suggested_criteria_for(alice, criteria_count=0) == []


def test_save_employer_creates_updates_and_removes_ratings(alice):
    a, b, c = CriterionFactory.create_batch(3, owner=alice)
    employer = Employer(owner=alice, name="Acme")
    save_employer(employer, scores={a: 4, b: None, c: 2})
    assert dict(employer.ratings.values_list("criterion", "score")) == {a.pk: 4, c.pk: 2}
    save_employer(employer, scores={a: None, b: 5, c: 2})
    assert dict(employer.ratings.values_list("criterion", "score")) == {b.pk: 5, c.pk: 2}


def test_the_database_refuses_a_duplicate_name_in_another_case(alice):
    EmployerFactory(owner=alice, name="Lumen Labs")
    with pytest.raises(IntegrityError):
        EmployerFactory(owner=alice, name="LUMEN LABS")


def test_the_database_refuses_a_rating_of_six(alice):
    with pytest.raises(IntegrityError):
        RatingFactory(employer=EmployerFactory(owner=alice), score=6)


def test_the_database_refuses_a_weight_of_zero(alice):
    with pytest.raises(IntegrityError):
        CriterionFactory(owner=alice, weight=0)


def test_a_rating_on_another_seekers_criterion_is_invalid(alice, bob):
    rating = Rating(
        employer=EmployerFactory(owner=alice), criterion=CriterionFactory(owner=bob), score=3
    )
    with pytest.raises(ValidationError, match="own criteria"):
        rating.full_clean()


def test_employer_named_finds_the_seekers_employer_in_any_case(alice, bob):
    lumen = EmployerFactory(owner=alice, name="Lumen Labs")
    EmployerFactory(owner=bob, name="Kestrel Games")
    assert employer_named(owner=alice, name="LUMEN labs") == lumen
    kestrel = employer_named(owner=alice, name=" Kestrel Games ")
    assert (kestrel.owner, kestrel.name) == (alice, "Kestrel Games")
    assert Employer.objects.owned_by(alice).count() == 2
