import itertools

import pytest

from core.ladder import LADDER, Level, advice_for, ideal_level_for

# Every (contact level, seeker target) pair, worked out by hand from SPEC §3.
# Rows: contact level; columns: target staff, supervisor, manager, director, vp, executive.
EXPECTED = {
    "staff": ["peer", "peer", "peer", "peer", "peer", "peer"],
    "supervisor": ["one_up", "peer", "peer", "peer", "peer", "peer"],
    "manager": ["ideal", "one_up", "peer", "peer", "peer", "peer"],
    "director": ["senior", "ideal", "one_up", "peer", "peer", "peer"],
    "vp": ["senior", "senior", "ideal", "one_up", "peer", "peer"],
    "executive": ["senior", "senior", "senior", "ideal", "ideal", "ideal"],
}


def test_the_ideal_level_is_two_steps_up_capped_at_executive():
    assert ideal_level_for("staff") == Level.MANAGER
    assert ideal_level_for("supervisor") == Level.DIRECTOR
    assert ideal_level_for("manager") == Level.VP
    assert ideal_level_for("director") == Level.EXECUTIVE
    assert ideal_level_for("vp") == Level.EXECUTIVE
    assert ideal_level_for("executive") == Level.EXECUTIVE


@pytest.mark.parametrize(("level", "target"), list(itertools.product(LADDER, LADDER)))
def test_advice_for_every_level_and_target(level, target):
    expected = EXPECTED[level.value][LADDER.index(target)]
    assert advice_for(level.value, "design", target.value).code == expected


@pytest.mark.parametrize("level", [*LADDER, ""])
def test_hr_is_never_the_target_whatever_the_level(level):
    advice = advice_for(level, "hr", "manager")
    assert advice.code == "hr"
    assert advice.text == (
        "Recruiters screen candidates; aim for the line manager two steps above the role."
    )


def test_an_unknown_level_asks_for_one():
    assert advice_for("", "design", "manager").code == "unknown"


def test_the_ladder_reads_from_the_top_and_marks_the_target_and_whom_to_aim_for():
    from core.ladder import rungs

    ladder = rungs("manager")
    assert [r.level for r in ladder] == list(reversed(LADDER))
    assert [r.level for r in ladder if r.is_target] == [Level.MANAGER]
    assert [r.level for r in ladder if r.is_ideal] == [Level.VP]
    assert {r.level: r.aim_for for r in ladder}[Level.STAFF] == Level.MANAGER
    assert not any(r.is_target or r.is_ideal for r in rungs(""))


def test_a_senior_individual_contributor_is_told_which_rung_they_are_on():
    from core.ladder import RUNGS

    assert set(RUNGS) == set(LADDER)
    # A senior individual contributor reports to a manager: the supervisor's rung, so the
    # person to meet is a director, two steps up (the demo seeker's case).
    holding = [level for level in LADDER if "Senior Product Designer" in RUNGS[level]]
    assert holding == [Level.SUPERVISOR]
    assert ideal_level_for(holding[0]) == Level.DIRECTOR
