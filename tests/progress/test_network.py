"""The network page: who led to whom, and the yield of the meetings (SPEC §1 step 9)."""

import pytest
from django.urls import reverse

from networking.contacts.models import OutreachAttempt
from networking.progress import network
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory
from tests.factories import ValueStatementFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, past_slot

pytestmark = pytest.mark.django_db


def _chain(owner):
    jordan = ContactFactory(owner=owner, first_name="Jordan", last_name="Lee")
    priya = ContactFactory(owner=owner, first_name="Priya", last_name="Raman", referred_by=jordan)
    sam = ContactFactory(owner=owner, first_name="Sam", last_name="Ortiz", referred_by=priya)
    olivia = ContactFactory(owner=owner, first_name="Olivia", last_name="Grant", referred_by=jordan)
    loner = ContactFactory(owner=owner, first_name="Lonely", last_name="Pine")
    return jordan, priya, sam, olivia, loner


def test_the_tree_follows_introductions_three_deep(alice):
    jordan, priya, sam, olivia, _ = _chain(alice)
    chains, unchained = network.referral_forest(alice)
    assert [root.contact for root in chains] == [jordan]
    root = chains[0]
    assert [child.contact for child in root.children] == [olivia, priya]
    assert [child.contact for child in root.children[1].children] == [sam]
    assert root.size == 3
    assert unchained == 1


def test_the_largest_chain_comes_first(alice):
    _chain(alice)
    nadia = ContactFactory(owner=alice, first_name="Nadia")
    ContactFactory(owner=alice, first_name="Ben", referred_by=nadia)
    chains, _ = network.referral_forest(alice)
    assert [root.contact.first_name for root in chains] == ["Jordan", "Nadia"]


def test_the_yield_counts_meetings_requests_and_referrals(alice):
    jordan, priya, sam, olivia, loner = _chain(alice)
    for contact in (jordan, priya, loner):
        OutreachAttemptFactory(contact=contact, kind=OutreachAttempt.Kind.REQUEST)
    OutreachAttemptFactory(contact=jordan, kind=OutreachAttempt.Kind.FOLLOW_UP)
    held = MeetingFactory(contact=jordan, starts_at=past_slot(jordan.timezone), status="debriefed")
    held.referred_contacts.add(priya, olivia)
    MeetingFactory(contact=priya, starts_at=past_slot(priya.timezone, days_back=2), status="held")
    MeetingFactory(contact=sam)  # scheduled, upcoming
    MeetingFactory(contact=loner, status="cancelled")

    result = network.yield_for(alice)
    assert result.meetings_held == 2
    assert result.meetings_booked == 3
    assert result.requests_sent == 3
    assert result.referrals == 2
    assert result.referrals_per_meeting == 1.0
    assert result.meetings_per_request == 1.0
    assert result.employers_reached == 2  # Jordan's and Priya's employers


def test_what_worked_reads_only_meetings_that_yielded_referrals(alice):
    jordan, priya, *_ = _chain(alice)
    fruitful = MeetingFactory(
        contact=jordan, starts_at=past_slot(jordan.timezone), status="debriefed"
    )
    fruitful.referred_contacts.add(priya)
    AgendaItemFactory(meeting=fruitful, text="What changes do you see coming?", good_answer=True)
    value = ValueStatementFactory(owner=alice, figure="$1.2M")
    fruitful.value_statements.add(value)
    barren = MeetingFactory(
        contact=priya, starts_at=past_slot(priya.timezone, days_back=2), status="debriefed"
    )
    AgendaItemFactory(meeting=barren, text="Never asked where it mattered?")
    barren.value_statements.add(ValueStatementFactory(owner=alice, figure="30%"))

    worked = network.what_worked(alice)
    assert worked["fruitful_count"] == 1
    assert [(q["text"], q["meetings"], q["good"]) for q in worked["questions"]] == [
        ("What changes do you see coming?", 1, 1)
    ]
    assert [v.figure for v in worked["values"]] == ["$1.2M"]


def test_the_page_shows_the_tree_and_the_yield(alice_client, alice):
    _chain(alice)
    body = alice_client.get(reverse("network")).content.decode()
    assert "Who led to whom" in body
    assert body.index("Jordan Lee") < body.index("Priya Raman") < body.index("Sam Ortiz")
    assert "1 other contact not yet part of a chain" in body
    # Three introductions in the tree, none of them from a debrief: the page says which is which.
    assert "3 introductions in all: 0 recommended in a meeting" in body


def test_a_new_seeker_sees_what_to_do_first(alice_client):
    body = alice_client.get(reverse("network")).content.decode()
    assert "No introductions yet" in body
    assert "referrals per meeting held" in body


def test_another_seekers_network_is_invisible(bob_client, alice):
    _chain(alice)
    body = bob_client.get(reverse("network")).content.decode()
    assert "Jordan" not in body
    assert "No introductions yet" in body


def test_its_query_count_does_not_grow_with_the_network(
    alice_client, alice, django_assert_max_num_queries
):
    _chain(alice)
    with django_assert_max_num_queries(12) as small:
        alice_client.get(reverse("network"))
    parent = None
    for i in range(60):
        parent = ContactFactory(owner=alice, first_name=f"Link{i}", referred_by=parent)
    with django_assert_max_num_queries(12) as large:
        alice_client.get(reverse("network"))
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.parametrize("strangers", [0, 300])
def test_only_the_people_in_a_chain_are_read(alice, strangers, django_assert_num_queries):
    from django.db.models.signals import post_init

    from networking.contacts.models import Contact

    _chain(alice)
    Contact.objects.bulk_create(ContactFactory.build_batch(strangers, owner=alice, employer=None))
    loaded = []

    def count(sender, instance, **kwargs):
        loaded.append(instance)

    post_init.connect(count, sender=Contact)
    try:
        with django_assert_num_queries(2):  # the people in a chain; a count of the others
            chains, unchained = network.referral_forest(alice)
    finally:
        post_init.disconnect(count, sender=Contact)
    assert sorted(c.first_name for c in loaded) == ["Jordan", "Olivia", "Priya", "Sam"]
    assert [root.contact.first_name for root in chains] == ["Jordan"]
    assert unchained == 1 + strangers
