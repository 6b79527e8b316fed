"""The criteria page: add, edit, reorder and delete on one page (SPEC §1 step 2)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from networking.employers import selectors, services
from networking.employers.forms import CriterionForm
from networking.employers.models import Criterion

NEW_PREFIX = "new"


def _row_prefix(criterion) -> str:
    return f"criterion-{criterion.pk}"


def _criteria_page(request, *, add_form=None, bound=None, status=200):
    """The page, with one form per criterion; ``bound`` is a row form that failed."""
    criteria = list(
        Criterion.objects.owned_by(request.user)
        .annotate(rating_count=Count("ratings"))
        .order_by("position", "id")  # Meta.ordering does not apply to a grouped query
    )
    rows = []
    for criterion in criteria:
        form = bound if bound is not None and bound.instance.pk == criterion.pk else None
        rows.append(
            {
                "criterion": criterion,
                "form": form
                or CriterionForm(
                    instance=criterion, owner=request.user, prefix=_row_prefix(criterion)
                ),
            }
        )
    add_form = add_form or CriterionForm(owner=request.user, prefix=NEW_PREFIX)
    return render(
        request,
        "employers/criteria.html",
        {
            "rows": rows,
            "add_form": add_form,
            "total_weight": sum(criterion.weight for criterion in criteria),
            "suggested_criteria": selectors.suggested_criteria_for(
                request.user, criteria_count=len(criteria)
            ),
        },
        status=status,
    )


def _back_to_the_page(request):
    """After a change: a redirect for a plain form; for htmx the page itself, whose rows
    it swaps in place, so a seeker can edit row after row without a reload."""
    if request.htmx:
        return _criteria_page(request)
    return redirect("employers:criteria")


def _saved(form) -> bool:
    """Save a valid criterion form; a name taken at the same moment (a double submit)
    becomes the same friendly error as one taken before."""
    if not form.is_valid():
        return False
    try:
        with transaction.atomic():
            services.save_criterion(form.save(commit=False))
    except IntegrityError:
        form.add_error("name", f"You already have a criterion called “{form.instance.name}”.")
        return False
    return True


@login_required
def criteria(request):
    """GET shows the criteria (and, to a new seeker, three suggestions); POST adds one at the
    end of the list."""
    if request.method == "POST":
        criterion = Criterion(owner=request.user, position=services.next_position(request.user))
        form = CriterionForm(
            request.POST, instance=criterion, owner=request.user, prefix=NEW_PREFIX
        )
        if _saved(form):
            messages.success(request, f"“{criterion.name}” added.")
            return redirect("employers:criteria")
        return _criteria_page(request, add_form=form)
    return _criteria_page(request)


@login_required
@require_POST
def criteria_suggested(request):
    """A new seeker takes the three suggested criteria, once (SPEC §1 step 2)."""
    if services.add_suggested_criteria(owner=request.user):
        messages.success(
            request, "We started your criteria with three suggestions. Change them to fit you."
        )
    return redirect("employers:criteria")


@login_required
@require_POST
def criterion_edit(request, pk):
    criterion = get_object_or_404(Criterion.objects.owned_by(request.user), pk=pk)
    form = CriterionForm(
        request.POST, instance=criterion, owner=request.user, prefix=_row_prefix(criterion)
    )
    if _saved(form):
        messages.success(request, f"“{criterion.name}” saved.")
        return _back_to_the_page(request)
    return _criteria_page(request, bound=form)


@login_required
@require_POST
def criterion_move(request, pk):
    criterion = get_object_or_404(Criterion.objects.owned_by(request.user), pk=pk)
    direction = request.POST.get("direction")
    if direction in {"up", "down"}:
        services.move_criterion(criterion, direction)
    return _back_to_the_page(request)


@login_required
def criterion_delete(request, pk):
    """Confirms on GET with the number of ratings that go with it; POST deletes."""
    criterion = get_object_or_404(Criterion.objects.owned_by(request.user), pk=pk)
    if request.method == "POST":
        services.delete_criterion(criterion)
        messages.success(request, f"“{criterion.name}” deleted.")
        return redirect("employers:criteria")
    return render(
        request,
        "employers/criterion_confirm_delete.html",
        {"criterion": criterion, "rating_count": criterion.ratings.count()},
    )
