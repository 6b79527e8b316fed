"""Notes from a coach about one contact or one meeting, where the seeker meets them again.

The contact's and the meeting's pages show them through their panels (core/panels.py); the
dashboard shows the latest with what each is about. Read through the seeker's own notes.
"""

from django.db.models import Q

from core.coaching import CoachingNote

PANEL_NOTES = 10


def _notes(user):
    return CoachingNote.objects.for_client(user).select_related(
        "coach", "topic__contact", "topic__meeting__contact"
    )


def contact_panel(contact, user) -> dict:
    """Notes about the contact, or about a meeting with them."""
    notes = _notes(user).filter(Q(topic__contact=contact) | Q(topic__meeting__contact=contact))
    return {"coach_notes": list(notes[:PANEL_NOTES]), "about": contact.full_name}


def meeting_panel(meeting, user) -> dict:
    notes = _notes(user).filter(topic__meeting=meeting)
    return {"coach_notes": list(notes[:PANEL_NOTES]), "about": "this meeting"}
