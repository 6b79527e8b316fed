"""A CSV upload waiting for the seeker's confirmation (SPEC §6: nothing is written until the
seeker confirms, and then all or nothing).

The file is read and checked once, on upload; its parsed rows wait on the server, in
``PendingImport``, compressed: one per seeker, replaced by a newer upload, forgotten after
a day, and consumed by the confirmation in the transaction that writes the contacts, so a
confirmation sent twice at once imports once. (The session, loaded on every request,
is no place for a 5 MB file.)
"""

import json
import secrets
import zlib

from django.db import transaction
from django.utils import timezone

from networking.contacts import csv_import, csv_parse
from networking.contacts.models import PendingImport

# Compressed, a file's rows are far smaller than the file; this bounds the pathological ones.
MAX_STORED_BYTES = csv_parse.MAX_BYTES
TOO_LARGE_TO_KEEP = (
    f"Once read, this file is too large to keep for its preview (over {csv_parse.MAX_SIZE}, "
    "even compressed). "
    "Split it into smaller files and import them one by one."
)

# Why there is nothing to confirm under a key.
NOTHING_UPLOADED, REPLACED, EXPIRED, CONFIRMED = "nothing", "replaced", "expired", "confirmed"


def pack(parsed: csv_parse.ParsedFile) -> bytes:
    """The parsed file as compressed JSON; ``CsvRejected`` when even that is too large.

    Each row is a list, ``[line, [values in csv_parse.FIELDS order], reasons]``: the names
    once for the file, not once a row (half the JSON to write and read again at the preview
    and at the confirmation of a big file)."""
    rows = [
        [row["line"], [row["values"][name] for name in csv_parse.FIELDS], row["reasons"]]
        for row in parsed.rows
    ]
    data = {
        "fields": csv_parse.FIELDS,
        "format": parsed.format,
        "ignored": parsed.ignored_columns,
        "rows": rows,
    }
    packed = zlib.compress(json.dumps(data, separators=(",", ":")).encode(), 6)
    if len(packed) > MAX_STORED_BYTES:
        raise csv_parse.CsvRejected(TOO_LARGE_TO_KEEP)
    return packed


def unpack(packed: bytes) -> csv_parse.ParsedFile:
    data = json.loads(zlib.decompress(packed))
    rows = data["rows"]
    if "fields" in data:  # kept as lists (an upload kept before has its rows as dicts)
        fields = data["fields"]
        rows = [
            {"line": line, "values": dict(zip(fields, values, strict=True)), "reasons": reasons}
            for line, values, reasons in rows
        ]
    return csv_parse.ParsedFile(data["format"], rows, data["ignored"])


def keep(owner, *, filename: str, data: bytes) -> PendingImport:
    """Keep a packed upload for ``owner``'s confirmation, in place of any earlier one, under a
    new key. Every seeker's expired uploads are forgotten on the way."""
    PendingImport.objects.expired().delete()
    pending, _ = PendingImport.objects.defer("data").update_or_create(
        owner=owner,
        defaults={
            "key": secrets.token_urlsafe(16),
            "filename": filename[:200],
            "data": data,
            "created_at": timezone.now(),
        },
    )
    return pending


def waiting_for(owner) -> PendingImport | None:
    """The upload waiting for ``owner``'s confirmation; one older than a day is not offered."""
    return PendingImport.objects.live().filter(owner=owner).first()


def is_waiting(owner) -> bool:
    return PendingImport.objects.live().filter(owner=owner).exists()


def cancel(owner) -> None:
    PendingImport.objects.filter(owner=owner).delete()


class NothingToConfirm(Exception):
    """No upload waits under that key; ``reason`` is one of the four reasons above."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def confirm(owner, *, key: str) -> csv_import.ImportResult:
    """Import the upload waiting under ``key`` (SPEC §6), once.

    The upload's row is locked and deleted in the transaction that writes its contacts: a
    second confirmation at the same moment waits for the first, then finds nothing and
    raises ``NothingToConfirm``. If the import fails, nothing is written and the upload
    still waits.
    """
    with transaction.atomic():
        pending = (
            PendingImport.objects.live().select_for_update().filter(owner=owner, key=key).first()
        )
        if pending is not None:
            result = csv_import.import_contacts(owner, unpack(pending.data).rows)
            pending.delete()
            return result
    raise NothingToConfirm(_why_nothing_waits(owner, key))


def _why_nothing_waits(owner, key: str) -> str:
    other = PendingImport.objects.defer("data").filter(owner=owner).first()
    if other is None:
        return CONFIRMED if key else NOTHING_UPLOADED
    if other.is_expired:
        other.delete()
        return EXPIRED
    return REPLACED
