"""Twin requests at the same moment, for real: threads released together, each with its own
client and database connection, against PostgreSQL. Nothing is written twice.

SQLite writes one transaction at a time, and its test database is one connection shared by
every thread, so these races only exist (and are only tested) on PostgreSQL.
"""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from networking.contacts.models import Contact, OutreachAttempt, PendingImport
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory
from tests.contacts.test_csv_import_views import PREVIEW, upload

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Concurrent requests need PostgreSQL: SQLite runs one write at a time and the "
        "test database is a single connection shared by all threads.",
    ),
]

AT_ONCE = 10


def all_at_once(user, send, count=AT_ONCE):
    """``send(client)`` from ``count`` threads released together by a barrier; the responses.

    Each thread has its own client, signed in as ``user``, and closes its own database
    connection when done. An exception in any thread (a 500) fails the test.
    """
    clients = []
    for _ in range(count):
        client = Client()
        client.force_login(user)
        clients.append(client)
    barrier = threading.Barrier(count)
    responses, errors = [None] * count, []

    def run(index):
        try:
            barrier.wait(timeout=30)
            responses[index] = send(clients[index])
        except Exception as error:  # reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return responses


def local(moment, user):
    return timezone.localtime(moment, user.zone).strftime("%Y-%m-%dT%H:%M")


def test_ten_follow_ups_at_once_log_two(alice):
    """SPEC §4: at most 2 follow-ups per request, however many are sent at the same moment."""
    elena = ContactFactory(owner=alice, first_name="Elena")
    asked = timezone.now() - timedelta(days=20)
    OutreachAttemptFactory(contact=elena, sent_at=asked)
    data = {
        "kind": "follow_up",
        "channel": "email",
        "sent_at": local(timezone.now(), alice),
        "message": "Just checking in.",
        "reply": "none",
    }

    responses = all_at_once(
        alice, lambda client: client.post(f"/contacts/{elena.pk}/outreach/new/", data)
    )

    assert OutreachAttempt.objects.filter(contact=elena, kind="follow_up").count() == 2
    codes = sorted(response.status_code for response in responses)
    assert codes == [200] * (AT_ONCE - 2) + [302] * 2
    refused = next(r for r in responses if r.status_code == 200).content.decode()
    assert "A third would be hounding" in refused


def test_ten_twin_contacts_at_once_add_one(alice):
    """SPEC §6: the same email is the same person; the database keeps one, the others are told."""
    data = {
        "first_name": "Elena",
        "last_name": "Petrova",
        "email": "elena@example.com",
        "new_employer": "Cobalt Robotics",
        "function": "design",
        "timezone": "America/Toronto",
    }

    responses = all_at_once(alice, lambda client: client.post("/contacts/new/", data))

    elena = Contact.objects.owned_by(alice).get()
    codes = sorted(response.status_code for response in responses)
    assert codes == [200] * (AT_ONCE - 1) + [302]
    for response in responses:
        if response.status_code == 200:
            html = response.content.decode()
            assert f'You already have <a href="/contacts/{elena.pk}/">Elena Petrova</a>' in html
            assert "contacts_contact_unique_email_per_owner" not in html


def test_ten_confirmations_of_one_import_at_once_import_it_once(alice):
    """SPEC §6: the waiting upload is consumed by the one confirmation that imports it.

    No emails and no employers in the file, so no unique constraint on the contacts could
    stop a second import: only the upload's own consumption does."""
    client = Client()
    client.force_login(alice)
    rows = "".join(f"Person,{n},,,,,\n" for n in range(5))
    upload(client, f"first_name,last_name,email,employer,level,function,referred_by\n{rows}")
    key = PendingImport.objects.get(owner=alice).key

    responses = all_at_once(
        alice,
        lambda client: client.post(PREVIEW, {"key": key, "confirm": ""}, follow=True),
    )

    assert Contact.objects.owned_by(alice).count() == 5
    assert not PendingImport.objects.exists()
    assert {response.redirect_chain[-1][0] for response in responses} == {"/contacts/"}
    # Read from the pages: a response's captured context is not reliable across threads.
    pages = [response.content.decode() for response in responses]
    assert sum("Imported 5 contacts." in page for page in pages) == 1
    assert sum("This import was already confirmed" in page for page in pages) == AT_ONCE - 1


def test_ten_contacts_at_once_naming_one_new_employer_share_it(alice):
    """Each names "Kestrel Games", not yet an employer of Alice's: one is added, all join it."""

    names = iter(range(AT_ONCE))

    def add(client):
        data = {"first_name": "Twin", "last_name": f"Number {next(names)}"}
        data |= {
            "new_employer": "Kestrel Games",
            "timezone": "America/Toronto",
            "function": "design",
        }
        return client.post("/contacts/new/", data)

    # Every answer a redirect (no 500): the employer added first is the others' too.
    answers = all_at_once(alice, add)
    assert all(answer.status_code in (200, 302) for answer in answers)
    from networking.employers.models import Employer

    kestrel = Employer.objects.owned_by(alice).get(name="Kestrel Games")
    added = Contact.objects.filter(owner=alice, first_name="Twin")
    assert added.count() == AT_ONCE
    assert set(added.values_list("employer_id", flat=True)) == {kestrel.pk}
