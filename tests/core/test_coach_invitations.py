"""SPEC §2: a seeker invites a coach by email; the coach's access starts when they accept.

Through the views: the profile's form, the email's signed link, the caseload's button; a link
expired, used, or opened by someone else; an address that is not a coach's; withdrawing.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.coaching import CoachAssignment
from core.invitations import CoachInvitation
from tests.clock import MONDAY_NOON, at
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, at(MONDAY_NOON)]


def _invite(client, email="ruth@example.com"):
    return client.post(reverse("coach_invite"), {"email": email})


def _link():
    body = mail.outbox[-1].body
    return re.search(r"https?://\S+/admin/invitation/\S+/", body).group(0)


def _path(url):
    return url.split("testserver", 1)[-1]


def test_a_seeker_invites_and_the_coach_accepts_by_the_link(alice_client, alice, coach, client):
    response = _invite(alice_client, "Ruth@Example.com")
    assert response.status_code == 302
    invitation = CoachInvitation.objects.get()
    assert invitation.email == "ruth@example.com"
    assert mail.outbox[-1].to == ["ruth@example.com"]
    assert not CoachAssignment.objects.exists()  # nothing before the coach accepts
    assert "ruth@example.com" in alice_client.get(reverse("profile")).content.decode()

    client.force_login(coach)
    page = client.get(_path(_link()))
    assert page.status_code == 200
    assert "Alice Martin" in page.content.decode()
    assert not CoachAssignment.objects.exists()  # a GET accepts nothing
    accepted = client.post(_path(_link()))
    assert accepted.status_code == 302
    assert accepted["Location"] == reverse("admin:client_overview", args=[alice.pk])
    assert CoachAssignment.objects.active().get().coach == coach
    invitation.refresh_from_db()
    assert (invitation.outcome, invitation.accepted_by) == ("accepted", coach)

    # single use
    again = client.post(_path(_link()))
    assert again.status_code == 400
    assert "already been accepted" in again.content.decode()
    assert CoachAssignment.objects.count() == 1


def test_the_coach_accepts_from_the_caseload(alice_client, alice, coach, client):
    _invite(alice_client)
    client.force_login(coach)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Invitations waiting for you" in page and "Alice Martin" in page
    invitation = CoachInvitation.objects.get()
    url = reverse("admin:invitation_accept", args=[invitation.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert CoachAssignment.objects.active().filter(coach=coach, client=alice).exists()


def test_an_expired_link_is_refused(alice_client, coach, client):
    _invite(alice_client)
    link = _path(_link())
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        client.force_login(coach)  # a session of that day
        response = client.post(link)
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert not CoachAssignment.objects.exists()


def test_an_invitation_expires_with_its_date(alice_client, coach, client):
    _invite(alice_client)
    CoachInvitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    client.force_login(coach)
    response = client.post(_path(_link()))
    assert "expired" in response.content.decode()
    assert "Invitations waiting" not in client.get(reverse("admin:index")).content.decode()


def test_a_forged_link_is_refused(coach, client):
    client.force_login(coach)
    response = client.get(reverse("admin:invitation_link", args=["MQ:forged:sig"]))
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_another_coach_cannot_use_the_link(alice_client, client):
    _invite(alice_client)
    other = UserFactory(email="other@example.com", is_staff=True)
    from django.contrib.auth.models import Group

    other.groups.add(Group.objects.get_or_create(name="Coaches")[0])
    client.force_login(other)
    response = client.get(_path(_link()))
    assert response.status_code == 400
    assert "another address" in response.content.decode()
    assert "Alice Martin" not in response.content.decode()
    assert client.post(_path(_link())).status_code == 400
    invitation = CoachInvitation.objects.get()
    accept = reverse("admin:invitation_accept", args=[invitation.pk])
    assert client.post(accept).status_code == 404
    assert not CoachAssignment.objects.exists()


def test_an_address_that_is_not_a_coachs_cannot_accept(alice_client, client):
    _invite(alice_client, "friend@example.com")
    client.force_login(UserFactory(email="friend@example.com", is_staff=True))
    response = client.post(_path(_link()))
    assert response.status_code == 400
    assert "Only a career coach" in response.content.decode()
    assert not CoachAssignment.objects.exists()


def test_a_seeker_following_the_link_is_asked_to_sign_in_to_the_admin(alice_client, bob):
    _invite(alice_client, "bob@example.com")
    alice_client.force_login(bob)
    response = alice_client.post(_path(_link()))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    assert not CoachAssignment.objects.exists()


def test_one_pending_invitation_per_address(alice_client):
    _invite(alice_client, "ruth@example.com")
    response = _invite(alice_client, "RUTH@example.com")
    assert response.status_code == 200
    assert "already invited this address" in response.content.decode()
    assert CoachInvitation.objects.count() == 1


def test_after_expiry_the_address_can_be_invited_again(alice_client):
    _invite(alice_client)
    CoachInvitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert _invite(alice_client).status_code == 302
    assert list(CoachInvitation.objects.values_list("outcome", flat=True).order_by("pk")) == [
        "expired",
        "pending",
    ]


def test_a_bad_address_keeps_the_input(alice_client):
    response = _invite(alice_client, "not an email")
    assert response.status_code == 200
    assert "not an email" in response.content.decode()
    assert not CoachInvitation.objects.exists()


def test_a_seeker_cannot_invite_themselves(alice_client):
    response = _invite(alice_client, "alice@example.com")
    assert "your own coach" in response.content.decode()


def test_a_withdrawn_invitation_cannot_be_accepted(alice_client, coach, client):
    _invite(alice_client)
    invitation = CoachInvitation.objects.get()
    alice_client.post(reverse("coach_invitation_withdraw", args=[invitation.pk]))
    client.force_login(coach)
    response = client.post(_path(_link()))
    assert "withdrawn" in response.content.decode()
    assert not CoachAssignment.objects.exists()


def test_ending_access_is_one_click_and_the_coach_reads_it(
    alice_client, coaching, coach, client, alice
):
    alice_client.post(reverse("coach_access_end", args=[coaching.pk]))
    client.force_login(coach)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Access ended by the client" in page
    assert "Alice Martin: access ended by the client" in page
    assert client.get(reverse("admin:client_overview", args=[alice.pk])).status_code == 404


def test_a_superuser_still_assigns_directly(superuser_client, coach, alice):
    response = superuser_client.post(
        reverse("admin:core_coachassignment_add"),
        {
            "coach": coach.pk,
            "client": alice.pk,
            "started_at_0": "2026-11-30",
            "started_at_1": "12:00:00",
        },
    )
    assert response.status_code == 302
    assert CoachAssignment.objects.active().filter(coach=coach, client=alice).exists()
