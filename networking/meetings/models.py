"""Informational meetings (SPEC §1 steps 5–9, §5)."""

from django.db import models
from django.urls import reverse

from networking.contacts.models import Contact


class MeetingQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(contact__owner=user)


class Meeting(models.Model):
    """A 15–20 minute conversation with a contact, held to gather information."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "Requested"
        SCHEDULED = "scheduled", "Scheduled"
        HELD = "held", "Held"
        DEBRIEFED = "debriefed", "Debriefed"
        CANCELLED = "cancelled", "Cancelled"

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField(default=20)
    location = models.CharField(
        max_length=300, blank=True, help_text="A place, or a video-call link."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    status__in=["requested", "scheduled", "held", "debriefed", "cancelled"]
                ),
                name="meetings_meeting_status_valid",
            ),
        ]

    def __str__(self):
        return f"Informational meeting with {self.contact}"

    def get_absolute_url(self):
        return reverse("meetings:detail", args=[self.pk])
