"""The data migration that fills each contact's cadence dates from the cycle on its row."""

from datetime import datetime
from importlib import import_module
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps

from networking.contacts.models import Contact
from networking.contacts.state import derived_state, stored_state
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory

pytestmark = pytest.mark.django_db

fill = import_module(
    "networking.progress.migrations.0004_fill_contact_cadence_dates"
).fill_cadence_dates

TORONTO = ZoneInfo("America/Toronto")


def test_the_fill_stores_the_dates_the_cadence_gives_and_nothing_for_the_rest(alice):
    waiting = ContactFactory(owner=alice, timezone="Asia/Tokyo")
    OutreachAttemptFactory(contact=waiting, sent_at=datetime(2026, 12, 4, 11, tzinfo=TORONTO))
    answered = ContactFactory(owner=alice)
    OutreachAttemptFactory(
        contact=answered,
        sent_at=datetime(2026, 12, 1, 10, tzinfo=TORONTO),
        reply="declined",
        replied_at=datetime(2026, 12, 2, 10, tzinfo=TORONTO),
    )
    quiet = ContactFactory(owner=alice)
    ids = [waiting.pk, answered.pk, quiet.pk]
    expected = derived_state(ids)
    # As the rows were before the migration: the cycle stored, no dates yet.
    Contact.objects.update(follow_up_due_on=None, second_contact_on=None)
    assert stored_state(ids) != expected
    fill(apps, None)
    assert stored_state(ids) == expected
    waiting.refresh_from_db()
    assert (waiting.follow_up_due_on, waiting.second_contact_on) == (
        datetime(2026, 12, 16).date(),
        datetime(2026, 12, 10).date(),
    )
