"""The demo's coach chapter: Ruth's caseload shows Maya needing attention, an invitation
waiting, and a note about one of Maya's contacts."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from core.coaching import CoachingNote
from core.invitations import CoachInvitation
from core.models import User
from networking.progress.caseload import caseload_for
from tests.clock import MONDAY_NOON, at

pytestmark = [pytest.mark.django_db, at(MONDAY_NOON)]


def test_the_demo_coach_has_a_caseload_to_look_after(client):
    call_command("seed_demo", stdout=io.StringIO())
    ruth = User.objects.get(email="coach@schmooze.example")
    maya = User.objects.get(email="demo@schmooze.example")
    assert ruth.timezone == maya.timezone
    (row,) = caseload_for(ruth)
    assert row.client == maya and row.attention
    assert CoachingNote.objects.filter(client=maya, topic__contact__first_name="Grace").exists()
    assert CoachInvitation.objects.pending().filter(seeker=maya).exists()
    client.force_login(ruth)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Invitations waiting for you" in page and "Leo Park" in page
    call_command("seed_demo", stdout=io.StringIO())  # again: one story, reset
    assert CoachInvitation.objects.count() == 2
