"""The demo seeker's reminders, and the services that run background work in production."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command

from core.models import User
from tests.clock import MONDAY_NOON, at

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
@at(MONDAY_NOON)
def test_the_demo_seeker_has_a_calendar_and_a_morning_email_with_something_in_it():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    demo = User.objects.get(email="demo@schmooze.example")
    assert demo.digest_on and demo.next_digest_at is not None
    assert f"/calendar/{demo.calendar_token}.ics" in out.getvalue()
    call_command("send_digest", demo.email, stdout=StringIO())
    (message,) = mail.outbox
    assert message.to == [demo.email] and "Good morning" in message.body


def test_compose_runs_a_worker_and_a_scheduler_beside_web_with_its_settings():
    compose = (ROOT / "docker-compose.yml").read_text()
    services = dict(re.findall(r"^  (\w+):\n((?:    .*\n|\n)*)", compose, flags=re.M))
    assert "environment: &app-environment" in services["web"]
    for name, command in [("worker", '"db_worker"'), ("scheduler", '"schedule_digests"')]:
        service = services[name]
        assert command in service
        assert "environment: *app-environment" in service
        assert "ports:" not in service
        assert "condition: service_healthy" in service  # after web has migrated


def test_make_run_starts_a_worker_and_stops_it_with_the_server():
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\nrun: ", 1)[1].split("\n\n", 1)[0]
    assert "manage.py db_worker --no-reload" in recipe
    assert "trap 'kill $$worker $$scheduler" in recipe
    assert recipe.rstrip().endswith("manage.py runserver $(HOST):$(PORT)")
