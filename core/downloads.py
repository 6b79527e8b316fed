"""CSV downloads: streamed in pieces, the header first, never kept by a cache.

The contacts', the opportunities' and the coach's caseload exports write their rows through
``csv_pieces`` and answer with ``csv_download``: memory stays flat whatever the number of
rows, and a private file is never stored by a browser or a proxy.
"""

import csv
import io

from django.http import StreamingHttpResponse

# About this much CSV is written to the client at a time (not one write per row).
PIECE_BYTES = 64 * 1024


def csv_pieces(rows):
    """``rows`` (the header first) as UTF-8 CSV: the header at once, so the download starts
    before the rest is read, then pieces of about ``PIECE_BYTES``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for n, row in enumerate(rows):
        writer.writerow(row)
        if n == 0 or buffer.tell() > PIECE_BYTES:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode("utf-8")


def csv_download(pieces, filename: str) -> StreamingHttpResponse:
    """A download of encoded CSV ``pieces`` as ``filename``, private to the one who asked."""
    response = StreamingHttpResponse(pieces, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
