"""What the meetings app tells the contacts and employers below it, as columns of their lists.

Contacts and employers know nothing of meetings; they ask for these columns by name
(core/columns.py) and ``MeetingsConfig.ready()`` provides them. Each is a subquery
correlated to the outer row, read at the request's ``now`` (Python's clock).
"""

from django.db.models import OuterRef, Q, Subquery

from networking.meetings.models import Meeting

BOOKED = [Meeting.Status.REQUESTED, Meeting.Status.SCHEDULED]
HELD = [Meeting.Status.HELD, Meeting.Status.DEBRIEFED]


def _first_start(meetings):
    return Subquery(meetings.order_by("starts_at").values("starts_at")[:1])


def contact_next_meeting_at(now):
    """The soonest meeting to come with the contact, requested or scheduled."""
    return _first_start(
        Meeting.objects.filter(contact=OuterRef("pk"), status__in=BOOKED, starts_at__gte=now)
    )


def contact_last_met_at(now):
    """When the seeker last met the contact: held, debriefed, or scheduled and past (SPEC §5)."""
    met = Q(status__in=HELD) | Q(status=Meeting.Status.SCHEDULED, starts_at__lt=now)
    latest = Meeting.objects.filter(met, contact=OuterRef("pk")).order_by("-starts_at")
    return Subquery(latest.values("starts_at")[:1])


def employer_next_meeting_at(now):
    """The soonest meeting to come with anyone at the employer, requested or scheduled."""
    return _first_start(
        Meeting.objects.filter(
            contact__employer=OuterRef("pk"), status__in=BOOKED, starts_at__gte=now
        )
    )
