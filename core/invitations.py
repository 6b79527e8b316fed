"""A seeker invites a coach by email; the coach's access starts when they accept (SPEC §2).

The seeker names an address on their profile. A staff user in ``Coaches`` with that address
accepts in the admin (their caseload lists the invitations waiting for them) or through the
signed link in the email, which works once and expires with the invitation. Only then does a
``CoachAssignment`` start. Each write runs under a row lock, then checks its rule again.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.utils import timezone

from core.accounts import normalise_email
from core.coaching import CoachAssignment, is_coach
from core.mail import send_email

INVITATION_DAYS = 14
TOKEN_SALT = "core.coach-invitation"
ONE_PENDING = "You have already invited this address; withdraw that invitation to send a new one."


class CoachInvitationQuerySet(models.QuerySet):
    def pending(self, now=None):
        """Waiting for the coach, and not expired."""
        now = now or timezone.now()
        return self.filter(outcome=CoachInvitation.Outcome.PENDING, expires_at__gt=now)

    def for_coach(self, coach):
        """The invitations sent to ``coach``'s address, in any case."""
        return self.alias(email_lower=Lower("email")).filter(
            email_lower=normalise_email(coach.email)
        )


class CoachInvitation(models.Model):
    class Outcome(models.TextChoices):
        PENDING = "pending", "Waiting for the coach"
        ACCEPTED = "accepted", "Accepted"
        WITHDRAWN = "withdrawn", "Withdrawn"
        EXPIRED = "expired", "Expired"

    seeker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_invitations"
    )
    email = models.EmailField("coach's email address")
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_accepted",
    )

    objects = CoachInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "seeker",
                condition=models.Q(outcome="pending"),
                name="core_coachinvitation_one_pending_per_address",
                violation_error_message=ONE_PENDING,
            ),
            models.CheckConstraint(
                condition=models.Q(outcome__in=["pending", "accepted", "withdrawn", "expired"]),
                name="core_coachinvitation_outcome_valid",
                violation_error_message=(
                    "An invitation is waiting, accepted, withdrawn or expired."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.seeker} invites {self.email}"

    def is_expired(self, now=None) -> bool:
        return self.expires_at <= (now or timezone.now())

    @property
    def token(self) -> str:
        return signing.dumps(self.pk, salt=TOKEN_SALT)


class InvitationRefused(Exception):
    """Why a coach cannot accept an invitation, in words they can act on."""


def invitation_of_token(token: str):
    """The invitation a link names, or ``None`` for a forged, altered or too-old link."""
    try:
        pk = signing.loads(token, salt=TOKEN_SALT, max_age=timedelta(days=INVITATION_DAYS))
    except signing.BadSignature:
        return None
    return CoachInvitation.objects.select_related("seeker").filter(pk=pk).first()


def invite_coach(seeker, email: str, *, accept_url) -> CoachInvitation:
    """The seeker invites ``email``; one pending invitation per address (the constraint).

    An invitation to the same address that has expired is closed first, under the seeker's
    row lock, so a new one may be sent. ``accept_url`` makes the link from the token.
    """
    email = normalise_email(email)
    now = timezone.now()
    if email == normalise_email(seeker.email):
        raise ValidationError({"email": "You cannot be your own coach."})
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=seeker.pk).first()
        mine = CoachInvitation.objects.filter(
            seeker=seeker, outcome=CoachInvitation.Outcome.PENDING
        )
        mine.filter(expires_at__lte=now).update(
            outcome=CoachInvitation.Outcome.EXPIRED, closed_at=now
        )
        try:
            with transaction.atomic():
                invitation = CoachInvitation.objects.create(
                    seeker=seeker,
                    email=email,
                    created_at=now,
                    expires_at=now + timedelta(days=INVITATION_DAYS),
                )
        except IntegrityError:
            raise ValidationError({"email": ONE_PENDING}) from None
        context = {"invitation": invitation, "url": accept_url(invitation.token)}
        # In the background (core/mail.py): the seeker does not wait for the mail server.
        send_email.enqueue(
            subject=f"{seeker} invites you to coach them on Schmooze",
            body=render_to_string("core/coach_invitation_email.txt", context),
            to=[email],
        )
    return invitation


def withdraw_invitation(invitation) -> None:
    with transaction.atomic():
        locked = CoachInvitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.outcome == CoachInvitation.Outcome.PENDING:
            locked.outcome = CoachInvitation.Outcome.WITHDRAWN
            locked.closed_at = timezone.now()
            locked.save(update_fields=["outcome", "closed_at"])


def why_not(invitation, coach, now=None) -> str | None:
    """Why ``coach`` cannot accept ``invitation`` now, or ``None`` when they can."""
    if not is_coach(coach):
        return "Only a career coach can accept: ask an administrator to add you to “Coaches”."
    if normalise_email(invitation.email) != normalise_email(coach.email):
        return "This invitation was sent to another address."
    if invitation.outcome == CoachInvitation.Outcome.ACCEPTED:
        return "This invitation has already been accepted."
    if invitation.outcome != CoachInvitation.Outcome.PENDING:
        return f"This invitation was {invitation.get_outcome_display().lower()}: ask for a new one."
    if invitation.is_expired(now):
        return "This invitation has expired: ask for a new one."
    if invitation.seeker_id == coach.pk:
        return "A coach cannot be their own client."
    return None


def accept_invitation(invitation, coach) -> CoachAssignment:
    """The coach accepts: the assignment starts now. Once only, before it expires, by a coach
    whose address it was sent to (``why_not``, asked again under the invitation's lock)."""
    with transaction.atomic():
        locked = CoachInvitation.objects.select_for_update().get(pk=invitation.pk)
        now = timezone.now()
        refusal = why_not(locked, coach, now)
        if refusal:
            raise InvitationRefused(refusal)
        assignment = (
            CoachAssignment.objects.active().filter(coach=coach, client=locked.seeker_id).first()
        )
        if assignment is None:
            assignment = CoachAssignment.objects.create(
                coach=coach, client_id=locked.seeker_id, started_at=now
            )
        locked.outcome = CoachInvitation.Outcome.ACCEPTED
        locked.closed_at = now
        locked.accepted_by = coach
        locked.save(update_fields=["outcome", "closed_at", "accepted_by"])
    return assignment
