"""Informational meetings (SPEC §1 steps 5–9, §5): the meeting.

Its agenda lives in ``agenda.py``, the question bank in ``questions.py`` and the follow-up
tasks in ``tasks.py``; their models are imported here so Django finds them.
"""

import operator
from datetime import timedelta
from functools import reduce

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from core.asks import KEY_QUESTION
from core.business_days import within_business_hours
from core.models import ValueStatement
from core.paths import path_to
from core.rules import (
    ACCEPTED_MINUTES,
    DEFAULT_MINUTES,
    RECOMMENDED_MINUTES,
    VALUE_STATEMENTS,
    words,
)
from networking.contacts.models import Contact, OutreachAttempt
from networking.meetings.agenda import CLOSING_LINE, AgendaItem, AgendaLine
from networking.meetings.questions import Question
from networking.meetings.scheduling import (
    LENGTH_REFUSAL,
    LengthVerdict,
    judge_length,
    outside_hours_reason,
)
from networking.meetings.tasks import Task

__all__ = ["AgendaItem", "AgendaLine", "Meeting", "Question", "State", "Task"]

# On PostgreSQL, the database itself keeps a seeker in one meeting at a time: migration 0010
# adds this exclusion constraint (it has no SQLite form, so it is not in Meta.constraints).
NO_OVERLAP = "meetings_meeting_no_overlap"


# A page of notes typed on a phone during a short meeting, with room to spare.
RUN_NOTES_MAX = 10_000


class State(models.TextChoices):
    """What a meeting is at an instant, in the one word every page and the admin show.

    From its stored ``status`` and its time, read at ``now`` (Python's clock, passed in):
    a booked meeting is upcoming (requested or scheduled) until it starts; a scheduled one is
    then in progress until it ends, and needs a debrief after (SPEC §5), as a held one does;
    a request whose time came unconfirmed was never confirmed. The start is the line the
    contact's status draws too (``ContactQuerySet.with_status``): once a scheduled meeting
    has begun, its contact is met and it is no longer anybody's next meeting.
    """

    REQUESTED = "requested", "Requested"
    SCHEDULED = "scheduled", "Scheduled"
    IN_PROGRESS = "in_progress", "In progress"
    NEEDS_DEBRIEF = "needs_debrief", "Needs debrief"
    DEBRIEFED = "debriefed", "Debriefed"
    CANCELLED = "cancelled", "Cancelled"
    NEVER_CONFIRMED = "never_confirmed", "Never confirmed"

    @classmethod
    def of(cls, status: str, starts_at, ends_at, now) -> "State":
        """The state of one meeting at ``now``, in Python: the rule of ``state_filters``."""
        if status in (cls.DEBRIEFED, cls.CANCELLED):
            return cls(status)
        if status == "held":
            return cls.NEEDS_DEBRIEF
        if starts_at >= now:
            return cls(status)  # requested or scheduled, still to come
        if status == "requested":
            return cls.NEVER_CONFIRMED
        return cls.IN_PROGRESS if ends_at >= now else cls.NEEDS_DEBRIEF


def state_filters(now) -> dict[State, Q]:
    """Each state as a filter at ``now``, in SQL: the rule of ``State.of`` (a test holds the
    two to the same answer for every status and time)."""
    started = Q(starts_at__lt=now)
    return {
        State.REQUESTED: Q(status="requested") & ~started,
        State.SCHEDULED: Q(status="scheduled") & ~started,
        State.IN_PROGRESS: Q(status="scheduled", ends_at__gte=now) & started,
        State.NEEDS_DEBRIEF: Q(status="scheduled", ends_at__lt=now) | Q(status="held"),
        State.DEBRIEFED: Q(status="debriefed"),
        State.CANCELLED: Q(status="cancelled"),
        State.NEVER_CONFIRMED: Q(status="requested") & started,
    }


def in_states(now, *states: State) -> Q:
    """Meetings in any of ``states`` at ``now``."""
    filters = state_filters(now)
    return reduce(operator.or_, (filters[state] for state in states))


# The groups the pages name: to come (not started), under way or to come (the "Upcoming"
# tab and the dashboard's list), and over (the "Past" tab).
TO_COME = (State.REQUESTED, State.SCHEDULED)
AHEAD = (State.IN_PROGRESS, *TO_COME)
OVER = (State.DEBRIEFED, State.CANCELLED, State.NEVER_CONFIRMED)
# Not prepared yet: no question picked or no value statement chosen (``with_preparation``).
UNPREPARED = Q(has_agenda=False) | Q(has_values=False)


class MeetingQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(owner=user)

    def clashing_with(self, starts_at, ends_at, *, besides=None):
        """One seeker, one meeting at a time: those not cancelled that overlap the given time.

        ``besides`` (a meeting's pk) is left out, so a meeting moved within its own time does
        not clash with itself. A meeting may start when another ends.
        """
        overlapping = self.exclude(status=Meeting.Status.CANCELLED).filter(
            starts_at__lt=ends_at, ends_at__gt=starts_at
        )
        return overlapping if besides is None else overlapping.exclude(pk=besides)

    def in_state(self, *states, now=None):
        """The meetings in any of ``states`` at ``now`` (``State``)."""
        return self.filter(in_states(now or timezone.now(), *states))

    def upcoming(self, moment=None):
        """Requested or scheduled, and not started yet."""
        return self.in_state(*TO_COME, now=moment)

    def ahead(self, moment=None):
        """In progress or still to come: the meetings the "Upcoming" lists show."""
        return self.in_state(*AHEAD, now=moment)

    def in_progress(self, moment=None):
        return self.in_state(State.IN_PROGRESS, now=moment)

    def needing_debrief(self, moment=None):
        """SPEC §5: a scheduled meeting whose time has passed, or one marked held: write it up."""
        return self.in_state(State.NEEDS_DEBRIEF, now=moment)

    def past(self, moment=None):
        """Debriefed, cancelled, or a request whose time came unconfirmed."""
        return self.in_state(*OVER, now=moment)

    def with_preparation(self):
        """Annotate ``has_agenda`` and ``has_values``: the two halves of preparation."""
        return self.annotate(
            has_agenda=Exists(AgendaItem.objects.filter(meeting=OuterRef("pk"))),
            has_values=Exists(
                Meeting.value_statements.through.objects.filter(meeting=OuterRef("pk"))
            ),
        )

    def without_preparation(self, moment=None):
        """Upcoming meetings with no questions picked or no value statement chosen."""
        return self.upcoming(moment).with_preparation().filter(UNPREPARED)

    def overstayed(self):
        """SPEC §1 step 8: the actual length ran past the agreed one, not at the contact's wish."""
        return self.filter(
            actual_minutes__gt=models.F("duration_minutes"), extended_by_contact=False
        )


class Meeting(models.Model):
    """A 15–20 minute conversation with a contact, held to gather information (SPEC §5)."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "Requested"
        SCHEDULED = "scheduled", "Scheduled"
        HELD = "held", "Held"
        DEBRIEFED = "debriefed", "Debriefed"
        CANCELLED = "cancelled", "Cancelled"

    class Impression(models.TextChoices):
        ENGAGED = "engaged", "Engaged"
        NEUTRAL = "neutral", "Neutral"
        HURRIED = "hurried", "Hurried"

    # SPEC §5 states: requested → scheduled → held → debriefed, or cancelled. A passed
    # scheduled meeting may go straight to debriefed (it was held; the debrief says so).
    TRANSITIONS = {
        Status.REQUESTED: {Status.SCHEDULED, Status.HELD, Status.CANCELLED},
        Status.SCHEDULED: {Status.REQUESTED, Status.HELD, Status.DEBRIEFED, Status.CANCELLED},
        Status.HELD: {Status.DEBRIEFED},  # it took place: nothing to cancel
        Status.DEBRIEFED: set(),
        Status.CANCELLED: {Status.REQUESTED, Status.SCHEDULED},
    }

    # Fields whose change re-runs the booking rules in clean().
    BOOKING_FIELDS = ("contact_id", "starts_at", "duration_minutes", "status")

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="meetings")
    # The contact's owner, stored on the row (save() keeps it so) for the one-meeting-at-a-time
    # constraint, which can only compare columns of one table, and for owned_by without a join.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meetings", editable=False
    )
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField(
        "length (minutes)",
        default=DEFAULT_MINUTES,
        help_text=(
            f"{RECOMMENDED_MINUTES[0]} or {RECOMMENDED_MINUTES[-1]} minutes is the norm; "
            "let the contact decide to go longer."
        ),
    )
    ends_at = models.DateTimeField(editable=False)
    location = models.CharField(
        max_length=300, blank=True, help_text="A place, or a video-call link."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    request = models.ForeignKey(
        OutreachAttempt,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        help_text="The request this meeting answers.",
    )
    # Preparation (SPEC §1 step 6)
    value_statements = models.ManyToManyField(ValueStatement, blank=True, related_name="meetings")
    research_notes = models.TextField(
        blank=True, help_text="What you learned about the employer and the contact beforehand."
    )
    will_ask_resume = models.BooleanField("I will ask whether I may leave my résumé", default=False)
    will_let_them_steer = models.BooleanField(
        f"{words('meeting_length')}: I will watch the time and let them steer", default=False
    )
    # Written on the run sheet during the meeting (saved as typed); the debrief starts from it.
    run_notes = models.TextField("notes during the meeting", blank=True, max_length=RUN_NOTES_MAX)
    # Debrief (SPEC §1 step 8)
    actual_minutes = models.PositiveSmallIntegerField(
        "actual length (minutes)", null=True, blank=True
    )
    extended_by_contact = models.BooleanField("the contact chose to go longer", default=False)
    impression = models.CharField(
        "how they came across", max_length=10, choices=Impression.choices, blank=True
    )
    resume_left = models.BooleanField("I left my résumé", default=False)
    notes = models.TextField(blank=True)
    debriefed_at = models.DateTimeField(null=True, blank=True)
    referred_contacts = models.ManyToManyField(
        Contact, blank=True, related_name="referred_in_meetings"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    status__in=["requested", "scheduled", "held", "debriefed", "cancelled"]
                ),
                name="meetings_meeting_status_valid",
                violation_error_message=(
                    "Choose a state: requested, scheduled, held, debriefed or cancelled."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(
                    duration_minutes__gte=ACCEPTED_MINUTES[0],
                    duration_minutes__lte=ACCEPTED_MINUTES[-1],
                ),
                name="meetings_meeting_duration_10_to_30",
                violation_error_message=(
                    f"A meeting lasts from {ACCEPTED_MINUTES[0]} to {ACCEPTED_MINUTES[-1]} minutes."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meetings_meeting_ends_after_start",
                violation_error_message="A meeting ends after it starts.",
            ),
            models.CheckConstraint(
                condition=models.Q(impression__in=["", "engaged", "neutral", "hurried"]),
                name="meetings_meeting_impression_valid",
                violation_error_message="Choose how they came across: engaged, neutral or hurried.",
            ),
            models.CheckConstraint(
                condition=models.Q(actual_minutes__isnull=True)
                | models.Q(actual_minutes__gte=1, actual_minutes__lte=240),
                name="meetings_meeting_actual_minutes_sane",
                violation_error_message="How long it lasted is between 1 and 240 minutes.",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "ends_at"], name="meetings_status_ends_idx"),
            # The latest meetings of a seeker's (an employer's or a contact's panel), newest
            # first, read from the index's head rather than joined to every contact there.
            models.Index(fields=["owner", "-starts_at"], name="meetings_owner_latest_idx"),
        ]

    def __str__(self):
        return f"Informational meeting with {self.contact}"

    def save(self, *args, **kwargs):
        # ends_at is derived, stored so that "needs debrief" is one indexed filter; owner is the
        # contact's, stored so the database can refuse a double booking. Writes that reach other
        # models (the contact's request) live in services.save_meeting.
        if self.starts_at and self.duration_minutes:
            self.ends_at = self.starts_at + timedelta(minutes=self.duration_minutes)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "ends_at"}
        if self.contact_id is not None and (
            self.owner_id is None or self.booking_changed("contact_id")
        ):
            self.owner_id = self.contact.owner_id
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "owner"}
        super().save(*args, **kwargs)
        self._snapshot_booking()

    def get_absolute_url(self):
        return path_to("meetings:detail", self.pk)

    # The booking as it was loaded, so clean() re-runs the booking rules only when the
    # booking changes (Django's documented from_db pattern); it reads, it never writes.

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._snapshot_booking()
        return instance

    def _snapshot_booking(self):
        self._booked = {name: self.__dict__.get(name) for name in self.BOOKING_FIELDS}

    def stored(self, name):
        """Booking field ``name`` as it is in the database (None for a meeting not saved yet)."""
        return getattr(self, "_booked", {}).get(name)

    def booking_changed(self, name) -> bool:
        """Whether booking field ``name`` differs from its stored value (always, when new)."""
        return not hasattr(self, "_booked") or self.stored(name) != self.__dict__.get(name)

    def clean(self):
        """SPEC §5: length 10–30 minutes, business hours of the contact, legal state changes;
        SPEC §2: the contact is the seeker's own.

        Checked when the booking is new or changes, so a debrief or the preparation of a
        meeting booked long ago is not refused for rules it met when it was booked.
        """
        super().clean()
        errors = {}
        verdict = judge_length(self.duration_minutes)
        if verdict is LengthVerdict.INVALID and self.booking_changed("duration_minutes"):
            errors["duration_minutes"] = LENGTH_REFUSAL
        if (
            self.owner_id is not None
            and self.contact_id is not None
            and self.booking_changed("contact_id")
            and self.contact.owner_id != self.owner_id
        ):
            errors["contact"] = "A meeting is with one of your own contacts."
        rebooked = any(map(self.booking_changed, ("contact_id", "starts_at", "duration_minutes")))
        if self.starts_at and self.contact_id and rebooked and verdict is not LengthVerdict.INVALID:
            problem = self.hours_problem()
            if problem:
                errors["starts_at"] = problem
        previous = self.stored("status")
        if (
            previous
            and previous != self.status
            and self.status not in self.TRANSITIONS.get(previous, set())
        ):
            errors["status"] = (
                f"A {self.Status(previous).label.lower()} meeting cannot become "
                f"{self.Status(self.status).label.lower()}."
            )
        elif (
            self.booking_changed("status")
            and self.starts_at
            and self.status in (self.Status.HELD, self.Status.DEBRIEFED)
            and self.starts_at > timezone.now()
        ):
            errors["status"] = "A meeting cannot be held before its time: keep it scheduled."
        if errors:
            raise ValidationError(errors)

    # --- reading the meeting -------------------------------------------------------------

    @property
    def length_warning(self) -> str:
        """SPEC §5: 10–14 and 21–30 minutes are accepted, with a word of caution."""
        if judge_length(self.duration_minutes) is LengthVerdict.ACCEPTED:
            return (
                f"{self.duration_minutes} minutes is outside the {words('meeting_length')} that "
                f"contacts expect; ask for {RECOMMENDED_MINUTES[0]} or {RECOMMENDED_MINUTES[-1]} "
                "and let them offer more."
            )
        return ""

    def state_at(self, now=None) -> State:
        """What the meeting is at ``now`` (``State``), the word every page shows."""
        return State.of(self.status, self.starts_at, self.ends_at, now or timezone.now())

    @property
    def state(self) -> State:
        return self.state_at()

    @property
    def needs_debrief(self) -> bool:
        return self.state == State.NEEDS_DEBRIEF

    @property
    def is_in_progress(self) -> bool:
        return self.state == State.IN_PROGRESS

    @property
    def is_upcoming(self) -> bool:
        """Requested or scheduled, not started yet: the time to prepare it."""
        return self.state in TO_COME

    @property
    def display_status(self) -> str:
        return self.state.label

    @property
    def can_be_debriefed(self) -> bool:
        return self.needs_debrief

    # Held or debriefed: the meeting took place. There is nothing left to cancel or to put in a
    # calendar (a past meeting still only scheduled may not have happened: it can be cancelled).
    TOOK_PLACE = (Status.HELD, Status.DEBRIEFED)

    @property
    def can_be_cancelled(self) -> bool:
        return self.Status.CANCELLED in self.TRANSITIONS[self.status]

    @property
    def belongs_in_a_calendar(self) -> bool:
        """An ``.ics`` file is offered for a meeting still to come: not once it has taken
        place, nor once its time is over (a past meeting waiting for its debrief)."""
        if self.status in self.TOOK_PLACE:
            return False
        return self.ends_at is None or self.ends_at > timezone.now()

    @property
    def overstayed(self) -> bool:
        return (
            self.actual_minutes is not None
            and self.actual_minutes > self.duration_minutes
            and not self.extended_by_contact
        )

    @property
    def overstay_minutes(self) -> int:
        return self.actual_minutes - self.duration_minutes if self.overstayed else 0

    @property
    def zones_differ(self) -> bool:
        return self.contact.timezone != self.contact.owner.timezone

    @property
    def planned_end(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    def contact_local_start(self):
        return self.starts_at.astimezone(self.contact.zone)

    def contact_local_end(self):
        return self.planned_end.astimezone(self.contact.zone)

    def clash_message(self, zone) -> str:
        """What a seeker is told when a booking overlaps this meeting; times shown in ``zone``."""
        start, end = self.starts_at.astimezone(zone), self.ends_at.astimezone(zone)
        return (
            f"You already have a meeting with {self.contact.full_name} at that time "
            f"({start:%H:%M}–{end:%H:%M})."
        )

    def hours_problem(self) -> str:
        """SPEC §5: why the meeting falls outside the contact's business hours ("" if it fits);
        SPEC §6a: a public holiday of the contact's country is no business day."""
        contact = self.contact
        zone, country = contact.zone, contact.country
        if within_business_hours(self.starts_at, zone, self.planned_end, country=country):
            return ""
        return outside_hours_reason(
            self.starts_at, self.planned_end, zone, contact.first_name, country
        )

    def checklist(self) -> list[tuple[str, bool]]:
        """SPEC §1 step 6: what "prepared" means. Reads prefetched agenda and values."""
        questions = len(self.agenda_items.all())
        values = len(self.value_statements.all())
        return [
            ("Agenda ready: three questions or more, besides the key question", questions >= 3),
            (
                f"{words('value_statements').capitalize()} value statements chosen",
                values in VALUE_STATEMENTS,
            ),
            ("Research notes on the employer and the contact", bool(self.research_notes.strip())),
            ("Ask whether I may leave my résumé", self.will_ask_resume),
            (
                f"{words('meeting_length')}: watch the time, let them steer",
                self.will_let_them_steer,
            ),
        ]

    def readiness(self) -> int:
        """How ready the preparation is, 0–100."""
        checks = self.checklist()
        return round(100 * sum(done for _, done in checks) / len(checks))

    def agenda(self, items=None) -> list["AgendaLine"]:
        """SPEC §5: the picked questions in order, the key question last-but-one, then the close.

        The key question is not stored per meeting, so nothing can remove it.
        """
        items = list(self.agenda_items.all()) if items is None else items
        lines = [
            AgendaLine(item.text, "own" if item.question_id is None else "bank", item)
            for item in items
        ]
        lines.append(AgendaLine(KEY_QUESTION, "key"))
        lines.append(AgendaLine(CLOSING_LINE, "closing"))
        return lines

    def phases(self) -> list[dict]:
        """SPEC §1 step 7: small talk ≈ a quarter, questions ≈ half, value and next steps last."""
        length = self.duration_minutes * 60
        quarter, half = round(length / 4), round(length / 2)
        return [
            {"name": "Small talk", "start": 0, "end": quarter},
            {"name": "Your questions", "start": quarter, "end": quarter + half},
            {
                "name": "Your value, the key question, next steps",
                "start": quarter + half,
                "end": length,
            },
        ]
