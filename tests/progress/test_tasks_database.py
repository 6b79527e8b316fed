"""Background work runs through the database backend and its worker, as in production.

The rest of the suite runs tasks as they are enqueued (the immediate backend); here they are
kept in the database until the worker's own loop (``manage.py db_worker --batch``) runs them.
"""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from networking.progress.digests import schedule_due_digests
from networking.progress.models import DigestRun
from tests.progress.test_digest import AUCKLAND_MONDAY_8, SUNDAY_NOON, seeker_with_a_thank_you_due

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def worker_keeps_the_tests_connection(monkeypatch):
    """The worker recycles its database connection between tasks (``close_old_connections``);
    inside a test's transaction that would close the connection the test stands in."""
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )


DATABASE_TASKS = override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
)


def run_the_worker_once():
    """What ``manage.py db_worker --batch`` does: every task ready, then exit."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


@DATABASE_TASKS
def test_a_password_reset_email_waits_for_the_worker(client, alice):
    response = client.post(reverse("password_reset"), {"email": "Alice@Example.com"})

    assert response.status_code == 302
    assert mail.outbox == []  # the request did not wait for the mail server
    (queued,) = DBTaskResult.objects.all()
    assert queued.task_path == "core.mail.send_email"
    assert queued.status == "READY"

    run_the_worker_once()

    (message,) = mail.outbox
    assert message.to == ["alice@example.com"]
    assert "/accounts/reset/" in message.body
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL" and queued.worker_ids == ["test-worker"]


@DATABASE_TASKS
def test_the_morning_email_is_enqueued_by_the_scheduler_and_sent_by_a_worker():
    with time_machine.travel(SUNDAY_NOON, tick=False):
        seeker = seeker_with_a_thank_you_due("Pacific/Auckland")
    with time_machine.travel(AUCKLAND_MONDAY_8 + timedelta(minutes=2), tick=False):
        assert schedule_due_digests() == 1
        assert schedule_due_digests() == 0
        run = DigestRun.objects.get(owner=seeker)
        assert run.outcome == DigestRun.Outcome.PENDING and mail.outbox == []
        queued = DBTaskResult.objects.get()
        assert str(queued.id) == run.task_id
        assert queued.args_kwargs == {"args": [run.pk], "kwargs": {}}

        run_the_worker_once()
        run_the_worker_once()  # nothing left: nothing sent twice

    assert [message.to for message in mail.outbox] == [[seeker.email]]
    run.refresh_from_db()
    assert run.outcome == DigestRun.Outcome.SENT and run.items == 1
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"


@DATABASE_TASKS
def test_an_administrator_watches_failed_tasks_in_the_admin(superuser_client):
    from core.mail import send_email

    send_email.enqueue(subject="Hello", body="Hi", to=["not-an-address"], html=None)
    DBTaskResult.objects.update(status="FAILED", exception_class_path="smtplib.SMTPException")
    page = superuser_client.get(
        reverse("admin:django_tasks_database_dbtaskresult_changelist"), {"status__exact": "FAILED"}
    )
    assert page.status_code == 200
    assert "send_email" in page.content.decode() and "Failed" in page.content.decode()
    runs = superuser_client.get(reverse("admin:progress_digestrun_changelist"))
    assert runs.status_code == 200
