"""Preparation and the run sheet (SPEC §1 steps 6–7)."""

import pytest
from django.urls import reverse

from core.asks import JOB_ASK_WARNING, KEY_QUESTION, SALARY_REFUSAL
from networking.meetings.agenda import CLOSING_LINE
from networking.meetings.models import AgendaItem, Meeting, Question
from tests.contacts.factories import ContactFactory
from tests.factories import ValueStatementFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(alice):
    return MeetingFactory(contact=ContactFactory(owner=alice, first_name="Priya"))


def pick(client, meeting, question):
    return client.post(
        reverse("meetings:agenda_pick", args=[meeting.pk]), {"question": question.pk}
    )


def test_the_key_question_is_on_every_agenda_last_but_one(meeting):
    assert [line.text for line in meeting.agenda()] == [KEY_QUESTION, CLOSING_LINE]
    AgendaItemFactory(meeting=meeting, text="What changed this year?")
    AgendaItemFactory(meeting=meeting, text="What would you do in my place?")
    lines = [line.text for line in meeting.agenda()]
    assert lines[-2] == KEY_QUESTION
    assert lines[:2] == ["What changed this year?", "What would you do in my place?"]


def test_picking_bank_questions_builds_the_agenda_in_order(alice_client, meeting, alice):
    catalogue = list(Question.objects.filter(owner=None).filter(is_key=False)[:2])
    mine = QuestionFactory(owner=alice, text="What surprised you about design at Northwind?")
    for question in [*catalogue, mine]:
        assert pick(alice_client, meeting, question).status_code == 302
    pick(alice_client, meeting, mine)  # twice is once
    texts = [line.text for line in meeting.agenda()]
    assert texts == [catalogue[0].text, catalogue[1].text, mine.text, KEY_QUESTION, CLOSING_LINE]


def test_the_key_question_cannot_be_picked_twice_or_removed(alice_client, meeting):
    key = Question.objects.key()
    pick(alice_client, meeting, key)
    assert not AgendaItem.objects.exists()
    body = alice_client.get(reverse("meetings:prep", args=[meeting.pk])).content.decode()
    assert "key question · always asked" in body
    assert body.count(KEY_QUESTION) == 1


def test_another_seekers_question_cannot_be_picked(alice_client, meeting, bob):
    theirs = QuestionFactory(owner=bob)
    pick(alice_client, meeting, theirs)
    assert not AgendaItem.objects.exists()


def test_an_archived_question_cannot_be_picked(alice_client, meeting, alice):
    archived = QuestionFactory(owner=alice, archived=True)
    pick(alice_client, meeting, archived)
    assert not AgendaItem.objects.exists()


def test_items_move_up_and_down_and_are_removed(alice_client, meeting):
    first, second, third = (AgendaItemFactory(meeting=meeting, position=i) for i in range(3))
    url = reverse("meetings:agenda_move", args=[meeting.pk, third.pk])
    alice_client.post(url, {"direction": "up"})
    assert list(meeting.agenda_items.all()) == [first, third, second]
    alice_client.post(
        reverse("meetings:agenda_move", args=[meeting.pk, first.pk]), {"direction": "up"}
    )
    assert list(meeting.agenda_items.all()) == [first, third, second]  # already at the top
    alice_client.post(
        reverse("meetings:agenda_move", args=[meeting.pk, first.pk]), {"direction": "down"}
    )
    assert list(meeting.agenda_items.all()) == [third, first, second]
    alice_client.post(reverse("meetings:agenda_remove", args=[meeting.pk, first.pk]))
    assert list(meeting.agenda_items.all()) == [third, second]
    assert meeting.agenda()[-2].text == KEY_QUESTION


def test_a_meeting_specific_question_is_added(alice_client, meeting):
    response = alice_client.post(
        reverse("meetings:agenda_write", args=[meeting.pk]),
        {"text": "How did the Northwind redesign change your team?"},
    )
    assert response.status_code == 302
    item = meeting.agenda_items.get()
    assert (item.text, item.question) == ("How did the Northwind redesign change your team?", None)


def test_a_meeting_specific_salary_question_is_refused_with_the_spec_message(alice_client, meeting):
    response = alice_client.post(
        reverse("meetings:agenda_write", args=[meeting.pk]), {"text": "What is the salary band?"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert SALARY_REFUSAL in body
    assert 'value="What is the salary band?"' in body
    assert not AgendaItem.objects.exists()


def test_a_meeting_specific_job_ask_is_kept_with_a_warning(alice_client, meeting):
    response = alice_client.post(
        reverse("meetings:agenda_write", args=[meeting.pk]),
        {"text": "Are you hiring?"},
        follow=True,
    )
    assert (
        "the goal of an informational meeting is information, not a job"
        in response.content.decode().lower()
    )
    assert AgendaItem.objects.count() == 1


def test_a_job_ask_written_on_the_prep_page_goes_on_with_the_one_warning(alice_client, meeting):
    response = alice_client.post(
        reverse("meetings:agenda_write", args=[meeting.pk]),
        {"text": "Are you hiring for any analytics roles right now?"},
        follow=True,
    )
    assert JOB_ASK_WARNING in response.content.decode()
    assert meeting.agenda_items.get().text == "Are you hiring for any analytics roles right now?"


def test_a_salary_ask_in_other_words_is_refused_on_the_prep_page(alice_client, meeting):
    response = alice_client.post(
        reverse("meetings:agenda_write", args=[meeting.pk]),
        {"text": "What does a product manager make here?"},
    )
    assert SALARY_REFUSAL in response.content.decode()
    assert not AgendaItem.objects.exists()


def test_prep_saves_values_notes_and_checklist(alice_client, meeting, alice):
    values = [ValueStatementFactory(owner=alice) for _ in range(2)]
    for _ in range(3):
        AgendaItemFactory(meeting=meeting)
    response = alice_client.post(
        reverse("meetings:prep", args=[meeting.pk]),
        {
            "value_statements": [v.pk for v in values],
            "research_notes": "Northwind is rebuilding its patient app.",
            "will_ask_resume": "on",
            "will_let_them_steer": "on",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert set(meeting.value_statements.all()) == set(values)
    assert meeting.readiness() == 100
    body = alice_client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "100% ready" in body


def test_readiness_counts_the_checklist(meeting):
    assert meeting.readiness() == 0
    meeting.will_ask_resume = True
    assert meeting.readiness() == 20


def test_more_than_three_value_statements_are_refused(alice_client, meeting, alice):
    values = [ValueStatementFactory(owner=alice) for _ in range(4)]
    response = alice_client.post(
        reverse("meetings:prep", args=[meeting.pk]), {"value_statements": [v.pk for v in values]}
    )
    assert response.status_code == 200
    assert "Choose at most three" in response.content.decode()
    assert not meeting.value_statements.exists()


def test_another_seekers_value_statement_is_a_form_error(alice_client, meeting, alice, bob):
    ValueStatementFactory(owner=alice)
    theirs = ValueStatementFactory(owner=bob)
    response = alice_client.post(
        reverse("meetings:prep", args=[meeting.pk]), {"value_statements": [theirs.pk]}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not meeting.value_statements.exists()


def test_prep_of_a_meeting_booked_long_ago_is_not_refused_for_new_rules(alice_client, alice):
    # The contact moved to Tokyo after the booking: the time no longer fits, but prep still saves.
    contact = ContactFactory(owner=alice)
    meeting = MeetingFactory(contact=contact)
    contact.timezone = "Asia/Tokyo"
    contact.save()
    response = alice_client.post(
        reverse("meetings:prep", args=[meeting.pk]), {"research_notes": "x"}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.research_notes == "x"


@pytest.mark.parametrize("count", [10, 1000])
def test_the_prep_page_makes_a_bounded_number_of_queries(
    alice_client, alice, meeting, django_assert_max_num_queries, count
):
    from tests.meetings.test_meeting_views import _many_meetings

    _many_meetings(alice, count)
    for _ in range(5):
        AgendaItemFactory(meeting=meeting)
    for _ in range(count // 100):
        QuestionFactory(owner=alice)
    meeting.value_statements.add(ValueStatementFactory(owner=alice))
    # session, user, meeting (joined), agenda, values, bank, "has values?", value choices
    with django_assert_max_num_queries(8):
        response = alice_client.get(reverse("meetings:prep", args=[meeting.pk]))
    assert response.status_code == 200


def test_the_run_sheet_carries_the_timer_data_and_no_inline_script(alice_client, meeting, alice):
    meeting.value_statements.add(ValueStatementFactory(owner=alice, figure="$1.2M"))
    AgendaItemFactory(meeting=meeting, text="What changed this year?")
    body = alice_client.get(reverse("meetings:run", args=[meeting.pk])).content.decode()
    assert 'data-length-seconds="1200"' in body
    assert 'data-phase-start="0" data-phase-end="300"' in body
    assert 'data-phase-start="300" data-phase-end="900"' in body
    assert 'data-phase-start="900" data-phase-end="1200"' in body
    assert "/static/js/meetings.js" in body
    assert "<script>" not in body and "style=" not in body and "onclick" not in body
    assert "$1.2M" in body and "What changed this year?" in body
    assert body.count(KEY_QUESTION) == 2  # highlighted on its own, and in the agenda


def test_phases_follow_the_agreed_length(meeting):
    meeting.duration_minutes = 15
    assert [(p["start"], p["end"]) for p in meeting.phases()] == [(0, 225), (225, 675), (675, 900)]
