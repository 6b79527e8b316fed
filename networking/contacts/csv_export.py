"""Contacts as CSV (SPEC §6): one query, streamed, safe to open in a spreadsheet.

``export_rows(queryset)`` yields the header and one list of cells per contact; the
seeker's export view and the coach's admin action both stream it through
``streaming_response``.
"""

import csv
import io
import re
import unicodedata
from collections import namedtuple
from itertools import islice
from types import SimpleNamespace
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.http import StreamingHttpResponse

from core.date_window import readable
from networking.contacts import cadence
from networking.contacts.models import Status
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
        # Nearly every row has no cell to neutralise: one search of the row tells (a cell that
        # holds the separator only sends its row to the exact check, cell by cell).
        if _MAYBE_A_FORMULA.search(_SEPARATOR.join(cells)):
            cells = [neutralise(cell) for cell in cells]
        yield cells


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
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    rows = export_rows(queryset)
    size = 1  # the header alone first: the download starts before the query has run
    while chunk := list(islice(rows, size)):
        size = CHUNK_SIZE
        writer.writerows(chunk)
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()


def streaming_response(queryset, filename: str) -> StreamingHttpResponse:
    """A download of ``queryset`` as CSV; memory stays flat for any number of contacts."""
    response = StreamingHttpResponse(export_lines(queryset), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
