"""The shared question catalogue every seeker's bank starts from (SPEC §5), and the key question.

Written into the database by migration 0005; ``ensure_catalogue`` puts it back wherever a
database was emptied (a test run's flush, a fresh demo) and is harmless when it is there.
"""

from core.asks import KEY_QUESTION

CATALOGUE = {
    "trends": [
        "What changes do you see coming in your field over the next two or three years?",
        "Which new tools or methods is your team adopting, and which has it dropped?",
        "How has the work in your area changed since you started?",
        "Which skills are becoming more valuable in your field, and which less?",
        "What is the biggest challenge your industry is facing right now?",
        "Which companies or teams do you think are setting the pace in this field?",
    ],
    "insights": [
        "What does a typical week look like in your role?",
        "What do you enjoy most about your work, and what is the hardest part?",
        "How did you get to where you are today?",
        "What separates the people who do really well here from the rest?",
        "How are decisions made on your team, and who shapes them?",
        "What surprised you most when you joined this organisation?",
        "How does your team measure whether its work succeeded?",
    ],
    "advice": [
        "If you were in my position, what would you do next?",
        "What would you want to see in the background of someone joining your field?",
        "Which of my experiences do you think would matter most here?",
        "What mistakes do people make when they try to move into this kind of role?",
        "How would you describe my background to someone in your field?",
        "What would make my portfolio or résumé stronger for this kind of work?",
    ],
    "resources": [
        "Which professional associations or communities would you recommend I join?",
        "What do you read, listen to or follow to keep up with your field?",
        "Are there events or conferences where people in your field meet?",
        "Which courses or certifications are actually respected in your field?",
        "Is there a book or article that shaped how you think about your work?",
    ],
    "assignments": [
        "What is a typical first project for someone joining your team?",
        "What kinds of problems would someone in this role be asked to solve "
        "in their first months?",
        "Which assignments helped you grow the most in your career?",
        "What does a successful first year look like in a role like this?",
        "Which projects here get the most attention from leadership?",
        "Is there a small project I could study to understand your team's work better?",
    ],
}


def ensure_catalogue(question_model) -> int:
    """Create the key question and any missing catalogue question; return how many were added.

    Takes the model class so that migrations can pass their historical model.
    """
    added = 0
    if not question_model.objects.filter(is_key=True).exists():
        question_model.objects.create(
            is_key=True, text=KEY_QUESTION, category="resources", owner=None
        )
        added += 1
    existing = {
        text.lower()
        for text in question_model.objects.filter(owner=None).values_list("text", flat=True)
    }
    missing = [
        question_model(owner=None, text=text, category=category)
        for category, texts in CATALOGUE.items()
        for text in texts
        if text.lower() not in existing
    ]
    question_model.objects.bulk_create(missing)
    return added + len(missing)
