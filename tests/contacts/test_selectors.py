"""The reads the dashboard calls: due follow-ups, awaiting replies, second contacts, the funnel."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from core.counts import count_each
from networking.contacts import selectors
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory
from tests.employers.factories import EmployerFactory

pytestmark = pytest.mark.django_db

TORONTO = ZoneInfo("America/Toronto")
NOW = datetime(2026, 12, 10, 10, 0, tzinfo=TORONTO)  # Thursday
TODAY = date(2026, 12, 10)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def asked(contact, when, **extra):
    return OutreachAttemptFactory(contact=contact, sent_at=when, **extra)


def test_follow_ups_due_today_and_overdue_oldest_first(alice, bob):
    today = ContactFactory(owner=alice, first_name="Today")
    overdue = ContactFactory(owner=alice, first_name="Overdue")
    later = ContactFactory(owner=alice, first_name="Later")
    noon = ContactFactory(owner=alice, first_name="Noon")
    asked(today, datetime(2026, 12, 1, 11, 59, tzinfo=TORONTO))  # due Thu 10 Dec
    asked(noon, datetime(2026, 12, 1, 12, 1, tzinfo=TORONTO))  # due Fri 11 Dec
    asked(overdue, datetime(2026, 11, 27, 10, tzinfo=TORONTO))  # Friday: due Tue 8 Dec
    asked(later, datetime(2026, 12, 7, 10, tzinfo=TORONTO))
    asked(ContactFactory(owner=bob), datetime(2026, 11, 20, 10, tzinfo=TORONTO))
    due = selectors.follow_ups_due(alice, TODAY)
    assert [(c.first_name, c.follow_up_due_on) for c in due] == [
        ("Overdue", date(2026, 12, 8)),
        ("Today", date(2026, 12, 10)),
    ]


def test_answered_or_resting_contacts_are_not_due(alice):
    answered = ContactFactory(owner=alice)
    asked(
        answered,
        datetime(2026, 11, 2, 10, tzinfo=TORONTO),
        reply="declined",
        replied_at=datetime(2026, 11, 3, 10, tzinfo=TORONTO),
    )
    resting = ContactFactory(owner=alice)
    asked(resting, datetime(2026, 10, 1, 10, tzinfo=TORONTO))
    for day in (12, 22):
        asked(resting, datetime(2026, 10, day, 10, tzinfo=TORONTO), kind="follow_up")
    assert list(selectors.follow_ups_due(alice, TODAY)) == []


def test_a_due_date_stays_put_and_comes_due_on_the_seekers_own_day(alice):
    """The due date is stored once, counted in the contact's business days; "today" is the
    seeker's, read when the list is."""
    tokyo = ContactFactory(owner=alice, timezone="Asia/Tokyo")
    # Fri 4 Dec 11:00 in Toronto is Sat 5 Dec 01:00 in Tokyo: counted from Mon 7 Dec there.
    asked(tokyo, datetime(2026, 12, 4, 11, tzinfo=TORONTO))
    tokyo.refresh_from_db()
    assert tokyo.follow_up_due_on == date(2026, 12, 16)
    assert list(selectors.follow_ups_due(alice)) == []
    # Already the 16th in Tokyo, still the 15th for the seeker.
    with time_machine.travel(datetime(2026, 12, 15, 23, 59, tzinfo=TORONTO), tick=False):
        assert list(selectors.follow_ups_due(alice)) == []
    for moment in (datetime(2026, 12, 16, 0, 1), datetime(2027, 1, 20, 9)):
        with time_machine.travel(moment.replace(tzinfo=TORONTO), tick=False):
            due = selectors.follow_ups_due(alice)
            assert [(c, c.follow_up_due_on) for c in due] == [(tokyo, date(2026, 12, 16))]


def test_awaiting_reply_lists_unanswered_requests(alice):
    waiting = ContactFactory(owner=alice)
    asked(waiting, datetime(2026, 12, 8, 10, tzinfo=TORONTO))
    yes = ContactFactory(owner=alice)
    asked(
        yes,
        datetime(2026, 12, 8, 10, tzinfo=TORONTO),
        reply="accepted",
        replied_at=datetime(2026, 12, 9, 10, tzinfo=TORONTO),
    )
    ContactFactory(owner=alice)
    assert list(selectors.awaiting_reply(alice)) == [waiting]


def test_a_second_contact_is_suggested_after_three_business_days(alice):
    cobalt = EmployerFactory(owner=alice, name="Cobalt Robotics")
    kestrel = EmployerFactory(owner=alice, name="Kestrel Games")
    elena = ContactFactory(owner=alice, employer=cobalt)
    asked(elena, datetime(2026, 12, 4, 10, tzinfo=TORONTO))  # Fri: 3 business days on Wed 9
    fresh = ContactFactory(owner=alice, employer=kestrel)
    asked(fresh, datetime(2026, 12, 7, 10, tzinfo=TORONTO))  # Mon: 3 business days on Thu 10
    found = selectors.second_contact_suggestions(alice, TODAY)
    assert [(s.contact, s.employer_name, s.since) for s in found] == [
        (elena, "Cobalt Robotics", date(2026, 12, 9)),
        (fresh, "Kestrel Games", date(2026, 12, 10)),
    ]
    # Once someone else there is asked, the suggestion is met.
    asked(ContactFactory(owner=alice, employer=cobalt), datetime(2026, 12, 9, 10, tzinfo=TORONTO))
    assert [s.contact for s in selectors.second_contact_suggestions(alice, TODAY)] == [fresh]


def test_second_contacts_asked_the_same_day_at_one_employer_come_by_name(alice):
    """Two people at one employer, both asked the same day long ago: the suggestions keep the
    list's order among them (by name), whatever order they were added in."""
    beta = EmployerFactory(owner=alice, name="Beta Labs")
    zed = ContactFactory(owner=alice, employer=beta, first_name="Zed", last_name="Ames")
    abe = ContactFactory(owner=alice, employer=beta, first_name="Abe", last_name="Ames")
    for person in (zed, abe):
        asked(person, datetime(2026, 9, 1, 10, tzinfo=TORONTO))
    found = selectors.second_contact_suggestions(alice, TODAY)
    assert [s.contact for s in found] == [abe, zed]


def test_the_funnel_counts_contacts_those_asked_and_those_referred(
    alice, bob, django_assert_num_queries
):
    first, *_ = ContactFactory.create_batch(3, owner=alice)
    ContactFactory(owner=alice, referred_by=first, referral_dismissed_at=timezone.now())
    ContactFactory(owner=bob, referred_by=ContactFactory(owner=bob))
    asked_twice = ContactFactory(owner=alice)
    asked(asked_twice, datetime(2026, 11, 2, 10, tzinfo=TORONTO))
    asked(asked_twice, datetime(2026, 11, 3, 10, tzinfo=TORONTO), kind="follow_up")
    yes = ContactFactory(owner=alice)
    asked(
        yes,
        datetime(2026, 12, 1, 10, tzinfo=TORONTO),
        reply="accepted",
        replied_at=datetime(2026, 12, 1, 15, tzinfo=TORONTO),
    )
    asked(ContactFactory(owner=bob), datetime(2026, 12, 1, 10, tzinfo=TORONTO))
    with django_assert_num_queries(1):
        counts = count_each(**selectors.funnel_sets(alice))
    assert counts == {"contacts": 6, "requests_sent": 2, "referrals": 1}


def test_the_dashboard_selectors_make_a_fixed_number_of_queries(
    alice, django_assert_max_num_queries
):
    for n in range(30):
        contact = ContactFactory(owner=alice)
        asked(contact, datetime(2026, 11, 2 + n % 20, 10, tzinfo=TORONTO))
    with django_assert_max_num_queries(1):
        assert len(selectors.follow_ups_due(alice, TODAY)) == 30
    with django_assert_max_num_queries(1):
        selectors.second_contact_suggestions(alice, TODAY)
    with django_assert_max_num_queries(1):
        list(selectors.awaiting_reply(alice))


# --- the contact page ----------------------------------------------------------------------


def page_of(contact, owner):
    from networking.contacts.models import Contact

    loaded = Contact.objects.owned_by(owner).with_status().get(pk=contact.pk)
    return selectors.contact_page(loaded, owner=owner, now=NOW)


def test_the_contact_page_awaits_a_reply_on_the_latest_message_of_the_cycle(alice):
    priya = ContactFactory(owner=alice)
    request = asked(priya, datetime(2026, 11, 2, 10, tzinfo=TORONTO))
    follow_up = asked(priya, datetime(2026, 11, 12, 10, tzinfo=TORONTO), kind="follow_up")
    page = page_of(priya, alice)
    awaiting = {attempt.pk: attempt.awaits_reply for attempt in page["attempts"]}
    assert awaiting == {request.pk: False, follow_up.pk: True}
    assert all(attempt.answerable for attempt in page["attempts"])


def test_the_contact_page_names_colleagues_to_approach_second(alice):
    priya = ContactFactory(owner=alice, first_name="Priya")
    colleague = ContactFactory(owner=alice, first_name="Sam", employer=priya.employer)
    ContactFactory(owner=alice, first_name="Elsewhere")
    asked(priya, datetime(2026, 12, 1, 10, tzinfo=TORONTO))  # three business days ago and more
    page = page_of(priya, alice)
    assert page["suggest_second_contact"] is True
    assert page["colleagues"] == [colleague]


def test_the_contact_page_reads_the_advice_for_the_owners_target_level(alice):
    priya = ContactFactory(owner=alice, level="director", function="design")
    page = page_of(priya, alice)
    assert page["advice"].is_ideal  # alice aims at supervisor: director is two steps above
    assert page["attempts"] == [] and page["colleagues"] == []


def test_search_hits_come_in_alphabetical_order_whatever_their_case(alice):
    for last in ["zeta", "Alpha", "beta", "Gamma"]:
        ContactFactory(owner=alice, last_name=last, title="Product Designer")
    ContactFactory(owner=alice, last_name="Aaron", title="Engineer")
    hits = selectors.contacts_for_list(alice, {"q": "designer"})
    assert [contact.last_name for contact in hits] == ["Alpha", "beta", "Gamma", "zeta"]
