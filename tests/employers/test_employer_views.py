"""The employer pages through the real views: forms, ranking, deletion."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse

from networking.employers.models import Criterion, Employer, Rating
from tests.clock import MONDAY_NOON, at
from tests.contacts.factories import ContactFactory
from tests.employers.factories import CriterionFactory, EmployerFactory, RatingFactory

pytestmark = pytest.mark.django_db


def employer_data(**overrides):
    data = {
        "name": "Northwind Health",
        "website": "https://northwind.example",
        "industry": "Healthcare",
        "location": "Toronto",
        "status": "targeting",
        "posting": "target",
        "notes": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def employer(alice):
    return EmployerFactory(owner=alice, name="Lumen Labs")


# --- create and edit -----------------------------------------------------------------


def test_it_adds_an_employer_with_ratings(alice_client, alice):
    culture = CriterionFactory(owner=alice, name="Culture", weight=5)
    remote = CriterionFactory(owner=alice, name="Remote", weight=2)
    unrated = CriterionFactory(owner=alice, name="Pay", weight=1)
    data = employer_data(**{f"rating_{culture.pk}": "5", f"rating_{remote.pk}": "3"})
    data[f"rating_{unrated.pk}"] = ""
    response = alice_client.post(reverse("employers:create"), data)
    employer = Employer.objects.get(owner=alice)
    assert response.status_code == 302
    assert response.url == employer.get_absolute_url()
    assert dict(employer.ratings.values_list("criterion__name", "score")) == {
        "Culture": 5,
        "Remote": 3,
    }
    page = alice_client.get(employer.get_absolute_url()).content.decode()
    # (4×5 + 2×2) = 24 of 28 points → 85.7 → 86
    assert "86" in page and "2 of 3 criteria rated" in page
    assert "24 of 28" in page


def test_editing_changes_removes_and_keeps_ratings(alice_client, alice, employer):
    a, b, c = (CriterionFactory(owner=alice) for _ in range(3))
    RatingFactory(employer=employer, criterion=a, score=2)
    RatingFactory(employer=employer, criterion=b, score=4)
    data = employer_data(name="Lumen Labs", **{f"rating_{a.pk}": "5", f"rating_{b.pk}": ""})
    data[f"rating_{c.pk}"] = "1"
    response = alice_client.post(reverse("employers:edit", args=[employer.pk]), data)
    assert response.status_code == 302
    assert dict(employer.ratings.values_list("criterion_id", "score")) == {a.pk: 5, c.pk: 1}


def test_the_edit_form_shows_the_current_ratings(alice_client, alice, employer):
    criterion = CriterionFactory(owner=alice)
    RatingFactory(employer=employer, criterion=criterion, score=4)
    page = alice_client.get(reverse("employers:edit", args=[employer.pk])).content.decode()
    assert f'name="rating_{criterion.pk}" value="4" class="btn-check"' in page
    assert "checked" in page.split(f'name="rating_{criterion.pk}" value="4"')[1].split(">")[0]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "This field is required."),
        ({"name": "  lumen LABS "}, "You already have an employer called “Lumen Labs”."),
        ({"status": "dreaming"}, "Select a valid choice."),
        ({"website": "not a site at all"}, "Enter a valid URL."),
    ],
)
def test_bad_input_re_renders_with_errors_and_input_kept(
    alice_client, alice, employer, overrides, message
):
    data = employer_data(notes="Keep this note", **overrides)
    response = alice_client.post(reverse("employers:create"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert "Keep this note" in body
    assert Employer.objects.owned_by(alice).count() == 1


def test_a_rating_of_six_is_refused_and_the_rest_is_kept(alice_client, alice):
    criterion = CriterionFactory(owner=alice, name="Culture")
    data = employer_data(**{f"rating_{criterion.pk}": "6"})
    response = alice_client.post(reverse("employers:create"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Rate from 1 (poor fit) to 5 (great fit), or leave it unrated." in body
    assert 'value="Northwind Health"' in body
    assert not Employer.objects.exists()


def test_the_same_name_is_fine_for_another_seeker(bob_client, bob, employer):
    response = bob_client.post(reverse("employers:create"), employer_data(name="Lumen Labs"))
    assert response.status_code == 302
    assert Employer.objects.owned_by(bob).get().name == "Lumen Labs"


def test_a_forged_criterion_id_rates_nothing(alice_client, alice, bob):
    bobs = CriterionFactory(owner=bob)
    data = employer_data(**{f"rating_{bobs.pk}": "5"})
    assert alice_client.post(reverse("employers:create"), data).status_code == 302
    assert not Rating.objects.filter(criterion=bobs).exists()


def test_the_owner_comes_from_the_session_not_the_form(alice_client, alice, bob):
    alice_client.post(reverse("employers:create"), employer_data(owner=bob.pk))
    assert Employer.objects.get().owner == alice


# --- the list ------------------------------------------------------------------------


def test_the_list_ranks_and_shows_scores(alice_client, alice):
    criterion = CriterionFactory(owner=alice, weight=4)
    for name, score in [("Middle", 3), ("Best", 5), ("Worst", 1)]:
        RatingFactory(
            employer=EmployerFactory(owner=alice, name=name), criterion=criterion, score=score
        )
    body = alice_client.get(reverse("employers:list")).content.decode()
    assert body.index("Best") < body.index("Middle") < body.index("Worst")
    assert 'value="100"' in body and 'value="50"' in body and 'value="0"' in body
    assert "1 of 1 criterion rated" in body


def test_the_list_shows_advocacy_and_contact_count(alice_client, alice):
    employer = EmployerFactory(owner=alice, name="Known")
    ContactFactory.create_batch(2, owner=alice, employer=employer)
    response = alice_client.get(reverse("employers:list"))
    row = response.context["rows"][0]["employer"]
    assert (row.has_advocate, row.contact_count) == (True, 2)
    assert "Someone inside" in response.content.decode()


def test_the_list_highlights_the_top_five_targeted(alice_client, alice):
    criterion = CriterionFactory(owner=alice)
    for n in range(7):
        employer = EmployerFactory(owner=alice, name=f"Target {n}", status="targeting")
        RatingFactory(employer=employer, criterion=criterion, score=5 - min(n, 4))
    EmployerFactory(owner=alice, name="Paused", status="paused")
    response = alice_client.get(reverse("employers:list"))
    assert [e.name for e in response.context["work_first"]] == [f"Target {n}" for n in range(5)]
    assert response.content.decode().count("Work this first") == 5


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "paused"}, ["Fernleaf Bank"]),
        ({"industry": "healthcare"}, ["Northwind Health"]),
        ({"q": "robot"}, ["Cobalt Robotics"]),
        ({"q": "toronto"}, ["Fernleaf Bank", "Northwind Health"]),
        ({"status": "bogus"}, ["Cobalt Robotics", "Fernleaf Bank", "Northwind Health"]),
    ],
)
def test_the_list_filters(alice_client, alice, query, expected):
    EmployerFactory(owner=alice, name="Northwind Health", industry="Healthcare", location="Toronto")
    EmployerFactory(owner=alice, name="Cobalt Robotics", industry="Robotics", location="Waterloo")
    EmployerFactory(
        owner=alice, name="Fernleaf Bank", industry="Banking", location="Toronto", status="paused"
    )
    response = alice_client.get(reverse("employers:list"), query)
    assert sorted(row["employer"].name for row in response.context["rows"]) == expected


def test_filters_that_match_nothing_say_so(alice_client, alice, employer):
    body = alice_client.get(reverse("employers:list"), {"q": "zzz"}).content.decode()
    assert "No employer matches these filters" in body


@override_settings(PAGE_SIZE=3)
def test_the_list_is_paginated_and_keeps_the_filters(alice_client, alice):
    for n in range(7):
        EmployerFactory(owner=alice, name=f"Acme {n}", industry="Software")
    response = alice_client.get(reverse("employers:list"), {"industry": "Software", "page": 3})
    assert [row["employer"].name for row in response.context["rows"]] == ["Acme 6"]
    assert response.context["rank_offset"] == 6
    body = response.content.decode()
    assert "Page 3 of 3" in body
    assert "?industry=Software&amp;page=2" in body


def test_the_empty_list_says_what_to_do_first(alice_client):
    body = alice_client.get(reverse("employers:list")).content.decode()
    assert "No employers yet" in body
    assert "Add your first employer" in body


def test_another_seekers_employers_never_show(alice_client, bob):
    EmployerFactory(owner=bob, name="Bob's secret employer")
    assert (
        "Bob's secret employer" not in alice_client.get(reverse("employers:list")).content.decode()
    )


def _seed_list(owner, employers, criteria=5):
    criteria = [CriterionFactory(owner=owner) for _ in range(criteria)]
    made = Employer.objects.bulk_create(
        Employer(owner=owner, name=f"Employer {n}", status="targeting", posting="any")
        for n in range(employers)
    )
    Rating.objects.bulk_create(
        Rating(employer=employer, criterion=criterion, score=(n + i) % 5 + 1)
        for n, employer in enumerate(made)
        for i, criterion in enumerate(criteria)
    )
    return made


@pytest.mark.parametrize("size", [10, 500])
def test_the_list_makes_a_fixed_number_of_queries(
    alice_client, alice, size, django_assert_max_num_queries
):
    made = _seed_list(alice, size)
    for employer in made[:5]:
        ContactFactory(owner=alice, employer=employer)
    # session, user, count, page, criteria count, top five, industries (and, to a seeker
    # without criteria, whether the suggestions were taken)
    with django_assert_max_num_queries(7):
        response = alice_client.get(reverse("employers:list"), {"status": "targeting"})
    assert response.status_code == 200
    assert len(response.context["rows"]) == min(size, 25)


def test_the_list_makes_the_same_queries_at_10_and_500_employers(alice_client, alice, bob):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for owner, size in [(alice, 10), (bob, 500)]:
        _seed_list(owner, size)
        alice_client.force_login(owner)
        alice_client.get(reverse("employers:list"))
        with CaptureQueriesContext(connection) as queries:
            alice_client.get(reverse("employers:list"))
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- the employer page -------------------------------------------------------------------


def test_the_page_explains_the_score(alice_client, alice, employer):
    culture = CriterionFactory(owner=alice, name="Innovative culture", weight=5)
    CriterionFactory(owner=alice, name="Remote-friendly", weight=2)
    RatingFactory(employer=employer, criterion=culture, score=5)
    body = alice_client.get(employer.get_absolute_url()).content.decode()
    assert "Innovative culture" in body and "5/5" in body and "×5" in body
    assert "not rated" in body
    assert "20 of 20" in body
    assert "1 of 2 criteria rated" in body


def test_without_contacts_it_prompts_for_the_person_two_levels_up(alice_client, employer):
    body = alice_client.get(employer.get_absolute_url()).content.decode()
    assert "Find the person two levels above the role you want here" in body
    assert f'href="/contacts/new/?employer={employer.pk}"' in body


def test_it_lists_contacts_with_their_advice(alice_client, alice, employer):
    # alice aims for supervisor, so her ideal contact is a director.
    ContactFactory(
        owner=alice,
        employer=employer,
        first_name="Priya",
        last_name="Raman",
        level="director",
        function="design",
    )
    ContactFactory(
        owner=alice,
        employer=employer,
        first_name="Dana",
        last_name="Whitfield",
        level="manager",
        function="hr",
    )
    body = alice_client.get(employer.get_absolute_url()).content.decode()
    assert "Priya Raman" in body and "Ideal target" in body
    assert "Recruiters screen candidates" in body
    assert "You have found 1 ideal-level contact here" in body


def test_it_says_when_no_ideal_contact_is_found_yet(alice_client, alice, employer):
    ContactFactory(owner=alice, employer=employer, level="staff", function="design")
    body = alice_client.get(employer.get_absolute_url()).content.decode()
    assert "No ideal-level contact here yet" in body
    assert "Peer insider" in body


def _people_at(employer, how_many, **fields):
    """``how_many`` contacts at ``employer``, written in one statement."""
    from networking.contacts.models import Contact

    people = ContactFactory.build_batch(how_many, owner=employer.owner, employer=employer, **fields)
    return Contact.objects.bulk_create(people)


def test_it_shows_the_ideal_level_first_then_from_the_top_of_the_ladder(
    alice_client, alice, employer
):
    # alice aims for supervisor: directors are ideal, a director in HR is not.
    people = [
        ("Zoe", "Adams", "staff", "design"),
        ("Yan", "Baker", "", "design"),
        ("Xia", "Chen", "executive", "design"),
        ("Will", "Dunn", "director", "hr"),
        ("Vera", "Evans", "director", "design"),
        ("Uma", "Ford", "manager", "design"),
        ("Tom", "Abbot", "director", "sales"),
        ("Sara", "Gray", "vp", "design"),
    ]
    for first, last, level, function in people:
        ContactFactory(
            owner=alice,
            employer=employer,
            first_name=first,
            last_name=last,
            level=level,
            function=function,
        )
    response = alice_client.get(employer.get_absolute_url())
    shown = [item.contact.full_name for item in response.context["contacts"]]
    assert shown == [
        "Tom Abbot",
        "Vera Evans",
        "Xia Chen",
        "Sara Gray",
        "Will Dunn",
        "Uma Ford",
        "Zoe Adams",
        "Yan Baker",
    ]
    body = response.content.decode()
    assert "You have found 2 ideal-level contacts here (director): Tom Abbot, Vera Evans." in body
    assert "See all" not in body  # everyone is on the page already


def test_a_big_employer_shows_the_first_people_and_links_to_them_all(
    alice_client, alice, bob, employer
):
    from networking.contacts.at_employer import SHOWN_HERE

    _people_at(employer, 11, level="director", function="design")
    _people_at(employer, 9, level="manager", function="design")
    elsewhere = EmployerFactory(owner=alice, name="Elsewhere")
    _people_at(elsewhere, 3, level="director", function="design")
    ContactFactory(owner=bob, level="director")

    body = alice_client.get(employer.get_absolute_url()).content.decode()
    assert "People here (20)" in body
    assert body.count('class="list-group-item"') == SHOWN_HERE
    assert "You have found 11 ideal-level contacts here (director): " in body
    assert f" and {11 - SHOWN_HERE} more." in body
    see_all = (
        f'href="{reverse("contacts:list")}?employer={employer.pk}">See all 20 people at Lumen Labs'
    )
    assert see_all in body
    # The link lands on the list of exactly those people.
    listed = alice_client.get(reverse("contacts:list"), {"employer": employer.pk})
    assert listed.context["page_obj"].paginator.count == 20


@pytest.mark.parametrize("size", [5, 300])
def test_the_people_here_cost_the_same_at_5_and_300_contacts(
    alice_client, alice, employer, size, django_assert_num_queries
):
    from django.db.models.signals import post_init

    from networking.contacts.at_employer import SHOWN_HERE
    from networking.contacts.models import Contact

    _people_at(employer, size, level="director", function="design")
    loaded = []

    def count(sender, instance, **kwargs):
        loaded.append(instance)

    post_init.connect(count, sender=Contact)
    try:
        # session, user, employer, criteria, ratings, the people here (the heads of the ideal
        # people and the others in one, their counts in another); the meetings panel:
        # meetings, tasks; the opportunities panel
        with django_assert_num_queries(10):
            response = alice_client.get(employer.get_absolute_url())
    finally:
        post_init.disconnect(count, sender=Contact)
    assert len(loaded) == min(size, SHOWN_HERE)
    body = response.content.decode()
    assert body.count('class="list-group-item"') == min(size, SHOWN_HERE)
    assert f"People here ({size})" in body
    assert f"You have found {size} ideal-level contacts here" in body


@at(MONDAY_NOON)  # a meeting "needs a debrief" once its time has passed
def test_it_shows_its_meetings_as_they_stand_and_the_open_follow_ups(alice_client, alice, employer):
    from tests.meetings.factories import MeetingFactory, TaskFactory, business_slot, past_slot

    priya = ContactFactory(owner=alice, employer=employer, first_name="Priya", last_name="Raman")
    held = MeetingFactory(contact=priya, starts_at=past_slot(priya.timezone))
    MeetingFactory(contact=priya, starts_at=business_slot(priya.timezone, days_ahead=2))
    TaskFactory(meeting=held, title="Send Priya Raman a thank-you note")
    body = alice_client.get(employer.get_absolute_url()).content.decode()
    assert "Needs debrief" in body  # scheduled in the past: the seeker owes a debrief
    assert "Scheduled" in body
    assert "Send Priya Raman a thank-you note" in body
    assert f'href="{held.get_absolute_url()}"' in body
    assert f'href="{priya.get_absolute_url()}"' in body


def test_without_meetings_it_says_what_comes_next(alice_client, employer):
    body = alice_client.get(employer.get_absolute_url()).content.decode()
    assert "No meeting with anyone at Lumen Labs yet" in body


@pytest.mark.parametrize("contacts", [1, 30])
def test_the_page_makes_a_bounded_number_of_queries(
    alice_client, alice, employer, contacts, django_assert_max_num_queries
):
    from django.utils import timezone

    from networking.meetings.models import Meeting

    for criterion in [CriterionFactory(owner=alice) for _ in range(contacts)]:
        RatingFactory(employer=employer, criterion=criterion, score=4)
    people = ContactFactory.create_batch(contacts, owner=alice, employer=employer)
    for hour, contact in enumerate(people):  # one meeting at a time
        Meeting.objects.create(contact=contact, starts_at=timezone.now() + timedelta(hours=hour))
    # session, user, employer, criteria, ratings, the people's heads and counts; the meetings
    # panel: meetings, tasks; the opportunities panel
    with django_assert_max_num_queries(10):
        response = alice_client.get(employer.get_absolute_url())
    assert response.status_code == 200
    with django_assert_max_num_queries(5):
        response = alice_client.get(reverse("employers:edit", args=[employer.pk]))
    assert response.status_code == 200


# --- delete ------------------------------------------------------------------------------


def test_delete_confirms_with_what_goes_with_it_and_deletes_on_post(alice_client, alice, employer):
    from networking.contacts.models import OutreachAttempt
    from tests.contacts.factories import OutreachAttemptFactory

    RatingFactory(employer=employer, criterion=CriterionFactory(owner=alice))
    contacts = ContactFactory.create_batch(2, owner=alice, employer=employer)
    OutreachAttemptFactory.create_batch(3, contact=contacts[0])
    url = reverse("employers:delete", args=[employer.pk])
    body = alice_client.get(url).content.decode()
    assert "<li>2 contacts</li>" in body
    assert "<li>3 outreach attempts</li>" in body
    assert "<li>1 rating</li>" in body
    assert Employer.objects.filter(pk=employer.pk).exists()

    response = alice_client.post(url)
    assert response.status_code == 302 and response.url == reverse("employers:list")
    assert not Employer.objects.filter(pk=employer.pk).exists()
    assert not OutreachAttempt.objects.exists()
    assert Criterion.objects.owned_by(alice).exists()


def test_delete_counts_meetings(alice_client, alice, employer):
    from django.utils import timezone

    from networking.meetings.models import Meeting

    contact = ContactFactory(owner=alice, employer=employer)
    Meeting.objects.create(contact=contact, starts_at=timezone.now())
    body = alice_client.get(reverse("employers:delete", args=[employer.pk])).content.decode()
    assert "<li>1 meeting</li>" in body


# --- the score as the seeker rates ----------------------------------------------------------


def test_the_form_previews_the_score_from_the_server(alice_client, alice, bob):
    culture = CriterionFactory(owner=alice, weight=5)
    CriterionFactory(owner=alice, weight=2)
    bobs = CriterionFactory(owner=bob, weight=5)
    response = alice_client.post(
        reverse("employers:fit_preview"),
        {f"rating_{culture.pk}": "4", f"rating_{bobs.pk}": "1"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="75"' in body  # 15 of 20 points; bob's criterion is not alice's
    assert "1 of 2 criteria rated" in body


def test_the_preview_ignores_ratings_out_of_range(alice_client, alice):
    culture = CriterionFactory(owner=alice)
    response = alice_client.post(reverse("employers:fit_preview"), {f"rating_{culture.pk}": "6"})
    assert "not rated yet" in response.content.decode()


def test_the_preview_is_post_only_and_for_signed_in_seekers(client, alice_client):
    assert alice_client.get(reverse("employers:fit_preview")).status_code == 405
    client.logout()
    response = client.post(reverse("employers:fit_preview"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_form_shows_the_current_score(alice_client, alice, employer):
    criterion = CriterionFactory(owner=alice)
    RatingFactory(employer=employer, criterion=criterion, score=5)
    body = alice_client.get(reverse("employers:edit", args=[employer.pk])).content.decode()
    assert 'aria-label="Fit score 100 out of 100"' in body


@pytest.mark.parametrize("size", [2, 40])
def test_forms_and_confirmations_make_a_fixed_number_of_queries(
    alice_client, alice, employer, size, django_assert_max_num_queries
):
    from networking.employers.models import CriteriaSuggestion

    CriteriaSuggestion.objects.create(owner=alice)
    criteria = CriterionFactory.create_batch(size, owner=alice)
    for criterion in criteria:
        RatingFactory(employer=employer, criterion=criterion, score=4)
    ContactFactory.create_batch(size, owner=alice, employer=employer)
    ratings = {f"rating_{criterion.pk}": "3" for criterion in criteria}
    # session, user, criteria
    with django_assert_max_num_queries(3):
        assert alice_client.get(reverse("employers:create")).status_code == 200
    # session, user, employer, and one count per kind of record that goes with it (ratings,
    # contacts, outreach, meetings, tasks, agenda items, coach's notes' links, opportunities,
    # their stage changes), however many there are
    with django_assert_max_num_queries(12):
        assert alice_client.get(reverse("employers:delete", args=[employer.pk])).status_code == 200
    # session, user, criterion, its ratings
    with django_assert_max_num_queries(4):
        url = reverse("employers:criterion_delete", args=[criteria[0].pk])
        assert alice_client.get(url).status_code == 200
    # session, user, criteria
    with django_assert_max_num_queries(3):
        assert alice_client.post(reverse("employers:fit_preview"), ratings).status_code == 200


def test_the_industry_filter_offers_each_industry_once_in_any_case(alice_client, alice):
    EmployerFactory(owner=alice, industry="Software")
    EmployerFactory(owner=alice, industry="software")
    EmployerFactory(owner=alice, industry="Banking")
    EmployerFactory(owner=alice, industry="")
    response = alice_client.get(reverse("employers:list"), {"industry": "SOFTWARE"})
    assert response.context["industries"] == ["Banking", "Software"]
    assert len(response.context["rows"]) == 2
