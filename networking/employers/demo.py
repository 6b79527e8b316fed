"""The demo seeker's story: the employers chapter.

Maya weighs twelve employers against five criteria. Northwind Health and Lumen
Labs lead; Harbor & Pine Publishing is a poor fit; two are not rated yet.
"""

from networking.employers.models import Criterion, Employer, Rating
from networking.employers.services import mark_suggestions_offered, rate

CRITERIA = [
    ("Design-led culture", 5),
    ("Mission I care about", 4),
    ("Remote-friendly", 2),
    ("Growth and mentorship", 3),
    ("Pay transparency", 1),
]

# name, industry, location, status, posting, ratings in CRITERIA order (None: unrated), notes
EMPLOYERS = [
    (
        "Northwind Health",
        "Healthcare",
        "Toronto, ON",
        "targeting",
        "target",
        (5, 5, 4, 5, 4),
        "Patient-app redesign under way; design reports to the CPO.",
    ),
    (
        "Lumen Labs",
        "Software",
        "Toronto, ON",
        "targeting",
        "any",
        (5, 4, 5, 4, 3),
        "Jordan works here. Small design team, strong research practice.",
    ),
    (
        "Brightpath Learning",
        "Education technology",
        "Remote (Canada)",
        "targeting",
        "none",
        (4, 5, 5, 3, None),
        "K-12 reading platform; growing fast after Series B.",
    ),
    (
        "Cobalt Robotics",
        "Robotics",
        "Waterloo, ON",
        "targeting",
        "target",
        (4, 3, 2, 4, 3),
        "Operator console needs a design system; VP Design hired last year.",
    ),
    (
        "Orchid Analytics",
        "Data and analytics",
        "Montréal, QC",
        "researching",
        "any",
        (4, 3, 4, 3, 2),
        "",
    ),
    (
        "Solstice Energy",
        "Clean energy",
        "Calgary, AB",
        "targeting",
        "none",
        (3, 5, 3, 3, None),
        "Mission is great; design maturity unclear.",
    ),
    (
        "Kestrel Games",
        "Games",
        "Toronto, ON",
        "researching",
        "none",
        (4, 2, 3, 3, 2),
        "",
    ),
    (
        "Fernleaf Bank",
        "Financial services",
        "Toronto, ON",
        "paused",
        "any",
        (2, 2, 3, 4, 4),
        "Large design org but slow to ship. Revisit in spring.",
    ),
    (
        "Maple Transit Authority",
        "Public sector",
        "Toronto, ON",
        "researching",
        "none",
        (2, 4, 1, 2, 5),
        "",
    ),
    (
        "Harbor & Pine Publishing",
        "Publishing",
        "Halifax, NS",
        "dropped",
        "none",
        (1, 2, 1, 2, 1),
        "Print-first, no product design function: not where my work is valued.",
    ),
    ("Quarry Insurance", "Insurance", "Toronto, ON", "researching", "none", None, ""),
    ("Tidewater Logistics", "Logistics", "Vancouver, BC", "researching", "any", None, ""),
]


def seed(user) -> None:
    """Add this chapter to the demo seeker user (called by ``manage.py seed_demo``)."""
    mark_suggestions_offered(user)
    criteria = Criterion.objects.bulk_create(
        Criterion(owner=user, name=name, weight=weight, position=index)
        for index, (name, weight) in enumerate(CRITERIA)
    )
    ratings = []
    for name, industry, location, status, posting, scores, notes in EMPLOYERS:
        slug = name.split()[0].lower()
        employer = Employer.objects.create(
            owner=user,
            name=name,
            website=f"https://{slug}.example",
            industry=industry,
            location=location,
            status=status,
            posting=posting,
            notes=notes,
        )
        for criterion, score in zip(criteria, scores or (), strict=False):
            if score is not None:
                ratings.append(Rating(employer=employer, criterion=criterion, score=score))
    rate(ratings)
