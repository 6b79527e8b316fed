"""A task stores its seeker, its contact's owner, however it is written: by the debrief
(``bulk_create``), by an opportunity's close-the-loop note, through the admin, and by
migration 0014 for the tasks written before."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from networking.meetings.models import Task
from tests.contacts.factories import ContactFactory
from tests.factories import UserFactory
from tests.meetings.factories import MeetingFactory, TaskFactory, past_slot
from tests.meetings.test_debrief import debrief_data, post


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_migration_gives_each_task_its_contacts_seeker():
    alice, bob = UserFactory(), UserFactory()  # the seekers as they are: core is not rolled back
    apps = migrate([("meetings", "0013_run_sheet_notes")])
    try:
        Contact = apps.get_model("contacts", "Contact")
        OldTask = apps.get_model("meetings", "Task")
        today = timezone.now().date()
        mine = OldTask.objects.create(
            contact=Contact.objects.create(owner_id=alice.pk, first_name="Jordan"),
            kind="follow_up",
            title="Follow up with Jordan",
            due_on=today,
        )
        theirs = OldTask.objects.create(
            contact=Contact.objects.create(owner_id=bob.pk, first_name="Sam"),
            kind="follow_up",
            title="Follow up with Sam",
            due_on=today,
        )
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert Task.objects.get(pk=mine.pk).owner_id == alice.pk
    assert Task.objects.get(pk=theirs.pk).owner_id == bob.pk
    assert list(Task.objects.owned_by(alice)) == [Task.objects.get(pk=mine.pk)]


@pytest.mark.django_db
def test_the_debriefs_tasks_are_the_seekers(alice_client, alice):
    referrer = ContactFactory(owner=alice, first_name="Priya")
    jordan = ContactFactory(owner=alice, first_name="Jordan", referred_by=referrer)
    meeting = MeetingFactory(contact=jordan, starts_at=past_slot(jordan.timezone, days_back=1))
    response = post(alice_client, meeting, debrief_data())
    assert response.status_code == 302, response.content.decode()[:2000]
    tasks = Task.objects.filter(meeting=meeting)
    assert {task.kind for task in tasks} == {"thank_you", "follow_up", "close_loop"}
    assert {task.owner_id for task in tasks} == {alice.pk}
    assert set(Task.objects.owned_by(alice)) == set(tasks)


@pytest.mark.django_db
def test_a_task_moved_to_another_contact_follows_its_seeker(alice, bob):
    task = TaskFactory(meeting__contact__owner=alice)
    assert task.owner_id == alice.pk
    task.contact = ContactFactory(owner=bob)
    task.save(update_fields=["contact"])
    task.refresh_from_db()
    assert task.owner_id == bob.pk
    # Named by its column, the contact moves its seeker too.
    task.contact_id = ContactFactory(owner=alice).pk
    task.save(update_fields=["contact_id"])
    assert Task.objects.get(pk=task.pk).owner_id == alice.pk
    task.contact = ContactFactory(owner=bob)
    task.save(update_fields=["contact"])
    # A save that does not touch the contact leaves the seeker as stored.
    task.due_on += timedelta(days=1)
    task.save(update_fields=["due_on"])
    assert Task.objects.get(pk=task.pk).owner_id == bob.pk
