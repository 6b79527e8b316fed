"""A contact's state, written once with its history (STYLE "State written once, under a lock").

A contact's status (SPEC §4) is a function of their outreach and their meetings. Every write
of that history calls ``refresh_state`` in its transaction, which recomputes the stored
columns of ``Contact`` from the history (``derived_columns``, the rule in one place) under the
contact's row lock. Lists then read the row alone (``ContactQuerySet.with_status``).

The cadence's dates (``DATES``: when a follow-up falls due, when to approach a second
contact) are business days in the contact's zone, less the public holidays of the contact's
country (SPEC §6a), which SQL does not count: ``refresh_state``
works them out in Python from the cycle it has just stored (``cadence_dates``, the rules of
``cadence.py``) and stores them in the same transaction, under the same lock.

``rebuild`` recomputes every contact, for the ``rebuild_contact_state`` command.
"""

import zoneinfo
from types import SimpleNamespace

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.date_window import READABLE
from core.timezones import zone_named
from networking.contacts import cadence
from networking.contacts.models import FROM_ABOVE, MEETING_FACTS, Contact, OutreachAttempt

CYCLE = (
    "last_request_at",
    "follow_ups",
    "cycle_reply",
    "cycle_replied_at",
    "last_cycle_attempt_at",
    "last_contacted_at",
    "nurtured",
)
STORED = CYCLE + MEETING_FACTS
DATES = ("follow_up_due_on", "second_contact_on")


def _readable(column: str):
    """A stored moment, brought inside ``READABLE`` (as ``counting_day`` reads one): a row
    dated before the dates were bounded must not stop its contact's history being written."""
    earliest, latest = (Value(moment) for moment in READABLE)
    return Case(
        When(**{f"{column}__lt": earliest}, then=earliest),
        When(**{f"{column}__gt": latest}, then=latest),
        default=F(column),
    )


def dated_by(*, with_country: bool = True) -> dict:
    """What the dates are worked out from (``cadence_dates``' arguments, in order): the
    contact's zone and the seeker's, the contact's country, and the cycle (``CYCLE[:5]``).

    ``with_country=False`` is for the migration that ran before contacts had a country."""
    return {
        "dated_by_zone": F("timezone"),
        "dated_by_owner_zone": F("owner__timezone"),
        "dated_by_country": F("country") if with_country else Value(""),
        **{
            f"dated_by_{column}": F(column)
            if column in ("follow_ups", "cycle_reply")
            else _readable(column)
            for column in CYCLE[:5]
        },
    }


ANSWERABLE = [OutreachAttempt.Kind.REQUEST, OutreachAttempt.Kind.FOLLOW_UP]
NURTURING = [OutreachAttempt.Kind.THANK_YOU, OutreachAttempt.Kind.UPDATE]


def _attempts(contact=None):
    return OutreachAttempt.objects.filter(contact=contact or OuterRef("pk")).order_by()


def _latest_request(contact):
    latest = _attempts(contact).filter(kind=OutreachAttempt.Kind.REQUEST).order_by("-sent_at")
    return Subquery(latest.values("sent_at")[:1])


def derived_columns() -> dict:
    """Each stored column as an expression of the contact's history, correlated to its pk.

    The cycle is the latest request and the follow-ups and replies after it (SPEC §4); the
    meeting facts come from the meetings app (``FROM_ABOVE``). Good for ``annotate()`` (to
    compare) and for ``update()`` (to store): no expression reads another stored column.
    """
    cycle = _attempts().filter(
        kind__in=ANSWERABLE, sent_at__gte=_latest_request(OuterRef(OuterRef("pk")))
    )
    answered = cycle.exclude(reply=OutreachAttempt.Reply.NONE).order_by("replied_at", "id")
    follow_up_count = (
        cycle.filter(kind=OutreachAttempt.Kind.FOLLOW_UP)
        .values("contact")
        .annotate(n=Count("id"))
        .values("n")
    )
    return {
        "last_request_at": _latest_request(OuterRef("pk")),
        "follow_ups": Coalesce(Subquery(follow_up_count, output_field=IntegerField()), 0),
        "cycle_reply": Subquery(answered.values("reply")[:1]),
        "cycle_replied_at": Subquery(answered.values("replied_at")[:1]),
        "last_cycle_attempt_at": Subquery(cycle.order_by("-sent_at").values("sent_at")[:1]),
        "last_contacted_at": Subquery(_attempts().order_by("-sent_at").values("sent_at")[:1]),
        "nurtured": Exists(_attempts().filter(kind__in=NURTURING)),
        **FROM_ABOVE.expressions(*MEETING_FACTS),
    }


def _zone(name: str, owner_name: str) -> zoneinfo.ZoneInfo:
    """``Contact.zone``: the contact's, else the seeker's, else the site's."""
    return zone_named(name) or zone_named(owner_name) or zoneinfo.ZoneInfo(settings.TIME_ZONE)


def cadence_dates(timezone_name, owner_timezone, country, *cycle) -> tuple:
    """``DATES`` for a cycle (the values of ``CYCLE[:5]``) of a contact in ``timezone_name``,
    whose business days skip ``country``'s public holidays."""
    last_request_at, follow_ups, reply, replied_at, last_attempt_at = cycle
    cycle = cadence.Cycle.of(
        SimpleNamespace(
            last_request_at=last_request_at,
            follow_ups=follow_ups,
            cycle_reply=reply,
            cycle_replied_at=replied_at,
            last_cycle_attempt_at=last_attempt_at,
        )
    )
    zone = _zone(timezone_name, owner_timezone)
    return (
        cadence.follow_up_due_on(cycle, zone, country or ""),
        cadence.second_contact_suggested_on(cycle, zone, country or ""),
    )


def store_dates(contact_ids) -> None:
    """Store ``DATES`` from each contact's stored cycle and zone: one read, and one write
    of the rows whose dates changed (none, mostly). The caller holds the rows' locks."""
    rows = Contact.objects.filter(pk__in=contact_ids).order_by()
    changed = []
    reasons = dated_by()
    for pk, *values in rows.annotate(**reasons).values_list("pk", *DATES, *reasons):
        stored, by = tuple(values[: len(DATES)]), values[len(DATES) :]
        dates = cadence_dates(*by)
        if dates != stored:
            changed.append(Contact(pk=pk, **dict(zip(DATES, dates, strict=True))))
    if changed:
        Contact.objects.bulk_update(changed, DATES, batch_size=500)


def refresh_state(*contact_ids, locked: bool = False) -> None:
    """Store the state of these contacts as their history now stands, in the caller's
    transaction.

    The rows are locked first (``FOR NO KEY UPDATE``, in the order of their ids), then the
    state is computed in a statement of its own: a write of the same contact's history in
    another transaction either committed before (and is seen) or waits and refreshes after.
    ``locked``: the caller holds the contact's lock already (``services._lock``).
    """
    ids = sorted({pk for pk in contact_ids if pk is not None})
    if not ids:
        return
    with transaction.atomic():
        if not locked and connection.features.has_select_for_update:
            rows = Contact.objects.select_for_update(no_key=True).filter(pk__in=ids)
            list(rows.order_by("pk").values_list("pk", flat=True))
        Contact.objects.filter(pk__in=ids).update(**derived_columns())
        store_dates(ids)


def stored_state(contact_ids) -> dict[int, tuple]:
    """The stored columns of these contacts (``STORED`` then ``DATES``), by id."""
    rows = Contact.objects.filter(pk__in=contact_ids).order_by()
    return {pk: tuple(values) for pk, *values in rows.values_list("pk", *STORED, *DATES)}


def derived_state(contact_ids) -> dict[int, tuple]:
    """The same columns computed from the history now (what ``refresh_state`` would store):
    the cycle by SQL, the dates from it by the cadence's rules."""
    contacts = Contact.objects.filter(pk__in=contact_ids).order_by()
    rows = contacts.annotate(**{f"derived_{c}": e for c, e in derived_columns().items()})
    values = rows.values_list(
        "pk", *(f"derived_{c}" for c in STORED), "timezone", "owner__timezone", "country"
    )
    derived = {}
    for pk, *columns in values:
        state, zones = tuple(columns[: len(STORED)]), columns[len(STORED) :]
        derived[pk] = state + cadence_dates(*zones, *state[:5])
    return derived


def rebuild(contacts=None, *, batch_size: int = 500) -> tuple[int, int]:
    """Recompute the state of ``contacts`` (all by default) in batches, each a transaction.

    Returns (contacts seen, contacts whose stored state changed).
    """
    contacts = Contact.objects.all() if contacts is None else contacts
    ids = list(contacts.order_by("pk").values_list("pk", flat=True))
    changed = 0
    for start in range(0, len(ids), batch_size):
        batch = ids[start : start + batch_size]
        with transaction.atomic():
            before = stored_state(batch)
            refresh_state(*batch)
            after = stored_state(batch)
        changed += sum(1 for pk in batch if before.get(pk) != after.get(pk))
    return len(ids), changed


def settle_meeting_dates(contacts, now=None):
    """Read ``next_meeting_at`` and ``last_met_at`` exactly for the contacts (annotated by
    ``with_status(now)``) whose meetings straddle ``now``, in one query for all of them;
    none when no contact does, which is nearly always. Returns ``contacts``."""
    unsure = {c.pk: c for c in contacts if not getattr(c, "meeting_dates_exact", True)}
    if unsure:
        now = now or timezone.now()
        exact = FROM_ABOVE.expressions("next_meeting_at", "last_met_at", now=now)
        rows = (
            Contact.objects.filter(pk__in=unsure)
            .order_by()
            .annotate(**{f"exact_{name}": e for name, e in exact.items()})
            .values_list("pk", "exact_next_meeting_at", "exact_last_met_at")
        )
        for pk, next_meeting_at, last_met_at in rows:
            unsure[pk].next_meeting_at = next_meeting_at
            unsure[pk].last_met_at = last_met_at
            unsure[pk].meeting_dates_exact = True
    return contacts
