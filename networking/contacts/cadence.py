"""The polite outreach cadence of SPEC §4, in one place: politely asking is okay; hounding is not.

A *cycle* is a contact's latest request with the follow-ups and the reply that came
after it. Every date here is read in the **contact's** time zone, its business days skip
the public holidays of the contact's country (SPEC §6a; ``country``, "" for none), and a
message sent after 12:00 counts its business days from the next business day
(``core.business_days.counting_day``). The thank-you note is the seeker's own task: its
day skips the seeker's holidays.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from core.business_days import (
    OPENS,
    business_days_after,
    business_days_between,
    closed_reason,
    counting_day,
    is_business_day,
    next_business_day,
    within_business_hours,
)
from core.date_window import local_day
from core.due import when_due

FOLLOW_UP_AFTER = 7  # business days without a reply before a polite follow-up is due
SECOND_CONTACT_AFTER = 3  # business days without a reply before approaching someone else there
MAX_FOLLOW_UPS = 2  # per request; the third is hounding
REST_DAYS = 60  # calendar days after the last attempt before asking again
BOOSTER_WITHIN = 3  # business days: a reply this quick marks a booster


def business_days(count: int) -> str:
    """How pages say a number of business days: "7 business days", "1 business day"."""
    return f"{count} business day{'s' if count != 1 else ''}"


# The words of these limits, said once; ``ContactsConfig.ready`` names them for every page.
WORDS = {
    "follow_up_after": business_days(FOLLOW_UP_AFTER),
    "second_contact_after": business_days(SECOND_CONTACT_AFTER),
    "max_follow_ups": f"{MAX_FOLLOW_UPS} follow-ups",
    "rest_days": f"{REST_DAYS} days",
    "booster_within": business_days(BOOSTER_WITHIN),
}

ACCEPTED, DECLINED, REDIRECTED = "accepted", "declined", "redirected"
REQUEST, FOLLOW_UP = "request", "follow_up"


def day_label(day: date) -> str:
    """A date the way the seeker reads it: ``Wed 16 Dec 2026``."""
    return f"{day:%a} {day.day} {day:%b %Y}"


@dataclass(frozen=True)
class Cycle:
    """The state of a contact's latest request (built from ``Contact.objects.with_status()``)."""

    last_request_at: datetime | None = None
    follow_ups: int = 0
    reply: str | None = None  # accepted / declined / redirected, or None while unanswered
    replied_at: datetime | None = None
    last_attempt_at: datetime | None = None  # latest request or follow-up of the cycle

    @classmethod
    def of(cls, contact) -> "Cycle":
        return cls(
            last_request_at=contact.last_request_at,
            follow_ups=contact.follow_ups or 0,
            reply=contact.cycle_reply,
            replied_at=contact.cycle_replied_at,
            last_attempt_at=contact.last_cycle_attempt_at,
        )

    @property
    def requested(self) -> bool:
        return self.last_request_at is not None

    @property
    def unanswered(self) -> bool:
        return self.requested and self.reply is None

    @property
    def open(self) -> bool:
        """Unanswered with follow-ups still allowed."""
        return self.unanswered and self.follow_ups < MAX_FOLLOW_UPS

    @property
    def resting(self) -> bool:
        """SPEC §4: two follow-ups and still no reply — "no reply, let it rest"."""
        return self.unanswered and self.follow_ups >= MAX_FOLLOW_UPS


def follow_up_due_on(cycle: Cycle, zone: ZoneInfo, country: str = "") -> date | None:
    """SPEC §4: a follow-up falls due 7 business days after the last unanswered message
    (SPEC §6a: business days of the contact's ``country``, never on one of its holidays)."""
    if not cycle.open:
        return None
    return business_days_after(cycle.last_attempt_at, zone, FOLLOW_UP_AFTER, country)


def second_contact_suggested_on(cycle: Cycle, zone: ZoneInfo, country: str = "") -> date | None:
    """SPEC §4: 3 business days without a reply → approach a second contact at the employer."""
    if not cycle.unanswered:
        return None
    return business_days_after(cycle.last_request_at, zone, SECOND_CONTACT_AFTER, country)


def new_request_allowed_on(cycle: Cycle, zone: ZoneInfo) -> date | None:
    """SPEC §4: a new request is allowed again 60 days after the last attempt."""
    if not cycle.requested:
        return None
    return local_day(cycle.last_attempt_at, zone) + timedelta(days=REST_DAYS)


@dataclass(frozen=True)
class Responsiveness:
    code: str
    label: str
    text: str
    tone: str


BOOSTER = Responsiveness(
    "booster",
    "Booster",
    f"Replied within {WORDS['booster_within']}: a natural helper, likely to introduce you onward.",
    "success",
)
OBLIGATE = Responsiveness(
    "obligate",
    "Obligate",
    f"Replied, but after more than {WORDS['booster_within']}: helps when asked clearly and "
    "politely.",
    "primary",
)
CURMUDGEON = Responsiveness(
    "curmudgeon",
    "Curmudgeon",
    "Never answered a request and its follow-ups: spend your energy on someone else.",
    "secondary",
)


def responsiveness(cycle: Cycle, zone: ZoneInfo, country: str = "") -> Responsiveness | None:
    """SPEC §4: booster (replied within 3 business days), obligate (later), curmudgeon (never)."""
    if cycle.reply and cycle.replied_at:
        start = counting_day(cycle.last_request_at, zone, country)
        waited = business_days_between(start, local_day(cycle.replied_at, zone), country)
        return BOOSTER if waited <= BOOSTER_WITHIN else OBLIGATE
    if cycle.resting:
        return CURMUDGEON
    return None


def refusal(
    kind: str,
    cycle: Cycle,
    zone: ZoneInfo,
    when: datetime,
    name: str,
    *,
    meeting: bool = False,
    country: str = "",
) -> str | None:
    """Why logging a ``kind`` message at ``when`` would be hounding (SPEC §4), or None.

    At most 2 follow-ups per request; a declined request closes the cycle; a new
    request waits 60 days after the last attempt unless the last one was accepted.
    A follow-up comes after its request, and is pointless once a meeting is booked
    or held (``meeting``).
    """
    if kind == FOLLOW_UP:
        if meeting and cycle.requested:
            return f"You have a meeting with {name} already: no need to follow up."
        if cycle.requested and when < cycle.last_request_at:
            asked_on = local_day(cycle.last_request_at, zone)
            return (
                f"A follow-up comes after the request: you asked {name} on "
                f"{day_label(asked_on)}. Check the date."
            )
        return _follow_up_refusal(cycle, zone, name)
    if kind == REQUEST and cycle.requested and cycle.reply != ACCEPTED:
        allowed_on = new_request_allowed_on(cycle, zone)
        if when.astimezone(zone).date() >= allowed_on:
            return None
        if cycle.open:
            due = follow_up_due_on(cycle, zone, country)
            asked_on = local_day(cycle.last_request_at, zone)
            return (
                f"You already asked {name} on {day_label(asked_on)} and are "
                f"waiting for a reply. A second request would be hounding: send a polite "
                f"follow-up when it falls due on {day_label(due)}."
            )
        return (
            f"{_closed_reason(cycle, name)} A new request is allowed from "
            f"{day_label(allowed_on)}, {WORDS['rest_days']} after your last message."
        )
    return None


def _follow_up_refusal(cycle: Cycle, zone: ZoneInfo, name: str) -> str | None:
    if not cycle.requested:
        return "There is no request to follow up on yet. Log the request first."
    if cycle.reply == ACCEPTED:
        return f"{name} already said yes: book the meeting rather than follow up."
    if cycle.reply == DECLINED:
        return (
            f"{name} declined: a declined request closes the cycle, so no follow-ups. "
            "Thank them and approach someone else."
        )
    if cycle.reply == REDIRECTED:
        return f"{name} pointed you to someone else: reach out to that person instead."
    if cycle.follow_ups >= MAX_FOLLOW_UPS:
        allowed_on = new_request_allowed_on(cycle, zone)
        return (
            f"You already sent {MAX_FOLLOW_UPS} polite follow-ups to this request without a "
            f"reply. A third would be hounding: let it rest. A new request is allowed from "
            f"{day_label(allowed_on)}, {WORDS['rest_days']} after your last message."
        )
    return None


def _closed_reason(cycle: Cycle, name: str) -> str:
    if cycle.reply == DECLINED:
        return f"{name} declined your last request: the cycle is closed."
    if cycle.reply == REDIRECTED:
        return f"{name} pointed you to someone else: the cycle is closed."
    return f"{name} has not answered your request and {MAX_FOLLOW_UPS} follow-ups: let it rest."


def warnings(
    kind: str, cycle: Cycle, zone: ZoneInfo, when: datetime, country: str = ""
) -> list[str]:
    """Gentle warnings that do not refuse the message: business hours, an early follow-up."""
    found = []
    hours = business_hours_warning(when, zone, country)
    if hours:
        found.append(hours)
    if kind == FOLLOW_UP:
        due = follow_up_due_on(cycle, zone, country)
        if due and when.astimezone(zone).date() < due:
            found.append(
                f"A follow-up is not due until {day_label(due)} ({WORDS['follow_up_after']} "
                "after your last message); following up sooner can feel pushy."
            )
    return found


def business_hours_warning(when: datetime, zone: ZoneInfo, country: str = "") -> str | None:
    """SPEC §4: a warning when ``when`` falls outside Mon–Fri 09:00–17:00 in the contact's zone,
    or on a public holiday of their ``country`` (SPEC §6a)."""
    if within_business_hours(when, zone, country=country):
        return None
    local = when.astimezone(zone)
    holiday = local.weekday() < 5 and closed_reason(local.date(), country)
    if holiday:
        return f"{holiday}: not a working day for them. Messages are best sent on one that is."
    return (
        f"That is {local:%A %H:%M} in {zone.key.replace('_', ' ')}: outside their business "
        "hours (Mon–Fri 09:00–17:00). Messages are best sent in their working day."
    )


def next_good_moment(moment: datetime, zone: ZoneInfo, country: str = "") -> datetime:
    """``moment`` if it falls in the contact's business hours, else when they next open
    (SPEC §4: messages go out Mon–Fri 09:00–17:00 in the contact's zone; §6a: not on a public
    holiday of their ``country``)."""
    if within_business_hours(moment, zone, country=country):
        return moment
    local = moment.astimezone(zone)
    day = local.date()
    if not (is_business_day(day, country) and local.time() < OPENS):
        day = next_business_day(day, country)
    return datetime.combine(day, OPENS, tzinfo=zone)


@dataclass(frozen=True)
class NextAction:
    label: str
    due_on: date | None = None
    tone: str = "secondary"
    due_word: str = "due"
    # Where to do it, when one page does it (``next_step`` fills it), and what a seeker is told
    # beside it.
    url: str = ""
    text: str = ""
    # The words of the page's primary button that does it (``next_step`` fills it).
    button: str = ""

    def is_due(self, today: date) -> bool:
        return self.due_word == "due" and self.due_on is not None and self.due_on <= today

    def when(self, today: date) -> str:
        """``due today``, ``overdue: send it today``, ``due Tue 8 Dec`` (``core.due``), or
        ``ask again …``."""
        if self.due_on is None:
            return ""
        if self.due_word != "due":
            if self.due_on == today:
                return f"{self.due_word} today"
            return f"{self.due_word} {self.due_on:%a} {self.due_on.day} {self.due_on:%b}"
        return when_due(self.due_on, today)


def thank_you_due_on(met_at: datetime, zone: ZoneInfo, seeker_country: str = "") -> date:
    """SPEC §1 step 8: the thank-you note falls due the next business day after the meeting.

    The meeting's day is read in the contact's zone (``zone``); the note is the seeker's own
    task, so the next business day skips the public holidays of the seeker's country
    (SPEC §6a). The one rule for the task the debrief creates, the message after the debrief,
    the dashboard and the contact's next step.
    """
    return next_business_day(local_day(met_at, zone), seeker_country)


def next_action(contact, zone: ZoneInfo, seeker_country: str = "") -> NextAction:
    """What to do next with an annotated contact (``with_status``), and by when: follow-ups
    in the contact's business days (their ``country``), the thank-you in the seeker's."""
    cycle = Cycle.of(contact)
    status = contact.status
    country = getattr(contact, "country", "")
    if status == "nurturing":
        return NextAction("Keep them posted on your progress")
    if status == "met":
        due_on = thank_you_due_on(contact.last_met_at, zone, seeker_country)
        return NextAction("Send a thank-you note", due_on, "primary")
    if status == "scheduled":
        # The meeting's day, not a deadline: whether it still needs preparing is the meetings
        # app's to say (the dashboard's and the meetings list's "to prepare").
        return NextAction(
            "Prepare the meeting", local_day(contact.next_meeting_at, zone), due_word="meeting"
        )
    if status == "identified":
        return NextAction("Send a polite request", None, "primary")
    if cycle.reply == ACCEPTED:
        replied_on = local_day(cycle.replied_at, zone)
        return NextAction("Book the meeting", replied_on, "success", due_word="they said yes")
    if status == "redirected":
        return NextAction("Reach the person they suggested", None, "primary")
    if status in ("declined", "resting"):
        return NextAction("Let it rest", new_request_allowed_on(cycle, zone), due_word="ask again")
    ordinal = "Polite follow-up" if cycle.follow_ups == 0 else "Second (last) follow-up"
    return NextAction(ordinal, follow_up_due_on(cycle, zone, country), "warning")
