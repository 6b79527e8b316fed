"""The data migration that gives seekers and contacts a country from their zone and works out
again every date counted in business days, now that public holidays are no business days."""

from datetime import UTC, date, datetime
from importlib import import_module
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps

from core.models import User
from networking.contacts.models import Contact
from networking.contacts.state import derived_state, refresh_state, stored_state
from networking.meetings.models import Meeting, Task
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory
from tests.factories import UserFactory
from tests.meetings.factories import MeetingFactory, TaskFactory

pytestmark = pytest.mark.django_db

fill = import_module(
    "networking.progress.migrations.0005_fill_countries_and_holiday_dates"
).fill_countries_and_dates

NEW_YORK = ZoneInfo("America/New_York")


@time_machine.travel(datetime(2026, 11, 25, 20, 0, tzinfo=UTC), tick=False)
def test_countries_come_from_the_zones_and_the_dates_skip_their_holidays():
    seeker = UserFactory(timezone="America/New_York")
    dana = ContactFactory(owner=seeker, timezone="America/New_York")
    OutreachAttemptFactory(contact=dana, sent_at=datetime(2026, 11, 17, 10, tzinfo=NEW_YORK))
    nowhere = ContactFactory(owner=seeker, timezone="UTC")
    meeting = MeetingFactory(contact=dana, starts_at=datetime(2026, 11, 25, 10, tzinfo=NEW_YORK))
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.DEBRIEFED)
    refresh_state(dana.pk)
    thank_you = TaskFactory(meeting=meeting, due_on=date(2026, 11, 26))
    follow_up = TaskFactory(meeting=meeting, kind=Task.Kind.FOLLOW_UP, due_on=date(2026, 12, 2))
    # As before the migration: no countries, dates counted over weekends only.
    assert Contact.objects.get(pk=dana.pk).follow_up_due_on == date(2026, 11, 26)
    assert User.objects.get(pk=seeker.pk).next_digest_at == datetime(
        2026, 11, 26, 13, 0, tzinfo=UTC
    )

    fill(apps, None)

    dana.refresh_from_db()
    seeker.refresh_from_db()
    assert (seeker.country, dana.country) == ("US", "US")
    assert Contact.objects.get(pk=nowhere.pk).country == ""
    # Thanksgiving (Thursday 26 November) is skipped everywhere.
    assert dana.follow_up_due_on == date(2026, 11, 27)
    assert stored_state([dana.pk, nowhere.pk]) == derived_state([dana.pk, nowhere.pk])
    assert seeker.next_digest_at == datetime(2026, 11, 27, 13, 0, tzinfo=UTC)
    thank_you.refresh_from_db()
    follow_up.refresh_from_db()
    assert thank_you.due_on == date(2026, 11, 27)
    assert follow_up.due_on == date(2026, 12, 3)  # five business days from Wednesday 25
    # Twice is once.
    fill(apps, None)
    dana.refresh_from_db()
    assert dana.follow_up_due_on == date(2026, 11, 27)
