"""The admin site's own doors tell a coach nothing: autocomplete and "view on site" (SPEC §2)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from core.coaching import RecordView
from networking.contacts.models import Contact
from tests.contacts.factories import ContactFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def priya(alice):
    return ContactFactory(owner=alice, first_name="Priya", last_name="Raman")


AUTOCOMPLETE = [
    {},
    {"app_label": "contacts"},
    {"app_label": "contacts", "model_name": "contact"},
    {"app_label": "contacts", "model_name": "contact", "field_name": "notes"},
    {"app_label": "contacts", "model_name": "contact", "field_name": "nope"},
    {"app_label": "contacts", "model_name": "contact", "field_name": "outreach"},
    {"app_label": "contacts", "model_name": "contact", "field_name": "referrals"},
    {"app_label": "contacts", "model_name": "contact", "field_name": "meetings"},
    {"app_label": "contacts", "model_name": "contact", "field_name": "referred_in_meetings"},
    {"app_label": "meetings", "model_name": "meeting", "field_name": "research_notes"},
    {"app_label": "core", "model_name": "user", "field_name": "user_permissions"},
    {"app_label": "core", "model_name": "user", "field_name": "logentry"},
    {"app_label": "nope", "model_name": "x", "field_name": "y"},
    {"app_label": "contacts.contact", "model_name": "", "field_name": "employer"},
]


@pytest.mark.parametrize("query", AUTOCOMPLETE)
def test_autocomplete_for_anything_but_a_concrete_relation_is_forbidden(
    coach_client, superuser_client, priya, query
):
    url = reverse("admin:autocomplete")
    assert coach_client.get(url, {**query, "term": "Pri"}).status_code == 403
    assert superuser_client.get(url, {**query, "term": "Pri"}).status_code == 403


def test_autocomplete_serves_a_superusers_forms_and_never_a_coach(
    coach_client, superuser_client, priya
):
    url = reverse("admin:autocomplete")
    query = {"app_label": "contacts", "model_name": "contact", "field_name": "referred_by"}
    found = superuser_client.get(url, {**query, "term": "Pri"})
    assert found.status_code == 200
    assert [row["text"] for row in found.json()["results"]] == ["Priya Raman"]
    # For a coach it would be a search of a client's contacts that no log shows.
    assert coach_client.get(url, {**query, "term": "Pri"}).status_code == 403
    assert not RecordView.objects.exists()


def test_view_on_site_does_not_tell_a_coach_which_records_exist(
    coach_client, superuser_client, alice, bob, priya
):
    theirs = ContactFactory(owner=bob)
    content_type = ContentType.objects.get_for_model(Contact)
    missing = Contact.objects.order_by("-pk").first().pk + 100

    def url(pk):
        return reverse("admin:view_on_site", args=[content_type.pk, pk])

    answers = [coach_client.get(url(pk)) for pk in (priya.pk, theirs.pk, missing, "abc")]
    # The same page for each: an id that exists, another seeker's, one that does not, garbage.
    assert {(answer.status_code, answer.templates[0].name) for answer in answers} == {
        (404, "404.html")
    }
    assert superuser_client.get(url(priya.pk)).url.endswith(f"/contacts/{priya.pk}/")
    assert superuser_client.get(url(missing)).status_code == 404


def test_the_admin_is_schmoozes_own_site(superuser_client):
    body = superuser_client.get(reverse("admin:index")).content.decode()
    assert "Schmooze administration" in body


def test_a_coachs_menu_and_list_call_clients_clients(coach_client, superuser_client):
    page = coach_client.get(reverse("admin:core_user_changelist"))
    assert page.status_code == 200
    assert page.context["title"] == "Your clients"
    names = [entry["name"] for app in page.context["available_apps"] for entry in app["models"]]
    assert "Clients" in names
    assert "Users" not in names
    breadcrumbs = page.content.decode().split('class="breadcrumbs"')[1].split("</div>")[0]
    assert "Your clients" in breadcrumbs
    assert "Users" not in breadcrumbs
    # An administrator still manages the site's users by that name.
    page = superuser_client.get(reverse("admin:core_user_changelist"))
    names = [entry["name"] for app in page.context["available_apps"] for entry in app["models"]]
    assert "Users" in names
    assert "Clients" not in names


def test_a_coach_opens_a_client_as_a_client(coach_client, alice):
    page = coach_client.get(reverse("admin:core_user_change", args=[alice.pk]))
    assert page.status_code == 200
    assert page.context["title"] == "Client"
    breadcrumbs = page.content.decode().split('class="breadcrumbs"')[1].split("</div>")[0]
    assert "Your clients" in breadcrumbs
    assert "Users" not in breadcrumbs
