"""Reading a contacts CSV upload (SPEC §6): refuse what cannot be read, check every row.

Two formats: Schmooze's own export and a LinkedIn "Connections.csv" (which may start
with a few lines of notes before its header). ``read_upload`` turns an upload into a
``ParsedFile`` of plain rows, each with its cleaned values and what is wrong with them,
or refuses the whole file with a ``CsvRejected`` that tells the seeker why. Nothing
here reads or writes the database: ``csv_import`` classifies and writes the rows.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from functools import cache

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email

from core.ladder import Level
from networking.contacts.csv_export import COLUMNS, DERIVED_COLUMNS, starts_like_a_formula
from networking.contacts.models import Contact

MAX_BYTES = 5 * 1024 * 1024
HEADER_SEARCH_ROWS = 20  # LinkedIn puts a few lines of notes above its header
# LinkedIn allows at most 30,000 connections. The cap keeps a 5 MB file of tiny rows
# (two million of them) from holding a server's memory for one preview.
MAX_ROWS = 50_000
# The export's columns a seeker types; the derived ones are read back as nothing.
FIELDS = [name for name in COLUMNS if name not in DERIVED_COLUMNS]
LINKEDIN = "linkedin"
SCHMOOZE = "schmooze"
FORMAT_NAMES = {LINKEDIN: "LinkedIn connections", SCHMOOZE: "Schmooze export"}
LINKEDIN_COLUMNS = {
    "first name": "first_name",
    "last name": "last_name",
    "url": "linkedin_url",
    "email address": "email",
    "company": "employer",
    "position": "title",
    "connected on": "connected_on",
}
MAX_LENGTHS = {
    "first_name": 80,
    "last_name": 80,
    "email": 254,
    "phone": 40,
    "employer": 150,
    "title": 150,
    "linkedin_url": 200,
}
validate_url = URLValidator()
# A plain web address (http or https, a host of ASCII labels, a path of the characters every
# profile address uses): ``URLValidator`` takes every one of these, and they are nearly all a
# LinkedIn export holds, so they skip its slower checks (a third of reading a big file).
PLAIN_URL = re.compile(
    r"https?://(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,3}[a-z]{2,24}(?:/[\w.~%/-]*)?",
    re.ASCII | re.IGNORECASE,
)


def check_url(url: str) -> None:
    """``URLValidator``, with a short cut for plain web addresses (``PLAIN_URL``)."""
    if len(url) <= 200 and PLAIN_URL.fullmatch(url):
        return
    validate_url(url)


MAX_SIZE = f"{MAX_BYTES // (1024 * 1024)} MB"  # how pages say MAX_BYTES
TOO_LARGE = (
    f"The file is larger than {MAX_SIZE}. Split it into smaller files and import them one by one."
)
NOT_CSV = (
    "This does not look like a CSV file. Export your contacts as CSV (comma-separated values) "
    "and upload that file."
)
NOT_UTF8 = (
    "The file is not UTF-8 text. Save it as “CSV UTF-8” (Excel: File → Save As → "
    "CSV UTF-8) and upload it again."
)
NO_HEADER = (
    "No header we recognise. The first row must name the columns: either Schmooze’s own "
    "(first_name, last_name, email, …) or LinkedIn’s (First Name, Last Name, URL, Email Address, "
    "Company, Position, Connected On)."
)
NO_ROWS = "The file has a header but no contacts under it."
TOO_MANY_ROWS = (
    f"The file has more than {MAX_ROWS:,} rows. Split it into smaller files and import them "
    "one by one."
)
CELL_TOO_LONG = (
    f"A cell of the file is over {csv.field_size_limit():,} characters long: often a quote "
    "that is never closed. Correct it and upload the file again."
)


class CsvRejected(ValueError):
    """The upload cannot be read at all; nothing was changed. ``str()`` tells the seeker why."""


@dataclass
class ParsedFile:
    format: str
    # Each row: its "line" in the file, its cleaned "values" and the "reasons" it is invalid.
    rows: list[dict]
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def format_name(self) -> str:
        return FORMAT_NAMES[self.format]


def read_upload(upload) -> ParsedFile:
    """SPEC §6: refuse a file over 5 MB, not UTF-8 (a BOM is fine), not CSV or without a header."""
    if upload.size > MAX_BYTES:
        raise CsvRejected(TOO_LARGE)
    raw = upload.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise CsvRejected(TOO_LARGE)
    if b"\x00" in raw:
        raise CsvRejected(NOT_CSV)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CsvRejected(NOT_UTF8) from error
    return parse_text(text)


def parse_text(text: str) -> ParsedFile:
    """Find the header (after any notes), recognise the format, and read the rows under it."""
    if not text.strip():
        raise CsvRejected("The file is empty.")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        found = _find_header(reader)
        if found is None:
            raise CsvRejected(NO_HEADER)
        fmt, mapping, ignored = found
        rows, line = [], reader.line_num + 1
        for cells in reader:
            # A quoted cell may span lines: a row is numbered by the line it starts on.
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            row = {}
            for index, name in mapping.items():
                if index < len(cells):
                    cell = cells[index].strip()
                    row[name] = _unneutralise(cell) if cell[:1] == "'" else cell
            values, reasons = clean_row(_from_linkedin(row) if fmt == LINKEDIN else row)
            rows.append({"line": start, "values": values, "reasons": reasons})
            if len(rows) > MAX_ROWS:
                raise CsvRejected(TOO_MANY_ROWS)
    except csv.Error as error:
        too_long = "field larger than field limit" in str(error)
        raise CsvRejected(CELL_TOO_LONG if too_long else NOT_CSV) from error
    if not rows:
        raise CsvRejected(NO_ROWS)
    return ParsedFile(fmt, rows, ignored)


def _find_header(reader):
    for cells in reader:
        names = [cell.strip().lstrip("\ufeff").casefold() for cell in cells]
        if {"first name", "last name", "url"} <= set(names):
            mapping = {i: LINKEDIN_COLUMNS[n] for i, n in enumerate(names) if n in LINKEDIN_COLUMNS}
            ignored = [c for c, n in zip(cells, names, strict=True) if n not in LINKEDIN_COLUMNS]
            return LINKEDIN, mapping, [c for c in ignored if c.strip()]
        if "first_name" in names:
            mapping = {i: n for i, n in enumerate(names) if n in FIELDS}
            ignored = [
                c for c, n in zip(cells, names, strict=True) if n not in COLUMNS and c.strip()
            ]
            return SCHMOOZE, mapping, ignored
        if reader.line_num >= HEADER_SEARCH_ROWS:
            return None
    return None


def _unneutralise(value: str) -> str:
    """Undo the export's guard against formulas (``'+1 416…`` is the phone ``+1 416…``)."""
    if value.startswith("'") and starts_like_a_formula(value[1:]):
        return value[1:]
    return value


def _from_linkedin(row: dict) -> dict:
    connected_on = row.pop("connected_on", "")
    if connected_on:
        row["notes"] = f"Connected on LinkedIn on {connected_on}."
    return row


def fold(value: str) -> str:
    """Text as compared: spaces collapsed, case folded ("Lumen  labs" is "lumen labs")."""
    return " ".join(value.split()).casefold()


@cache
def _choices(enum) -> dict[str, str]:
    """Codes and labels, folded, to the code: "Vice president" and "vp" both read as ``vp``."""
    return {fold(str(name)): code for code, name in enum.choices} | {c: c for c in enum.values}


def _choice(value: str, enum, label: str, default: str = "") -> tuple[str, str | None]:
    if not value:
        return default, None
    if code := _choices(enum).get(fold(value)):
        return code, None
    codes = ", ".join(enum.values)
    return "", f"{label} “{value}” is not one we know (use one of: {codes})."


def clean_row(row: dict) -> tuple[dict, list[str]]:
    """The row's values as the contact form would take them, and what is wrong with them."""
    values = {name: (row.get(name) or "").strip() for name in FIELDS}
    reasons = []
    if not values["first_name"]:
        reasons.append("No first name.")
    if values["linkedin_url"] and "://" not in values["linkedin_url"]:
        values["linkedin_url"] = f"https://{values['linkedin_url']}"
    for name, limit in MAX_LENGTHS.items():
        if len(values[name]) > limit:
            reasons.append(f"{name.replace('_', ' ').capitalize()} is over {limit} characters.")
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            reasons.append(f"“{values['email']}” is not an email address.")
    if values["linkedin_url"]:
        try:
            check_url(values["linkedin_url"])
        except ValidationError:
            reasons.append(f"“{row.get('linkedin_url')}” is not a web address.")
    values["level"], problem = _choice(values["level"], Level, "Level")
    reasons += [problem] if problem else []
    values["function"], problem = _choice(
        values["function"], Contact.Function, "Function", Contact.Function.GENERAL.value
    )
    reasons += [problem] if problem else []
    return values, reasons
