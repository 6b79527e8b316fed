"""Writes that span models (SPEC §1 steps 5–8), each one transaction."""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from core.business_days import add_business_days, is_business_day, next_business_day
from networking.contacts import services as contacts
from networking.contacts.cadence import thank_you_due_on
from networking.contacts.models import Contact, OutreachAttempt
from networking.contacts.state import refresh_state
from networking.employers.models import Employer
from networking.employers.services import employer_named
from networking.meetings import thank_yous
from networking.meetings.models import NO_OVERLAP, AgendaItem, Meeting, Question, Task

BOOKED = (Meeting.Status.SCHEDULED, Meeting.Status.HELD, Meeting.Status.DEBRIEFED)


def save_meeting(meeting: Meeting) -> Meeting:
    """Save a booking; once it is agreed, it marks the contact's request accepted (SPEC §1 step 5).

    The contact's latest request that was not declined or redirected is linked to the
    meeting; if it had no reply yet, its reply becomes "accepted", dated now. A meeting moved
    to another contact lets go of the first contact's request and takes the new one's.

    One seeker, one meeting at a time: when PostgreSQL refuses a booking that overlaps another
    saved meanwhile (two posted at once), nothing is saved and a ``ValidationError`` on
    ``starts_at`` says so in the booking form's words.
    """
    try:
        with transaction.atomic():
            _take_turns(meeting.contact.owner_id)
            if meeting.request_id is not None and meeting.request.contact_id != meeting.contact_id:
                meeting.request = None
            was_with = _stored_contact_id(meeting)
            meeting.save()
            if meeting.status in BOOKED and meeting.request_id is None:
                link_accepted_request(meeting)
            refresh_state(meeting.contact_id, was_with)
    except IntegrityError as error:
        if _constraint_of(error) != NO_OVERLAP:
            raise
        raise ValidationError({"starts_at": _clash_message(meeting)}, code="clash") from error
    return meeting


def _stored_contact_id(meeting: Meeting):
    """The contact a saved meeting is with in the database (a meeting may move to another)."""
    if meeting.pk is None:
        return None
    return Meeting.objects.filter(pk=meeting.pk).values_list("contact_id", flat=True).first()


def _take_turns(owner_id) -> None:
    """A seeker's bookings are saved one after the other: the seeker's row is locked.

    Two inserts checked by an exclusion constraint at the same instant may each wait for the
    other, and PostgreSQL ends that with a deadlock error instead of the constraint's refusal.
    Taking turns, the second booking finds the first one committed and is refused cleanly.
    """
    get_user_model().objects.take_turns(owner_id)


def _constraint_of(error: IntegrityError) -> str | None:
    """The name of the constraint the database refused a write for, if it says."""
    return getattr(getattr(error.__cause__, "diag", None), "constraint_name", None)


def _clash_message(meeting: Meeting) -> str:
    owner = meeting.contact.owner
    clash = (
        Meeting.objects.owned_by(owner)
        .clashing_with(meeting.starts_at, meeting.ends_at, besides=meeting.pk)
        .select_related("contact")
        .first()
    )
    if clash is None:  # cancelled or moved since; the time was taken all the same
        return "You already have a meeting at that time."
    return clash.clash_message(owner.zone)


def link_accepted_request(meeting: Meeting) -> OutreachAttempt | None:
    request = (
        OutreachAttempt.objects.filter(
            contact=meeting.contact,
            kind=OutreachAttempt.Kind.REQUEST,
            reply__in=[OutreachAttempt.Reply.NONE, OutreachAttempt.Reply.ACCEPTED],
        )
        .order_by("-sent_at", "-id")
        .first()
    )
    if request is None:
        return None
    if request.reply == OutreachAttempt.Reply.NONE:
        request.reply = OutreachAttempt.Reply.ACCEPTED
        request.replied_at = max(timezone.now(), request.sent_at)
        request.save(update_fields=["reply", "replied_at"])
    meeting.request = request
    meeting.save(update_fields=["request"])
    return request


# --- the agenda ------------------------------------------------------------------------------


def _next_position(meeting: Meeting) -> int:
    top = meeting.agenda_items.aggregate(top=Max("position"))["top"]
    return 0 if top is None else top + 1


@transaction.atomic
def add_bank_question(meeting: Meeting, question: Question) -> AgendaItem:
    """Put a bank question at the end of the agenda (before the key question); once only."""
    item, _ = AgendaItem.objects.get_or_create(
        meeting=meeting,
        question=question,
        defaults={"text": question.text, "position": _next_position(meeting)},
    )
    return item


@transaction.atomic
def add_own_question(item: AgendaItem) -> AgendaItem:
    """Put the seeker's own question at the end of the agenda (before the key question)."""
    item.position = _next_position(item.meeting)
    item.save()
    return item


@transaction.atomic
def move_agenda_item(item: AgendaItem, direction: str) -> None:
    """Swap an item with its neighbour ("up" or "down"); the key question never moves."""
    items = list(item.meeting.agenda_items.select_for_update())
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(items):
        return
    items[index], items[target] = items[target], items[index]
    for position, other in enumerate(items):
        other.position = position
    AgendaItem.objects.bulk_update(items, ["position"])


# --- the debrief -----------------------------------------------------------------------------


@dataclass
class DebriefResult:
    referrals: list[Contact] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)


def follow_up_due(meeting_day: date, country: str = "") -> date:
    """SPEC §1 step 8: a follow-up a week (five business days) later, in the business days of
    the contact's ``country`` (SPEC §6a: never on one of their public holidays)."""
    if not is_business_day(meeting_day, country):
        meeting_day = next_business_day(meeting_day, country)
    return add_business_days(meeting_day, 5, country)


def _employer_for(owner, data: dict) -> Employer | None:
    if data.get("employer"):
        return data["employer"]
    name = data.get("new_employer") or ""
    return employer_named(owner=owner, name=name) if name.strip() else None


ALREADY_DEBRIEFED = "This meeting was already debriefed."


class AlreadyDebriefed(ValidationError):
    """The meeting was debriefed meanwhile (a second tab, a double click): nothing is saved."""

    def __init__(self):
        super().__init__(ALREADY_DEBRIEFED, code="already_debriefed")


@transaction.atomic
def record_debrief(meeting: Meeting, *, answers=(), referrals: list[dict] = ()) -> DebriefResult:
    """SPEC §1 step 8, all or nothing: the meeting becomes debriefed, each referral becomes a
    contact referred by this one, and the thank-you, follow-up and close-the-loop tasks fall due.

    A meeting is debriefed once: its row is locked and its state read again under the lock,
    so of two debriefs posted at once the second waits, then raises ``AlreadyDebriefed``.

    ``meeting`` carries the debrief fields already (from the debrief form); ``answers`` are its
    agenda items with their notes; ``referrals`` are plain dicts (first_name, last_name, title,
    level, employer or new_employer, email, note); each referral takes the referrer's time zone.
    """
    contact = meeting.contact
    owner = contact.owner
    stored = Meeting.objects.select_for_update().get(pk=meeting.pk)
    contacts.lock_contact(contact.pk)  # a thank-you logged meanwhile is seen, or waits
    if stored.status == Meeting.Status.DEBRIEFED:
        raise AlreadyDebriefed()
    if not stored.can_be_debriefed:
        raise ValidationError("Only a meeting that has taken place can be debriefed.")
    meeting.status = Meeting.Status.DEBRIEFED
    meeting.debriefed_at = timezone.now()
    meeting.save()
    for item in answers:
        item.meeting = meeting
        item.save(update_fields=["good_answer", "note"])

    result = DebriefResult()
    for data in referrals:
        person = Contact(
            owner=owner,
            first_name=data["first_name"].strip(),
            last_name=(data.get("last_name") or "").strip(),
            title=(data.get("title") or "").strip(),
            level=data.get("level") or "",
            email=(data.get("email") or "").strip(),
            notes=(data.get("note") or "").strip(),
            employer=_employer_for(owner, data),
            referred_by=contact,
            # Recommended by someone at work: their business hours are most likely the
            # referrer's, not the seeker's.
            timezone=contact.timezone,
            country=contact.country,
        )
        person.full_clean()
        person.save()
        result.referrals.append(person)
    if result.referrals:
        meeting.referred_contacts.add(*result.referrals)

    day = meeting.starts_at.astimezone(contact.zone).date()
    # The thank-you and the close-the-loop note are the seeker's to write: their holidays.
    thank_you_due = thank_you_due_on(meeting.starts_at, contact.zone, owner.country)
    note = thank_yous.note_before(meeting)  # thanked already, before writing the debrief
    tasks = [
        Task(
            contact=contact,
            meeting=meeting,
            kind=Task.Kind.THANK_YOU,
            title=f"Send {contact.full_name} a thank-you note",
            due_on=thank_you_due,
            done=note is not None,
            done_at=note and note.sent_at,
            outreach=note,
        ),
        Task(
            contact=contact,
            meeting=meeting,
            kind=Task.Kind.FOLLOW_UP,
            title=f"Follow up with {contact.full_name}: tell them what came of their advice",
            due_on=follow_up_due(day, contact.country),
        ),
    ]
    referrer = contact.referred_by
    if referrer is not None:
        tasks.append(
            Task(
                contact=referrer,
                meeting=meeting,
                kind=Task.Kind.CLOSE_LOOP,
                title=f"Close the loop: tell {referrer.full_name} you met {contact.full_name}",
                due_on=thank_you_due,
            )
        )
    result.tasks = Task.objects.bulk_create(tasks)
    refresh_state(contact.pk)
    return result


# --- tasks -----------------------------------------------------------------------------------

OUTREACH_FOR_TASK = {
    Task.Kind.THANK_YOU: OutreachAttempt.Kind.THANK_YOU,
    Task.Kind.CLOSE_LOOP: OutreachAttempt.Kind.UPDATE,
}


def complete_task(task: Task) -> OutreachAttempt | None:
    """Mark a task done; a thank-you note (or a close-the-loop update) is logged as outreach,
    through the contacts app's ``log_outreach``, and the task keeps it (one record).

    Once only: the contact's row is locked (as every write of their outreach locks it first),
    then the task's, and the task is read again, so a second tick (a double click, two tabs)
    or a thank-you logged on the contact's page meanwhile finds it done and logs nothing.
    """
    with transaction.atomic():
        contacts.lock_contact(task.contact_id)
        stored = Task.objects.select_for_update().only("done", "done_at").get(pk=task.pk)
        if stored.done:
            task.done, task.done_at = True, stored.done_at
            return None
        now = timezone.now()
        kind = OUTREACH_FOR_TASK.get(task.kind)
        attempt = None
        if kind is not None:
            attempt = contacts.log_outreach(
                task.contact,
                kind=kind,
                channel=OutreachAttempt.Channel.EMAIL,
                sent_at=now,
                message=task.title,
                run_hooks=False,  # this is the task it would tick
            )
        task.done, task.done_at, task.outreach = True, now, attempt
        task.save(update_fields=["done", "done_at", "outreach"])
        return attempt


@transaction.atomic
def cancel_meeting(meeting: Meeting) -> None:
    meeting.status = Meeting.Status.CANCELLED
    meeting.save(update_fields=["status", "updated_at"])
    refresh_state(meeting.contact_id)


@transaction.atomic
def delete_meeting(meeting: Meeting) -> None:
    """Delete a meeting; the contact's state is the history without it."""
    contact_id = meeting.contact_id
    meeting.delete()
    refresh_state(contact_id)


def save_run_notes(meeting: Meeting, text: str) -> None:
    """The run sheet's notes, saved as they are typed: the latest text wins (one field of one
    row, written whole each time, so nothing is read first and no lock is needed)."""
    Meeting.objects.filter(pk=meeting.pk).update(run_notes=text, updated_at=timezone.now())
