"""A contact's history on their page, newest first (SPEC §1, "The chain"): every message sent
and every reply, every meeting and its debrief, every task and every referral.

The contact page belongs to the contacts app, which knows nothing of meetings; this app sits
above it and adds the timeline to the page's ``contact`` slot (``core/panels.py``). It reads a
fixed number of queries, one per kind of record, each cut at ``TIMELINE_ROWS`` by the date
of its latest event (a reply, a debrief, a task done): a contact with a long history costs
what a contact with a short one does, and the latest events are never the ones cut.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models.functions import Coalesce, Greatest
from django.utils.text import Truncator

from networking.contacts.models import Contact, OutreachAttempt
from networking.meetings.models import Meeting
from networking.meetings.tasks import Task

TIMELINE_ROWS = 30
EXCERPT_WORDS = 30


@dataclass(frozen=True)
class Event:
    at: datetime
    kind: str  # outreach, reply, meeting, debrief, task, referral
    title: str
    detail: str = ""
    url: str = ""

    @property
    def tone(self) -> str:
        """The colour of its mark on the timeline (a Bootstrap border colour)."""
        return TONES[self.kind]


TONES = {
    "outreach": "primary",
    "reply": "success",
    "meeting": "info",
    "debrief": "warning",
    "task": "secondary",
    "referral": "success",
}


def _outreach_events(contact) -> tuple[list[Event], bool]:
    attempts = list(
        OutreachAttempt.objects.filter(contact=contact)
        .only("kind", "channel", "sent_at", "message", "reply", "replied_at", "contact_id")
        # By its latest event, so that a late reply to an old message is among the latest.
        .order_by(Greatest("sent_at", Coalesce("replied_at", "sent_at")).desc(), "-id")[
            :TIMELINE_ROWS
        ]
    )
    events = []
    for attempt in attempts:
        events.append(
            Event(
                attempt.sent_at,
                "outreach",
                f"{attempt.get_kind_display()} sent by {attempt.get_channel_display().lower()}",
                Truncator(attempt.message).words(EXCERPT_WORDS),
            )
        )
        if attempt.reply != OutreachAttempt.Reply.NONE and attempt.replied_at:
            events.append(
                Event(
                    attempt.replied_at,
                    "reply",
                    f"{contact.first_name} replied: {attempt.get_reply_display().lower()}",
                )
            )
    return events, len(attempts) == TIMELINE_ROWS


def _meeting_events(contact) -> tuple[list[Event], bool]:
    meetings = list(
        Meeting.objects.filter(contact=contact)
        .only(
            "starts_at",
            "ends_at",
            "duration_minutes",
            "status",
            "notes",
            "debriefed_at",
            "impression",
            "contact_id",
        )
        .order_by(Coalesce("debriefed_at", "starts_at").desc(), "-id")[:TIMELINE_ROWS]
    )
    events = []
    for meeting in meetings:
        url = meeting.get_absolute_url()
        events.append(
            Event(
                meeting.starts_at,
                "meeting",
                f"Meeting, {meeting.duration_minutes} minutes · {meeting.state.label.lower()}",
                url=url,
            )
        )
        if meeting.debriefed_at:
            came_across = meeting.get_impression_display().lower()
            events.append(
                Event(
                    meeting.debriefed_at,
                    "debrief",
                    f"Debrief written · came across {came_across}"
                    if came_across
                    else "Debrief written",
                    Truncator(meeting.notes).words(EXCERPT_WORDS),
                    url,
                )
            )
    return events, len(meetings) == TIMELINE_ROWS


def _task_events(contact) -> tuple[list[Event], bool]:
    # A task done by a logged note is that note: the outreach says it once.
    tasks = list(
        Task.objects.filter(contact=contact, outreach__isnull=True)
        .only("title", "due_on", "done", "done_at", "created_at", "contact_id")
        .order_by(Coalesce("done_at", "created_at").desc(), "-id")[:TIMELINE_ROWS]
    )
    events = []
    for task in tasks:
        if task.done:
            events.append(Event(task.done_at or task.created_at, "task", f"Done: {task.title}"))
        else:
            due = f"due {task.due_on:%a} {task.due_on.day} {task.due_on:%b}"
            events.append(Event(task.created_at, "task", f"To do: {task.title}", due))
    return events, len(tasks) == TIMELINE_ROWS


def _referral_events(contact) -> tuple[list[Event], bool]:
    introduced = list(
        Contact.objects.filter(referred_by=contact)
        .only("first_name", "last_name", "title", "created_at", "referred_by")
        .order_by("-created_at", "-id")[:TIMELINE_ROWS]
    )
    events = [
        Event(
            person.created_at,
            "referral",
            f"Recommended {person.full_name}",
            person.title,
            person.get_absolute_url(),
        )
        for person in introduced
    ]
    if contact.referred_by_id:
        # The contact page fetched the introducer with the contact.
        referrer = contact.referred_by
        events.append(
            Event(
                contact.created_at,
                "referral",
                f"Recommended to you by {referrer.full_name}",
                url=referrer.get_absolute_url(),
            )
        )
    return events, len(introduced) == TIMELINE_ROWS


def contact_timeline(contact, user) -> dict:
    """The panel's context: ``events`` newest first (at most ``TIMELINE_ROWS``) and ``cut``,
    whether older ones were left out. ``contact`` is the seeker's own (the page fetched it
    through its owner, with its introducer)."""
    events, cut = [], False
    for read in (_outreach_events, _meeting_events, _task_events, _referral_events):
        found, full = read(contact)
        events.extend(found)
        cut = cut or full
    events.sort(key=lambda event: event.at, reverse=True)
    cut = cut or len(events) > TIMELINE_ROWS
    return {"contact": contact, "events": events[:TIMELINE_ROWS], "cut": cut}
