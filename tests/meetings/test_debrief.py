"""The debrief (SPEC §1 step 8): one form, one transaction, referrals and tasks."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from networking.contacts.models import Contact, OutreachAttempt
from networking.employers.models import Employer
from networking.meetings import services
from networking.meetings.models import Meeting, Task
from tests.contacts.factories import ContactFactory
from tests.employers.factories import EmployerFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, TaskFactory

pytestmark = pytest.mark.django_db

# Thursday 26 November 2026, 15:00 in Toronto; the meeting was this morning.
NOW = datetime(2026, 11, 26, 20, 0, tzinfo=UTC)
MET = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def jordan(alice):
    return ContactFactory(owner=alice, first_name="Jordan", last_name="Lee")


@pytest.fixture
def meeting(jordan):
    return MeetingFactory(contact=jordan, starts_at=MET)


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def debrief_data(referrals=(), answers=(), **fields):
    data = {
        "actual_minutes": "20",
        "impression": "engaged",
        "resume_left": "on",
        "notes": "Design systems are where the hiring is going.",
        **management("referrals", max(len(referrals), 2)),
        **management("answers", len(answers), len(answers)),
        **fields,
    }
    for index, referral in enumerate(referrals):
        for key, value in referral.items():
            data[f"referrals-{index}-{key}"] = value
    for index, (item, good, note) in enumerate(answers):
        data[f"answers-{index}-id"] = str(item.pk)
        if good:
            data[f"answers-{index}-good_answer"] = "on"
        data[f"answers-{index}-note"] = note
    return data


def post(client, meeting, data):
    return client.post(reverse("meetings:debrief", args=[meeting.pk]), data)


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


PRIYA = {
    "first_name": "Priya",
    "last_name": "Raman",
    "title": "Director of Product Design",
    "new_employer": "Northwind Health",
    "email": "priya@northwind.example",
    "note": "Say Jordan sent you.",
}


def test_a_debrief_with_two_referrals_saves_everything(alice_client, alice, meeting, jordan):
    lumen = EmployerFactory(owner=alice, name="Lumen Labs")
    marcus = {
        "first_name": "Marcus",
        "last_name": "Chen",
        "title": "Principal Designer",
        "employer": str(lumen.pk),
    }
    response = post(alice_client, meeting, debrief_data([PRIYA, marcus]))
    assert response.status_code == 302
    assert response.url == meeting.get_absolute_url()

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DEBRIEFED
    assert (meeting.actual_minutes, meeting.impression, meeting.resume_left) == (
        20,
        "engaged",
        True,
    )
    assert meeting.debriefed_at == NOW

    priya = Contact.objects.get(first_name="Priya")
    assert priya.owner == alice
    assert priya.referred_by == jordan
    assert priya.timezone == alice.timezone
    assert priya.employer.name == "Northwind Health"
    assert priya.employer.owner == alice
    assert priya.notes == "Say Jordan sent you."
    assert Contact.objects.get(first_name="Marcus").employer == lumen
    assert set(meeting.referred_contacts.all()) == {priya, Contact.objects.get(first_name="Marcus")}

    tasks = {task.kind: task for task in meeting.tasks.all()}
    assert set(tasks) == {"thank_you", "follow_up"}  # Jordan was not referred: no loop to close
    assert tasks["thank_you"].due_on == date(2026, 11, 27)  # next business day
    assert tasks["follow_up"].due_on == date(2026, 12, 3)  # a week later
    assert tasks["thank_you"].contact == jordan


def test_a_thank_you_on_friday_falls_due_on_monday(alice_client, jordan):
    friday = MeetingFactory(contact=jordan, starts_at=datetime(2026, 11, 20, 15, 0, tzinfo=UTC))
    post(alice_client, friday, debrief_data())
    assert friday.tasks.get(kind="thank_you").due_on == date(2026, 11, 23)
    assert friday.tasks.get(kind="follow_up").due_on == date(2026, 11, 27)


def test_meeting_someone_referred_closes_the_loop_with_the_referrer(alice_client, alice, jordan):
    priya = ContactFactory(owner=alice, first_name="Priya", last_name="Raman", referred_by=jordan)
    meeting = MeetingFactory(contact=priya, starts_at=MET)
    post(alice_client, meeting, debrief_data())
    loop = meeting.tasks.get(kind="close_loop")
    assert loop.contact == jordan
    assert loop.title == "Close the loop: tell Jordan Lee you met Priya Raman"
    assert loop.due_on == date(2026, 11, 27)


def test_empty_referral_rows_are_ignored(alice_client, meeting):
    assert post(alice_client, meeting, debrief_data([{}, {}])).status_code == 302
    assert Contact.objects.count() == 1
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DEBRIEFED


def test_per_question_notes_are_kept(alice_client, meeting):
    asked = AgendaItemFactory(meeting=meeting, text="What changed this year?")
    skipped = AgendaItemFactory(meeting=meeting, text="Which events matter?")
    post(
        alice_client,
        meeting,
        debrief_data(answers=[(asked, True, "AI in research"), (skipped, False, "")]),
    )
    asked.refresh_from_db()
    skipped.refresh_from_db()
    assert (asked.good_answer, asked.note) == (True, "AI in research")
    assert (skipped.good_answer, skipped.note) == (False, "")


def test_an_invalid_referral_saves_nothing_and_keeps_the_input(alice_client, meeting):
    bad = {"first_name": "Marcus", "email": "not-an-email"}
    response = post(alice_client, meeting, debrief_data([PRIYA, bad]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Enter a valid email address." in body
    assert 'value="Priya"' in body
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED
    assert Contact.objects.count() == 1
    assert not Task.objects.exists()
    assert not Employer.objects.filter(name="Northwind Health").exists()


def test_a_failing_referral_leaves_nothing_half_saved(alice, meeting, monkeypatch):
    """All or nothing: the second referral fails inside the transaction; the first is undone."""
    original = Contact.save

    def save(self, *args, **kwargs):
        if self.first_name == "Marcus":
            raise RuntimeError("the database went away")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Contact, "save", save)
    meeting.actual_minutes, meeting.impression = 25, "engaged"
    with pytest.raises(RuntimeError):
        services.record_debrief(
            meeting,
            referrals=[
                {**PRIYA, "employer": None},
                {"first_name": "Marcus", "new_employer": "Lumen"},
            ],
        )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED
    assert meeting.actual_minutes is None
    assert Contact.objects.count() == 1
    assert not Employer.objects.filter(name__in=["Northwind Health", "Lumen"]).exists()
    assert not Task.objects.exists()


def test_a_referral_employer_from_another_seeker_is_a_form_error(alice_client, meeting, bob):
    theirs = EmployerFactory(owner=bob)
    response = post(
        alice_client, meeting, debrief_data([{"first_name": "Eve", "employer": str(theirs.pk)}])
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Contact.objects.filter(first_name="Eve").exists()


def test_a_new_employer_by_name_reuses_an_existing_one(alice_client, alice, meeting):
    northwind = EmployerFactory(owner=alice, name="Northwind Health")
    post(alice_client, meeting, debrief_data([{**PRIYA, "new_employer": "northwind health"}]))
    assert Contact.objects.get(first_name="Priya").employer == northwind
    assert Employer.objects.filter(owner=alice).count() == 1 + 1  # Jordan's own employer too


def test_picking_and_typing_an_employer_is_refused(alice_client, alice, meeting):
    lumen = EmployerFactory(owner=alice, name="Lumen Labs")
    response = post(alice_client, meeting, debrief_data([{**PRIYA, "employer": str(lumen.pk)}]))
    assert response.status_code == 200
    assert "not both" in response.content.decode()


def test_another_seekers_agenda_item_cannot_be_annotated(alice_client, meeting, bob):
    theirs = AgendaItemFactory(
        meeting=MeetingFactory(contact=ContactFactory(owner=bob), starts_at=MET)
    )
    post(alice_client, meeting, debrief_data(answers=[(theirs, True, "mine now")]))
    theirs.refresh_from_db()
    assert theirs.note == ""


def test_an_overstay_is_flagged_unless_the_contact_extended(alice_client, alice, jordan):
    over = MeetingFactory(contact=jordan, starts_at=MET)
    post(alice_client, over, debrief_data(actual_minutes="27"))
    over.refresh_from_db()
    assert over.overstayed and over.overstay_minutes == 7
    assert "Overstayed by 7 min" in alice_client.get(over.get_absolute_url()).content.decode()

    extended = MeetingFactory(contact=jordan, starts_at=datetime(2026, 11, 25, 15, 0, tzinfo=UTC))
    post(alice_client, extended, debrief_data(actual_minutes="35", extended_by_contact="on"))
    extended.refresh_from_db()
    assert not extended.overstayed
    assert list(Meeting.objects.overstayed()) == [over]


def test_a_future_meeting_cannot_be_debriefed(alice_client, jordan):
    future = MeetingFactory(contact=jordan, starts_at=datetime(2026, 11, 30, 15, 0, tzinfo=UTC))
    response = post(alice_client, future, debrief_data())
    assert response.status_code == 302
    future.refresh_from_db()
    assert future.status == Meeting.Status.SCHEDULED


def test_a_meeting_is_debriefed_once(alice_client, meeting):
    post(alice_client, meeting, debrief_data([PRIYA]))
    response = post(alice_client, meeting, debrief_data([PRIYA]))
    assert response.status_code == 302
    assert response.url == meeting.get_absolute_url()
    assert said(response)[-1] == "This meeting was already debriefed."
    assert Contact.objects.filter(first_name="Priya").count() == 1
    assert meeting.tasks.count() == 2


def test_a_debrief_read_before_another_one_was_saved_is_refused(meeting):
    """Two requests load the meeting, both see it needs a debrief; the second one is refused."""
    first, second = Meeting.objects.get(pk=meeting.pk), Meeting.objects.get(pk=meeting.pk)
    first.actual_minutes = second.actual_minutes = 20
    services.record_debrief(first, referrals=[{**PRIYA, "employer": None}])
    with pytest.raises(services.AlreadyDebriefed):
        services.record_debrief(second, referrals=[{**PRIYA, "employer": None}])
    assert Contact.objects.filter(first_name="Priya").count() == 1
    assert meeting.tasks.count() == 2


def test_a_debrief_that_lost_the_race_lands_on_the_meeting_with_a_message(
    alice_client, meeting, monkeypatch
):
    """Another request debriefs the meeting between this one's page load and its save."""
    record_debrief = services.record_debrief

    def the_other_request_first(stale, **kwargs):
        winner = Meeting.objects.get(pk=stale.pk)
        winner.actual_minutes = 20
        record_debrief(winner, referrals=[{**PRIYA, "employer": None}])
        return record_debrief(stale, **kwargs)

    monkeypatch.setattr(services, "record_debrief", the_other_request_first)
    response = post(alice_client, meeting, debrief_data([PRIYA]))
    assert response.status_code == 302
    assert response.url == meeting.get_absolute_url()
    assert said(response) == ["This meeting was already debriefed."]
    assert Contact.objects.filter(first_name="Priya").count() == 1
    assert meeting.tasks.count() == 2


def test_the_debrief_form_asks_for_what_the_spec_lists(alice_client, meeting):
    body = alice_client.get(reverse("meetings:debrief", args=[meeting.pk])).content.decode()
    for name in [
        "actual_minutes",
        "extended_by_contact",
        "impression",
        "resume_left",
        "notes",
        "referrals-0-first_name",
        "referrals-0-new_employer",
        "referrals-0-employer",
    ]:
        assert f'name="{name}"' in body
    assert 'id="referral-empty-form"' in body


# --- tasks ------------------------------------------------------------------------------------


def test_a_thank_you_task_is_done_in_one_click_and_logs_outreach(alice_client, meeting, jordan):
    task = TaskFactory(meeting=meeting, due_on=date(2026, 11, 27))
    response = alice_client.post(reverse("meetings:task_done", args=[task.pk]))
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.done and task.done_at == NOW
    attempt = OutreachAttempt.objects.get()
    assert (attempt.contact, attempt.kind, attempt.sent_at) == (jordan, "thank_you", NOW)
    alice_client.post(reverse("meetings:task_done", args=[task.pk]))  # twice logs once
    assert OutreachAttempt.objects.count() == 1


def test_a_thank_you_read_before_it_was_ticked_is_not_logged_again(meeting):
    """Two requests load the task undone; the second one to tick it logs nothing."""
    task = TaskFactory(meeting=meeting)
    first, second = Task.objects.get(pk=task.pk), Task.objects.get(pk=task.pk)
    assert services.complete_task(first) is not None
    assert services.complete_task(second) is None
    assert second.done and second.done_at == first.done_at
    assert OutreachAttempt.objects.count() == 1


def test_a_follow_up_task_logs_nothing(alice_client, meeting):
    task = TaskFactory(meeting=meeting, kind=Task.Kind.FOLLOW_UP)
    alice_client.post(reverse("meetings:task_done", args=[task.pk]))
    assert not OutreachAttempt.objects.exists()


def test_done_returns_to_a_safe_page_only(alice_client, meeting):
    task = TaskFactory(meeting=meeting)
    response = alice_client.post(
        reverse("meetings:task_done", args=[task.pk]), {"next": "https://evil.example/"}
    )
    assert response.url == meeting.get_absolute_url()
    other = TaskFactory(meeting=meeting)
    response = alice_client.post(
        reverse("meetings:task_done", args=[other.pk]), {"next": "/meetings/"}
    )
    assert response.url == "/meetings/"


def test_an_over_long_referral_email_is_a_form_error(alice_client, meeting):
    long_email = "a" * 250 + "@example.com"
    response = post(alice_client, meeting, debrief_data([{**PRIYA, "email": long_email}]))
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED


def test_a_referral_refused_by_the_contact_rules_is_shown(alice_client, meeting, monkeypatch):
    """A rule checked only when the contact is saved rolls the debrief back and says why."""

    def refuse(self, *args, **kwargs):
        raise ValidationError({"referred_by": "That would make a loop."})

    monkeypatch.setattr(Contact, "full_clean", refuse)
    response = post(alice_client, meeting, debrief_data([PRIYA]))
    assert response.status_code == 200
    assert "That would make a loop." in response.content.decode()
    assert 'value="Priya"' in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED
    assert not Task.objects.exists()


def test_the_thank_you_skips_the_seekers_holiday_the_follow_up_the_contacts(
    alice_client, alice, jordan
):
    alice.country = "US"
    alice.save()
    jordan.country = "CA"
    jordan.save()
    wednesday = MeetingFactory(contact=jordan, starts_at=datetime(2026, 11, 25, 15, 0, tzinfo=UTC))
    page = alice_client.get(reverse("meetings:debrief", args=[wednesday.pk])).content.decode()
    assert "Fri 27 Nov" in page  # not Thanksgiving, Thursday 26: the seeker is off
    post(alice_client, wednesday, debrief_data())
    # The thank-you is hers to write: the next business day in the United States.
    assert wednesday.tasks.get(kind="thank_you").due_on == date(2026, 11, 27)
    # The follow-up is to Jordan, in Canada, where Thanksgiving was in October.
    assert wednesday.tasks.get(kind="follow_up").due_on == date(2026, 12, 2)
