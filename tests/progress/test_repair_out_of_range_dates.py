"""The data migration that repairs dates stored before typed dates were bounded.

A row dated year 10000 is written with raw SQL (PostgreSQL stores it; no page can read it
back), then the migration's function runs and every page answers 200 again.
"""

from datetime import UTC, datetime, timedelta
from importlib import import_module

import pytest
import time_machine
from django.apps import apps
from django.db import DataError, connection, transaction
from django.test import Client

from networking.contacts.models import OutreachAttempt
from networking.contacts.state import refresh_state
from networking.meetings.models import Meeting
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory
from tests.factories import UserFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db

repair = import_module(
    "networking.progress.migrations.0001_repair_out_of_range_dates"
).repair_out_of_range_dates
# The migration after it computes each contact's stored state from the repaired history.
fill_contact_state = import_module(
    "networking.progress.migrations.0002_fill_contact_state"
).fill_contact_state


def repair_then_fill():
    repair(apps, None)
    fill_contact_state(apps, None)


LOGGED = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)  # when the rows were written
SENT = datetime(2026, 11, 16, 15, 0, tzinfo=UTC)
# Year 10000 in UTC: what 23:59 on 31 Dec 9999 at UTC−11 became. Python cannot hold it.
YEAR_10000 = {
    "postgresql": "'10000-01-01 10:59:00+00'::timestamptz",
    "sqlite": "'10000-01-01 10:59:00'",
}[connection.vendor]
YEAR_10000_END = YEAR_10000.replace("10:59", "11:19")


def set_raw(table, pk, **columns):
    assignments = ", ".join(f"{column} = {value}" for column, value in columns.items())
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {assignments} WHERE id = %s", [pk])


@pytest.fixture
def seeker(alice):
    alice.timezone = "Pacific/Pago_Pago"  # UTC−11
    alice.save(update_fields=["timezone"])
    return alice


@pytest.fixture
def broken(seeker):
    """Alice's rows as they were left: three unreadable dates and two far ones, one good row."""
    with time_machine.travel(LOGGED, tick=False):
        elena = ContactFactory(owner=seeker, first_name="Elena", timezone="Pacific/Pago_Pago")
        priya = ContactFactory(owner=seeker, first_name="Priya")
        jordan = ContactFactory(owner=seeker, first_name="Jordan")
        rows = {
            "answered_in_10000": OutreachAttemptFactory(contact=elena, sent_at=SENT),
            "sent_in_10000": OutreachAttemptFactory(contact=priya, sent_at=SENT),
            "sent_in_year_1": OutreachAttemptFactory(
                contact=jordan,
                sent_at=datetime(1, 1, 1, 12, tzinfo=UTC),
                reply="accepted",
                replied_at=datetime(2026, 11, 18, 15, tzinfo=UTC),
            ),
            "good": OutreachAttemptFactory(contact=jordan, sent_at=SENT, kind="update"),
            "meeting_in_10000": MeetingFactory(contact=elena),
            "meeting_in_1999": MeetingFactory(
                contact=priya, starts_at=datetime(1999, 12, 31, 23, tzinfo=UTC)
            ),
            "good_meeting": MeetingFactory(
                contact=jordan, starts_at=datetime(2026, 12, 1, 15, tzinfo=UTC)
            ),
        }
    set_raw(
        "contacts_outreachattempt",
        rows["answered_in_10000"].pk,
        reply="'accepted'",
        replied_at=YEAR_10000,
    )
    set_raw("contacts_outreachattempt", rows["sent_in_10000"].pk, sent_at=YEAR_10000)
    set_raw(
        "meetings_meeting",
        rows["meeting_in_10000"].pk,
        starts_at=YEAR_10000,
        ends_at=YEAR_10000_END,
    )
    # The contacts' stored state, computed from those dates as the database holds them.
    refresh_state(elena.pk, priya.pk, jordan.pk)
    return rows


def fresh(row):
    return type(row).objects.get(pk=row.pk)


def test_every_date_out_of_the_window_is_repaired_and_the_rest_left_alone(broken):
    good, good_meeting = fresh(broken["good"]), fresh(broken["good_meeting"])
    repair(apps, None)
    answered = fresh(broken["answered_in_10000"])
    assert (answered.sent_at, answered.reply, answered.replied_at) == (SENT, "accepted", SENT)
    assert fresh(broken["sent_in_10000"]).sent_at == LOGGED  # logged then
    year_1 = fresh(broken["sent_in_year_1"])  # answered before it was logged: sent by then
    assert year_1.sent_at == year_1.replied_at == datetime(2026, 11, 18, 15, tzinfo=UTC)
    for name in ["meeting_in_10000", "meeting_in_1999"]:
        meeting = fresh(broken[name])
        assert meeting.starts_at == LOGGED, name  # booked then
        assert meeting.ends_at == LOGGED + timedelta(minutes=meeting.duration_minutes)
    # Both were booked at one moment: the seeker is in one meeting at a time, so one gives way.
    statuses = {fresh(broken[name]).status for name in ["meeting_in_10000", "meeting_in_1999"]}
    assert statuses == {"scheduled", "cancelled"}
    assert fresh(broken["good"]).sent_at == good.sent_at
    assert fresh(broken["good_meeting"]).starts_at == good_meeting.starts_at
    assert fresh(broken["good_meeting"]).updated_at == good_meeting.updated_at


def test_the_repair_finds_nothing_to_do_the_second_time(broken, django_assert_num_queries):
    repair(apps, None)
    before = list(OutreachAttempt.objects.values_list("pk", "sent_at", "replied_at"))
    # One look each for bad sendings, answers and starts; nothing to read or write after.
    with django_assert_num_queries(3):
        repair(apps, None)
    assert list(OutreachAttempt.objects.values_list("pk", "sent_at", "replied_at")) == before


def seekers_pages(broken):
    elena, priya = broken["answered_in_10000"].contact, broken["sent_in_10000"].contact
    meeting = broken["meeting_in_10000"]
    return [
        "/contacts/",
        f"/contacts/{elena.pk}/",
        f"/contacts/{priya.pk}/",
        "/contacts/export.csv",
        "/dashboard/",
        "/network/",
        "/meetings/",
        "/meetings/?tab=debrief",
        f"/meetings/{meeting.pk}/",
        f"/meetings/{meeting.pk}/edit/",
    ]


ADMIN_PAGES = [
    "/admin/contacts/outreachattempt/",
    "/admin/contacts/contact/",
    "/admin/meetings/meeting/",
]


def get(client, url):
    response = client.get(url)
    b"".join(getattr(response, "streaming_content", [b""]))
    return response


def test_after_the_repair_every_page_answers(broken, seeker, client):
    repair_then_fill()
    client.force_login(seeker)
    for url in seekers_pages(broken):
        assert get(client, url).status_code == 200, url
    admin = Client()
    admin.force_login(UserFactory(is_staff=True, is_superuser=True))
    for url in ADMIN_PAGES:
        assert get(admin, url).status_code == 200, url


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL stores year 10000")
def test_on_postgresql_a_year_10000_row_broke_every_page_until_repaired(broken, seeker, client):
    client.force_login(seeker)
    admin = Client()
    admin.force_login(UserFactory(is_staff=True, is_superuser=True))
    for who, url, error in [
        (client, "/contacts/", DataError),
        # The export's COPY hands the date to Python as text, which cannot read year 10000.
        (client, "/contacts/export.csv", ValueError),
        (admin, ADMIN_PAGES[0], DataError),
    ]:
        with pytest.raises(error, match=r"after year 10K|10000-01-01"), transaction.atomic():
            get(who, url)
    repair_then_fill()
    for who, url in [
        (client, "/contacts/"),
        (client, "/contacts/export.csv"),
        (admin, ADMIN_PAGES[0]),
    ]:
        assert get(who, url).status_code == 200, url
    assert not Meeting.objects.filter(starts_at__year__gte=2100).exists()
