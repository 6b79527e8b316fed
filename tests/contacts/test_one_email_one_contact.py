"""SPEC §6: the same email is the same person. The database keeps one contact per email for
each seeker, whatever gets past the form; a twin refused there is the form's own error."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from networking.contacts import forms as contact_forms
from networking.contacts.models import Contact
from networking.contacts.services import save_contact
from networking.employers.models import Employer
from tests.contacts.factories import ContactFactory
from tests.contacts.test_contact_views import form_data
from tests.factories import UserFactory


@pytest.mark.django_db
def test_the_database_refuses_a_second_contact_with_the_same_email(alice):
    ContactFactory(owner=alice, email="elena@example.com")
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactFactory(owner=alice, email="Elena@Example.com")
    assert Contact.objects.owned_by(alice).count() == 1


@pytest.mark.django_db
def test_contacts_without_an_email_and_other_seekers_contacts_are_not_twins(alice, bob):
    ContactFactory(owner=alice, email="elena@example.com")
    ContactFactory.create_batch(2, owner=alice, email="")
    ContactFactory(owner=bob, email="elena@example.com")
    assert Contact.objects.filter(email__iexact="elena@example.com").count() == 2
    assert Contact.objects.owned_by(alice).count() == 3


@pytest.mark.django_db
def test_validation_says_it_in_the_seekers_words(alice):
    ContactFactory(owner=alice, email="elena@example.com")
    twin = ContactFactory.build(owner=alice, email="ELENA@example.com")
    with pytest.raises(ValidationError) as refused:
        twin.full_clean()
    assert refused.value.messages == [
        "You already have a contact with this email address. Edit them instead of adding them "
        "twice."
    ]
    assert "contacts_contact_unique_email_per_owner" not in str(refused.value)


@pytest.mark.django_db
def test_the_service_turns_the_refusal_into_the_forms_words_and_writes_nothing(alice):
    elena = ContactFactory(owner=alice, first_name="Elena", last_name="Petrova", email="e@x.io")
    twin = Contact(owner=alice, first_name="Lena", email="E@X.io", timezone=alice.timezone)
    with pytest.raises(ValidationError) as refused:
        save_contact(twin, owner=alice, new_employer_name="Kestrel Games")
    assert refused.value.code == "duplicate"
    assert (
        f'You already have <a href="/contacts/{elena.pk}/">Elena Petrova</a>'
        in (refused.value.messages[0])
    )
    assert Contact.objects.owned_by(alice).get() == elena
    assert not Employer.objects.filter(name="Kestrel Games").exists()


@pytest.fixture
def a_twin_is_saved_first(monkeypatch):
    """Two submits at once both pass the form's duplicate check; the twin saves first, so the
    database, not the form, refuses this one."""
    check = contact_forms.ContactForm._refuse_a_duplicate

    def check_then_lose_the_race(form, cleaned, new_employer):
        check(form, cleaned, new_employer)
        ContactFactory(
            owner=form.owner, first_name="Twin", last_name="Submit", email=cleaned["email"].upper()
        )

    monkeypatch.setattr(contact_forms.ContactForm, "_refuse_a_duplicate", check_then_lose_the_race)


@pytest.mark.django_db
@pytest.mark.usefixtures("a_twin_is_saved_first")
def test_a_twin_racing_past_the_form_check_is_a_form_error(alice, alice_client):
    response = alice_client.post("/contacts/new/", form_data(new_employer="Kestrel Games"))
    assert response.status_code == 200
    twin = Contact.objects.owned_by(alice).get()
    html = response.content.decode()
    assert f'You already have <a href="/contacts/{twin.pk}/">Twin Submit</a>' in html
    assert "contacts_contact_unique_email_per_owner" not in html
    assert response.context["form"]["first_name"].value() == "Elena"  # the input is kept
    assert not Employer.objects.filter(name="Kestrel Games").exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("a_twin_is_saved_first")
def test_an_edit_racing_to_a_twins_email_is_a_form_error(alice, alice_client):
    priya = ContactFactory(owner=alice, first_name="Priya", last_name="Raman", email="p@x.io")
    data = form_data(priya.employer, first_name="Priya", last_name="Raman")
    response = alice_client.post(f"/contacts/{priya.pk}/edit/", data)
    assert response.status_code == 200
    assert "You already have" in response.content.decode()
    priya.refresh_from_db()
    assert priya.email == "p@x.io"


# The migration that sets existing duplicates aside before the constraint (0004, 0005).

BEFORE = [("contacts", "0003_choices_in_the_database")]


@pytest.fixture
def before_the_constraint(transactional_db):
    """The contacts tables as they were before 0004; the latest schema again afterwards."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        yield executor.loader.project_state(BEFORE).apps
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def test_the_migration_keeps_the_email_on_the_oldest_and_moves_the_others_to_notes(
    before_the_constraint,
):
    alice, bob = UserFactory(), UserFactory()
    Contact = before_the_constraint.get_model("contacts", "Contact")

    def add(owner, first_name, email, notes=""):
        return Contact.objects.create(
            owner_id=owner.pk, first_name=first_name, email=email, notes=notes, timezone="UTC"
        ).pk

    later = add(alice, "Ana", "ANA@x.example", notes="Met at the design fair.")
    oldest = add(alice, "Ana", "ana@x.example")
    latest = add(alice, "Anna", "ana@X.example")
    blank = [add(alice, "No", ""), add(alice, "Email", "")]
    bobs = add(bob, "Ana", "ana@x.example")
    alone = add(alice, "Bo", "bo@x.example")
    # The order of creation decides who keeps the address, not the order of the ids.
    start = Contact.objects.get(pk=oldest).created_at
    for minutes, pk in enumerate([oldest, later, latest]):
        Contact.objects.filter(pk=pk).update(created_at=start.replace(minute=minutes))

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    def row(pk):
        return Contact.objects.values_list("email", "notes").get(pk=pk)

    assert row(oldest) == ("ana@x.example", "")
    assert row(later) == (
        "",
        "Met at the design fair.\n\nEmail ANA@x.example moved here from the email field: Ana "
        "has the same address, and one address belongs to one contact. Merge the two if they "
        "are the same person.",
    )
    assert row(latest)[0] == "" and row(latest)[1].startswith("Email ana@X.example moved here")
    assert [row(pk) for pk in blank] == [("", ""), ("", "")]
    assert row(bobs) == ("ana@x.example", "")
    assert row(alone) == ("bo@x.example", "")
