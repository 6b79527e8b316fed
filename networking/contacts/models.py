"""Contacts at the seeker's employers and the outreach to them (SPEC §1 steps 3–4, §3, §4)."""

import zoneinfo

from django.conf import settings
from django.db import models
from django.urls import reverse

from core.ladder import Level
from core.models import OwnedQuerySet
from core.timezones import validate_timezone
from networking.employers.models import Employer


class Contact(models.Model):
    class Function(models.TextChoices):
        GENERAL = "general", "General management"
        ENGINEERING = "engineering", "Engineering"
        PRODUCT = "product", "Product"
        DESIGN = "design", "Design"
        SALES = "sales", "Sales"
        MARKETING = "marketing", "Marketing"
        OPERATIONS = "operations", "Operations"
        FINANCE = "finance", "Finance"
        HR = "hr", "HR / recruiting"
        OTHER = "other", "Other"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contacts"
    )
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="contacts", null=True, blank=True
    )
    title = models.CharField(max_length=150, blank=True)
    level = models.CharField(
        max_length=20,
        choices=Level.choices,
        blank=True,
        help_text="Their seniority; it decides the advice. Leave empty if you do not know yet.",
    )
    function = models.CharField(max_length=20, choices=Function.choices, default=Function.GENERAL)
    timezone = models.CharField(
        max_length=64,
        validators=[validate_timezone],
        help_text="Business hours (Mon–Fri 09:00–17:00) are read in this zone.",
    )
    referred_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        help_text="The name in common: who introduced you.",
    )
    linkedin_url = models.URLField("LinkedIn URL", blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(referred_by=models.F("id")),
                name="contacts_contact_not_referred_by_self",
            ),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("contacts:detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return self.owner.zone


class OutreachQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(contact__owner=user)


class OutreachAttempt(models.Model):
    """One message to a contact: a request, a follow-up, a thank-you or an update (SPEC §4)."""

    class Kind(models.TextChoices):
        REQUEST = "request", "Meeting request"
        FOLLOW_UP = "follow_up", "Polite follow-up"
        THANK_YOU = "thank_you", "Thank-you note"
        UPDATE = "update", "Update"

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        LINKEDIN = "linkedin", "LinkedIn"
        PHONE = "phone", "Phone"
        IN_PERSON = "in_person", "In person"

    class Reply(models.TextChoices):
        NONE = "none", "No reply yet"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        REDIRECTED = "redirected", "Redirected to someone else"

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="outreach")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.REQUEST)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    sent_at = models.DateTimeField()
    message = models.TextField(blank=True)
    reply = models.CharField(max_length=10, choices=Reply.choices, default=Reply.NONE)
    replied_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OutreachQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reply="none") | models.Q(replied_at__isnull=False),
                name="contacts_outreach_reply_has_a_date",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.contact} on {self.sent_at:%Y-%m-%d}"
