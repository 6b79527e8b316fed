"""The network page: who led to whom, and the yield of the meetings (SPEC §1 step 9)."""

import pytest
from django.urls import reverse

from networking.contacts.models import OutreachAttempt
from networking.progress import network
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory
from tests.factories import ValueStatementFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, business_slot, past_slot

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
    forest = network.referral_forest(alice)
    assert [root.contact for root in forest.chains] == [jordan]
    root = forest.chains[0]
    assert [child.contact for child in root.children] == [olivia, priya]
    assert [child.contact for child in root.children[1].children] == [sam]
    assert root.size == 3
    assert forest.unchained == 1
    assert forest.introductions == 3
    assert (root.more, forest.chains_left_out, forest.people_left_out) == (0, 0, 0)


def test_the_largest_chain_comes_first(alice):
    _chain(alice)
    nadia = ContactFactory(owner=alice, first_name="Nadia")
    ContactFactory(owner=alice, first_name="Ben", referred_by=nadia)
    chains = network.referral_forest(alice).chains
    assert [root.contact.first_name for root in chains] == ["Jordan", "Nadia"]


def test_the_yield_counts_meetings_requests_and_referrals(alice):
    jordan, priya, sam, olivia, loner = _chain(alice)
    asked = {
        contact: OutreachAttemptFactory(contact=contact, kind=OutreachAttempt.Kind.REQUEST)
        for contact in (jordan, priya, loner)
    }
    OutreachAttemptFactory(contact=jordan, kind=OutreachAttempt.Kind.FOLLOW_UP)
    held = MeetingFactory(
        contact=jordan,
        starts_at=past_slot(jordan.timezone),
        status="debriefed",
        request=asked[jordan],
    )
    held.referred_contacts.add(priya, olivia)
    MeetingFactory(
        contact=priya,
        starts_at=past_slot(priya.timezone, days_back=2),
        status="held",
        request=asked[priya],
    )
    MeetingFactory(contact=sam)  # scheduled, upcoming, never asked for
    MeetingFactory(contact=loner, status="cancelled", request=asked[loner])

    result = network.yield_for(alice)
    assert result.meetings_held == 2
    assert result.meetings_from_requests == 2  # Sam was never asked; Loner's was cancelled
    assert result.requests_sent == 3
    assert result.referrals == 2
    assert result.referrals_per_meeting == 1.0
    assert result.meetings_per_request == pytest.approx(2 / 3)
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
    _long_chain(alice, 80)
    for n in range(30):
        _long_chain(alice, 2, name=f"Pair{n}-")
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
        # The links between people, a count of everyone, the people shown.
        with django_assert_num_queries(3):
            forest = network.referral_forest(alice)
    finally:
        post_init.disconnect(count, sender=Contact)
    assert sorted(c.first_name for c in loaded) == ["Jordan", "Olivia", "Priya", "Sam"]
    assert [root.contact.first_name for root in forest.chains] == ["Jordan"]
    assert forest.unchained == 1 + strangers


def _long_chain(owner, length, name="Link"):
    parent = None
    for i in range(length):
        parent = ContactFactory(owner=owner, first_name=f"{name}{i:03}", referred_by=parent)


def test_a_big_network_shows_its_largest_chains_first_and_counts_the_rest(alice, monkeypatch):
    monkeypatch.setattr(network, "SHOWN", 7)
    _chain(alice)  # Jordan: 3 introductions
    _long_chain(alice, 5)  # Link000: 4
    nadia = ContactFactory(owner=alice, first_name="Nadia")
    ContactFactory(owner=alice, first_name="Ben", referred_by=nadia)  # Nadia: 1
    forest = network.referral_forest(alice)
    # Link000's chain (5 people) first, then Jordan and Olivia: seven people in all.
    assert [root.contact.first_name for root in forest.chains] == ["Link000", "Jordan"]
    jordan = forest.chains[1]
    assert [child.contact.first_name for child in jordan.children] == ["Olivia"]
    assert (jordan.size, jordan.more) == (3, 2)  # Priya and Sam left out below Jordan
    assert (forest.chains_left_out, forest.people_left_out) == (1, 2)  # Nadia and Ben
    assert forest.introductions == 3 + 4 + 1
    assert forest.unchained == 1  # the loner


def test_someone_introduced_by_another_seekers_contact_starts_a_chain_or_is_alone(alice, bob):
    stranger = ContactFactory(owner=bob, first_name="Stranger")
    kim = ContactFactory(owner=alice, first_name="Kim", referred_by=stranger)
    ContactFactory(owner=alice, first_name="Lou", referred_by=kim)
    ContactFactory(owner=alice, first_name="Max", referred_by=stranger)
    forest = network.referral_forest(alice)
    assert [root.contact.first_name for root in forest.chains] == ["Kim"]
    assert [c.contact.first_name for c in forest.chains[0].children] == ["Lou"]
    assert (forest.introductions, forest.unchained) == (1, 1)  # Max is in no chain


def test_the_page_says_what_it_leaves_out(alice_client, alice, monkeypatch):
    monkeypatch.setattr(network, "SHOWN", 3)
    _chain(alice)
    nadia = ContactFactory(owner=alice, first_name="Nadia", last_name="Ali")
    ContactFactory(owner=alice, first_name="Ben", referred_by=nadia)
    body = alice_client.get(reverse("network")).content.decode()
    assert "Jordan Lee" in body and "Olivia Grant" in body and "Priya Raman" in body
    assert "Sam Ortiz" not in body and "Nadia Ali" not in body
    assert "…and 1 more introduced through Priya" in body
    assert "…and 1 smaller chain (2 people), not shown here" in body
    assert "4 introductions in all" in body


def test_one_request_counts_one_meeting_at_most(alice, alice_client):
    jordan, priya, sam, *_ = _chain(alice)
    request = OutreachAttemptFactory(contact=jordan, kind=OutreachAttempt.Kind.REQUEST)
    MeetingFactory(
        contact=jordan, starts_at=past_slot(jordan.timezone), status="held", request=request
    )
    # A second meeting on the same yes, and one booked without any request.
    MeetingFactory(
        contact=jordan, starts_at=business_slot(jordan.timezone, days_ahead=1), request=request
    )
    MeetingFactory(contact=priya, starts_at=business_slot(priya.timezone, days_ahead=2))
    MeetingFactory(contact=sam, starts_at=past_slot(sam.timezone, days_back=3), status="held")
    result = network.yield_for(alice)
    assert (result.meetings_from_requests, result.requests_sent) == (1, 1)
    assert result.meetings_per_request == 1.0
    body = alice_client.get(reverse("network")).content.decode()
    assert "1 request, 1 led to a meeting" in body


def test_a_booking_through_the_form_counts_as_coming_from_the_request(alice, alice_client):
    jordan, *_ = _chain(alice)
    OutreachAttemptFactory(contact=jordan, kind=OutreachAttempt.Kind.REQUEST)
    OutreachAttemptFactory(contact=jordan, kind=OutreachAttempt.Kind.REQUEST)
    slot = business_slot(jordan.timezone, days_ahead=2)
    response = alice_client.post(
        reverse("meetings:create"),
        {
            "contact": str(jordan.pk),
            "starts_at": slot.astimezone(alice.zone).strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": "20",
            "status": "scheduled",
        },
    )
    assert response.status_code == 302
    result = network.yield_for(alice)
    assert (result.meetings_from_requests, result.requests_sent) == (1, 2)
    assert result.meetings_per_request == 0.5
