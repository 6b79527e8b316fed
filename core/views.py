from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.coaching import CoachAssignment, CoachingNote, RecordView
from core.forms import CoachInviteForm, ProfileForm, SignupForm, ValueStatementForm
from core.http import redirect_back
from core.invitations import CoachInvitation, invite_coach, withdraw_invitation
from core.ladder import rungs
from core.models import EMAIL_TAKEN, ValueStatement
from core.reminders import renew_calendar_token


def landing(request):
    if request.user.is_authenticated:
        return redirect("dashboard")
    return render(request, "core/landing.html")


def signup(request):
    if request.user.is_authenticated:
        return redirect("dashboard")
    form = SignupForm(request.POST or None)
    if form.is_valid():
        try:
            with transaction.atomic():
                user = form.save()
        except IntegrityError:  # the same email signed up at the same moment (a double submit)
            form.add_error("email", EMAIL_TAKEN)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, "Welcome to Schmooze! Start by telling us the role you want.")
            return redirect("dashboard")
    return render(request, "registration/signup.html", {"form": form})


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, "Profile saved.")
        # On to the next of the first steps still to take (the profile again once all are).
        return redirect(reverse("next_first_step") + "?after=profile")
    return _profile_page(request, form, CoachInviteForm())


def _profile_page(request, form, invite_form):
    return render(
        request,
        "core/profile.html",
        {
            "form": form,
            "invite_form": invite_form,
            "invitations": CoachInvitation.objects.filter(seeker=request.user).pending(),
            "rungs": rungs(request.user.target_level),
            "value_form": ValueStatementForm(),
            "value_statements": ValueStatement.objects.owned_by(request.user),
            "coach_assignments": CoachAssignment.objects.active()
            .filter(client=request.user)
            .select_related("coach"),
            "calendar_url": request.build_absolute_uri(
                reverse("calendar_feed", args=[request.user.calendar_token])
            ),
        },
    )


@login_required
@require_POST
def calendar_link_renew(request):
    """A new calendar address for the signed-in seeker; the old one stops working at once."""
    renew_calendar_token(request.user)
    messages.success(
        request,
        "Your calendar has a new address. Subscribe to it again: the old one no longer works.",
    )
    return redirect(f"{reverse('profile')}#calendar-h")


@login_required
@require_POST
def coach_access_end(request, pk):
    """SPEC §2: the seeker ends a coach's access to their data, at once.

    A second click (a double submit, or the button on a page left open) finds the access
    already ended and says so rather than answering 404.
    """
    assignment = get_object_or_404(
        CoachAssignment.objects.filter(client=request.user).select_related("coach"), pk=pk
    )
    if assignment.is_active:
        assignment.ended_at = timezone.now()
        assignment.ended_by_client = True
        assignment.save(update_fields=["ended_at", "ended_by_client"])
    messages.success(request, f"{assignment.coach} can no longer see your data.")
    return redirect("profile")


@login_required
@require_POST
def coach_invite(request):
    """SPEC §2: the seeker invites a coach by email; access starts when the coach accepts."""
    invite_form = CoachInviteForm(request.POST)
    if invite_form.is_valid():
        try:
            invitation = invite_coach(
                request.user,
                invite_form.cleaned_data["email"],
                accept_url=lambda token: request.build_absolute_uri(
                    reverse("admin:invitation_link", args=[token])
                ),
            )
        except ValidationError as error:
            invite_form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Invitation sent to {invitation.email}. Their access starts when they accept.",
            )
            return redirect(f"{reverse('profile')}#coaches-h")
    return _profile_page(request, ProfileForm(instance=request.user), invite_form)


@login_required
@require_POST
def coach_invitation_withdraw(request, pk):
    invitation = get_object_or_404(CoachInvitation.objects.filter(seeker=request.user), pk=pk)
    withdraw_invitation(invitation)
    messages.success(request, f"Invitation to {invitation.email} withdrawn.")
    return redirect(f"{reverse('profile')}#coaches-h")


@login_required
@require_POST
def coaching_note_read(request, pk):
    """The seeker marks a note from their coach read; the coach sees it. Read twice, it keeps
    the first time. Back to the page it was marked on."""
    note = get_object_or_404(CoachingNote.objects.for_client(request.user), pk=pk)
    CoachingNote.objects.filter(pk=note.pk, read_at__isnull=True).update(read_at=timezone.now())
    return redirect_back(request, "dashboard")


@login_required
def coach_access_log(request):
    """SPEC §2: every record of the seeker's that a coach opened: who, what, when."""
    views = RecordView.objects.filter(client=request.user).select_related("coach")
    page = Paginator(views, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/coach_access_log.html", {"page_obj": page})


@login_required
def value_statement_create(request):
    statement = ValueStatement(owner=request.user)
    form = ValueStatementForm(request.POST or None, instance=statement)
    if form.is_valid():
        form.save()
        messages.success(request, "Value statement added.")
        return redirect("profile")
    return render(request, "core/value_statement_form.html", {"form": form})


@login_required
def value_statement_edit(request, pk):
    statement = get_object_or_404(ValueStatement.objects.owned_by(request.user), pk=pk)
    form = ValueStatementForm(request.POST or None, instance=statement)
    if form.is_valid():
        form.save()
        messages.success(request, "Value statement saved.")
        return redirect("profile")
    return render(request, "core/value_statement_form.html", {"form": form, "statement": statement})


@login_required
def value_statement_delete(request, pk):
    statement = get_object_or_404(ValueStatement.objects.owned_by(request.user), pk=pk)
    if request.method == "POST":
        statement.delete()
        messages.success(request, "Value statement deleted.")
        return redirect("profile")
    return render(request, "core/value_statement_confirm_delete.html", {"statement": statement})
