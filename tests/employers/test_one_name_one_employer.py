"""An employer is one thing per name: a typed name becomes the seeker's employer the way the
database's unique name per seeker compares names (spaces collapsed, the index's lower()),
in the contact form, the debrief's referrals and the CSV import; never a 500."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.db import connection
from django.urls import reverse

from networking.contacts.models import Contact
from networking.employers.models import Employer, name_keys
from networking.employers.services import employer_named
from tests.contacts.factories import ContactFactory
from tests.contacts.test_csv_import_views import EXPORT_HEADER, PREVIEW, confirm, upload
from tests.employers.factories import EmployerFactory
from tests.meetings.factories import MeetingFactory
from tests.meetings.test_debrief import debrief_data

pytestmark = pytest.mark.django_db

# PostgreSQL's lower() makes "İ" an "i", so its unique index takes "İstanbul Ltd" and
# "Istanbul Ltd" for one name; SQLite's lower() folds ASCII only, so for it they are two.
# Python's own lower() agrees with neither ("İ" becomes "i" and a combining dot).
DOTTED_IS_DOTLESS = connection.vendor == "postgresql"


def employers_of(user) -> list[str]:
    return sorted(Employer.objects.owned_by(user).values_list("name", flat=True))


def contact_form(**fields):
    return {
        "first_name": "Ana",
        "last_name": "Bell",
        "level": "",
        "function": "general",
        "timezone": "America/Toronto",
        **fields,
    }


def test_the_database_and_python_disagree_on_the_dotted_capital_i():
    keys = name_keys(["İstanbul Ltd", "Istanbul Ltd"])
    assert (keys["İstanbul Ltd"] == keys["Istanbul Ltd"]) is DOTTED_IS_DOTLESS
    assert "İstanbul Ltd".lower() != "Istanbul Ltd".lower()


def test_a_typed_name_finds_the_employer_whatever_its_spaces_and_case(alice, bob):
    lumen = EmployerFactory(owner=alice, name="Lumen Labs")
    EmployerFactory(owner=bob, name="Cobalt")
    assert employer_named(owner=alice, name="  lumen \t LABS ") == lumen
    cobalt = employer_named(owner=alice, name="cobalt   robotics")
    assert (cobalt.owner, cobalt.name) == (alice, "cobalt robotics")
    assert employers_of(alice) == ["Lumen Labs", "cobalt robotics"]


def test_the_dotted_capital_i_joins_or_is_added_as_the_index_says(alice):
    istanbul = EmployerFactory(owner=alice, name="Istanbul Ltd")
    found = employer_named(owner=alice, name="İstanbul Ltd")
    assert (found == istanbul) is DOTTED_IS_DOTLESS
    assert employer_named(owner=alice, name="İSTANBUL ltd") == found
    assert len(employers_of(alice)) == (1 if DOTTED_IS_DOTLESS else 2)


def test_the_contact_form_joins_the_employer_typed_with_other_spaces_and_case(alice, alice_client):
    lumen = EmployerFactory(owner=alice, name="Lumen Labs")
    response = alice_client.post(
        reverse("contacts:create"), contact_form(new_employer="  lumen   labs ")
    )
    assert response.status_code == 302
    assert Contact.objects.get(first_name="Ana").employer == lumen
    assert employers_of(alice) == ["Lumen Labs"]
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert "“lumen labs” is your employer “Lumen Labs”: Ana Bell is there." in said


def test_the_contact_form_adds_a_new_employer_with_its_spaces_tidied(alice, alice_client):
    alice_client.post(reverse("contacts:create"), contact_form(new_employer=" Cobalt   Robotics"))
    assert Contact.objects.get(first_name="Ana").employer.name == "Cobalt Robotics"


def test_the_contact_form_with_a_dotted_capital_i_is_never_a_500(alice, alice_client):
    istanbul = EmployerFactory(owner=alice, name="Istanbul Ltd")
    response = alice_client.post(
        reverse("contacts:create"), contact_form(new_employer="İstanbul Ltd")
    )
    assert response.status_code == 302
    employer = Contact.objects.get(first_name="Ana").employer
    assert (employer == istanbul) is DOTTED_IS_DOTLESS
    assert employer.name == ("Istanbul Ltd" if DOTTED_IS_DOTLESS else "İstanbul Ltd")
    page = alice_client.get(response.url).content.decode()
    assert employer.name in page


def test_the_same_person_at_the_same_employer_typed_in_another_case_is_refused(alice, alice_client):
    lumen = EmployerFactory(owner=alice, name="Lumen Labs")
    ContactFactory(owner=alice, first_name="Ana", last_name="Bell", employer=lumen)
    response = alice_client.post(
        reverse("contacts:create"), contact_form(new_employer="LUMEN  labs")
    )
    assert response.status_code == 200
    assert "already" in " ".join(response.context["form"].non_field_errors())
    assert response.context["form"]["new_employer"].value() == "LUMEN  labs"
    assert Contact.objects.count() == 1


def test_the_employer_form_says_a_name_the_index_would_refuse(alice, alice_client):
    EmployerFactory(owner=alice, name="Istanbul Ltd")
    response = alice_client.post(
        reverse("employers:create"),
        {"name": "İstanbul  Ltd", "status": "researching", "posting": "none"},
    )
    if DOTTED_IS_DOTLESS:
        assert response.status_code == 200
        errors = response.context["form"].errors["name"]
        assert errors == ["You already have an employer called “Istanbul Ltd”."]
        assert employers_of(alice) == ["Istanbul Ltd"]
    else:
        assert response.status_code == 302
        assert employers_of(alice) == ["Istanbul Ltd", "İstanbul Ltd"]


@time_machine.travel(datetime(2026, 11, 26, 20, 0, tzinfo=UTC), tick=False)
def test_a_debrief_referral_joins_the_employer_as_the_index_says(alice, alice_client):
    lumen = EmployerFactory(owner=alice, name="Lumen Labs")
    istanbul = EmployerFactory(owner=alice, name="Istanbul Ltd")
    jordan = ContactFactory(owner=alice, first_name="Jordan", last_name="Lee", employer=lumen)
    meeting = MeetingFactory(contact=jordan, starts_at=datetime(2026, 11, 26, 15, tzinfo=UTC))
    referrals = [
        {"first_name": "Priya", "new_employer": " lumen  LABS"},
        {"first_name": "Marcus", "new_employer": "İstanbul Ltd"},
    ]
    response = alice_client.post(
        reverse("meetings:debrief", args=[meeting.pk]), debrief_data(referrals)
    )
    assert response.status_code == 302
    assert Contact.objects.get(first_name="Priya").employer == lumen
    marcus_at = Contact.objects.get(first_name="Marcus").employer
    assert (marcus_at == istanbul) is DOTTED_IS_DOTLESS
    assert len(employers_of(alice)) == (2 if DOTTED_IS_DOTLESS else 3)


def test_a_csv_file_naming_an_employer_two_ways_is_previewed_and_confirmed(alice, alice_client):
    EmployerFactory(owner=alice, name="Lumen Labs")
    EmployerFactory(owner=alice, name="Istanbul Ltd")
    rows = [
        "Ana,Bell,,lumen   labs,,,",
        "Bo,Chen,,İstanbul Ltd,,,",
        "Cy,Diaz,,İSTANBUL  LTD,,,",
        "Di,Eze,,Kaya  Holding,,,",
        "Ed,Fox,,kaya holding,,,",
    ]
    upload(alice_client, "\n".join([EXPORT_HEADER, *rows]) + "\n")
    preview = alice_client.get(PREVIEW)
    assert preview.status_code == 200
    shown = preview.context["preview"]
    expected_new = ["Kaya Holding"] if DOTTED_IS_DOTLESS else ["İstanbul Ltd", "Kaya Holding"]
    assert shown.new_employers == expected_new
    assert [row.values["employer"] for row in shown.rows] == [
        "Lumen Labs",
        *(["Istanbul Ltd"] * 2 if DOTTED_IS_DOTLESS else ["İstanbul Ltd"] * 2),
        "Kaya Holding",
        "Kaya Holding",
    ]

    response = confirm(alice_client)

    assert response.status_code == 302
    assert Contact.objects.filter(owner=alice).count() == 5
    assert len(employers_of(alice)) == (3 if DOTTED_IS_DOTLESS else 4)
    bo, cy = Contact.objects.get(first_name="Bo"), Contact.objects.get(first_name="Cy")
    assert bo.employer == cy.employer
    assert (bo.employer.name == "Istanbul Ltd") is DOTTED_IS_DOTLESS


def test_a_csv_row_for_someone_already_there_at_the_employer_in_other_spelling_is_a_duplicate(
    alice, alice_client
):
    istanbul = EmployerFactory(owner=alice, name="Istanbul Ltd")
    ContactFactory(owner=alice, first_name="Bo", last_name="Chen", employer=istanbul)
    upload(alice_client, f"{EXPORT_HEADER}\nBo,Chen,,İstanbul  Ltd,,,\n")
    counts = alice_client.get(PREVIEW).context["counts"]
    assert counts["duplicate"] == (1 if DOTTED_IS_DOTLESS else 0)
    assert confirm(alice_client).status_code == 302
    assert Contact.objects.count() == (1 if DOTTED_IS_DOTLESS else 2)
