"""The daily email's ledger: one row per seeker and local date, so each day's is sent once."""

from django.conf import settings
from django.db import models


class DigestRun(models.Model):
    """One seeker's daily email for one of their dates (networking/progress/digests.py).

    The scheduler writes the row before it enqueues the email, and the unique constraint on
    seeker and date lets only one scheduler do so, however many run; the task finishes the
    row under a lock, so a retried task sends nothing twice.
    """

    class Outcome(models.TextChoices):
        PENDING = "pending", "Waiting for a worker"
        SENT = "sent", "Sent"
        NOTHING_DUE = "nothing_due", "Nothing due: not sent"
        SWITCHED_OFF = "off", "Switched off: not sent"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_runs"
    )
    local_date = models.DateField(help_text="The seeker's date the email is for.")
    outcome = models.CharField(max_length=12, choices=Outcome.choices, default=Outcome.PENDING)
    items = models.PositiveIntegerField(default=0, help_text="Things due that the email listed.")
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-local_date", "owner_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "local_date"],
                name="progress_digestrun_one_a_day",
                violation_error_message="This seeker's email for that date is already planned.",
            ),
        ]

    def __str__(self):
        return f"{self.owner} · {self.local_date} · {self.get_outcome_display()}"


class NoteTopic(models.Model):
    """What a coach's note is about: one of the client's contacts, or one of their meetings.

    Core's ``CoachingNote`` cannot name a contact or a meeting (core sits below both), so the
    link lives here, on the floor that reads across all of them: one row per note that has a
    topic, about a contact or a meeting, never both.
    """

    note = models.OneToOneField(
        "core.CoachingNote", on_delete=models.CASCADE, primary_key=True, related_name="topic"
    )
    contact = models.ForeignKey(
        "contacts.Contact",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="coaching_note_topics",
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="coaching_note_topics",
    )

    class Meta:
        verbose_name = "coach's note about it"
        verbose_name_plural = "coach's notes about them"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(contact__isnull=False, meeting__isnull=True)
                | models.Q(contact__isnull=True, meeting__isnull=False),
                name="progress_notetopic_contact_or_meeting",
                violation_error_message="A note is about a contact or a meeting, not both.",
            ),
        ]

    def __str__(self):
        return f"About {self.contact or self.meeting}"
