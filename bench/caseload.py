"""The coach's caseload at scale: 50 clients of 1,000 contacts each, on PostgreSQL.

It creates the database ``schmooze_caseload_bench`` (dropped at the end unless ``--keep``),
migrates it and loads one coach with N active clients (50 by default), each with C contacts
(1,000 by default) of whom a third were asked, some with a follow-up overdue, 40 meetings
(past, to come, some never written up), their referrals and thank-you tasks. Then it times
the caseload as the coach reads it: the selector alone (``caseload_for``) and the whole page
(``/admin/`` through Django's test client, the access log written), each run R times, and
reports the median and the slowest, with the number of queries. Figures in
docs/performance.md ("The coach's caseload").

    .venv/bin/python bench/caseload.py                       # 50 clients x 1,000 contacts
    .venv/bin/python bench/caseload.py --clients 5 --contacts 200 --keep
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SERVER = "postgres://postgres@127.0.0.1:5432"
NAME = "schmooze_caseload_bench"
SECRET_KEY = "bench-only-secret-key-not-for-any-real-deployment"
MEETINGS = 40


def maintenance(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def setup_django() -> None:
    os.environ.update(
        {
            "DATABASE_URL": f"{SERVER}/{NAME}",
            "DEBUG": "off",
            "SECRET_KEY": SECRET_KEY,
            "SECURE_SSL_REDIRECT": "off",
            "ALLOWED_HOSTS": "testserver",
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "core.settings",
        }
    )
    import django

    django.setup()


def load(clients: int, contacts: int):
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.utils import timezone

    from core.coaching import COACHES_GROUP, CoachAssignment
    from core.models import User
    from networking.contacts.models import Contact
    from networking.employers.models import Employer
    from networking.meetings.models import Meeting, Task

    call_command("migrate", verbosity=0)
    now = timezone.now()
    coach = User.objects.create_user(
        email="coach@bench.example", password="bench", is_staff=True, name="Bench Coach"
    )
    coach.groups.add(Group.objects.get_or_create(name=COACHES_GROUP)[0])
    for n in range(clients):
        seeker = User.objects.create_user(
            email=f"client{n}@bench.example", name=f"Client {n:03}", timezone="America/Toronto"
        )
        CoachAssignment.objects.create(coach=coach, client=seeker)
        employers = Employer.objects.bulk_create(
            Employer(owner=seeker, name=f"Employer {i}") for i in range(contacts // 10)
        )
        people = Contact.objects.bulk_create(
            Contact(
                owner=seeker,
                first_name=f"First{i}",
                last_name=f"Last{i}",
                email=f"p{i}@c{n}.example",
                employer=employers[i % len(employers)],
                timezone="America/Toronto",
                last_request_at=now - timedelta(days=i % 60) if i % 3 == 0 else None,
                last_contacted_at=now - timedelta(days=i % 60) if i % 3 == 0 else None,
                follow_up_due_on=(now - timedelta(days=i % 20 - 5)).date() if i % 3 == 0 else None,
            )
            for i in range(contacts)
        )
        meetings = Meeting.objects.bulk_create(
            Meeting(
                owner=seeker,
                contact=people[i],
                starts_at=now + timedelta(days=i - MEETINGS // 2, minutes=n),
                ends_at=now + timedelta(days=i - MEETINGS // 2, minutes=n + 20),
                duration_minutes=20,
                status=(
                    Meeting.Status.DEBRIEFED if i < MEETINGS // 3 else Meeting.Status.SCHEDULED
                ),
                debriefed_at=now - timedelta(days=MEETINGS // 2 - i) if i < MEETINGS // 3 else None,
            )
            for i in range(MEETINGS)
        )
        Meeting.referred_contacts.through.objects.bulk_create(
            Meeting.referred_contacts.through(meeting=meetings[i], contact=people[-1 - i])
            for i in range(MEETINGS // 3)
        )
        Task.objects.bulk_create(
            Task(
                contact=meetings[i].contact,
                meeting=meetings[i],
                kind=Task.Kind.THANK_YOU,
                title="Thank-you",
                due_on=(meetings[i].starts_at + timedelta(days=1)).date(),
            )
            for i in range(MEETINGS // 3)
        )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return coach


def timed(label: str, runs: int, action) -> None:
    from django.db import connection, reset_queries

    durations, queries = [], 0
    for _ in range(runs):
        reset_queries()
        start = time.perf_counter()
        action()
        durations.append((time.perf_counter() - start) * 1000)
        queries = len(connection.queries)
    print(
        f"{label:<32} median {statistics.median(durations):7.1f} ms   "
        f"slowest {max(durations):7.1f} ms   {queries} queries"
    )


def answered(client, path):
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--contacts", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    maintenance(f"DROP DATABASE IF EXISTS {NAME}")
    maintenance(f"CREATE DATABASE {NAME}")
    try:
        setup_django()
        from django.conf import settings
        from django.test import Client
        from django.test.utils import setup_test_environment

        started = time.perf_counter()
        coach = load(args.clients, args.contacts)
        print(
            f"loaded {args.clients} clients x {args.contacts} contacts "
            f"in {time.perf_counter() - started:.1f} s"
        )
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)  # as the Dockerfile does
        setup_test_environment()
        settings.DEBUG = True  # count the queries
        from networking.progress.caseload import caseload_for

        client = Client()
        client.force_login(coach)
        timed("caseload_for (the selector)", args.runs, lambda: caseload_for(coach))
        timed("GET /admin/ (the whole page)", args.runs, lambda: answered(client, "/admin/"))
        timed(
            "GET /admin/caseload/export.csv",
            args.runs,
            lambda: b"".join(answered(client, "/admin/caseload/export.csv").streaming_content),
        )
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            maintenance(f"DROP DATABASE IF EXISTS {NAME}")


if __name__ == "__main__":
    main()
