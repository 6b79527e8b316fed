"""``count_each``: several querysets counted in one query, each as its own ``count()`` says."""

import pytest
from django.db.models import Count

from core.counts import count_each
from core.models import User, ValueStatement
from tests.factories import UserFactory, ValueStatementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def statements():
    alice = UserFactory(name="Alice")
    bob = UserFactory(name="Bob")
    for kind in ("revenue", "revenue", "cost", "brand"):
        ValueStatementFactory(owner=alice, kind=kind)
    ValueStatementFactory(owner=bob, kind="cost")
    return alice, bob


def test_each_count_is_its_querysets_own_in_one_query(statements, django_assert_num_queries):
    alice, bob = statements
    querysets = {
        "alice": ValueStatement.objects.owned_by(alice),
        "revenue": ValueStatement.objects.owned_by(alice).filter(kind="revenue"),
        "bob": ValueStatement.objects.owned_by(bob),
        "nobody": ValueStatement.objects.filter(owner__name="Nobody"),
        "kinds": ValueStatement.objects.order_by("kind").values("kind").distinct(),
        "first_two": ValueStatement.objects.order_by("pk")[:2],
        "with_statements": User.objects.annotate(n=Count("value_statements")).filter(n__gt=0),
    }
    with django_assert_num_queries(1):
        counts = count_each(**querysets)
    assert counts == {name: queryset.count() for name, queryset in querysets.items()}
    assert counts == {
        "alice": 4,
        "revenue": 2,
        "bob": 1,
        "nobody": 0,
        "kinds": 3,
        "first_two": 2,
        "with_statements": 2,
    }


def test_a_filter_that_matches_nothing_counts_zero_without_a_query_of_its_own(statements):
    alice, _ = statements
    counts = count_each(
        none=ValueStatement.objects.none(),
        empty_in=ValueStatement.objects.filter(pk__in=[]),
        alice=ValueStatement.objects.owned_by(alice),
    )
    assert counts == {"none": 0, "empty_in": 0, "alice": 4}


def test_nothing_to_count_asks_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert count_each() == {}
