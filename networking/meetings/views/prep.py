"""Preparing a meeting and running it (SPEC §1 steps 6–7)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from core.asks import KEY_QUESTION
from core.models import ValueStatement
from networking.contacts.models import Contact
from networking.meetings import selectors, services
from networking.meetings.forms import AgendaQuestionForm, PickQuestionForm, PrepForm
from networking.meetings.models import RUN_NOTES_MAX, AgendaItem, Meeting, Question


def _agenda_url(meeting):
    return reverse("meetings:prep", args=[meeting.pk]) + "#agenda"


def _prep_page(request, meeting, *, form=None, own_form=None, status=200):
    picked = {item.question_id for item in meeting.agenda_items.all()}
    bank = [
        question
        for question in Question.objects.pickable_for(request.user)
        if question.pk not in picked
    ]
    categories = [
        (label, [q for q in bank if q.category == value])
        for value, label in Question.Category.choices
    ]
    return render(
        request,
        "meetings/meeting_prep.html",
        {
            "meeting": meeting,
            "agenda": meeting.agenda(),
            "agenda_last_item": ([None, *meeting.agenda_items.all()])[-1],
            "form": form or PrepForm(instance=meeting, owner=request.user),
            "own_form": own_form or AgendaQuestionForm(),
            "categories": [(label, questions) for label, questions in categories if questions],
            "has_values": ValueStatement.objects.owned_by(request.user).exists(),
        },
        status=status,
    )


@login_required
@require_GET
def prepare_next(request, contact_pk):
    """A contact's next meeting, to prepare: where the contact's "Prepare the meeting" leads
    (the contact page and the contact list name the contact, not the meeting). Another seeker's
    contact is a 404; a contact with no meeting ahead goes to their meetings panel."""
    contact = get_object_or_404(Contact.objects.owned_by(request.user), pk=contact_pk)
    meeting = selectors.upcoming_meetings(request.user).filter(contact=contact).first()
    if meeting is None:
        return redirect(contact.get_absolute_url() + "#contact-meetings")
    return redirect("meetings:prep", meeting.pk)


@login_required
def meeting_prep(request, pk):
    meeting = get_object_or_404(selectors.meeting_detail(request.user), pk=pk)
    if request.method == "POST":
        form = PrepForm(request.POST, instance=meeting, owner=request.user)
        if form.is_valid():
            form.save()
            messages.success(request, "Preparation saved.")
            return redirect(meeting)
        return _prep_page(request, meeting, form=form)
    return _prep_page(request, meeting)


@login_required
@require_POST
def agenda_pick(request, pk):
    meeting = get_object_or_404(Meeting.objects.owned_by(request.user), pk=pk)
    form = PickQuestionForm(request.POST, owner=request.user)
    if form.is_valid():
        services.add_bank_question(meeting, form.cleaned_data["question"])
    else:
        messages.error(request, "That question is not in your bank.")
    return redirect(_agenda_url(meeting))


@login_required
@require_POST
def agenda_write(request, pk):
    meeting = get_object_or_404(selectors.meeting_detail(request.user), pk=pk)
    form = AgendaQuestionForm(request.POST, instance=AgendaItem(meeting=meeting))
    if not form.is_valid():
        return _prep_page(request, meeting, own_form=form)
    services.add_own_question(form.save(commit=False))
    for warning in form.warnings:
        messages.warning(request, warning)
    return redirect(_agenda_url(meeting))


def _owned_item(request, pk, item_pk):
    return get_object_or_404(
        AgendaItem.objects.filter(meeting__owner=request.user, meeting_id=pk),
        pk=item_pk,
    )


@login_required
@require_POST
def agenda_move(request, pk, item_pk):
    item = _owned_item(request, pk, item_pk)
    services.move_agenda_item(item, "up" if request.POST.get("direction") == "up" else "down")
    return redirect(_agenda_url(item.meeting))


@login_required
@require_POST
def agenda_remove(request, pk, item_pk):
    item = _owned_item(request, pk, item_pk)
    meeting = item.meeting
    item.delete()
    return redirect(_agenda_url(meeting))


@login_required
@require_POST
def run_notes_save(request, pk):
    """The run sheet's notes box, saved as the seeker types (its page's script posts it, and
    posts again what it kept on the phone while offline). Answers "Saved.", or 400 with why."""
    meeting = get_object_or_404(Meeting.objects.owned_by(request.user), pk=pk)
    text = request.POST.get("run_notes")
    if text is None:
        return HttpResponseBadRequest("No notes sent.", content_type="text/plain; charset=utf-8")
    if len(text) > RUN_NOTES_MAX:
        return HttpResponseBadRequest(
            f"Notes are kept up to {RUN_NOTES_MAX:,} characters.",
            content_type="text/plain; charset=utf-8",
        )
    services.save_run_notes(meeting, text)
    return HttpResponse("Saved.", content_type="text/plain; charset=utf-8")


@login_required
def meeting_run(request, pk):
    meeting = get_object_or_404(selectors.meeting_detail(request.user), pk=pk)
    return render(
        request,
        "meetings/meeting_run.html",
        {
            "meeting": meeting,
            "agenda": meeting.agenda(),
            "phases": meeting.phases(),
            "key_question": KEY_QUESTION,
            "run_notes_max": RUN_NOTES_MAX,
        },
    )
