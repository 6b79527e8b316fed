"""The seeker's calendar feed (``/calendar/<token>.ics``): their meetings and what falls due.

Every meeting from 30 days back onwards (times in UTC, the run sheet's address in the
description, cancelled ones ``STATUS:CANCELLED``, so a calendar app removes them), and each
open thank-you, follow-up after a meeting, polite follow-up that is due and debrief not yet
written, as an all-day event on the day it falls due. Everything in it is stable for the
same data, so its hash is its ``ETag``.
"""

import hashlib
from datetime import UTC, datetime, time, timedelta

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from icalendar import Event

from networking.contacts import selectors as contacts
from networking.meetings import selectors as meetings
from networking.meetings.calendar import meeting_event, new_calendar
from networking.meetings.models import AgendaItem, Meeting, Task
from networking.progress.digest import absolute

DAYS_BACK = 30


def _all_day(uid: str, day, summary: str, description: str, url: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", f"{description}\n\n{url}")
    event.add("url", url)
    event.add("transp", "TRANSPARENT")  # a reminder, not time taken
    return event


def feed_for(user) -> tuple[bytes, datetime]:
    """The feed's body and the latest change it shows (its ``Last-Modified``)."""
    now = timezone.now()
    zone = user.zone
    today = user.today()
    # The date itself changes what is due: the feed is new at least once a day.
    latest = datetime.combine(today, time.min, tzinfo=zone).astimezone(UTC)
    calendar = new_calendar()
    calendar.add("x-wr-calname", "Schmooze")

    booked = (
        Meeting.objects.owned_by(user)
        .filter(starts_at__gte=now - timedelta(days=DAYS_BACK))
        .select_related("contact", "contact__employer")
        .prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("question"))
        )
        .order_by("starts_at", "pk")
    )
    for meeting in booked:
        calendar.add_component(
            meeting_event(meeting, absolute(reverse("meetings:run", args=[meeting.pk])))
        )
        latest = max(latest, meeting.updated_at)

    for task in Task.objects.owned_by(user).open().select_related("contact").order_by("pk"):
        if task.kind == Task.Kind.THANK_YOU:
            url = reverse("contacts:outreach_create", args=[task.contact_id]) + "?kind=thank_you"
        else:
            url = task.contact.get_absolute_url()
        calendar.add_component(
            _all_day(
                f"task-{task.pk}@schmooze",
                task.due_on,
                task.title,
                f"{task.get_kind_display()} for {task.contact.full_name}.",
                absolute(url),
                task.created_at,
            )
        )
        latest = max(latest, task.created_at)

    for contact in contacts.follow_ups_due(user, today):
        calendar.add_component(
            _all_day(
                f"follow-up-{contact.pk}-{contact.follow_up_due_on:%Y%m%d}@schmooze",
                contact.follow_up_due_on,
                f"Polite follow-up to {contact.full_name}",
                "No reply yet to your request: a short, friendly follow-up is due.",
                absolute(
                    reverse("contacts:outreach_create", args=[contact.pk]) + "?kind=follow_up"
                ),
                contact.last_cycle_attempt_at or latest,
            )
        )

    for meeting in meetings.meetings_needing_debrief(user).order_by("starts_at", "pk"):
        calendar.add_component(
            _all_day(
                f"debrief-{meeting.pk}@schmooze",
                meeting.starts_at.astimezone(zone).date(),
                f"Debrief your meeting with {meeting.contact.full_name}",
                "Write down what you learned and whom they recommended, while it is fresh.",
                absolute(reverse("meetings:debrief", args=[meeting.pk])),
                meeting.updated_at,
            )
        )
    return calendar.to_ical(), latest


def etag_of(body: bytes) -> str:
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'
