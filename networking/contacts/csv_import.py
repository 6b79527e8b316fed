"""Contacts from CSV (SPEC §6): preview each row (new, duplicate, invalid), then write all
or nothing.

``csv_parse.read_upload`` has read and checked the file; ``classify`` tells, without
writing, what each row would become for the seeker; ``import_contacts`` writes the new
ones in one transaction.
"""

import re
from dataclasses import dataclass, field
from itertools import islice

from django.db import connection, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from core.countries import country_of_zone
from networking.contacts.csv_parse import fold
from networking.contacts.models import Contact
from networking.employers.models import Employer, name_keys, tidy_name

NEW, DUPLICATE, INVALID = "new", "duplicate", "invalid"
BATCH_SIZE = 500


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
    # Each employer name the rows now carry → its key as the unique index compares it.
    employer_keys: dict[str, str] = field(default_factory=dict)

    def of(self, outcome):
        return [row for row in self.rows if row.outcome == outcome]

    @property
    def counts(self) -> dict:
        counts = {NEW: 0, DUPLICATE: 0, INVALID: 0}
        for row in self.rows:
            counts[row.outcome] += 1
        return counts


# The scheme, and a "www." or country prefix before linkedin.com: one address, written many ways.
LINKEDIN_PREFIX = re.compile(r"^(?:https?://)?(?:(?:www\.|[a-z]{2}\.)(?=linkedin\.com))?")


def _linkedin_key(url: str) -> str:
    url = LINKEDIN_PREFIX.sub("", url.strip().casefold(), count=1)
    return url.split("?")[0].split("#")[0].rstrip("/")


class _Seen:
    """Who is already there, by the three duplicate keys of SPEC §6, and under what name."""

    def __init__(self):
        self.email, self.linkedin, self.name_at = {}, {}, {}

    @staticmethod
    def keys(first, last, email, linkedin_url, employer_key):
        """``employer_key``: the employer's name as the unique index compares it (or empty)."""
        return (
            ("email", fold(email)) if email else None,
            ("linkedin", _linkedin_key(linkedin_url)) if linkedin_url else None,
            ("name_at", (fold(first), fold(last), employer_key or "")),
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
    row of the file. Employers are the seeker's own, matched by name as ``employer_named``
    matches a typed one: spaces collapsed, then compared as the database's unique name per
    seeker compares them (``name_keys``), so what the preview calls one employer the import
    writes as one, and the database agrees. Three queries, whatever the size of the file.
    """
    existing = list(
        Contact.objects.owned_by(user)
        .annotate(employer_key=Lower("employer__name"))
        .values_list("pk", "first_name", "last_name", "email", "linkedin_url", "employer_key")
    )
    employers = dict(
        Employer.objects.owned_by(user).with_name_key().values_list("name_key", "name")
    )
    typed = name_keys(row["values"].get("employer") or "" for row in parsed_rows)
    keys_of = {name: key for key, name in employers.items()}
    in_db, in_file = _Seen(), _Seen()
    names = {}  # folded full name → existing pks and new rows, for "introduced by"
    for pk, first, last, email, linkedin_url, employer in existing:
        full_name = f"{first} {last}".strip()
        in_db.add(_Seen.keys(first, last, email, linkedin_url, employer), full_name)
        names.setdefault(fold(full_name), []).append(pk)
    results, new_employers = [], {}
    for row in parsed_rows:
        result = RowResult(row["line"], dict(row["values"]), reasons=list(row["reasons"]))
        results.append(result)
        if result.reasons:
            result.outcome = INVALID
            continue
        v = result.values
        v["employer"] = tidy_name(v["employer"])
        employer_key = typed.get(v["employer"], "")
        keys = _Seen.keys(
            v["first_name"], v["last_name"], v["email"], v["linkedin_url"], employer_key
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
            if employer_key in employers:
                v["employer"] = employers[employer_key]
            else:
                result.employer_is_new = True
                v["employer"] = new_employers.setdefault(employer_key, v["employer"])
                keys_of[v["employer"]] = employer_key
        names.setdefault(fold(result.full_name), []).append(result)
    for result in results:
        if result.outcome == NEW and result.values["referred_by"]:
            _resolve_referrer(result, names)
    return Preview(results, sorted(new_employers.values(), key=str.casefold), keys_of)


def _resolve_referrer(result: RowResult, names: dict):
    """SPEC §1.9: "introduced by" is one of the seeker's contacts, found by full name."""
    name = result.values["referred_by"]
    candidates = [c for c in names.get(fold(name), []) if c is not result]
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
    preview is still caught as a duplicate. Missing employers are created first, in one
    go; then the contacts, a few hundred per statement; then who introduced whom.
    """
    preview = classify(user, parsed_rows)
    new_rows = preview.of(NEW)
    created_employers = Employer.objects.bulk_create(
        [Employer(owner=user, name=name) for name in preview.new_employers], batch_size=BATCH_SIZE
    )
    employer_ids = dict(
        Employer.objects.owned_by(user).with_name_key().values_list("name_key", "pk")
    )
    employer_ids = {name: employer_ids[key] for name, key in preview.employer_keys.items()}
    pks = insert_contacts(_contact_row(user, result, employer_ids) for result in new_rows)
    created = {id(result): pk for result, pk in zip(new_rows, pks, strict=True)}
    introduced = [
        Contact(
            pk=created[id(result)],
            referred_by_id=(
                created[id(result.referrer)]
                if isinstance(result.referrer, RowResult)
                else result.referrer
            ),
        )
        for result in new_rows
        if result.referrer is not None
    ]
    Contact.objects.bulk_update(introduced, ["referred_by"], batch_size=BATCH_SIZE)
    counts = preview.counts
    return ImportResult(len(new_rows), len(created_employers), counts[DUPLICATE], counts[INVALID])


# The columns of a row given to ``insert_contacts``, in order. It adds the timestamps;
# ``referred_by`` is set after, once every new contact has an id.
INSERTED = [
    "owner",
    "first_name",
    "last_name",
    "email",
    "phone",
    "employer",
    "title",
    "level",
    "function",
    "timezone",
    "country",
    "linkedin_url",
    "notes",
]
TIMESTAMPS = ["created_at", "updated_at"]


def _contact_row(user, result: RowResult, employer_ids: dict) -> tuple:
    values = result.values
    return (
        user.pk,
        values["first_name"],
        values["last_name"],
        values["email"],
        values["phone"],
        employer_ids[values["employer"]] if values["employer"] else None,
        values["title"],
        values["level"],
        values["function"],
        user.timezone,
        country_of_zone(user.timezone),  # SPEC §6a: a contact's country follows its zone
        values["linkedin_url"],
        values["notes"],
    )


def insert_contacts(rows) -> list[int]:
    """Insert contact rows (tuples in ``INSERTED`` order), created now; their ids, in order.

    On PostgreSQL the ids are taken from the table's sequence first, then the rows go in
    with one ``COPY … FROM STDIN``. Elsewhere, one ``INSERT … RETURNING id`` per batch
    (both supported databases return the new ids: PostgreSQL; SQLite 3.35 and later).
    ``bulk_create`` would build a model and prepare every value through its field, which is
    most of the time of a large import (a 5 MB LinkedIn file: ~8 s of ~10 s on SQLite); these
    values were checked against the fields when the file was read (``csv_parse.clean_row``)
    and go in as they are. A long ``INSERT`` costs on PostgreSQL too: psycopg parses every
    placeholder of each batch's statement again (7,000 of them), about as long as the insert.
    """
    fields = [Contact._meta.get_field(name) for name in INSERTED + TIMESTAMPS]
    now = fields[-1].get_db_prep_save(timezone.now(), connection)
    if connection.vendor == "postgresql":
        return _copy_contacts(list(rows), fields, now)
    quote = connection.ops.quote_name
    batch_size = min(BATCH_SIZE, connection.ops.bulk_batch_size(fields, [None] * BATCH_SIZE))
    placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
    sql = (
        f"INSERT INTO {quote(Contact._meta.db_table)} "
        f"({', '.join(quote(f.column) for f in fields)}) VALUES {{values}} "
        f"RETURNING {quote(Contact._meta.pk.column)}"
    )
    pks = []
    rows = iter(rows)
    with connection.cursor() as cursor:
        while batch := list(islice(rows, batch_size)):
            params = [value for row in batch for value in (*row, now, now)]
            cursor.execute(sql.format(values=", ".join([placeholders] * len(batch))), params)
            pks += [pk for (pk,) in cursor.fetchall()]
    return pks


def _copy_contacts(rows: list[tuple], fields, now) -> list[int]:
    if not rows:
        return []
    quote = connection.ops.quote_name
    table, pk = Contact._meta.db_table, Contact._meta.pk.column
    columns = ", ".join(quote(column) for column in [pk, *(f.column for f in fields)])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, pk, len(rows)],
        )
        pks = sorted(pk for (pk,) in cursor.fetchall())
        copy_sql = f"COPY {quote(table)} ({columns}) FROM STDIN"
        # psycopg's own cursor: its errors become Django's (IntegrityError…) as a query's do.
        with connection.wrap_database_errors, cursor.cursor.copy(copy_sql) as copy:
            for new_pk, row in zip(pks, rows, strict=True):
                copy.write_row((new_pk, *row, now, now))
    return pks
