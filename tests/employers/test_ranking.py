"""The ranked list's queryset: scores in the database, ties, advocacy (SPEC §1 step 2)."""

import random

import pytest

from networking.employers.models import Employer
from networking.employers.scoring import explain_fit
from tests.clock import MONDAY_NOON, SATURDAY_LATE, SATURDAY_SMALL_HOURS, at_each
from tests.contacts.factories import ContactFactory
from tests.employers.factories import CriterionFactory, EmployerFactory, RatingFactory

pytestmark = pytest.mark.django_db


def names(queryset):
    return [employer.name for employer in queryset]


def test_the_database_and_python_agree_on_every_score(alice):
    rng = random.Random(42)
    criteria = [CriterionFactory(owner=alice, weight=rng.randint(1, 5)) for _ in range(6)]
    expected = {}
    for _ in range(60):
        employer = EmployerFactory(owner=alice)
        scores = {}
        for criterion in criteria:
            if rng.random() < 0.7:
                scores[criterion.pk] = rng.randint(1, 5)
                RatingFactory(employer=employer, criterion=criterion, score=scores[criterion.pk])
        expected[employer.pk] = explain_fit(criteria, scores)

    for employer in Employer.objects.owned_by(alice).ranked():
        fit = expected[employer.pk]
        assert employer.fit_score == fit.score, employer
        assert employer.rated_count == fit.rated_count
    # The score worked out from the ratings in SQL is the same score.
    for employer in Employer.objects.owned_by(alice).with_derived_fit():
        assert employer.derived_fit_score == expected[employer.pk].score, employer
        assert employer.derived_rated_count == expected[employer.pk].rated_count
    owned = Employer.objects.owned_by(alice)
    assert names(owned.ranked_alone()) == names(owned.ranked())


def test_it_ranks_by_fit_score_and_puts_the_unrated_last(alice):
    great, poor = CriterionFactory(owner=alice, weight=5), CriterionFactory(owner=alice, weight=1)
    top = EmployerFactory(owner=alice, name="Top")
    low = EmployerFactory(owner=alice, name="Low")
    EmployerFactory(owner=alice, name="Unrated", posting="target")
    RatingFactory(employer=top, criterion=great, score=5)
    RatingFactory(employer=low, criterion=great, score=2)
    RatingFactory(employer=low, criterion=poor, score=5)
    assert names(Employer.objects.owned_by(alice).ranked()) == ["Top", "Low", "Unrated"]


def test_ties_break_on_posting_then_on_advocacy(alice):
    criterion = CriterionFactory(owner=alice)
    tied = {
        "None, advocate": "none",
        "Any": "any",
        "Target": "target",
        "Any, advocate": "any",
        "None": "none",
    }
    for name, posting in tied.items():
        employer = EmployerFactory(owner=alice, name=name, posting=posting)
        RatingFactory(employer=employer, criterion=criterion, score=4)
        if "advocate" in name:
            ContactFactory(owner=alice, employer=employer)
    assert names(Employer.objects.owned_by(alice).ranked()) == [
        "Target",
        "Any, advocate",
        "Any",
        "None, advocate",
        "None",
    ]


def test_advocacy_and_contact_count_come_from_the_contacts(alice):
    employer = EmployerFactory(owner=alice)
    lonely = EmployerFactory(owner=alice)
    ContactFactory.create_batch(3, owner=alice, employer=employer)
    ranked = {e.pk: e for e in Employer.objects.owned_by(alice).ranked()}
    assert (ranked[employer.pk].has_advocate, ranked[employer.pk].contact_count) == (True, 3)
    assert (ranked[lonely.pk].has_advocate, ranked[lonely.pk].contact_count) == (False, 0)


def test_counts_do_not_multiply_across_ratings_and_contacts(alice):
    employer = EmployerFactory(owner=alice)
    for score in (5, 1, 3):
        RatingFactory(employer=employer, criterion=CriterionFactory(owner=alice), score=score)
    ContactFactory.create_batch(4, owner=alice, employer=employer)
    ranked = Employer.objects.owned_by(alice).ranked().get()
    assert (ranked.rated_count, ranked.contact_count, ranked.fit_score) == (3, 4, 50)


def test_work_these_first_are_the_five_best_targeted(alice):
    criterion = CriterionFactory(owner=alice)
    for score, status in [(5, "researching"), (4, "targeting"), (3, "targeting"), (2, "paused")]:
        employer = EmployerFactory(owner=alice, name=f"{status} {score}", status=status)
        RatingFactory(employer=employer, criterion=criterion, score=score)
    for n in range(5):
        EmployerFactory(owner=alice, name=f"targeting unrated {n}", status="targeting")
    first = names(Employer.objects.owned_by(alice).work_these_first())
    assert first[:2] == ["targeting 4", "targeting 3"]
    assert len(first) == 5
    assert all(name.startswith("targeting") for name in first)


def test_one_seeker_sees_only_their_own_employers(alice, bob):
    EmployerFactory(owner=alice, name="Alice's")
    EmployerFactory(owner=bob, name="Bob's")
    assert names(Employer.objects.owned_by(alice).ranked()) == ["Alice's"]


# The next meeting is read at Python's clock (the request's ``now``), so it travels in time.
@at_each(MONDAY_NOON, SATURDAY_SMALL_HOURS, SATURDAY_LATE)
def test_the_list_shows_each_employers_next_meeting(alice_client, alice, now):
    from tests.contacts.factories import ContactFactory
    from tests.meetings.factories import MeetingFactory, business_slot, past_slot

    employer = EmployerFactory(owner=alice, name="Northwind Health")
    contact = ContactFactory(owner=alice, employer=employer)
    soon = business_slot(contact.timezone, days_ahead=2)
    later = business_slot(contact.timezone, days_ahead=4)
    MeetingFactory(contact=contact, starts_at=later)
    MeetingFactory(contact=contact, starts_at=soon)
    MeetingFactory(contact=contact, starts_at=past_slot(contact.timezone))
    MeetingFactory(
        contact=contact,
        starts_at=business_slot(contact.timezone, days_ahead=1),
        status="cancelled",
    )
    EmployerFactory(owner=alice, name="Lumen Labs")

    rows = {e.name: e for e in Employer.objects.owned_by(alice).ranked()}
    assert rows["Northwind Health"].next_meeting_at == soon
    assert rows["Lumen Labs"].next_meeting_at is None
    body = alice_client.get("/employers/").content.decode()
    # Shown in the seeker's own zone.
    assert soon.astimezone(alice.zone).strftime("%a %-d %b, %H:%M") in body


def test_the_ranking_alone_orders_as_the_full_ranking_and_names_the_best_unknown(alice):
    """The dashboard reads the ranking without the list's extra columns: same order, and of the
    five best targeted employers, those where the seeker knows nobody."""
    criterion = CriterionFactory(owner=alice)
    scores = [5, 4, 4, 3, 2, None, None]
    for n, score in enumerate(scores):
        employer = EmployerFactory(
            owner=alice, name=f"E{n}", status="targeting", posting=["none", "target"][n % 2]
        )
        if score:
            RatingFactory(employer=employer, criterion=criterion, score=score)
        if n in (1, 3):
            ContactFactory(owner=alice, employer=employer)
    EmployerFactory(owner=alice, name="Dropped", status="dropped")
    owned = Employer.objects.owned_by(alice)
    assert names(owned.ranked_alone()) == names(owned.ranked())
    best = names(owned.work_these_first())
    unknown = names(owned.best_targets_unknown())
    assert unknown == [name for name in best if name not in {"E1", "E3"}]
    assert unknown == ["E0", "E2", "E4"]
