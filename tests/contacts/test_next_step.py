"""SPEC §3: nobody is walked into writing to a recruiter. One function decides a contact's next
step (``next_step``); the flash after saving, the contact page, the list and the dashboard all
show its answer. For HR it is the line manager two steps above the role, at the same employer."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.ladder import Level
from networking.contacts.models import Contact
from networking.contacts.next_step import next_step
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory
from tests.employers.factories import EmployerFactory

pytestmark = pytest.mark.django_db


def annotated(contact):
    return Contact.objects.with_status().select_related("employer").get(pk=contact.pk)


@pytest.fixture
def acme(alice):
    return EmployerFactory(owner=alice, name="Acme Health")


@pytest.fixture
def recruiter(alice, acme):
    return ContactFactory(
        owner=alice,
        employer=acme,
        first_name="Dana",
        last_name="Whitfield",
        function="hr",
        level="manager",
        title="Talent Partner",
    )


def line_manager_url(employer, level):
    return f"/contacts/new/?employer={employer.pk}&amp;level={level}"


# --- the rule's one home -------------------------------------------------------------------


def test_an_hr_contact_not_written_to_leads_to_the_line_manager_two_levels_up(recruiter, acme):
    step = next_step(annotated(recruiter), target_level="manager")
    assert step.label == "Find the line manager two levels up at Acme Health"
    assert step.url == f"/contacts/new/?employer={acme.pk}&level=vp"
    assert "vice president" in step.text and "Recruiters screen candidates" in step.text


def test_the_ideal_level_follows_the_seekers_target(recruiter, acme):
    assert next_step(annotated(recruiter), target_level="staff").url.endswith("level=manager")
    assert next_step(annotated(recruiter), target_level="vp").url.endswith("level=executive")


def test_an_hr_contact_without_an_employer_still_points_up_the_ladder(alice):
    contact = ContactFactory(owner=alice, employer=None, function="hr")
    step = next_step(annotated(contact), target_level="supervisor")
    assert step.label == "Find the line manager two levels up"
    assert step.url == "/contacts/new/?level=director"


def test_anyone_else_not_written_to_gets_a_polite_request(alice):
    contact = ContactFactory(owner=alice, function="design")
    step = next_step(annotated(contact), target_level="supervisor")
    assert step.label == "Send a polite request"
    assert step.url == f"/contacts/{contact.pk}/outreach/new/?kind=request"
    assert step.text == ""


def test_once_the_seeker_wrote_to_hr_the_cadence_takes_over(recruiter):
    OutreachAttemptFactory(contact=recruiter, sent_at=timezone.now() - timedelta(days=1))
    step = next_step(annotated(recruiter), target_level="supervisor")
    assert step.label == "Polite follow-up"
    assert step.text == ""


# --- through the views ---------------------------------------------------------------------


def test_adding_an_hr_contact_flashes_the_line_manager_not_a_request(alice_client, acme):
    data = {
        "first_name": "Dana",
        "last_name": "Whitfield",
        "employer": acme.pk,
        "level": "manager",
        "function": "hr",
        "timezone": "America/Toronto",
    }
    page = alice_client.post("/contacts/new/", data, follow=True).content.decode()
    assert "Dana Whitfield added. Next: find the line manager two levels up at Acme Health." in page
    assert "draft a polite request" not in page


def test_adding_anyone_else_flashes_the_polite_request(alice_client, acme):
    data = {
        "first_name": "Elena",
        "last_name": "Petrova",
        "employer": acme.pk,
        "level": "director",
        "function": "design",
        "timezone": "America/Toronto",
    }
    page = alice_client.post("/contacts/new/", data, follow=True).content.decode()
    assert "Elena Petrova added. Next: send a polite request." in page


def test_the_hr_contact_page_offers_the_line_manager_first(alice_client, recruiter, acme):
    page = alice_client.get(f"/contacts/{recruiter.pk}/").content.decode()
    url = line_manager_url(acme, "director")  # Alice wants a supervisor's role
    assert f'class="btn btn-primary" href="{url}">Find the line manager</a>' in page
    assert "Next: Find the line manager two levels up at Acme Health." in page
    assert "Draft a request" not in page
    assert 'btn-primary" href="/contacts/' + str(recruiter.pk) + "/outreach/new/" not in page
    # Writing to HR stays possible, as a secondary action.
    assert (
        f'class="btn btn-outline-primary" href="/contacts/{recruiter.pk}/outreach/new/'
        f'?kind=request">Write to Dana anyway</a>'
    ) in page


def test_the_list_shows_the_line_manager_as_the_next_action(alice_client, recruiter, acme):
    page = alice_client.get("/contacts/").content.decode()
    assert (
        f'<a class="small" href="{line_manager_url(acme, "director")}">'
        "Find the line manager two levels up at Acme Health</a>"
    ) in page
    assert "Send a polite request" not in page


def test_the_dashboard_shows_the_line_manager_as_the_next_best_action(
    alice_client, recruiter, acme
):
    page = alice_client.get("/dashboard/").content.decode()
    assert "works in HR" in page
    assert (
        f'<a href="{line_manager_url(acme, "director")}">'
        "Find the line manager two levels up at Acme Health</a>"
    ) in page


def test_the_line_manager_link_preselects_the_employer_and_the_ideal_level(alice_client, acme):
    page = alice_client.get(f"/contacts/new/?employer={acme.pk}&level=director").content.decode()
    assert f'<option value="{acme.pk}" selected>Acme Health</option>' in page
    assert '<option value="director" selected>Director</option>' in page


def test_another_seekers_employer_or_a_made_up_level_is_ignored(alice_client, bob):
    theirs = EmployerFactory(owner=bob, name="Bobs Secret Startup")
    response = alice_client.get(f"/contacts/new/?employer={theirs.pk}&level=pope")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bobs Secret Startup" not in page
    levels = page.split('name="level"')[1].split("</select>")[0]
    assert '<option value="" selected>' in levels and levels.count("selected>") == 1


def test_the_form_and_the_profile_say_which_level_to_aim_for(alice, alice_client):
    alice.target_level = Level.MANAGER
    alice.save()
    form = alice_client.get("/contacts/new/").content.decode()
    profile = alice_client.get("/profile/").content.decode()
    for page in (form, profile):
        assert "Aim for: <strong>vice president</strong>" in page
        assert "Which rung? The ladder, from the top" in page
        assert "Senior Product Designer" in page
    assert "(manager)" not in form  # the seeker's own level is not what to aim for
