"""``first_of_each``: the head of several lists of one model and the length of each, in two
queries, each list in its own order, a row in two lists read once."""

import pytest

from core.firsts import first_of_each
from networking.contacts.models import Contact
from tests.contacts.factories import ContactFactory

pytestmark = pytest.mark.django_db


def test_each_list_keeps_its_order_and_its_length(alice, bob, django_assert_num_queries):
    names = ["Ada", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus"]
    people = {name: ContactFactory(owner=alice, first_name=name, last_name="X") for name in names}
    ContactFactory(owner=bob, first_name="Ada", last_name="Bob's")
    mine = Contact.objects.owned_by(alice)
    with django_assert_num_queries(2):
        firsts, read = first_of_each(
            {
                "by_name": (mine.order_by("first_name", "id"), 3),
                "newest": (mine.order_by("-id"), 2),
                "with_a": (mine.filter(first_name__contains="a").order_by("first_name"), 5),
                "nobody": (mine.filter(first_name="Zed").order_by("id"), 5),
                "not_counted": (mine.order_by("last_name", "first_name", "id"), 1, False),
            },
            mine,
        )
    assert [c.first_name for c in firsts["by_name"].rows] == ["Ada", "Ben", "Cleo"]
    assert firsts["by_name"].total == 7
    assert [c.first_name for c in firsts["newest"].rows] == ["Gus", "Fay"]
    assert (firsts["newest"].total, firsts["nobody"].total, firsts["nobody"].rows) == (7, 0, [])
    assert [c.first_name for c in firsts["not_counted"].rows] == ["Ada"]
    assert firsts["not_counted"].total is None
    assert [c.first_name for c in firsts["with_a"].rows] == ["Ada", "Fay"]
    assert firsts["with_a"].total == 2
    # Ada and Fay are each in two lists: read once, by their id.
    assert set(read) == {people[n].pk for n in ("Ada", "Ben", "Cleo", "Gus", "Fay")}


def test_rows_come_from_the_queryset_given_and_more_ids_are_read_with_them(alice, bob):
    ada = ContactFactory(owner=alice, first_name="Ada")
    theirs = ContactFactory(owner=bob, first_name="Sam")
    extra = ContactFactory(owner=alice, first_name="Extra")
    mine = Contact.objects.owned_by(alice)
    firsts, read = first_of_each(
        # A list that names another seeker's row (it never does) gets nothing from rows
        # scoped to the seeker: the row queryset decides what may be read.
        {"any": (Contact.objects.filter(pk__in=[ada.pk, theirs.pk]).order_by("id"), 5)},
        mine,
        also=[extra.pk],
    )
    assert firsts["any"].rows == [ada]
    assert firsts["any"].total == 2
    assert set(read) == {ada.pk, extra.pk}


def test_a_list_without_an_order_has_no_first_rows(alice):
    unordered = Contact.objects.owned_by(alice).order_by()
    with pytest.raises(ValueError, match="needs an order"):
        first_of_each({"any": (unordered, 3)}, Contact.objects.owned_by(alice))


def test_no_lists_read_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert first_of_each({}, Contact.objects.all()) == ({}, {})
