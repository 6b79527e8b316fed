"""Sending the daily email to every seeker at their 08:00: the scheduler and the task.

``schedule_due_digests`` is run every few minutes (``manage.py schedule_digests --loop``, its
own service beside the workers). Each pass takes the seekers whose ``next_digest_at`` has
come, a batch at a time, through the partial index on that column (no loop over every
seeker), and for each writes a ``DigestRun`` for the seeker's date and enqueues one task
for it; then it moves their ``next_digest_at`` to their next business morning. The rows are
locked with SKIP LOCKED, so two schedulers share the work instead of waiting, and the unique
run per seeker and date means an email is planned once even if a scheduler is stopped
half-way and another picks the seeker up. The task, ``send_daily_digest``, runs on any
worker (``manage.py db_worker``) and finishes its run under a lock: run twice, it sends once.
"""

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from core.models import User
from core.reminders import DIGEST_GRACE, digest_day, next_digest_at
from networking.progress.digest import digest_for, digest_message
from networking.progress.models import DigestRun

BATCH = 500


@task()
def send_daily_digest(run_id: int) -> str:
    """Send one seeker's email for one date, unless it went already, or nothing is due."""
    with transaction.atomic():
        run = DigestRun.objects.select_for_update().select_related("owner").get(pk=run_id)
        if run.outcome != DigestRun.Outcome.PENDING:
            return run.outcome  # sent (or settled) already: a retry sends nothing twice
        seeker = run.owner
        if not (seeker.digest_on and seeker.is_active):
            run.outcome = DigestRun.Outcome.SWITCHED_OFF
        else:
            digest = digest_for(seeker)
            run.items = digest.count
            if digest.is_empty:
                run.outcome = DigestRun.Outcome.NOTHING_DUE
            else:
                digest_message(digest).send()
                run.outcome = DigestRun.Outcome.SENT
        run.finished_at = timezone.now()
        run.save(update_fields=["outcome", "items", "finished_at"])
        return run.outcome


def _plan_batch(now, batch: int) -> tuple[int, int]:
    """One batch of the seekers due by ``now``: (seekers taken, emails enqueued)."""
    with transaction.atomic():
        seekers = list(
            User.objects.filter(digest_on=True, next_digest_at__lte=now)
            .order_by("next_digest_at")
            .select_for_update(skip_locked=True)
            .only("pk", "timezone", "country", "digest_on", "is_active", "next_digest_at")[:batch]
        )
        if not seekers:
            return 0, 0
        wanted = set()
        for seeker in seekers:
            slot = seeker.next_digest_at
            # Late by hours (the scheduler was down): skip that morning rather than mail at night.
            if seeker.is_active and now - slot <= DIGEST_GRACE:
                wanted.add((seeker.pk, digest_day(seeker.zone, slot)))
            seeker.next_digest_at = next_digest_at(seeker.zone, now, seeker.country)
        DigestRun.objects.bulk_create(
            [DigestRun(owner_id=pk, local_date=day) for pk, day in wanted],
            ignore_conflicts=True,
        )
        # The runs this pass created: a run already enqueued has its task's id.
        new = [
            run
            for run in DigestRun.objects.filter(
                owner_id__in=[pk for pk, _ in wanted],
                local_date__in={day for _, day in wanted},
                task_id="",
                outcome=DigestRun.Outcome.PENDING,
            )
            if (run.owner_id, run.local_date) in wanted
        ]
        for run in new:
            run.task_id = str(send_daily_digest.enqueue(run.pk).id)
        DigestRun.objects.bulk_update(new, ["task_id"])
        User.objects.bulk_update(seekers, ["next_digest_at"])
        return len(seekers), len(new)


def schedule_due_digests(now=None, batch: int = BATCH) -> int:
    """Enqueue the email of every seeker whose 08:00 has come; the number enqueued."""
    now = now or timezone.now()
    enqueued = 0
    while True:
        taken, planned = _plan_batch(now, batch)
        enqueued += planned
        if taken < batch:
            return enqueued
