"""A GET only reads: opening any employers page, even a seeker's very first, writes nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from networking.employers.models import CriteriaSuggestion, Criterion, Employer, Rating
from networking.employers.urls import app_name, urlpatterns
from tests.employers.factories import CriterionFactory, EmployerFactory, RatingFactory

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
PAGES = [pattern.name for pattern in urlpatterns]
PAGES_OF_NO_OBJECT = [pattern.name for pattern in urlpatterns if "<int:pk>" not in str(pattern)]


def url_of(name, objects):
    if name in PAGES_OF_NO_OBJECT:
        return reverse(f"{app_name}:{name}")
    kind = "criterion" if name.startswith("criterion_") else "employer"
    return reverse(f"{app_name}:{name}", args=[objects[kind].pk])


def rows():
    return [model.objects.count() for model in (CriteriaSuggestion, Criterion, Employer, Rating)]


def writes_of_a_get(client, url):
    before = rows()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code in {200, 405}, url  # 405: a POST-only address
    assert rows() == before
    return [query["sql"] for query in queries if query["sql"].lstrip().upper().startswith(WRITES)]


@pytest.mark.parametrize("name", PAGES_OF_NO_OBJECT)
def test_a_new_seekers_first_visit_writes_nothing(alice_client, alice, name):
    """The suggested criteria are an offer on the page, not rows written by opening it."""
    url = url_of(name, {})
    assert writes_of_a_get(alice_client, url) == []
    assert not CriteriaSuggestion.objects.filter(owner=alice).exists()


@pytest.mark.parametrize("name", PAGES)
def test_a_get_of_every_employers_page_writes_nothing(alice_client, alice, name):
    employer, criterion = EmployerFactory(owner=alice), CriterionFactory(owner=alice)
    RatingFactory(employer=employer, criterion=criterion)
    objects = {"employer": employer, "criterion": criterion}
    assert writes_of_a_get(alice_client, url_of(name, objects)) == []
