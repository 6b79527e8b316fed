"""The demo seeker's profile: Maya, a product designer aiming one step up."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from core.coaching import COACHES_GROUP, CoachAssignment, CoachingNote, RecordView
from core.models import User, ValueStatement

PROFILE = {
    "name": "Maya Okafor",
    "target_title": "Senior Product Designer",
    "target_level": "supervisor",
    "timezone": "America/Toronto",
    "country": "CA",  # her thank-you notes and morning emails skip Canada's public holidays
}

VALUE_STATEMENTS = [
    (
        "revenue",
        "$1.2M",
        "New annual revenue from the self-serve upgrade flow I redesigned at Beacon Health.",
    ),
    (
        "cost",
        "30%",
        "Fewer support tickets after I rebuilt the onboarding checklist with the support team.",
    ),
    (
        "brand",
        "4.8★",
        "App-store rating, up from 3.9, after the accessibility overhaul I led in 2025.",
    ),
]


def seed(user) -> None:
    for key, value in PROFILE.items():
        setattr(user, key, value)
    user.save()
    ValueStatement.objects.bulk_create(
        ValueStatement(owner=user, kind=kind, figure=figure, statement=statement)
        for kind, figure, statement in VALUE_STATEMENTS
    )


COACH = {"email": "coach@schmooze.example", "name": "Ruth Adebayo"}
COACH_PASSWORD = "schmooze-coach"
COACH_NOTES = [
    "Lovely progress, Maya. Before Thursday, pick the one value statement you most want "
    "Priya to remember — the $1.2M upgrade flow is your strongest — and practise saying it "
    "in under 30 seconds.",
    "Two follow-ups to Grace at Fernleaf are enough: let it rest and find a second person "
    "there. Ask Jordan whether he knows anyone in their design team.",
]


def seed_coach(user) -> None:
    """Ruth, the demo seeker's career coach: staff, in ``Coaches``, with notes for Maya."""

    User.objects.filter(email=COACH["email"]).delete()
    # Ruth reads dates in Maya's zone: they work together in the same city.
    coach = User.objects.create_user(
        password=COACH_PASSWORD, is_staff=True, timezone=user.timezone, **COACH
    )
    # Ruth works office hours in Maya's zone, whatever time the demo is loaded.
    morning = timezone.localtime(timezone.now(), user.zone).replace(
        hour=10, minute=15, second=0, microsecond=0
    )
    coach.groups.add(Group.objects.get_or_create(name=COACHES_GROUP)[0])
    CoachAssignment.objects.create(
        coach=coach, client=user, started_at=timezone.now() - timedelta(days=21)
    )
    for days_ago, text in zip((6, 1), COACH_NOTES, strict=True):
        CoachingNote.objects.create(
            coach=coach,
            client=user,
            text=text,
            created_at=morning - timedelta(days=days_ago, minutes=-20),
        )
    # What Ruth looked at before writing her notes, as the access log records it.
    statement = user.value_statements.get(kind=ValueStatement.Kind.REVENUE)
    for days_ago, kind, obj in [(6, "profile", user), (1, "value statement", statement)]:
        RecordView.objects.create(
            coach=coach,
            client=user,
            kind=kind,
            object_id=str(obj.pk),
            record=str(obj)[:200],
            viewed_at=morning - timedelta(days=days_ago),
        )
