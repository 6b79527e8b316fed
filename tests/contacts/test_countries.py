"""A contact's country (SPEC §6a): it defaults from their zone, a country whose holidays are
unknown is refused, and their follow-ups never fall due on one of its public holidays."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from networking.contacts.models import Contact
from tests.contacts.factories import ContactFactory

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
# Wednesday 18 November 2026, 10:00 in New York: Thanksgiving is next week.
NOW = datetime(2026, 11, 18, 10, 0, tzinfo=NEW_YORK)


@pytest.fixture
def frozen(alice, alice_client):
    with time_machine.travel(NOW, tick=False):
        alice_client.force_login(alice)
        yield alice_client


def form_data(**overrides):
    data = {
        "first_name": "Dana",
        "last_name": "Whitfield",
        "email": "dana@example.com",
        "title": "VP Product",
        "level": "vp",
        "function": "product",
        "timezone": "America/Toronto",
        "country": "CA",
    }
    data.update(overrides)
    return data


def test_the_form_proposes_the_country_of_the_seekers_zone(frozen):
    response = frozen.get("/contacts/new/")
    body = response.content.decode()
    assert '<option value="CA" selected>Canada</option>' in body
    assert "Booking and follow-ups skip its public holidays" in body


def test_the_country_follows_a_new_zone_unless_one_is_picked(frozen, alice):
    frozen.post("/contacts/new/", form_data(timezone="Europe/Berlin"))
    assert Contact.objects.get(email="dana@example.com").country == "DE"
    frozen.post(
        "/contacts/new/", form_data(email="lee@example.com", timezone="Europe/Berlin", country="GB")
    )
    assert Contact.objects.get(email="lee@example.com").country == "GB"
    # Editing: a new zone moves a country that came from the old one; "none" is kept.
    dana = Contact.objects.get(email="dana@example.com")
    frozen.post(
        f"/contacts/{dana.pk}/edit/",
        form_data(timezone="America/New_York", country="DE"),
    )
    dana.refresh_from_db()
    assert (dana.timezone, dana.country) == ("America/New_York", "US")
    frozen.post(f"/contacts/{dana.pk}/edit/", form_data(timezone="America/New_York", country=""))
    dana.refresh_from_db()
    assert dana.country == ""


def test_a_country_whose_holidays_are_unknown_is_refused_and_the_input_kept(frozen):
    response = frozen.post("/contacts/new/", form_data(country="XX", title="Chief Hat"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "“XX” is not a country whose public holidays we know" in body
    assert 'value="Chief Hat"' in body
    assert not Contact.objects.exists()


def test_a_follow_up_never_falls_due_on_their_public_holiday(frozen, alice):
    dana = ContactFactory(owner=alice, first_name="Dana", timezone="America/New_York", country="US")
    response = frozen.post(
        f"/contacts/{dana.pk}/outreach/new/",
        {
            "kind": "request",
            "channel": "email",
            "sent_at": "2026-11-17T10:00",  # Tuesday morning
            "message": "Hello",
            "reply": "none",
        },
    )
    assert response.status_code == 302
    dana.refresh_from_db()
    # Seven business days after Tuesday 17: Thanksgiving (Thursday 26) is skipped.
    assert dana.follow_up_due_on == date(2026, 11, 27)
    assert dana.second_contact_on == date(2026, 11, 20)
    page = frozen.get(f"/contacts/{dana.pk}/").content.decode()
    assert "due Fri 27 Nov" in page
    assert "United States" in page

    # Her country edited away (none known): the stored date is worked out again, Thursday 26.
    frozen.post(
        f"/contacts/{dana.pk}/edit/",
        form_data(email="dana@example.com", timezone="America/New_York", country=""),
    )
    dana.refresh_from_db()
    assert dana.follow_up_due_on == date(2026, 11, 26)
    # And back: a German contact works on Thanksgiving.
    frozen.post(
        f"/contacts/{dana.pk}/edit/",
        form_data(email="dana@example.com", timezone="America/New_York", country="DE"),
    )
    dana.refresh_from_db()
    assert dana.follow_up_due_on == date(2026, 11, 26)


def test_the_contact_page_says_when_no_country_is_known(frozen, alice):
    nobody = ContactFactory(owner=alice, country="")
    assert "none set: weekends only" in frozen.get(f"/contacts/{nobody.pk}/").content.decode()
