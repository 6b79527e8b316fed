"""Reads about contacts, named for what they mean (the contact list, the dashboard)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from core.ladder import advice_for
from networking.contacts import cadence
from networking.contacts.models import Contact, OutreachAttempt, Status


def contacts_for_list(user, filters: dict, today: date | None = None):
    """The contact list with its filters (SPEC issue 4): search, employer, level, status, due."""
    contacts = (
        Contact.objects.owned_by(user)
        .with_status()
        .select_related("employer")
        .order_by("last_name", "first_name", "id")
    )
    if query := filters.get("q"):
        contacts = contacts.filter(
            Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(title__icontains=query)
            | Q(employer__name__icontains=query)
        )
    if employer := filters.get("employer"):
        contacts = contacts.filter(employer=employer)
    if level := filters.get("level"):
        contacts = contacts.filter(level=level)
    if status := filters.get("status"):
        contacts = contacts.filter(status=status)
    if filters.get("due"):
        due_ids = [contact.pk for contact in follow_ups_due(user, today)]
        contacts = contacts.filter(pk__in=due_ids)
    return contacts


def decorate(contacts, user, today: date | None = None):
    """Attach the advice (SPEC §3) and the next action (SPEC §4) to annotated contacts."""
    today = today or timezone.localdate()
    for contact in contacts:
        contact.advice = advice_for(contact.level, contact.function, user.target_level)
        contact.next_action = cadence.next_action(contact, contact.zone)
        contact.is_due = contact.next_action.is_due(today)
        contact.next_when = contact.next_action.when(today)
    return contacts


def follow_ups_due(user, today: date | None = None) -> list[Contact]:
    """Contacts whose polite follow-up is due today or overdue, oldest first (SPEC §4).

    Each carries ``follow_up_due_on``. Two queries at most, whatever the number of contacts.
    """
    today = today or timezone.localdate()
    due = []
    for contact in Contact.objects.owned_by(user).follow_up_candidates().select_related("employer"):
        due_on = cadence.follow_up_due_on(cadence.Cycle.of(contact), contact.zone)
        if due_on and due_on <= today:
            contact.follow_up_due_on = due_on
            due.append(contact)
    return sorted(due, key=lambda c: (c.follow_up_due_on, c.last_name, c.pk))


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


def second_contact_suggestions(user, today: date | None = None) -> list[SecondContactSuggestion]:
    """SPEC §4: no reply after 3 business days → approach a second contact at the same employer.

    Not suggested when another contact there was already asked in the last 60 days.
    """
    today = today or timezone.localdate()
    now = timezone.now()
    others_asked = OutreachAttempt.objects.filter(
        kind=OutreachAttempt.Kind.REQUEST,
        contact__employer=OuterRef("employer"),
        sent_at__gte=now - timedelta(days=cadence.REST_DAYS),
    ).exclude(contact=OuterRef("pk"))
    candidates = (
        Contact.objects.owned_by(user)
        .with_status()
        .filter(
            status__in=[Status.REQUESTED, Status.RESTING],
            cycle_reply__isnull=True,
            employer__isnull=False,
            last_request_at__lt=now - timedelta(days=2),
        )
        .annotate(others_asked=Exists(others_asked))
        .filter(others_asked=False)
        .select_related("employer")
    )
    found = []
    for contact in candidates:
        since = cadence.second_contact_suggested_on(cadence.Cycle.of(contact), contact.zone)
        if since and since <= today:
            found.append(
                SecondContactSuggestion(contact, contact.employer_id, contact.employer.name, since)
            )
    return sorted(found, key=lambda s: (s.since, s.employer_name))


def funnel_counts(user) -> dict:
    """The contacts part of the funnel, in one query: ``contacts``, and ``requests_sent``
    (contacts asked at least once)."""
    return Contact.objects.owned_by(user).aggregate(
        contacts=Count("pk", distinct=True),
        requests_sent=Count("pk", filter=Q(outreach__kind="request"), distinct=True),
    )
