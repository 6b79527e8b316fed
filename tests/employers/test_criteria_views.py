"""The criteria page: add, edit, reorder, delete, and the suggestions for a new seeker."""

import pytest
from django.urls import reverse

from networking.employers.models import CriteriaSuggestion, Criterion, Rating
from networking.employers.selectors import SUGGESTED_CRITERIA
from tests.employers.factories import CriterionFactory, EmployerFactory, RatingFactory

pytestmark = pytest.mark.django_db

CRITERIA_URL = reverse("employers:criteria")


def names_of(user):
    return list(Criterion.objects.owned_by(user).values_list("name", flat=True))


@pytest.fixture
def criteria(alice):
    CriteriaSuggestion.objects.create(owner=alice)  # alice is past her first visit
    return [
        CriterionFactory(owner=alice, name=name, weight=weight, position=n)
        for n, (name, weight) in enumerate([("Culture", 5), ("Mission", 4), ("Remote", 2)])
    ]


# --- suggestions ---------------------------------------------------------------------------

SUGGESTED_URL = reverse("employers:criteria_suggested")


def test_a_new_seeker_is_offered_three_suggested_criteria(alice_client, alice):
    response = alice_client.get(CRITERIA_URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert "A mission I care about" in body and "Add the suggested criteria" in body
    assert names_of(alice) == []  # an offer; nothing is written until the seeker takes it


def test_taking_the_offer_starts_the_criteria_with_them(alice_client, alice):
    response = alice_client.post(SUGGESTED_URL, follow=True)
    assert response.redirect_chain == [(CRITERIA_URL, 302)]
    assert names_of(alice) == [name for name, _ in SUGGESTED_CRITERIA]
    body = response.content.decode()
    assert "three suggestions" in body
    assert "Add the suggested criteria" not in body


def test_the_employer_list_offers_them_too(alice_client, alice):
    body = alice_client.get(reverse("employers:list")).content.decode()
    assert "Add the suggested criteria" in body and "Remote-friendly" in body
    assert names_of(alice) == []


def test_deleted_suggestions_do_not_come_back(alice_client, alice):
    alice_client.post(SUGGESTED_URL)
    Criterion.objects.owned_by(alice).delete()
    assert "Add the suggested criteria" not in alice_client.get(CRITERIA_URL).content.decode()
    alice_client.post(SUGGESTED_URL)
    assert names_of(alice) == []


def test_a_seeker_with_criteria_gets_no_suggestions(alice_client, alice):
    CriterionFactory(owner=alice, name="Mine")
    assert "Add the suggested criteria" not in alice_client.get(CRITERIA_URL).content.decode()
    alice_client.post(SUGGESTED_URL)  # a page left open from before
    assert names_of(alice) == ["Mine"]


def test_suggestions_are_per_seeker(alice_client, alice, bob):
    alice_client.post(SUGGESTED_URL)
    assert names_of(bob) == []


# --- the page ------------------------------------------------------------------------------


def test_the_page_lists_criteria_in_order_with_their_rating_counts(alice_client, alice, criteria):
    RatingFactory(employer=EmployerFactory(owner=alice), criterion=criteria[1])
    body = alice_client.get(CRITERIA_URL).content.decode()
    assert (
        body.index('value="Culture"') < body.index('value="Mission"') < body.index('value="Remote"')
    )
    assert "Rated for 1 employer" in body


def test_the_empty_page_says_what_to_do_first(alice_client, alice):
    CriteriaSuggestion.objects.create(owner=alice)
    assert "No criteria yet" in alice_client.get(CRITERIA_URL).content.decode()


@pytest.mark.parametrize("size", [3, 60])
def test_the_page_makes_a_fixed_number_of_queries(
    alice_client, alice, size, django_assert_max_num_queries
):
    CriteriaSuggestion.objects.create(owner=alice)
    CriterionFactory.create_batch(size, owner=alice)
    with django_assert_max_num_queries(4):
        assert alice_client.get(CRITERIA_URL).status_code == 200


# --- add -----------------------------------------------------------------------------------


def test_it_adds_a_criterion_at_the_end(alice_client, alice, criteria):
    response = alice_client.post(CRITERIA_URL, {"new-name": "Pay transparency", "new-weight": "1"})
    assert response.status_code == 302
    assert names_of(alice)[-1] == "Pay transparency"
    assert Criterion.objects.get(name="Pay transparency").weight == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"new-name": "", "new-weight": "3"}, "This field is required."),
        ({"new-name": "Kind people", "new-weight": "0"}, "Pick a weight from 1 (a small plus)"),
        ({"new-name": "Kind people", "new-weight": "6"}, "Pick a weight from 1 (a small plus)"),
        (
            {"new-name": "  culture ", "new-weight": "3"},
            "You already have a criterion called “Culture”.",
        ),
    ],
)
def test_bad_input_re_renders_with_errors_and_input_kept(
    alice_client, alice, criteria, data, message
):
    response = alice_client.post(CRITERIA_URL, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    if data["new-name"].strip():
        assert f'value="{data["new-name"]}"' in body
    assert len(names_of(alice)) == 3


# --- edit ----------------------------------------------------------------------------------


def test_it_edits_a_criterion_in_place(alice_client, alice, criteria):
    culture = criteria[0]
    prefix = f"criterion-{culture.pk}"
    response = alice_client.post(
        reverse("employers:criterion_edit", args=[culture.pk]),
        {f"{prefix}-name": "Innovative culture", f"{prefix}-weight": "4"},
    )
    assert response.status_code == 302
    culture.refresh_from_db()
    assert (culture.name, culture.weight) == ("Innovative culture", 4)


def test_a_bad_edit_shows_the_error_on_its_row(alice_client, alice, criteria):
    remote = criteria[2]
    prefix = f"criterion-{remote.pk}"
    response = alice_client.post(
        reverse("employers:criterion_edit", args=[remote.pk]),
        {f"{prefix}-name": "MISSION", f"{prefix}-weight": "0"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "You already have a criterion called “Mission”." in body
    assert "Pick a weight from 1" in body
    assert 'value="MISSION"' in body
    remote.refresh_from_db()
    assert remote.name == "Remote"


def test_keeping_its_own_name_in_another_case_is_fine(alice_client, alice, criteria):
    remote = criteria[2]
    prefix = f"criterion-{remote.pk}"
    alice_client.post(
        reverse("employers:criterion_edit", args=[remote.pk]),
        {f"{prefix}-name": "REMOTE", f"{prefix}-weight": "2"},
    )
    remote.refresh_from_db()
    assert remote.name == "REMOTE"


def test_changing_a_weight_changes_the_scores(alice_client, alice, criteria):
    employer = EmployerFactory(owner=alice)
    RatingFactory(employer=employer, criterion=criteria[0], score=5)
    RatingFactory(employer=employer, criterion=criteria[2], score=1)
    before = alice_client.get(employer.get_absolute_url()).context["page"].fit.score
    prefix = f"criterion-{criteria[2].pk}"
    alice_client.post(
        reverse("employers:criterion_edit", args=[criteria[2].pk]),
        {f"{prefix}-name": "Remote", f"{prefix}-weight": "5"},
    )
    after = alice_client.get(employer.get_absolute_url()).context["page"].fit.score
    assert (before, after) == (71, 50)  # 20 of 28 → 71; 20 of 40 → 50


# --- reorder -------------------------------------------------------------------------------


def test_it_moves_criteria_up_and_down(alice_client, alice, criteria):
    culture, _mission, remote = criteria
    alice_client.post(reverse("employers:criterion_move", args=[remote.pk]), {"direction": "up"})
    assert names_of(alice) == ["Culture", "Remote", "Mission"]
    body = alice_client.get(CRITERIA_URL).content.decode()
    assert body.index('value="Remote"') < body.index('value="Mission"')
    alice_client.post(reverse("employers:criterion_move", args=[culture.pk]), {"direction": "down"})
    assert names_of(alice) == ["Remote", "Culture", "Mission"]


def test_moving_past_the_end_changes_nothing(alice_client, alice, criteria):
    url = reverse("employers:criterion_move", args=[criteria[0].pk])
    assert alice_client.post(url, {"direction": "up"}).status_code == 302
    alice_client.post(url, {"direction": "sideways"})
    assert names_of(alice) == ["Culture", "Mission", "Remote"]


def test_moving_works_from_equal_positions(alice_client, alice):
    CriteriaSuggestion.objects.create(owner=alice)
    *_, c = [CriterionFactory(owner=alice, name=name, position=0) for name in "ABC"]
    alice_client.post(reverse("employers:criterion_move", args=[c.pk]), {"direction": "up"})
    assert names_of(alice) == ["A", "C", "B"]


def test_moving_is_post_only(alice_client, criteria):
    url = reverse("employers:criterion_move", args=[criteria[2].pk])
    assert alice_client.get(url, {"direction": "up"}).status_code == 405


# --- delete --------------------------------------------------------------------------------


def test_delete_confirms_with_the_number_of_ratings(alice_client, alice, criteria):
    culture = criteria[0]
    for _ in range(3):
        RatingFactory(employer=EmployerFactory(owner=alice), criterion=culture)
    url = reverse("employers:criterion_delete", args=[culture.pk])
    body = alice_client.get(url).content.decode()
    assert "It has 3 ratings" in body
    assert Rating.objects.count() == 3

    assert alice_client.post(url).status_code == 302
    assert names_of(alice) == ["Mission", "Remote"]
    assert Rating.objects.count() == 0


def test_delete_without_ratings_says_no_score_changes(alice_client, criteria):
    body = alice_client.get(
        reverse("employers:criterion_delete", args=[criteria[1].pk])
    ).content.decode()
    assert "No employer is rated on it yet" in body


# --- ownership -----------------------------------------------------------------------------


def test_another_seeker_cannot_touch_them(bob_client, alice, criteria):
    culture = criteria[0]
    prefix = f"criterion-{culture.pk}"
    assert (
        bob_client.get(reverse("employers:criterion_delete", args=[culture.pk])).status_code == 404
    )
    for name, data in [
        ("employers:criterion_edit", {f"{prefix}-name": "Hacked", f"{prefix}-weight": "1"}),
        ("employers:criterion_move", {"direction": "down"}),
        ("employers:criterion_delete", {}),
    ]:
        assert bob_client.post(reverse(name, args=[culture.pk]), data).status_code == 404
    assert names_of(alice) == ["Culture", "Mission", "Remote"]
    body = bob_client.get(CRITERIA_URL).content.decode()
    assert "Culture" not in body.replace("A culture where I would thrive", "")


# --- htmx: rows saved in place -----------------------------------------------------------


def test_htmx_saves_a_row_in_place_and_says_so(alice_client, alice, criteria):
    culture = criteria[0]
    prefix = f"criterion-{culture.pk}"
    response = alice_client.post(
        reverse("employers:criterion_edit", args=[culture.pk]),
        {f"{prefix}-name": "Innovative culture", f"{prefix}-weight": "4"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="criteria-rows"' in body
    assert body.count("“Innovative culture” saved.") == 2  # the page's and the swapped rows'
    culture.refresh_from_db()
    assert (culture.name, culture.weight) == ("Innovative culture", 4)


def test_htmx_shows_a_bad_row_with_its_error(alice_client, alice, criteria):
    remote = criteria[2]
    prefix = f"criterion-{remote.pk}"
    response = alice_client.post(
        reverse("employers:criterion_edit", args=[remote.pk]),
        {f"{prefix}-name": "", f"{prefix}-weight": "2"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    remote.refresh_from_db()
    assert remote.name == "Remote"


def test_htmx_moves_a_row_in_place(alice_client, alice, criteria):
    response = alice_client.post(
        reverse("employers:criterion_move", args=[criteria[2].pk]),
        {"direction": "up"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.index('value="Remote"') < body.index('value="Mission"')
    assert names_of(alice) == ["Culture", "Remote", "Mission"]
