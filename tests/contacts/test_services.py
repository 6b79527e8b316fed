"""The contact writes: plain values in, the contact (and an employer typed in inline) out."""

from unittest import mock

import pytest
from django.db import IntegrityError

from networking.contacts.models import Contact
from networking.contacts.services import save_contact
from networking.employers.models import Employer
from tests.contacts.factories import ContactFactory
from tests.employers.factories import EmployerFactory

pytestmark = pytest.mark.django_db


def new_contact(owner, **fields):
    return Contact(owner=owner, first_name="Priya", last_name="Natarajan", **fields)


def test_it_saves_a_new_contact_at_one_of_the_seekers_employers(alice):
    lumen = EmployerFactory(owner=alice, name="Lumen Labs")
    contact = save_contact(new_contact(alice, employer=lumen), owner=alice)
    assert Contact.objects.owned_by(alice).get() == contact
    assert contact.employer == lumen


def test_a_new_employer_name_becomes_an_employer_of_the_seekers(alice):
    contact = save_contact(new_contact(alice), owner=alice, new_employer_name="Kestrel Games")
    assert contact.employer.name == "Kestrel Games"
    assert contact.employer.owner == alice


def test_a_new_employer_name_finds_the_one_already_there_in_any_case(alice, bob):
    lumen = EmployerFactory(owner=alice, name="Lumen Labs")
    EmployerFactory(owner=bob, name="lumen labs")
    contact = save_contact(new_contact(alice), owner=alice, new_employer_name="  lumen LABS ")
    assert contact.employer == lumen
    assert Employer.objects.owned_by(alice).count() == 1


def test_an_edit_keeps_the_employer_unless_a_new_name_is_given(alice):
    contact = ContactFactory(owner=alice, title="Designer")
    employer = contact.employer
    contact.title = "Design Director"
    save_contact(contact, owner=alice)
    contact.refresh_from_db()
    assert (contact.title, contact.employer) == ("Design Director", employer)
    save_contact(contact, owner=alice, new_employer_name="Northwind Health")
    contact.refresh_from_db()
    assert contact.employer.name == "Northwind Health"


def test_it_refuses_to_save_a_contact_for_someone_else(alice, bob):
    with pytest.raises(ValueError):
        save_contact(new_contact(bob), owner=alice, new_employer_name="Acme")
    assert not Contact.objects.exists()
    assert not Employer.objects.exists()


def test_it_writes_all_or_nothing(alice):
    """A contact refused by the database takes the employer typed in with it back out."""
    refused = mock.patch.object(Contact, "save", side_effect=IntegrityError("refused"))
    with refused, pytest.raises(IntegrityError):
        save_contact(new_contact(alice), owner=alice, new_employer_name="Kestrel Games")
    assert not Employer.objects.owned_by(alice).exists()
