"""Career coaches: who coaches whom, their notes, and the log of what they looked at (SPEC §2).

A coach is a staff user in the group ``Coaches``. Coaches see their own clients' records in
the admin site, read-only; every record they open is logged, and the seeker can read that log
and end a coach's access at any time.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.timezone import now

COACHES_GROUP = "Coaches"


def is_coach(user) -> bool:
    """A staff user in the ``Coaches`` group (remembered on the user for the request)."""
    if not (user.is_authenticated and user.is_staff):
        return False
    if not hasattr(user, "_is_coach"):
        user._is_coach = user.groups.filter(name=COACHES_GROUP).exists()
    return user._is_coach


def clients_of(coach):
    """The seekers whose data ``coach`` may see now (active assignments only)."""
    from core.models import User

    return User.objects.filter(
        coach_assignments__coach=coach, coach_assignments__ended_at__isnull=True
    )


class CoachAssignmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ended_at__isnull=True)


class CoachAssignment(models.Model):
    """A coach may have many clients; a client may have more than one coach."""

    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="client_assignments"
    )
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_assignments"
    )
    started_at = models.DateTimeField(default=now)
    ended_at = models.DateTimeField(
        null=True, blank=True, help_text="When access ended; empty while the coach has access."
    )
    # The client ended it from their profile (the coach reads "access ended by the client").
    ended_by_client = models.BooleanField(default=False, editable=False)

    objects = CoachAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["coach", "client"],
                condition=models.Q(ended_at__isnull=True),
                name="core_coachassignment_one_active_per_pair",
                violation_error_message="This coach already coaches this client.",
            ),
            models.CheckConstraint(
                condition=~models.Q(coach=models.F("client")),
                name="core_coachassignment_not_self",
                violation_error_message="A coach cannot be their own client.",
            ),
        ]

    def __str__(self):
        return f"{self.coach} coaches {self.client}"

    def clean(self):
        if self.coach_id and not is_coach(self.coach):
            raise ValidationError(
                {"coach": f"Only staff users in the group “{COACHES_GROUP}” can coach."}
            )
        if self.coach_id and self.coach_id == self.client_id:
            raise ValidationError({"client": "A coach cannot be their own client."})
        if (
            self.coach_id
            and self.client_id
            and self.ended_at is None
            and CoachAssignment.objects.active()
            .filter(coach_id=self.coach_id, client_id=self.client_id)
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError("This coach already has access to this client.")

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class CoachingNoteQuerySet(models.QuerySet):
    def for_client(self, user):
        """The one door to the notes a seeker reads (and marks read): those written to them."""
        return self.filter(client=user)


class CoachingNote(models.Model):
    """Advice a coach leaves for a client, shown on the client's dashboard.

    A note may be about one of the client's contacts or meetings: that link lives a floor up
    (``networking.progress.models.NoteTopic``), since core knows neither.
    """

    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coaching_notes_written"
    )
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coaching_notes"
    )
    text = models.TextField(max_length=2000)
    created_at = models.DateTimeField(default=now)
    # When the client marked it read; empty until then. Their coach sees it.
    read_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CoachingNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Note from {self.coach} to {self.client} on {self.created_at:%Y-%m-%d}"


class RecordView(models.Model):
    """One time a coach opened a client's record, or looked through a list of them (SPEC §2).

    A list covers the records of every client of the coach, so each of them gets an entry:
    which list (``kind``), what the coach searched it for and the filters they chose.
    """

    class Action(models.TextChoices):
        OPENED = "opened", "Opened a record"
        LISTED = "listed", "Looked through a list"

    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="records_viewed"
    )
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="record_views"
    )
    action = models.CharField(max_length=6, choices=Action.choices, default=Action.OPENED)
    kind = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40)
    record = models.CharField(max_length=200)
    search = models.CharField("searched for", max_length=200, blank=True)
    filters = models.CharField(max_length=200, blank=True)
    viewed_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-viewed_at", "-id"]
        indexes = [models.Index(fields=["client", "-viewed_at"], name="core_recordview_client_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=["opened", "listed"]),
                name="core_recordview_action_valid",
                violation_error_message="An access log entry is a record opened or a list read.",
            ),
        ]

    def __str__(self):
        return f"{self.coach} — {self.describe()}"

    def describe(self) -> str:
        """What the coach did, in the seeker's words: “Searched your contacts for “Priya””."""
        if self.action != self.Action.LISTED:
            return f"{capfirst(self.kind)}: {self.record}"
        if self.search:
            words = f"Searched your {self.kind} for “{self.search}”"
        else:
            words = f"Looked through your {self.kind}"
        return f"{words}, filtered by {self.filters}" if self.filters else words
