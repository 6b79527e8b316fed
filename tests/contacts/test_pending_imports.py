"""An upload waits for its confirmation on the server, not in the session (SPEC §6): one per
seeker, replaced by a newer upload, forgotten after a day, confirmed once."""

from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from networking.contacts import pending_imports
from networking.contacts.models import Contact, PendingImport
from networking.contacts.pending_imports import CONFIRMED, NothingToConfirm, confirm
from tests.contacts.test_csv_import_views import IMPORT, PREVIEW, form_error, upload, waiting
from tests.contacts.test_csv_parse import LINKEDIN

pytestmark = pytest.mark.django_db

A_DAY_LATER = timedelta(days=1, minutes=1)


def many_rows(count=2000):
    rows = "".join(f"Person,{n},p{n}@x.example,Employer {n % 40},,,\n" for n in range(count))
    return f"first_name,last_name,email,employer,level,function,referred_by\n{rows}"


def test_the_session_holds_none_of_the_file(alice_client):
    upload(alice_client, many_rows())
    session = Session.objects.get(session_key=alice_client.session.session_key)
    assert len(session.session_data) < 1000
    assert set(alice_client.session.keys()) == {
        "_auth_user_id",
        "_auth_user_backend",
        "_auth_user_hash",
    }


def test_the_file_waits_on_the_server_compressed(alice, alice_client):
    content = many_rows()
    upload(alice_client, content, name="people.csv")
    pending = PendingImport.objects.get(owner=alice)
    assert pending.filename == "people.csv"
    assert len(pending.key) >= 20
    assert len(bytes(pending.data)) < len(content) / 2
    assert len(pending_imports.unpack(pending.data).rows) == 2000


def test_a_new_upload_replaces_the_waiting_one(alice, alice_client):
    upload(alice_client, LINKEDIN, name="first.csv")
    first_key = waiting(alice_client).key
    upload(alice_client, many_rows(3), name="second.csv")
    pending = PendingImport.objects.get()
    assert (pending.filename, pending.owner) == ("second.csv", alice)
    assert pending.key != first_key

    response = alice_client.post(PREVIEW, {"key": first_key, "confirm": ""}, follow=True)

    assert response.redirect_chain == [(PREVIEW, 302)]
    assert "A newer file was uploaded since" in response.content.decode()
    assert not Contact.objects.exists()


def test_an_upload_older_than_a_day_is_not_offered(alice_client):
    upload(alice_client, LINKEDIN)
    with time_machine.travel(timezone.now() + A_DAY_LATER):
        assert alice_client.get(PREVIEW).url == IMPORT
        assert "Back to its preview" not in alice_client.get(IMPORT).content.decode()


def test_confirming_an_upload_older_than_a_day_imports_nothing_and_forgets_it(alice_client):
    upload(alice_client, LINKEDIN)
    key = waiting(alice_client).key
    with time_machine.travel(timezone.now() + A_DAY_LATER):
        response = alice_client.post(PREVIEW, {"key": key, "confirm": ""}, follow=True)
    assert response.redirect_chain == [(IMPORT, 302)]
    assert "waited more than a day" in response.content.decode()
    assert not Contact.objects.exists()
    assert not PendingImport.objects.exists()


@pytest.fixture
def bob_client_of(bob):
    """A new browser signed in as Bob, each time it is called."""

    def signed_in():
        client = Client()
        client.force_login(bob)
        return client

    return signed_in


def test_an_upload_forgets_every_seekers_expired_uploads(alice_client, bob_client_of):
    bobs_old = bob_client_of()
    upload(bobs_old, LINKEDIN)
    with time_machine.travel(timezone.now() + A_DAY_LATER):
        bobs_new = bob_client_of()
        upload(alice_client, LINKEDIN)
        assert set(PendingImport.objects.values_list("owner__email", flat=True)) == {
            "alice@example.com"
        }
        upload(bobs_new, LINKEDIN)
        assert PendingImport.objects.count() == 2


def test_a_file_too_large_to_keep_gets_a_clear_error(alice_client):
    with mock.patch.object(pending_imports, "MAX_STORED_BYTES", 100):
        response = upload(alice_client, many_rows(50))
    assert response.status_code == 200
    assert form_error(response) == pending_imports.TOO_LARGE_TO_KEEP
    assert not PendingImport.objects.exists()


def test_an_upload_is_consumed_by_its_confirmation(alice, alice_client):
    upload(alice_client, LINKEDIN)
    key = waiting(alice_client).key
    assert confirm(alice, key=key).created == 2
    with pytest.raises(NothingToConfirm) as nothing:
        confirm(alice, key=key)
    assert nothing.value.reason == CONFIRMED
    assert Contact.objects.owned_by(alice).count() == 2
    assert not PendingImport.objects.exists()
