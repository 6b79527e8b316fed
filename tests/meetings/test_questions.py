"""The question bank (SPEC §5, §7 ``/questions/``)."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from core.asks import JOB_ASK_WARNING, KEY_QUESTION, REFERRAL_ASK_WARNING, SALARY_REFUSAL
from networking.meetings.models import Question
from tests.meetings.factories import QuestionFactory

pytestmark = pytest.mark.django_db


def test_the_catalogue_is_seeded_with_good_questions_in_every_category():
    catalogue = Question.objects.filter(owner=None).filter(is_key=False)
    assert catalogue.count() >= 25
    assert set(catalogue.values_list("category", flat=True)) == set(Question.Category.values)
    for question in catalogue:
        assert question.text.endswith("?")


def test_the_key_question_exists_once_pinned_and_shared():
    key = Question.objects.key()
    assert key.text == KEY_QUESTION
    assert key.owner is None and not key.archived
    with pytest.raises(IntegrityError), transaction.atomic():
        Question.objects.create(text="Another key?", category="advice", is_key=True)


def test_the_key_question_cannot_be_archived_even_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Question.objects.filter(is_key=True).update(archived=True)


def test_the_bank_shows_the_catalogue_and_my_questions_not_others(alice_client, alice, bob):
    mine = QuestionFactory(owner=alice, text="What do you wish you had known earlier?")
    QuestionFactory(owner=bob, text="Bob's secret question?")
    response = alice_client.get(reverse("questions:list"))
    body = response.content.decode()
    assert response.status_code == 200
    assert mine.text in body
    assert "secret question" not in body
    assert KEY_QUESTION in body and "pinned to every agenda" in body


def test_the_bank_filters_by_category(alice_client):
    response = alice_client.get(reverse("questions:list"), {"category": "trends"})
    assert {q.category for q in response.context["questions"]} == {"trends"}


def test_a_seeker_adds_a_question(alice_client, alice):
    response = alice_client.post(
        reverse("questions:create"),
        {"text": "  Which  teams do you   work with most?  ", "category": "insights"},
    )
    assert response.status_code == 302
    question = Question.objects.get(owner=alice)
    assert (question.text, question.category) == ("Which teams do you work with most?", "insights")


def test_a_question_is_added_by_post_only(alice_client, alice):
    assert alice_client.get(reverse("questions:create")).status_code == 405
    assert not Question.objects.owned_by(alice).exists()


def test_a_salary_question_is_refused_with_the_spec_message(alice_client, alice):
    response = alice_client.post(
        reverse("questions:create"),
        {"text": "How much do designers make here?", "category": "insights"},
    )
    assert response.status_code == 200
    assert SALARY_REFUSAL in response.content.decode()
    assert 'value="How much do designers make here?"' in response.content.decode()
    assert not Question.objects.filter(owner=alice).exists()


def test_a_job_ask_is_saved_with_a_warning(alice_client, alice):
    response = alice_client.post(
        reverse("questions:create"),
        {"text": "Is your team hiring?", "category": "advice"},
        follow=True,
    )
    assert "information, not a job" in response.content.decode()
    assert Question.objects.filter(owner=alice).count() == 1


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        ("Do you have any open positions on your team?", JOB_ASK_WARNING),
        ("Could you pass my resume to the hiring manager?", REFERRAL_ASK_WARNING),
    ],
)
def test_the_bank_asks_the_one_detector_and_warns(alice_client, alice, text, warning):
    response = alice_client.post(
        reverse("questions:create"), {"text": text, "category": "advice"}, follow=True
    )
    assert warning in response.content.decode()
    assert Question.objects.get(owner=alice).text == text


def test_a_look_alike_enters_the_bank_without_a_warning(alice_client, alice):
    response = alice_client.post(
        reverse("questions:create"),
        {"text": "How do you compensate for a small team?", "category": "insights"},
        follow=True,
    )
    body = response.content.decode()
    assert JOB_ASK_WARNING not in body
    assert SALARY_REFUSAL not in body
    assert Question.objects.filter(owner=alice).count() == 1


def test_the_key_question_cannot_be_added_twice(alice_client, alice):
    response = alice_client.post(
        reverse("questions:create"), {"text": KEY_QUESTION, "category": "advice"}
    )
    assert response.status_code == 200
    assert "already on every agenda" in response.content.decode()


def test_a_duplicate_is_refused(alice_client, alice):
    QuestionFactory(owner=alice, text="What do you read?")
    response = alice_client.post(
        reverse("questions:create"), {"text": "what do you read?", "category": "resources"}
    )
    assert "already in your bank" in response.content.decode()


def test_a_seeker_edits_and_archives_their_own_question(alice_client, alice):
    question = QuestionFactory(owner=alice)
    response = alice_client.post(
        reverse("questions:edit", args=[question.pk]),
        {"text": "What is next for your team?", "category": "trends"},
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text == "What is next for your team?"
    response = alice_client.post(
        reverse("questions:edit", args=[question.pk]),
        {"text": "What are the bonuses like?", "category": "trends"},
    )
    assert SALARY_REFUSAL in response.content.decode()

    assert alice_client.get(reverse("questions:archive", args=[question.pk])).status_code == 405
    alice_client.post(reverse("questions:archive", args=[question.pk]))
    question.refresh_from_db()
    assert question.archived
    assert question not in Question.objects.bank_for(alice)
    archived = alice_client.get(reverse("questions:list"), {"archived": "1"})
    assert list(archived.context["questions"]) == [question]
    alice_client.post(reverse("questions:restore", args=[question.pk]))
    question.refresh_from_db()
    assert not question.archived


@pytest.mark.parametrize("name", ["edit", "archive", "restore"])
def test_the_key_question_and_the_catalogue_cannot_be_edited_or_archived(alice_client, name):
    key = Question.objects.key()
    catalogue = Question.objects.filter(owner=None).filter(is_key=False).first()
    for question in (key, catalogue):
        assert (
            alice_client.post(
                reverse(f"questions:{name}", args=[question.pk]),
                {"text": "Changed?", "category": "advice"},
            ).status_code
            == 404
        )
    key.refresh_from_db()
    assert key.text == KEY_QUESTION and not key.archived


@pytest.mark.parametrize("count", [10, 500])
def test_the_bank_makes_a_bounded_number_of_queries(
    alice_client, alice, django_assert_max_num_queries, count
):
    Question.objects.bulk_create(
        Question(owner=alice, text=f"Own question number {i}?", category="advice")
        for i in range(count)
    )
    with django_assert_max_num_queries(6):
        assert alice_client.get(reverse("questions:list")).status_code == 200


def test_the_catalogue_comes_back_after_a_flush():
    from networking.meetings.catalogue import ensure_catalogue

    count = Question.objects.filter(owner=None).count()
    assert ensure_catalogue(Question) == 0  # already there: nothing added
    Question.objects.filter(owner=None).delete()
    assert ensure_catalogue(Question) == count
    assert Question.objects.key().text == KEY_QUESTION


def test_the_bank_lists_categories_in_the_spec_order_own_questions_first(alice_client, alice):
    mine = QuestionFactory(owner=alice, category=Question.Category.TRENDS)
    questions = list(alice_client.get(reverse("questions:list")).context["questions"])
    categories = [question.category for question in questions]
    assert questions[0] == mine
    spec_order = list(Question.Category.values)
    assert categories == sorted(categories, key=spec_order.index)
