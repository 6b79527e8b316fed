"""The meeting as an iCalendar file (SPEC §1 step 5, §7 ``/meetings/<id>/calendar.ics``)."""

from datetime import UTC, timedelta

from icalendar import Alarm, Calendar, Event

from networking.meetings.models import Meeting

PRODID = "-//Schmooze//Informational meetings//EN"


def meeting_uid(meeting: Meeting) -> str:
    """Stable per meeting, so re-importing updates the event instead of doubling it."""
    return f"meeting-{meeting.pk}@schmooze"


def meeting_ics(meeting: Meeting, url: str = "") -> bytes:
    """One VEVENT in UTC with the agenda in its description and a reminder the day before."""
    calendar = new_calendar()
    calendar.add_component(meeting_event(meeting, url))
    return calendar.to_ical()


def new_calendar() -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    return calendar


def meeting_event(meeting: Meeting, url: str = "") -> Event:
    """The meeting as a VEVENT: times in UTC, the agenda and ``url`` (its run sheet) in the
    description, cancelled ones marked so, and a reminder the day before."""
    contact = meeting.contact
    who = contact.full_name + (f" ({contact.employer})" if contact.employer else "")
    agenda = "\n".join(
        f"{number}. {line.text}" for number, line in enumerate(meeting.agenda(), start=1)
    )
    description = (
        f"{meeting.duration_minutes} minutes, for information and advice — not a job.\n\n"
        f"Agenda:\n{agenda}"
    )
    if url:
        description += f"\n\nRun sheet: {url}"

    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", meeting.updated_at.astimezone(UTC))
    event.add("dtstart", meeting.starts_at.astimezone(UTC))
    event.add("dtend", meeting.ends_at.astimezone(UTC))
    event.add("summary", f"Informational meeting with {who}")
    if meeting.location:
        event.add("location", meeting.location)
    event.add("description", description)
    event.add("status", "CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "CONFIRMED")
    if url:
        event.add("url", url)

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Tomorrow: informational meeting with {contact.full_name}")
    alarm.add("trigger", timedelta(days=-1))
    event.add_component(alarm)
    return event
