"""Each employer stores its fit score and rated count (SPEC §1 step 2), and every write that
changes a rating or a weight keeps them: the employer's form, the criteria page (a weight, a
deletion), the admin, the demo. A property test plays any sequence of those writes; a command
repairs what was written around them; the database refuses a score that cannot be."""

import threading
import time

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from networking.employers import services
from networking.employers.models import Criterion, Employer, Rating
from networking.employers.scoring import explain_fit
from tests.employers.factories import CriterionFactory, EmployerFactory, RatingFactory
from tests.employers.test_employer_views import employer_data
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def stored(employer) -> tuple:
    employer.refresh_from_db(fields=["fit_score", "rated_count"])
    return employer.fit_score, employer.rated_count


def by_the_rule(employer) -> tuple:
    """The score ``scoring.explain_fit`` gives, from the ratings and weights as they are."""
    criteria = Criterion.objects.owned_by(employer.owner)
    scores = dict(employer.ratings.values_list("criterion_id", "score"))
    fit = explain_fit(criteria, scores)
    return fit.score, fit.rated_count


@pytest.fixture
def criteria(alice):
    return [
        CriterionFactory(owner=alice, name="Culture", weight=5),
        CriterionFactory(owner=alice, name="Mission", weight=4),
        CriterionFactory(owner=alice, name="Remote", weight=2),
    ]


# --- through the pages -----------------------------------------------------------------------


def test_the_employer_form_stores_the_score_it_shows(alice_client, alice, criteria):
    culture, mission, remote = criteria
    data = employer_data(**{f"rating_{culture.pk}": "5", f"rating_{remote.pk}": "3"})
    data[f"rating_{mission.pk}"] = ""
    assert alice_client.post(reverse("employers:create"), data).status_code == 302
    employer = Employer.objects.get(owner=alice)
    # (4×5 + 2×2) = 24 of 28 points → 86
    assert stored(employer) == (86, 2)
    data[f"rating_{culture.pk}"] = ""
    data[f"rating_{remote.pk}"] = ""
    alice_client.post(reverse("employers:edit", args=[employer.pk]), data)
    assert stored(employer) == (None, 0)
    data[f"rating_{mission.pk}"] = "1"
    alice_client.post(reverse("employers:edit", args=[employer.pk]), data)
    assert stored(employer) == (0, 1)
    listed = alice_client.get(reverse("employers:list")).context["rows"]
    assert [(row["employer"].fit_score, row["coverage"]) for row in listed] == [
        (0, "1 of 3 criteria rated")
    ]


def test_a_form_refused_stores_nothing(alice_client, alice, criteria):
    employer = EmployerFactory(owner=alice, name="Lumen Labs")
    RatingFactory(employer=employer, criterion=criteria[0], score=5)
    data = employer_data(name="", **{f"rating_{criteria[0].pk}": "1"})
    response = alice_client.post(reverse("employers:edit", args=[employer.pk]), data)
    assert response.status_code == 200
    assert stored(employer) == (100, 1)


def test_a_new_weight_rescores_every_employer_rated_on_it(alice_client, alice, bob, criteria):
    culture, _mission, remote = criteria
    both = EmployerFactory(owner=alice, name="Both")
    RatingFactory(employer=both, criterion=culture, score=5)
    RatingFactory(employer=both, criterion=remote, score=1)
    culture_only = EmployerFactory(owner=alice, name="Culture only")
    RatingFactory(employer=culture_only, criterion=culture, score=3)
    bobs = RatingFactory(criterion__owner=bob, employer__owner=bob, score=1).employer
    assert stored(both) == (71, 2)  # 20 of 28
    prefix = f"criterion-{remote.pk}"
    alice_client.post(
        reverse("employers:criterion_edit", args=[remote.pk]),
        {f"{prefix}-name": "Remote", f"{prefix}-weight": "5"},
    )
    assert stored(both) == (50, 2) == by_the_rule(both)  # 20 of 40
    assert stored(culture_only) == (50, 1)
    assert stored(bobs) == (0, 1)
    names = [row["employer"].name for row in alice_client.get("/employers/").context["rows"]]
    assert names == ["Both", "Culture only"]  # tied at 50: by name


def test_a_deleted_criterion_leaves_the_score_of_the_others(alice_client, alice, criteria):
    culture, mission, _remote = criteria
    employer = EmployerFactory(owner=alice)
    RatingFactory(employer=employer, criterion=culture, score=5)
    RatingFactory(employer=employer, criterion=mission, score=1)
    only_culture = EmployerFactory(owner=alice)
    RatingFactory(employer=only_culture, criterion=culture, score=4)
    alice_client.post(reverse("employers:criterion_delete", args=[culture.pk]))
    assert stored(employer) == (0, 1)
    assert stored(only_culture) == (None, 0)


def test_another_seekers_criterion_changes_nothing(alice_client, bob):
    theirs = RatingFactory(criterion__owner=bob, employer__owner=bob, score=5)
    url = reverse("employers:criterion_delete", args=[theirs.criterion_id])
    assert alice_client.post(url).status_code == 404
    assert stored(theirs.employer) == (100, 1)


def test_the_admin_inline_and_the_criteria_admin_keep_the_score(client, alice, criteria):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    culture, _mission, remote = criteria
    employer = EmployerFactory(owner=alice, name="Lumen Labs")
    rating = RatingFactory(employer=employer, criterion=culture, score=5)
    data = {
        "owner": alice.pk,
        "name": "Lumen Labs",
        "status": "targeting",
        "posting": "none",
        "ratings-TOTAL_FORMS": "2",
        "ratings-INITIAL_FORMS": "1",
        "ratings-MIN_NUM_FORMS": "0",
        "ratings-MAX_NUM_FORMS": "1000",
        "ratings-0-id": rating.pk,
        "ratings-0-employer": employer.pk,
        "ratings-0-criterion": culture.pk,
        "ratings-0-score": "1",
        "ratings-1-employer": employer.pk,
        "ratings-1-criterion": remote.pk,
        "ratings-1-score": "5",
    }
    response = client.post(reverse("admin:employers_employer_change", args=[employer.pk]), data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    assert stored(employer) == (29, 2) == by_the_rule(employer)  # 8 of 28 → 28.6
    change = reverse("admin:employers_criterion_change", args=[remote.pk])
    client.post(change, {"owner": alice.pk, "name": "Remote", "weight": "1", "position": "2"})
    assert stored(employer) == (17, 2) == by_the_rule(employer)  # 4 of 24 → 16.7
    client.post(
        reverse("admin:employers_criterion_changelist"),
        {"action": "delete_selected", "_selected_action": [remote.pk], "post": "yes"},
    )
    assert stored(employer) == (0, 1) == by_the_rule(employer)


# --- any sequence of writes ------------------------------------------------------------------

writes = st.one_of(
    st.tuples(st.just("rate"), st.integers(0, 2), st.integers(0, 3), st.integers(1, 5)),
    st.tuples(st.just("unrate"), st.integers(0, 2), st.integers(0, 3)),
    st.tuples(st.just("weigh"), st.integers(0, 3), st.integers(1, 5)),
    st.tuples(st.just("add"), st.integers(1, 5)),
    st.tuples(st.just("delete"), st.integers(0, 3)),
)


def write(step, slot, owner, employers):
    criteria = list(Criterion.objects.owned_by(owner))
    what = step[0]
    if what == "add":
        services.save_criterion(Criterion(owner=owner, name=f"Added {slot}", weight=step[1]))
        return
    if what in ("rate", "unrate"):
        if not criteria:
            return
        criterion = criteria[step[2] % len(criteria)]
        score = step[3] if what == "rate" else None
        services.save_employer(employers[step[1]], scores={criterion: score})
        return
    if not criteria:
        return
    criterion = criteria[step[1] % len(criteria)]
    if what == "weigh":
        criterion.weight = step[2]
        services.save_criterion(criterion)
    else:
        services.delete_criterion(criterion)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(history=st.lists(writes, min_size=1, max_size=12))
def test_the_stored_score_is_the_rule_after_any_writes(alice, history):
    with transaction.atomic():
        criteria = [CriterionFactory(owner=alice, weight=w) for w in (5, 3)]
        employers = [EmployerFactory(owner=alice) for _ in range(3)]
        RatingFactory(employer=employers[0], criterion=criteria[0], score=4)
        for slot, step in enumerate(history):
            write(step, slot, alice, employers)
            for employer in employers:
                assert stored(employer) == by_the_rule(employer), (step, employer)
        assert not services.stale_scores().exists()
        transaction.set_rollback(True)


# --- repair, refusal, migration --------------------------------------------------------------


def test_the_command_repairs_scores_written_around_the_services(alice, bob, capsys, criteria):
    mine = EmployerFactory(owner=alice)
    Rating.objects.create(employer=mine, criterion=criteria[0], score=5)  # around the services
    fine = RatingFactory(employer__owner=alice, criterion=criteria[1]).employer
    bobs = EmployerFactory(owner=bob)
    Rating.objects.create(employer=bobs, criterion=CriterionFactory(owner=bob), score=1)
    assert set(services.stale_scores()) == {mine, bobs}
    call_command("rescore_employers", "--email", "ALICE@example.com")
    assert capsys.readouterr().out.strip() == "2 employers checked, 1 changed."
    assert stored(mine) == (100, 1)
    assert stored(fine) == by_the_rule(fine)
    assert stored(bobs) == (None, 0)
    call_command("rescore_employers")
    assert capsys.readouterr().out.strip() == "3 employers checked, 1 changed."
    call_command("rescore_employers")
    assert capsys.readouterr().out.strip() == "3 employers checked, 0 changed."


def test_the_command_says_when_a_seeker_has_no_employers(alice):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No employers for a seeker"):
        call_command("rescore_employers", "--email", alice.email)


@pytest.mark.parametrize(
    ("fit_score", "rated_count"), [(101, 1), (50, 0), (None, 2)], ids=["over", "unrated", "none"]
)
def test_the_database_refuses_a_score_that_cannot_be(alice, fit_score, rated_count):
    employer = EmployerFactory(owner=alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        Employer.objects.filter(pk=employer.pk).update(fit_score=fit_score, rated_count=rated_count)


def test_a_page_never_edits_the_score():
    assert not Employer._meta.get_field("fit_score").editable
    assert not Employer._meta.get_field("rated_count").editable


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_migration_stores_the_scores_of_the_ratings_already_there():
    alice = UserFactory()  # core is not rolled back
    apps = migrate([("employers", "0003_constraint_messages")])
    try:
        OldCriterion = apps.get_model("employers", "Criterion")
        OldEmployer = apps.get_model("employers", "Employer")
        OldRating = apps.get_model("employers", "Rating")
        culture = OldCriterion.objects.create(owner_id=alice.pk, name="Culture", weight=5)
        remote = OldCriterion.objects.create(owner_id=alice.pk, name="Remote", weight=2)
        rated = OldEmployer.objects.create(owner_id=alice.pk, name="Rated")
        OldRating.objects.create(employer=rated, criterion=culture, score=5)
        OldRating.objects.create(employer=rated, criterion=remote, score=3)
        unrated = OldEmployer.objects.create(owner_id=alice.pk, name="Unrated")
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert stored(Employer.objects.get(pk=rated.pk)) == (86, 2)
    assert stored(Employer.objects.get(pk=unrated.pk)) == (None, 0)


# --- at once, on PostgreSQL ------------------------------------------------------------------


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="races need concurrent writers: run with DATABASE_URL set to PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_a_weight_and_a_rating_saved_at_once_leave_the_score_right(monkeypatch):
    """The criteria page raises a weight while the employer's form changes a rating on it,
    the two posts interleaved at their worst: each one's ``UPDATE`` of the score reads the
    ratings and weights before the other has committed. Taking the seeker's turn, the second
    waits for the first and sums what it committed; without it, the weight's rescore (blocked
    on the employer's row, then resumed) stores the score of the old rating."""
    seeker = UserFactory()
    remote = CriterionFactory(owner=seeker, name="Remote", weight=1)
    culture = CriterionFactory(owner=seeker, name="Culture", weight=1)
    employer = EmployerFactory(owner=seeker, name="Lumen Labs")
    RatingFactory(employer=employer, criterion=remote, score=2)
    RatingFactory(employer=employer, criterion=culture, score=1)
    weight_saved, rating_rescored = threading.Event(), threading.Event()
    real_rescore = services.rescore

    def rescore(employers):
        if threading.current_thread().name == "weight":
            weight_saved.set()  # the new weight is written, not committed
            rating_rescored.wait(timeout=3)  # never comes while the rating waits its turn
            return real_rescore(employers)
        changed = real_rescore(employers)  # the rating's rescore, the weight not committed
        rating_rescored.set()
        time.sleep(0.5)  # the weight's rescore starts now, before this commits
        return changed

    monkeypatch.setattr(services, "rescore", rescore)
    responses = {}

    def post(name, url, data, after=None):
        try:
            client = Client()
            client.force_login(seeker)
            if after is not None:
                after.wait(timeout=10)
            responses[name] = client.post(url, data)
        finally:
            connection.close()

    rating = employer_data(name="Lumen Labs")
    rating.update({f"rating_{remote.pk}": "5", f"rating_{culture.pk}": "1"})
    prefix = f"criterion-{remote.pk}"
    threads = [
        threading.Thread(
            name="weight",
            target=post,
            args=(
                "weight",
                reverse("employers:criterion_edit", args=[remote.pk]),
                {f"{prefix}-name": "Remote", f"{prefix}-weight": "5"},
            ),
        ),
        threading.Thread(
            name="rating",
            target=post,
            args=("rating", reverse("employers:edit", args=[employer.pk]), rating, weight_saved),
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert {name: r.status_code for name, r in responses.items()} == {"weight": 302, "rating": 302}
    # Remote 5/5 ×5 and Culture 1/5 ×1: 20 of 24 points → 83.
    assert by_the_rule(employer) == (83, 2)
    assert stored(employer) == (83, 2)
