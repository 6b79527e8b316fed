"""Contacts CSV import (SPEC §6): validity, duplicates, employers, introductions, writing."""

from unittest import mock

import pytest
from django.db import IntegrityError

from networking.contacts import csv_import
from networking.contacts.csv_import import DUPLICATE, INVALID, NEW, classify, import_contacts
from networking.contacts.csv_parse import parse_text
from networking.contacts.models import Contact, Status
from networking.contacts.state import DATES, STORED, derived_state, stored_state
from networking.employers.models import Employer
from tests.contacts.factories import ContactFactory
from tests.contacts.test_csv_parse import export_file
from tests.employers.factories import EmployerFactory

pytestmark = pytest.mark.django_db


def outcomes(preview):
    return [(r.full_name, r.outcome) for r in preview.rows]


# Validity.


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (",Raman,,,,,", "No first name."),
        ("Ana,B,not-an-email,,,,", "is not an email address"),
        ("Ana,B,,,senior,,", "Level “senior” is not one we know"),
        ("Ana,B,,,,wizardry,", "Function “wizardry” is not one we know"),
        ("A" * 81 + ",B,,,,,", "First name is over 80 characters."),
    ],
)
def test_a_row_the_form_would_refuse_is_invalid_with_the_reason(alice, row, reason):
    preview = classify(alice, parse_text(export_file(row)).rows)
    assert preview.rows[0].outcome == INVALID
    assert reason in " ".join(preview.rows[0].reasons)


def test_levels_and_functions_are_read_by_value_or_label(alice):
    rows = parse_text(
        export_file("Ana,B,,,Director,HR / recruiting,", "Bo,C,,,vice president,,")
    ).rows
    preview = classify(alice, rows)
    assert [(r.values["level"], r.values["function"]) for r in preview.rows] == [
        ("director", "hr"),
        ("vp", "general"),
    ]


def test_a_linkedin_url_without_a_scheme_is_read_as_https(alice):
    rows = parse_text("first_name,linkedin_url\nAna,linkedin.com/in/ana\n").rows
    assert classify(alice, rows).rows[0].values["linkedin_url"] == "https://linkedin.com/in/ana"


# Duplicates: email, LinkedIn URL, name at the same employer — in the database and in the file.


def test_it_finds_duplicates_of_existing_contacts(alice):
    lumen = EmployerFactory(owner=alice, name="Lumen Labs")
    ContactFactory(owner=alice, first_name="Jordan", last_name="Lee", email="JORDAN@lumen.example")
    ContactFactory(
        owner=alice,
        first_name="Sam",
        last_name="Ortiz",
        email="",
        linkedin_url="https://www.linkedin.com/in/sam-ortiz/",
    )
    ContactFactory(owner=alice, first_name="Dana", last_name="Whitfield", email="", employer=lumen)
    text = (
        "first_name,last_name,email,employer,linkedin_url\n"
        "Jordy,Lee,jordan@lumen.example,,\n"
        "Samuel,Ortiz,,,http://linkedin.com/in/Sam-Ortiz\n"
        "dana,WHITFIELD,,lumen labs,\n"
        "Dana,Whitfield,,Cobalt Robotics,\n"
    )
    preview = classify(alice, parse_text(text).rows)
    assert [r.outcome for r in preview.rows] == [DUPLICATE, DUPLICATE, DUPLICATE, NEW]
    assert preview.rows[0].reasons == ["Already in your contacts: Jordan Lee (same email)."]
    assert preview.rows[1].reasons == ["Already in your contacts: Sam Ortiz (same LinkedIn URL)."]
    assert preview.rows[2].reasons == [
        "Already in your contacts: Dana Whitfield (same name and employer)."
    ]


def test_it_finds_duplicates_within_the_file(alice):
    text = (
        "first_name,last_name,email,employer,linkedin_url\n"
        "Jordan,Lee,jordan@lumen.example,Lumen Labs,https://linkedin.com/in/jl\n"
        "J.,Lee,Jordan@Lumen.example,,\n"
        "Jordan,Lee-Smith,,,https://www.linkedin.com/in/jl/\n"
        "JORDAN, lee ,,LUMEN LABS,\n"
        "Jordan,Lee,,Cobalt Robotics,\n"
    )
    preview = classify(alice, parse_text(text).rows)
    assert [r.outcome for r in preview.rows] == [NEW, DUPLICATE, DUPLICATE, DUPLICATE, NEW]
    assert preview.rows[1].reasons == ["Same person as line 2 of this file (same email)."]
    assert preview.rows[2].reasons == ["Same person as line 2 of this file (same LinkedIn URL)."]
    assert preview.rows[3].reasons == [
        "Same person as line 2 of this file (same name and employer)."
    ]


def test_another_seekers_contacts_are_not_duplicates(alice, bob):
    ContactFactory(owner=bob, first_name="Jordan", last_name="Lee", email="jordan@lumen.example")
    rows = parse_text(export_file("Jordan,Lee,jordan@lumen.example,,,,")).rows
    assert classify(alice, rows).rows[0].outcome == NEW


# Employers.


def test_employers_are_matched_case_insensitively_among_the_seekers_own(alice, bob):
    lumen = EmployerFactory(owner=alice, name="Lumen Labs")
    bobs = EmployerFactory(owner=bob, name="Cobalt Robotics")
    text = export_file(
        "Ana,A,,lumen labs,,,", "Bo,B,,cobalt robotics,,,", "Cy,C,,Cobalt Robotics,,,"
    )
    preview = classify(alice, parse_text(text).rows)
    assert preview.new_employers == ["cobalt robotics"]
    assert [r.employer_is_new for r in preview.rows] == [False, True, True]

    result = import_contacts(alice, parse_text(text).rows)

    assert result.employers_created == 1
    created = Employer.objects.owned_by(alice).get(name="cobalt robotics")
    assert created != bobs
    contacts = Contact.objects.owned_by(alice)
    assert {c.first_name: c.employer for c in contacts} == {
        "Ana": lumen,
        "Bo": created,
        "Cy": created,
    }
    assert Employer.objects.owned_by(bob).count() == 1


# Introduced by.


def test_referred_by_is_found_by_full_name_among_contacts_and_the_file(alice):
    jordan = ContactFactory(owner=alice, first_name="Jordan", last_name="Lee")
    ContactFactory(owner=alice, first_name="Twin", last_name="Name")
    ContactFactory(owner=alice, first_name="Twin", last_name="Name", employer=None)
    text = export_file(
        "Sam,Ortiz,,,,,priya raman",  # a row further down the file
        "Priya,Raman,,,,,Jordan Lee",  # an existing contact
        "Elena,Petrova,,,,,Nobody Known",
        "Dana,Whitfield,,,,,Twin Name",
        "Selfie,Taker,,,,,Selfie Taker",
        "Loop,One,,,,,Loop Two",
        "Loop,Two,,,,,Loop One",
    )
    rows = parse_text(text).rows
    preview = classify(alice, rows)
    notes = {r.full_name: r.notes for r in preview.rows}
    assert notes["Elena Petrova"] == [
        "Introduced by “Nobody Known”: no contact by that name, left empty."
    ]
    assert "more than one contact" in notes["Dana Whitfield"][0]
    assert "no contact by that name" in notes["Selfie Taker"][0]
    assert notes["Loop One"] == []
    assert "loop" in notes["Loop Two"][0]

    import_contacts(alice, rows)

    by_name = {c.full_name: c for c in Contact.objects.owned_by(alice)}
    assert by_name["Priya Raman"].referred_by == jordan
    assert by_name["Sam Ortiz"].referred_by == by_name["Priya Raman"]
    assert by_name["Loop One"].referred_by == by_name["Loop Two"]
    assert by_name["Loop Two"].referred_by is None
    for name in ("Elena Petrova", "Dana Whitfield", "Selfie Taker"):
        assert by_name[name].referred_by is None


# Writing.


def test_it_writes_the_new_rows_only_with_the_seekers_time_zone(alice):
    alice.timezone = "Europe/Paris"
    alice.save()
    ContactFactory(owner=alice, first_name="Jordan", last_name="Lee", email="jordan@lumen.example")
    text = export_file(
        "Jordan,Lee,jordan@lumen.example,,,,", "Ana,Bell,,,director,design,", "Bad,,x@,,,,"
    )
    result = import_contacts(alice, parse_text(text).rows)
    assert (result.created, result.duplicates, result.invalid) == (1, 1, 1)
    ana = Contact.objects.owned_by(alice).get(first_name="Ana")
    assert (ana.level, ana.function, ana.timezone) == ("director", "design", "Europe/Paris")
    assert Contact.objects.owned_by(alice).count() == 2


def test_it_classifies_again_when_writing(alice):
    rows = parse_text(export_file("Ana,Bell,ana@x.example,,,,")).rows
    assert classify(alice, rows).rows[0].outcome == NEW
    ContactFactory(owner=alice, email="ana@x.example")  # added in another tab meanwhile
    assert import_contacts(alice, rows).created == 0
    assert Contact.objects.owned_by(alice).count() == 1


def test_one_email_twice_in_a_file_is_written_once(alice):
    rows = parse_text(
        export_file("Ana,Bell,ana@x.example,,,,", "Anna,Bell-Smith,ANA@X.example,Lumen Labs,,,")
    ).rows
    result = import_contacts(alice, rows)
    assert (result.created, result.duplicates) == (1, 1)
    assert Contact.objects.owned_by(alice).get().first_name == "Ana"


def test_the_database_refuses_one_email_twice_even_if_the_file_check_missed_it(alice, monkeypatch):
    rows = parse_text(export_file("Ana,Bell,ana@x.example,,,,", "Anna,Bell,ANA@x.example,,,,")).rows
    monkeypatch.setattr(csv_import._Seen, "match", lambda seen, keys: None)
    with pytest.raises(IntegrityError):
        import_contacts(alice, rows)
    assert not Contact.objects.exists()


def test_a_failure_on_one_row_mid_write_writes_nothing(alice):
    rows = parse_text(
        export_file(*(f"Person,{n},,Employer {n % 2},,,Person 0" for n in range(6)))
    ).rows
    real = csv_import._contact_row
    calls = []

    def fail_on_the_fifth(*args):
        calls.append(1)
        if len(calls) == 5:
            raise RuntimeError("the database went away")
        return real(*args)

    with (
        mock.patch.object(csv_import, "BATCH_SIZE", 2),
        mock.patch.object(csv_import, "_contact_row", side_effect=fail_on_the_fifth),
        pytest.raises(RuntimeError),
    ):
        import_contacts(alice, rows)

    assert len(calls) == 5  # two batches of two were written before the failure
    assert not Contact.objects.exists()
    assert not Employer.objects.exists()


@pytest.mark.parametrize("count", [10, 1000])
def test_classifying_makes_three_queries_whatever_the_size(
    count, alice, django_assert_max_num_queries
):
    employer = EmployerFactory(owner=alice, name="Employer 1")
    for n in range(5):
        ContactFactory(
            owner=alice,
            employer=employer,  # no other employer: the factory's names could meet this one
            first_name="Person",
            last_name=str(n),
            email=f"p{n}@x.example",
        )
    rows = parse_text(
        export_file(
            *(f"Person,{n},p{n}@x.example,Employer {n % 7},,,Person 0" for n in range(count))
        )
    ).rows
    # The seeker's contacts, their employers, and the file's employer names as compared.
    with django_assert_max_num_queries(3):
        preview = classify(alice, rows)
    assert preview.counts == {NEW: count - 5, DUPLICATE: 5, INVALID: 0}


def test_the_insert_writes_every_column_a_contact_needs():
    """The write skips the ORM's per-value preparation: a new column must be added to it."""
    written = {*csv_import.INSERTED, *csv_import.TIMESTAMPS, "id", "referred_by"}
    written.add("referral_dismissed_at")  # empty (NULL) for a new contact: never set aside
    # A new contact has no history: its stored state is the database's defaults (identified).
    columns = {f.name for f in Contact._meta.concrete_fields if not f.generated}  # the database's
    assert written | set(STORED) | set(DATES) == columns


def test_an_imported_contact_starts_identified(alice):
    [pk] = csv_import.insert_contacts(
        [(alice.pk, "Ada", "Lovelace", "", "", None, "", "", "general", "UTC", "", "", "")]
    )
    contact = Contact.objects.with_status().get(pk=pk)
    assert contact.status == Status.IDENTIFIED
    assert (contact.follow_ups, contact.nurtured) == (0, False)
    assert stored_state([pk]) == derived_state([pk])


def test_an_imported_contact_is_one_the_contact_form_would_save(alice):
    rows = parse_text(
        export_file(
            "Ana,Bell,ana@x.example,Lumen Labs,director,design,",
            "Bo,Chen,,Lumen Labs,,,Ana Bell",
            header="first_name,last_name,email,employer,level,function,referred_by",
        )
    ).rows
    import_contacts(alice, rows)
    ana, bo = Contact.objects.order_by("first_name")
    for contact in (ana, bo):
        contact.full_clean()
        assert contact.owner == alice
        assert contact.created_at == contact.updated_at
        assert contact.created_at is not None
    assert (ana.employer.name, ana.level, ana.function) == ("Lumen Labs", "director", "design")
    assert bo.employer == ana.employer
    assert bo.referred_by == ana
    assert ana.get_absolute_url() == f"/contacts/{ana.pk}/"


@pytest.mark.parametrize("count", [10, 400])
def test_writing_takes_a_statement_per_batch_not_per_row(
    count, alice, django_assert_max_num_queries
):
    rows = parse_text(
        export_file(*(f"Person,{n},,Employer {n % 50},,,Person {n - 1}" for n in range(count)))
    ).rows
    # classify 3, employers 1 + read back 1, contacts ⌈count / 66⌉ on SQLite, introductions.
    with django_assert_max_num_queries(5 + count // 66 + 1 + count // 500 + 2 + 2):
        result = import_contacts(alice, rows)
    assert result.created == count
    assert Contact.objects.filter(owner=alice, referred_by__isnull=False).count() == count - 1


def test_one_linkedin_profile_written_many_ways_is_one_key():
    ways = [
        "https://www.linkedin.com/in/Ana-Bell/",
        "http://ca.linkedin.com/in/ana-bell?trk=x",
        "linkedin.com/in/ana-bell#top",
        " HTTPS://LINKEDIN.COM/in/ana-bell ",
    ]
    assert {csv_import._linkedin_key(url) for url in ways} == {"linkedin.com/in/ana-bell"}
    # Only before linkedin.com is a "www." or a country taken off.
    assert csv_import._linkedin_key("https://www.example.com/ana") == "www.example.com/ana"
