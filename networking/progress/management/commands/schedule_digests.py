"""Enqueue the morning email of every seeker whose 08:00 has come (networking/progress/digests.py).

Run it every few minutes, or with ``--loop SECONDS`` as its own long-running service; any
number may run at once.
"""

import time

from django.core.management.base import BaseCommand

from networking.progress.digests import schedule_due_digests


class Command(BaseCommand):
    help = "Enqueue the daily email of each seeker whose 08:00 has come."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop",
            type=float,
            metavar="SECONDS",
            help="keep running, a pass every SECONDS (e.g. 300)",
        )

    def handle(self, *args, loop=None, **options):
        while True:
            enqueued = schedule_due_digests()
            if options["verbosity"] and (enqueued or loop is None):
                self.stdout.write(
                    f"{enqueued} morning email{'s' if enqueued != 1 else ''} enqueued."
                )
            if loop is None:
                return
            time.sleep(loop)
