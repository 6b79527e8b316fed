from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from core.models import ValueStatement
from tests.factories import ValueStatementFactory

pytestmark = pytest.mark.django_db


def test_profile_saves_target_and_time_zone(alice_client, alice):
    response = alice_client.post(
        reverse("profile"),
        {
            "name": "Alice Martin",
            "target_title": "Engineering Manager",
            "target_level": "manager",
            "timezone": "Europe/Paris",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.target_title, alice.target_level, alice.timezone) == (
        "Engineering Manager",
        "manager",
        "Europe/Paris",
    )


def test_profile_rejects_an_unknown_time_zone_and_keeps_the_input(alice_client, alice):
    response = alice_client.post(
        reverse("profile"),
        {"target_title": "Chief Dreamer", "target_level": "manager", "timezone": "Mars/Olympus"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "“Mars/Olympus” is not a time zone we know" in body
    assert 'value="Chief Dreamer"' in body
    alice.refresh_from_db()
    assert alice.timezone == "America/Toronto"


def test_profile_rejects_an_unknown_level(alice_client):
    response = alice_client.post(reverse("profile"), {"target_level": "emperor", "timezone": "UTC"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_each_request_runs_in_the_seekers_time_zone(alice_client, alice):
    alice.timezone = "Asia/Tokyo"
    alice.save()
    response = alice_client.get(reverse("dashboard"))
    assert response.status_code == 200
    # The middleware activated Tokyo for the request and restored the default after it.
    assert timezone.get_current_timezone_name() == "UTC"


def test_value_statements_are_added_edited_and_deleted(alice_client, alice):
    response = alice_client.post(
        reverse("value_statement_create"),
        {"kind": "cost", "figure": "30%", "statement": "Cut cloud costs at Acme."},
    )
    assert response.status_code == 302
    statement = ValueStatement.objects.get(owner=alice)
    assert "Cut cloud costs at Acme." in alice_client.get(reverse("profile")).content.decode()

    response = alice_client.post(
        reverse("value_statement_edit", args=[statement.pk]),
        {"kind": "cost", "figure": "35%", "statement": "Cut cloud costs at Acme."},
    )
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.figure == "35%"

    assert (
        alice_client.get(reverse("value_statement_delete", args=[statement.pk])).status_code == 200
    )
    assert ValueStatement.objects.exists()  # GET only confirms
    alice_client.post(reverse("value_statement_delete", args=[statement.pk]))
    assert not ValueStatement.objects.exists()


def test_value_statement_needs_a_known_kind_and_a_figure(alice_client):
    response = alice_client.post(
        reverse("value_statement_create"),
        {"kind": "vibes", "figure": "", "statement": "Kept it real."},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Select a valid choice" in body
    assert "Kept it real." in body
    assert not ValueStatement.objects.exists()


def test_profile_lists_only_my_value_statements(bob_client, alice):
    ValueStatementFactory(owner=alice, figure="$9.9M")
    assert "$9.9M" not in bob_client.get(reverse("profile")).content.decode()


def test_an_over_long_figure_is_refused_and_the_input_kept(alice_client):
    response = alice_client.post(
        reverse("value_statement_create"),
        {"kind": "revenue", "figure": "9" * 41, "statement": "Grew the business."},
    )
    assert response.status_code == 200
    assert "Grew the business." in response.content.decode()
    assert not ValueStatement.objects.exists()


def test_the_country_follows_a_new_time_zone_and_moves_the_morning_email(alice_client, alice):
    profile = {"target_title": "Designer", "target_level": "manager", "digest_on": "on"}
    # As she signed up: the site's zone, no country yet.
    type(alice).objects.filter(pk=alice.pk).update(timezone="UTC", country="")
    # Wednesday 25 November, evening in New York: Thursday is Thanksgiving.
    with time_machine.travel(datetime(2026, 11, 25, 23, 0, tzinfo=UTC), tick=False):
        response = alice_client.post(
            reverse("profile"), {**profile, "timezone": "America/New_York", "country": ""}
        )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.country == "US"
    assert alice.next_digest_at == datetime(2026, 11, 27, 13, 0, tzinfo=UTC)  # Friday 08:00
    page = alice_client.get(reverse("profile")).content.decode()
    assert '<option value="US" selected>United States</option>' in page
    # A country picked by hand stays, and its holidays decide the mornings: none on Thursday
    # for a seeker in Germany, who works on Thanksgiving.
    with time_machine.travel(datetime(2026, 11, 25, 23, 0, tzinfo=UTC), tick=False):
        alice_client.post(
            reverse("profile"), {**profile, "timezone": "America/New_York", "country": "DE"}
        )
    alice.refresh_from_db()
    assert alice.country == "DE"
    assert alice.next_digest_at == datetime(2026, 11, 26, 13, 0, tzinfo=UTC)


def test_profile_refuses_a_country_whose_holidays_are_unknown(alice_client, alice):
    response = alice_client.post(
        reverse("profile"),
        {
            "target_title": "Chief Dreamer",
            "target_level": "manager",
            "timezone": "UTC",
            "country": "Narnia",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "“Narnia” is not a country whose public holidays we know" in body
    assert 'value="Chief Dreamer"' in body
    alice.refresh_from_db()
    assert alice.country == ""
