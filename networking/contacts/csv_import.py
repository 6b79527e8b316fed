"""Contacts from CSV (SPEC §6): read, preview (new, duplicate, invalid), write all or nothing.

Two formats: Schmooze's own export and a LinkedIn "Connections.csv" (which may start
with a few lines of notes before its header). ``read_upload`` turns an upload into
plain rows or refuses it with a clear message; ``classify`` tells, without writing,
what each row would become; ``import_contacts`` writes the new ones in one transaction.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from functools import cache

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction

from core.ladder import Level
from networking.contacts.csv_export import COLUMNS, FORMULA_TRIGGERS
from networking.contacts.models import Contact
from networking.employers.models import Employer

MAX_BYTES = 5 * 1024 * 1024
HEADER_SEARCH_ROWS = 20  # LinkedIn puts a few lines of notes above its header
BATCH_SIZE = 500
FIELDS = [
    "first_name",
    "last_name",
    "email",
    "phone",
    "employer",
    "title",
    "level",
    "function",
    "referred_by",
    "linkedin_url",
    "notes",
]
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
# Derived from outreach and meetings, never typed: read back as nothing.
DERIVED_COLUMNS = {"status", "last_contacted", "next_action_due"}
MAX_LENGTHS = {
    "first_name": 80,
    "last_name": 80,
    "email": 254,
    "phone": 40,
    "employer": 150,
    "title": 150,
    "linkedin_url": 200,
}
NEW, DUPLICATE, INVALID = "new", "duplicate", "invalid"
validate_url = URLValidator()

TOO_LARGE = "The file is larger than 5 MB. Split it into smaller files and import them one by one."
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
                    row[name] = _unneutralise(cells[index].strip())
            values, reasons = clean_row(_from_linkedin(row) if fmt == LINKEDIN else row)
            rows.append({"line": start, "values": values, "reasons": reasons})
    except csv.Error as error:
        raise CsvRejected(NOT_CSV) from error
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
    if value.startswith("'") and value[1:].startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


def _from_linkedin(row: dict) -> dict:
    connected_on = row.pop("connected_on", "")
    if connected_on:
        row["notes"] = f"Connected on LinkedIn on {connected_on}."
    return row


@dataclass
class RowResult:
    line: int
    values: dict
    outcome: str = NEW
    reasons: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    employer_is_new: bool = False
    referrer: object = None  # an existing Contact's pk (int) or another RowResult

    @property
    def full_name(self) -> str:
        return f"{self.values.get('first_name', '')} {self.values.get('last_name', '')}".strip()


@dataclass
class Preview:
    rows: list[RowResult]
    new_employers: list[str]

    def of(self, outcome):
        return [row for row in self.rows if row.outcome == outcome]

    @property
    def counts(self) -> dict:
        counts = {NEW: 0, DUPLICATE: 0, INVALID: 0}
        for row in self.rows:
            counts[row.outcome] += 1
        return counts


def _fold(value: str) -> str:
    return " ".join(value.split()).casefold()


def _linkedin_key(url: str) -> str:
    url = re.sub(r"^https?://", "", url.strip().casefold())
    url = re.sub(r"^(www\.|[a-z]{2}\.)(?=linkedin\.com)", "", url)
    return url.split("?")[0].split("#")[0].rstrip("/")


@cache
def _choices(enum) -> dict[str, str]:
    """Codes and labels, folded, to the code: "Vice president" and "vp" both read as ``vp``."""
    return {_fold(str(name)): code for code, name in enum.choices} | {c: c for c in enum.values}


def _choice(value: str, enum, label: str, default: str = "") -> tuple[str, str | None]:
    if not value:
        return default, None
    if code := _choices(enum).get(_fold(value)):
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
            validate_url(values["linkedin_url"])
        except ValidationError:
            reasons.append(f"“{row.get('linkedin_url')}” is not a web address.")
    values["level"], problem = _choice(values["level"], Level, "Level")
    reasons += [problem] if problem else []
    values["function"], problem = _choice(
        values["function"], Contact.Function, "Function", Contact.Function.GENERAL.value
    )
    reasons += [problem] if problem else []
    return values, reasons


class _Seen:
    """Who is already there, by the three duplicate keys of SPEC §6, and under what name."""

    def __init__(self):
        self.email, self.linkedin, self.name_at = {}, {}, {}

    @staticmethod
    def keys(first, last, email, linkedin_url, employer):
        return (
            ("email", _fold(email)) if email else None,
            ("linkedin", _linkedin_key(linkedin_url)) if linkedin_url else None,
            ("name_at", (_fold(first), _fold(last), _fold(employer or ""))),
        )

    def add(self, keys, who):
        for key in keys:
            if key:
                getattr(self, key[0]).setdefault(key[1], who)

    def match(self, keys):
        for key in keys:
            if key and key[1] in getattr(self, key[0]):
                return key[0], getattr(self, key[0])[key[1]]
        return None


SAME = {"email": "same email", "linkedin": "same LinkedIn URL", "name_at": "same name and employer"}


def classify(user, parsed_rows: list[dict]) -> Preview:
    """What each row would become, for ``user``, without writing (SPEC §6).

    Invalid: a value the contact form would refuse. Duplicate: same email, same LinkedIn
    URL, or same name at the same employer as one of the seeker's contacts or an earlier
    row of the file. Employers are the seeker's own, matched by name case-insensitively.
    Two queries, whatever the size of the file.
    """
    existing = list(
        Contact.objects.owned_by(user).values_list(
            "pk", "first_name", "last_name", "email", "linkedin_url", "employer__name"
        )
    )
    employers = {
        _fold(name): name for name in Employer.objects.owned_by(user).values_list("name", flat=True)
    }
    in_db, in_file = _Seen(), _Seen()
    names = {}  # folded full name → existing pks and new rows, for "introduced by"
    for pk, first, last, email, linkedin_url, employer in existing:
        full_name = f"{first} {last}".strip()
        in_db.add(_Seen.keys(first, last, email, linkedin_url, employer), full_name)
        names.setdefault(_fold(full_name), []).append(pk)
    results, new_employers = [], {}
    for row in parsed_rows:
        result = RowResult(row["line"], dict(row["values"]), reasons=list(row["reasons"]))
        results.append(result)
        if result.reasons:
            result.outcome = INVALID
            continue
        v = result.values
        keys = _Seen.keys(
            v["first_name"], v["last_name"], v["email"], v["linkedin_url"], v["employer"]
        )
        if match := in_db.match(keys):
            result.outcome = DUPLICATE
            result.reasons.append(f"Already in your contacts: {match[1]} ({SAME[match[0]]}).")
        elif match := in_file.match(keys):
            result.outcome = DUPLICATE
            result.reasons.append(
                f"Same person as line {match[1]} of this file ({SAME[match[0]]})."
            )
        in_file.add(keys, result.line)
        if result.outcome != NEW:
            continue
        if v["employer"]:
            folded = _fold(v["employer"])
            if folded in employers:
                v["employer"] = employers[folded]
            else:
                result.employer_is_new = True
                v["employer"] = new_employers.setdefault(folded, v["employer"])
        names.setdefault(_fold(result.full_name), []).append(result)
    for result in results:
        if result.outcome == NEW and result.values["referred_by"]:
            _resolve_referrer(result, names)
    return Preview(results, sorted(new_employers.values(), key=str.casefold))


def _resolve_referrer(result: RowResult, names: dict):
    """SPEC §1.9: "introduced by" is one of the seeker's contacts, found by full name."""
    name = result.values["referred_by"]
    candidates = [c for c in names.get(_fold(name), []) if c is not result]
    if not candidates:
        result.notes.append(f"Introduced by “{name}”: no contact by that name, left empty.")
    elif len(candidates) > 1:
        result.notes.append(
            f"Introduced by “{name}”: more than one contact has that name, left empty."
        )
    elif _would_loop(result, candidates[0]):
        result.notes.append(
            f"Introduced by “{name}” would make a loop of introductions, left empty."
        )
    else:
        result.referrer = candidates[0]


def _would_loop(result: RowResult, referrer) -> bool:
    """Only new rows can form a loop: an existing contact is never introduced by a new one."""
    while isinstance(referrer, RowResult):
        if referrer is result:
            return True
        referrer = referrer.referrer
    return False


@dataclass
class ImportResult:
    created: int
    employers_created: int
    duplicates: int
    invalid: int


@transaction.atomic
def import_contacts(user, parsed_rows: list[dict]) -> ImportResult:
    """Write the file's new rows for ``user``, all or nothing (SPEC §6).

    The rows are classified again inside the transaction, so a contact added since the
    preview is still caught as a duplicate. Missing employers are created first.
    """
    preview = classify(user, parsed_rows)
    new_rows = preview.of(NEW)
    created_employers = Employer.objects.bulk_create(
        [Employer(owner=user, name=name) for name in preview.new_employers], batch_size=BATCH_SIZE
    )
    employer_ids = {
        _fold(name): pk for pk, name in Employer.objects.owned_by(user).values_list("pk", "name")
    }
    contacts = {}
    for start in range(0, len(new_rows), BATCH_SIZE):
        chunk = new_rows[start : start + BATCH_SIZE]
        built = [_new_contact(user, result, employer_ids) for result in chunk]
        Contact.objects.bulk_create(built)
        contacts.update(zip((id(r) for r in chunk), built, strict=True))
    introduced = []
    for result in new_rows:
        if result.referrer is not None:
            contact = contacts[id(result)]
            referrer = result.referrer
            contact.referred_by_id = (
                contacts[id(referrer)].pk if isinstance(referrer, RowResult) else referrer
            )
            introduced.append(contact)
    Contact.objects.bulk_update(introduced, ["referred_by"], batch_size=BATCH_SIZE)
    counts = preview.counts
    return ImportResult(len(new_rows), len(created_employers), counts[DUPLICATE], counts[INVALID])


def _new_contact(user, result: RowResult, employer_ids: dict) -> Contact:
    values = result.values
    return Contact(
        owner=user,
        first_name=values["first_name"],
        last_name=values["last_name"],
        email=values["email"],
        phone=values["phone"],
        employer_id=employer_ids[_fold(values["employer"])] if values["employer"] else None,
        title=values["title"],
        level=values["level"],
        function=values["function"],
        timezone=user.timezone,
        linkedin_url=values["linkedin_url"],
        notes=values["notes"],
    )
