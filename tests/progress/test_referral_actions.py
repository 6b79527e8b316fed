"""Referrals are the next best action (SPEC §1 step 9): each person recommended in a debrief is
offered on the dashboard as someone to write to, until a request is logged or the seeker sets
them aside; the morning email reads the same list."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from networking.contacts.models import Contact, OutreachAttempt
from networking.progress.digest import digest_for
from tests.clock import MONDAY_NOON, at
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory
from tests.employers.factories import EmployerFactory
from tests.meetings.factories import MeetingFactory, past_slot
from tests.meetings.test_debrief import debrief_data

pytestmark = [pytest.mark.django_db, at(MONDAY_NOON)]


@pytest.fixture
def sofia(alice):
    northwind = EmployerFactory(owner=alice, name="Northwind Health")
    return ContactFactory(
        owner=alice,
        first_name="Sofia",
        last_name="Marin",
        employer=northwind,
        timezone="Europe/Berlin",
    )


@pytest.fixture
def tom(alice, sofia):
    return ContactFactory(
        owner=alice, first_name="Tom", last_name="Becker", referred_by=sofia, employer=None
    )


def dashboard(client):
    return client.get(reverse("dashboard"))


def test_a_referral_is_offered_as_someone_to_write_to(alice_client, tom):
    response = dashboard(alice_client)
    body = response.content.decode()
    assert "Write to" in body and "Tom Becker" in body and "Sofia Marin suggested you" in body
    draft = reverse("contacts:outreach_create", args=[tom.pk]) + "?kind=request"
    assert f'href="{draft}"' in body
    assert "You are on top of things" not in body


def test_the_button_opens_the_request_drafted_with_the_name_in_common(alice_client, tom):
    response = alice_client.get(
        reverse("contacts:outreach_create", args=[tom.pk]), {"kind": "request"}
    )
    assert response.status_code == 200
    message = response.context["form"].initial["message"]
    assert "Sofia Marin" in message.split(".")[0]


def test_it_stays_until_a_request_is_logged(alice_client, tom):
    OutreachAttemptFactory(contact=tom, kind=OutreachAttempt.Kind.THANK_YOU)
    assert [c.pk for c in dashboard(alice_client).context["dashboard"].referrals] == [tom.pk]
    response = alice_client.post(
        reverse("contacts:outreach_create", args=[tom.pk]),
        {
            "kind": "request",
            "channel": "email",
            "sent_at": "2026-11-30T10:00",
            "message": "Sofia Marin suggested I write to you. Could I ask your advice on "
            "design leadership at your firm? What would you tell someone starting there?",
            "reply": "none",
            "log_anyway": "on",
        },
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert list(dashboard(alice_client).context["dashboard"].referrals) == []
    assert list(digest_for(tom.owner).referrals) == []


def test_dismissing_sets_it_aside_on_the_dashboard_and_in_the_morning_email(
    alice_client, alice, tom
):
    assert [c.pk for c in digest_for(alice).referrals] == [tom.pk]
    response = alice_client.post(
        reverse("contacts:referral_dismiss", args=[tom.pk]), {"next": "/dashboard/"}
    )
    assert response.status_code == 302 and response.url == "/dashboard/"
    tom.refresh_from_db()
    assert tom.referral_dismissed_at == timezone.now()
    response = dashboard(alice_client)
    assert "is set aside" in response.content.decode()
    assert list(response.context["dashboard"].referrals) == []
    assert "Sofia Marin suggested you" not in dashboard(alice_client).content.decode()
    assert list(digest_for(alice).referrals) == []


def test_a_second_dismissal_keeps_the_first_ones_time(alice_client, tom):
    first = timezone.now()
    alice_client.post(reverse("contacts:referral_dismiss", args=[tom.pk]))
    with time_machine.travel(first + timedelta(hours=1), tick=False):
        response = alice_client.post(reverse("contacts:referral_dismiss", args=[tom.pk]))
    assert response.status_code == 302
    tom.refresh_from_db()
    assert tom.referral_dismissed_at == first


def test_dismissing_is_a_post_and_only_for_a_referral(alice_client, alice, tom, sofia):
    url = reverse("contacts:referral_dismiss", args=[tom.pk])
    assert alice_client.get(url).status_code == 405
    assert alice_client.post(reverse("contacts:referral_dismiss", args=[sofia.pk])).status_code == (
        404
    )
    assert Contact.objects.get(pk=tom.pk).referral_dismissed_at is None


def test_dismissing_goes_nowhere_else_than_this_site(alice_client, tom):
    response = alice_client.post(
        reverse("contacts:referral_dismiss", args=[tom.pk]), {"next": "https://evil.example/"}
    )
    assert response.url == reverse("dashboard")


def test_another_seeker_cannot_dismiss_hers(bob_client, tom):
    assert bob_client.post(reverse("contacts:referral_dismiss", args=[tom.pk])).status_code == 404
    tom.refresh_from_db()
    assert tom.referral_dismissed_at is None


def test_a_dismissal_offers_an_undo_that_brings_the_referral_back(alice_client, alice, tom):
    response = alice_client.post(
        reverse("contacts:referral_dismiss", args=[tom.pk]), {"next": "/dashboard/"}, follow=True
    )
    body = response.content.decode()
    undo = reverse("contacts:referral_restore", args=[tom.pk])
    form = body.split(f'action="{undo}"')[1].split("</form>")[0]
    assert 'name="csrfmiddlewaretoken"' in form
    assert 'name="next" value="/dashboard/"' in form
    assert ">Undo</button>" in form
    assert list(response.context["dashboard"].referrals) == []

    response = alice_client.post(undo, {"next": "/dashboard/"}, follow=True)
    assert response.redirect_chain == [("/dashboard/", 302)]
    assert [c.pk for c in response.context["dashboard"].referrals] == [tom.pk]
    body = response.content.decode()
    assert "Tom Becker is back among the people to write to." in body
    assert ">Undo</button>" not in body
    tom.refresh_from_db()
    assert tom.referral_dismissed_at is None
    assert [c.pk for c in digest_for(alice).referrals] == [tom.pk]


def test_undo_is_a_post_goes_nowhere_else_and_says_nothing_twice(alice_client, tom):
    undo = reverse("contacts:referral_restore", args=[tom.pk])
    alice_client.post(reverse("contacts:referral_dismiss", args=[tom.pk]))
    assert alice_client.get(undo).status_code == 405
    assert Contact.objects.get(pk=tom.pk).referral_dismissed_at is not None
    response = alice_client.post(undo, {"next": "https://evil.example/"}, follow=True)
    assert response.redirect_chain == [(reverse("dashboard"), 302)]
    assert "is back among" in response.content.decode()
    assert Contact.objects.get(pk=tom.pk).referral_dismissed_at is None
    # A second undo (a double click) changes nothing and says nothing.
    response = alice_client.post(undo, follow=True)
    assert "is back among" not in response.content.decode()


def test_another_seeker_cannot_undo_her_dismissal(alice_client, bob_client, tom):
    alice_client.post(reverse("contacts:referral_dismiss", args=[tom.pk]))
    dismissed_at = Contact.objects.get(pk=tom.pk).referral_dismissed_at
    undo = reverse("contacts:referral_restore", args=[tom.pk])
    assert bob_client.post(undo).status_code == 404
    assert Contact.objects.get(pk=tom.pk).referral_dismissed_at == dismissed_at


def test_only_a_referral_has_an_undo(alice_client, sofia):
    undo = reverse("contacts:referral_restore", args=[sofia.pk])
    assert alice_client.post(undo).status_code == 404


def test_the_dashboards_queries_do_not_grow_with_the_referrals(
    alice_client, alice, sofia, django_assert_max_num_queries
):
    ContactFactory(owner=alice, referred_by=sofia)
    with django_assert_max_num_queries(26) as few:
        dashboard(alice_client)
    for _ in range(12):
        ContactFactory(owner=alice, referred_by=sofia, employer=EmployerFactory(owner=alice))
    with django_assert_max_num_queries(26) as many:
        response = dashboard(alice_client)
    assert len(many.captured_queries) == len(few.captured_queries)
    shown = response.context["dashboard"].referrals
    assert len(shown) == 5 and shown.total == 13
    assert "…and 8 more referrals to write to" in response.content.decode()


def test_the_debrief_asks_each_referrals_level_and_gives_the_referrers_employer_and_zone(
    alice_client, sofia
):
    meeting = MeetingFactory(contact=sofia, starts_at=past_slot(sofia.timezone))
    page = alice_client.get(reverse("meetings:debrief", args=[meeting.pk]))
    referral_form = page.context["referrals"].forms[0]
    assert "level" in referral_form.fields
    assert referral_form["employer"].value() == sofia.employer_id
    data = debrief_data(
        [
            {
                "first_name": "Tom",
                "last_name": "Becker",
                "level": "director",
                "title": "",
                "employer": str(sofia.employer_id),
            }
        ]
    )
    # The second row is untouched but for the employer offered: it is no referral.
    data["referrals-1-employer"] = str(sofia.employer_id)
    response = alice_client.post(reverse("meetings:debrief", args=[meeting.pk]), data)
    assert response.status_code == 302
    tom = Contact.objects.get(first_name="Tom")
    assert (tom.level, tom.title, tom.employer, tom.timezone) == (
        "director",
        "",
        sofia.employer,
        "Europe/Berlin",
    )
    assert Contact.objects.filter(referred_by=sofia).count() == 1
    body = dashboard(alice_client).content.decode()
    assert "Sofia Marin suggested you" in body


def test_a_level_off_the_ladder_is_refused_and_the_form_kept(alice_client, sofia):
    meeting = MeetingFactory(contact=sofia, starts_at=past_slot(sofia.timezone))
    data = debrief_data([{"first_name": "Tom", "level": "emperor"}])
    response = alice_client.post(reverse("meetings:debrief", args=[meeting.pk]), data)
    assert response.status_code == 200
    assert response.context["referrals"].forms[0].errors["level"]
    assert 'value="Tom"' in response.content.decode()
    assert not Contact.objects.filter(first_name="Tom").exists()


def test_a_new_employer_typed_replaces_the_referrers_employer_offered(alice_client, alice, sofia):
    meeting = MeetingFactory(contact=sofia, starts_at=past_slot(sofia.timezone))
    other = EmployerFactory(owner=alice, name="Lumen Labs")
    data = debrief_data(
        [
            {
                "first_name": "Tom",
                "employer": str(sofia.employer_id),
                "new_employer": "Brightpath Learning",
            },
            {"first_name": "Ana", "employer": str(other.pk), "new_employer": "Orchid"},
        ]
    )
    response = alice_client.post(reverse("meetings:debrief", args=[meeting.pk]), data)
    # Picking another employer and typing a new one is still one too many.
    assert response.status_code == 200
    assert response.context["referrals"].forms[1].errors["new_employer"]
    assert not response.context["referrals"].forms[0].errors
    del data["referrals-1-new_employer"]
    response = alice_client.post(reverse("meetings:debrief", args=[meeting.pk]), data)
    assert response.status_code == 302
    assert Contact.objects.get(first_name="Tom").employer.name == "Brightpath Learning"
    assert Contact.objects.get(first_name="Ana").employer == other
