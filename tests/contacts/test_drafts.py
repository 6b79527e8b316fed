"""SPEC §4 draft rules and the proposed request."""

from types import SimpleNamespace

import pytest

from networking.contacts import drafts

SEEKER = SimpleNamespace(name="Maya Okafor", get_short_name=lambda: "Maya")


def person(first, last="", **extra):
    base = {"first_name": first, "last_name": last, "full_name": f"{first} {last}".strip()}
    return SimpleNamespace(**{**base, **extra})


def contact(referrer=None, title="Director of Product Design", employer="Northwind Health"):
    return person(
        "Priya",
        "Raman",
        title=title,
        function="design",
        referred_by=referrer,
        referred_by_id=1 if referrer else None,
        employer=SimpleNamespace(name=employer) if employer else None,
        employer_id=1 if employer else None,
    )


JORDAN = person("Jordan", "Lee")

GOOD = (
    "Hi Priya,\n\nJordan Lee suggested I get in touch with you. Your work on the patient app "
    "is the path I hope to follow. Would you have 15 minutes to share your advice?\n\n"
    "Thank you,\nMaya"
)


def states(text, who=None):
    return {rule.code: rule.state for rule in drafts.check_request(text, who or contact(JORDAN))}


def test_a_good_request_meets_every_rule():
    assert set(states(GOOD).values()) == {"met"}


def test_the_proposed_request_meets_every_rule_and_names_the_referrer_first():
    draft = drafts.propose_request(contact(JORDAN), SEEKER)
    assert draft.body.startswith("Hi Priya,\n\nJordan Lee suggested")
    assert "15–20 minutes" in draft.body and "advice" in draft.body
    assert draft.body.rstrip().endswith("Maya Okafor")
    assert "Jordan suggested" in draft.subject
    assert set(states(draft.body).values()) == {"met"}


def test_the_proposed_request_stays_short_with_a_long_title():
    long = contact(JORDAN, title="Senior Director of Product Design and Research Operations")
    draft = drafts.propose_request(long, SEEKER)
    assert drafts.word_count(draft.body) < drafts.SHORT_ENOUGH


def test_without_a_referrer_the_proposal_leaves_a_blank_for_what_you_share():
    draft = drafts.propose_request(contact(employer=None, title=""), SEEKER)
    result = states(draft.body, contact())
    assert result["placeholders"] == "unmet"
    assert result["connection"] == "met"
    filled = draft.body.replace("[studied at … / worked at …]", "studied at OCAD")
    assert set(states(filled, contact()).values()) == {"met"}


@pytest.mark.parametrize(("words", "state"), [(74, "met"), (75, "unmet"), (100, "unmet")])
def test_under_75_words_is_the_aim(words, state):
    assert states(" ".join(["word"] * words))["length"] == state


def test_over_100_words_is_a_warning():
    assert states(" ".join(["word"] * 101))["length"] == "warning"
    assert states("")["length"] == "unmet"


def test_it_must_open_with_the_name_in_common():
    late = GOOD.replace(
        "Jordan Lee suggested I get in touch with you.", "I design apps. Jordan Lee said hello."
    )
    assert states(late)["connection"] == "unmet"
    assert states(GOOD.replace("Jordan Lee", "Lee"))["connection"] == "met"


def test_without_a_referrer_a_shared_school_or_employer_opens_it():
    assert states("Hi Priya, we both studied at OCAD. Advice?", contact())["connection"] == "met"
    assert states("Hi Priya, I love your app. Advice?", contact())["connection"] == "unmet"


@pytest.mark.parametrize(
    "ask",
    [
        "Is there a job for me?",
        "Any openings?",
        "Could you consider me for a position?",
        "Would you give me a referral?",
        "Are you hiring?",
    ],
)
def test_it_never_asks_for_a_job_an_opening_or_a_referral(ask):
    rule = next(
        r for r in drafts.check_request(GOOD + "\n" + ask, contact(JORDAN)) if r.code == "no_job"
    )
    assert rule.state == "unmet"
    assert "never for a job" in rule.detail


def test_it_asks_for_advice_or_insight():
    assert states(GOOD.replace("advice", "time"))["advice"] == "unmet"
    assert states(GOOD.replace("advice", "insight"))["advice"] == "met"


def test_it_ends_with_a_question_before_the_sign_off():
    assert states(GOOD)["question"] == "met"
    assert states(GOOD.replace("advice?", "advice.") + "")["question"] == "unmet"
    one_line = "Hi Priya, Jordan Lee suggested I write. Would you share advice? Thanks!"
    assert states(one_line)["question"] == "met"
    # A closing word does not hide a last line that is not a question.
    assert states(GOOD + " Any openings for me")["question"] == "unmet"


def test_more_of_it_is_about_them_than_about_the_seeker():
    selfish = (
        "Hi Priya, Jordan Lee suggested I write. I am a designer and I need my next step. "
        "Would you give me advice?"
    )
    assert states(selfish)["about_them"] == "unmet"
    assert states(GOOD)["about_them"] == "met"


def test_the_summary_counts_the_rules_met():
    rules = drafts.check_request(GOOD.replace("?", "."), contact(JORDAN))
    assert drafts.summary(rules) == "5 of 6 draft rules met"


def test_follow_up_and_thank_you_proposals_are_short_and_polite():
    follow = drafts.propose("follow_up", contact(JORDAN), SEEKER)
    assert follow.body.rstrip().endswith("Maya Okafor") and "?" in follow.body
    assert drafts.word_count(follow.body) < drafts.SHORT_ENOUGH
    assert "Thank you" in drafts.propose("thank_you", contact(), SEEKER).body


def test_salary_shows_as_a_broken_rule_only_when_asked():
    assert "no_salary" not in states(GOOD)
    assert states(GOOD + "\nWhat does a designer make here?")["no_salary"] == "unmet"


def test_a_mention_of_their_role_is_not_a_job_ask():
    assert states(GOOD.replace("advice", "advice on your role as head of design"))["no_job"] == (
        "met"
    )
