"""Reads about meetings and their tasks, named for what they mean (the dashboard's and ours)."""

from datetime import date

from django.db.models import Count, Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils import timezone

from core.rules import words
from networking.contacts.models import Status as ContactStatus
from networking.meetings.models import AHEAD, OVER, AgendaItem, Meeting, State, Task, in_states

# The most recent meetings and open tasks a contact's or employer's page shows.
PANEL_ROWS = 10


def _meetings(user):
    return Meeting.objects.owned_by(user).select_related(
        "contact", "contact__employer", "contact__owner"
    )


def _tasks(user):
    return Task.objects.owned_by(user).select_related("contact", "meeting")


def today_for(user) -> date:
    return user.today()


# --- for the dashboard -----------------------------------------------------------------------


# What a short list of meetings shows (the dashboard's): with whom, where they work, when, how
# long, and the state the time and status make.
BRIEF = (
    "contact__first_name",
    "contact__last_name",
    "contact__employer__name",
    "starts_at",
    "ends_at",
    "duration_minutes",
    "status",
)


def briefly(user):
    """The seeker's meetings with only what a short list of them shows (``BRIEF``)."""
    return (
        Meeting.objects.owned_by(user).select_related("contact", "contact__employer").only(*BRIEF)
    )


def upcoming_meetings(user, now=None):
    """Meetings in progress or to come, soonest first, each read by its ``state``."""
    return _meetings(user).ahead(now)


def meetings_needing_debrief(user):
    """SPEC §5 "needs debrief": scheduled meetings whose time has passed, and held ones."""
    return _meetings(user).needing_debrief()


def meetings_without_preparation(user):
    """Upcoming meetings with no question picked or no value statement chosen."""
    return _meetings(user).without_preparation()


# What a short list of tasks shows (the dashboard's, the morning email's): each with its
# contact's name and its Done button.
TASK_BRIEF = (
    "contact__first_name",
    "contact__last_name",
    "kind",
    "title",
    "due_on",
    "done",
    "done_at",
)


def tasks_due(user):
    """Open tasks due today or overdue, overdue first (their own order: the due date), with
    only what a short list of them shows (``TASK_BRIEF``)."""
    return (
        Task.objects.owned_by(user)
        .open()
        .filter(due_on__lte=today_for(user))
        .select_related("contact")
        .only(*TASK_BRIEF)
    )


def tasks_due_today(user):
    return _tasks(user).due_today(today_for(user))


def tasks_overdue(user):
    return _tasks(user).overdue(today_for(user))


def overstayed(user):
    """Debriefed meetings that ran past the agreed length without the contact's say-so."""
    return Meeting.objects.owned_by(user).overstayed()


def booked(user):
    """The funnel's meetings: every meeting asked for or held, the cancelled ones aside."""
    return Meeting.objects.owned_by(user).exclude(status=Meeting.Status.CANCELLED)


def open_thank_you_task():
    """Whether the contact's thank-you note is an open task (a debrief wrote it), correlated to
    a contact's row: the dashboard shows the task, not the contact's thank-you a second time."""
    tasks = Task.objects.open().filter(kind=Task.Kind.THANK_YOU, contact=OuterRef("pk"))
    return Exists(tasks)


def cancelled(user):
    """The meetings cancelled: what the funnel's meetings leave out, said beside them."""
    return Meeting.objects.owned_by(user).filter(status=Meeting.Status.CANCELLED)


def referrals_count(user) -> int:
    """People recommended to the seeker in their debriefs (one per recommendation): the
    network page's referrals per meeting."""
    return Meeting.referred_contacts.through.objects.filter(meeting__owner=user).count()


# --- for our own pages -----------------------------------------------------------------------

TABS = {
    "upcoming": ("Upcoming", "ahead"),
    "debrief": ("Needs debrief", "needing_debrief"),
    "past": ("Past", "past"),
}


def meeting_list(user, tab: str):
    """One tab of the meetings page; past meetings newest first."""
    method = TABS[tab][1]
    meetings = getattr(_meetings(user), method)().with_preparation()
    return meetings.order_by("-starts_at", "-id") if tab == "past" else meetings


def tab_counts(user) -> dict[str, int]:
    """How many meetings each tab holds, in one query."""
    now = timezone.now()
    return Meeting.objects.owned_by(user).aggregate(
        upcoming=Count("pk", filter=in_states(now, *AHEAD)),
        debrief=Count("pk", filter=in_states(now, State.NEEDS_DEBRIEF)),
        past=Count("pk", filter=in_states(now, *OVER)),
    )


def open_tasks(user, limit: int = 10):
    return _tasks(user).open()[:limit]


def meeting_detail(user):
    """The queryset a meeting's pages fetch from: its contact, employer and agenda at hand."""
    return (
        _meetings(user)
        .select_related("contact__referred_by", "request")
        .prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("question")),
            "value_statements",
        )
    )


def contact_panel(contact, user) -> dict:
    """A contact's meetings and open tasks, for the panel on the contact's page. A contact who
    said yes (their status, ``with_status``) is booked from here first."""
    said_yes = getattr(contact, "status", None) == ContactStatus.ACCEPTED
    empty_text = (
        f"{contact.first_name} said yes: book {words('meeting_length')} in their business hours."
        if said_yes
        else f"No meeting yet. Once {contact.first_name} accepts your request, "
        f"book {words('meeting_length')} in their business hours."
    )
    return _panel(
        user,
        {"contact": contact},
        panel_id="contact-meetings",
        heading="Meetings",
        book_url=f"{reverse('meetings:create')}?contact={contact.pk}",
        past_url=f"{reverse('meetings:log_past')}?contact={contact.pk}",
        book_first=said_yes,
        with_names=False,
        empty_text=empty_text,
    )


def employer_panel(employer, user) -> dict:
    """Meetings with the employer's contacts, and their open tasks."""
    return _panel(
        user,
        {"contact__employer": employer},
        panel_id="employer-meetings",
        heading="Meetings here",
        book_url=None,
        with_names=True,
        empty_text=(
            f"No meeting with anyone at {employer.name} yet. Find the right person, "
            f"ask for {words('meeting_length')} of advice, and book it."
        ),
    )


def _panel(user, where: dict, **words) -> dict:
    """The latest meetings and open tasks matching ``where``, read through the seeker's own."""
    meetings = _meetings(user).filter(**where).order_by("-starts_at")[:PANEL_ROWS]
    tasks = _tasks(user).filter(**where).open()[:PANEL_ROWS]
    return {**words, "meetings": list(meetings), "tasks": list(tasks), "today": today_for(user)}
