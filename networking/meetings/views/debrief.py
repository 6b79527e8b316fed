"""The debrief and the tasks that follow it (SPEC §1 step 8)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.date_window import local_day
from core.due import when_due
from core.http import redirect_back
from networking.contacts.cadence import thank_you_due_on
from networking.meetings import selectors, services
from networking.meetings.debrief_forms import (
    AnswerFormSet,
    DebriefForm,
    ReferralFormSet,
    names_in,
)
from networking.meetings.models import Task


@login_required
def meeting_debrief(request, pk):
    meeting = get_object_or_404(selectors.meeting_detail(request.user), pk=pk)
    if not meeting.can_be_debriefed:
        if meeting.status == meeting.Status.DEBRIEFED:
            messages.info(request, services.ALREADY_DEBRIEFED)
        else:
            messages.info(request, "Debrief a meeting once it has taken place.")
        return redirect(meeting)
    data = request.POST or None
    # The notes typed on the run sheet during the meeting are where the debrief starts.
    initial = {
        "actual_minutes": meeting.duration_minutes,
        "notes": meeting.notes or meeting.run_notes,
    }
    form = DebriefForm(data, instance=meeting, initial=initial)
    answers = AnswerFormSet(data, queryset=meeting.agenda_items.all(), prefix="answers")
    referrals = ReferralFormSet(
        data, owner=request.user, referrer=meeting.contact, prefix="referrals"
    )
    if data is not None and form.is_valid() and answers.is_valid() and referrals.is_valid():
        try:
            result = services.record_debrief(
                form.save(commit=False),
                answers=[answer.instance for answer in answers.forms if answer.instance.pk],
                referrals=referrals.referrals(),
            )
        except services.AlreadyDebriefed:
            # Another request debriefed it first (a double click, a second tab): show its debrief.
            messages.info(request, services.ALREADY_DEBRIEFED)
            return redirect(meeting)
        except ValidationError as error:
            # Nothing was saved (one transaction); say why and keep what was typed.
            meeting.status = meeting.stored("status")
            form.add_error(None, error.messages)
            return _debrief_page(request, meeting, form, answers, referrals)
        count = len(result.referrals)
        messages.success(
            request,
            f"Debrief saved. {count} referral{'s' if count != 1 else ''} added to your contacts; "
            f"{_thank_you_said(result, request.user)}.",
        )
        return redirect(meeting)
    return _debrief_page(request, meeting, form, answers, referrals)


def _thank_you_said(result, user) -> str:
    """The thank-you as its task says it: ``your thank-you is overdue: send it today``."""
    task = next(task for task in result.tasks if task.kind == Task.Kind.THANK_YOU)
    if task.done:
        sent = local_day(task.done_at, user.zone)
        return f"your thank-you is logged already ({sent:%a} {sent.day} {sent:%b})"
    return f"your thank-you is {when_due(task.due_on, selectors.today_for(user))}"


def _names_in_notes(meeting) -> list[tuple[str, str]]:
    """Names in the run sheet's notes, but the contact's and their referrals' own (read only
    when there are notes)."""
    if not meeting.run_notes:
        return []
    contact = meeting.contact
    known = contact.referrals.only("first_name", "last_name", "referred_by")
    names = {contact.full_name.lower(), *(person.full_name.lower() for person in known)}
    return names_in(meeting.run_notes, known=names)


def _debrief_page(request, meeting, form, answers, referrals):
    return render(
        request,
        "meetings/meeting_debrief.html",
        {
            "meeting": meeting,
            "form": form,
            "answers": answers,
            "referrals": referrals,
            # Names written in the run sheet's notes, offered as the people they recommended.
            "suggested_names": _names_in_notes(meeting),
            # As the task will say it once saved (the one rule, the one wording).
            "thank_you_when": when_due(
                thank_you_due_on(meeting.starts_at, meeting.contact.zone, request.user.country),
                selectors.today_for(request.user),
            ),
        },
    )


@login_required
@require_POST
def task_done(request, pk):
    task = get_object_or_404(Task.objects.owned_by(request.user).select_related("contact"), pk=pk)
    services.complete_task(task)
    messages.success(request, f"Done: {task.title}.")
    return redirect_back(request, task.meeting or "meetings:list")
