"""The contact form's pickers and the contacts' search (SPEC §8: flat with a big network).

"Introduced by" and "Employer" render the chosen row and a shortlist, whatever the size of
the network; typing asks ``/contacts/pick/`` (or ``/employers/pick/``) for the matches.
"""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.pickers import MATCHES, SHORTLIST
from networking.contacts.models import Contact
from networking.employers.models import Employer
from tests.contacts.factories import ContactFactory
from tests.employers.factories import EmployerFactory

pytestmark = pytest.mark.django_db

OPTION = re.compile(r"<option\b")


def network_of(owner, size):
    """``size`` more contacts for ``owner``, over a tenth as many new employers."""
    start = Contact.objects.owned_by(owner).count()
    employers = Employer.objects.bulk_create(
        Employer(owner=owner, name=f"Company {start + n:05d}") for n in range(max(1, size // 10))
    )
    return Contact.objects.bulk_create(
        Contact(
            owner=owner,
            first_name=f"Person{start + n:05d}",
            last_name="Lee",
            employer=employers[n % len(employers)],
            timezone="America/Toronto",
        )
        for n in range(size)
    )


def options_in(html: str) -> int:
    return len(OPTION.findall(html))


def contact_form_data(**overrides):
    data = {
        "first_name": "Elena",
        "last_name": "Petrova",
        "employer": "",
        "level": "vp",
        "function": "design",
        "timezone": "America/Toronto",
    }
    return {**data, **overrides}


# The form stays the same size.


@pytest.mark.parametrize("url_name", ["contacts:create", "contacts:edit"])
def test_the_contact_form_renders_as_many_options_and_queries_at_10_and_2000_contacts(
    alice_client, alice, url_name
):
    measured = []
    for size in (10, 2000):
        Contact.objects.filter(owner=alice).delete()
        Employer.objects.filter(owner=alice).delete()
        contacts = network_of(alice, size)
        args = [contacts[0].pk] if url_name == "contacts:edit" else []
        with CaptureQueriesContext(connection) as captured:
            html = alice_client.get(reverse(url_name, args=args)).content.decode()
        measured.append((size, len(captured), options_in(html)))
    (_, few_queries, few_options), (_, many_queries, many_options) = measured
    assert many_queries == few_queries
    # Level, function and time zone are fixed lists; the pickers add at most a shortlist each.
    assert many_options - few_options <= 2 * SHORTLIST
    assert "Type above to search them all" in html


def test_the_shortlist_holds_the_newest_contacts_and_the_chosen_one(alice_client, alice):
    contacts = network_of(alice, SHORTLIST + 30)
    oldest, newest = contacts[0], contacts[-1]
    editing = ContactFactory(owner=alice, referred_by=oldest)
    html = alice_client.get(reverse("contacts:edit", args=[editing.pk])).content.decode()
    assert f'<option value="{oldest.pk}" selected>' in html
    assert f'<option value="{newest.pk}">Person' in html
    assert f'<option value="{contacts[1].pk}">Person' not in html  # old: found by searching


def test_an_introducer_named_in_the_address_is_preselected_among_thousands(alice_client, alice):
    contacts = network_of(alice, 300)
    old = contacts[0]
    html = alice_client.get(reverse("contacts:create"), {"referred_by": old.pk}).content.decode()
    assert f'<option value="{old.pk}" selected>' in html


# Picking through the search, then saving.


def test_a_referrer_found_by_search_is_saved(alice_client, alice):
    network_of(alice, 200)
    priya = ContactFactory(owner=alice, first_name="Priya", last_name="Raman")
    network_of(alice, 60)  # Priya is no longer among the newest
    found = alice_client.get(reverse("contacts:pick"), {"q": "priya ram"})
    assert found.status_code == 200
    match = re.search(r'<option value="(\d+)">Priya Raman', found.content.decode())
    assert match and int(match.group(1)) == priya.pk
    response = alice_client.post(
        reverse("contacts:create"), contact_form_data(referred_by=match.group(1))
    )
    assert response.status_code == 302
    assert Contact.objects.get(first_name="Elena").referred_by == priya


def test_an_employer_found_by_search_is_saved(alice_client, alice):
    cobalt = EmployerFactory(owner=alice, name="Cobalt Robotics")
    Employer.objects.bulk_create(
        Employer(owner=alice, name=f"Company {n}") for n in range(SHORTLIST + 5)
    )
    found = alice_client.get(reverse("employers:pick"), {"q": "cobalt"}).content.decode()
    assert f'<option value="{cobalt.pk}">Cobalt Robotics</option>' in found
    response = alice_client.post(reverse("contacts:create"), contact_form_data(employer=cobalt.pk))
    assert response.status_code == 302
    assert Contact.objects.get(first_name="Elena").employer == cobalt


def test_an_old_contact_not_in_the_shortlist_is_still_a_valid_choice(alice_client, alice):
    oldest = network_of(alice, SHORTLIST + 10)[0]
    response = alice_client.post(
        reverse("contacts:create"), contact_form_data(referred_by=oldest.pk)
    )
    assert response.status_code == 302
    assert Contact.objects.get(first_name="Elena").referred_by == oldest


def test_another_seekers_contact_or_employer_is_refused_by_the_picker_fields(alice_client, bob):
    bobs = ContactFactory(owner=bob)
    response = alice_client.post(
        reverse("contacts:create"),
        contact_form_data(referred_by=bobs.pk, employer=bobs.employer.pk),
    )
    assert response.status_code == 200
    assert {"referred_by", "employer"} <= set(response.context["form"].errors)
    assert not Contact.objects.filter(owner__email__startswith="alice").exists()


# The contacts' search.


def test_the_search_matches_first_last_and_full_name_and_employer(alice_client, alice):
    cobalt = EmployerFactory(owner=alice, name="Cobalt Robotics")
    elena = ContactFactory(owner=alice, first_name="Elena", last_name="Petrova", employer=cobalt)
    jordan = ContactFactory(owner=alice, first_name="Jordan", last_name="Lee", employer=None)

    def found(query):
        html = alice_client.get(reverse("contacts:pick"), {"q": query}).content.decode()
        return {int(pk) for pk in re.findall(r'value="(\d+)"', html)}

    assert found("ELE") == {elena.pk}
    assert found("petrov") == {elena.pk}
    assert found("elena petrova") == {elena.pk}
    assert found("robotics") == {elena.pk}
    assert found("jordan lee") == {jordan.pk}
    assert found("nobody") == set()


def test_the_search_answers_at_most_twenty_by_name_in_a_flat_number_of_queries(
    alice_client, alice, django_assert_num_queries
):
    network_of(alice, 500)
    # Session, user, the seeker's employers named so (for every word at once), the matches.
    with django_assert_num_queries(4):
        alice_client.get(reverse("contacts:pick"), {"q": "person lee 0 1 2 3"})
    with django_assert_num_queries(4):
        response = alice_client.get(reverse("contacts:pick"), {"q": "person"})
    names = re.findall(r'">(Person\d+) Lee', response.content.decode())
    assert len(names) == MATCHES
    assert names == sorted(names)
    assert response["X-Picker-More"] == "true"  # the picker says: type more to narrow them
    fewer = alice_client.get(reverse("contacts:pick"), {"q": "person00007"})
    assert fewer["X-Picker-More"] == "false"


def test_the_search_never_shows_another_seekers_contacts(alice_client, alice, bob):
    ContactFactory(owner=bob, first_name="Bobsfriend", last_name="Lee")
    ContactFactory(owner=alice, first_name="Alicesfriend", last_name="Lee")
    html = alice_client.get(reverse("contacts:pick"), {"q": "lee"}).content.decode()
    assert "Alicesfriend" in html and "Bobsfriend" not in html
    nothing = alice_client.get(reverse("contacts:pick"), {"q": "bobsfriend"}).content.decode()
    assert "No match for “bobsfriend”" in nothing


def test_the_employers_search_never_shows_another_seekers_employers(alice_client, alice, bob):
    EmployerFactory(owner=bob, name="Bob Industries")
    EmployerFactory(owner=alice, name="Alice Industries")
    html = alice_client.get(reverse("employers:pick"), {"q": "industries"}).content.decode()
    assert "Alice Industries" in html and "Bob Industries" not in html


@pytest.mark.parametrize("url_name", ["contacts:pick", "employers:pick"])
def test_the_searches_send_a_stranger_to_log_in_and_answer_get_only(alice_client, url_name):
    url = reverse(url_name)
    response = Client().get(url, {"q": "a"})
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert alice_client.post(url, {"q": "a"}).status_code == 405


def test_the_search_escapes_what_was_typed(alice_client):
    html = alice_client.get(reverse("contacts:pick"), {"q": "<b>x</b>"}).content.decode()
    assert "<b>" not in html and "&lt;b&gt;" in html
