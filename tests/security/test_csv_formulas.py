"""The contacts export is safe to open in a spreadsheet (SPEC §6): a cell that begins with a
formula sign is neutralised, even when invisible characters stand in front of the sign."""

import csv
import io

import pytest

from networking.contacts.csv_export import neutralise
from networking.contacts.csv_parse import parse_text
from tests.contacts.factories import ContactFactory

HIDDEN_FORMULAS = [
    '\ufeff=HYPERLINK("http://evil.example","x")',  # byte-order mark
    "\u200b+1 416 555 0100",  # zero-width space
    "\u200c\u200d@SUM(A1:A9)",  # zero-width non-joiner and joiner
    "\u2060-2+3",  # word joiner
    "\u200e=1+1",  # left-to-right mark
    "\u00ad=1+1",  # soft hyphen
    " =1+1",  # a space
    "\u00a0\u3000=1+1",  # no-break and ideographic spaces
    "\u200b\tx",  # a tab behind a zero-width space
    " \r=1",  # a carriage return behind a space
    "\x00=1",  # a control character
]


@pytest.mark.parametrize("dangerous", HIDDEN_FORMULAS)
def test_a_formula_behind_invisible_characters_is_neutralised(dangerous):
    assert neutralise(dangerous) == "'" + dangerous


@pytest.mark.parametrize(
    "harmless", ["Priya", "\u200bPriya", " Priya", "\ufeffa=b", "'=already", "", "\u200b"]
)
def test_text_that_starts_with_anything_visible_is_left_alone(harmless):
    assert neutralise(harmless) == harmless


@pytest.mark.django_db
def test_the_export_neutralises_them_and_the_import_reads_them_back(alice, alice_client):
    dangerous = ["\ufeff=HYPERLINK(1)", "\u200b+1 416", "\u2060@SUM(A1)"]
    for n, value in enumerate(dangerous):
        ContactFactory(owner=alice, first_name=f"P{n}", last_name="Lee", title=value, notes=value)
    response = alice_client.get("/contacts/export.csv")
    body = b"".join(response.streaming_content).decode("utf-8")
    rows = {row["first_name"]: row for row in csv.DictReader(io.StringIO(body, newline=""))}
    for n, value in enumerate(dangerous):
        assert rows[f"P{n}"]["title"] == rows[f"P{n}"]["notes"] == "'" + value

    read_back = {row["values"]["first_name"]: row["values"] for row in parse_text(body).rows}
    for n, value in enumerate(dangerous):
        assert read_back[f"P{n}"]["notes"] == value
