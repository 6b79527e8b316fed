"""Reading a contacts CSV (SPEC §6): the two formats, and the files refused outright."""

from unittest import mock

import pytest

from networking.contacts import csv_export, csv_parse
from networking.contacts.csv_parse import CsvRejected, parse_text
from networking.contacts.pending_imports import pack, unpack

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


def test_it_reads_a_whole_export_back_but_not_its_derived_columns():
    parsed = parse_text(
        export_file(
            "Ann,Lee,ann@x.example,,Lumen,Designer,staff,design,met,,"
            "2026-12-01 10:00,2026-12-02,https://www.linkedin.com/in/ann,Met at a talk",
            header=",".join(csv_export.COLUMNS),
        )
    )
    assert parsed.format == "schmooze"
    assert parsed.ignored_columns == []
    values = parsed.rows[0]["values"]
    assert set(values) == set(csv_export.COLUMNS) - {"status", "last_contacted", "next_action_due"}
    assert (values["employer"], values["notes"]) == ("Lumen", "Met at a talk")


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


def test_the_copy_kept_for_the_preview_round_trips():
    parsed = parse_text(LINKEDIN)
    again = unpack(pack(parsed))
    assert (again.format, again.rows, again.ignored_columns) == (
        parsed.format,
        parsed.rows,
        parsed.ignored_columns,
    )


def test_a_file_of_more_rows_than_any_linkedin_export_is_refused():
    assert "more than 50,000 rows" in csv_parse.TOO_MANY_ROWS
    with mock.patch.object(csv_parse, "MAX_ROWS", 3):
        assert len(parse_text("first_name\n" + "a\n" * 3).rows) == 3
        with pytest.raises(CsvRejected) as refused:
            parse_text("first_name\n" + "a\n" * 4)
    assert str(refused.value) == csv_parse.TOO_MANY_ROWS


def test_a_quote_left_open_over_a_huge_cell_gets_its_own_message():
    text = 'first_name,notes\nAna,"' + "x" * 200_000 + "\nBo,hello\n"
    with pytest.raises(CsvRejected, match="often a quote that is never closed"):
        parse_text(text)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/jordan-lee",
        "http://ca.linkedin.com/in/priya_raman/",
        "https://linkedin.com/in/%C3%A9lodie-94a1b2",
        "https://lumen.example",
    ],
)
def test_a_plain_web_address_takes_the_short_cut_and_the_full_check_agrees(url):
    assert csv_parse.PLAIN_URL.fullmatch(url)
    csv_parse.validate_url(url)  # raises if the short cut ever let through what it refuses
    csv_parse.check_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://-lumen.example/in/x",
        "https://lumen-.example",
        "https://lumen",
        "https://www.linkedin.com/in/jordan lee",
        "https://lumen..example/x",
        "https://" + "a" * 64 + ".example",
    ],
)
def test_what_the_short_cut_does_not_take_gets_the_full_check(url):
    assert not csv_parse.PLAIN_URL.fullmatch(url)
    with pytest.raises(csv_parse.ValidationError):
        csv_parse.check_url(url)
