"""Dates from anywhere in time: outreach dates are bounded after conversion to UTC (STYLE).

A reply dated 23:59 on 31 Dec 9999 by a seeker at UTC−11 is year 10000 in UTC: stored, it
made every page that reads the contact answer 500. Now it is a form error, in every zone.
"""

from datetime import UTC, datetime

import pytest
import time_machine

from networking.contacts.models import OutreachAttempt
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 30, 22, 15, tzinfo=UTC)
# Today two years on, in the seeker's zone: at NOW it is already 1 Dec at UTC+14.
LAST_DAY = {
    "Pacific/Pago_Pago": "30 Nov 2028",
    "America/Toronto": "30 Nov 2028",
    "Pacific/Kiritimati": "1 Dec 2028",
}
ZONES = list(LAST_DAY)


def window(zone):
    return f"Pick a date between 1 Jan 2000 and {LAST_DAY[zone]}."


@pytest.fixture
def seeker_in(alice, alice_client):
    """Alice, in a given zone, at NOW; her contact Elena lives in the same zone."""

    def move(zone):
        alice.timezone = zone
        alice.save(update_fields=["timezone"])
        alice_client.force_login(alice)
        return ContactFactory(owner=alice, first_name="Elena", timezone=zone)

    with time_machine.travel(NOW, tick=False):
        yield move


def log(client, contact, **dates):
    data = {"kind": "request", "channel": "email", "message": "Hello", "reply": "none", **dates}
    return client.post(f"/contacts/{contact.pk}/outreach/new/", data)


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize(
    "dates",
    [
        {"sent_at": "2026-11-23T10:00", "reply": "accepted", "replied_at": "9999-12-31T23:59"},
        {"sent_at": "9999-12-31T23:59"},
        {"sent_at": "0001-01-01T00:00"},
        {"sent_at": "1999-12-31T10:00"},
        {"sent_at": "2062-11-23T10:00"},
    ],
    ids=["reply-in-9999", "sent-in-9999", "sent-in-year-1", "sent-in-1999", "sent-in-2062"],
)
def test_an_outreach_date_out_of_the_window_is_a_form_error(
    zone, dates, seeker_in, alice_client, alice
):
    elena = seeker_in(zone)
    response = log(alice_client, elena, **dates)
    assert response.status_code == 200
    assert window(zone) in response.content.decode()
    assert not OutreachAttempt.objects.exists()
    check = alice_client.post(f"/contacts/{elena.pk}/outreach/check/", dates)
    assert check.status_code == 200
    for url in ["/contacts/", f"/contacts/{elena.pk}/", "/contacts/export.csv", "/dashboard/"]:
        assert alice_client.get(url).status_code == 200, url


@pytest.mark.parametrize("zone", ZONES)
def test_an_answer_dated_in_9999_is_refused_on_the_contact_page(zone, seeker_in, alice_client):
    elena = seeker_in(zone)
    attempt = OutreachAttemptFactory(contact=elena, sent_at=datetime(2026, 11, 23, 15, tzinfo=UTC))
    response = alice_client.post(
        f"/contacts/{elena.pk}/outreach/{attempt.pk}/reply/",
        {
            f"reply-{attempt.pk}-reply": "accepted",
            f"reply-{attempt.pk}-replied_at": "9999-12-31T23:59",
        },
    )
    assert response.status_code == 200
    assert window(zone) in response.content.decode()
    attempt.refresh_from_db()
    assert (attempt.reply, attempt.replied_at) == ("none", None)


def test_a_date_inside_the_window_is_still_logged(seeker_in, alice_client):
    elena = seeker_in("Pacific/Pago_Pago")
    response = log(alice_client, elena, sent_at="2026-11-30T10:00")
    assert response.status_code == 302, response.context["form"].errors
    assert OutreachAttempt.objects.get().sent_at == datetime(2026, 11, 30, 21, 0, tzinfo=UTC)


@pytest.mark.parametrize("zone", ZONES)
def test_a_far_date_stored_before_the_bound_still_opens_the_pages(zone, seeker_in, alice_client):
    """The last day Python can hold, in UTC: business days counted from it cannot be dated."""
    elena = seeker_in(zone)
    priya = ContactFactory(owner=elena.owner, first_name="Priya", timezone=zone)
    far = datetime(9999, 12, 31, 9, 59, tzinfo=UTC)
    OutreachAttemptFactory(contact=elena, sent_at=far)
    OutreachAttemptFactory(
        contact=priya,
        sent_at=datetime(2026, 11, 23, 15, tzinfo=UTC),
        reply="accepted",
        replied_at=far,
    )
    pages = ["/contacts/", "/contacts/export.csv", "/dashboard/", "/network/"]
    pages += [f"/contacts/{elena.pk}/", f"/contacts/{priya.pk}/"]
    pages += [f"/contacts/{elena.pk}/outreach/new/", f"/contacts/{priya.pk}/outreach/new/"]
    for url in pages:
        response = alice_client.get(url)
        assert response.status_code == 200, url
        b"".join(getattr(response, "streaming_content", [b""]))
