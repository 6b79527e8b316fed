"""Writes of opportunities (SPEC §6b), each one transaction.

A stage changes only here, under the opportunity's row lock: the history gains a dated row,
the stored stage follows, and the contact it came from gets a "close the loop" task while
it is applied or interviewing (one open at a time).
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from core.business_days import next_business_day
from networking.meetings.models import Task
from networking.opportunities.models import (
    LOOP_STAGES,
    Opportunity,
    Stage,
    StageChange,
    stage_refusal,
)

# What the edit form changes on a saved opportunity (its stage goes through ``_move``; the
# salary through ``record_salary``).
EDITED = ("employer", "title", "url", "source", "contact", "meeting", "notes")


def create_opportunity(opportunity: Opportunity, *, on: date | None = None) -> StageChange:
    """Save a new opportunity and date its first stage (the history starts there); returns
    that first ``StageChange`` (with its close-the-loop ``task``, if it asked for one)."""
    with transaction.atomic():
        opportunity.stage_on = on or opportunity.owner.today()
        opportunity.save()
        change = StageChange.objects.create(
            opportunity=opportunity, stage=opportunity.stage, on=opportunity.stage_on
        )
        _close_the_loop(opportunity, change, previous="")
    return change


def save_opportunity(opportunity: Opportunity, *, on: date | None = None) -> StageChange | None:
    """Save an edited opportunity; a new stage on it is a stage change (``change_stage``)."""
    with transaction.atomic():
        stored = Opportunity.objects.select_for_update().only("stage", "stage_on")
        stored = stored.get(pk=opportunity.pk)
        wanted = opportunity.stage
        opportunity.stage, opportunity.stage_on = stored.stage, stored.stage_on
        # What the edit form sets, not the salary read before the lock (its own form saves it).
        opportunity.save(update_fields=[*EDITED, "updated_at"])
        if wanted == stored.stage:
            return None
        return _move(opportunity, wanted, on)


def change_stage(opportunity: Opportunity, stage: str, *, on: date | None = None):
    """SPEC §6b: move an opportunity to ``stage`` on the day ``on`` (the seeker's today).

    Under the opportunity's row lock, read again: a second post of the same change (a double
    click, two tabs) finds it done and changes nothing (``None``). Only an offer is accepted
    or declined, and a change is not dated before the stage it leaves began: a
    ``ValidationError`` says so. Returns the ``StageChange``.
    """
    with transaction.atomic():
        locked = (
            Opportunity.objects.select_for_update(of=("self",))
            .select_related("owner", "employer", "contact")
            .get(pk=opportunity.pk)
        )
        if locked.stage == stage:
            opportunity.stage, opportunity.stage_on = locked.stage, locked.stage_on
            return None
        change = _move(locked, stage, on)
        opportunity.stage, opportunity.stage_on = locked.stage, locked.stage_on
        return change


def _move(opportunity: Opportunity, stage: str, on: date | None) -> StageChange:
    previous = opportunity.stage
    refusal = stage_refusal(previous, stage)
    if refusal:
        raise ValidationError({"stage": refusal})
    on = on or opportunity.owner.today()
    if on < opportunity.stage_on:
        raise ValidationError(
            {
                "on": f"It became {Stage(previous).label.lower()} on "
                f"{opportunity.stage_on.day} {opportunity.stage_on:%b %Y}: date the change "
                "on or after that."
            }
        )
    opportunity.stage, opportunity.stage_on = stage, on
    opportunity.save(update_fields=["stage", "stage_on", "updated_at"])
    change = StageChange.objects.create(
        opportunity=opportunity, from_stage=previous, stage=stage, on=on
    )
    _close_the_loop(opportunity, change, previous=previous)
    return change


def _close_the_loop(opportunity: Opportunity, change: StageChange, *, previous: str) -> None:
    """SPEC §6b: a change of an opportunity a contact referred, while it is applied or
    interviewing (or into either), asks the seeker to tell that contact how it goes.

    One open close-the-loop task per opportunity: a change while one is open renames it and
    keeps its date; the caller holds the opportunity's row lock, so two changes at once
    cannot both create one.
    """
    contact = opportunity.contact
    if contact is None or (previous not in LOOP_STAGES and change.stage not in LOOP_STAGES):
        return
    title = (
        f"Close the loop: tell {contact.full_name} your {opportunity.title} application at "
        f"{opportunity.employer.name} is {Stage(change.stage).label.lower()}"
    )[:200]
    task = (
        Task.objects.filter(stage_changes__opportunity=opportunity, done=False)
        .order_by("pk")
        .first()
    )
    if task is None:
        task = Task.objects.create(
            contact=contact,
            meeting=opportunity.meeting,
            kind=Task.Kind.CLOSE_LOOP,
            title=title,
            # The seeker's own note: due the next of their business days, as a thank-you is.
            due_on=next_business_day(change.on, opportunity.owner.country),
        )
    else:
        # Renamed, and for the contact the opportunity now names (it may have been edited).
        task.title, task.contact, task.meeting = title, contact, opportunity.meeting
        task.save(update_fields=["title", "contact", "meeting"])
    change.task = task
    change.save(update_fields=["task"])


@transaction.atomic
def record_salary(opportunity: Opportunity) -> Opportunity:
    """Save what the salary form set; the model's rule (and the database) refuse figures kept
    before the employer raised salary."""
    opportunity.full_clean()
    opportunity.save()
    return opportunity


@transaction.atomic
def delete_opportunity(opportunity: Opportunity) -> None:
    """Delete an opportunity and its history; its open close-the-loop task goes with it (a
    done one stays, it is a note the contact received)."""
    Task.objects.filter(stage_changes__opportunity=opportunity, done=False).delete()
    opportunity.delete()
