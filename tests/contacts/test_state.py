"""A contact's stored state equals the rule, whatever the history (STYLE "State written once").

Generated histories of outreach, replies and meetings are applied through the real services;
after each step the stored columns equal their recomputation from the history, and the status
read from the row (``with_status``) equals the status derived from the history by correlated
subqueries, as it was before it was stored, at instants before, between and after the events.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import models, transaction
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.business_days import is_business_day
from core.countries import country_of_zone
from networking.contacts import cadence, services
from networking.contacts.cadence import MAX_FOLLOW_UPS
from networking.contacts.models import FROM_ABOVE, Contact, OutreachAttempt, Status, in_status
from networking.contacts.state import (
    DATES,
    STORED,
    derived_columns,
    derived_state,
    refresh_state,
    settle_meeting_dates,
    stored_state,
)
from networking.meetings import services as meeting_services
from networking.meetings.models import Meeting, Task
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def derived_status(contacts, now):
    """The status as ``with_status`` derived it before it was stored: from the history, by
    correlated subqueries, at ``now``. The oracle of the stored one."""
    cycle = {f"was_{name}": e for name, e in derived_columns().items()}
    return contacts.annotate(
        **cycle,
        **{
            f"was_{n}": e
            for n, e in FROM_ABOVE.expressions("next_meeting_at", "last_met_at", now=now).items()
        },
    ).annotate(
        was_status=Case(
            When(Q(was_last_met_at__isnull=False, was_nurtured=True), then=Value(Status.NURTURING)),
            When(was_last_met_at__isnull=False, then=Value(Status.MET)),
            When(was_next_meeting_at__isnull=False, then=Value(Status.SCHEDULED)),
            When(was_last_request_at__isnull=True, then=Value(Status.IDENTIFIED)),
            When(was_cycle_reply=OutreachAttempt.Reply.ACCEPTED, then=Value(Status.ACCEPTED)),
            When(was_cycle_reply=OutreachAttempt.Reply.DECLINED, then=Value(Status.DECLINED)),
            When(was_cycle_reply=OutreachAttempt.Reply.REDIRECTED, then=Value(Status.REDIRECTED)),
            When(
                Q(was_cycle_reply__isnull=True, was_follow_ups__gte=MAX_FOLLOW_UPS),
                then=Value(Status.RESTING),
            ),
            default=Value(Status.REQUESTED),
            output_field=models.CharField(),
        )
    )


def assert_state_follows_the_rule(contact, moments):
    assert stored_state([contact.pk]) == derived_state([contact.pk])
    # The stored dates are the cadence's rules applied to the cycle, in the contact's zone and
    # the business days of their country (its public holidays skipped).
    stored = Contact.objects.with_status().get(pk=contact.pk)
    cycle = cadence.Cycle.of(stored)
    assert (stored.follow_up_due_on, stored.second_contact_on) == (
        cadence.follow_up_due_on(cycle, stored.zone, stored.country),
        cadence.second_contact_suggested_on(cycle, stored.zone, stored.country),
    )
    for day in (stored.follow_up_due_on, stored.second_contact_on):
        assert day is None or is_business_day(day, stored.country)
    if stored.follow_ups >= MAX_FOLLOW_UPS:
        assert stored.follow_up_due_on is None  # never a third follow-up
    for now in moments:
        [row] = settle_meeting_dates(
            list(Contact.objects.filter(pk=contact.pk).with_status(now)), now
        )
        [was] = derived_status(Contact.objects.filter(pk=contact.pk), now)
        assert (row.status, row.next_meeting_at, row.last_met_at) == (
            was.was_status,
            was.was_next_meeting_at,
            was.was_last_met_at,
        ), now
        # The cheap filters of the lists agree with the status; the status filter's indexed
        # columns (``in_status``) never leave out a contact in that status.
        assert (
            Contact.objects.filter(pk=contact.pk)
            .with_status(now)
            .filter(in_status(was.was_status))
            .exists()
        ), (was.was_status, now)
        awaiting = Contact.objects.filter(pk=contact.pk).awaiting_reply(now)
        assert awaiting.exists() == (
            was.was_status in (Status.REQUESTED, Status.RESTING) and was.was_cycle_reply is None
        )
        # Due on the seeker's day at ``now``: a request with no meeting since, its follow-up
        # due on or before that day.
        today = timezone.localtime(now, stored.owner.zone).date()
        due_on = cadence.follow_up_due_on(cycle, stored.zone, stored.country)
        due = Contact.objects.filter(pk=contact.pk).follow_ups_due(today, now)
        assert due.exists() == (
            was.was_status == Status.REQUESTED and due_on is not None and due_on <= today
        ), now


KINDS = ["request", "follow_up", "thank_you", "update"]
REPLIES = ["accepted", "declined", "redirected"]
MEETING_STATES = ["requested", "scheduled", "held", "debriefed"]
# The contact's own zone counts their business days: far east, far west, and the seeker's.
ZONES = ["America/Toronto", "Pacific/Auckland", "Pacific/Honolulu", "Asia/Kolkata"]
# Their country's public holidays are no business days; "" is none known (weekends only).
COUNTRIES = ["", "CA", "US", "NZ", "IN", "DE", "GB"]

steps = st.one_of(
    st.tuples(st.just("outreach"), st.sampled_from(KINDS), st.integers(-40, 2)),
    st.tuples(st.just("reply"), st.sampled_from(REPLIES), st.integers(0, 5)),
    st.tuples(st.just("meeting"), st.sampled_from(MEETING_STATES), st.integers(-30, 30)),
    st.tuples(st.just("cancel"), st.integers(0, 4)),
    st.tuples(st.just("move"), st.integers(0, 4), st.sampled_from(MEETING_STATES)),
    st.tuples(st.just("debrief"), st.integers(0, 4)),
    st.tuples(st.just("task"), st.integers(0, 4)),
    st.tuples(st.just("delete_outreach"), st.integers(0, 4)),
    st.tuples(st.just("delete_meeting"), st.integers(0, 4)),
    st.tuples(st.just("zone"), st.sampled_from(ZONES)),
    st.tuples(st.just("country"), st.sampled_from(COUNTRIES)),
)


def apply(step, contact, base, slot):
    """Apply one step through the services; a step the rules refuse writes nothing."""
    what = step[0]
    meetings = list(Meeting.objects.filter(contact=contact).order_by("pk"))
    attempts = list(OutreachAttempt.objects.filter(contact=contact).order_by("pk"))
    if what == "outreach":
        services.log_outreach(
            contact, kind=step[1], channel="email", sent_at=base + timedelta(days=step[2])
        )
    elif what == "reply":
        waiting = [a for a in attempts if a.kind in KINDS[:2] and a.reply == "none"]
        if waiting:
            latest = max(waiting, key=lambda a: (a.sent_at, a.pk))
            services.record_reply(
                latest, reply=step[1], replied_at=latest.sent_at + timedelta(days=step[2])
            )
    elif what == "meeting":
        # Each meeting in a slot of its own: one seeker, one meeting at a time.
        starts_at = base + timedelta(days=step[2], minutes=30 * slot)
        meeting_services.save_meeting(Meeting(contact=contact, starts_at=starts_at, status=step[1]))
    elif what == "cancel" and meetings:
        meeting_services.cancel_meeting(meetings[step[1] % len(meetings)])
    elif what == "move" and meetings:
        meeting = meetings[step[1] % len(meetings)]
        meeting.status = step[2]
        meeting_services.save_meeting(meeting)
    elif what == "debrief" and meetings:
        meeting_services.record_debrief(
            meetings[step[1] % len(meetings)],
            referrals=[{"first_name": "Referred", "email": ""}],
        )
    elif what == "task":
        tasks = list(Task.objects.filter(contact=contact, done=False).order_by("pk"))
        if tasks:
            meeting_services.complete_task(tasks[step[1] % len(tasks)])
    elif what == "delete_outreach" and attempts:
        services.delete_outreach(attempts[step[1] % len(attempts)])
    elif what == "delete_meeting" and meetings:
        meeting_services.delete_meeting(meetings[step[1] % len(meetings)])
    elif what == "zone":
        # An edit of the contact as the form makes it, from a copy read before the history
        # went on: the zone moves the dates, and the stale copy must not stand for the state.
        contact.timezone = step[1]
        contact.country = country_of_zone(step[1])  # as the form follows the zone
        services.save_contact(contact, owner=contact.owner)
    elif what == "country":
        contact.country = step[1]
        services.save_contact(contact, owner=contact.owner)


@pytest.fixture
def seeker(db):
    return UserFactory(email="hypatia@example.com", timezone="America/Toronto")


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(history=st.lists(steps, min_size=1, max_size=10))
def test_the_stored_state_is_the_rule_applied_to_any_history(seeker, history):
    base = timezone.now().replace(second=0, microsecond=0)
    with transaction.atomic():
        contact = ContactFactory(owner=seeker, timezone="America/Toronto", country="CA")
        for slot, step in enumerate(history):
            try:
                with transaction.atomic():
                    apply(step, contact, base, slot)
            except ValidationError:
                pass  # refused by the rules (hounding, a clash, not debriefable): nothing written
            starts = Meeting.objects.filter(contact=contact).values_list("starts_at", flat=True)
            moments = {base, base - timedelta(days=45), base + timedelta(days=45)}
            moments |= {s + timedelta(minutes=d) for s in starts for d in (0, 1)}
            assert_state_follows_the_rule(contact, sorted(moments))
        transaction.set_rollback(True)


def test_refresh_state_repairs_history_written_around_the_services(alice):
    contact = ContactFactory(owner=alice)
    OutreachAttempt.objects.create(contact=contact, kind="request", sent_at=timezone.now())
    assert stored_state([contact.pk]) != derived_state([contact.pk])
    refresh_state(contact.pk)
    assert stored_state([contact.pk]) == derived_state([contact.pk])
    assert Contact.objects.with_status().get(pk=contact.pk).status == Status.REQUESTED


def test_the_rebuild_command_recomputes_every_contact_and_says_how_many_changed(alice, bob, capsys):
    asked = ContactFactory(owner=alice)
    quiet = ContactFactory(owner=alice)
    bobs = ContactFactory(owner=bob)
    for contact in (asked, bobs):
        OutreachAttempt.objects.create(contact=contact, kind="request", sent_at=timezone.now())
    call_command("rebuild_contact_state", "--email", "ALICE@example.com", "--batch-size", "1")
    assert capsys.readouterr().out.strip() == "2 contacts checked, 1 changed."
    assert stored_state([asked.pk, quiet.pk]) == derived_state([asked.pk, quiet.pk])
    assert stored_state([bobs.pk]) != derived_state([bobs.pk])
    call_command("rebuild_contact_state")
    assert capsys.readouterr().out.strip() == "3 contacts checked, 1 changed."
    call_command("rebuild_contact_state")
    assert capsys.readouterr().out.strip() == "3 contacts checked, 0 changed."


def test_the_admin_keeps_the_state_when_a_superuser_edits_the_history(admin_client, alice):
    contact = ContactFactory(owner=alice)
    attempt = OutreachAttemptFactory(contact=contact, sent_at=timezone.now() - timedelta(days=1))
    url = f"/admin/contacts/outreachattempt/{attempt.pk}/delete/"
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert stored_state([contact.pk]) == derived_state([contact.pk])
    assert Contact.objects.with_status().get(pk=contact.pk).status == Status.IDENTIFIED


def test_every_stored_column_is_derived():
    assert set(derived_columns()) == set(STORED)
    stored = {f.name for f in Contact._meta.concrete_fields if not f.editable and not f.generated}
    # When a referral was set aside is the seeker's choice, kept as it was made: not history.
    chosen = {"created_at", "updated_at", "referral_dismissed_at"}
    assert stored - chosen == set(STORED) | set(DATES)
