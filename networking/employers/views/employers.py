"""The ranked list and the employer pages (SPEC §1 step 2, §7)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from core.cascades import what_goes_with
from core.paging import Paginator
from core.pickers import MATCHES, picker_options_response, search_terms
from networking.employers import selectors, services
from networking.employers.forms import EmployerFilterForm, EmployerForm, scores_from
from networking.employers.models import Criterion, Employer
from networking.employers.scoring import explain_fit, rated_summary


@login_required
def employer_list(request):
    """SPEC §1 step 2: the seeker's employers ranked by fit, filtered and paginated."""
    owned = Employer.objects.owned_by(request.user)
    filters = EmployerFilterForm(request.GET).filters()
    ranked = selectors.filter_employers(owned.ranked(), **filters)
    page_obj = Paginator(ranked, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    work_first = list(owned.work_these_first())
    criteria_count = Criterion.objects.owned_by(request.user).count()
    rows = [
        {"employer": employer, "coverage": rated_summary(employer.rated_count, criteria_count)}
        for employer in page_obj
    ]
    return render(
        request,
        "employers/employer_list.html",
        {
            "page_obj": page_obj,
            "rows": rows,
            "rank_offset": page_obj.start_index() - 1 if rows else 0,
            "work_first": work_first,
            "work_first_ids": {employer.pk for employer in work_first},
            "criteria_count": criteria_count,
            "suggested_criteria": selectors.suggested_criteria_for(
                request.user, criteria_count=criteria_count
            ),
            "filters": filters,
            "filtering": any(filters.values()),
            "statuses": Employer.Status.choices,
            "industries": selectors.industries_of(request.user),
            "has_employers": bool(rows) or owned.exists(),
        },
    )


def _employer_form(request, employer, *, title):
    criteria = Criterion.objects.owned_by(request.user)
    data = request.POST if request.method == "POST" else None  # an empty POST is still a POST
    form = EmployerForm(data, instance=employer, owner=request.user, criteria=criteria)
    if form.is_valid():
        created = employer.pk is None
        try:
            services.save_employer(form.save(commit=False), scores=form.scores)
        except IntegrityError:  # a double submit got past clean_name at the same moment
            form.add_error("name", f"You already have an employer called “{employer.name}”.")
        else:
            messages.success(request, f"{employer.name} {'added' if created else 'saved'}.")
            return redirect(employer)
    return render(
        request,
        "employers/employer_form.html",
        {"form": form, "employer": employer, "title": title},
    )


@login_required
def employer_create(request):
    return _employer_form(request, Employer(owner=request.user), title="Add an employer")


@login_required
def employer_edit(request, pk):
    employer = get_object_or_404(Employer.objects.owned_by(request.user), pk=pk)
    return _employer_form(request, employer, title=f"Edit {employer.name}")


@login_required
@require_GET
def employer_pick(request):
    """A picker's search (htmx): up to MATCHES of the seeker's employers, as options."""
    query = search_terms(request)
    matches = selectors.employers_matching(request.user, query, MATCHES + 1)
    return picker_options_response(request, matches, label=str, query=query)


@login_required
@require_POST
def fit_preview(request):
    """The score as the seeker rates, computed by the one formula on the server (htmx)."""
    criteria = list(Criterion.objects.owned_by(request.user))
    fit = explain_fit(criteria, scores_from(request.POST, criteria))
    return render(request, "employers/_fit_preview.html", {"fit": fit})


@login_required
def employer_detail(request, pk):
    """SPEC §1 steps 2–3: the score explained, the contacts with their advice."""
    employer = get_object_or_404(Employer.objects.owned_by(request.user), pk=pk)
    page = selectors.employer_page(employer, request.user)
    return render(request, "employers/employer_detail.html", {"page": page, "employer": employer})


@login_required
def employer_delete(request, pk):
    """Confirms on GET with what goes along (contacts, their outreach, meetings); POST deletes."""
    employer = get_object_or_404(Employer.objects.owned_by(request.user), pk=pk)
    if request.method == "POST":
        name = employer.name
        employer.delete()
        messages.success(request, f"{name} deleted.")
        return redirect("employers:list")
    return render(
        request,
        "employers/employer_confirm_delete.html",
        {"employer": employer, "goes_with": what_goes_with(employer)},
    )
