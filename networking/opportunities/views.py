"""Opportunities (SPEC §6b, §7): the board and the list, the pages of one, the CSV."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from core.due import when_due
from core.paging import Paginator
from networking.opportunities import csv_export, selectors, services
from networking.opportunities.forms import OpportunityForm, SalaryForm, StageForm
from networking.opportunities.models import LOOP_STAGES, Opportunity, Stage


@login_required
def opportunity_list(request):
    """The board by stage (columns that stack on a phone), or the list (``?view=list``)."""
    view = "list" if request.GET.get("view") == "list" else "board"
    context = {"view": view, "stages": Stage.choices}
    if view == "list":
        stage = request.GET.get("stage", "")
        page = Paginator(selectors.opportunity_list(request.user, stage), settings.PAGE_SIZE)
        page_obj = page.get_page(request.GET.get("page"))
        context.update(
            page_obj=page_obj,
            opportunities=page_obj.object_list,
            stage=stage if stage in Stage.values else "",
            has_any=bool(page_obj.object_list)
            or Opportunity.objects.owned_by(request.user).exists(),
        )
    else:
        columns = selectors.board(request.user)
        context.update(columns=columns, has_any=any(column.total for column in columns))
    return render(request, "opportunities/opportunity_list.html", context)


@login_required
def opportunity_create(request):
    opportunity = Opportunity(owner=request.user)
    form = OpportunityForm(request.POST or None, instance=opportunity, owner=request.user)
    if request.method != "POST":
        form.initial_from(request.GET)
    if form.is_valid():
        change = services.create_opportunity(form.save(commit=False))
        stage = opportunity.get_stage_display().lower()
        messages.success(request, f"{opportunity} recorded, as {stage}.")
        _say_the_loop(request, change)
        return redirect(opportunity)
    return render(request, "opportunities/opportunity_form.html", {"form": form})


@login_required
def opportunity_detail(request, pk):
    opportunity = get_object_or_404(selectors.opportunity_detail(request.user), pk=pk)
    return _detail_page(request, opportunity)


def _detail_page(request, opportunity, *, stage_form=None, salary_form=None, status=200):
    today = request.user.today()
    return render(
        request,
        "opportunities/opportunity_detail.html",
        {
            "opportunity": opportunity,
            "history": selectors.history(opportunity),
            "loop_task": selectors.open_loop_task(opportunity),
            "loop_stages": LOOP_STAGES,
            "stage_form": stage_form or StageForm(opportunity=opportunity, today=today),
            "salary_form": salary_form or SalaryForm(instance=opportunity, today=today),
            "today": today,
        },
        status=status,
    )


@login_required
def opportunity_edit(request, pk):
    opportunity = get_object_or_404(selectors.opportunity_detail(request.user), pk=pk)
    form = OpportunityForm(request.POST or None, instance=opportunity, owner=request.user)
    if form.is_valid():
        try:
            change = services.save_opportunity(form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, f"{opportunity} saved.")
            _say_the_loop(request, change)
            return redirect(opportunity)
    return render(
        request, "opportunities/opportunity_form.html", {"form": form, "opportunity": opportunity}
    )


@login_required
@require_POST
def opportunity_stage(request, pk):
    """Move the opportunity on, dated; the form again with its errors when it cannot."""
    opportunity = get_object_or_404(selectors.opportunity_detail(request.user), pk=pk)
    form = StageForm(request.POST, opportunity=opportunity, today=request.user.today())
    if form.is_valid():
        try:
            change = services.change_stage(
                opportunity, form.cleaned_data["stage"], on=form.cleaned_data["on"]
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            if change is not None:
                messages.success(
                    request, f"{opportunity.title}: {opportunity.get_stage_display().lower()}."
                )
                _say_the_loop(request, change)
            return redirect(opportunity)
    return _detail_page(request, opportunity, stage_form=form)


@login_required
@require_POST
def opportunity_salary(request, pk):
    """SPEC §6b: record that the employer raised salary, then keep its figures."""
    opportunity = get_object_or_404(selectors.opportunity_detail(request.user), pk=pk)
    form = SalaryForm(request.POST, instance=opportunity, today=request.user.today())
    if form.is_valid():
        was_open = form.was_open
        services.record_salary(form.save(commit=False))
        messages.success(
            request,
            "Salary saved."
            if was_open
            else "Noted: the employer raised salary. You can keep the figures now.",
        )
        return redirect(opportunity)
    opportunity.refresh_from_db()
    return _detail_page(request, opportunity, salary_form=form)


@login_required
def opportunity_delete(request, pk):
    opportunity = get_object_or_404(selectors.opportunity_detail(request.user), pk=pk)
    if request.method == "POST":
        name = str(opportunity)
        services.delete_opportunity(opportunity)
        messages.success(request, f"{name} deleted.")
        return redirect("opportunities:list")
    return render(
        request,
        "opportunities/opportunity_confirm_delete.html",
        {"opportunity": opportunity, "history_count": opportunity.stage_changes.count()},
    )


@login_required
@require_GET
def opportunity_export(request):
    """Every opportunity of the seeker's as CSV, streamed, safe in a spreadsheet."""
    filename = f"schmooze-opportunities-{timezone.localdate():%Y-%m-%d}.csv"
    return csv_export.streaming_response(Opportunity.objects.owned_by(request.user), filename)


def _say_the_loop(request, change):
    """The etiquette, said when a stage change asked for a close-the-loop note."""
    if change is None or change.task is None:
        return
    task = change.task
    messages.info(
        request,
        f"Close the loop with {task.contact.full_name}: thank them and tell them how it goes "
        f"(on your list, {when_due(task.due_on, request.user.today())}). Don't ask them for "
        "the job itself: they opened the door, your application does the asking.",
    )
