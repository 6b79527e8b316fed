"""Follow-up tasks that fall due after a meeting (SPEC §1 step 8)."""

from django.conf import settings
from django.db import models

from networking.contacts.models import Contact, OutreachAttempt


class TaskQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(owner=user)

    def bulk_create(self, objs, *args, **kwargs):
        """As ``save()`` does, each task takes its contact's owner (``Task.owner``)."""
        objs = list(objs)
        for task in objs:
            task.take_owner()
        return super().bulk_create(objs, *args, **kwargs)

    def open(self):
        return self.filter(done=False)

    def due_today(self, today):
        return self.open().filter(due_on=today)

    def overdue(self, today):
        return self.open().filter(due_on__lt=today)


class Task(models.Model):
    """A follow-up that falls due after a meeting (SPEC §1 step 8)."""

    class Kind(models.TextChoices):
        THANK_YOU = "thank_you", "Thank-you note"
        FOLLOW_UP = "follow_up", "Follow-up"
        CLOSE_LOOP = "close_loop", "Close the loop"

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="meeting_tasks")
    # The contact's owner, stored on the row (``save()`` and ``bulk_create()`` keep it so): the
    # seeker's tasks are one indexed read (the foreign key's), not a join through every contact.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", editable=False
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="tasks", null=True, blank=True
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(max_length=200)
    due_on = models.DateField()
    done = models.BooleanField(default=False)
    done_at = models.DateTimeField(null=True, blank=True)
    # The message that did it: a thank-you task and its thank-you note are one record, done
    # together whichever is ticked or logged first (``networking/meetings/thank_yous.py``).
    outreach = models.OneToOneField(
        OutreachAttempt,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="task",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["done", "due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["thank_you", "follow_up", "close_loop"]),
                name="meetings_task_kind_valid",
                violation_error_message="Choose a task: thank-you, follow-up or close the loop.",
            ),
            models.CheckConstraint(
                condition=models.Q(done=False, done_at__isnull=True)
                | models.Q(done=True, done_at__isnull=False),
                name="meetings_task_done_has_a_date",
                violation_error_message="A task marked done needs the date it was done.",
            ),
            models.CheckConstraint(
                condition=models.Q(outreach__isnull=True) | models.Q(done=True),
                name="meetings_task_with_its_message_is_done",
                violation_error_message="A task whose message is logged is done.",
            ),
        ]
        indexes = [models.Index(fields=["done", "due_on"], name="meetings_task_open_due_idx")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if (
            update_fields is None
            or {"contact", "contact_id"} & {*update_fields}
            or not self.owner_id
        ):
            self.take_owner()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "owner"}
        super().save(*args, **kwargs)

    def take_owner(self) -> None:
        """The task is its contact's seeker's."""
        if self.contact_id is not None:
            self.owner_id = self.contact.owner_id
