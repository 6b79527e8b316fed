"""The referral chain walked up in the database (SPEC §1 step 9): who introduced whom, no loops."""

import pytest
from django.core.exceptions import ValidationError

from networking.contacts import referrals
from networking.contacts.models import Contact
from tests.contacts.factories import ContactFactory

pytestmark = pytest.mark.django_db

NAMES = ["Ada", "Ben", "Cleo", "Dev", "Eve", "Finn", "Gia"]


def _chain(owner, names=NAMES):
    """Ada introduced Ben, who introduced Cleo, … down to Gia: six introductions deep."""
    people, introducer = [], None
    for name in names:
        introducer = ContactFactory(
            owner=owner, first_name=name, last_name="Link", referred_by=introducer
        )
        people.append(introducer)
    return people


def _strangers(owner, how_many):
    """``how_many`` contacts in no chain, written in one statement."""
    return Contact.objects.bulk_create(
        ContactFactory.build_batch(how_many, owner=owner, employer=None)
    )


def test_the_chain_up_of_a_six_deep_chain_names_everyone_nearest_first(alice):
    people = _chain(alice)
    gia = people[-1]
    chain = referrals.chain_up(gia)
    assert [link.name for link in chain] == [
        "Finn Link",
        "Eve Link",
        "Dev Link",
        "Cleo Link",
        "Ben Link",
        "Ada Link",
    ]
    assert [link.pk for link in chain] == [p.pk for p in reversed(people[:-1])]
    assert referrals.chain_up(people[0]) == []


def test_the_chain_stops_at_the_deepest_allowed(alice, monkeypatch):
    monkeypatch.setattr(referrals, "MAX_DEPTH", 4)
    gia = _chain(alice)[-1]
    assert [link.name for link in referrals.chain_up(gia)] == [
        "Finn Link",
        "Eve Link",
        "Dev Link",
        "Cleo Link",
    ]


def test_a_loop_already_stored_is_walked_once(alice):
    ada, _, cleo, *_ = _chain(alice)
    # A loop the form would refuse, written behind its back: Ada introduced by Cleo.
    Contact.objects.filter(pk=ada.pk).update(referred_by=cleo)
    dev = Contact.objects.get(first_name="Dev")
    assert [link.name for link in referrals.chain_up(dev)] == [
        "Cleo Link",
        "Ben Link",
        "Ada Link",
    ]


def test_closing_a_loop_six_deep_is_refused_with_its_names(alice):
    people = _chain(alice)
    ada, gia = people[0], people[-1]
    ada.referred_by = gia
    assert referrals.referral_loop(ada) == [
        "Ada Link",
        "Gia Link",
        "Finn Link",
        "Eve Link",
        "Dev Link",
        "Cleo Link",
        "Ben Link",
        "Ada Link",
    ]
    with pytest.raises(ValidationError, match="would make a loop"):
        ada.full_clean()


def test_an_introducer_further_down_another_branch_is_no_loop(alice):
    _, ben, cleo, *_ = _chain(alice)
    other = ContactFactory(owner=alice, first_name="Omar", referred_by=ben)
    cleo.referred_by = other
    assert referrals.referral_loop(cleo) == []
    cleo.full_clean()


def test_the_walk_stays_inside_the_seekers_contacts(alice, bob):
    bobs = ContactFactory(owner=bob, first_name="Bob's")
    mine = ContactFactory(owner=alice, first_name="Mine")
    # Written behind the form's back, which refuses another seeker's contact.
    Contact.objects.filter(pk=mine.pk).update(referred_by=bobs)
    mine.refresh_from_db()
    assert referrals.chain_up(mine) == []
    assert referrals.referral_loop(mine) == []


@pytest.mark.parametrize("others", [0, 400])
def test_the_rows_read_are_the_chains_whatever_the_other_contacts(
    alice, others, django_assert_num_queries
):
    people = _chain(alice)
    _strangers(alice, others)
    gia = people[-1]
    with django_assert_num_queries(1):
        rows = referrals._walk_up(gia.referred_by_id, owner_id=alice.pk, stop_id=gia.pk)
    assert len(rows) == 6
    with django_assert_num_queries(1):
        assert len(referrals.chain_up(gia)) == 6
    people[0].referred_by = gia
    with django_assert_num_queries(1):
        assert len(referrals.referral_loop(people[0])) == 8
