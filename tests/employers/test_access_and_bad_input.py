"""Every employers endpoint: who may reach it, which methods, and input that must never 500."""

from unittest import mock

import pytest
from django.db import IntegrityError
from django.urls import reverse

from networking.employers.models import CriteriaSuggestion, Criterion, Employer
from networking.employers.selectors import SEARCH_WORDS, filter_employers
from tests.employers.factories import CriterionFactory, EmployerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(alice):
    CriteriaSuggestion.objects.create(owner=alice)
    return {"employer": EmployerFactory(owner=alice), "criterion": CriterionFactory(owner=alice)}


NO_OBJECT = [
    "employers:list",
    "employers:create",
    "employers:fit_preview",
    "employers:criteria",
    "employers:criteria_suggested",
]
OBJECT_URLS = [
    "employers:detail",
    "employers:edit",
    "employers:delete",
    "employers:criterion_edit",
    "employers:criterion_move",
    "employers:criterion_delete",
]
EVERY_URL = NO_OBJECT + OBJECT_URLS
POST_ONLY = [
    "employers:fit_preview",
    "employers:criteria_suggested",
    "employers:criterion_edit",
    "employers:criterion_move",
]


def url_of(name, objects):
    if name in NO_OBJECT:
        return reverse(name)
    kind = "criterion" if name.startswith("employers:criterion_") else "employer"
    return reverse(name, args=[objects[kind].pk])


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", EVERY_URL)
def test_anonymous_is_sent_to_log_in_from_every_url(client, objects, name, method):
    response = getattr(client, method)(url_of(name, objects))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", OBJECT_URLS)
def test_another_seeker_gets_404_from_every_object_url(bob_client, objects, name, method):
    response = getattr(bob_client, method)(url_of(name, objects), {"direction": "up"})
    # A POST-only URL answers GET with 405 before it looks anything up: nothing leaks.
    assert response.status_code == (405 if name in POST_ONLY and method == "get" else 404)
    assert Employer.objects.filter(pk=objects["employer"].pk).exists()
    assert Criterion.objects.filter(pk=objects["criterion"].pk).exists()


@pytest.mark.parametrize("name", POST_ONLY)
def test_post_only_urls_refuse_get(alice_client, objects, name):
    assert alice_client.get(url_of(name, objects)).status_code == 405


@pytest.mark.parametrize("name", ["employers:detail", "employers:edit", "employers:delete"])
def test_an_id_beyond_any_integer_is_404_not_500(alice_client, objects, name):
    assert alice_client.get(reverse(name, args=[10**25])).status_code == 404


# --- the list's query string ---------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        {"page": "abc"},
        {"page": "99999"},
        {"page": "-1"},
        {"q": "nul\x00byte"},
        {"industry": "nul\x00byte"},
        {"q": "x" * 5000},
        {"industry": "x" * 5000},
        {"status": "bogus"},
        {"q": "%_\\'"},
    ],
)
def test_the_list_survives_any_query_string(alice_client, objects, query):
    response = alice_client.get(reverse("employers:list"), query)
    assert response.status_code == 200


def test_only_the_first_distinct_search_words_reach_the_database(alice):
    """3,000 words once made SQLite refuse the query (expression tree too deep): a 500."""
    EmployerFactory(owner=alice, name="Northwind Health", location="Toronto")
    owned = Employer.objects.owned_by(alice)
    words = ["health", "toronto"] * 1500 + [f"word{n}" for n in range(3000)]
    assert list(filter_employers(owned, search=" ".join(words[:3000]))) == list(owned)
    assert list(filter_employers(owned, search=" ".join(words[-3000:]))) == []
    first = ["northwind health toronto"[: n + 1] for n in range(SEARCH_WORDS)] + ["ignored"]
    first = [word.replace(" ", "") for word in first]
    assert list(filter_employers(owned, search=" ".join(first))) == list(owned)


def test_a_long_repeated_search_still_finds_the_employer(alice_client, alice):
    EmployerFactory(owner=alice, name="Northwind Health", location="Toronto")
    response = alice_client.get(reverse("employers:list"), {"q": "health toronto " * 13})
    assert [row["employer"].name for row in response.context["rows"]] == ["Northwind Health"]


def test_a_page_past_the_end_shows_the_last_page(alice_client, alice):
    EmployerFactory(owner=alice, name="Only one")
    response = alice_client.get(reverse("employers:list"), {"page": "99999"})
    assert [row["employer"].name for row in response.context["rows"]] == ["Only one"]


# --- forms ------------------------------------------------------------------------------------


def test_over_long_fields_are_form_errors_with_the_input_kept(alice_client, alice):
    data = {"name": "N" * 151, "status": "targeting", "posting": "none", "notes": "Keep me"}
    response = alice_client.post(reverse("employers:create"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ensure this value has at most 150 characters" in body
    assert "Keep me" in body
    assert not Employer.objects.exists()


def test_an_empty_post_is_a_form_error(alice_client):
    response = alice_client.post(reverse("employers:create"), {})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


def test_an_invalid_posting_is_a_form_error(alice_client):
    data = {"name": "Acme", "status": "targeting", "posting": "someday"}
    response = alice_client.post(reverse("employers:create"), data)
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()


def test_a_nul_byte_in_a_name_is_a_form_error(alice_client, alice, objects):
    data = {"name": "A\x00B", "status": "targeting", "posting": "none"}
    assert alice_client.post(reverse("employers:create"), data).status_code == 200
    response = alice_client.post(reverse("employers:criteria"), {"new-name": "A\x00B"})
    assert response.status_code == 200
    assert not Criterion.objects.filter(name__contains="A").exclude(pk=objects["criterion"].pk)


def test_an_over_long_criterion_keeps_the_input(alice_client, objects):
    response = alice_client.post(
        reverse("employers:criteria"), {"new-name": "C" * 81, "new-weight": "abc"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ensure this value has at most 80 characters" in body
    assert "Pick a weight from 1 (a small plus) to 5 (essential)." in body


def test_a_garbage_rating_is_a_form_error(alice_client, objects):
    criterion = objects["criterion"]
    data = {"name": "Acme", "status": "targeting", "posting": "none"}
    data[f"rating_{criterion.pk}"] = "five"
    response = alice_client.post(reverse("employers:create"), data)
    assert response.status_code == 200
    assert "Rate from 1 (poor fit) to 5 (great fit)" in response.content.decode()


def test_a_garbage_preview_counts_as_unrated(alice_client, objects):
    response = alice_client.post(
        reverse("employers:fit_preview"),
        {f"rating_{objects['criterion'].pk}": "abc", "rating_x": "5", "rating_": "5"},
    )
    assert response.status_code == 200
    assert "not rated yet" in response.content.decode()


# --- double submits ---------------------------------------------------------------------------


def test_submitting_the_same_new_employer_twice_keeps_one(alice_client, alice):
    data = {"name": "Acme", "status": "targeting", "posting": "none"}
    assert alice_client.post(reverse("employers:create"), data).status_code == 302
    response = alice_client.post(reverse("employers:create"), data)
    assert response.status_code == 200
    assert "You already have an employer called “Acme”." in response.content.decode()
    assert Employer.objects.owned_by(alice).count() == 1


def test_a_double_submit_racing_past_the_form_check_is_a_form_error(alice_client, alice):
    """Two requests at once both pass clean_name; the database refuses the second."""
    data = {"name": "Acme", "status": "targeting", "posting": "none"}
    with mock.patch(
        "networking.employers.services.save_employer", side_effect=IntegrityError("unique")
    ):
        response = alice_client.post(reverse("employers:create"), data)
    assert response.status_code == 200
    assert "You already have an employer called “Acme”." in response.content.decode()


def test_a_criterion_racing_past_the_form_check_is_a_form_error(alice_client, objects):
    with mock.patch(
        "networking.employers.models.Criterion.save", side_effect=IntegrityError("unique")
    ):
        response = alice_client.post(
            reverse("employers:criteria"), {"new-name": "Kind people", "new-weight": "3"}
        )
    assert response.status_code == 200
    assert "You already have a criterion called “Kind people”." in response.content.decode()


def test_saving_the_same_ratings_twice_keeps_one_rating_each(alice_client, alice, objects):
    employer, criterion = objects["employer"], objects["criterion"]
    data = {"name": employer.name, "status": "targeting", "posting": "none"}
    data[f"rating_{criterion.pk}"] = "4"
    url = reverse("employers:edit", args=[employer.pk])
    assert alice_client.post(url, data).status_code == 302
    assert alice_client.post(url, data).status_code == 302
    assert list(employer.ratings.values_list("score", flat=True)) == [4]


def test_deleting_twice_is_a_404_the_second_time(alice_client, objects):
    url = reverse("employers:delete", args=[objects["employer"].pk])
    assert alice_client.post(url).status_code == 302
    assert alice_client.post(url).status_code == 404
    url = reverse("employers:criterion_delete", args=[objects["criterion"].pk])
    assert alice_client.post(url).status_code == 302
    assert alice_client.post(url).status_code == 404
