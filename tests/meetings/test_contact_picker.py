"""The booking form's "Contact" picker: the same page at 10 and 2,000 contacts (SPEC §8)."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.pickers import SHORTLIST
from networking.meetings.models import Meeting
from tests.contacts.factories import ContactFactory
from tests.contacts.test_pickers import network_of, options_in

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)  # a Wednesday, 10:00 in Toronto


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_booking_form_renders_as_many_options_and_queries_at_10_and_2000_contacts(
    alice_client, alice
):
    measured = []
    for size in (10, 2000):
        alice.contacts.all().delete()
        alice.employers.all().delete()
        network_of(alice, size)
        with CaptureQueriesContext(connection) as captured:
            html = alice_client.get(reverse("meetings:create")).content.decode()
        measured.append((len(captured), options_in(html)))
    (few_queries, few_options), (many_queries, many_options) = measured
    assert many_queries == few_queries
    assert many_options - few_options <= SHORTLIST
    assert many_options <= SHORTLIST + 10  # the status choices and the blank one


def test_a_contact_named_in_the_address_is_preselected_among_thousands(alice_client, alice):
    old = network_of(alice, 300)[0]
    html = alice_client.get(reverse("meetings:create"), {"contact": old.pk}).content.decode()
    assert f'<option value="{old.pk}" selected>' in html


def test_a_contact_found_by_search_is_booked(alice_client, alice):
    network_of(alice, 100)
    jordan = ContactFactory(owner=alice, first_name="Jordan", last_name="Lee")
    network_of(alice, 60)
    found = alice_client.get(reverse("contacts:pick"), {"q": "jordan"}).content.decode()
    pk = re.search(r'<option value="(\d+)">Jordan Lee', found).group(1)
    response = alice_client.post(
        reverse("meetings:create"),
        {
            "contact": pk,
            "starts_at": "2026-11-30T10:30",
            "duration_minutes": 20,
            "location": "Lumen Labs",
            "status": "scheduled",
        },
    )
    assert response.status_code == 302
    assert Meeting.objects.get().contact == jordan


def test_another_seekers_contact_cannot_be_booked(alice_client, bob):
    bobs = ContactFactory(owner=bob)
    response = alice_client.post(
        reverse("meetings:create"),
        {
            "contact": bobs.pk,
            "starts_at": "2026-11-30T10:30",
            "duration_minutes": 20,
            "status": "scheduled",
        },
    )
    assert response.status_code == 200
    assert "contact" in response.context["form"].errors
    assert not Meeting.objects.exists()
