"""The seeker's dashboard: what is due, what comes next, and how the walk is going.

It reads across every app and writes nothing (SPEC §1, "The dashboard ties it together"):
each section comes from a selector its app names, and a test pins the total query count.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q, Window
from django.urls import reverse

from core.coaching import CoachingNote
from core.models import ValueStatement
from core.rules import words
from networking.contacts import selectors as contacts
from networking.employers.models import Employer
from networking.meetings import selectors as meetings
from networking.opportunities import selectors as opportunities

UPCOMING_SHOWN = 5
NOTES_SHOWN = 3
# Rows each list of what is due shows; the rest are a link away, however many there are.
DUE_SHOWN = 5


class Shown(list):
    """The first rows of one of the dashboard's lists, with ``total`` (how many there are in all)
    and ``url`` (the page that lists them all)."""

    def __init__(self, rows, *, total: int, url: str):
        super().__init__(rows)
        self.total = total
        self.url = url

    @property
    def more(self) -> int:
        return self.total - len(self)


def first_rows(queryset, url: str) -> Shown:
    """The first ``DUE_SHOWN`` rows of ``queryset`` and the count of all, in one query: the
    count is a window over the whole result, read beside the rows."""
    rows = list(queryset.annotate(listed=Window(Count("pk")))[:DUE_SHOWN])
    return Shown(rows, total=rows[0].listed if rows else 0, url=url)


@dataclass
class Dashboard:
    tasks_due: Shown
    # Contacts met and not thanked yet, their note due, with no open task saying so (the
    # meeting is not debriefed yet, most often): the contact list's red "Send a thank-you note".
    thank_yous_due: Shown
    follow_ups_due: Shown
    needing_debrief: Shown
    unprepared: Shown
    upcoming: list
    funnel: list[dict]
    first_steps: list[dict]
    employers_without_contacts: list
    second_contacts: list
    recruiters: list
    awaiting_reply_count: int
    overstays: int
    # People recommended to the seeker, not written to yet: the first next best actions.
    referrals: Shown
    coaching_notes: list = field(default_factory=list)
    today: object = None

    @property
    def due_count(self) -> int:
        return (
            self.tasks_due.total
            + self.thank_yous_due.total
            + self.follow_ups_due.total
            + self.needing_debrief.total
            + self.unprepared.total
        )

    @property
    def has_contacts(self) -> bool:
        """A seeker with no contact yet has nobody to meet: no booking is offered."""
        return any(step["count"] for step in self.funnel if step["label"] == "Contacts")

    @property
    def all_steps_done(self) -> bool:
        return all(step["done"] for step in self.first_steps)


def _counted(count: int, label: str, url_name: str, note: str = "") -> dict:
    """One step of the funnel; ``note`` says what its count leaves out ("1 dropped")."""
    return {"label": label, "count": count, "url_name": url_name, "note": note}


def _leaving_out(count: int, word: str) -> str:
    return f"{count} {word}" if count else ""


def funnel_for(user) -> list[dict]:
    """SPEC §1: employers → contacts → requests → meetings → referrals, and on (SPEC §6b)
    → opportunities → offers. A count that leaves something out says so: the employers
    dropped, the meetings cancelled. Referrals are everyone recommended to the seeker (the
    contacts someone introduced), of whom the "Write to" list shows those still to write to."""
    dropped = Q(status=Employer.Status.DROPPED)
    employers = Employer.objects.owned_by(user).aggregate(
        kept=Count("pk", filter=~dropped), dropped=Count("pk", filter=dropped)
    )
    people = contacts.funnel_counts(user)
    booked = meetings.meeting_counts(user)
    jobs = opportunities.funnel_counts(user)
    return [
        _counted(
            employers["kept"],
            "Employers",
            "employers:list",
            _leaving_out(employers["dropped"], "dropped"),
        ),
        _counted(people["contacts"], "Contacts", "contacts:list"),
        _counted(people["requests_sent"], "Asked", "contacts:list"),
        _counted(
            booked["booked"],
            "Meetings",
            "meetings:list",
            _leaving_out(booked["cancelled"], "cancelled"),
        ),
        _counted(people["referrals"], "Referrals", "network"),
        _counted(jobs["opportunities"], "Opportunities", "opportunities:list"),
        _counted(jobs["offers"], "Offers", "opportunities:list"),
    ]


def first_steps_for(user, funnel: list[dict], value_count: int) -> list[dict]:
    counts = {step["label"]: step["count"] for step in funnel}
    return [
        {
            "done": user.has_target,
            "title": "Set the role you want",
            "text": "Its title and level tell us whom to meet: two steps above it.",
            "url_name": "profile",
        },
        {
            "done": value_count > 0,
            "title": "Write your value statements",
            "text": "Revenue earned, costs saved, brand built — with a figure.",
            "url_name": "profile",
            "anchor": "#values-h",
        },
        {
            "done": counts["Employers"] > 0,
            "title": "List your ideal employers",
            "text": "Weigh what matters to you and rank employers by fit.",
            "url_name": "employers:list",
        },
        {
            "done": counts["Contacts"] > 0,
            "title": "Find the right insider",
            "text": "At your best-fit employer, the person two levels above the role you want.",
            "url_name": "contacts:create",
        },
        {
            "done": counts["Asked"] > 0,
            "title": f"Ask for {words('default_meeting')} of advice",
            "text": "A short, polite request in their business hours — never for a job.",
            "url_name": "contacts:list",
        },
    ]


def next_missing_step(user) -> dict | None:
    """The first of the first steps not done yet, or ``None`` once they all are: where saving
    the profile leads on to."""
    funnel = funnel_for(user)
    value_count = ValueStatement.objects.owned_by(user).count()
    return next((s for s in first_steps_for(user, funnel, value_count) if not s["done"]), None)


def thank_yous_due(user, today) -> Shown:
    """The contact list's thank-you notes due (``contacts.thank_yous_due``, its rule), less
    those an open thank-you task already puts on the dashboard: each note is shown once."""
    due = contacts.thank_yous_due(user, today)
    tasked = meetings.with_open_thank_you_task(user, [c.pk for c in due])
    rows = [c for c in due if c.pk not in tasked]
    return Shown(rows[:DUE_SHOWN], total=len(rows), url=f"{reverse('contacts:list')}?status=met")


def dashboard_for(user) -> Dashboard:
    today = meetings.today_for(user)
    funnel = funnel_for(user)
    value_count = ValueStatement.objects.owned_by(user).count()
    meetings_url = reverse("meetings:list")
    # Overdue first, then today's: the tasks' own order (due date) puts them so.
    tasks_due = meetings.tasks_overdue(user) | meetings.tasks_due_today(user)
    targets = Employer.objects.owned_by(user).work_these_first()
    referrals = first_rows(
        contacts.referrals_to_write_to(user), f"{reverse('contacts:list')}?status=identified"
    )
    for step in funnel:
        if step["label"] == "Referrals" and referrals.total:
            step["note"] = f"{referrals.total} to write to"
    return Dashboard(
        today=today,
        tasks_due=first_rows(tasks_due, f"{meetings_url}#tasks-h"),
        thank_yous_due=thank_yous_due(user, today),
        follow_ups_due=first_rows(
            contacts.follow_ups_due(user, today), f"{reverse('contacts:list')}?due=on"
        ),
        needing_debrief=first_rows(
            meetings.meetings_needing_debrief(user), f"{meetings_url}?tab=debrief"
        ),
        unprepared=first_rows(
            meetings.meetings_without_preparation(user), f"{meetings_url}?tab=upcoming"
        ),
        upcoming=list(meetings.upcoming_meetings(user)[:UPCOMING_SHOWN]),
        funnel=funnel,
        first_steps=first_steps_for(user, funnel, value_count),
        employers_without_contacts=[e for e in targets if not e.has_advocate],
        second_contacts=contacts.second_contact_suggestions(user, today),
        recruiters=contacts.recruiters_not_written_to(user),
        awaiting_reply_count=contacts.awaiting_reply(user).count(),
        overstays=meetings.overstay_count(user),
        referrals=referrals,
        coaching_notes=list(
            CoachingNote.objects.for_client(user).select_related(
                "coach", "topic__contact", "topic__meeting__contact"
            )[:NOTES_SHOWN]
        ),
    )
