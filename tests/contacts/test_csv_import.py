"""Contacts CSV import (SPEC §6): the two formats, refusals, duplicates, employers, writing."""

from unittest import mock

import pytest

from networking.contacts import csv_import
from networking.contacts.csv_import import (
    DUPLICATE,
    INVALID,
    NEW,
    CsvRejected,
    classify,
    import_contacts,
    parse_text,
)
from networking.contacts.models import Contact
from networking.contacts.views_csv import pack, unpack
from networking.employers.models import Employer
from tests.contacts.factories import ContactFactory
from tests.employers.factories import EmployerFactory

pytestmark = pytest.mark.django_db

NOTES = (
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    'https://www.linkedin.com/psettings/privacy/email."'
)
LINKEDIN = "\n".join(
    [
        "Notes:",
        NOTES,
        "",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
        "Jordan,Lee,https://www.linkedin.com/in/jordan-lee,jordan@lumen.example,Lumen Labs,"
        "Design Manager,12 Mar 2024",
        'Priya,Raman,https://www.linkedin.com/in/priya-raman,,Northwind Health,"Director, '
        'Product Design",03 Jan 2023',
        "",
    ]
)


def export_file(*rows, header="first_name,last_name,email,employer,level,function,referred_by"):
    return "\n".join([header, *rows]) + "\n"


def outcomes(preview):
    return [(r.full_name, r.outcome) for r in preview.rows]


# Reading the two formats.


def test_it_reads_a_linkedin_file_with_notes_before_the_header():
    parsed = parse_text(LINKEDIN)
    assert parsed.format == "linkedin"
    assert parsed.rows[0] == {
        "line": 5,
        "values": {
            "first_name": "Jordan",
            "last_name": "Lee",
            "email": "jordan@lumen.example",
            "phone": "",
            "employer": "Lumen Labs",
            "title": "Design Manager",
            "level": "",
            "function": "general",
            "referred_by": "",
            "linkedin_url": "https://www.linkedin.com/in/jordan-lee",
            "notes": "Connected on LinkedIn on 12 Mar 2024.",
        },
        "reasons": [],
    }
    assert parsed.rows[1]["values"]["title"] == "Director, Product Design"


def test_it_reads_the_export_format_and_names_the_columns_it_ignores():
    header = "first_name,last_name,email,employer,level,function,referred_by,favourite_colour"
    parsed = parse_text(
        export_file("Priya,Raman,p@x.example,Northwind,director,design,", header=header)
    )
    assert parsed.format == "schmooze"
    assert len(parsed.rows) == 1
    assert parsed.rows[0]["line"] == 2
    values = parsed.rows[0]["values"]
    assert (values["first_name"], values["email"], values["employer"]) == (
        "Priya",
        "p@x.example",
        "Northwind",
    )
    assert (values["level"], values["function"], values["referred_by"]) == (
        "director",
        "design",
        "",
    )
    assert parsed.ignored_columns == ["favourite_colour"]


def test_it_undoes_the_exports_formula_guard():
    parsed = parse_text("first_name,phone,notes\nAna,'+1 416 555 0100,'=not a formula\n")
    assert parsed.rows[0]["values"]["phone"] == "+1 416 555 0100"
    assert parsed.rows[0]["values"]["notes"] == "=not a formula"
    assert parse_text("first_name\n'quoted\n").rows[0]["values"]["first_name"] == "'quoted"


def test_it_skips_blank_lines():
    parsed = parse_text('first_name,notes\n\nAna,"two\nlines"\n,,\nBo\n')
    assert [r["values"]["first_name"] for r in parsed.rows] == ["Ana", "Bo"]
    assert [r["line"] for r in parsed.rows] == [3, 6]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("name,company\nAna,Lumen\n", "No header we recognise"),
        ("\n" * 30 + "First Name,Last Name,URL\nAna,B,\n", "No header we recognise"),
        ("first_name,last_name\n", "no contacts"),
        ('first_name\n"unterminated\n', "does not look like a CSV"),
    ],
)
def test_it_refuses_what_it_cannot_read(text, message):
    with pytest.raises(CsvRejected, match=message):
        parse_text(text)


def test_the_session_copy_round_trips():
    parsed = parse_text(LINKEDIN)
    again = unpack(pack(parsed))
    assert (again.format, again.rows, again.ignored_columns) == (
        parsed.format,
        parsed.rows,
        parsed.ignored_columns,
    )


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


def test_a_failure_on_one_row_mid_write_writes_nothing(alice):
    rows = parse_text(
        export_file(*(f"Person,{n},,Employer {n % 2},,,Person 0" for n in range(6)))
    ).rows
    real = csv_import._new_contact
    calls = []

    def fail_on_the_fifth(*args):
        calls.append(1)
        if len(calls) == 5:
            raise RuntimeError("the database went away")
        return real(*args)

    with (
        mock.patch.object(csv_import, "BATCH_SIZE", 2),
        mock.patch.object(csv_import, "_new_contact", side_effect=fail_on_the_fifth),
        pytest.raises(RuntimeError),
    ):
        import_contacts(alice, rows)

    assert len(calls) == 5  # two batches were written before the failure
    assert not Contact.objects.exists()
    assert not Employer.objects.exists()


@pytest.mark.parametrize("count", [10, 1000])
def test_classifying_makes_two_queries_whatever_the_size(
    count, alice, django_assert_max_num_queries
):
    EmployerFactory(owner=alice, name="Employer 1")
    for n in range(5):
        ContactFactory(owner=alice, first_name="Person", last_name=str(n), email=f"p{n}@x.example")
    rows = parse_text(
        export_file(
            *(f"Person,{n},p{n}@x.example,Employer {n % 7},,,Person 0" for n in range(count))
        )
    ).rows
    with django_assert_max_num_queries(2):
        preview = classify(alice, rows)
    assert preview.counts == {NEW: count - 5, DUPLICATE: 5, INVALID: 0}
