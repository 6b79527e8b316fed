"""SPEC §2, read from the URL configuration: every page is the signed-in seeker's own.

Every URL but the public ones sends a stranger to log in. Every URL that names an object by id
opens for its owner, answers another seeker 404 to GET and POST, and changes nothing for anyone
but the owner. The object behind each id comes from ``ALICES``: a new URL with an id and no
entry there fails, so no view can forget to scope its lookup. The admin has its own tests.
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from core.coaching import CoachAssignment, CoachingNote
from core.invitations import CoachInvitation
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory
from tests.employers.factories import CriterionFactory, EmployerFactory
from tests.factories import UserFactory, ValueStatementFactory
from tests.meetings.factories import (
    AgendaItemFactory,
    MeetingFactory,
    QuestionFactory,
    TaskFactory,
    past_slot,
)
from tests.opportunities.factories import OpportunityFactory

pytestmark = pytest.mark.django_db

# Pages a stranger may open: the landing page, the health check, and the ways into an account.
PUBLIC = {
    "landing",
    "healthz",
    "signup",
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    # Opened by a secret in the address, with no session: a calendar app, a mail client.
    "calendar_feed",
    "digest_unsubscribe",
}
NOT_WALKED = ("admin/", "static/", "media/")


@dataclass(frozen=True)
class Route:
    name: str
    route: str
    params: frozenset

    def __str__(self):
        return self.name


def _walk(resolver, prefix="", namespace="", params=frozenset()):
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(NOT_WALKED):
            continue
        taken = params | set(entry.pattern.regex.groupindex)  # an include may take an id too
        if isinstance(entry, URLResolver):
            inner = entry.namespace or ""
            yield from _walk(entry, route, f"{namespace}:{inner}" if namespace else inner, taken)
        elif isinstance(entry, URLPattern):
            name = entry.name or route  # an unnamed pattern cannot be reversed: it fails here
            yield Route(f"{namespace}:{name}" if namespace else name, route, taken)


def _routes():
    seen = {}
    for route in _walk(get_resolver()):
        seen.setdefault(route.name, route)  # a later pattern with the same name never answers
    return list(seen.values())


ROUTES = _routes()
PRIVATE = [route for route in ROUTES if route.name not in PUBLIC]
WITH_AN_ID = [route for route in PRIVATE if route.params]


# --- Alice's objects, one builder per URL name, returning the URL's kwargs -----------------


def a_value_statement(alice):
    return {"pk": ValueStatementFactory(owner=alice).pk}


def a_coach_of_hers(alice):
    coach = UserFactory(is_staff=True)
    return {"pk": CoachAssignment.objects.create(coach=coach, client=alice).pk}


def a_note_for_her(alice):
    coach = UserFactory(is_staff=True)
    return {"pk": CoachingNote.objects.create(coach=coach, client=alice, text="Hello").pk}


def an_invitation_of_hers(alice):
    return {
        "pk": CoachInvitation.objects.create(
            seeker=alice, email="coach@example.com", expires_at=timezone.now() + timedelta(days=14)
        ).pk
    }


def an_employer(alice):
    return {"pk": EmployerFactory(owner=alice).pk}


def a_criterion(alice):
    return {"pk": CriterionFactory(owner=alice).pk}


def a_contact(alice):
    return {"pk": ContactFactory(owner=alice).pk}


def a_referral(alice):
    return {"pk": ContactFactory(owner=alice, referred_by=ContactFactory(owner=alice)).pk}


def a_dismissed_referral(alice):
    referral = ContactFactory(
        owner=alice, referred_by=ContactFactory(owner=alice), referral_dismissed_at=timezone.now()
    )
    return {"pk": referral.pk}


def a_contact_with_a_meeting_ahead(alice):
    return {"contact_pk": MeetingFactory(contact=ContactFactory(owner=alice)).contact_id}


def an_outreach_attempt(alice):
    attempt = OutreachAttemptFactory(contact=ContactFactory(owner=alice))
    return {"pk": attempt.contact_id, "attempt_pk": attempt.pk}


def a_meeting(alice):
    return {"pk": MeetingFactory(contact=ContactFactory(owner=alice)).pk}


def a_meeting_held_yesterday(alice):
    contact = ContactFactory(owner=alice)
    return {"pk": MeetingFactory(contact=contact, starts_at=past_slot(contact.timezone)).pk}


def an_agenda_item(alice):
    item = AgendaItemFactory(meeting=MeetingFactory(contact=ContactFactory(owner=alice)))
    return {"pk": item.meeting_id, "item_pk": item.pk}


def a_task(alice):
    return {"pk": TaskFactory(meeting=MeetingFactory(contact=ContactFactory(owner=alice))).pk}


def a_question(alice):
    return {"pk": QuestionFactory(owner=alice).pk}


def an_opportunity(alice):
    return {"pk": OpportunityFactory(owner=alice).pk}


FORWARDING = {"meetings:prepare_next"}

ALICES = {
    "coach_access_end": a_coach_of_hers,
    "coaching_note_read": a_note_for_her,
    "coach_invitation_withdraw": an_invitation_of_hers,
    "value_statement_edit": a_value_statement,
    "value_statement_delete": a_value_statement,
    **dict.fromkeys(["employers:detail", "employers:edit", "employers:delete"], an_employer),
    **dict.fromkeys(
        ["employers:criterion_edit", "employers:criterion_move", "employers:criterion_delete"],
        a_criterion,
    ),
    **dict.fromkeys(
        [
            "contacts:detail",
            "contacts:edit",
            "contacts:delete",
            "contacts:outreach_create",
            "contacts:outreach_check",
        ],
        a_contact,
    ),
    "contacts:referral_dismiss": a_referral,
    "contacts:referral_restore": a_dismissed_referral,
    "meetings:prepare_next": a_contact_with_a_meeting_ahead,
    "contacts:outreach_reply": an_outreach_attempt,
    "contacts:outreach_delete": an_outreach_attempt,
    **dict.fromkeys(
        [
            "meetings:detail",
            "meetings:edit",
            "meetings:cancel",
            "meetings:delete",
            "meetings:calendar",
            "meetings:prep",
            "meetings:agenda_pick",
            "meetings:agenda_write",
            "meetings:run",
            "meetings:run_notes",
        ],
        a_meeting,
    ),
    "meetings:debrief": a_meeting_held_yesterday,
    "meetings:agenda_move": an_agenda_item,
    "meetings:agenda_remove": an_agenda_item,
    "meetings:task_done": a_task,
    **dict.fromkeys(["questions:edit", "questions:archive", "questions:restore"], a_question),
    **dict.fromkeys(
        [
            "opportunities:detail",
            "opportunities:edit",
            "opportunities:stage",
            "opportunities:salary",
            "opportunities:delete",
        ],
        an_opportunity,
    ),
}

# What another seeker would post if the view let them: each field names a change.
A_CHANGE = {
    "name": "Taken over",
    "first_name": "Taken",
    "last_name": "Over",
    "status": "cancelled",
    "direction": "down",
    "text": "Taken over?",
    "category": "advice",
    "kind": "request",
    "message": "Taken over",
    "reply": "accepted",
    "actual_minutes": "20",
    "impression": "engaged",
    "figure": "$0",
    "statement": "Taken over",
    "run_notes": "Taken over",
}


def url_of(route, alice):
    """The route's URL, with an object of Alice's behind each id."""
    if not route.params:
        return reverse(route.name)
    build = ALICES.get(route.name)
    if build is None:
        pytest.fail(
            f"/{route.route} takes an id but ALICES has no object for {route.name!r}: "
            "add one so this test can check the view looks it up among the seeker's own."
        )
    kwargs = build(alice)
    assert set(kwargs) == route.params, f"{route.name} takes {sorted(route.params)}"
    return reverse(route.name, kwargs=kwargs)


def every_row():
    """Every row of Schmooze's own tables, to show that nothing was written."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.app_config.name.startswith(("core", "networking"))
    }


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def is_sent_to_log_in(response):
    return response.status_code == 302 and response.url.startswith(f"{reverse('login')}?next=")


@pytest.mark.parametrize("route", PRIVATE, ids=str)
def test_a_stranger_is_sent_to_log_in_and_changes_nothing(client, alice, route):
    url = url_of(route, alice)
    before = every_row()
    assert is_sent_to_log_in(client.get(url))
    assert is_sent_to_log_in(client.post(url, A_CHANGE))
    assert every_row() == before


@pytest.mark.parametrize("route", WITH_AN_ID, ids=str)
def test_another_seeker_gets_404_and_changes_nothing(alice, bob, route):
    url = url_of(route, alice)
    as_alice, as_bob = signed_in(alice), signed_in(bob)
    before = every_row()
    for method in ("get", "post"):
        response = getattr(as_bob, method)(url, A_CHANGE if method == "post" else None)
        if response.status_code == 405:
            # A method the view never takes is refused before any lookup, owner or not.
            assert getattr(as_alice, method)(url).status_code == 405
        else:
            assert response.status_code == 404, f"{method.upper()} {url}"
    assert every_row() == before


@pytest.mark.parametrize("route", WITH_AN_ID, ids=str)
def test_the_owner_reaches_it_and_a_get_changes_nothing(alice, route):
    url = url_of(route, alice)
    as_alice = signed_in(alice)
    before = every_row()
    get = as_alice.get(url)
    # A view that only finds the page to show (a contact's next meeting) forwards to it.
    reached = {302} if route.name in FORWARDING else {200, 405}
    assert get.status_code in reached, f"GET {url}"
    assert every_row() == before
    post = as_alice.post(url, A_CHANGE)
    if get.status_code == 405:  # POST only: the POST must find her object
        assert post.status_code in {200, 302}, f"POST {url}"
    else:
        assert post.status_code in {200, 302, 405}, f"POST {url}"
    assert not is_sent_to_log_in(post)


def test_every_object_in_the_registry_still_has_its_url():
    assert set(ALICES) <= {route.name for route in WITH_AN_ID}
