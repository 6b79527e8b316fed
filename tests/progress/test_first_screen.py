"""The first screen of a new account: the first steps come first, each a link, and nothing
offers a booking or says all is done while the seeker has nobody to meet. The sign-up takes the
browser's time zone, checked against the list, which names canonical zones only; saving the
profile leads on to the next step still to take."""

import re

import pytest
from django.urls import reverse

from core.models import User
from core.timezones import timezone_choices
from tests.clock import MONDAY_NOON, at
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory
from tests.employers.factories import EmployerFactory
from tests.factories import ValueStatementFactory

pytestmark = [pytest.mark.django_db, at(MONDAY_NOON)]


@pytest.fixture
def newcomer(alice):
    alice.target_title, alice.target_level = "", ""
    alice.save()
    return alice


def test_the_first_steps_come_before_anything_else_each_a_link(alice_client, newcomer):
    body = alice_client.get(reverse("dashboard")).content.decode()
    assert body.index("First steps") < body.index('id="funnel-h"')
    steps = body[body.index("First steps") : body.index('id="funnel-h"')]
    links = re.findall(r'<a href="([^"]+)" class="fw-semibold">([^<]+)</a>', steps)
    assert links == [
        ("/profile/", "Set the role you want"),
        ("/profile/#values-h", "Write your value statements"),
        ("/employers/", "List your ideal employers"),
        ("/contacts/new/", "Find the right insider"),
        ("/contacts/", "Ask for 20 minutes of advice"),
    ]


def test_no_booking_and_no_all_done_while_there_is_nobody_to_meet(alice_client, newcomer):
    body = alice_client.get(reverse("dashboard")).content.decode()
    assert "You are on top of things" not in body
    assert "Book a meeting" not in body
    assert reverse("meetings:create") not in body


def test_with_a_contact_the_booking_is_offered(alice_client, alice):
    ContactFactory(owner=alice)
    body = alice_client.get(reverse("dashboard")).content.decode()
    assert "Book a meeting" in body


def test_once_all_steps_are_taken_they_leave_the_dashboard(alice_client, alice):
    assert alice.has_target
    ValueStatementFactory(owner=alice)
    contact = ContactFactory(owner=alice, employer=EmployerFactory(owner=alice))

    OutreachAttemptFactory(contact=contact, kind="request")
    assert "First steps" not in alice_client.get(reverse("dashboard")).content.decode()


# --- the sign-up's time zone ------------------------------------------------------------------


def sign_up(client, zone):
    return client.post(
        reverse("signup"),
        {
            "name": "Chloé Dubois",
            "email": "chloe@example.com",
            "password1": "correct-horse-battery",
            "password2": "correct-horse-battery",
            "timezone": zone,
        },
    )


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("Asia/Calcutta", "Asia/Kolkata"),  # an old alias: the zone it names
        ("Etc/UTC", "UTC"),
        ("Mars/Olympus", "UTC"),  # not a zone: the default
        ("", "UTC"),  # no script ran
        ("x" * 300, "UTC"),
    ],
)
def test_the_sign_up_keeps_the_browsers_zone_when_it_is_one_of_the_list(client, sent, kept):
    response = sign_up(client, sent)
    assert response.status_code == 302
    assert User.objects.get().timezone == kept


@pytest.mark.parametrize(
    ("sent", "country"), [("Europe/Berlin", "DE"), ("Asia/Calcutta", "IN"), ("", "")]
)
def test_the_sign_up_gives_the_seeker_their_zones_country(client, sent, country):
    assert sign_up(client, sent).status_code == 302
    assert User.objects.get().country == country


def test_the_sign_up_page_fills_the_zone_with_its_own_script(client):
    body = client.get(reverse("signup")).content.decode()
    assert re.search(r'<input type="hidden" name="timezone"[^>]*data-browser-zone', body)
    assert '<script src="/static/js/browser-zone.js" defer></script>' in body
    assert "<script>" not in body  # nothing inline: the CSP forbids it


def test_the_zone_list_names_canonical_zones_only():
    names = [name for name, _ in timezone_choices()]
    assert len(names) == len(set(names))
    for canonical in ("UTC", "Asia/Kolkata", "Europe/Kyiv", "Europe/Amsterdam", "America/Toronto"):
        assert canonical in names
    for alias in ("Asia/Calcutta", "Europe/Kiev", "US/Eastern", "America/Buenos_Aires", "Etc/UTC"):
        assert alias not in names


def test_a_zone_stored_under_an_old_alias_shows_and_saves_as_its_zone(alice_client, alice):
    contact = ContactFactory(owner=alice, timezone="Asia/Calcutta")
    page = alice_client.get(reverse("contacts:edit", args=[contact.pk])).content.decode()
    assert '<option value="Asia/Kolkata" selected>' in page
    alice.timezone = "Asia/Calcutta"
    alice.save()
    profile = alice_client.get(reverse("profile")).content.decode()
    assert '<option value="Asia/Kolkata" selected>' in profile


# --- the profile leads on ---------------------------------------------------------------------


def save_profile(client, **fields):
    data = {
        "name": "Alice Martin",
        "target_title": "Engineering Manager",
        "target_level": "manager",
        "timezone": "Europe/Paris",
        **fields,
    }
    response = client.post(reverse("profile"), data, follow=True)
    return response.redirect_chain[-1][0]


def test_saving_the_profile_leads_on_to_the_next_missing_step(alice_client, alice, newcomer):
    assert save_profile(alice_client, target_title="") == "/profile/"  # the role is still missing
    assert save_profile(alice_client) == "/profile/#values-h"
    ValueStatementFactory(owner=alice)
    assert save_profile(alice_client) == "/employers/"
    employer = EmployerFactory(owner=alice)
    assert save_profile(alice_client) == "/contacts/new/"
    contact = ContactFactory(owner=alice, employer=employer)
    assert save_profile(alice_client) == "/contacts/"

    OutreachAttemptFactory(contact=contact, kind="request")
    assert save_profile(alice_client) == "/profile/"


def test_the_next_step_page_goes_to_the_dashboard_when_all_are_taken(alice_client, alice):
    ValueStatementFactory(owner=alice)
    contact = ContactFactory(owner=alice, employer=EmployerFactory(owner=alice))

    OutreachAttemptFactory(contact=contact, kind="request")
    response = alice_client.get(reverse("next_first_step"))
    assert response.url == reverse("dashboard")


def test_the_value_statements_lead_on_to_the_next_step(alice_client, alice):
    """Once a value statement is written, the profile offers the way on: the next first step
    still to take (the employers here), through the same page as saving the profile."""
    next_step = f'href="{reverse("next_first_step")}"'
    assert next_step not in alice_client.get(reverse("profile")).content.decode()
    ValueStatementFactory(owner=alice)
    body = alice_client.get(reverse("profile")).content.decode()
    assert next_step in body and "Next step" in body
    assert alice_client.get(reverse("next_first_step")).url == reverse("employers:list")
