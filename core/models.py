"""Accounts: the user (email login), the seeker's profile, value statements."""

import zoneinfo
from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.timezone import localtime, now

from core.accounts import normalise_email
from core.countries import validate_country
from core.ladder import Level, ideal_level_for
from core.reminders import new_calendar_token, next_digest_at
from core.timezones import validate_timezone


class OwnedQuerySet(models.QuerySet):
    """The one door to a seeker's objects: every view and form goes through ``owned_by``."""

    def owned_by(self, user):
        return self.filter(owner=user)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=normalise_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)

    def with_email(self, email):
        """The account of an email typed in any case: at most one, whatever the spelling.

        The lookup goes through the same ``lower(email)`` as the unique constraint, so it is
        the constraint's index that answers.
        """
        return self.alias(email_lower=Lower("email")).filter(email_lower=normalise_email(email))

    def get_by_natural_key(self, username):
        # Log-in on the site and in the admin: any case finds the account.
        return self.with_email(username).get()

    def take_turns(self, pk) -> None:
        """Lock the seeker's row until the transaction ends: writes of one seeker's that must
        not interleave (two bookings checked against each other, two changes to the ratings
        an employer's stored score sums) run one after the other, each seeing the last one
        committed. ``no_key`` leaves the row free for the foreign keys that point at it.
        """
        list(self.select_for_update(no_key=True).filter(pk=pk).order_by().values("pk"))


EMAIL_TAKEN = "An account with this email already exists. Sign in, or reset your password."


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an email address: a seeker, a coach, or an admin.

    The seeker's profile (SPEC §1 step 1) lives here too: the role they want,
    its level on the ladder, and the time zone their pages are shown in.
    """

    email = models.EmailField("email address", unique=True, error_messages={"unique": EMAIL_TAKEN})
    name = models.CharField("your name", max_length=150, blank=True)
    target_title = models.CharField(
        "role you want",
        max_length=150,
        blank=True,
        help_text="The job title you are aiming for, e.g. “Product Designer”.",
    )
    target_level = models.CharField(
        "its level",
        max_length=20,
        choices=Level.choices,
        default=Level.MANAGER,
        help_text="Where that role sits on the ladder; the people to meet are two steps above.",
    )
    timezone = models.CharField(
        "your time zone",
        max_length=64,
        default="UTC",
        validators=[validate_timezone],
        help_text="Times on your pages are shown in this zone.",
    )
    country = models.CharField(
        "your country",
        max_length=2,
        blank=True,
        default="",
        db_default="",
        validators=[validate_country],
        help_text=(
            "Your own tasks (thank-you notes, the morning email) skip its public holidays. "
            "It follows your time zone unless you pick one."
        ),
    )
    digest_on = models.BooleanField(
        "email me each morning",
        default=True,
        help_text=(
            "At 08:00 on business days, when something is due: thank-yous, follow-ups, "
            "debriefs, today's meetings and new referrals."
        ),
    )
    # When the next daily email falls due, in UTC (core/reminders.py); empty when it is off.
    next_digest_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The secret in the address of the seeker's calendar feed (/calendar/<token>.ics).
    calendar_token = models.CharField(
        max_length=64, unique=True, default=new_calendar_token, editable=False
    )
    is_staff = models.BooleanField(
        "staff status",
        default=False,
        help_text="Can sign in to the admin site (coaches and administrators).",
    )
    is_active = models.BooleanField("active", default=True)
    date_joined = models.DateTimeField("date joined", default=now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="core_user_email_unique_any_case",
                violation_error_message=EMAIL_TAKEN,
            ),
        ]
        indexes = [
            # The scheduler's question: whose daily email is due by now? (core/reminders.py)
            models.Index(
                fields=["next_digest_at"],
                name="core_user_digest_due_idx",
                condition=models.Q(digest_on=True),
            ),
        ]

    def __str__(self):
        return self.name or self.email

    @classmethod
    def from_db(cls, db, field_names, values):
        user = super().from_db(db, field_names, values)
        user._stored_timezone = user.__dict__.get("timezone")
        user._stored_country = user.__dict__.get("country")
        return user

    def save(self, *args, **kwargs):
        # The next daily email follows the seeker's zone and country (their business days): a
        # new zone or country moves it.
        if not self.digest_on:
            self.next_digest_at = None
        elif (
            self.next_digest_at is None
            or self.timezone != getattr(self, "_stored_timezone", self.timezone)
            or self.country != getattr(self, "_stored_country", self.country)
        ):
            self.next_digest_at = next_digest_at(self.zone, now(), self.country)
        super().save(*args, **kwargs)
        self._stored_timezone = self.timezone
        self._stored_country = self.country

    def clean(self):
        super().clean()
        self.email = normalise_email(self.email)

    def get_full_name(self):
        return self.name or self.email

    def get_short_name(self):
        return self.name.split(" ")[0] if self.name else self.email.split("@")[0]

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(settings.TIME_ZONE)

    def today(self) -> date:
        """The seeker's date now, in their own zone: what "due today" means for them."""
        return localtime(now(), self.zone).date()

    @property
    def has_target(self) -> bool:
        return bool(self.target_title)

    @property
    def ideal_contact_level(self) -> Level:
        """SPEC §3: the people to meet sit two steps above the role the seeker wants."""
        return ideal_level_for(self.target_level)


class ValueStatement(models.Model):
    """SPEC §5: what the seeker brings, as revenue earned, costs saved, or brand built."""

    class Kind(models.TextChoices):
        REVENUE = "revenue", "Revenue earned"
        COST = "cost", "Costs saved"
        BRAND = "brand", "Brand or reputation built"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="value_statements"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    figure = models.CharField(
        max_length=40, help_text="The number that proves it, e.g. “$1.2M” or “30%”."
    )
    statement = models.TextField(
        max_length=600,
        help_text="Where and how you achieved it, in one or two sentences.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["revenue", "cost", "brand"]),
                name="core_valuestatement_kind_valid",
                violation_error_message=(
                    "Choose what it shows: revenue earned, costs saved, or brand built."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.figure} — {Truncator(self.statement).chars(60)}"

    def get_absolute_url(self):
        return reverse("profile")


# Coaching lives in its own module; importing it here registers its models with the app.
from core.coaching import CoachAssignment, CoachingNote, RecordView  # noqa: E402, F401
from core.invitations import CoachInvitation  # noqa: E402, F401
