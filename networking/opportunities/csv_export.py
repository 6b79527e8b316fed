"""Opportunities as CSV (``/opportunities/export.csv``): one query, streamed, and safe in a
spreadsheet with the contacts export's own formula neutralising (SPEC §6)."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.http import StreamingHttpResponse

from core.downloads import csv_download, csv_pieces
from networking.contacts.csv_export import CHUNK_SIZE, neutralise

COLUMNS = [
    "employer",
    "title",
    "url",
    "source",
    "contact",
    "meeting",
    "stage",
    "stage_since",
    "notes",
    "salary_raised_on",
    "salary_min",
    "salary_max",
    "salary_currency",
]

FIELDS = (
    "employer__name",
    "title",
    "url",
    "source",
    "contact__first_name",
    "contact__last_name",
    "meeting__starts_at",
    "stage",
    "stage_on",
    "notes",
    "salary_raised_on",
    "salary_min",
    "salary_max",
    "salary_currency",
    "owner__timezone",
)


def export_rows(queryset):
    """Yield the header, then one row of cells per opportunity (newest change first), read as
    plain values from a server-side cursor, ``CHUNK_SIZE`` at a time."""
    yield list(COLUMNS)
    values = queryset.order_by("-stage_on", "-pk").values_list(*FIELDS)
    zones = {}
    for row in values.iterator(chunk_size=CHUNK_SIZE):
        (
            employer,
            title,
            url,
            source,
            first,
            last,
            meeting_at,
            stage,
            stage_on,
            notes,
            raised_on,
            low,
            high,
            currency,
            zone,
        ) = row
        meeting = ""
        if meeting_at is not None:
            if zone not in zones:
                try:
                    zones[zone] = ZoneInfo(zone)
                except (ZoneInfoNotFoundError, ValueError):
                    zones[zone] = ZoneInfo("UTC")
            meeting = f"{meeting_at.astimezone(zones[zone]):%Y-%m-%d %H:%M}"
        cells = [
            employer,
            title,
            url,
            source,
            f"{first or ''} {last or ''}".strip(),
            meeting,
            stage,
            stage_on.isoformat(),
            notes,
            raised_on.isoformat() if raised_on else "",
            "" if low is None else str(low),
            "" if high is None else str(high),
            currency,
        ]
        yield [neutralise(cell) for cell in cells]


def export_lines(queryset):
    """The export as UTF-8 CSV: the header at once, then rows in pieces."""
    return csv_pieces(export_rows(queryset))


def streaming_response(queryset, filename: str) -> StreamingHttpResponse:
    return csv_download(export_lines(queryset), filename)
