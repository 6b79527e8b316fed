"""Contacts CRUD, the list and its filters, the referral chain (SPEC §1 step 3, §2, §3, §7)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from networking.contacts.models import Contact, OutreachAttempt
from networking.employers.models import Employer
from networking.meetings.models import Meeting
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory
from tests.employers.factories import EmployerFactory

pytestmark = pytest.mark.django_db

TORONTO = ZoneInfo("America/Toronto")
NOW = datetime(2026, 12, 10, 10, 0, tzinfo=TORONTO)


def form_data(employer=None, **overrides):
    data = {
        "first_name": "Elena",
        "last_name": "Petrova",
        "email": "elena@example.com",
        "employer": employer.pk if employer else "",
        "title": "VP Design",
        "level": "vp",
        "function": "design",
        "timezone": "America/Toronto",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def frozen(alice, alice_client):
    """Time stands still at NOW, with Alice signed in at that time."""
    with time_machine.travel(NOW, tick=False):
        alice_client.force_login(alice)
        yield alice_client


@pytest.fixture
def contact(alice):
    return ContactFactory(owner=alice, first_name="Priya", last_name="Raman")


def test_the_list_names_the_view_for_the_nav(alice_client):
    assert reverse("contacts:list") == "/contacts/"
    assert b'href="/contacts/"' in alice_client.get("/dashboard/").content


# Create and edit.


def test_it_adds_a_contact_at_one_of_my_employers(alice, alice_client):
    employer = EmployerFactory(owner=alice, name="Cobalt Robotics")
    response = alice_client.post("/contacts/new/", form_data(employer))
    contact = Contact.objects.get(owner=alice)
    assert response.status_code == 302 and response.url == f"/contacts/{contact.pk}/"
    assert (contact.employer, contact.level, contact.timezone) == (employer, "vp", TORONTO.key)


def test_the_time_zone_defaults_to_the_seekers(alice, alice_client):
    alice.timezone = "Europe/Paris"
    alice.save()
    response = alice_client.get("/contacts/new/")
    assert response.context["form"]["timezone"].value() == "Europe/Paris"


def test_it_creates_an_employer_inline_and_reuses_one_by_name(alice, alice_client):
    alice_client.post("/contacts/new/", form_data(new_employer="Kestrel Games"))
    alice_client.post(
        "/contacts/new/",
        form_data(first_name="Kenji", email="kenji@example.com", new_employer="kestrel games"),
    )
    employers = Employer.objects.filter(owner=alice)
    assert [e.name for e in employers] == ["Kestrel Games"]
    assert Contact.objects.filter(employer=employers[0]).count() == 2


def test_an_employer_and_a_new_employer_together_are_refused(alice, alice_client):
    employer = EmployerFactory(owner=alice)
    response = alice_client.post("/contacts/new/", form_data(employer, new_employer="Other"))
    assert response.status_code == 200
    assert "not both" in response.content.decode()


def test_a_forged_employer_id_is_a_form_error(alice_client, bob):
    bobs = EmployerFactory(owner=bob)
    response = alice_client.post("/contacts/new/", form_data(bobs))
    assert response.status_code == 200
    assert "employer" in response.context["form"].errors
    assert not Contact.objects.exists()


def test_a_forged_referrer_id_is_a_form_error(alice_client, bob):
    bobs = ContactFactory(owner=bob)
    response = alice_client.post("/contacts/new/", form_data(referred_by=bobs.pk))
    assert response.status_code == 200
    assert "referred_by" in response.context["form"].errors
    assert list(Contact.objects.all()) == [bobs]


def test_invalid_input_is_kept(alice_client):
    response = alice_client.post("/contacts/new/", form_data(first_name="", title="Chief Hat"))
    assert response.status_code == 200
    assert b"Chief Hat" in response.content


def test_it_edits_a_contact(contact, alice_client):
    response = alice_client.post(
        f"/contacts/{contact.pk}/edit/", form_data(contact.employer, first_name="Priyanka")
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.first_name == "Priyanka"


# Referral chain.


def test_a_contact_cannot_be_referred_by_itself(contact, alice_client):
    response = alice_client.post(
        f"/contacts/{contact.pk}/edit/", form_data(contact.employer, referred_by=contact.pk)
    )
    assert response.status_code == 200
    assert "cannot introduce themselves" in response.content.decode()


def test_a_referral_cycle_is_refused_with_the_loop(alice, alice_client):
    jordan = ContactFactory(owner=alice, first_name="Jordan", last_name="Lee")
    priya = ContactFactory(owner=alice, first_name="Priya", last_name="Raman", referred_by=jordan)
    sam = ContactFactory(owner=alice, first_name="Sam", last_name="Ortiz", referred_by=priya)
    response = alice_client.post(
        f"/contacts/{jordan.pk}/edit/",
        form_data(jordan.employer, first_name="Jordan", last_name="Lee", referred_by=sam.pk),
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "would make a loop" in text
    assert "Jordan Lee would be introduced by Sam Ortiz, who was introduced by Priya Raman" in text
    jordan.refresh_from_db()
    assert jordan.referred_by is None


def test_the_page_shows_the_chain_up_and_whom_they_introduced(alice, alice_client):
    jordan = ContactFactory(owner=alice, first_name="Jordan", last_name="Lee")
    priya = ContactFactory(owner=alice, first_name="Priya", last_name="Raman", referred_by=jordan)
    sam = ContactFactory(owner=alice, first_name="Sam", last_name="Ortiz", referred_by=priya)
    text = alice_client.get(f"/contacts/{sam.pk}/").content.decode()
    assert "Introduced by" in text and "Priya Raman" in text and "Jordan Lee" in text
    assert text.index("Priya Raman</a>, who was introduced by") > 0
    priya_page = alice_client.get(f"/contacts/{priya.pk}/").content.decode()
    assert "Priya introduced you to" in priya_page and "Sam Ortiz" in priya_page


# Advice and status on the pages.


def test_the_page_and_the_list_show_the_targeting_advice(alice, alice_client):
    # Alice targets supervisor: director is ideal, HR gets the recruiter advice.
    director = ContactFactory(owner=alice, level="director", function="design")
    recruiter = ContactFactory(owner=alice, level="manager", function="hr")
    assert "Ideal target" in alice_client.get(f"/contacts/{director.pk}/").content.decode()
    assert (
        "Recruiters screen candidates"
        in alice_client.get(f"/contacts/{recruiter.pk}/").content.decode()
    )
    listing = alice_client.get("/contacts/").content.decode()
    assert "Ideal target" in listing and "HR / recruiter" in listing


def test_an_accepted_request_offers_to_book_the_meeting(contact, alice_client):
    OutreachAttemptFactory(
        contact=contact, reply="accepted", replied_at=contact.created_at + timedelta(hours=1)
    )
    text = alice_client.get(f"/contacts/{contact.pk}/").content.decode()
    assert f'href="/meetings/new/?contact={contact.pk}"' in text


def test_the_page_ends_with_the_meetings_panel_area(contact, alice_client):
    text = alice_client.get(f"/contacts/{contact.pk}/").content.decode()
    assert 'id="contact-meetings"' in text


# The list.


def test_an_empty_list_says_what_to_do_first(alice_client):
    text = alice_client.get("/contacts/").content.decode()
    assert "No contacts yet" in text and "Add your first contact" in text


def test_the_list_filters_by_employer_level_status_search_and_due(alice, frozen):
    alice_client = frozen
    cobalt = EmployerFactory(owner=alice, name="Cobalt Robotics")
    elena = ContactFactory(owner=alice, first_name="Elena", employer=cobalt, level="vp")
    aisha = ContactFactory(owner=alice, first_name="Aisha", level="director", title="UX lead")
    ContactFactory(owner=alice, first_name="Dana", level="manager", function="hr")
    OutreachAttemptFactory(contact=elena, sent_at=NOW - timedelta(days=1))
    OutreachAttemptFactory(contact=aisha, sent_at=datetime(2026, 12, 1, 10, tzinfo=TORONTO))

    def names(query):
        response = alice_client.get("/contacts/" + query)
        return sorted(c.first_name for c in response.context["contacts"])

    assert names("") == ["Aisha", "Dana", "Elena"]
    assert names(f"?employer={cobalt.pk}") == ["Elena"]
    assert names("?level=director") == ["Aisha"]
    assert names("?status=identified") == ["Dana"]
    assert names("?status=requested") == ["Aisha", "Elena"]
    assert names("?q=cobalt") == ["Elena"]
    assert names("?q=ux") == ["Aisha"]
    assert names("?due=on") == ["Aisha"]  # asked Tue 1 Dec 10:00: due Thu 10 Dec
    assert names("?employer=999999&level=nonsense") == ["Aisha", "Dana", "Elena"]
    text = alice_client.get("/contacts/?due=on").content.decode()
    assert "due today" in text


def test_the_referrals_to_write_to_are_a_filter_of_the_list(alice, alice_client):
    """The dashboard's "…and N more" of its "Write to" list opens exactly that list."""
    from django.utils import timezone

    from networking.contacts import selectors

    sofia = ContactFactory(owner=alice, first_name="Sofia")
    ContactFactory(owner=alice, first_name="Tom", referred_by=sofia)
    asked = ContactFactory(owner=alice, first_name="Ana", referred_by=sofia)
    OutreachAttemptFactory(contact=asked)
    ContactFactory(
        owner=alice, first_name="Ben", referred_by=sofia, referral_dismissed_at=timezone.now()
    )
    response = alice_client.get("/contacts/?referral=on")
    listed = [c.first_name for c in response.context["contacts"]]
    assert listed == ["Tom"]
    assert listed == [c.first_name for c in selectors.referrals_to_write_to(alice)]


def test_the_search_finds_a_name_a_title_or_the_employer_as_named_now(alice, bob, alice_client):
    kestrel = EmployerFactory(owner=alice, name="Kestrel Games")
    ContactFactory(owner=alice, first_name="Zoe", last_name="Brandt", employer=kestrel)
    ContactFactory(owner=alice, first_name="Yann", last_name="Adler", title="Head of Kestrel Labs")
    ContactFactory(owner=alice, first_name="Kestrella", last_name="Moss", employer=None)
    ContactFactory(owner=alice, first_name="Xavier", last_name="Nguyen", employer=None)
    # Bob's employer of the same name, and his contact there, are his alone.
    bobs = EmployerFactory(owner=bob, name="Kestrel")
    ContactFactory(owner=bob, first_name="Walt", employer=bobs)

    def names(query):
        response = alice_client.get("/contacts/", {"q": query})
        return [c.first_name for c in response.context["contacts"]]

    # Every field that holds it, in any case, in the list's order (last name, first name).
    assert names("kESTREL") == ["Yann", "Zoe", "Kestrella"]
    assert names("nguy") == ["Xavier"]
    kestrel.name = "Osprey Interactive"
    kestrel.save()
    assert names("osprey") == ["Zoe"]
    assert names("kestrel") == ["Yann", "Kestrella"]
    assert names("%") == []


def test_filters_that_match_nothing_offer_to_clear(alice, alice_client):
    ContactFactory(owner=alice)
    text = alice_client.get("/contacts/?q=zzzz").content.decode()
    assert "No contacts match these filters" in text


def test_bob_sees_none_of_alices_contacts(alice, bob_client):
    ContactFactory(owner=alice, first_name="Secret")
    assert b"Secret" not in bob_client.get("/contacts/").content


def test_the_list_is_paginated_and_keeps_the_filters(alice, alice_client, settings):
    settings.PAGE_SIZE = 5
    for n in range(7):
        ContactFactory(owner=alice, level="director", last_name=f"Zed{n}")
    response = alice_client.get("/contacts/?level=director&page=2")
    assert len(response.context["contacts"]) == 2
    assert "level=director&amp;page=1" in response.content.decode()


# Delete.


def test_delete_confirms_and_says_what_goes_with_the_contact(contact, alice_client):
    OutreachAttemptFactory(contact=contact)
    Meeting.objects.create(contact=contact, starts_at=NOW, status="scheduled")
    url = f"/contacts/{contact.pk}/delete/"
    text = alice_client.get(url).content.decode()
    assert "<li>1 outreach attempt</li>" in text and "<li>1 meeting</li>" in text
    assert Contact.objects.filter(pk=contact.pk).exists()
    response = alice_client.post(url)
    assert response.status_code == 302 and response.url == "/contacts/"
    assert not Contact.objects.filter(pk=contact.pk).exists()
    assert not OutreachAttempt.objects.exists() and not Meeting.objects.exists()


# Query counts: bounded, and the same at 10 and at 2,000 contacts.


def _many(owner, count):
    employers = [EmployerFactory(owner=owner) for _ in range(5)]
    contacts = Contact.objects.bulk_create(
        Contact(
            owner=owner,
            first_name=f"First{n}",
            last_name=f"Last{n:04}",
            employer=employers[n % 5],
            level=["staff", "manager", "director", "vp", "executive"][n % 5],
            function="hr" if n % 7 == 0 else "design",
            timezone="America/Toronto",
        )
        for n in range(count)
    )
    OutreachAttempt.objects.bulk_create(
        OutreachAttempt(contact=c, kind="request", sent_at=NOW - timedelta(days=n % 40))
        for n, c in enumerate(contacts[::2])
    )
    chained = contacts[: min(count, 40)]
    for child, parent in zip(chained[1:], chained[:-1], strict=True):
        child.referred_by = parent
    Contact.objects.bulk_update(chained[1:], ["referred_by"])
    return contacts


@pytest.mark.parametrize("count", [10, 2000])
def test_the_list_makes_a_bounded_number_of_queries(
    count, alice, frozen, django_assert_max_num_queries
):
    alice_client = frozen
    _many(alice, count)
    # session + user, paginator count, the page, the employer filter choices
    with django_assert_max_num_queries(5):
        response = alice_client.get("/contacts/")
    assert response.status_code == 200
    with django_assert_max_num_queries(6):  # plus one for the follow-ups due
        alice_client.get("/contacts/?due=on&status=requested&q=First")


@pytest.mark.parametrize("count", [10, 2000])
def test_the_contact_page_makes_a_bounded_number_of_queries(
    count, alice, frozen, django_assert_max_num_queries
):
    alice_client = frozen
    contacts = _many(alice, count)
    deep = contacts[min(count, 40) - 1]  # 9 or 39 introducers up the chain
    for n in range(3):
        OutreachAttemptFactory(contact=deep, kind="follow_up" if n else "request")
    # session + user, contact, outreach, the chain's pairs, introductions (6), the meetings
    # and tasks panel at the foot of the page (3), the opportunities and the coach's notes (2),
    # and its history: outreach, meetings, tasks and introductions (4).
    with django_assert_max_num_queries(15):
        response = alice_client.get(f"/contacts/{deep.pk}/")
    assert response.status_code == 200
    assert len(response.context["chain"]) == min(count, 40) - 1


# Arriving from the employer page, the dashboard or a contact's introductions.


def test_the_form_preselects_my_employer_and_introducer_from_the_address(alice, alice_client):
    employer = EmployerFactory(owner=alice)
    jordan = ContactFactory(owner=alice, first_name="Jordan")
    response = alice_client.get(f"/contacts/new/?employer={employer.pk}&referred_by={jordan.pk}")
    form = response.context["form"]
    assert (form["employer"].value(), form["referred_by"].value()) == (employer.pk, jordan.pk)
    jordans_page = alice_client.get(f"/contacts/{jordan.pk}/").content.decode()
    assert f'href="/contacts/new/?referred_by={jordan.pk}"' in jordans_page


@pytest.mark.parametrize("query", ["?employer={bobs}&referred_by={bobs_contact}", "?employer=x"])
def test_the_form_ignores_anything_but_my_own_objects_in_the_address(query, alice_client, bob):
    bobs = ContactFactory(owner=bob)
    url = "/contacts/new/" + query.format(bobs=bobs.employer_id, bobs_contact=bobs.pk)
    form = alice_client.get(url).context["form"]
    assert form["employer"].value() is None and form["referred_by"].value() is None
    assert bobs.employer.name not in alice_client.get(url).content.decode()


# The same person twice (SPEC §6's duplicate rule), e.g. a double-clicked "Add contact".


def test_a_double_submitted_contact_is_added_once(alice, alice_client):
    employer = EmployerFactory(owner=alice)
    assert alice_client.post("/contacts/new/", form_data(employer)).status_code == 302
    response = alice_client.post("/contacts/new/", form_data(employer))
    assert response.status_code == 200
    first = Contact.objects.get(owner=alice)
    assert f'You already have <a href="/contacts/{first.pk}/">Elena Petrova</a>' in (
        response.content.decode()
    )


@pytest.mark.parametrize(
    "twin",
    [
        {"first_name": "Lena", "email": "ELENA@example.com"},
        {"first_name": "Lena", "email": "", "linkedin_url": "https://linkedin.com/in/ep"},
        {"email": "", "new_employer": "cobalt robotics"},
    ],
)
def test_the_same_email_link_or_name_at_the_employer_is_a_duplicate(twin, alice, alice_client):
    cobalt = EmployerFactory(owner=alice, name="Cobalt Robotics")
    ContactFactory(
        owner=alice,
        first_name="Elena",
        last_name="Petrova",
        email="elena@example.com",
        employer=cobalt,
        linkedin_url="https://linkedin.com/in/ep",
    )
    data = form_data(None if "new_employer" in twin else cobalt, **twin)
    response = alice_client.post("/contacts/new/", data)
    assert response.status_code == 200 and "You already have" in response.content.decode()
    assert Contact.objects.count() == 1


def test_namesakes_elsewhere_and_bobs_contacts_are_not_duplicates(alice, alice_client, bob):
    ContactFactory(owner=bob, first_name="Elena", last_name="Petrova", email="elena@example.com")
    ContactFactory(owner=alice, first_name="Elena", last_name="Petrova", email="")
    employer = EmployerFactory(owner=alice)
    assert alice_client.post("/contacts/new/", form_data(employer)).status_code == 302
    assert Contact.objects.owned_by(alice).filter(email="elena@example.com").count() == 1
    assert Contact.objects.owned_by(alice).count() == 2


def test_saving_a_contact_unchanged_is_not_a_duplicate_of_itself(contact, alice_client):
    data = form_data(contact.employer, first_name="Priya", last_name="Raman", email=contact.email)
    assert alice_client.post(f"/contacts/{contact.pk}/edit/", data).status_code == 302
    contact.refresh_from_db()
    assert (contact.title, contact.level) == ("VP Design", "vp")


def test_a_yes_offers_the_booking_at_once_and_no_thank_you_before_any_meeting(
    contact, alice_client
):
    url = f"/contacts/{contact.pk}/"
    before = alice_client.get(url).content.decode()
    assert "Log an update" in before and "Log a thank-you" not in before
    OutreachAttemptFactory(
        contact=contact, reply="accepted", replied_at=contact.created_at + timedelta(hours=1)
    )
    after = alice_client.get(url).content.decode()
    assert "Log a thank-you" not in after
    assert 'status-accepted">Accepted<' in after
    assert f'btn btn-primary" href="/meetings/new/?contact={contact.pk}">Book the meeting' in after
    assert f'btn-success" href="/meetings/new/?contact={contact.pk}">Book a meeting' in after
    assert "said yes: book 15–20 minutes" in after
