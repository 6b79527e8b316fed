"""Reads that span the product, named for what they mean (the dashboard's)."""

from core.models import ValueStatement


def dashboard_for(user) -> dict:
    """What the seeker's dashboard shows: first steps and a summary of the walk."""
    value_count = ValueStatement.objects.owned_by(user).count()
    first_steps = [
        {
            "done": user.has_target,
            "title": "Set the role you want",
            "text": "Its title and level tell us who to meet: two steps above it.",
            "url_name": "profile",
        },
        {
            "done": value_count > 0,
            "title": "Write your value statements",
            "text": "Revenue earned, costs saved, brand built — with a figure.",
            "url_name": "profile",
        },
    ]
    return {"first_steps": first_steps, "value_count": value_count}
