"""The coach's chapter of the demo story, read across the apps: Ruth's notes tied to the
people and meetings they are about, and the invitations waiting on both sides."""

from datetime import timedelta

from django.utils import timezone

from core import demo
from core.coaching import CoachingNote
from core.invitations import INVITATION_DAYS, CoachInvitation
from core.models import User
from networking.contacts.models import Contact
from networking.meetings.models import Meeting
from networking.progress.models import NoteTopic

# Another seeker who has asked Ruth to coach them: her caseload shows the invitation.
LEO = {"email": "leo@schmooze.example", "name": "Leo Park"}
# A second coach Maya has invited, not yet accepted: her profile shows it waiting.
SECOND_COACH_EMAIL = "amara.coach@schmooze.example"


def seed(user) -> None:
    coach = User.objects.get(email=demo.COACH["email"])
    notes = {note.text: note for note in CoachingNote.objects.filter(client=user, coach=coach)}
    priya_note, grace_note = (notes[text] for text in demo.COACH_NOTES)
    priya_meeting = (
        Meeting.objects.owned_by(user)
        .filter(contact__first_name="Priya")
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-starts_at")
        .first()
    )
    if priya_meeting is not None:
        NoteTopic.objects.create(note=priya_note, meeting=priya_meeting)
    grace = Contact.objects.owned_by(user).filter(first_name="Grace").first()
    if grace is not None:
        NoteTopic.objects.create(note=grace_note, contact=grace)

    now = timezone.now()
    User.objects.filter(email=LEO["email"]).delete()
    leo = User.objects.create_user(password=None, target_title="Data Analyst", **LEO)
    for seeker, email, days_ago in [
        (leo, coach.email, 2),
        (user, SECOND_COACH_EMAIL, 1),
    ]:
        sent = now - timedelta(days=days_ago)
        CoachInvitation.objects.create(
            seeker=seeker,
            email=email,
            created_at=sent,
            expires_at=sent + timedelta(days=INVITATION_DAYS),
        )
