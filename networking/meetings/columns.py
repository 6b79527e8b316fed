"""What the meetings app tells the contacts and employers below it, as columns of their lists.

Contacts and employers know nothing of meetings; they ask for these columns by name
(core/columns.py) and ``MeetingsConfig.ready()`` provides them. Each is a subquery
correlated to the outer row, read at the request's ``now`` (Python's clock). A contact's
meeting facts (``contact_last_held_at`` … ``contact_last_booked_at``) do not depend on
``now``: the contacts app stores them on the contact's row when its meetings change.
"""

from django.db.models import OuterRef, Q, Subquery

from networking.meetings.models import Meeting, State, in_states

BOOKED = [Meeting.Status.REQUESTED, Meeting.Status.SCHEDULED]
HELD = [Meeting.Status.HELD, Meeting.Status.DEBRIEFED]


def _first_start(meetings):
    return Subquery(meetings.order_by("starts_at").values("starts_at")[:1])


def _last_start(meetings):
    return Subquery(meetings.order_by("-starts_at").values("starts_at")[:1])


def _contact_meetings(*statuses):
    return Meeting.objects.filter(contact=OuterRef("pk"), status__in=statuses)


def contact_last_held_at(now):
    """When the latest meeting held with the contact (debriefed or not) began."""
    return _last_start(_contact_meetings(*HELD))


def contact_first_scheduled_at(now):
    """The start of the contact's first ``scheduled`` meeting: once past, they are met (§5)."""
    return _first_start(_contact_meetings(Meeting.Status.SCHEDULED))


def contact_last_scheduled_at(now):
    """The start of the contact's last ``scheduled`` meeting."""
    return _last_start(_contact_meetings(Meeting.Status.SCHEDULED))


def contact_first_booked_at(now):
    """The start of the contact's first meeting requested or scheduled."""
    return _first_start(_contact_meetings(*BOOKED))


def contact_last_booked_at(now):
    """The start of the contact's last meeting requested or scheduled: booked while to come."""
    return _last_start(_contact_meetings(*BOOKED))


def contact_next_meeting_at(now):
    """The soonest meeting to come with the contact: requested or scheduled, not started."""
    return _first_start(Meeting.objects.upcoming(now).filter(contact=OuterRef("pk")))


def contact_last_met_at(now):
    """When the seeker last met the contact: a meeting held, or a scheduled one begun (its
    state in progress or needs debrief, SPEC §5)."""
    met = Q(status__in=HELD) | in_states(now, State.IN_PROGRESS, State.NEEDS_DEBRIEF)
    latest = Meeting.objects.filter(met, contact=OuterRef("pk")).order_by("-starts_at")
    return Subquery(latest.values("starts_at")[:1])


def employer_next_meeting_at(now):
    """The employer's meeting under way, or else the soonest to come: requested or scheduled
    and not over (the meetings the "Upcoming" lists show), so an employer being met now never
    reads as having no meeting."""
    return _first_start(Meeting.objects.ahead(now).filter(contact__employer=OuterRef("pk")))
