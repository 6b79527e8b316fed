"""One client's walk, as their coach reads it in the admin (SPEC §2): the dashboard's funnel,
what comes next, what is late, the network page's tree and yield, and a chart of the weeks.

A reader on top of every app, reusing the seeker's own selectors; the chart is drawn on the
server as inline SVG (the pages allow no script of their own) from three grouped reads.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count
from django.db.models.functions import TruncWeek
from django.utils import timezone

from core.coaching import CoachingNote
from networking.contacts import selectors as contacts
from networking.contacts.models import OutreachAttempt
from networking.meetings import selectors as meetings
from networking.meetings.models import Meeting
from networking.opportunities import selectors as opportunities
from networking.progress import network
from networking.progress.caseload import week_start
from networking.progress.dashboard import funnel_for

WEEKS = 12
SHOWN = 5
SERIES = (
    ("requests", "Requests sent"),
    ("meetings", "Meetings"),
    ("referrals", "Referrals"),
)
# The chart's drawing box, in SVG units; it scales to the page's width.
WIDTH, HEIGHT, AXIS, TOP = 720, 220, 28, 14


@dataclass
class Bar:
    series: str
    value: int
    x: float
    y: float
    width: float
    height: float


@dataclass
class Week:
    starts_on: object
    counts: dict
    bars: list
    label_x: float


@dataclass
class Chart:
    weeks: list[Week]
    top: int  # the largest weekly count, the chart's scale
    series: tuple = SERIES
    width: int = WIDTH
    height: int = HEIGHT
    baseline: int = HEIGHT - AXIS
    top_y: int = TOP  # where the tallest bar ends

    @property
    def empty(self) -> bool:
        return self.top == 0

    @property
    def summary(self) -> str:
        """The chart in one sentence, for those who do not see it."""
        totals = {key: sum(week.counts[key] for week in self.weeks) for key, _ in SERIES}
        first = self.weeks[0].starts_on
        return (
            f"Over the {WEEKS} weeks from {first:%-d %b %Y}: {totals['requests']} requests sent, "
            f"{totals['meetings']} meetings and {totals['referrals']} referrals."
        )


def weekly_activity(client, zone, now=None) -> Chart:
    """Requests sent, meetings booked (not cancelled) and referrals, per week (Monday to
    Sunday in ``zone``, the reader's) over the last ``WEEKS`` weeks: three grouped queries."""
    now = now or timezone.now()
    first = week_start(now, zone) - timedelta(weeks=WEEKS - 1)
    per_week = {
        "requests": OutreachAttempt.objects.filter(
            contact__owner=client, kind=OutreachAttempt.Kind.REQUEST, sent_at__gte=first
        ).annotate(week=TruncWeek("sent_at", tzinfo=zone)),
        "meetings": Meeting.objects.filter(owner=client, starts_at__gte=first)
        .exclude(status=Meeting.Status.CANCELLED)
        .annotate(week=TruncWeek("starts_at", tzinfo=zone)),
        "referrals": Meeting.referred_contacts.through.objects.filter(
            meeting__owner=client, meeting__starts_at__gte=first
        ).annotate(week=TruncWeek("meeting__starts_at", tzinfo=zone)),
    }
    counts = {}
    for key, queryset in per_week.items():
        for row in queryset.values("week").annotate(n=Count("pk")).order_by():
            week = row["week"]
            day = week.date() if isinstance(week, datetime) else week
            counts[(key, day)] = row["n"]
    starts = [(first + timedelta(weeks=i)).date() for i in range(WEEKS)]
    top = max(counts.values(), default=0)
    return Chart(weeks=[_week(i, day, counts, top) for i, day in enumerate(starts)], top=top)


def _week(index: int, day, counts: dict, top: int) -> Week:
    """One week's group of bars, placed in the drawing box, scaled to ``top``."""
    slot = WIDTH / WEEKS
    bar_width = slot / (len(SERIES) + 1)
    baseline = HEIGHT - AXIS
    values = {key: counts.get((key, day), 0) for key, _ in SERIES}
    bars = []
    for position, (key, _) in enumerate(SERIES):
        height = (baseline - TOP) * values[key] / top if top else 0
        bars.append(
            Bar(
                series=key,
                value=values[key],
                x=round(index * slot + bar_width * (position + 0.5), 1),
                y=round(baseline - height, 1),
                width=round(bar_width, 1),
                height=round(height, 1),
            )
        )
    return Week(starts_on=day, counts=values, bars=bars, label_x=round((index + 0.5) * slot, 1))


@dataclass
class Overview:
    client: object
    funnel: list
    upcoming: list
    debriefs: list
    tasks_overdue: list
    follow_ups_overdue: list
    forest: network.Forest
    yield_: network.Yield
    notes: list
    chart: Chart
    opportunities: opportunities.Summary


def overview_for(client, zone, now=None) -> Overview:
    """Everything the coach's page about one client shows, read through the seeker's own
    selectors (the dashboard's, the network page's)."""
    today = client.today()
    return Overview(
        client=client,
        funnel=funnel_for(client),
        upcoming=list(meetings.upcoming_meetings(client, now)[:SHOWN]),
        debriefs=list(meetings.meetings_needing_debrief(client)[:SHOWN]),
        tasks_overdue=list(meetings.tasks_overdue(client)[:SHOWN]),
        follow_ups_overdue=list(
            contacts.follow_ups_due(client, today)
            .filter(follow_up_due_on__lt=today)
            .select_related("employer")[:SHOWN]
        ),
        forest=network.referral_forest(client),
        yield_=network.yield_for(client),
        notes=list(
            CoachingNote.objects.for_client(client).select_related(
                "coach", "topic__contact", "topic__meeting__contact"
            )[:SHOWN]
        ),
        chart=weekly_activity(client, zone, now),
        opportunities=opportunities.opportunity_summary(client),
    )
