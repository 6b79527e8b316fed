"""The demo seeker's profile: Maya, a product designer aiming one step up."""

from core.models import ValueStatement

PROFILE = {
    "name": "Maya Okafor",
    "target_title": "Senior Product Designer",
    "target_level": "supervisor",
    "timezone": "America/Toronto",
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
