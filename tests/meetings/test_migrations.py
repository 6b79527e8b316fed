"""Migrations 0007–0010: each meeting gets its seeker, and double bookings made before the
database could refuse them are cancelled so that PostgreSQL's constraint can be added."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

# The seeker's row as it was then too: its later columns have no default in the database.
BEFORE = [
    ("meetings", "0006_actual_minutes_optional"),
    ("core", "0004_coach_lists_in_the_access_log"),
]
AFTER = [("meetings", "0010_one_meeting_at_a_time")]
AT_TEN = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def before():
    """The database as it was before meetings had a seeker of their own; put back after."""
    apps = migrate(BEFORE)
    yield apps
    migrate(executor_leaf_nodes())


def executor_leaf_nodes():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _booking(apps, contact, starts_at, status="scheduled", minutes=20):
    return apps.get_model("meetings", "Meeting").objects.create(
        contact_id=contact.pk,
        starts_at=starts_at,
        duration_minutes=minutes,
        ends_at=starts_at + timedelta(minutes=minutes),
        status=status,
    )


def _people(apps):
    User = apps.get_model("core", "User")
    Contact = apps.get_model("contacts", "Contact")
    alice = User.objects.create(email="alice@example.com", name="Alice")
    bob = User.objects.create(email="bob@example.com", name="Bob")
    jordan = Contact.objects.create(owner=alice, first_name="Jordan")
    priya = Contact.objects.create(owner=alice, first_name="Priya")
    sam = Contact.objects.create(owner=bob, first_name="Sam")
    return alice, bob, jordan, priya, sam


def test_each_meeting_gets_its_contacts_seeker(before):
    alice, bob, jordan, _, sam = _people(before)
    first = _booking(before, jordan, AT_TEN)
    other = _booking(before, sam, AT_TEN)

    Meeting = migrate(AFTER).get_model("meetings", "Meeting")

    assert Meeting.objects.get(pk=first.pk).owner_id == alice.pk
    assert Meeting.objects.get(pk=other.pk).owner_id == bob.pk


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the constraint, and so the clean-up, is PostgreSQL's"
)
def test_double_bookings_are_cancelled_keeping_the_one_furthest_along(before):
    _, _, jordan, priya, sam = _people(before)
    booked = _booking(before, jordan, AT_TEN)
    twice = _booking(before, jordan, AT_TEN)
    debriefed = _booking(before, priya, AT_TEN + timedelta(minutes=10), status="debriefed")
    next_one = _booking(before, priya, AT_TEN + timedelta(minutes=30))
    already_cancelled = _booking(before, jordan, AT_TEN, status="cancelled")
    someone_elses = _booking(before, sam, AT_TEN)

    Meeting = migrate(AFTER).get_model("meetings", "Meeting")

    status = dict(Meeting.objects.values_list("pk", "status"))
    assert status == {
        booked.pk: "cancelled",
        twice.pk: "cancelled",
        debriefed.pk: "debriefed",
        next_one.pk: "scheduled",
        already_cancelled.pk: "cancelled",
        someone_elses.pk: "scheduled",
    }
    assert Meeting.objects.get(pk=twice.pk).notes == (
        "Cancelled: booked twice, it overlapped another of your meetings."
    )
    assert Meeting.objects.get(pk=already_cancelled.pk).notes == ""
