"""Coaches leave a trace of everything they read (SPEC §2), through the real admin.

A coach's list answers only to its declared filters and search, and every list or search is
in the log of each client it covers.
"""

from datetime import UTC, datetime

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.coaching import CoachAssignment, RecordView
from networking.contacts.models import OutreachAttempt
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory
from tests.factories import UserFactory, ValueStatementFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db

LISTS = [
    "contacts_contact",
    "contacts_outreachattempt",
    "meetings_meeting",
    "meetings_task",
    "meetings_question",
    "employers_employer",
    "employers_criterion",
    "core_valuestatement",
    "core_user",
    "core_coachingnote",
]


def changelist(name):
    return reverse(f"admin:{name}_changelist")


@pytest.fixture
def priya(alice):
    return ContactFactory(
        owner=alice, first_name="Priya", last_name="Raman", level="director", notes="Salary 95k"
    )


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize(
    "query",
    [
        {"notes__startswith": "S"},
        {"owner__email": "alice@example.com"},
        {"password__startswith": "md5"},
        {"id__gt": "0"},
        {"_popup": "1"},
        {"_to_field": "id"},
    ],
    ids=lambda query: next(iter(query)),
)
def test_a_coachs_list_refuses_any_parameter_it_does_not_declare(coach_client, priya, name, query):
    response = coach_client.get(changelist(name), query)
    assert response.status_code == 400
    assert not RecordView.objects.exists()


def test_private_notes_cannot_be_read_a_character_at_a_time(coach_client, priya, superuser_client):
    url = changelist("contacts_contact")
    for guess in ["S", "X"]:
        assert coach_client.get(url, {"notes__startswith": guess}).status_code == 400
    # A superuser's admin still filters by any field.
    found = superuser_client.get(url, {"notes__startswith": "Sal"})
    assert found.status_code == 200
    assert list(found.context["cl"].result_list) == [priya]


def test_a_coach_still_filters_searches_sorts_and_pages_as_the_list_declares(
    coach_client, alice, priya
):
    ContactFactory(owner=alice, first_name="Jordan", level="manager")
    url = changelist("contacts_contact")
    for query, expected in [
        ({"level__exact": "director"}, [priya]),
        ({"q": "Priya"}, [priya]),
        ({"q": "Raman", "level__exact": "director", "o": "1", "p": "1"}, [priya]),
        ({"function__exact": "design", "all": "", "_facets": "True"}, None),
    ]:
        response = coach_client.get(url, query)
        assert response.status_code == 200, query
        if expected is not None:
            assert list(response.context["cl"].result_list) == expected, query
    outreach = changelist("contacts_outreachattempt")
    assert coach_client.get(outreach, {"sent_at__year": "2026"}).status_code == 200
    meetings = changelist("meetings_meeting")
    assert (
        coach_client.get(meetings, {"starts_at__gte": "2026-01-01 00:00:00+00:00"}).status_code
        == 200
    )


def test_a_coach_does_not_search_a_clients_free_text(coach_client, alice, superuser_client):
    ValueStatementFactory(owner=alice, figure="$1.2M", statement="The partner program I launched.")
    url = changelist("core_valuestatement")
    assert coach_client.get(url, {"q": "partner"}).context["cl"].result_count == 0
    assert coach_client.get(url, {"q": "$1.2M"}).context["cl"].result_count == 1
    assert superuser_client.get(url, {"q": "partner"}).context["cl"].result_count == 1


@pytest.mark.parametrize("year", ["9999", "10000", "0", "1", "abc"])
def test_a_date_drill_down_to_an_impossible_year_is_an_incorrect_lookup(
    coach_client, priya, superuser_client, year
):
    OutreachAttemptFactory(contact=priya)
    for who in (coach_client, superuser_client):
        response = who.get(changelist("contacts_outreachattempt"), {"sent_at__year": year})
        assert response.status_code == 302
        assert response.url.endswith("?e=1")


@pytest.fixture
def carol(coach):
    """Ruth's second client."""
    carol = UserFactory(email="carol@example.com", name="Carol Diaz")
    CoachAssignment.objects.create(coach=coach, client=carol)
    return carol


def test_a_coachs_search_is_in_the_log_of_every_client_the_list_covers(
    coach_client, coach, alice, bob, carol, priya
):
    response = coach_client.get(
        changelist("contacts_contact"), {"q": "Priya", "level__exact": "director"}
    )
    assert response.status_code == 200
    views = RecordView.objects.order_by("client__email")
    assert [view.client for view in views] == [alice, carol]  # not Bob: not Ruth's client
    for view in views:
        assert (view.coach, view.action, view.kind) == (coach, "listed", "contacts")
        assert (view.search, view.filters) == ("Priya", "level: Director")
    seeker = Client()
    seeker.force_login(alice)
    body = seeker.get(reverse("coach_access_log")).content.decode()
    assert "Ruth Adebayo" in body
    assert "Searched your contacts for “Priya”, filtered by level: Director" in body


def test_each_list_a_coach_opens_is_logged_in_plain_words(coach_client, alice, priya):
    OutreachAttemptFactory(contact=priya, sent_at=datetime(2026, 11, 20, tzinfo=UTC))
    coach_client.get(changelist("meetings_meeting"))
    coach_client.get(changelist("contacts_outreachattempt"), {"sent_at__year": "2026"})
    coach_client.get(changelist("core_user"), {"q": "alice"})
    words = [view.describe() for view in RecordView.objects.order_by("id")]
    assert words == [
        "Looked through your meetings",
        "Looked through your outreach attempts, filtered by sent at: 2026",
        "Searched your profile for “alice”",
    ]


def test_listing_costs_the_same_for_one_client_or_many(coach_client, coach, alice, priya):
    url = changelist("contacts_contact")
    with CaptureQueriesContext(connection) as one:
        coach_client.get(url)
    for n in range(4):
        CoachAssignment.objects.create(coach=coach, client=UserFactory(email=f"c{n}@example.com"))
    with CaptureQueriesContext(connection) as five:
        coach_client.get(url)
    assert len(five.captured_queries) == len(one.captured_queries)
    assert RecordView.objects.filter(action="listed").count() == 1 + 5


def test_a_superusers_lists_and_a_coachs_export_add_no_list_entry(
    coach_client, superuser_client, priya
):
    superuser_client.get(changelist("contacts_contact"), {"q": "Priya"})
    assert not RecordView.objects.exists()
    coach_client.post(
        changelist("contacts_contact"), {"action": "export_csv", "_selected_action": [priya.pk]}
    )
    assert list(RecordView.objects.values_list("action", "kind")) == [("opened", "contacts export")]


def test_a_coach_with_no_clients_left_lists_nothing_and_logs_nothing(coach_client, coaching):
    coaching.ended_at = datetime(2026, 11, 1, tzinfo=UTC)
    coaching.save()
    assert coach_client.get(changelist("contacts_contact")).status_code == 200
    assert not RecordView.objects.exists()


def test_a_superusers_admin_still_works(superuser_client, alice, priya):
    OutreachAttemptFactory(contact=priya, sent_at=datetime(2026, 11, 20, tzinfo=UTC))
    MeetingFactory(contact=priya)
    for name in LISTS:
        assert superuser_client.get(changelist(name)).status_code == 200, name
    filtered = superuser_client.get(changelist("contacts_contact"), {"owner__id__exact": alice.pk})
    assert list(filtered.context["cl"].result_list) == [priya]
    response = superuser_client.get(reverse("admin:contacts_contact_change", args=[priya.pk]))
    assert response.status_code == 200
    assert not RecordView.objects.exists()


def test_a_date_typed_in_the_admin_is_bounded_too(superuser_client):
    model_admin = admin.site._registry[OutreachAttempt]
    request = superuser_client.get(changelist("contacts_outreachattempt")).wsgi_request
    field = model_admin.get_form(request).base_fields["sent_at"]
    with pytest.raises(ValidationError, match="Pick a date between 1 Jan 2000"):
        field.clean(["9999-12-31", "23:59"])
    assert field.clean(["2026-11-20", "10:00"]).year == 2026


def test_staff_outside_the_coaches_group_see_no_list(client, priya):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(changelist("contacts_contact"), {"q": "Priya"}).status_code == 403
    assert not RecordView.objects.exists()
