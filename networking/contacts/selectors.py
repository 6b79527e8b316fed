"""Reads about contacts, named for what they mean (the contact list, the dashboard)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from types import SimpleNamespace

from django.db.models import Case, Exists, OuterRef, Q, When
from django.db.models.functions import Lower
from django.utils import timezone

from core.business_days import within_business_hours
from core.ladder import advice_for
from core.timezones import zone_named
from networking.contacts import cadence, drafts, referrals
from networking.contacts.models import (
    WITH_A_MEETING,
    Contact,
    OutreachAttempt,
    Status,
    in_status,
)
from networking.contacts.next_step import next_step
from networking.contacts.state import CYCLE, settle_meeting_dates
from networking.employers.models import Employer

# Statuses whose next step is a request: the first one, or a new one once the cadence allows.
REQUEST_AGAIN = (Status.IDENTIFIED, Status.DECLINED, Status.RESTING)
# The messages that ask for an answer; a thank-you or an update does not.
ANSWERABLE = (OutreachAttempt.Kind.REQUEST, OutreachAttempt.Kind.FOLLOW_UP)


def employers_holding(user, *texts: str) -> list[list[int]]:
    """For each of ``texts``, the seeker's employers whose name holds it, in any case: one
    query, however many texts (a seeker has a short list of employers)."""
    if not texts:
        return []
    holds = {
        f"holds_{n}": Case(When(name__icontains=text, then=True), default=False)
        for n, text in enumerate(texts)
    }
    named = Employer.objects.owned_by(user).order_by().annotate(**holds)
    rows = list(named.values_list("pk", *holds))
    return [[pk for pk, *flags in rows if flags[n]] for n in range(len(texts))]


def holding(text: str, employer_ids: list[int], *fields: str) -> Q:
    """The condition "one of ``fields`` holds ``text``, in any case, or the contact is at one
    of ``employer_ids`` (``employers_holding``)". On PostgreSQL each field has a trigram index
    (contacts/0010) and the employers' contacts the employer's index: the search reads the
    rows it finds rather than every contact of the seeker's."""
    named = Q()
    for name in fields:
        named |= Q(**{f"{name}__icontains": text})
    return named | Q(employer_id__in=employer_ids) if employer_ids else named


# Recommended to the seeker, not asked yet and not set aside (``with_status`` annotated).
TO_WRITE_TO = Q(referred_by__isnull=False, status=Status.IDENTIFIED, referral_dismissed_at=None)


def contacts_for_list(user, filters: dict, today: date | None = None):
    """The contact list with its filters (SPEC issue 4): search, employer, level, status, due."""
    contacts = (
        Contact.objects.owned_by(user)
        .with_status()
        .select_related("employer")
        .order_by("last_name", "first_name", "id")
    )
    if query := filters.get("q"):
        [employer_ids] = employers_holding(user, query)
        contacts = contacts.filter(
            holding(query, employer_ids, "first_name", "last_name", "title")
        ).order_by(
            # The hits in alphabetical order, whatever their case. Not the list's own index
            # order: walking that index for 25 hits can read most of the network when the
            # hits sit at its end ("Okafor": 22,000 rows at 40,000 contacts), while the hits
            # found through the trigram indexes and sorted cost what their count costs.
            Lower("last_name"),
            Lower("first_name"),
            "id",
        )
    if employer := filters.get("employer"):
        contacts = contacts.filter(employer=employer)
    if level := filters.get("level"):
        contacts = contacts.filter(level=level)
    if status := filters.get("status"):
        contacts = contacts.filter(in_status(status))
    if filters.get("referral"):
        contacts = contacts.filter(TO_WRITE_TO)
    if filters.get("due"):
        contacts = contacts.filter(
            status=Status.REQUESTED, follow_up_due_on__lte=today or user.today()
        )
    return contacts


def decorate(contacts, user, today: date | None = None):
    """Attach the advice (SPEC §3) and the next action (SPEC §4) to annotated contacts."""
    today = today or user.today()
    for contact in settle_meeting_dates(contacts):
        contact.advice = advice_for(contact.level, contact.function, user.target_level)
        contact.next_action = next_step(
            contact, target_level=user.target_level, seeker_country=user.country
        )
        contact.is_due = contact.next_action.is_due(today)
        contact.next_when = contact.next_action.when(today)
    return contacts


def contact_page(contact: Contact, *, owner, now: datetime | None = None) -> dict:
    """Everything the contact page shows, in a fixed number of queries (SPEC §3, §4).

    ``contact`` comes from ``Contact.objects.owned_by(owner).with_status()`` with its employer
    and introducer. Each outreach attempt carries ``outside_hours``, ``answerable``, the draft
    check of a request (``check_summary``) and ``awaits_reply``: the answer is recorded on the
    latest message of an unanswered cycle.
    """
    now = now or timezone.now()
    today = timezone.localtime(now, owner.zone).date()
    zone, country = contact.zone, contact.country
    cycle = cadence.Cycle.of(contact)
    attempts = list(contact.outreach.all())
    awaiting = cycle.unanswered and next(
        (a for a in attempts if a.kind in ANSWERABLE and a.sent_at >= cycle.last_request_at), None
    )
    for attempt in attempts:
        attempt.outside_hours = not within_business_hours(attempt.sent_at, zone, country=country)
        attempt.answerable = attempt.kind in ANSWERABLE and attempt.reply == "none"
        attempt.awaits_reply = attempt is awaiting
        if attempt.kind == OutreachAttempt.Kind.REQUEST and attempt.message:
            attempt.check_summary = drafts.summary(drafts.check_request(attempt.message, contact))
    suggested_on = cadence.second_contact_suggested_on(cycle, zone, country)
    suggest_second_contact = bool(suggested_on and suggested_on <= today)
    next_action = next_step(contact, target_level=owner.target_level, seeker_country=owner.country)
    follow_up_refusal = cadence.refusal(
        "follow_up",
        cycle,
        zone,
        now,
        contact.full_name,
        meeting=contact.status in WITH_A_MEETING,
        country=country,
    )
    request_refusal = cadence.refusal(
        "request", cycle, zone, now, contact.full_name, country=country
    )
    return {
        "contact": contact,
        "advice": advice_for(contact.level, contact.function, owner.target_level),
        "cycle": cycle,
        "attempts": attempts,
        "next_action": next_action,
        "next_is_due": next_action.is_due(today),
        "next_when": next_action.when(today),
        "responsiveness": cadence.responsiveness(cycle, zone, country),
        "follow_up_refusal": follow_up_refusal,
        "request_refusal": request_refusal,
        # The next step's button waits while the cadence refuses what it would write.
        "next_refused": bool(
            (contact.status == Status.REQUESTED and follow_up_refusal)
            or (contact.status in REQUEST_AGAIN and request_refusal)
        ),
        "suggest_second_contact": suggest_second_contact,
        "colleagues": colleagues_of(contact, owner=owner) if suggest_second_contact else [],
        "chain": referrals.chain_up(contact),
        # ``referred_by`` too: the related manager reads it on each row to link it back.
        "introduced": list(
            contact.referrals.only("pk", "first_name", "last_name", "title", "referred_by")
        ),
        "other_zone": contact.timezone != owner.timezone,
        "contact_local_now": now.astimezone(zone),
    }


def recruiters_not_written_to(user):
    """HR contacts nobody has written to yet, newest first: the line manager to find instead
    (SPEC §3; ``next_step`` names them)."""
    return (
        Contact.objects.owned_by(user)
        .with_status()
        # Never asked (implied by the status, spelled out for the partial index).
        .filter(function=Contact.Function.HR, last_request_at__isnull=True)
        .filter(status=Status.IDENTIFIED)
        .select_related("employer")
        .order_by("-id")
    )


def colleagues_of(contact: Contact, *, owner, limit: int = 5) -> list[Contact]:
    """Other contacts at the same employer: whom to approach second (SPEC §4)."""
    if not contact.employer_id:
        return []
    return list(
        Contact.objects.owned_by(owner)
        .filter(employer_id=contact.employer_id)
        .exclude(pk=contact.pk)
        .only("pk", "first_name", "last_name", "title")[:limit]
    )


def follow_ups_due(user, today: date | None = None):
    """Contacts whose polite follow-up is due today or overdue, oldest first (SPEC §4).

    Each carries ``follow_up_due_on``, stored on its row (``state.py``) and compared here with
    the seeker's today: one indexed query, whatever the number of contacts.
    """
    today = today or user.today()
    return (
        Contact.objects.owned_by(user)
        .follow_ups_due(today)
        .select_related("employer")
        .order_by("follow_up_due_on", "last_name", "id")
    )


def thank_you_notes_due(
    user, today: date | None = None, *, now: datetime | None = None, unless=None
) -> list[int]:
    """The ids of the contacts met and not thanked yet whose thank-you note is due today or
    overdue, oldest first: exactly the rows the contact list marks "Send a thank-you note" in
    red, by the same rule (``cadence.thank_you_due_on``, which ``next_step`` applies).

    ``unless``: a condition on the contact's row that leaves them out (the dashboard's: an open
    task already says so).

    The met contacts not thanked are read from the stored row (met: held, or a meeting gone
    by; not ``nurtured``: no thank-you or update logged), their meeting date, zone and name
    alone, without a subquery per contact; their notes are dated in Python (the seeker's
    public holidays are not in SQL). One query (two when a meeting straddles now).
    """
    now = now or timezone.now()
    today = today or user.today()
    met = (
        Contact.objects.owned_by(user)
        .filter(nurtured=False)
        .filter(Q(last_held_at__isnull=False) | Q(first_scheduled_at__lt=now))
        .with_status(now)
        .filter(status=Status.MET)
    )
    if unless is not None:
        met = met.filter(~unless)
    fields = ("pk", "last_met_at", "meeting_dates_exact", "timezone", "last_name", "first_name")
    rows = [
        SimpleNamespace(**dict(zip(fields, values, strict=True)))
        for values in met.order_by().values_list(*fields)
    ]
    zones = {}
    due = []
    for row in settle_meeting_dates(rows, now):
        if row.timezone not in zones:
            zones[row.timezone] = zone_named(row.timezone, default=user.zone)
        due_on = cadence.thank_you_due_on(row.last_met_at, zones[row.timezone], user.country)
        if due_on <= today:
            due.append((due_on, row.last_name, row.first_name, row.pk))
    return [pk for *_, pk in sorted(due)]


# What a short list of contacts shows (the dashboard's, the morning email's): who they are,
# where they work, who recommended them, and what their next step is worked out from
# (``decorate``: their level and function, zone and country, and their outreach cycle).
BRIEF = (
    "owner",
    "first_name",
    "last_name",
    "title",
    "level",
    "function",
    "timezone",
    "country",
    *CYCLE[:5],
    "follow_up_due_on",
    "second_contact_on",
    "employer__name",
    "referred_by__first_name",
    "referred_by__last_name",
)


def listed(user, now: datetime | None = None):
    """The seeker's contacts as the short lists show them (``BRIEF``), with their status."""
    return (
        Contact.objects.owned_by(user)
        .with_status(now)
        .select_related("employer", "referred_by")
        .only(*BRIEF)
    )


def referrals_to_write_to(user):
    """People recommended to the seeker whom they have not asked for a meeting yet and have not
    set aside, newest first: the dashboard's first next best actions and the morning email's
    "new referrals to write to" both read this. Each stays until a request is logged (the
    contact is no longer only identified) or the seeker dismisses it."""
    return (
        Contact.objects.owned_by(user)
        .with_status()
        .filter(TO_WRITE_TO)
        .select_related("employer", "referred_by")
        .order_by("-created_at", "-pk")
    )


def awaiting_reply(user):
    """Contacts whose latest request has no answer yet (follow-ups included), oldest first."""
    return (
        Contact.objects.owned_by(user)
        .awaiting_reply()
        .select_related("employer")
        .order_by("last_request_at")
    )


@dataclass(frozen=True)
class SecondContactSuggestion:
    contact: Contact
    employer_id: int
    employer_name: str
    since: date

    @classmethod
    def of(cls, contact: Contact) -> "SecondContactSuggestion":
        """For a contact of ``second_contacts_due`` (their employer read with them)."""
        return cls(contact, contact.employer_id, contact.employer.name, contact.second_contact_on)


def second_contacts_due(user, today: date | None = None):
    """SPEC §4: no reply after 3 business days → approach a second contact at the same employer.
    The contacts not answered, the longest waiting first, each with their employer.

    The day is stored on the contact's row (``second_contact_on``, ``state.py``). Not
    suggested when another contact there was already asked in the last 60 days.
    """
    today = today or user.today()
    now = timezone.now()
    # Asked in the last 60 days: their latest request is that recent (stored on their row).
    others_asked = Contact.objects.filter(
        employer=OuterRef("employer"),
        last_request_at__gte=now - timedelta(days=cadence.REST_DAYS),
    ).exclude(pk=OuterRef("pk"))
    return (
        Contact.objects.owned_by(user)
        .with_status(now)
        .filter(
            ~Exists(others_asked),
            status__in=[Status.REQUESTED, Status.RESTING],
            second_contact_on__lte=today,
            employer__isnull=False,
        )
        .select_related("employer")
        .order_by("second_contact_on", "employer__name", "last_name", "first_name", "pk")
    )


def second_contact_suggestions(user, today: date | None = None) -> list[SecondContactSuggestion]:
    """Every one of ``second_contacts_due``, as a suggestion to approach someone else there."""
    return [SecondContactSuggestion.of(c) for c in second_contacts_due(user, today)]


def funnel_sets(user) -> dict:
    """The contacts part of the funnel as querysets to count: ``contacts``, ``requests_sent``
    (contacts asked at least once: their latest request is stored) and ``referrals`` (people
    someone recommended to the seeker: in a debrief, by pointing them elsewhere, or named as
    "Introduced by"; the dashboard's "Write to" list is those of them not written to yet and
    not set aside)."""
    owned = Contact.objects.owned_by(user)
    return {
        "contacts": owned,
        "requests_sent": owned.filter(last_request_at__isnull=False),
        "referrals": owned.filter(referred_by__isnull=False),
    }


def contacts_matching(user, query: str, limit: int):
    """The seeker's contacts whose name or employer holds every word typed, by name (pickers)."""
    contacts = Contact.objects.owned_by(user).select_related("employer")
    words = query.split()
    for word, employer_ids in zip(words, employers_holding(user, *words), strict=True):
        contacts = contacts.filter(holding(word, employer_ids, "first_name", "last_name"))
    return contacts.order_by("last_name", "first_name", "id")[:limit]
