"""Contacts CSV, timed: export of N contacts, import of a LinkedIn file of N rows.

Runs on a throwaway SQLite database (migrated in a temporary directory, deleted after),
so it never touches the project's own data:

    .venv/bin/python bench/contacts_csv.py            # 42,000 rows, about a 5 MB file
    .venv/bin/python bench/contacts_csv.py --rows 5000

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


def linkedin_file(rows: int) -> bytes:
    """A Connections.csv as LinkedIn writes it: notes, a blank line, then the header."""
    out = io.StringIO()
    out.write("Notes:\n")
    out.write('"When exporting your connection data, you may notice that some of the email ')
    out.write('addresses are missing."\n\n')
    out.write("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
    for n in range(rows):
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
    parser.add_argument("--rows", type=int, default=42_000)
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="schmooze-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}/bench.sqlite3"
    os.environ["DEBUG"] = "off"  # as in production: no query log
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    warnings.filterwarnings("ignore", message="No directory at")  # no collectstatic here
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "core.settings")
    import django

    django.setup()
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


if __name__ == "__main__":
    main()
