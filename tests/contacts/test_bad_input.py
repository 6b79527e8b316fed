"""Never a 500: garbage, forged and over-long input on every contacts view (SPEC §2, §7)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from networking.contacts.models import Contact, OutreachAttempt
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory

pytestmark = pytest.mark.django_db

TORONTO = ZoneInfo("America/Toronto")
NOW = datetime(2026, 12, 10, 10, 0, tzinfo=TORONTO)


@pytest.fixture
def frozen(alice, alice_client):
    with time_machine.travel(NOW, tick=False):
        alice_client.force_login(alice)
        yield alice_client


@pytest.fixture
def elena(alice):
    return ContactFactory(owner=alice, first_name="Elena", last_name="Petrova", level="vp")


@pytest.mark.parametrize("page", ["abc", "99999", "-1", "0", "1.5"])
def test_the_list_answers_any_page_number(page, alice, alice_client):
    ContactFactory(owner=alice, first_name="Elena")
    response = alice_client.get(f"/contacts/?page={page}")
    assert response.status_code == 200
    assert [c.first_name for c in response.context["contacts"]] == ["Elena"]


def test_the_list_ignores_garbage_filters(alice, alice_client):
    ContactFactory(owner=alice, first_name="Elena")
    query = "?employer=abc&level=boss&status=happy&due=maybe&q=" + "x" * 500
    response = alice_client.get("/contacts/" + query)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "overrides",
    [
        {"first_name": "x" * 81},
        {"email": "not-an-email"},
        {"level": "emperor"},
        {"function": "astrology"},
        {"timezone": "Mars/Olympus_Mons"},
        {"employer": "abc"},
        {"employer": "999999"},
        {"referred_by": "abc"},
        {"linkedin_url": "not a url at all"},
        {"new_employer": "x" * 151},
    ],
)
def test_a_bad_contact_field_is_a_form_error_with_the_input_kept(overrides, alice_client):
    data = {
        "first_name": "Elena",
        "last_name": "Petrova",
        "title": "Keeper of the kept input",
        "function": "design",
        "timezone": "America/Toronto",
        **overrides,
    }
    response = alice_client.post("/contacts/new/", data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "Keeper of the kept input" in response.content.decode()
    assert not Contact.objects.exists()


def test_a_linkedin_address_without_a_scheme_is_read_as_https(alice, alice_client):
    data = {"first_name": "Elena", "function": "design", "timezone": "America/Toronto"}
    data["linkedin_url"] = "linkedin.com/in/elena-petrova"
    assert alice_client.post("/contacts/new/", data).status_code == 302
    contact = Contact.objects.get(owner=alice)
    assert contact.linkedin_url == "https://linkedin.com/in/elena-petrova"


@pytest.mark.parametrize(
    "overrides",
    [
        {"kind": "bribe"},
        {"channel": "carrier_pigeon"},
        {"sent_at": "2026-13-45T25:61"},
        {"sent_at": ""},
        {"sent_at": "2026-03-08T02:30"},  # does not exist in Toronto (clocks jump forward)
        {"reply": "maybe"},
        {"reply": "accepted", "replied_at": "yesterday"},
        {"reply": "accepted", "replied_at": "2026-11-30T10:00"},  # before the message
        {"kind": "thank_you", "reply": "accepted", "replied_at": "2026-12-02T10:00"},
    ],
)
def test_bad_outreach_input_is_a_form_error_with_the_message_kept(overrides, elena, frozen):
    data = {
        "kind": "request",
        "channel": "email",
        "sent_at": "2026-12-01T10:00",
        "message": "Hi Elena, a message worth keeping?",
        "reply": "none",
        **overrides,
    }
    response = frozen.post(f"/contacts/{elena.pk}/outreach/new/", data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "a message worth keeping?" in response.content.decode()
    assert not OutreachAttempt.objects.exists()


def test_the_outreach_form_ignores_an_unknown_kind_in_the_address(elena, frozen):
    response = frozen.get(f"/contacts/{elena.pk}/outreach/new/?kind=<script>")
    assert response.status_code == 200
    assert response.context["form"]["kind"].value() == "request"


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"kind": "bribe", "message": "x" * 20_000},
        {"kind": "follow_up", "sent_at": "not a date"},
        {"kind": "request", "sent_at": "2026-12-10T13:00", "message": "["},
    ],
)
def test_the_live_check_answers_any_input(data, elena, frozen):
    response = frozen.post(f"/contacts/{elena.pk}/outreach/check/", data)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"reply": "none", "replied_at": "2026-12-09T10:00"},
        {"reply": "accepted", "replied_at": "not a date"},
        {"reply": "accepted"},
    ],
)
def test_a_bad_reply_shows_the_contact_page_again(data, elena, frozen):
    attempt = OutreachAttemptFactory(
        contact=elena, sent_at=datetime(2026, 12, 8, 10, tzinfo=TORONTO)
    )
    prefixed = {f"reply-{attempt.pk}-{key}": value for key, value in data.items()}
    response = frozen.post(f"/contacts/{elena.pk}/outreach/{attempt.pk}/reply/", prefixed)
    assert response.status_code == 200
    assert response.context["contact"] == elena
    attempt.refresh_from_db()
    assert attempt.reply == "none"


def test_a_reply_to_a_thank_you_is_refused(elena, frozen):
    attempt = OutreachAttemptFactory(contact=elena, kind="thank_you")
    response = frozen.post(
        f"/contacts/{elena.pk}/outreach/{attempt.pk}/reply/",
        {
            f"reply-{attempt.pk}-reply": "accepted",
            f"reply-{attempt.pk}-replied_at": "2026-12-10T09:00",
        },
    )
    assert response.status_code == 200
    assert "Replies are recorded on requests and follow-ups" in response.content.decode()


def test_an_entry_cannot_be_reached_through_another_contact(alice, elena, frozen):
    attempt = OutreachAttemptFactory(contact=elena)
    other = ContactFactory(owner=alice)
    url = f"/contacts/{other.pk}/outreach/{attempt.pk}/delete/"
    assert frozen.get(url).status_code == 404
    assert frozen.post(url).status_code == 404
    assert OutreachAttempt.objects.filter(pk=attempt.pk).exists()


def test_a_double_submitted_delete_answers_not_found(elena, frozen):
    url = f"/contacts/{elena.pk}/delete/"
    assert frozen.post(url).status_code == 302
    assert frozen.post(url).status_code == 404


def test_a_double_submitted_request_is_refused_the_second_time(elena, frozen):
    data = {
        "kind": "request",
        "channel": "email",
        "sent_at": "2026-12-10T09:30",
        "message": "Hi",
        "reply": "none",
    }
    url = f"/contacts/{elena.pk}/outreach/new/"
    assert frozen.post(url, data).status_code == 302
    second = frozen.post(url, data)
    assert second.status_code == 200 and "hounding" in second.content.decode()
    assert OutreachAttempt.objects.count() == 1
