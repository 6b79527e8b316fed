"""A coach's caseload: every active client at a glance, the ones who need the coach first.

A reader on top of every app (SPEC §2): it reads each client's stored state (the contacts'
stored outreach dates and follow-up due dates, the meetings' state filters, the open tasks)
in one grouped query per kind of record, so the number of queries does not grow with the
number of clients, nor with their contacts.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import reduce
from operator import or_

from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.utils import timezone

from core.coaching import CoachAssignment
from networking.contacts.models import Contact
from networking.contacts.models import Status as ContactStatus
from networking.employers.models import Employer
from networking.meetings.models import Meeting, State, Task, in_states

# A client with no outreach, meeting or debrief for this many days needs a word from the coach.
QUIET_DAYS = 10


@dataclass
class ClientRow:
    """One client's line in the caseload: the funnel, the week, the last move, what is late."""

    client: object
    started_at: datetime
    employers: int = 0
    contacts: int = 0
    asked: int = 0
    meetings: int = 0
    referrals: int = 0
    meetings_this_week: int = 0
    meetings_last_week: int = 0
    last_activity: datetime | None = None
    debriefs_due: int = 0
    follow_ups_overdue: int = 0
    thank_yous_overdue: int = 0
    quiet: bool = False
    today: date | None = None

    @property
    def funnel(self) -> list[tuple[str, int]]:
        """SPEC §1's funnel, in the dashboard's words: employers → … → referrals."""
        return [
            ("Employers", self.employers),
            ("Contacts", self.contacts),
            ("Asked", self.asked),
            ("Meetings", self.meetings),
            ("Referrals", self.referrals),
        ]

    @property
    def attention(self) -> list[str]:
        """What needs the coach's attention, in words; empty when the client is on track."""
        items = []
        if self.debriefs_due:
            items.append(_plural(self.debriefs_due, "debrief not written", "debriefs not written"))
        if self.follow_ups_overdue:
            items.append(
                _plural(self.follow_ups_overdue, "follow-up overdue", "follow-ups overdue")
            )
        if self.thank_yous_overdue:
            items.append(
                _plural(self.thank_yous_overdue, "thank-you overdue", "thank-yous overdue")
            )
        if self.quiet:
            items.append(f"no activity for {QUIET_DAYS} days")
        return items

    @property
    def attention_score(self) -> int:
        """How much is late: each overdue item counts one, a quiet fortnight one more."""
        return (
            self.debriefs_due
            + self.follow_ups_overdue
            + self.thank_yous_overdue
            + (1 if self.quiet else 0)
        )


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def week_start(moment: datetime, zone) -> datetime:
    """Monday 00:00 of the week holding ``moment``, in ``zone``."""
    local = timezone.localtime(moment, zone)
    monday = local.date() - timedelta(days=local.weekday())
    return datetime.combine(monday, datetime.min.time(), tzinfo=zone)


def _before_their_today(clients, field_name: str, owner: str = "owner") -> Q:
    """``field_name`` falls before each client's own today (their zone's date): one condition
    per zone among the clients, so still one query for any number of them."""
    now = timezone.now()
    by_zone = defaultdict(list)
    for client in clients:
        by_zone[client.zone].append(client.pk)
    return reduce(
        or_,
        (
            Q(**{f"{owner}__in": ids, f"{field_name}__lt": timezone.localtime(now, zone).date()})
            for zone, ids in by_zone.items()
        ),
        Q(pk__in=[]),
    )


def caseload_for(coach, now=None) -> list[ClientRow]:
    """SPEC §2: the coach's active clients, those who need attention first.

    Seven queries whatever the number of clients: the clients, then one grouped read each of
    employers, contacts, follow-ups overdue, meetings, referrals and thank-yous overdue.
    Weeks are the coach's (Monday to Sunday in the coach's zone); "overdue" is each client's
    own today, as their dashboard says it.
    """
    now = now or timezone.now()
    assignments = (
        CoachAssignment.objects.active()
        .filter(coach=coach)
        .select_related("client")
        .order_by("client__name", "client__email")
    )
    rows = {a.client_id: ClientRow(client=a.client, started_at=a.started_at) for a in assignments}
    if not rows:
        return []
    clients = [row.client for row in rows.values()]
    ids = list(rows)
    for row in rows.values():
        row.today = row.client.today()

    for entry in (
        Employer.objects.filter(owner__in=ids)
        .exclude(status=Employer.Status.DROPPED)
        .values("owner")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        rows[entry["owner"]].employers = entry["n"]

    for entry in (
        Contact.objects.filter(owner__in=ids)
        .values("owner")
        .annotate(
            n=Count("pk"),
            asked=Count("pk", filter=Q(last_request_at__isnull=False)),
            # Everyone recommended to the client, as their dashboard's funnel counts them.
            referred=Count("pk", filter=Q(referred_by__isnull=False)),
            last_contacted=Max("last_contacted_at"),
        )
        .order_by()
    ):
        row = rows[entry["owner"]]
        row.contacts, row.asked, row.referrals = entry["n"], entry["asked"], entry["referred"]
        row.last_activity = _latest(row.last_activity, entry["last_contacted"])

    # A follow-up is overdue when its stored due date is before the client's today and the
    # contact is still only asked: the dashboard's rule (``ContactQuerySet.follow_ups_due``).
    for entry in (
        Contact.objects.filter(owner__in=ids)
        .with_status(now)
        .filter(_before_their_today(clients, "follow_up_due_on"), status=ContactStatus.REQUESTED)
        .values("owner")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        rows[entry["owner"]].follow_ups_overdue = entry["n"]

    this_week = week_start(now, coach.zone)
    last_week = this_week - timedelta(days=7)
    next_week = this_week + timedelta(days=7)
    booked = ~Q(status=Meeting.Status.CANCELLED)
    for entry in (
        Meeting.objects.filter(owner__in=ids)
        .values("owner")
        .annotate(
            n=Count("pk", filter=booked),
            this_week=Count(
                "pk", filter=booked & Q(starts_at__gte=this_week, starts_at__lt=next_week)
            ),
            last_week=Count(
                "pk", filter=booked & Q(starts_at__gte=last_week, starts_at__lt=this_week)
            ),
            debriefs=Count("pk", filter=in_states(now, State.NEEDS_DEBRIEF)),
            last_met=Max("starts_at", filter=booked & Q(starts_at__lte=now)),
            last_debrief=Max("debriefed_at"),
        )
        .order_by()
    ):
        row = rows[entry["owner"]]
        row.meetings, row.debriefs_due = entry["n"], entry["debriefs"]
        row.meetings_this_week, row.meetings_last_week = entry["this_week"], entry["last_week"]
        row.last_activity = _latest(row.last_activity, entry["last_met"], entry["last_debrief"])

    # Open thank-yous due before the latest of the clients' todays lead (the index on done and
    # due date); each one's client is read by the contact's key, so the clients' contacts are
    # not all scanned to join them.
    latest_today = max(row.today for row in rows.values())
    thank_yous = Q(kind=Task.Kind.THANK_YOU, done=False, due_on__lt=latest_today)
    for entry in (
        Task.objects.filter(thank_yous)
        .annotate(
            client=Subquery(Contact.objects.filter(pk=OuterRef("contact_id")).values("owner_id"))
        )
        .filter(_before_their_today(clients, "due_on", owner="client"))
        .values("client")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        rows[entry["client"]].thank_yous_overdue = entry["n"]

    quiet_since = now - timedelta(days=QUIET_DAYS)
    for row in rows.values():
        row.quiet = (row.last_activity or row.started_at) < quiet_since
    return sorted(rows.values(), key=lambda row: -row.attention_score)


def _latest(*moments):
    present = [moment for moment in moments if moment is not None]
    return max(present) if present else None
