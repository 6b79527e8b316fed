"""A thank-you note and its task are one record (SPEC §1 step 8).

Ticking the thank-you task logs the note (``services.complete_task``); logging a thank-you
on the contact's page ticks the task it answers (``thank_you_logged``, called by the contacts
app's ``log_outreach`` through the hook this app adds in its ``AppConfig.ready()``); a
thank-you logged before the debrief is the debrief's task done already (``note_before``);
deleting the note reopens its task (``message_deleted``). All of it happens under the
contact's row lock, taken first by every one of these writes, then the task's.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q

from networking.contacts.cadence import day_label
from networking.contacts.models import OutreachAttempt
from networking.meetings.models import Meeting, Task

THANK_YOU = OutreachAttempt.Kind.THANK_YOU


def _thank_you_tasks(contact_id, sent_at):
    """The contact's thank-you tasks for meetings that began before the note was sent."""
    return Task.objects.filter(contact_id=contact_id, kind=Task.Kind.THANK_YOU).filter(
        Q(meeting__isnull=True) | Q(meeting__starts_at__lte=sent_at)
    )


def thank_you_logged(attempt: OutreachAttempt) -> None:
    """A thank-you note logged to a contact ticks their open thank-you task (the oldest due).

    When none is open and the latest meeting's is done, that meeting has its note already: a
    second one for it is refused, so one note is never two entries. (A meeting not debriefed
    yet has no task: its debrief finds the note, ``note_before``.)
    """
    if attempt.kind != THANK_YOU:
        return
    tasks = _thank_you_tasks(attempt.contact_id, attempt.sent_at).select_for_update(of=("self",))
    task = tasks.filter(done=False).order_by("due_on", "pk").first()
    if task is not None:
        task.done, task.done_at, task.outreach = True, attempt.sent_at, attempt
        task.save(update_fields=["done", "done_at", "outreach"])
        return
    latest = (
        Meeting.objects.filter(contact_id=attempt.contact_id, starts_at__lte=attempt.sent_at)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-starts_at")
        .first()
    )
    done = tasks.filter(meeting=latest, done=True).first() if latest else None
    if done is not None:
        contact = attempt.contact
        zone = contact.zone
        met_on = latest.starts_at.astimezone(zone).date()
        thanked_on = done.done_at.astimezone(zone).date()
        raise ValidationError(
            f"You thanked {contact.full_name} for your meeting of {day_label(met_on)} "
            f"already (logged {day_label(thanked_on)}): one note per meeting.",
            code="thanked",
        )


def message_deleted(attempt: OutreachAttempt) -> None:
    """A deleted thank-you (or close-the-loop update) reopens the task it had done."""
    Task.objects.filter(outreach=attempt).update(done=False, done_at=None, outreach=None)


def note_before(meeting: Meeting) -> OutreachAttempt | None:
    """A thank-you to the meeting's contact, sent since the meeting began and answering no
    task yet: the debrief's thank-you task is done by it."""
    return (
        OutreachAttempt.objects.filter(
            contact_id=meeting.contact_id,
            kind=THANK_YOU,
            sent_at__gte=meeting.starts_at,
            task__isnull=True,
        )
        .order_by("sent_at", "pk")
        .first()
    )
