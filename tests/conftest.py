"""Personas: ``alice`` is our seeker, ``bob`` another seeker who must see nothing of hers."""

import pytest

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
