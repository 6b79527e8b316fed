"""Personas: ``alice`` is our seeker, ``bob`` another seeker who must see nothing of hers.

``SCHMOOZE_TEST_NOW=2026-12-05T00:30:00Z`` (or ``--now=…``) runs the whole session as if it
had started at that instant, the clock ticking on from there; tests that freeze their own
instant travel inside it. ``make test-clock`` runs the suite at the instants of
``tests/clock.py``.
"""

import os
from datetime import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from core.coaching import COACHES_GROUP, CoachAssignment
from tests.clock import label, parse_instant
from tests.factories import UserFactory

NOW_VARIABLE = "SCHMOOZE_TEST_NOW"
NOW_KEY = pytest.StashKey[datetime]()


def pytest_addoption(parser):
    parser.addoption(
        "--now",
        default=os.environ.get(NOW_VARIABLE, ""),
        help=f"run the session from this ISO 8601 instant, time ticking on (env: {NOW_VARIABLE})",
    )


def pytest_configure(config):
    text = config.getoption("--now")
    if not text:
        return
    try:
        instant = parse_instant(text)
    except ValueError as error:
        raise pytest.UsageError(f"--now / {NOW_VARIABLE}: {error}") from None
    traveller = time_machine.travel(instant, tick=True)
    traveller.start()
    config.add_cleanup(traveller.stop)
    config.stash[NOW_KEY] = instant


def pytest_report_header(config):
    if NOW_KEY in config.stash:
        instant = config.stash[NOW_KEY]
        return f"clock: the session starts at {instant.isoformat()} ({label(instant)}), ticking"
    return None


@pytest.fixture
def alice(db):
    return UserFactory(email="alice@example.com", name="Alice Martin")


@pytest.fixture
def bob(db):
    return UserFactory(email="bob@example.com", name="Bob Stone")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def bob_client(client, bob):
    client.force_login(bob)
    return client


@pytest.fixture
def coach(db):
    """Ruth, a career coach: a staff user in the ``Coaches`` group."""
    coach = UserFactory(email="ruth@example.com", name="Ruth Adebayo", is_staff=True)
    coach.groups.add(Group.objects.get_or_create(name=COACHES_GROUP)[0])
    return coach


@pytest.fixture
def coaching(coach, alice):
    """Ruth coaches Alice (and not Bob)."""
    return CoachAssignment.objects.create(coach=coach, client=alice)


@pytest.fixture
def coach_client(client, coach, coaching):
    client.force_login(coach)
    return client


@pytest.fixture
def superuser_client(db):
    """An administrator's browser: sees and changes everything in the admin."""
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def admin_url():
    """The admin URL of an object: ``admin_url(obj)``, ``admin_url(obj, "delete")``."""

    def url(obj, action="change"):
        opts = obj._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{action}", args=[obj.pk])

    return url
