"""Contacts as CSV (SPEC §6): one query, streamed, safe to open in a spreadsheet.

``export_rows(queryset)`` yields the header and one list of cells per contact; the
seeker's export view and the coach's admin action both stream it through
``streaming_response``.
"""

import csv
import unicodedata
from itertools import islice

from django.http import StreamingHttpResponse

from core.date_window import readable
from networking.contacts import cadence
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
    if value and starts_like_a_formula(value):
        return "'" + value
    return value


def prepare(queryset):
    """The one query the export reads: status annotated, employer, referrer and owner joined."""
    if "status" not in queryset.query.annotations:
        queryset = queryset.with_status()
    return queryset.select_related("employer", "referred_by", "owner")


def export_rows(queryset):
    """Yield the header, then one row of cells per contact, without a query per row.

    ``next_action_due`` is the date of the next action as the contact list shows it
    (``cadence.next_action``, computed from the annotated columns); ``last_contacted``
    is read in the seeker's time zone.
    """
    yield list(COLUMNS)
    contacts = prepare(queryset).iterator(chunk_size=CHUNK_SIZE)
    while chunk := list(islice(contacts, CHUNK_SIZE)):
        for contact in settle_meeting_dates(chunk):
            yield [neutralise(cell) for cell in _cells(contact)]


def _cells(contact) -> list[str]:
    last_contacted = ""
    if contact.last_contacted_at:
        last_contacted = (
            f"{readable(contact.last_contacted_at).astimezone(contact.owner.zone):%Y-%m-%d %H:%M}"
        )
    due_on = cadence.next_action(contact, contact.zone).due_on
    return [
        contact.first_name,
        contact.last_name,
        contact.email,
        contact.phone,
        contact.employer.name if contact.employer_id else "",
        contact.title,
        contact.level,
        contact.function,
        contact.status,
        contact.referred_by.full_name if contact.referred_by_id else "",
        last_contacted,
        due_on.isoformat() if due_on else "",
        contact.linkedin_url,
        contact.notes,
    ]


class _Echo:
    """A file-like object whose ``write`` hands the line back, so ``csv.writer`` can stream."""

    def write(self, value):
        return value


def export_lines(queryset):
    """The export as encoded CSV lines (UTF-8), one per contact after the header."""
    writer = csv.writer(_Echo())
    for row in export_rows(queryset):
        yield writer.writerow(row).encode("utf-8")


def streaming_response(queryset, filename: str) -> StreamingHttpResponse:
    """A download of ``queryset`` as CSV; memory stays flat for any number of contacts."""
    response = StreamingHttpResponse(export_lines(queryset), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
