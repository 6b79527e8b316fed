"""Contacts as CSV (SPEC §6): one query, streamed, safe to open in a spreadsheet.

``export_rows(queryset)`` yields the header and one list of cells per contact; the
seeker's export view and the coach's admin action both stream it through
``streaming_response``.
"""

import csv
import io
import json
import re
import unicodedata
from collections import namedtuple
from datetime import datetime
from itertools import islice
from types import SimpleNamespace
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.db import connections
from django.db.models import Case, DateTimeField, F, Q, TextField, Value, When
from django.db.models.functions import JSONArray, NullIf
from django.http import StreamingHttpResponse
from django.utils import timezone

from core.date_window import readable
from core.downloads import csv_download, csv_pieces
from networking.contacts import cadence
from networking.contacts.models import FROM_ABOVE, Status
from networking.contacts.state import settle_meeting_dates

# SPEC §6: the columns of the export, in order. The import reads the same header
# (``csv_parse``) and the import page lists it: this is the one list of them.
COLUMNS = [
    "first_name",
    "last_name",
    "email",
    "phone",
    "employer",
    "title",
    "level",
    "function",
    "status",
    "referred_by",
    "last_contacted",
    "next_action_due",
    "linkedin_url",
    "notes",
]
# Derived from outreach and meetings on export, never typed: an import ignores them.
DERIVED_COLUMNS = frozenset({"status", "last_contacted", "next_action_due"})

# A spreadsheet reads a cell starting with one of these as a formula (or as the start of one).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 1000


def starts_like_a_formula(value: str) -> bool:
    """True when a spreadsheet may read ``value`` as a formula: it begins with ``= + - @``, tab
    or CR, perhaps behind characters nobody sees, which a spreadsheet may skip before looking
    (spaces, a byte-order mark, a zero-width space, other format and control characters)."""
    for char in value:
        if char in FORMULA_TRIGGERS:
            return True
        if not _invisible(char):
            return False
    return False


def _invisible(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in ("Cf", "Cc")


def neutralise(value: str) -> str:
    """SPEC §6: a cell that begins with ``= + - @``, tab or CR, even behind invisible
    characters, gets a leading ``'``."""
    # Most cells begin with a letter or a digit: neither a trigger nor invisible.
    if not value or value[0].isalnum():
        return value
    if starts_like_a_formula(value):
        return "'" + value
    return value


# What the export reads of each contact: plain values, no model built. The hot loop reads
# them by position (``_rows``); ``cadence`` reads the few contacts with a next action by name.
FIELDS = (
    "pk",
    "first_name",
    "last_name",
    "email",
    "phone",
    "employer__name",
    "title",
    "level",
    "function",
    "status",
    "referred_by__first_name",
    "referred_by__last_name",
    "last_contacted_at",
    "linkedin_url",
    "notes",
    "timezone",
    "owner__timezone",
    "country",
    "owner__country",
    # What ``cadence.next_action`` reads (``with_status``).
    "last_request_at",
    "follow_ups",
    "cycle_reply",
    "cycle_replied_at",
    "last_cycle_attempt_at",
    "next_meeting_at",
    "last_met_at",
    "meeting_dates_exact",
)
_Row = namedtuple("_Row", [name.replace("__", "_") for name in FIELDS])
IDENTIFIED = Status.IDENTIFIED.value
# A cell that starts with anything but a letter, a digit or "_": only those may need
# ``neutralise`` (a formula sign, or an invisible character that may hide one).
_SEPARATOR = "\x1f"
_MAYBE_A_FORMULA = re.compile(r"(?:^|\x1f)[^\w\x1f]")


def prepare(queryset):
    """The one query the export reads: status annotated, employer, referrer and owner joined,
    as plain tuples of ``FIELDS``."""
    if "status" not in queryset.query.annotations:
        queryset = queryset.with_status()
    return queryset.values_list(*FIELDS)


def export_rows(queryset):
    """Yield the header, then one row of cells per contact, without a query per row.

    ``next_action_due`` is the date of the next action as the contact list shows it
    (``cadence.next_action``, computed from the annotated columns); ``last_contacted``
    is read in the seeker's time zone. The rows come as plain values from a server-side
    cursor, ``CHUNK_SIZE`` at a time: memory stays flat, however many contacts.
    """
    yield list(COLUMNS)
    zones = _Zones()
    values = prepare(queryset).iterator(chunk_size=CHUNK_SIZE)
    while chunk := list(islice(values, CHUNK_SIZE)):
        yield from _rows(chunk, zones)


def _rows(chunk: list[tuple], zones: "_Zones"):
    exact = _exact_meeting_dates(chunk)
    for row in chunk:
        (
            _pk,
            first_name,
            last_name,
            email,
            phone,
            employer,
            title,
            level,
            function,
            status,
            referrer_first_name,
            referrer_last_name,
            last_contacted_at,
            linkedin_url,
            notes,
            _contact_zone,
            owner_zone,
        ) = row[:17]
        last_contacted = due = referred_by = ""
        if last_contacted_at:
            moment = readable(last_contacted_at).astimezone(zones.of(owner_zone))
            last_contacted = f"{moment:%Y-%m-%d %H:%M}"
        if status != IDENTIFIED:  # "send a polite request" has no date
            due = _due(_Row._make(row), exact, zones)
        if referrer_first_name is not None:
            referred_by = f"{referrer_first_name} {referrer_last_name}".strip()
        cells = [
            first_name,
            last_name,
            email,
            phone,
            employer or "",
            title,
            level,
            function,
            status,
            referred_by,
            last_contacted,
            due,
            linkedin_url,
            notes,
        ]
        yield _neutralised(cells)


def _neutralised(cells: list[str]) -> list[str]:
    # Nearly every row has no cell to neutralise: one search of the row tells (a cell that
    # holds the separator only sends its row to the exact check, cell by cell).
    if _MAYBE_A_FORMULA.search(_SEPARATOR.join(cells)):
        return [neutralise(cell) for cell in cells]
    return cells


def _due(row, exact: dict, zones: "_Zones") -> str:
    """The next action's date (``cadence.next_action``) in the contact's zone, or ""."""
    if row.pk in exact:
        next_meeting_at, last_met_at = exact[row.pk]
        row = row._replace(next_meeting_at=next_meeting_at, last_met_at=last_met_at)
    owner_zone = zones.of(row.owner_timezone)
    zone = zones.of(row.timezone, owner_zone)
    due_on = cadence.next_action(row, zone, row.owner_country).due_on
    return due_on.isoformat() if due_on else ""


def _exact_meeting_dates(chunk: list[tuple]) -> dict:
    """``state.settle_meeting_dates`` for plain rows: the exact next and last meeting dates
    of the few contacts whose meetings straddle now, by id; none queried when none does."""
    unsure = [row[0] for row in chunk if not row[-1]]  # meeting_dates_exact, last
    if not unsure:
        return {}
    contacts = [SimpleNamespace(pk=pk, meeting_dates_exact=False) for pk in unsure]
    return {c.pk: (c.next_meeting_at, c.last_met_at) for c in settle_meeting_dates(contacts)}


class _Zones(dict):
    """Time zones by name, each looked up once per export; a contact's bad zone is the
    seeker's (``Contact.zone``), a seeker's bad zone the site's (``User.zone``)."""

    def of(self, name: str | None, fallback: ZoneInfo | None = None) -> ZoneInfo:
        key = (name, fallback)
        if key not in self:
            try:
                self[key] = ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError, TypeError):
                self[key] = fallback or ZoneInfo(settings.TIME_ZONE)
        return self[key]


def export_lines(queryset):
    """The export as encoded CSV (UTF-8): the header at once, then the contacts in pieces
    of ``CHUNK_SIZE`` rows (one write to the client each, not one per row)."""
    if connections[queryset.db].vendor != "postgresql":
        yield from csv_pieces(export_rows(queryset))
        return
    buffer = io.StringIO()
    csv.writer(buffer).writerow(COLUMNS)
    yield buffer.getvalue().encode("utf-8")  # the download starts before the query has run
    yield from _copied_lines(queryset)


# On PostgreSQL, ``COPY`` writes the file. A plain row is written by the database as it
# stands: a contact never written to (so no date and no next action's date), introduced by
# nobody, whose every cell is empty or starts with a letter, a digit or "_" (so nothing to
# neutralise). That is most of a big network (an imported LinkedIn file). Every other row
# comes with ``FIELDS`` as a JSON array in a last column, and Python writes it as
# ``export_rows`` does. ``tests/contacts/test_csv_export.py`` checks both give the same bytes.
COPIED = [
    *("first_name", "last_name", "email", "phone", "employer__name", "title", "level"),
    *("function", "status", None, None, None, "linkedin_url", "notes"),
]  # COLUMNS as the database has them for a plain row: no referrer, no dates
_TIMES = [n for n, name in enumerate(FIELDS) if name.endswith("_at")]
# A line without quotes is its cells between commas: when each cell is empty or starts with an
# ASCII letter, digit or "_", none may hide a formula. Any other line (a quoted cell, an accent
# first) is read back into cells and checked as ``export_rows`` checks them.
_WORDLIKE = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz,")
_ODD_START = re.compile(rb",[^A-Za-z0-9_,]")


def _copied_lines(queryset):
    if "status" not in queryset.query.annotations:
        queryset = queryset.with_status()
    plain = Q(status=IDENTIFIED, last_contacted_at__isnull=True, referred_by__isnull=True)
    cells = {f"_{n}": _cell(name) for n, name in enumerate(COPIED)}
    rest = Case(When(plain, then=Value(None)), default=JSONArray(*_exact_fields()))
    query = queryset.annotate(**cells, _rest=rest).values_list(*cells, "_rest").query
    sql, params = query.sql_with_params()
    connection = connections[queryset.db]
    copy_sql = f"COPY ({connection.ops.compose_sql(sql, params)}) TO STDOUT WITH (FORMAT csv)"
    piece = _Piece()
    with connection.cursor() as cursor, cursor.copy(copy_sql) as copy:
        for data in copy:  # one row at a time
            line = bytes(data)
            if (
                line.endswith(b",\n")
                and line[0] in _WORDLIKE
                and b'"' not in line
                and not _ODD_START.search(line, 0, len(line) - 2)
            ):
                piece.lines.append(line[:-2] + b"\r\n")
            else:
                piece.add_for_python(line)
            piece.size += len(line)
            if piece.size > 64 * 1024:
                yield piece.written()
        yield piece.written()


class _Piece:
    """Lines of the file on their way to the client; those Python writes are written together,
    in their places (one ``_rows`` per piece, not one per row)."""

    def __init__(self):
        self.zones = _Zones()
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer)
        self._reset()

    def _reset(self):
        self.lines, self.size = [], 0
        self.values, self.places, self.plain = [], [], []

    def add_for_python(self, line: bytes):
        self.places.append(len(self.lines))
        self.lines.append(None)
        if line.endswith(b",\n"):  # plain, but a cell is quoted or may need neutralising
            [*cells, _rest] = next(csv.reader([line.decode("utf-8")]))
            self.plain.append(_neutralised(cells))
            self.values.append(None)
            return
        # The last cell is ``FIELDS`` as JSON, quoted: the only cell that starts with '"['
        # after a comma (a quote inside a quoted cell is doubled).
        start = line.rindex(b',"[') + 2
        values = json.loads(line[start:-2].replace(b'""', b'"'))
        for n in _TIMES:
            if values[n] is not None:
                values[n] = datetime.fromisoformat(values[n])
        self.values.append(tuple(values))
        self.plain.append(None)

    def written(self) -> bytes:
        if self.places:
            computed = iter(_rows([v for v in self.values if v is not None], self.zones))
            for place, cells in zip(self.places, self.plain, strict=True):
                self.buffer.seek(0)
                self.buffer.truncate()
                self.writer.writerow(cells if cells is not None else next(computed))
                self.lines[place] = self.buffer.getvalue().encode("utf-8")
        text = b"".join(self.lines)
        self._reset()
        return text


def _exact_fields():
    """``FIELDS`` with the meeting dates read exactly where the stored ones may not be (the
    contact's meetings straddle now: ``state.settle_meeting_dates``), inside the copy's own
    query, since the connection is the copy's until it ends."""
    exact = FROM_ABOVE.expressions("next_meeting_at", "last_met_at", now=timezone.now())
    unsure = Q(meeting_dates_exact=False)
    read = {
        name: Case(When(unsure, then=exact[name]), default=F(name), output_field=DateTimeField())
        for name in exact
    }
    read["meeting_dates_exact"] = Value(True)
    return [read.get(name, F(name)) for name in FIELDS]


def _cell(name):
    """A cell of the copy: "" as NULL, which ``COPY`` writes as nothing, as ``csv`` does."""
    if name is None:
        return Value(None, TextField())
    return NullIf(F(name), Value(""), output_field=TextField())


def streaming_response(queryset, filename: str) -> StreamingHttpResponse:
    """A download of ``queryset`` as CSV; memory stays flat for any number of contacts."""
    return csv_download(export_lines(queryset), filename)
