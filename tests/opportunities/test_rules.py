"""SPEC §6b: the stages and their dated history, where it came from, the close-the-loop note,
and salary kept closed until the employer raises it."""

import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from networking.meetings.models import Task
from networking.meetings.services import complete_task
from networking.opportunities import services
from networking.opportunities.models import Opportunity, Source, Stage, StageChange
from tests.clock import MONDAY_NOON, frozen_at
from tests.contacts.factories import ContactFactory
from tests.employers.factories import EmployerFactory
from tests.meetings.factories import MeetingFactory
from tests.opportunities.factories import OpportunityFactory

pytestmark = pytest.mark.django_db

now = frozen_at(MONDAY_NOON)


def referred(alice, **kwargs):
    contact = ContactFactory(owner=alice, first_name="Dana", last_name="Whitfield")
    return OpportunityFactory(
        owner=alice, source=Source.CONTACT, contact=contact, employer=contact.employer, **kwargs
    )


def loop_tasks(opportunity):
    return Task.objects.filter(stage_changes__opportunity=opportunity).distinct()


def test_the_first_stage_is_dated_in_the_history(alice, now):
    opportunity = OpportunityFactory(owner=alice)
    [first] = opportunity.stage_changes.all()
    assert (first.from_stage, first.stage, first.on) == ("", "lead", alice.today())
    assert opportunity.stage_on == alice.today()


def test_each_change_is_dated_and_the_stage_stored_with_it(alice, now):
    opportunity = OpportunityFactory(owner=alice, stage_on=alice.today() - timedelta(days=9))
    services.change_stage(opportunity, Stage.APPLIED, on=alice.today() - timedelta(days=5))
    services.change_stage(opportunity, Stage.INTERVIEWING)
    history = list(opportunity.stage_changes.values_list("from_stage", "stage", "on"))
    assert history == [
        ("", "lead", alice.today() - timedelta(days=9)),
        ("lead", "applied", alice.today() - timedelta(days=5)),
        ("applied", "interviewing", alice.today()),
    ]
    stored = Opportunity.objects.get(pk=opportunity.pk)
    assert (stored.stage, stored.stage_on) == ("interviewing", alice.today())


@pytest.mark.parametrize("stage", [Stage.ACCEPTED, Stage.DECLINED])
def test_only_an_offer_is_accepted_or_declined(alice, stage):
    opportunity = OpportunityFactory(owner=alice, stage=Stage.INTERVIEWING)
    with pytest.raises(ValidationError, match="Only an offer"):
        services.change_stage(opportunity, stage)
    services.change_stage(opportunity, Stage.OFFER)
    services.change_stage(opportunity, stage)
    assert Opportunity.objects.get(pk=opportunity.pk).stage == stage


def test_a_change_is_not_dated_before_the_stage_it_leaves(alice, now):
    opportunity = OpportunityFactory(owner=alice)
    with pytest.raises(ValidationError, match="on or after"):
        services.change_stage(opportunity, Stage.APPLIED, on=alice.today() - timedelta(days=1))
    assert opportunity.stage_changes.count() == 1


def test_the_same_change_twice_is_one(alice):
    opportunity = referred(alice)
    assert services.change_stage(opportunity, Stage.APPLIED) is not None
    assert services.change_stage(opportunity, Stage.APPLIED) is None
    assert opportunity.stage_changes.count() == 2
    assert loop_tasks(opportunity).count() == 1


def test_applying_for_what_a_contact_referred_asks_to_close_the_loop_with_them(alice, now):
    opportunity = referred(alice)
    assert not loop_tasks(opportunity).exists()  # a lead is not news yet
    change = services.change_stage(opportunity, Stage.APPLIED)
    task = change.task
    assert task.kind == Task.Kind.CLOSE_LOOP and task.contact == opportunity.contact
    assert "Dana Whitfield" in task.title and "applied" in task.title
    assert task.due_on == date(2026, 12, 1)  # the next business day after Monday's change
    assert not task.done


def test_a_change_while_the_note_is_open_keeps_one_note_and_says_the_news(alice):
    opportunity = referred(alice)
    services.change_stage(opportunity, Stage.APPLIED)
    services.change_stage(opportunity, Stage.INTERVIEWING)
    [task] = loop_tasks(opportunity)
    assert "interviewing" in task.title
    assert opportunity.stage_changes.filter(task=task).count() == 2


@pytest.mark.time_machine(datetime(2026, 12, 24, 15, tzinfo=UTC), tick=False)
def test_the_note_skips_the_seekers_public_holiday(alice):
    """Thursday 24 December in Germany: the note falls due on Monday 28, not Christmas Day."""
    alice.country = "DE"
    alice.save(update_fields=["country"])
    opportunity = referred(alice, stage_on=date(2026, 12, 1))
    change = services.change_stage(opportunity, Stage.APPLIED, on=date(2026, 12, 24))
    assert change.task.due_on == date(2026, 12, 28)


def test_a_note_still_open_follows_the_contact_the_opportunity_now_names(alice):
    opportunity = referred(alice)
    services.change_stage(opportunity, Stage.APPLIED)
    sam = ContactFactory(owner=alice, first_name="Sam", last_name="Ortiz")
    opportunity.contact = sam
    services.save_opportunity(opportunity)
    services.change_stage(opportunity, Stage.INTERVIEWING)
    [task] = loop_tasks(opportunity)
    assert task.contact == sam and "Sam Ortiz" in task.title


def test_saving_the_edit_form_keeps_a_salary_recorded_meanwhile(alice):
    opportunity = OpportunityFactory(owner=alice)
    stale = Opportunity.objects.get(pk=opportunity.pk)  # the edit form's copy
    opportunity.salary_raised_by, opportunity.salary_raised_on = "The recruiter", date(2026, 11, 27)
    opportunity.salary_min = 90_000
    services.record_salary(opportunity)
    stale.notes = "Second round next week."
    services.save_opportunity(stale)
    stored = Opportunity.objects.get(pk=opportunity.pk)
    assert (stored.notes, stored.salary_min) == ("Second round next week.", 90_000)


def test_once_the_note_is_sent_the_next_change_asks_again(alice):
    opportunity = referred(alice)
    first = services.change_stage(opportunity, Stage.APPLIED).task
    complete_task(first)
    second = services.change_stage(opportunity, Stage.INTERVIEWING).task
    assert second.pk != first.pk and not second.done
    # Leaving interviewing is news too: the offer.
    third = services.change_stage(opportunity, Stage.OFFER).task
    assert third == second


@pytest.mark.parametrize(
    "path", [[Stage.CLOSED], [Stage.OFFER, Stage.ACCEPTED], [Stage.OFFER, Stage.DECLINED]]
)
def test_no_note_outside_applied_and_interviewing(alice, path):
    opportunity = referred(alice)
    for stage in path:
        services.change_stage(opportunity, stage)
    assert not loop_tasks(opportunity).exists()


def test_no_note_without_a_contact(alice):
    opportunity = OpportunityFactory(owner=alice, stage=Stage.APPLIED)
    services.change_stage(opportunity, Stage.INTERVIEWING)
    assert not Task.objects.exists()


def test_recorded_as_applied_it_asks_at_once(alice):
    opportunity = referred(alice, stage=Stage.APPLIED)
    assert loop_tasks(opportunity).count() == 1


def test_deleting_it_takes_its_open_note_and_leaves_a_sent_one(alice):
    opportunity = referred(alice)
    sent = services.change_stage(opportunity, Stage.APPLIED).task
    complete_task(sent)
    services.change_stage(opportunity, Stage.INTERVIEWING)
    services.delete_opportunity(opportunity)
    assert list(Task.objects.all()) == [sent]
    assert not StageChange.objects.exists()


# --- where it came from, and whose ----------------------------------------------------------


def test_what_came_from_a_meeting_names_the_meeting(alice):
    opportunity = Opportunity(
        owner=alice, employer=EmployerFactory(owner=alice), title="Designer", source="meeting"
    )
    with pytest.raises(ValidationError) as refused:
        opportunity.full_clean(exclude=["stage_on"])
    assert "meeting" in refused.value.message_dict


def test_what_a_contact_told_names_the_contact(alice):
    opportunity = Opportunity(
        owner=alice, employer=EmployerFactory(owner=alice), title="Designer", source="contact"
    )
    with pytest.raises(ValidationError) as refused:
        opportunity.full_clean(exclude=["stage_on"])
    assert "contact" in refused.value.message_dict


def test_the_contact_is_the_one_met(alice):
    meeting = MeetingFactory(contact=ContactFactory(owner=alice))
    opportunity = Opportunity(
        owner=alice,
        employer=EmployerFactory(owner=alice),
        title="Designer",
        source="meeting",
        meeting=meeting,
        contact=ContactFactory(owner=alice),
    )
    with pytest.raises(ValidationError, match="That meeting was with"):
        opportunity.full_clean(exclude=["stage_on"])


def test_everything_it_names_is_the_seekers_own(alice, bob):
    theirs = ContactFactory(owner=bob)
    opportunity = Opportunity(
        owner=alice,
        employer=EmployerFactory(owner=bob),
        title="Designer",
        source="meeting",
        contact=theirs,
        meeting=MeetingFactory(contact=theirs),
    )
    with pytest.raises(ValidationError) as refused:
        opportunity.full_clean(exclude=["stage_on"])
    assert {"employer", "contact", "meeting"} <= set(refused.value.message_dict)


# --- salary ----------------------------------------------------------------------------------


def test_salary_figures_are_refused_before_the_employer_raises_it(alice):
    opportunity = OpportunityFactory(owner=alice)
    opportunity.salary_min = 100_000
    with pytest.raises(ValidationError, match="Salary is not a topic"):
        opportunity.full_clean()
    opportunity.salary_raised_by, opportunity.salary_raised_on = "The recruiter", date(2026, 11, 27)
    opportunity.full_clean()


def test_the_database_refuses_salary_before_it_was_raised(alice):
    opportunity = OpportunityFactory(owner=alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        Opportunity.objects.filter(pk=opportunity.pk).update(salary_currency="CAD")


def test_the_database_wants_who_raised_salary_and_when(alice):
    opportunity = OpportunityFactory(owner=alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        Opportunity.objects.filter(pk=opportunity.pk).update(salary_raised_on=date(2026, 11, 2))


# --- at the same moment -------------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_changes_posted_at_once_are_one_change_and_one_note(alice):
    opportunity = referred(alice)
    barrier = threading.Barrier(2)
    errors = []

    def move():
        try:
            barrier.wait()
            services.change_stage(Opportunity.objects.get(pk=opportunity.pk), Stage.APPLIED)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=move) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert opportunity.stage_changes.filter(stage="applied").count() == 1
    assert loop_tasks(opportunity).count() == 1
