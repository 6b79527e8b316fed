"""The morning email at scale: 20,000 seekers due at once, planned and sent by two workers.

It creates the PostgreSQL database ``schmooze_reminders_bench`` (dropped at the end unless
``--keep``), migrates it and loads N seekers (20,000 by default) whose 08:00 has just come,
in eight time zones on both sides of the date line; three in four have a thank-you due (an
email to send), the rest nothing (a morning marked done, no email). Then, as in production:

1. two schedulers (``manage.py schedule_digests``) run at once and share the seekers due,
   each enqueueing one task per seeker, in batches taken with SKIP LOCKED;
2. two workers (``manage.py db_worker --batch``) work the queue until it is empty, sending
   to Django's in-memory email backend (``EMAIL_URL=memorymail://``), so the figure is the
   app's and the database's work, not a mail server's.

It reports seekers per second for each phase and checks the outcome: one run per seeker,
every email sent once, every task successful. Figures in docs/performance.md
("Morning emails at scale").

    .venv/bin/python bench/digests.py                  # 20,000 seekers
    .venv/bin/python bench/digests.py --seekers 2000 --keep
"""

import argparse
import os
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SERVER = "postgres://postgres@127.0.0.1:5432"
NAME = "schmooze_reminders_bench"
SECRET_KEY = "bench-only-secret-key-not-for-any-real-deployment"
ZONES = [
    "Pacific/Auckland",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Europe/London",
    "America/Sao_Paulo",
    "America/Toronto",
    "America/Los_Angeles",
    "Pacific/Honolulu",
]


def maintenance(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def environment() -> dict:
    return {
        **os.environ,
        "DATABASE_URL": f"{SERVER}/{NAME}",
        "DEBUG": "off",
        "SECRET_KEY": SECRET_KEY,
        "SECURE_SSL_REDIRECT": "off",
        "EMAIL_URL": "memorymail://",
        "SITE_URL": "https://schmooze.example",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "core.settings",
    }


def load(seekers: int) -> None:
    from django.core.management import call_command
    from django.utils import timezone

    from core.models import User
    from networking.contacts.models import Contact
    from networking.meetings.models import Task

    call_command("migrate", verbosity=0)
    now = timezone.now()
    users = [
        User(
            email=f"seeker{n}@bench.example",
            name=f"Seeker {n}",
            password="!",
            timezone=ZONES[n % len(ZONES)],
            digest_on=True,
            next_digest_at=now - timedelta(minutes=1),
        )
        for n in range(seekers)
    ]
    User.objects.bulk_create(users, batch_size=2000)
    users = list(User.objects.order_by("pk"))
    busy = [user for n, user in enumerate(users) if n % 4]
    contacts = Contact.objects.bulk_create(
        [
            Contact(
                owner=user,
                first_name="Dana",
                last_name=f"Mentor{user.pk}",
                email=f"dana{user.pk}@example.com",
                title="Director of Design",
                level="director",
                timezone=user.timezone,
            )
            for user in busy
        ],
        batch_size=2000,
    )
    Task.objects.bulk_create(
        [
            Task(
                contact=contact,
                kind=Task.Kind.THANK_YOU,
                title=f"Send {contact.first_name} {contact.last_name} a thank-you note",
                due_on=date.today() - timedelta(days=2),
            )
            for contact in contacts
        ],
        batch_size=2000,
    )


def run_together(commands: list[list[str]]) -> float:
    started = time.perf_counter()
    processes = [
        subprocess.Popen(command, cwd=ROOT, env=environment(), stdout=subprocess.DEVNULL)
        for command in commands
    ]
    for process in processes:
        if process.wait() != 0:
            raise SystemExit(f"{process.args} failed")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seekers", type=int, default=20_000)
    parser.add_argument("--processes", type=int, default=2, help="schedulers and workers")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    maintenance(f'DROP DATABASE IF EXISTS "{NAME}" WITH (FORCE)')
    maintenance(f'CREATE DATABASE "{NAME}"')
    os.environ.update(environment())
    import django

    django.setup()
    from django.db import connections
    from django_tasks_db.models import DBTaskResult

    from networking.progress.models import DigestRun

    try:
        started = time.perf_counter()
        load(args.seekers)
        print(f"loaded {args.seekers:,} seekers in {time.perf_counter() - started:.1f} s")
        connections.close_all()

        manage = [sys.executable, "manage.py"]
        planned = run_together([[*manage, "schedule_digests"] for _ in range(args.processes)])
        queued = DBTaskResult.objects.count()
        print(
            f"{args.processes} schedulers enqueued {queued:,} in {planned:.1f} s: "
            f"{queued / planned:,.0f} seekers/s"
        )
        worker = [
            *manage,
            "db_worker",
            "--batch",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0",
            "--verbosity",
            "0",
        ]
        worked = run_together(
            [[*worker, "--worker-id", f"bench-{n}"] for n in range(args.processes)]
        )
        print(
            f"{args.processes} workers ran {queued:,} in {worked:.1f} s: "
            f"{queued / worked:,.0f} seekers/s"
        )
        total = planned + worked
        print(f"all told: {args.seekers / total:,.0f} seekers/s ({total:.1f} s)")

        outcomes = dict(
            DigestRun.objects.values_list("outcome").annotate(n=django.db.models.Count("pk"))
        )
        statuses = dict(
            DBTaskResult.objects.values_list("status").annotate(n=django.db.models.Count("pk"))
        )
        by_worker = {}
        for ids in DBTaskResult.objects.values_list("worker_ids", flat=True):
            for worker_id in ids:
                by_worker[worker_id] = by_worker.get(worker_id, 0) + 1
        print(f"runs: {outcomes}; tasks: {statuses}; per worker: {by_worker}")
        busy = args.seekers - (args.seekers + 3) // 4
        assert DigestRun.objects.count() == args.seekers == queued
        assert outcomes == {"sent": busy, "nothing_due": args.seekers - busy}, outcomes
        assert statuses == {"SUCCESSFUL": queued}, statuses
    finally:
        connections.close_all()
        if not args.keep:
            maintenance(f'DROP DATABASE IF EXISTS "{NAME}" WITH (FORCE)')


if __name__ == "__main__":
    main()
