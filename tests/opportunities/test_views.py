"""The opportunity pages through the client: the board and the list, creating one from a
meeting, a contact or an employer, moving it on, salary, deleting, the CSV, and what the
pages below and above show of it."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from networking.meetings.models import Task
from networking.opportunities import selectors
from networking.opportunities.models import Opportunity, Source, Stage
from tests.clock import MONDAY_NOON, frozen_at
from tests.contacts.factories import ContactFactory
from tests.employers.factories import EmployerFactory
from tests.meetings.factories import MeetingFactory, past_slot
from tests.opportunities.factories import OpportunityFactory

pytestmark = pytest.mark.django_db

now = frozen_at(MONDAY_NOON)
LIST = reverse("opportunities:list")
NEW = reverse("opportunities:create")


def form_data(**fields):
    data = {
        "employer": "",
        "title": "Senior Product Designer",
        "url": "",
        "source": "posting",
        "contact": "",
        "meeting": "",
        "stage": "lead",
        "notes": "",
    }
    data.update({key: "" if value is None else str(value) for key, value in fields.items()})
    return data


# --- the board and the list -------------------------------------------------------------


def test_an_empty_board_says_what_to_do_first(alice_client):
    body = alice_client.get(LIST).content.decode()
    assert "No opportunity yet" in body and "Record your first role" in body


def test_the_board_has_a_column_per_stage_and_the_list_a_row_each(alice_client, alice, bob):
    OpportunityFactory(owner=alice, title="Design Lead", stage=Stage.INTERVIEWING)
    OpportunityFactory(owner=bob, title="Bob's own role")
    board = alice_client.get(LIST)
    body = board.content.decode()
    assert [column.total for column in board.context["columns"]] == [0, 0, 1, 0, 0, 0, 0]
    assert 'id="col-interviewing"' in body and "Design Lead" in body
    assert "Bob's own role" not in body
    listed = alice_client.get(LIST, {"view": "list"}).content.decode()
    assert "Design Lead" in listed and "Bob's own role" not in listed
    assert (
        "Design Lead"
        not in alice_client.get(LIST, {"view": "list", "stage": "lead"}).content.decode()
    )


@pytest.mark.parametrize("view", ["board", "list"])
def test_the_board_and_the_list_take_as_many_queries_for_10_as_for_1000(
    alice_client, alice, view, django_assert_max_num_queries
):
    employer = EmployerFactory(owner=alice)
    contact = ContactFactory(owner=alice, employer=employer)

    def add(count):
        Opportunity.objects.bulk_create(
            Opportunity(
                owner=alice,
                employer=employer,
                contact=contact,
                source=Source.CONTACT,
                title=f"Role {n}",
                stage=Stage.values[n % 7],
                stage_on=date(2026, 11, 1 + n % 28),
            )
            for n in range(count)
        )

    add(10)
    with django_assert_max_num_queries(12) as small:
        assert alice_client.get(LIST, {"view": view}).status_code == 200
    add(990)
    with django_assert_max_num_queries(12) as large:
        response = alice_client.get(LIST, {"view": view})
    assert len(large.captured_queries) == len(small.captured_queries)
    if view == "board":
        assert all(len(column.cards) <= 25 for column in response.context["columns"])
        assert sum(column.total for column in response.context["columns"]) == 1000


# --- creating one -------------------------------------------------------------------------


def test_recording_a_role_from_scratch_dates_its_first_stage(alice_client, alice, now):
    employer = EmployerFactory(owner=alice)
    response = alice_client.post(
        NEW, form_data(employer=employer.pk, url="https://jobs.example.com/1")
    )
    opportunity = Opportunity.objects.get(owner=alice)
    assert response.status_code == 302 and response.url == opportunity.get_absolute_url()
    assert list(opportunity.stage_changes.values_list("stage", "on")) == [
        ("lead", date(2026, 11, 30))
    ]


def test_from_a_contacts_page_the_contact_and_employer_are_filled_in(alice_client, alice):
    contact = ContactFactory(owner=alice, first_name="Dana", last_name="Whitfield")
    page = alice_client.get(contact.get_absolute_url()).content.decode()
    link = f"{NEW}?contact={contact.pk}&amp;source=contact"
    assert link in page and "Dana suggested I apply" in page
    form = alice_client.get(NEW, {"contact": contact.pk, "source": "contact"}).context["form"]
    assert form.initial["contact"] == contact.pk
    assert form.initial["employer"] == contact.employer_id
    assert form.initial["source"] == "contact"


def test_from_a_meeting_the_meeting_contact_and_employer_are_filled_in(alice_client, alice):
    contact = ContactFactory(owner=alice)
    meeting = MeetingFactory(contact=contact, starts_at=past_slot(contact.timezone), status="held")
    page = alice_client.get(meeting.get_absolute_url()).content.decode()
    assert (
        f"{NEW}?meeting={meeting.pk}&amp;source=meeting" in page and "They mentioned a role" in page
    )
    form = alice_client.get(NEW, {"meeting": meeting.pk}).context["form"]
    assert form.initial["meeting"] == meeting.pk
    assert form.initial["contact"] == contact.pk
    assert form.initial["employer"] == contact.employer_id
    response = alice_client.post(
        NEW, form_data(employer=contact.employer_id, source="meeting", meeting=meeting.pk)
    )
    opportunity = Opportunity.objects.get(owner=alice)
    assert response.status_code == 302
    assert (opportunity.meeting, opportunity.contact) == (meeting, contact)


def test_from_an_employers_page_the_employer_is_filled_in(alice_client, alice):
    employer = EmployerFactory(owner=alice)
    page = alice_client.get(employer.get_absolute_url()).content.decode()
    assert f"{NEW}?employer={employer.pk}" in page
    assert (
        alice_client.get(NEW, {"employer": employer.pk}).context["form"].initial["employer"]
        == employer.pk
    )


def test_another_seekers_ids_in_the_address_are_ignored(alice_client, bob):
    contact = ContactFactory(owner=bob)
    meeting = MeetingFactory(contact=contact)
    form = alice_client.get(
        NEW, {"contact": contact.pk, "meeting": meeting.pk, "employer": contact.employer_id}
    ).context["form"]
    assert [form.initial.get(name) for name in ("contact", "meeting", "employer")] == [None] * 3


@pytest.mark.parametrize("field", ["employer", "contact", "meeting"])
def test_the_form_refuses_another_seekers_objects(alice_client, alice, bob, field):
    mine = ContactFactory(owner=alice)
    theirs = ContactFactory(owner=bob)
    values = {
        "employer": theirs.employer_id if field == "employer" else mine.employer_id,
        "contact": theirs.pk if field == "contact" else "",
        "meeting": MeetingFactory(contact=theirs).pk if field == "meeting" else "",
        "source": "posting",
    }
    response = alice_client.post(NEW, form_data(**values))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Opportunity.objects.exists()


def test_bad_input_shows_the_form_again_with_what_was_typed(alice_client, alice):
    response = alice_client.post(
        NEW, form_data(title="", source="contact", notes="kept", url="not a url")
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"employer", "title", "url"} <= set(errors)
    assert "kept" in response.content.decode()


def test_a_source_without_what_it_names_is_refused(alice_client, alice):
    employer = EmployerFactory(owner=alice)
    response = alice_client.post(NEW, form_data(employer=employer.pk, source="contact"))
    assert "contact" in response.context["form"].errors
    response = alice_client.post(NEW, form_data(employer=employer.pk, source="meeting"))
    assert "meeting" in response.context["form"].errors


# --- moving it on -------------------------------------------------------------------------


def test_applying_offers_the_name_and_asks_to_close_the_loop(alice_client, alice, now):
    contact = ContactFactory(owner=alice, first_name="Dana", last_name="Whitfield")
    opportunity = OpportunityFactory(
        owner=alice, source=Source.CONTACT, contact=contact, employer=contact.employer
    )
    page = alice_client.get(opportunity.get_absolute_url()).content.decode()
    assert "“Dana Whitfield suggested I apply.”" in page
    response = alice_client.post(
        reverse("opportunities:stage", args=[opportunity.pk]),
        {"stage": "applied", "on": "2026-11-30"},
        follow=True,
    )
    body = response.content.decode()
    assert "Close the loop with Dana Whitfield" in body
    assert "Don&#x27;t ask them for the job itself" in body
    task = Task.objects.get(contact=contact, kind="close_loop")
    assert task.due_on == date(2026, 12, 1)
    assert "Keep Dana in the loop" in body and task.title in body
    history = list(opportunity.stage_changes.values_list("stage", flat=True))
    assert history == ["lead", "applied"]


def test_a_change_it_cannot_make_is_said_on_the_page(alice_client, alice, now):
    opportunity = OpportunityFactory(owner=alice)
    url = reverse("opportunities:stage", args=[opportunity.pk])
    response = alice_client.post(url, {"stage": "accepted", "on": "2026-11-30"})
    assert response.status_code == 200
    assert "stage" in response.context["stage_form"].errors
    response = alice_client.post(url, {"stage": "applied", "on": "2027-01-04"})
    assert response.status_code == 200 and "it has happened" in response.content.decode()
    response = alice_client.post(url, {"stage": "applied", "on": "2026-11-02"})
    assert response.status_code == 200 and "on or after" in response.content.decode()
    assert Opportunity.objects.get(pk=opportunity.pk).stage == "lead"


def test_the_edit_form_records_a_new_stage_in_the_history(alice_client, alice):
    opportunity = OpportunityFactory(owner=alice)
    url = reverse("opportunities:edit", args=[opportunity.pk])
    data = form_data(employer=opportunity.employer_id, title="Renamed", stage="applied")
    assert alice_client.post(url, data).status_code == 302
    opportunity.refresh_from_db()
    assert (opportunity.title, opportunity.stage) == ("Renamed", "applied")
    assert opportunity.stage_changes.count() == 2


# --- salary ---------------------------------------------------------------------------------


def test_salary_is_closed_until_the_employer_raises_it(alice_client, alice, now):
    opportunity = OpportunityFactory(owner=alice)
    url = reverse("opportunities:salary", args=[opportunity.pk])
    page = alice_client.get(opportunity.get_absolute_url()).content.decode()
    assert "Salary is not a topic until the employer raises it" in page
    assert 'name="salary_min"' in page and 'type="hidden" name="salary_min"' in page
    refused = alice_client.post(
        url, {"salary_raised_by": "", "salary_raised_on": "", "salary_min": "90000"}
    )
    assert refused.status_code == 200
    assert refused.context["salary_form"].errors
    too_soon = alice_client.post(
        url,
        {"salary_raised_by": "Recruiter", "salary_raised_on": "2026-11-27", "salary_min": "90000"},
    )
    assert "Salary is not a topic" in too_soon.content.decode()
    assert Opportunity.objects.get(pk=opportunity.pk).salary_min is None
    raised = alice_client.post(
        url, {"salary_raised_by": "The recruiter", "salary_raised_on": "2026-11-27"}
    )
    assert raised.status_code == 302
    figures = {
        "salary_raised_by": "The recruiter",
        "salary_raised_on": "2026-11-27",
        "salary_min": "118000",
        "salary_max": "128000",
        "salary_currency": "cad",
    }
    assert alice_client.post(url, figures).status_code == 302
    opportunity.refresh_from_db()
    assert (opportunity.salary_min, opportunity.salary_max, opportunity.salary_currency) == (
        118000,
        128000,
        "CAD",
    )
    assert (
        "CAD 118,000–128,000" in alice_client.get(opportunity.get_absolute_url()).content.decode()
    )


def test_salary_never_shows_on_the_informational_meeting(alice_client, alice):
    contact = ContactFactory(owner=alice)
    meeting = MeetingFactory(contact=contact, starts_at=past_slot(contact.timezone), status="held")
    opportunity = OpportunityFactory(
        owner=alice,
        source=Source.MEETING,
        meeting=meeting,
        contact=contact,
        employer=contact.employer,
    )
    Opportunity.objects.filter(pk=opportunity.pk).update(
        salary_raised_by="Recruiter", salary_raised_on=date(2026, 11, 20), salary_min=987654
    )
    page = alice_client.get(meeting.get_absolute_url()).content.decode()
    assert opportunity.title in page
    assert "987" not in page and "salary" not in page.lower().replace("never about salary", "")


# --- deleting -------------------------------------------------------------------------------


def test_delete_confirms_then_deletes_on_post(alice_client, alice):
    opportunity = OpportunityFactory(owner=alice)
    url = reverse("opportunities:delete", args=[opportunity.pk])
    assert "Delete it" in alice_client.get(url).content.decode()
    assert Opportunity.objects.exists()
    response = alice_client.post(url)
    assert response.status_code == 302 and response.url == LIST
    assert not Opportunity.objects.exists()


# --- the CSV ----------------------------------------------------------------------------------


def _csv(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_export_has_a_row_per_opportunity_and_neutralises_formulas(alice_client, alice, bob):
    contact = ContactFactory(owner=alice, first_name="=HYPERLINK(1)", last_name="Lee")
    OpportunityFactory(
        owner=alice,
        title="@SUM(A1)",
        source=Source.CONTACT,
        contact=contact,
        employer=contact.employer,
        notes="-2+3",
    )
    OpportunityFactory(owner=bob, title="Bob's role")
    response = alice_client.get(reverse("opportunities:export"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    header, *rows = _csv(response)
    assert header[:8] == [
        "employer",
        "title",
        "url",
        "source",
        "contact",
        "meeting",
        "stage",
        "stage_since",
    ]
    [row] = rows
    cells = dict(zip(header, row, strict=True))
    assert cells["title"] == "'@SUM(A1)"
    assert cells["contact"] == "'=HYPERLINK(1) Lee"
    assert cells["notes"] == "'-2+3"
    assert cells["source"] == "contact" and cells["stage"] == "lead"


def test_the_export_takes_as_many_queries_for_10_as_for_1000(
    alice_client, alice, django_assert_max_num_queries
):
    employer = EmployerFactory(owner=alice)
    rows = [
        Opportunity(owner=alice, employer=employer, title=f"R{n}", stage_on=date(2026, 11, 2))
        for n in range(1000)
    ]
    Opportunity.objects.bulk_create(rows[:10])
    with django_assert_max_num_queries(4) as small:
        assert len(_csv(alice_client.get(reverse("opportunities:export")))) == 11
    Opportunity.objects.bulk_create(rows[10:])
    with django_assert_max_num_queries(4) as large:
        assert len(_csv(alice_client.get(reverse("opportunities:export")))) == 1001
    assert len(large.captured_queries) == len(small.captured_queries)


# --- seen everywhere --------------------------------------------------------------------------


def test_the_employer_list_shows_an_open_opportunity(alice_client, alice):
    open_here = EmployerFactory(owner=alice, name="Lumen Labs")
    closed_there = EmployerFactory(owner=alice, name="Fernleaf Bank")
    OpportunityFactory(owner=alice, employer=open_here)
    OpportunityFactory(owner=alice, employer=closed_there, stage=Stage.APPLIED)
    Opportunity.objects.filter(employer=closed_there).update(stage=Stage.CLOSED)
    response = alice_client.get(reverse("employers:list"))
    counts = {
        row["employer"].name: row["employer"].open_opportunities for row in response.context["rows"]
    }
    assert counts == {"Lumen Labs": 1, "Fernleaf Bank": 0}
    body = response.content.decode()
    assert '<span class="badge text-bg-info ms-1">1 open opportunity</span>' in body
    assert "0 open opportunit" not in body


def test_the_contact_and_employer_pages_show_theirs(alice_client, alice):
    contact = ContactFactory(owner=alice)
    opportunity = OpportunityFactory(
        owner=alice, source=Source.CONTACT, contact=contact, employer=contact.employer
    )
    for url in (contact.get_absolute_url(), contact.employer.get_absolute_url()):
        body = alice_client.get(url).content.decode()
        assert opportunity.get_absolute_url() in body


def test_the_dashboard_funnel_goes_on_to_opportunities_and_offers(alice_client, alice):
    OpportunityFactory(owner=alice)
    OpportunityFactory(owner=alice, stage=Stage.OFFER)
    funnel = alice_client.get(reverse("dashboard")).context["dashboard"].funnel
    counts = {step["label"]: step["count"] for step in funnel}
    assert (counts["Opportunities"], counts["Offers"]) == (2, 1)


def test_the_network_page_counts_what_the_network_opened(alice_client, alice):
    jordan = ContactFactory(owner=alice)
    priya = ContactFactory(owner=alice, referred_by=jordan)
    sam = ContactFactory(owner=alice, referred_by=priya)
    meeting = MeetingFactory(contact=jordan, starts_at=past_slot(jordan.timezone), status="held")
    OpportunityFactory(owner=alice, source=Source.MEETING, meeting=meeting, contact=jordan)
    OpportunityFactory(owner=alice, source=Source.CONTACT, contact=priya)
    OpportunityFactory(owner=alice, source=Source.CONTACT, contact=sam)
    OpportunityFactory(owner=alice)  # a posting: not the network's
    body = alice_client.get(reverse("network")).content.decode()
    assert (
        "3 opportunities came from your network, 1 of them from meetings; "
        "2 through an introduction, 1 from referrals of referrals." in body
    )


def test_a_coachs_summary_of_a_client_reads_two_queries_at_any_size(
    alice, bob, django_assert_num_queries
):
    for stage in (Stage.LEAD, Stage.INTERVIEWING, Stage.OFFER, Stage.CLOSED):
        OpportunityFactory(owner=alice, stage=stage)
    OpportunityFactory(owner=bob, stage=Stage.OFFER)
    with django_assert_num_queries(2):
        summary = selectors.opportunity_summary(alice)
        assert sorted(o.stage for o in summary.interviewing) == ["interviewing", "offer"]
    assert (summary.open, summary.offers, summary.by_stage["closed"]) == (3, 1, 1)
