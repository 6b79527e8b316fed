"""Booking and managing meetings (SPEC §1 step 5, §5, §7)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.countries import in_country
from core.date_window import DATETIME_LOCAL
from core.paging import Paginator
from networking.contacts.models import Contact
from networking.meetings import selectors, services
from networking.meetings.calendar import meeting_ics
from networking.meetings.forms import MeetingForm, PastMeetingForm
from networking.meetings.models import Meeting
from networking.meetings.scheduling import LENGTH_REFUSAL, LengthVerdict, judge_length


@login_required
def meeting_list(request):
    tab = request.GET.get("tab", "upcoming")
    if tab not in selectors.TABS:
        tab = "upcoming"
    page = Paginator(selectors.meeting_list(request.user, tab), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    counts = selectors.tab_counts(request.user)
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "tab": tab,
            "tabs": [(key, label, counts[key]) for key, (label, _) in selectors.TABS.items()],
            "counts": counts,
            "page_obj": page,
            "meetings": page.object_list,
            "tasks": selectors.open_tasks(request.user),
            "today": selectors.today_for(request.user),
        },
    )


def _warn_about_length(request, meeting):
    if meeting.length_warning:
        messages.warning(request, meeting.length_warning)


def _saved(form) -> bool:
    """Save the booking; a time taken meanwhile (two bookings at once) becomes a form error."""
    try:
        services.save_meeting(form.save(commit=False))
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


def _preset_contact(request) -> dict:
    """``?contact=<id>`` (from a contact's page) chooses the contact, if it is the seeker's."""
    preset = request.GET.get("contact")
    if preset and preset.isdigit():
        contact = Contact.objects.owned_by(request.user).filter(pk=preset).first()
        if contact:
            return {"contact": contact}
    return {}


@login_required
def meeting_log_past(request):
    """A meeting that already took place, logged and then debriefed at once (SPEC §1 step 8)."""
    meeting = Meeting(owner=request.user)
    form = PastMeetingForm(
        request.POST or None, instance=meeting, owner=request.user, initial=_preset_contact(request)
    )
    if form.is_valid() and _saved(form):
        messages.success(request, f"Meeting with {meeting.contact} logged. Now debrief it.")
        return redirect("meetings:debrief", meeting.pk)
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "past": True, "hint": _form_hint(request, form)},
    )


@login_required
def meeting_create(request):
    initial = _preset_contact(request)
    meeting = Meeting(owner=request.user)
    form = MeetingForm(request.POST or None, instance=meeting, owner=request.user, initial=initial)
    if form.is_valid() and _saved(form):
        messages.success(request, f"Meeting with {meeting.contact} booked. Now prepare it.")
        _warn_about_length(request, meeting)
        return redirect(meeting)
    return render(
        request, "meetings/meeting_form.html", {"form": form, "hint": _form_hint(request, form)}
    )


@login_required
def meeting_detail(request, pk):
    meeting = get_object_or_404(selectors.meeting_detail(request.user), pk=pk)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "agenda": meeting.agenda(),
            "tasks": meeting.tasks.select_related("contact"),
            "referrals": meeting.referred_contacts.select_related("employer"),
            "today": selectors.today_for(request.user),
        },
    )


@login_required
def meeting_edit(request, pk):
    meeting = get_object_or_404(selectors.meeting_detail(request.user), pk=pk)
    form = MeetingForm(request.POST or None, instance=meeting, owner=request.user)
    if form.is_valid() and _saved(form):
        messages.success(request, "Meeting saved.")
        _warn_about_length(request, meeting)
        return redirect(meeting)
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "meeting": meeting, "hint": _form_hint(request, form)},
    )


@login_required
def meeting_cancel(request, pk):
    meeting = get_object_or_404(selectors.meeting_detail(request.user), pk=pk)
    if not meeting.can_be_cancelled:
        messages.info(
            request, f"A {meeting.get_status_display().lower()} meeting cannot be cancelled."
        )
        return redirect(meeting)
    if request.method == "POST":
        services.cancel_meeting(meeting)
        messages.success(request, f"Meeting with {meeting.contact} cancelled.")
        return redirect(meeting)
    return render(
        request, "meetings/meeting_confirm.html", {"meeting": meeting, "action": "cancel"}
    )


@login_required
def meeting_delete(request, pk):
    meeting = get_object_or_404(selectors.meeting_detail(request.user), pk=pk)
    if request.method == "POST":
        services.delete_meeting(meeting)
        messages.success(request, f"Meeting with {meeting.contact} deleted.")
        return redirect("meetings:list")
    return render(
        request, "meetings/meeting_confirm.html", {"meeting": meeting, "action": "delete"}
    )


@login_required
@require_GET
def meeting_calendar(request, pk):
    meeting = get_object_or_404(selectors.meeting_detail(request.user), pk=pk)
    if not meeting.belongs_in_a_calendar:
        messages.info(request, "This meeting is over: there is nothing to add to a calendar.")
        return redirect(meeting)
    url = request.build_absolute_uri(reverse("meetings:run", args=[meeting.pk]))
    response = HttpResponse(meeting_ics(meeting, url), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


def _hint(user, contact_id, starts_at, minutes) -> dict:
    """What the booking form says beside the time: the contact's clock, and whether it fits."""
    contact_id = str(contact_id or "")
    if not contact_id.isdigit():
        return {}
    contact = Contact.objects.owned_by(user).select_related("owner").filter(pk=contact_id).first()
    if contact is None:
        return {}
    try:
        starts_at = MeetingForm.base_fields["starts_at"].clean(starts_at or "")
        minutes = int(minutes or 20)
    except ValidationError as error:
        # A year typed wrong says so as it is typed; an empty or half-typed time says nothing.
        if any(e.code == "out_of_window" for e in error.error_list):
            return {"contact": contact, "problem": " ".join(error.messages)}
        return {"contact": contact}
    except ValueError:
        return {"contact": contact}
    context = {"contact": contact, "starts_at": starts_at, "minutes": minutes}
    if judge_length(minutes) is LengthVerdict.INVALID:
        context["problem"] = LENGTH_REFUSAL
        return context
    probe = Meeting(contact=contact, starts_at=starts_at, duration_minutes=minutes)
    context.update(
        local_start=probe.contact_local_start(),
        local_end=probe.contact_local_end(),
        zones_differ=contact.timezone != user.timezone,
        problem=probe.hours_problem(),
        length_warning=probe.length_warning,
        holidays_of=in_country(contact.country) if contact.country else "",
    )
    return context


def _form_hint(request, form) -> dict:
    if form.is_bound:
        data = form.data
        hint = _hint(
            request.user, data.get("contact"), data.get("starts_at"), data.get("duration_minutes")
        )
        # A problem the form already shows under its field is said once, there.
        shown = [*form.errors.get("starts_at", []), *form.errors.get("duration_minutes", [])]
        hint["hide_problem"] = hint.get("problem") in shown
        return hint
    meeting = form.instance
    if meeting.pk is None:
        return {}
    starts_at = timezone.localtime(meeting.starts_at).strftime(DATETIME_LOCAL)
    return _hint(request.user, meeting.contact_id, starts_at, meeting.duration_minutes)


@login_required
@require_GET
def local_time(request):
    """The booking form's live hint (htmx), recomputed as the seeker types."""
    get = request.GET
    context = _hint(
        request.user, get.get("contact"), get.get("starts_at"), get.get("duration_minutes")
    )
    return render(request, "meetings/_local_time.html", context)
