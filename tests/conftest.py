"""Personas: ``alice`` is our seeker, ``bob`` another seeker who must see nothing of hers."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from core.coaching import COACHES_GROUP, CoachAssignment
from tests.factories import UserFactory


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
def admin_url():
    """The admin URL of an object: ``admin_url(obj)``, ``admin_url(obj, "delete")``."""

    def url(obj, action="change"):
        opts = obj._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{action}", args=[obj.pk])

    return url
