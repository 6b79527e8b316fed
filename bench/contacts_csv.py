"""Contacts CSV, timed: export of N contacts, import of a LinkedIn file of N rows.

Runs on a throwaway SQLite database (migrated in a temporary directory, deleted after),
so it never touches the project's own data:

    .venv/bin/python bench/contacts_csv.py            # 42,000 rows, about a 5 MB file
    .venv/bin/python bench/contacts_csv.py --rows 5000

or, with ``--postgres``, on a fresh PostgreSQL database (``--database``, dropped after unless
``--keep``), where it also times the export of ``--export-contacts`` contacts (100,000 by
default) through the real view against PostgreSQL's own ``COPY (SELECT …) TO STDOUT WITH CSV``
of the same query, and a LinkedIn import from upload to confirmed through the real views:

    .venv/bin/python bench/contacts_csv.py --postgres --rows 20000

Each step runs twice: once for the time, once under tracemalloc for the peak Python
memory (tracemalloc slows the code it watches, so the two are never mixed). The write
step runs for a fresh seeker each time. Figures go in docs/performance.md.
"""

import argparse
import io
import os
import sys
import tempfile
import time
import tracemalloc
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COMPANIES = [f"Company {n}" for n in range(1, 1201)]
SERVER = "postgres://postgres@127.0.0.1:5432"


def linkedin_file(rows: int, first: int = 0) -> bytes:
    """A Connections.csv as LinkedIn writes it: notes, a blank line, then the header."""
    out = io.StringIO()
    out.write("Notes:\n")
    out.write('"When exporting your connection data, you may notice that some of the email ')
    out.write('addresses are missing."\n\n')
    out.write("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
    for n in range(first, first + rows):
        email = f"person.{n}@mail.example" if n % 3 == 0 else ""
        out.write(
            f"Person{n},Lee{n % 977},https://www.linkedin.com/in/p-{n},{email},"
            f"{COMPANIES[n % len(COMPANIES)]},Senior Product Designer,"
            f"{1 + n % 28:02d} Mar 2024\n"
        )
    return out.getvalue().encode("utf-8")


def measure(step, prepare=lambda: None):
    """(seconds, peak MiB) of ``step(prepare())``: timed once, traced once."""
    arg = prepare()
    start = time.perf_counter()
    step(arg)
    seconds = time.perf_counter() - start
    arg = prepare()
    tracemalloc.start()
    step(arg)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak / 2**20


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=42_000, help="rows of the file imported")
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL instead of SQLite")
    parser.add_argument("--server", default=SERVER, help="with --postgres: no database name")
    parser.add_argument("--database", default="schmooze_bench_csv", help="made and dropped")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    parser.add_argument("--export-contacts", type=int, default=100_000, metavar="N")
    parser.add_argument("--runs", type=int, default=5, help="with --postgres: timed runs")
    args = parser.parse_args()
    if args.postgres:
        postgres_main(args)
        return

    tmp = tempfile.TemporaryDirectory(prefix="schmooze-bench-")
    setup(f"sqlite:///{tmp.name}/bench.sqlite3")
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import transaction
    from django.test import Client, override_settings

    from core.models import User
    from networking.contacts import csv_export, csv_import, csv_parse
    from networking.contacts.models import Contact, PendingImport

    call_command("migrate", verbosity=0)
    data = linkedin_file(args.rows)
    results = []

    def seeker(n=[0]):  # noqa: B006 - a counter across calls
        n[0] += 1
        return User.objects.create_user(f"bench{n[0]}@schmooze.example", "x")

    def upload():
        return SimpleUploadedFile("Connections.csv", data, content_type="text/csv")

    parsed = csv_parse.read_upload(upload())
    results.append(("Import: read and check the file", *measure(csv_parse.read_upload, upload)))

    owner = seeker()
    results.append(
        (
            "Import: preview (classify)",
            *measure(lambda u: csv_import.classify(u, parsed.rows), lambda: owner),
        )
    )

    def write(user):
        with transaction.atomic():
            result = csv_import.import_contacts(user, parsed.rows)
        assert result.created == args.rows, result

    results.append(("Import: write (confirm)", *measure(write, seeker)))
    imported = (
        Contact.objects.filter(owner=owner).count()
        or Contact.objects.filter(owner__email="bench2@schmooze.example").count()
    )
    assert imported == args.rows, imported

    exporter = User.objects.get(email="bench2@schmooze.example")

    def export(user):
        queryset = Contact.objects.owned_by(user).order_by("last_name", "first_name", "id")
        size = sum(len(line) for line in csv_export.export_lines(queryset))
        assert size > args.rows * 50

    results.append(("Export: stream every contact", *measure(export, lambda: exporter)))

    # The same, through the pages, as the seeker waits for them: the upload (read, check,
    # keep on the server), the preview (first page) and the confirmation (classify, write).
    def signed_in(user):
        client = Client()
        client.force_login(user)
        return client

    def uploaded():
        client = signed_in(seeker())
        response = client.post("/contacts/import/", {"file": upload()}, secure=True)
        assert response.status_code == 302, response.status_code
        return client

    def post_upload(client):
        response = client.post("/contacts/import/", {"file": upload()}, secure=True)
        assert response.status_code == 302, response.status_code

    def get_preview(client):
        assert client.get("/contacts/import/preview/", secure=True).status_code == 200

    def confirm(client):
        key = PendingImport.objects.get(owner_id=client.session["_auth_user_id"]).key
        response = client.post(
            "/contacts/import/preview/", {"key": key, "confirm": ""}, secure=True
        )
        assert response.status_code == 302 and response.url == "/contacts/", response

    static = {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    with override_settings(STORAGES={**settings.STORAGES, **static}):
        results.append(
            (
                "Page: upload (POST /contacts/import/)",
                *measure(post_upload, lambda: signed_in(seeker())),
            )
        )
        results.append(("Page: preview (GET …/preview/)", *measure(get_preview, uploaded)))
        results.append(("Page: confirm (POST …/preview/)", *measure(confirm, uploaded)))

    print(
        f"{args.rows:,} rows, LinkedIn file of {len(data) / 2**20:.1f} MiB, SQLite, "
        f"{os.cpu_count()} cores"
    )
    print(f"{'step':<40} {'time':>8} {'peak memory':>12}")
    for name, seconds, peak in results:
        print(f"{name:<40} {seconds:>7.2f}s {peak:>9.1f} MiB")
    tmp.cleanup()


# --- PostgreSQL: the export against COPY, the import from upload to confirmed ---------------


def maintenance(server: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DEBUG"] = "off"  # as in production: no query log
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    warnings.filterwarnings("ignore", message="No directory at")  # no collectstatic here
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "core.settings")
    import django

    django.setup()


def rss_peak_mib() -> float:
    """The process's peak resident memory so far (VmHWM), in MiB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def reset_rss_peak() -> None:
    """Start VmHWM again from the current size (Linux: write 5 to clear_refs)."""
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")


def network(owner, size: int) -> None:
    """``size`` contacts for ``owner``: a LinkedIn import of that many rows, in files under
    the row cap, then requests to one in ten (a tenth of those answered, some followed up),
    each contact's stored state brought up to date, and one in a hundred introduced by
    another."""
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from networking.contacts import csv_import, csv_parse
    from networking.contacts.models import Contact, OutreachAttempt
    from networking.contacts.state import refresh_state

    part = 40_000
    for start in range(0, size, part):
        text = linkedin_file(min(part, size - start), first=start).decode()
        with transaction.atomic():
            csv_import.import_contacts(owner, csv_parse.parse_text(text).rows)
    ids = list(Contact.objects.filter(owner=owner).order_by("pk").values_list("pk", flat=True))
    now = timezone.now()
    asked = ids[::10]
    attempts = [
        OutreachAttempt(
            contact_id=pk,
            kind="request",
            channel="email",
            sent_at=now - timedelta(days=3 + n % 50),
            reply="accepted" if n % 10 == 0 else "none",
            replied_at=now - timedelta(days=1) if n % 10 == 0 else None,
        )
        for n, pk in enumerate(asked)
    ]
    attempts += [
        OutreachAttempt(
            contact_id=pk, kind="follow_up", channel="email", sent_at=now - timedelta(days=2)
        )
        for n, pk in enumerate(asked)
        if n % 10 == 5
    ]
    OutreachAttempt.objects.bulk_create(attempts, batch_size=2000)
    for start in range(0, len(asked), 2000):
        with transaction.atomic():
            refresh_state(*asked[start : start + 2000])
    introduced = [Contact(pk=pk, referred_by_id=ids[n]) for n, pk in enumerate(ids[1::100])]
    Contact.objects.bulk_update(introduced, ["referred_by"], batch_size=2000)


def postgres_main(args):
    import statistics

    assert args.database.startswith("schmooze_"), args.database
    maintenance(args.server, f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
    maintenance(args.server, f'CREATE DATABASE "{args.database}"')
    try:
        setup(f"{args.server}/{args.database}")
        postgres_run(args, statistics)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            maintenance(args.server, f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')


def postgres_run(args, statistics):
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, override_settings

    from core.models import User
    from networking.contacts import selectors
    from networking.contacts.models import Contact, PendingImport

    call_command("migrate", verbosity=0)
    static = {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    override_settings(STORAGES={**settings.STORAGES, **static}).enable()
    with connection.cursor() as cursor:
        version = cursor.execute("SHOW server_version").fetchone()[0]
        jit = cursor.execute("SHOW jit").fetchone()[0]
    print(
        f"PostgreSQL {version} (jit {jit}), {os.cpu_count()} cores, load average "
        f"{os.getloadavg()[0]:.1f}; median of {args.runs} runs"
    )

    def signed_in(email):
        user = User.objects.create_user(email, "x")
        client = Client()
        client.force_login(user)
        return user, client

    # The import: upload, preview, confirm, through the views, for a new seeker each run.
    data = linkedin_file(args.rows)
    steps = {"upload": [], "preview": [], "confirm": [], "upload to confirmed": []}
    cpu = []  # this process's CPU time (the views, not PostgreSQL's): what load hides least
    for run in range(args.runs):
        user, client = signed_in(f"importer{run}@bench.example")
        upload = SimpleUploadedFile("Connections.csv", data, content_type="text/csv")
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.post("/contacts/import/", {"file": upload}, secure=True)
        assert response.status_code == 302, response.status_code
        uploaded = time.perf_counter()
        assert client.get("/contacts/import/preview/", secure=True).status_code == 200
        previewed = time.perf_counter()
        key = PendingImport.objects.get(owner=user).key
        confirmation = {"key": key, "confirm": ""}
        response = client.post("/contacts/import/preview/", confirmation, secure=True)
        assert response.status_code == 302 and response.url == "/contacts/", response
        done = time.perf_counter()
        cpu.append(time.process_time() - cpu_started)
        assert Contact.objects.filter(owner=user).count() == args.rows
        for name, seconds in (
            ("upload", uploaded - started),
            ("preview", previewed - uploaded),
            ("confirm", done - previewed),
            ("upload to confirmed", done - started),
        ):
            steps[name].append(seconds)
    print(f"\nImport of a LinkedIn file of {args.rows:,} rows ({len(data) / 2**20:.1f} MiB)")
    for name, times in steps.items():
        print(
            f"  {name:<22} {statistics.median(times):6.2f} s  (runs: "
            + ", ".join(f"{t:.2f}" for t in times)
            + ")"
        )
    print(f"  {'Python CPU, all three':<22} {statistics.median(cpu):6.2f} s")
    if not args.export_contacts:
        return

    # The export: N contacts of one seeker, through the view, against COPY of its query.
    started = time.perf_counter()
    owner, client = signed_in("exporter@bench.example")
    network(owner, args.export_contacts)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"\n{args.export_contacts:,} contacts built in {time.perf_counter() - started:.0f} s")
    # The yardstick: the export's own query (the list's filters, order and status), with
    # the columns of the file as the database has them (the referrer's name in two, and no
    # next action's date, which is worked out in Python), written by PostgreSQL itself.
    from networking.contacts.csv_export import FIELDS

    # The export reads the file's cells first, from the first name to the notes (after the pk).
    file_cells = FIELDS[1 : FIELDS.index("notes") + 1]
    queryset = selectors.contacts_for_list(owner, {}).values_list(*file_cells)
    sql, params = queryset.query.sql_with_params()
    copy_sql = f"COPY ({connection.ops.compose_sql(sql, params)}) TO STDOUT WITH CSV HEADER"

    def copy_out():
        size = 0
        with connection.cursor() as cursor, cursor.cursor.copy(copy_sql) as copy:
            for block in copy:
                size += len(block)
        return size

    def export():
        response = client.get("/contacts/export.csv", secure=True)
        first = None
        size = 0
        for block in response.streaming_content:
            first = first or time.perf_counter()
            size += len(block)
        response.close()
        return size, first

    copy_out(), export()  # warm: connection, caches
    copies, exports, firsts, export_cpu = [], [], [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        copy_size = copy_out()
        copies.append(time.perf_counter() - started)
        started, cpu_started = time.perf_counter(), time.process_time()
        size, first = export()
        exports.append(time.perf_counter() - started)
        export_cpu.append(time.process_time() - cpu_started)
        firsts.append(first - started)
    reset_rss_peak()
    before = rss_peak_mib()
    tracemalloc.start()
    export()
    traced = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    rss = rss_peak_mib() - before
    copy_s, export_s = statistics.median(copies), statistics.median(exports)
    print(f"Export of {args.export_contacts:,} contacts, the list's order")
    print(f"  COPY (SELECT …) TO STDOUT WITH CSV  {copy_s:6.2f} s  {copy_size / 2**20:.1f} MiB")
    print(
        f"  GET /contacts/export.csv            {export_s:6.2f} s  {size / 2**20:.1f} MiB, "
        f"{export_s / copy_s:.1f}x COPY; first bytes after "
        f"{statistics.median(firsts) * 1000:.0f} ms; "
        f"Python CPU {statistics.median(export_cpu):.2f} s"
    )
    print(f"  peak memory of one export: {traced:.1f} MiB traced (Python), RSS grew {rss:.1f} MiB")


if __name__ == "__main__":
    main()
