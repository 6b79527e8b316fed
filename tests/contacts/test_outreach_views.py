"""Outreach through the real views: the draft, the live check, the cadence, replies (SPEC §4)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from networking.contacts.forms import OutreachForm
from networking.contacts.models import OutreachAttempt
from networking.meetings.models import Meeting
from networking.meetings.services import save_meeting
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory

pytestmark = pytest.mark.django_db

TORONTO = ZoneInfo("America/Toronto")
NOW = datetime(2026, 12, 10, 10, 0, tzinfo=TORONTO)  # a Thursday


@pytest.fixture
def frozen(alice, alice_client):
    with time_machine.travel(NOW, tick=False) as traveller:
        alice_client.force_login(alice)
        alice_client.traveller = traveller
        yield alice_client


@pytest.fixture
def elena(alice):
    return ContactFactory(owner=alice, first_name="Elena", last_name="Petrova", level="vp")


def log(client, contact, kind="request", sent_at="2026-12-01T10:00", follow=False, **extra):
    data = {
        "kind": kind,
        "channel": "email",
        "sent_at": sent_at,
        "message": "Hello",
        "reply": "none",
    }
    data.update(extra)
    return client.post(f"/contacts/{contact.pk}/outreach/new/", data, follow=follow)


def test_the_form_proposes_a_request_with_the_name_in_common(alice, frozen):
    jordan = ContactFactory(owner=alice, first_name="Jordan", last_name="Lee")
    priya = ContactFactory(owner=alice, first_name="Priya", referred_by=jordan)
    response = frozen.get(f"/contacts/{priya.pk}/outreach/new/")
    text = response.content.decode()
    body = response.context["form"]["message"].value()
    assert body.startswith("Hi Priya,\n\nJordan Lee suggested")
    assert response.context["form"]["kind"].value() == "request"
    assert 'href="mailto:' in text and "subject=Jordan%20suggested" in text
    assert f'hx-post="/contacts/{priya.pk}/outreach/check/"' in text
    assert 'hx-trigger="keyup changed delay:300ms"' in text
    assert "<script>" not in text and "onclick" not in text
    assert {rule.state for rule in response.context["rules"]} == {"met"}


def test_the_live_check_follows_the_text(elena, frozen):
    url = f"/contacts/{elena.pk}/outreach/check/"
    good = "Hi Elena, we both studied at OCAD. Could I ask your advice on design?"
    bad = "Hi Elena, I need a job. Do you have an opening for me"
    good_html = frozen.post(url, {"kind": "request", "message": good}).content.decode()
    bad_html = frozen.post(url, {"kind": "request", "message": bad}).content.decode()
    assert 'data-rule="no_job" data-state="met"' in good_html
    assert 'data-rule="question" data-state="met"' in good_html
    assert 'data-rule="no_job" data-state="unmet"' in bad_html
    assert "“I need a job”" in bad_html
    assert 'data-rule="question" data-state="unmet"' in bad_html
    assert "<html" not in good_html  # a partial


def test_the_live_check_warns_outside_the_contacts_business_hours(alice, frozen):
    berlin = ContactFactory(owner=alice, timezone="Europe/Berlin")
    html = frozen.post(
        f"/contacts/{berlin.pk}/outreach/check/",
        {"kind": "request", "message": "Hi", "sent_at": "2026-12-10T13:00"},
    ).content.decode()
    assert "Thursday 19:00" in html and "outside their business" in html


def test_it_logs_a_request_and_shows_the_draft_check(elena, frozen):
    response = log(frozen, elena, follow=True)
    attempt = OutreachAttempt.objects.get(contact=elena)
    assert (attempt.kind, attempt.sent_at) == ("request", datetime(2026, 12, 1, 10, tzinfo=TORONTO))
    text = response.content.decode()
    assert "Meeting request to Elena Petrova logged" in text
    assert "draft rules met" in text


def test_two_follow_ups_then_the_third_is_refused_with_the_reason(elena, frozen):
    log(frozen, elena, sent_at="2026-12-01T10:00")
    assert log(frozen, elena, "follow_up", "2026-12-10T09:30").status_code == 302
    assert log(frozen, elena, "follow_up", "2026-12-10T09:45").status_code == 302
    response = log(frozen, elena, "follow_up", "2026-12-10T09:55")
    assert response.status_code == 200
    text = response.content.decode()
    assert "2 polite follow-ups" in text and "hounding" in text and "let it rest" in text
    assert OutreachAttempt.objects.filter(contact=elena, kind="follow_up").count() == 2
    page = frozen.get(f"/contacts/{elena.pk}/").content.decode()
    assert "No reply — let it rest" in page and "Curmudgeon" in page


@pytest.fixture
def a_twin_follow_up_is_logged_first(monkeypatch):
    """Two submits at once both pass the form's check; the twin is logged first, so the
    service, checking again under the contact's lock, refuses this one."""
    clean = OutreachForm.clean

    def clean_then_lose_the_race(form):
        cleaned = clean(form)
        OutreachAttemptFactory(contact=form.contact, kind="follow_up", sent_at=NOW)
        return cleaned

    monkeypatch.setattr(OutreachForm, "clean", clean_then_lose_the_race)


@pytest.mark.usefixtures("a_twin_follow_up_is_logged_first")
def test_a_follow_up_racing_past_the_form_check_is_refused_in_its_words(elena, frozen):
    OutreachAttemptFactory(contact=elena, sent_at=datetime(2026, 11, 20, 10, tzinfo=TORONTO))
    OutreachAttemptFactory(contact=elena, kind="follow_up", sent_at=NOW - timedelta(days=1))
    response = log(frozen, elena, "follow_up", "2026-12-10T09:55", message="Checking in, Elena")
    assert response.status_code == 200
    text = response.content.decode()
    assert "A third would be hounding: let it rest." in text
    assert response.context["form"]["message"].value() == "Checking in, Elena"
    assert OutreachAttempt.objects.filter(contact=elena, kind="follow_up").count() == 2


def test_an_answer_recorded_twice_is_kept_once(elena, frozen):
    attempt = OutreachAttemptFactory(
        contact=elena, sent_at=datetime(2026, 12, 8, 10, tzinfo=TORONTO)
    )
    url = f"/contacts/{elena.pk}/outreach/{attempt.pk}/reply/"
    answer = {f"reply-{attempt.pk}-replied_at": "2026-12-09T08:00"}
    assert frozen.post(url, {**answer, f"reply-{attempt.pk}-reply": "declined"}).status_code == 302
    assert frozen.post(url, {**answer, f"reply-{attempt.pk}-reply": "declined"}).status_code == 302
    response = frozen.post(url, {**answer, f"reply-{attempt.pk}-reply": "accepted"})
    assert response.status_code == 200
    assert "Their answer is recorded already: declined." in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.reply == "declined"


def test_an_early_follow_up_is_logged_with_a_warning(elena, frozen):
    log(frozen, elena, sent_at="2026-12-08T10:00")
    response = log(frozen, elena, "follow_up", "2026-12-09T10:00", follow=True)
    assert "not due until" in response.content.decode()
    assert OutreachAttempt.objects.filter(kind="follow_up").count() == 1


def test_a_message_outside_business_hours_is_logged_with_a_warning(elena, frozen):
    response = log(frozen, elena, sent_at="2026-12-05T10:00", follow=True)  # a Saturday
    assert "outside their business hours" in response.content.decode()
    assert OutreachAttempt.objects.count() == 1


def test_a_declined_request_closes_the_cycle(elena, frozen):
    OutreachAttemptFactory(
        contact=elena,
        sent_at=datetime(2026, 12, 1, 10, tzinfo=TORONTO),
        reply="declined",
        replied_at=datetime(2026, 12, 2, 10, tzinfo=TORONTO),
    )
    response = log(frozen, elena, "follow_up", "2026-12-10T09:30")
    assert response.status_code == 200 and "closes the cycle" in response.content.decode()
    response = log(frozen, elena, "request", "2026-12-10T09:30")
    assert "A new request is allowed from Sat 30 Jan 2027" in response.content.decode()


def test_a_new_request_is_allowed_sixty_days_after_the_last_attempt(elena, frozen):
    log(frozen, elena, sent_at="2026-12-01T10:00")
    log(frozen, elena, "follow_up", "2026-12-10T09:30")
    log(frozen, elena, "follow_up", "2026-12-10T09:45")
    assert log(frozen, elena, sent_at="2027-02-07T10:00").status_code == 200
    assert log(frozen, elena, sent_at="2027-02-08T10:00").status_code == 302
    assert OutreachAttempt.objects.filter(kind="request").count() == 2


def test_a_second_request_while_waiting_is_refused(elena, frozen):
    log(frozen, elena, sent_at="2026-12-08T10:00")
    response = log(frozen, elena, sent_at="2026-12-09T10:00")
    assert "A second request would be hounding" in response.content.decode()


def test_a_reply_needs_its_date(elena, frozen):
    response = log(frozen, elena, reply="accepted")
    assert response.status_code == 200 and "When did they answer?" in response.content.decode()
    response = log(frozen, elena, reply="accepted", replied_at="2026-12-02T09:00")
    assert response.status_code == 302
    attempt = OutreachAttempt.objects.get(contact=elena)
    assert (attempt.reply, attempt.replied_at) == (
        "accepted",
        datetime(2026, 12, 2, 9, tzinfo=TORONTO),
    )


def test_recording_an_acceptance_offers_to_book(elena, frozen):
    attempt = OutreachAttemptFactory(
        contact=elena, sent_at=datetime(2026, 12, 8, 10, tzinfo=TORONTO)
    )
    response = frozen.post(
        f"/contacts/{elena.pk}/outreach/{attempt.pk}/reply/",
        {
            f"reply-{attempt.pk}-reply": "accepted",
            f"reply-{attempt.pk}-replied_at": "2026-12-09T08:00",
        },
        follow=True,
    )
    attempt.refresh_from_db()
    assert (attempt.reply, attempt.replied_at) == (
        "accepted",
        datetime(2026, 12, 9, 8, tzinfo=TORONTO),
    )
    text = response.content.decode()
    assert "said yes" in text and f"/meetings/new/?contact={elena.pk}" in text
    assert "Booster" in text


def test_a_reply_before_the_message_is_refused_and_kept(elena, frozen):
    attempt = OutreachAttemptFactory(
        contact=elena, sent_at=datetime(2026, 12, 8, 10, tzinfo=TORONTO)
    )
    response = frozen.post(
        f"/contacts/{elena.pk}/outreach/{attempt.pk}/reply/",
        {
            f"reply-{attempt.pk}-reply": "declined",
            f"reply-{attempt.pk}-replied_at": "2026-12-07T08:00",
        },
    )
    assert response.status_code == 200
    assert "cannot have answered before you wrote" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.reply == "none"


def test_replies_are_post_only_and_scoped(alice, elena, frozen, client, bob):
    attempt = OutreachAttemptFactory(contact=elena)
    other = ContactFactory(owner=alice)
    url = f"/contacts/{elena.pk}/outreach/{attempt.pk}/reply/"
    data = {
        f"reply-{attempt.pk}-reply": "accepted",
        f"reply-{attempt.pk}-replied_at": "2026-12-10T09:00",
    }
    assert frozen.get(url).status_code == 405
    assert (
        frozen.post(f"/contacts/{other.pk}/outreach/{attempt.pk}/reply/", data).status_code == 404
    )
    client.force_login(bob)
    assert client.post(url, data).status_code == 404
    attempt.refresh_from_db()
    assert attempt.reply == "none"


def test_deleting_an_entry_confirms_first(elena, frozen):
    attempt = OutreachAttemptFactory(contact=elena)
    url = f"/contacts/{elena.pk}/outreach/{attempt.pk}/delete/"
    assert "Delete this entry?" in frozen.get(url).content.decode()
    assert OutreachAttempt.objects.exists()
    assert frozen.post(url).status_code == 302
    assert not OutreachAttempt.objects.exists()


def test_a_follow_up_is_proposed_while_waiting(elena, frozen):
    log(frozen, elena, sent_at="2026-12-01T10:00")
    response = frozen.get(f"/contacts/{elena.pk}/outreach/new/")
    assert response.context["form"]["kind"].value() == "follow_up"
    assert (
        "A gentle follow-up on my note on Tue 1 Dec 2026"
        in response.context["form"]["message"].value()
    )
    page = frozen.get(f"/contacts/{elena.pk}/").content.decode()
    assert "Polite follow-up" in page and "due today" in page


@pytest.mark.parametrize("count", [10, 200])
def test_the_outreach_form_and_check_make_a_bounded_number_of_queries(
    count, alice, elena, frozen, django_assert_max_num_queries
):
    jordan = ContactFactory(owner=alice, first_name="Jordan")
    elena.referred_by = jordan
    elena.save()
    for n in range(count):
        OutreachAttemptFactory(contact=elena, kind="update" if n else "request")
    # session + user, the contact with its cycle, employer and introducer
    with django_assert_max_num_queries(3):
        response = frozen.get(f"/contacts/{elena.pk}/outreach/new/")
    assert response.status_code == 200
    # plus the database's own check of the kind (a savepoint around one SELECT)
    with django_assert_max_num_queries(6):
        frozen.post(f"/contacts/{elena.pk}/outreach/check/", {"kind": "request", "message": "Hi"})
    # session, user, contact, one count per kind of record that goes with them (outreach,
    # meetings, tasks, agenda items, coach's notes' links), and the people they introduced
    with django_assert_max_num_queries(9):
        frozen.get(f"/contacts/{elena.pk}/delete/")


def test_a_backdated_follow_up_cannot_slip_past_the_limit(elena, frozen):
    log(frozen, elena, sent_at="2026-12-01T10:00")
    response = log(frozen, elena, "follow_up", "2026-11-20T10:00")
    assert response.status_code == 200
    assert "A follow-up comes after the request" in response.content.decode()
    assert not OutreachAttempt.objects.filter(kind="follow_up").exists()


def test_no_follow_up_is_offered_or_accepted_once_a_meeting_is_booked(elena, frozen):
    log(frozen, elena, sent_at="2026-12-01T10:00")
    save_meeting(Meeting(contact=elena, starts_at=NOW + timedelta(days=5), status="scheduled"))
    page = frozen.get(f"/contacts/{elena.pk}/").content.decode()
    assert "Log a follow-up" not in page
    response = log(frozen, elena, "follow_up", "2026-12-10T09:30")
    assert response.status_code == 200
    assert "You have a meeting with Elena Petrova already" in response.content.decode()


def test_the_form_proposes_a_time_in_their_business_hours(alice, elena, frozen):
    url = f"/contacts/{elena.pk}/outreach/new/"
    assert 'value="2026-12-10T10:00"' in frozen.get(url).content.decode()
    frozen.traveller.move_to(datetime(2026, 12, 12, 22, 15, tzinfo=TORONTO))  # Saturday night
    response = frozen.get(url)
    text = response.content.decode()
    assert 'value="2026-12-14T09:00"' in text and "when their business hours next begin" in text
    assert not response.context["warnings"]


PUSHY_REQUEST = (
    "Hi Elena, we both studied at OCAD. What salary range do you pay? And could you pass my "
    "resume to the hiring manager? Would you share your advice?"
)


def test_a_request_that_asks_salary_and_a_referral_fails_both_checks(elena, frozen):
    url = f"/contacts/{elena.pk}/outreach/check/"
    html = frozen.post(url, {"kind": "request", "message": PUSHY_REQUEST}).content.decode()
    assert 'data-rule="no_salary" data-state="unmet"' in html
    assert 'data-rule="no_job" data-state="unmet"' in html
    assert "“pass my resume to”" in html and "“salary”" in html


def test_a_request_that_breaks_a_rule_is_logged_only_once_confirmed(elena, frozen):
    response = log(frozen, elena, message=PUSHY_REQUEST)
    assert response.status_code == 200
    assert not OutreachAttempt.objects.filter(contact=elena).exists()
    text = response.content.decode()
    assert 'id="ask-confirmation"' in text
    assert 'data-ask="salary"' in text and 'data-ask="referral"' in text
    assert "Salary is not a topic for an informational meeting" in text
    assert "Log it anyway" in text
    assert "What salary range do you pay?" in text  # the message is kept as typed

    response = log(frozen, elena, message=PUSHY_REQUEST, log_anyway="on")
    assert response.status_code == 302
    assert OutreachAttempt.objects.get(contact=elena).message == PUSHY_REQUEST


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("follow_up", "Hi Elena, a gentle follow-up. Are you hiring for any analytics roles?"),
        ("thank_you", "Thank you, Elena! Please put in a good word for me with Dana."),
    ],
)
def test_a_follow_up_or_thank_you_that_asks_for_a_job_asks_for_a_confirmation(
    elena, frozen, kind, message
):
    log(frozen, elena, sent_at="2026-12-01T10:00")
    response = log(frozen, elena, kind, "2026-12-10T09:30", message=message)
    assert response.status_code == 200
    assert 'id="ask-confirmation"' in response.content.decode()
    assert not OutreachAttempt.objects.filter(contact=elena, kind=kind).exists()
    check = frozen.post(
        f"/contacts/{elena.pk}/outreach/check/", {"kind": kind, "message": message}
    ).content.decode()
    assert 'data-rule="no_job" data-state="unmet"' in check
    response = log(frozen, elena, kind, "2026-12-10T09:30", message=message, log_anyway="on")
    assert response.status_code == 302
    assert OutreachAttempt.objects.filter(contact=elena, kind=kind).count() == 1


def test_a_message_that_asks_nothing_needs_no_confirmation(elena, frozen):
    message = "Hi Elena, how did you make the move into product? I would value your advice."
    assert log(frozen, elena, message=message).status_code == 302
    assert OutreachAttempt.objects.filter(contact=elena).count() == 1
