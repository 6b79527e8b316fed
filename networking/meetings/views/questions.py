"""The question bank (SPEC §1 step 6, §5, §7 ``/questions/``)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.asks import KEY_QUESTION
from networking.meetings.forms import QuestionForm
from networking.meetings.models import Question


def _list_page(request, form, status=200):
    show_archived = request.GET.get("archived") == "1"
    category = request.GET.get("category", "")
    if show_archived:
        questions = Question.objects.owned_by(request.user).filter(archived=True)
    else:
        questions = Question.objects.bank_for(request.user).filter(is_key=False)
    if category in Question.Category.values:
        questions = questions.filter(category=category)
    page = Paginator(questions.in_bank_order(), settings.PAGE_SIZE * 2)
    page = page.get_page(request.GET.get("page"))
    return render(
        request,
        "questions/question_list.html",
        {
            "form": form,
            "key_question": KEY_QUESTION,
            "page_obj": page,
            "questions": page.object_list,
            "categories": Question.Category.choices,
            "category": category,
            "show_archived": show_archived,
            "archived_count": Question.objects.owned_by(request.user).filter(archived=True).count(),
        },
        status=status,
    )


@login_required
def question_list(request):
    return _list_page(request, QuestionForm(owner=request.user))


@login_required
@require_POST
def question_create(request):
    form = QuestionForm(request.POST, instance=Question(owner=request.user), owner=request.user)
    if not form.is_valid():
        return _list_page(request, form)
    form.save()
    messages.success(request, "Question added to your bank.")
    for warning in form.warnings:
        messages.warning(request, warning)
    return redirect("questions:list")


@login_required
def question_edit(request, pk):
    question = get_object_or_404(Question.objects.owned_by(request.user), pk=pk)
    form = QuestionForm(request.POST or None, instance=question, owner=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, "Question saved.")
        for warning in form.warnings:
            messages.warning(request, warning)
        return redirect("questions:list")
    return render(request, "questions/question_form.html", {"form": form, "question": question})


@login_required
@require_POST
def question_archive(request, pk):
    """Archive one of the seeker's own questions; the catalogue and the key question stay."""
    question = get_object_or_404(Question.objects.owned_by(request.user), pk=pk)
    question.archived = True
    question.save(update_fields=["archived"])
    messages.success(request, "Question archived: it no longer appears in your bank.")
    return redirect("questions:list")


@login_required
@require_POST
def question_restore(request, pk):
    question = get_object_or_404(Question.objects.owned_by(request.user), pk=pk)
    question.archived = False
    question.save(update_fields=["archived"])
    messages.success(request, "Question restored to your bank.")
    return redirect("questions:list")
