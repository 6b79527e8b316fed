"""The morning email's unsubscribe link works without signing in, from a page or one click."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from core.reminders import unsubscribe_token
from tests.clock import MONDAY_NOON, at

pytestmark = [pytest.mark.django_db, at(MONDAY_NOON)]


def link(user):
    return reverse("digest_unsubscribe", args=[unsubscribe_token(user)])


def test_get_asks_to_confirm_and_changes_nothing(alice):
    response = Client().get(link(alice))
    assert response.status_code == 200
    assert "Stop the morning email" in response.content.decode()
    alice.refresh_from_db()
    assert alice.digest_on and alice.next_digest_at is not None


def test_one_click_post_from_a_mail_client_unsubscribes_without_a_session_or_csrf(alice):
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(link(alice), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    alice.refresh_from_db()
    assert not alice.digest_on and alice.next_digest_at is None


def test_a_forged_or_broken_link_changes_nothing(alice, bob):
    forged = unsubscribe_token(bob)[:-3] + "abc"
    for token in (forged, "nonsense", str(alice.pk)):
        url = reverse("digest_unsubscribe", args=[token])
        assert Client().post(url).status_code == 404
    alice.refresh_from_db()
    bob.refresh_from_db()
    assert alice.digest_on and bob.digest_on


def test_the_profile_switches_it_off_and_on_and_a_new_zone_moves_the_morning(alice, alice_client):
    data = {
        "name": alice.name,
        "target_title": alice.target_title,
        "target_level": alice.target_level,
        "timezone": alice.timezone,
    }
    assert alice_client.post(reverse("profile"), data).status_code == 302
    alice.refresh_from_db()
    assert not alice.digest_on and alice.next_digest_at is None

    assert alice_client.post(reverse("profile"), {**data, "digest_on": "on"}).status_code == 302
    alice.refresh_from_db()
    toronto_morning = alice.next_digest_at
    assert alice.digest_on and toronto_morning.hour == 13  # 08:00 in Toronto

    data["timezone"] = "Europe/London"
    alice_client.post(reverse("profile"), {**data, "digest_on": "on"})
    alice.refresh_from_db()
    assert alice.next_digest_at.hour == 8 and alice.next_digest_at != toronto_morning
    assert mail.outbox == []


def test_the_profile_offers_the_switch_ticked_so_saving_keeps_it_on(alice, alice_client):
    page = alice_client.get(reverse("profile")).content.decode()
    assert 'name="digest_on"' in page
    switch = page[page.index('name="digest_on"') - 200 : page.index('name="digest_on"') + 200]
    assert "checked" in switch
