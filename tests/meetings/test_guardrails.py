import pytest

from core.asks import JOB_ASK_WARNING
from networking.meetings.guardrails import check_question

# SPEC §5, word for word: what every salary question gets back.
SPEC_REFUSAL = (
    "Salary is not a topic for an informational meeting; it becomes one when the employer "
    "raises it."
)


@pytest.mark.parametrize(
    "text",
    [
        "What is the salary range for a senior designer?",
        "What do salaries look like here?",
        "Does this role pay well?",
        "How is the compensation structured?",
        "Are wages rising in your field?",
        "Is there a yearly bonus?",
        "How much does a director make?",
        "How much do designers earn in Toronto?",
        "HOW MUCH could I\nmake in this job?",
        "Are designers well paid here?",
    ],
)
def test_it_refuses_salary_questions(text):
    verdict = check_question(text)
    assert verdict.refusal == SPEC_REFUSAL


@pytest.mark.parametrize(
    "text",
    [
        "Are you hiring?",
        "Is your team hiring right now?",
        "Can you hire me?",
        "Could you hire me for the next project?",
        "Are there any openings for me?",
        "Any openings on your team?",
        "Is there a job for me there?",
    ],
)
def test_it_warns_on_questions_that_ask_for_a_job(text):
    verdict = check_question(text)
    assert verdict.refusal is None
    assert verdict.warnings == (JOB_ASK_WARNING,)


@pytest.mark.parametrize(
    "text",
    [
        "Can you recommend someone else that I should speak with?",
        "What do you pay attention to when you review a portfolio?",
        "How much time do you spend on research?",
        "Which payment products are changing your industry?",
        "How did you make the move from agency to in-house?",
        "What is the hardest part of your role?",
    ],
)
def test_it_lets_good_questions_through_without_warnings(text):
    verdict = check_question(text)
    assert verdict.refusal is None
    assert verdict.warnings == ()
