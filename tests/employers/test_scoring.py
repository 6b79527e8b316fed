"""SPEC §1 step 2: the fit score formula, against hand-computed cases."""

import pytest

from networking.employers.scoring import (
    CriterionLine,
    Fit,
    fit_score,
    rated_summary,
    rating_points,
)


def fit_of(*pairs):
    """``pairs`` are (weight, rating or None)."""
    return Fit(tuple(CriterionLine(f"c{i}", w, s) for i, (w, s) in enumerate(pairs)))


def test_all_fives_make_100_and_all_ones_make_0():
    assert fit_of((5, 5), (3, 5), (1, 5)).score == 100
    assert fit_of((5, 1), (3, 1), (1, 1)).score == 0


def test_all_threes_make_50_whatever_the_weights():
    assert fit_of((5, 3), (2, 3), (1, 3)).score == 50


def test_a_weighted_mean_by_hand():
    # (5-1)×5 + (3-1)×4 + (1-1)×2 = 20 + 8 + 0 = 28 points of 4×11 = 44 → 63.6… → 64
    fit = fit_of((5, 5), (4, 3), (2, 1))
    assert (fit.points, fit.possible) == (28, 44)
    assert fit.score == 64


def test_heavier_criteria_count_more():
    # The same two ratings, 5 and 1, with the weights swapped.
    assert fit_of((5, 5), (1, 1)).score == 83  # 20 of 24 → 83.3
    assert fit_of((1, 5), (5, 1)).score == 17  # 4 of 24 → 16.7


def test_unrated_criteria_are_left_out_of_the_mean():
    fit = fit_of((5, 4), (3, None), (1, None))
    assert fit.score == 75  # (4-1)×5 = 15 of 20
    assert (fit.rated_count, fit.total_count) == (1, 3)
    assert fit.coverage == "1 of 3 criteria rated"


def test_nothing_rated_means_no_score():
    assert fit_of((5, None), (2, None)).score is None
    assert fit_of().score is None
    assert fit_score(None, None) is None
    assert fit_score(0, 0) is None


def test_halves_round_up():
    # Two criteria ×1 rated 2 and 1: 1 of 8 points → 12.5 → 13
    assert fit_of((1, 2), (1, 1)).score == 13
    # Rated 2 and 3: 3 of 8 points → 37.5 → 38
    assert fit_of((1, 2), (1, 3)).score == 38
    assert fit_score(rating_points(2, 1) + rating_points(3, 1), 2) == 38
    # 1 of 4 points → 25 exactly
    assert fit_score(1, 1) == 25


@pytest.mark.parametrize(
    ("rated", "total", "text"),
    [
        (0, 0, "0 of 0 criteria rated"),
        (1, 1, "1 of 1 criterion rated"),
        (2, 5, "2 of 5 criteria rated"),
    ],
)
def test_the_coverage_reads_as_a_sentence(rated, total, text):
    assert rated_summary(rated, total) == text
