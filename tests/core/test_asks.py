"""The one detector (SPEC §4, §5): every phrasing a seeker might write, and what it asks.

Each row is a text a seeker could type in the bank, on a prep page or in a message, and the
kind the detector must find: ``salary``, ``job``, ``referral`` or ``fine``. The innocent
look-alikes are here on purpose: a detector that reads words instead of asks fails them.
"""

import pytest

from core.asks import (
    FINE,
    JOB_ASK_WARNING,
    KEY_QUESTION,
    MESSAGES,
    REFERRAL_ASK_WARNING,
    SALARY_REFUSAL,
    AskKind,
    classify,
    find_asks,
)

SALARY, JOB, REFERRAL = "salary", "job", "referral"

PHRASINGS = [
    # salary, pay, compensation, wages, bonus, "how much … make/earn" (SPEC §5)
    ("What is the salary range for a senior designer?", SALARY),
    ("What salary range do you pay?", SALARY),
    ("What do salaries look like here?", SALARY),
    ("Does this role pay well?", SALARY),
    ("What's the pay like for analysts?", SALARY),
    ("Are designers well paid here?", SALARY),
    ("How is the compensation structured?", SALARY),
    ("What is the comp band for a staff engineer?", SALARY),
    ("Are wages rising in your field?", SALARY),
    ("Is there a yearly bonus?", SALARY),
    ("How much does a director make?", SALARY),
    ("How much do designers earn in Toronto?", SALARY),
    ("HOW MUCH could I\nmake in this job?", SALARY),
    ("How much money can a senior product manager make?", SALARY),
    ("What does a product manager make here?", SALARY),
    ("What do data analysts earn on average?", SALARY),
    # asking for a job, a position, an opening (SPEC §4, §5)
    ("Are you hiring?", JOB),
    ("Are you hiring for any analytics roles right now?", JOB),
    ("Is your team hiring right now?", JOB),
    ("I heard you're hiring. Could we talk?", JOB),
    ("What skills are you hiring for in general?", JOB),
    ("Who's hiring in health tech these days?", JOB),
    ("Can you hire me?", JOB),
    ("Could you hire me for the next project?", JOB),
    ("Do you have any open positions on your team?", JOB),
    ("Are there any openings for me?", JOB),
    ("Any openings on your team?", JOB),
    ("Is there a job for me there?", JOB),
    ("Are there any roles I could apply for?", JOB),
    ("Do you know of any jobs in product design?", JOB),
    ("Could you consider me for a position?", JOB),
    ("Is there an opening for someone like me?", JOB),
    ("Are there job openings in your department?", JOB),
    ("Which roles are open on your team?", JOB),
    ("I am looking for a new role in design and hoped you could help.", JOB),
    ("How can I join your team?", JOB),
    ("I need a job. Do you have an opening for me", JOB),
    ("Should I apply to one of your open roles?", JOB),
    ("Please keep me in mind if something comes up.", JOB),
    # asking to be put forward for a job: a referral, a good word, a résumé passed on
    ("Could you pass my resume to the hiring manager?", REFERRAL),
    ("Would you forward my CV to your recruiter?", REFERRAL),
    ("Could you pass my résumé along to the team lead?", REFERRAL),
    ("Would you give me a referral?", REFERRAL),
    ("Could you refer me for the analyst role?", REFERRAL),
    ("Would you put in a good word for me?", REFERRAL),
    ("Is an employee referral something you could do for me?", REFERRAL),
    ("Could you refer me to the hiring manager?", REFERRAL),
    # innocent look-alikes: they mention pay, jobs, roles, hiring or résumés, and ask none
    (KEY_QUESTION, FINE),
    ("Who else would you recommend I talk to?", FINE),
    ("Could you refer me to someone who knows the field?", FINE),
    ("How did you make the move into product?", FINE),
    ("How do you compensate for a small team?", FINE),
    ("What do you pay attention to when you review a portfolio?", FINE),
    ("What do you make of the new privacy rules?", FINE),
    ("How much impact can one designer make on a product?", FINE),
    ("How much time do you spend on research?", FINE),
    ("How is paid search changing your marketing mix?", FINE),
    ("How do you turn free users into paying customers?", FINE),
    ("Which payment products are changing your industry?", FINE),
    ("Did the switch to remote work pay off?", FINE),
    ("What is the hardest part of your role?", FINE),
    ("How did you get your position as head of design?", FINE),
    ("Which job boards or newsletters do you read?", FINE),
    ("Which job titles should I look for in this field?", FINE),
    ("Do you have any role models in the industry?", FINE),
    ("Is hiring slowing down across the industry?", FINE),
    ("What does the hiring manager look for in a portfolio?", FINE),
    ("What would make my portfolio or résumé stronger for this kind of work?", FINE),
    ("May I leave my résumé with you?", FINE),
    ("Thank you for the referral to Dana; we meet on Tuesday.", FINE),
    ("How could I apply what you learned at the agency to health tech?", FINE),
    ("What would you do in my position?", FINE),
    ("How do you earn the trust of a new team?", FINE),
    ("What opening moves worked for your product launch?", FINE),
]


def test_the_table_is_large_enough_to_mean_something():
    assert len(PHRASINGS) >= 60
    kinds = {kind for _, kind in PHRASINGS}
    assert kinds == {SALARY, JOB, REFERRAL, FINE}


@pytest.mark.parametrize(("text", "kind"), PHRASINGS)
def test_the_one_detector_classifies_each_phrasing(text, kind):
    assert classify(text) == kind


def test_salary_says_the_words_of_the_spec():
    assert SALARY_REFUSAL == (
        "Salary is not a topic for an informational meeting; it becomes one when the employer "
        "raises it."
    )
    assert "information, not a job" in JOB_ASK_WARNING
    assert "never for a referral" in REFERRAL_ASK_WARNING
    assert set(MESSAGES) == set(AskKind)


def test_it_names_every_kind_a_text_asks_with_the_words_that_gave_it_away():
    text = (
        "Hi Dana, what salary range do you pay? Also, could you pass my resume to the hiring "
        "manager? Are you hiring?"
    )
    found = find_asks(text)
    assert [ask.kind for ask in found] == [AskKind.SALARY, AskKind.REFERRAL, AskKind.JOB]
    assert [ask.words.lower() for ask in found] == [
        "salary",
        "pass my resume to",
        "are you hiring",
    ]
    assert found[0].message == SALARY_REFUSAL


def test_an_empty_text_asks_nothing():
    assert find_asks("") == ()
    assert classify(None) == FINE
