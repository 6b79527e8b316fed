"""The pages that must stay flat with a big network, timed at 1,000 and 40,000 contacts.

Runs on a throwaway SQLite database (migrated in a temporary directory, deleted after):

    .venv/bin/python bench/worst_case_pages.py            # 1,000 and 40,000 contacts
    .venv/bin/python bench/worst_case_pages.py --sizes 5000 --runs 10
    .venv/bin/python bench/worst_case_pages.py --database-url postgres://…/empty_db
        # (migrated, then emptied)

For each size, one seeker has that many contacts: a quarter at one employer ("Big Co"),
the rest spread over 200 employers, a chain of 12 introductions, the others in none. Each
page is fetched once to warm up, then ``--runs`` times; the median is printed, with the
number of queries and of contacts the request built. Figures go in docs/performance.md.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LEVELS = ["staff", "supervisor", "manager", "director", "vp", "executive", ""]
CHAIN = 12


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 40_000])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument(
        "--database-url",
        help="a database to use instead (its bench seekers are deleted after)",
    )
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="schmooze-bench-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{tmp.name}/bench.sqlite3"
    os.environ["DEBUG"] = "off"  # as in production: no query log
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    warnings.filterwarnings("ignore", message="No directory at")  # no collectstatic here
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "core.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.db.models.signals import post_init
    from django.test import Client, override_settings

    from core.models import User
    from networking.contacts.models import Contact
    from networking.employers.models import Employer

    call_command("migrate", verbosity=0)

    def seeker_with(size: int):
        user = User.objects.create_user(
            f"bench{size}@schmooze.example",
            "x",
            target_title="Product Design Lead",
            target_level="supervisor",
        )
        big = Employer.objects.create(owner=user, name="Big Co", status="targeting")
        others = Employer.objects.bulk_create(
            Employer(owner=user, name=f"Company {n}", status="targeting") for n in range(200)
        )
        contacts = Contact.objects.bulk_create(
            (
                Contact(
                    owner=user,
                    first_name=f"Person{n}",
                    last_name=f"Lee{n % 977}",
                    employer=big if n % 4 == 0 else others[n % 200],
                    title="Senior Product Designer",
                    level=LEVELS[n % len(LEVELS)],
                    function="hr" if n % 9 == 0 else "design",
                    timezone="America/Toronto",
                )
                for n in range(size)
            ),
            batch_size=500,
        )
        for child, parent in zip(contacts[1:CHAIN], contacts[: CHAIN - 1], strict=True):
            child.referred_by = parent
        Contact.objects.bulk_update(contacts[1:CHAIN], ["referred_by"])
        return user, big, contacts[CHAIN - 1]

    def measure(client, path):
        built, queries = [], []

        def count(sender, instance, **kwargs):
            built.append(instance)

        def log(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        assert client.get(path, secure=True).status_code == 200, path
        post_init.connect(count, sender=Contact)
        with connection.execute_wrapper(log):
            client.get(path, secure=True)
        post_init.disconnect(count, sender=Contact)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            client.get(path, secure=True)
            times.append((time.perf_counter() - start) * 1000)
        return statistics.median(times), len(queries), len(built)

    static = {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    print(f"{connection.vendor}, {os.cpu_count()} cores, median of {args.runs} requests")
    print(f"{'page':<34} {'contacts':>9} {'median':>9} {'queries':>8} {'contacts built':>15}")
    with override_settings(STORAGES={**settings.STORAGES, **static}):
        for size in args.sizes:
            user, big, deepest = seeker_with(size)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")  # as autovacuum would, after a big import
            client = Client()
            client.force_login(user)
            pages = [
                ("employer page (Big Co)", f"/employers/{big.pk}/"),
                ("network page", "/network/"),
                (f"contact {CHAIN} deep in a chain", f"/contacts/{deepest.pk}/"),
                ("dashboard", "/dashboard/"),
                ("profile", "/profile/"),
                ("new contact form", "/contacts/new/"),
                ("edit contact form", f"/contacts/{deepest.pk}/edit/"),
                ("booking form", "/meetings/new/"),
                ("contact search (picker)", "/contacts/pick/?q=lee1"),
            ]
            for name, path in pages:
                median, queries, built = measure(client, path)
                print(f"{name:<34} {size:>9,} {median:>7.1f}ms {queries:>8} {built:>15,}")
            user.delete()
    tmp.cleanup()


if __name__ == "__main__":
    main()
