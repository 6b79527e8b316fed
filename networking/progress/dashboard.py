"""The seeker's dashboard: what is due, what comes next, and how the walk is going.

It reads across every app and writes nothing (SPEC §1, "The dashboard ties it together"):
each section comes from a selector its app names, and a test pins the total query count.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q, Window
from django.urls import reverse
from django.utils import timezone

from core.coaching import CoachingNote
from core.counts import count_each
from core.firsts import First, first_of_each
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
# Employers where a second contact could help, and recruiters to look past, named among the
# next best actions.
SECOND_SHOWN = 3
RECRUITERS_SHOWN = 3


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


def first_of(queryset, total: int, url: str, shown: int = DUE_SHOWN) -> Shown:
    """The first ``shown`` rows of ``queryset``, whose rows were counted already (``total``,
    by ``count_each`` with the page's other counts): not read at all when there are none."""
    return Shown(list(queryset[:shown]) if total else [], total=total, url=url)


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
    second_contacts: Shown
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


def _leaving_out(count: int, word: str) -> str:
    return f"{count} {word}" if count else ""


def funnel_and_counts(user, **also) -> tuple[list[dict], dict[str, int]]:
    """SPEC §1: employers → contacts → requests → meetings → referrals, and on (SPEC §6b)
    → opportunities → offers; with the counts of ``also`` (querysets), all in one query.

    Each step is the set its app's selector names; ``count_each`` only carries them together.
    A count that leaves something out says so in its ``note``: the employers dropped, the
    meetings cancelled. Referrals are everyone recommended to the seeker (the contacts someone
    introduced), of whom the "Write to" list shows those still to write to.
    """
    employers = Employer.objects.owned_by(user)
    dropped = Q(status=Employer.Status.DROPPED)
    counts = count_each(
        employers=employers.exclude(dropped),
        employers_dropped=employers.filter(dropped),
        **contacts.funnel_sets(user),
        meetings=meetings.booked(user),
        meetings_cancelled=meetings.cancelled(user),
        **opportunities.funnel_sets(user),
        **also,
    )
    notes = {
        "employers": _leaving_out(counts["employers_dropped"], "dropped"),
        "meetings": _leaving_out(counts["meetings_cancelled"], "cancelled"),
    }
    steps = [
        ("Employers", "employers", "employers:list"),
        ("Contacts", "contacts", "contacts:list"),
        ("Asked", "requests_sent", "contacts:list"),
        ("Meetings", "meetings", "meetings:list"),
        ("Referrals", "referrals", "network"),
        ("Opportunities", "opportunities", "opportunities:list"),
        ("Offers", "offers", "opportunities:list"),
    ]
    funnel = [
        {"label": label, "count": counts[key], "url_name": url_name, "note": notes.get(key, "")}
        for label, key, url_name in steps
    ]
    return funnel, counts


def funnel_for(user) -> list[dict]:
    """The funnel alone (the coach's pages)."""
    return funnel_and_counts(user)[0]


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
    funnel, counts = funnel_and_counts(user, values=ValueStatement.objects.owned_by(user))
    value_count = counts["values"]
    return next((s for s in first_steps_for(user, funnel, value_count) if not s["done"]), None)


def thank_yous_due(user, today) -> Shown:
    """The contact list's thank-you notes due (``contacts.thank_you_notes_due``, its rule),
    less those an open thank-you task already puts on the dashboard: each note is shown once."""
    ids = _thank_you_notes_due(user, today)
    rows = contacts.listed(user).in_bulk(ids[:DUE_SHOWN]) if ids else {}
    return _thank_yous_shown(user, today, ids, rows)


def _thank_you_notes_due(user, today) -> list[int]:
    return contacts.thank_you_notes_due(user, today, unless=meetings.open_thank_you_task())


def _thank_yous_shown(user, today, ids: list[int], rows: dict) -> Shown:
    shown = [rows[pk] for pk in ids[:DUE_SHOWN] if pk in rows]
    url = f"{reverse('contacts:list')}?status=met"
    return Shown(contacts.decorate(shown, user, today), total=len(ids), url=url)


def dashboard_for(user) -> Dashboard:
    today = meetings.today_for(user)
    now = timezone.now()
    meetings_url = reverse("meetings:list")
    contacts_url = reverse("contacts:list")
    notes = CoachingNote.objects.for_client(user).select_related(
        "coach", "topic__contact", "topic__meeting__contact"
    )
    funnel, counts = funnel_and_counts(
        user,
        values=ValueStatement.objects.owned_by(user),
        awaiting_reply=contacts.awaiting_reply(user),
        overstays=meetings.overstayed(user),
        coaching_notes=notes,
    )
    # The head of each list of people and of meetings, with how many each holds: two queries
    # for all the lists of people (the thank-you notes' rows read with them), two for those of
    # meetings; each list the queryset its app's selector names.
    thank_yous = _thank_you_notes_due(user, today)
    people, read = first_of_each(
        {
            "follow_ups_due": (contacts.follow_ups_due(user, today), DUE_SHOWN),
            "referrals": (contacts.referrals_to_write_to(user), DUE_SHOWN),
            "second_contacts": (contacts.second_contacts_due(user, today), SECOND_SHOWN),
            # Named, not counted.
            "recruiters": (contacts.recruiters_not_written_to(user), RECRUITERS_SHOWN, False),
        },
        contacts.listed(user, now),
        also=thank_yous[:DUE_SHOWN],
    )
    planned, _ = first_of_each(
        {
            "needing_debrief": (meetings.meetings_needing_debrief(user), DUE_SHOWN),
            "unprepared": (meetings.meetings_without_preparation(user), DUE_SHOWN),
            "upcoming": (meetings.upcoming_meetings(user), UPCOMING_SHOWN),
        },
        meetings.briefly(user),
    )
    referrals = _shown(people["referrals"], f"{contacts_url}?referral=on")
    for step in funnel:
        if step["label"] == "Referrals" and referrals.total:
            step["note"] = f"{referrals.total} to write to"
    second = people["second_contacts"]
    return Dashboard(
        today=today,
        tasks_due=first_rows(
            # Overdue first, then today's: the tasks' own order (due date) puts them so.
            meetings.tasks_due(user),
            f"{meetings_url}#tasks-h",
        ),
        thank_yous_due=_thank_yous_shown(user, today, thank_yous, read),
        follow_ups_due=_shown(people["follow_ups_due"], f"{contacts_url}?due=on"),
        needing_debrief=_shown(planned["needing_debrief"], f"{meetings_url}?tab=debrief"),
        unprepared=_shown(planned["unprepared"], f"{meetings_url}?tab=upcoming"),
        upcoming=planned["upcoming"].rows,
        funnel=funnel,
        first_steps=first_steps_for(user, funnel, counts["values"]),
        employers_without_contacts=Employer.objects.owned_by(user).best_targets_unknown(),
        second_contacts=Shown(
            [contacts.SecondContactSuggestion.of(c) for c in second.rows],
            total=second.total,
            url="",
        ),
        recruiters=contacts.decorate(people["recruiters"].rows, user, today),
        awaiting_reply_count=counts["awaiting_reply"],
        overstays=counts["overstays"],
        referrals=referrals,
        coaching_notes=first_of(notes, counts["coaching_notes"], "", shown=NOTES_SHOWN),
    )


def _shown(first: First, url: str) -> Shown:
    """A list's head read by ``first_of_each``, with the page that lists it whole."""
    return Shown(first.rows, total=first.total, url=url)
