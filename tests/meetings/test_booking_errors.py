"""A booking refused for its time says why once, under the field, not again beside it."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from tests.clock import MONDAY_NOON, at
from tests.contacts.factories import ContactFactory
from tests.meetings.factories import business_slot

pytestmark = [pytest.mark.django_db, at(MONDAY_NOON)]


def test_a_time_outside_their_hours_is_said_once(alice_client, alice):
    contact = ContactFactory(owner=alice, timezone="Europe/London")
    evening = business_slot("Europe/London", days_ahead=2, hour=19)
    response = alice_client.post(
        reverse("meetings:create"),
        {
            "contact": str(contact.pk),
            "starts_at": evening.astimezone(alice.zone).strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": "20",
            "status": "scheduled",
        },
    )
    assert response.status_code == 200
    [problem] = response.context["form"].errors["starts_at"]
    body = response.content.decode()
    assert body.count(escape(problem)) == 1
    assert "data-hint-ok" not in body


def test_a_length_refused_is_said_once(alice_client, alice):
    contact = ContactFactory(owner=alice)
    response = alice_client.post(
        reverse("meetings:create"),
        {
            "contact": str(contact.pk),
            "starts_at": business_slot(contact.timezone, days_ahead=2)
            .astimezone(alice.zone)
            .strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": "45",
            "status": "scheduled",
        },
    )
    [problem] = response.context["form"].errors["duration_minutes"]
    assert response.content.decode().count(escape(problem)) == 1


def test_the_live_check_marks_a_time_that_fits(alice_client, alice):
    contact = ContactFactory(owner=alice)
    fits = business_slot(contact.timezone, days_ahead=2).astimezone(alice.zone)
    response = alice_client.get(
        reverse("meetings:local_time"),
        {
            "contact": contact.pk,
            "starts_at": fits.strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": 20,
        },
    )
    assert "data-hint-ok" in response.content.decode()
    late = fits.replace(hour=20)
    response = alice_client.get(
        reverse("meetings:local_time"),
        {"contact": contact.pk, "starts_at": late.strftime("%Y-%m-%dT%H:%M")},
    )
    assert "data-hint-ok" not in response.content.decode()
