"""Contacts at the seeker's employers and the outreach to them (SPEC §1 steps 3–4, §3, §4)."""

import functools
import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.html import format_html

from core.columns import Columns
from core.countries import country_name, validate_country
from core.ladder import LADDER, Level
from core.models import OwnedQuerySet
from core.paths import path_to
from core.row_sql import RowSQL
from core.timezones import validate_timezone, zone_named
from networking.contacts.cadence import MAX_FOLLOW_UPS
from networking.employers.models import Employer

# What a contact's status needs of the meetings app above (core/columns.py). The facts are
# stored on the contact's row (``state.py`` writes them with the history): when the seeker
# last held a meeting with them, the first and last start of their ``scheduled`` meetings,
# and the first and last start of their booked ones (requested or scheduled). The two dates
# read at an instant (the next meeting to come, when the seeker last met them) are exact from
# the stored facts for every contact whose meetings do not straddle that instant; for the few
# that do, ``state.settle_meeting_dates`` reads them. Until meetings fill them, nobody is met.
_NO_DATE = Value(None, output_field=models.DateTimeField())
MEETING_FACTS = (
    "last_held_at",
    "first_scheduled_at",
    "last_scheduled_at",
    "first_booked_at",
    "last_booked_at",
)
FROM_ABOVE = Columns(
    "Contact", **dict.fromkeys((*MEETING_FACTS, "next_meeting_at", "last_met_at"), _NO_DATE)
)


class Status(models.TextChoices):
    """Where a contact stands, derived from outreach and meetings, never typed (SPEC §1, §4)."""

    IDENTIFIED = "identified", "Identified"
    REQUESTED = "requested", "Requested"
    ACCEPTED = "accepted", "Accepted"
    SCHEDULED = "scheduled", "Scheduled"
    MET = "met", "Met"
    NURTURING = "nurturing", "Nurturing"
    DECLINED = "declined", "Declined"
    REDIRECTED = "redirected", "Redirected"
    RESTING = "resting", "No reply — let it rest"


# A meeting booked or held: no more chasing the request.
WITH_A_MEETING = (Status.SCHEDULED, Status.MET, Status.NURTURING)
# Asked, and no meeting since: the request's cycle decides.
ASKED = (Status.REQUESTED, Status.ACCEPTED, Status.DECLINED, Status.REDIRECTED, Status.RESTING)
# A contact with a meeting held, scheduled or booked (what the meeting statuses imply).
HAS_MEETING = (
    Q(last_held_at__isnull=False)
    | Q(first_scheduled_at__isnull=False)
    | Q(last_booked_at__isnull=False)
)


def in_status(status) -> Q:
    """Those whose ``status`` (annotated by ``with_status``) is ``status``, with what that
    status implies of the row's indexed columns spelled beside it: the database then reads the
    contacts that can be in it (the asked ones, those with a meeting) through their index,
    not every contact of the seeker's. The status alone still decides."""
    matching = Q(status=status)
    if status in ASKED:
        return matching & Q(last_request_at__isnull=False)
    if status in WITH_A_MEETING:
        return matching & HAS_MEETING
    return matching


def _later(first: str, second: str) -> str:
    """The later of two stored dates, either of which may be empty."""
    return (
        f"CASE WHEN {{{second}}} IS NULL THEN {{{first}}} WHEN {{{first}}} > {{{second}}} "
        f"THEN {{{first}}} ELSE {{{second}}} END"
    )


@functools.cache
def _status_sql() -> dict[str, str]:
    """The SQL of what ``with_status`` annotates, over the row's ``{columns}``, ``%s`` being now."""
    met = "({last_held_at} IS NOT NULL OR {first_scheduled_at} < %s)"
    reply = OutreachAttempt.Reply
    return {
        # Exact unless the contact's scheduled meetings straddle now (then a lower bound).
        "last_met_at": (
            f"CASE WHEN {{last_scheduled_at}} < %s "
            f"THEN {_later('last_held_at', 'last_scheduled_at')} "
            f"WHEN {{first_scheduled_at}} < %s "
            f"THEN {_later('last_held_at', 'first_scheduled_at')} "
            "ELSE {last_held_at} END"
        ),
        # Exact unless their booked meetings straddle now (then an upper bound).
        "next_meeting_at": (
            "CASE WHEN {first_booked_at} >= %s THEN {first_booked_at} "
            "WHEN {last_booked_at} >= %s THEN {last_booked_at} ELSE NULL END"
        ),
        "meeting_dates_exact": (
            "CASE WHEN ({first_scheduled_at} < %s AND {last_scheduled_at} >= %s) "
            "OR ({first_booked_at} < %s AND {last_booked_at} >= %s) THEN FALSE ELSE TRUE END"
        ),
        "status": (
            f"CASE WHEN {met} AND {{nurtured}} THEN '{Status.NURTURING}' "
            f"WHEN {met} THEN '{Status.MET}' "
            f"WHEN {{last_booked_at}} >= %s THEN '{Status.SCHEDULED}' "
            f"WHEN {{last_request_at}} IS NULL THEN '{Status.IDENTIFIED}' "
            f"WHEN {{cycle_reply}} = '{reply.ACCEPTED}' THEN '{Status.ACCEPTED}' "
            f"WHEN {{cycle_reply}} = '{reply.DECLINED}' THEN '{Status.DECLINED}' "
            f"WHEN {{cycle_reply}} = '{reply.REDIRECTED}' THEN '{Status.REDIRECTED}' "
            f"WHEN {{cycle_reply}} IS NULL AND {{follow_ups}} >= {MAX_FOLLOW_UPS} "
            f"THEN '{Status.RESTING}' "
            f"ELSE '{Status.REQUESTED}' END"
        ),
    }


class ContactQuerySet(OwnedQuerySet):
    def with_status(self, now=None):
        """Annotate the derived ``status`` (SPEC §4) at ``now``, from the contact's own row.

        The outreach cycle is stored on the row (``last_request_at``, ``follow_ups``,
        ``cycle_reply``, ``cycle_replied_at``, ``last_cycle_attempt_at``,
        ``last_contacted_at``, ``nurtured``), and so are the meeting facts; this adds
        ``next_meeting_at``, ``last_met_at``, ``meeting_dates_exact`` and ``status``, a
        CASE on the row's columns and ``now``: no subquery per contact, so lists filter,
        count and sort on the status at the cost of reading the rows.
        """
        now = now or timezone.now()
        sql = _status_sql()
        return self.annotate(
            **{
                name: RowSQL(sql[name], now, output_field=field)
                for name, field in (
                    ("last_met_at", models.DateTimeField()),
                    ("next_meeting_at", models.DateTimeField()),
                    ("meeting_dates_exact", models.BooleanField()),
                    ("status", models.CharField()),
                )
            }
        )

    def awaiting_reply(self, now=None):
        """Requests sent and not answered yet, follow-ups still allowed or not. (Only a contact
        asked has a request date: the per-seeker index on it leaves the others unread.)"""
        return self.with_status(now).filter(
            status__in=[Status.REQUESTED, Status.RESTING],
            cycle_reply__isnull=True,
            last_request_at__isnull=False,
        )

    def follow_ups_due(self, today, now=None):
        """SPEC §4: polite follow-ups due on or before ``today`` (the seeker's): the stored
        due date (``follow_up_due_on``) of a contact still only asked (no meeting since)."""
        return self.with_status(now).filter(status=Status.REQUESTED, follow_up_due_on__lte=today)


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
    # The level's place on the ladder (-1: not known yet), kept by the database from ``level``:
    # an employer's page lists its people from the top of the ladder down through an index.
    rung = models.GeneratedField(
        expression=models.Case(
            *(models.When(level=level, then=Value(level.rank)) for level in LADDER),
            default=Value(-1),
        ),
        output_field=models.SmallIntegerField(),
        db_persist=True,
    )
    timezone = models.CharField(
        max_length=64,
        validators=[validate_timezone],
        help_text="Business hours (Mon–Fri 09:00–17:00) are read in this zone.",
    )
    # SPEC §6a: booking and follow-ups skip this country's public holidays (empty: none known,
    # weekends only). It defaults from the zone (``core.countries.country_of_zone``).
    country = models.CharField(
        max_length=2,
        blank=True,
        default="",
        db_default="",
        validators=[validate_country],
        help_text="Their public holidays are not business days.",
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
    # A referral the seeker chose not to write to: it leaves the dashboard's next best actions
    # and the morning email (``selectors.referrals_to_write_to``). Empty until dismissed.
    referral_dismissed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The contact's state, derived from their outreach and meetings and stored by every write
    # of that history, in its transaction (``state.refresh_state``), so that lists read it
    # from the row. The defaults are a contact nobody has written to yet: identified.
    # The outreach cycle: the latest request, with the follow-ups and the reply after it.
    last_request_at = models.DateTimeField(null=True, blank=True, editable=False)
    follow_ups = models.PositiveSmallIntegerField(default=0, db_default=0, editable=False)
    # Empty (NULL) while the cycle is unanswered, as ``cadence.Cycle.reply`` reads it.
    cycle_reply = models.CharField(max_length=10, null=True, blank=True, editable=False)  # noqa: DJ001
    cycle_replied_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_cycle_attempt_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_contacted_at = models.DateTimeField(null=True, blank=True, editable=False)
    nurtured = models.BooleanField(default=False, db_default=False, editable=False)
    # The meeting facts (``FROM_ABOVE``), filled from the meetings app's expressions.
    last_held_at = models.DateTimeField(null=True, blank=True, editable=False)
    first_scheduled_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_scheduled_at = models.DateTimeField(null=True, blank=True, editable=False)
    first_booked_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_booked_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The cadence's dates for the cycle (SPEC §4, ``cadence.py``), business days counted in the
    # contact's zone, less their country's public holidays (§6a): when a polite follow-up falls
    # due (empty once answered, and after the second follow-up: never a third) and when to
    # approach a second contact at their employer (empty once answered). Days, not verdicts:
    # a list compares them with the seeker's today when it reads them, so they never go stale.
    follow_up_due_on = models.DateField(null=True, blank=True, editable=False)
    second_contact_on = models.DateField(null=True, blank=True, editable=False)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        indexes = [
            # The contact list, in its order, per seeker; the cycle's lists by request date.
            models.Index(
                fields=["owner", "last_name", "first_name", "id"], name="contacts_contact_list_idx"
            ),
            models.Index(fields=["owner", "last_request_at"], name="contacts_contact_request_idx"),
            # The network page: a seeker's introductions, without reading the others.
            models.Index(
                fields=["owner", "referred_by"],
                condition=models.Q(referred_by__isnull=False),
                name="contacts_contact_referred_idx",
            ),
            # The dashboard's follow-ups due and second contacts: "on or before today", oldest
            # first, per seeker, among the few contacts with such a date.
            models.Index(
                fields=["owner", "follow_up_due_on"],
                name="contacts_contact_follow_up_idx",
                condition=Q(follow_up_due_on__isnull=False),
            ),
            models.Index(
                fields=["owner", "second_contact_on"],
                name="contacts_contact_second_idx",
                condition=Q(second_contact_on__isnull=False),
            ),
            # The dashboard's thank-you notes due: the contacts met (a meeting held or gone by)
            # and not thanked yet, a few, read without the seeker's other contacts.
            models.Index(
                fields=["owner"],
                name="contacts_contact_unthanked_idx",
                condition=Q(nurtured=False)
                & (Q(last_held_at__isnull=False) | Q(first_scheduled_at__isnull=False)),
            ),
            # The list filtered on a meeting's status (``in_status``), in its order.
            models.Index(
                fields=["owner", "last_name", "first_name", "id"],
                name="contacts_contact_met_idx",
                condition=HAS_MEETING,
            ),
            # The dashboard's recruiters nobody has written to, newest first: the few HR
            # contacts never asked, not every contact of the seeker's.
            models.Index(
                fields=["owner", "id"],
                name="contacts_contact_hr_idx",
                condition=Q(function="hr", last_request_at__isnull=True),
            ),
            # An employer's contacts, their ids in the index: counted (the employer list's
            # "contacts") and joined (its next meeting) from the index alone, never the rows.
            models.Index(fields=["employer", "id"], name="contacts_contact_employer_idx"),
            # An employer's page: its people from the top of the ladder down, by name, the
            # first few read from the index's head; counted (the ideal level's too) from the
            # index alone.
            models.Index(
                fields=["employer", "-rung", "last_name", "first_name", "id"],
                include=["function", "owner"],
                name="contacts_contact_ladder_idx",
            ),
            # "Someone else there was asked in the last 60 days" (second contacts): the asked
            # contacts of one employer by date, never every contact there.
            models.Index(
                fields=["employer", "last_request_at"],
                name="contacts_contact_asked_idx",
                condition=Q(last_request_at__isnull=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(referred_by=models.F("id")),
                name="contacts_contact_not_referred_by_self",
                violation_error_message="A contact cannot be their own referrer.",
            ),
            # SPEC §6: the same email is the same person; a contact may have no email.
            models.UniqueConstraint(
                Lower("email"),
                "owner",
                condition=~models.Q(email=""),
                name="contacts_contact_unique_email_per_owner",
                violation_error_code="duplicate",
                violation_error_message=(
                    "You already have a contact with this email address. "
                    "Edit them instead of adding them twice."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(level__in=["", *Level.values]),
                name="contacts_contact_level_valid",
                violation_error_message="Choose a level from the ladder, or leave it empty.",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    function__in=[
                        "general",
                        "engineering",
                        "product",
                        "design",
                        "sales",
                        "marketing",
                        "operations",
                        "finance",
                        "hr",
                        "other",
                    ]
                ),
                name="contacts_contact_function_valid",
                violation_error_message="Choose a function from the list.",
            ),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return path_to("contacts:detail", self.pk)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def status_label(self) -> str:
        """The label of the derived status (needs ``Contact.objects.with_status()``)."""
        return Status(self.status).label

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zone_named(self.timezone) or self.owner.zone

    @property
    def country_label(self) -> str:
        return country_name(self.country) if self.country else ""

    def clean(self):
        """The name in common must be another of the seeker's contacts, and no loop (SPEC §1.9)."""
        super().clean()
        if not self.referred_by_id:
            return
        from networking.contacts.referrals import referral_loop

        if self.pk and self.referred_by_id == self.pk:
            raise ValidationError(
                {"referred_by": "A contact cannot introduce themselves. Pick who introduced you."}
            )
        if self.referred_by.owner_id != self.owner_id:
            raise ValidationError({"referred_by": "Pick one of your own contacts."})
        loop = referral_loop(self)
        if loop:
            raise ValidationError(
                {
                    "referred_by": (
                        f"That would make a loop: {loop[0]} would be introduced by "
                        + ", who was introduced by ".join(loop[1:])
                        + ". Nobody can be introduced, even indirectly, by someone they introduced."
                    )
                }
            )


def twin_refusal(twin: Contact) -> ValidationError:
    """SPEC §6: the same person twice is one contact. The refusal names the one already there
    and links to it, whether the form saw the twin or the database refused it."""
    return ValidationError(
        format_html(
            'You already have <a href="{}">{}</a> (same email, LinkedIn URL, or name '
            "at the same employer). Edit them instead of adding them twice.",
            twin.get_absolute_url(),
            twin.full_name,
        ),
        code="duplicate",
    )


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
        indexes = [
            models.Index(fields=["contact", "kind", "sent_at"], name="contacts_outreach_cycle_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reply="none") | models.Q(replied_at__isnull=False),
                name="contacts_outreach_reply_has_a_date",
                violation_error_message="A reply needs the date it came.",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["request", "follow_up", "thank_you", "update"]),
                name="contacts_outreach_kind_valid",
                violation_error_message=(
                    "Choose what you sent: a meeting request, a polite follow-up, "
                    "a thank-you note or an update."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(channel__in=["email", "linkedin", "phone", "in_person"]),
                name="contacts_outreach_channel_valid",
                violation_error_message=(
                    "Choose how you sent it: email, LinkedIn, phone or in person."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(reply__in=["none", "accepted", "declined", "redirected"]),
                name="contacts_outreach_reply_valid",
                violation_error_message=(
                    "Choose the reply: no reply yet, accepted, declined, "
                    "or redirected to someone else."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.contact} on {self.sent_at:%Y-%m-%d}"


# SPEC §6: an upload waits a day for its confirmation, then it is forgotten.
PENDING_IMPORT_LIFETIME = timedelta(days=1)


class PendingImportQuerySet(models.QuerySet):
    def live(self, now=None):
        return self.filter(created_at__gt=(now or timezone.now()) - PENDING_IMPORT_LIFETIME)

    def expired(self, now=None):
        return self.filter(created_at__lte=(now or timezone.now()) - PENDING_IMPORT_LIFETIME)


class PendingImport(models.Model):
    """A CSV file read for its preview and waiting for the seeker's confirmation (SPEC §6).

    One per seeker (a new upload replaces it), for a day; the confirmation consumes it.
    ``key`` names it in the preview's form, so a preview left open in another tab cannot
    confirm a newer file. ``data`` is the parsed rows as compressed JSON
    (``networking/contacts/pending_imports.py``).
    """

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_import"
    )
    key = models.CharField(max_length=32)
    filename = models.CharField(max_length=200)
    data = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = PendingImportQuerySet.as_manager()

    def __str__(self):
        return self.filename

    @property
    def is_expired(self) -> bool:
        return self.created_at <= timezone.now() - PENDING_IMPORT_LIFETIME
