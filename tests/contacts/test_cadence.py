"""SPEC §4 cadence, on plain values: business days, noon, weekends, the date line."""

from datetime import date, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from networking.contacts import cadence
from networking.contacts.cadence import Cycle

TORONTO = ZoneInfo("America/Toronto")
TOKYO = ZoneInfo("Asia/Tokyo")
PAGO_PAGO = ZoneInfo("Pacific/Pago_Pago")  # UTC-11: the other side of the date line
BERLIN = ZoneInfo("Europe/Berlin")
UTC = ZoneInfo("UTC")
# 2026-12-01 is a Tuesday.


def asked(moment, **kwargs):
    kwargs.setdefault("last_attempt_at", moment)
    return Cycle(last_request_at=moment, **kwargs)


def test_a_follow_up_falls_due_seven_business_days_after_the_request():
    cycle = asked(datetime(2026, 12, 1, 10, 0, tzinfo=TORONTO))
    assert cadence.follow_up_due_on(cycle, TORONTO) == date(2026, 12, 10)


@pytest.mark.parametrize(
    ("minute", "due"), [((11, 59), date(2026, 12, 10)), ((12, 1), date(2026, 12, 11))]
)
def test_a_request_after_noon_counts_from_the_next_business_day(minute, due):
    cycle = asked(datetime(2026, 12, 1, *minute, tzinfo=TORONTO))
    assert cadence.follow_up_due_on(cycle, TORONTO) == due


def test_a_friday_afternoon_request_counts_from_monday_across_the_weekend():
    cycle = asked(datetime(2026, 12, 4, 15, 0, tzinfo=TORONTO))
    assert cadence.follow_up_due_on(cycle, TORONTO) == date(2026, 12, 16)


def test_a_request_sent_on_saturday_counts_from_monday():
    cycle = asked(datetime(2026, 12, 5, 9, 30, tzinfo=TORONTO))
    assert cadence.follow_up_due_on(cycle, TORONTO) == date(2026, 12, 16)


def test_due_dates_are_read_in_the_contacts_zone_on_both_sides_of_the_date_line():
    # 22:00 UTC on Tuesday is Wednesday 07:00 in Tokyo, but Tuesday 11:00 in Pago Pago.
    cycle = asked(datetime(2026, 12, 1, 22, 0, tzinfo=UTC))
    assert cadence.follow_up_due_on(cycle, TOKYO) == date(2026, 12, 11)
    assert cadence.follow_up_due_on(cycle, PAGO_PAGO) == date(2026, 12, 10)
    # 03:30 UTC on Wednesday is Wednesday 12:30 in Tokyo (after noon), Tuesday 16:30 in Pago Pago.
    late = asked(datetime(2026, 12, 2, 3, 30, tzinfo=UTC))
    assert cadence.follow_up_due_on(late, TOKYO) == date(2026, 12, 14)
    assert cadence.follow_up_due_on(late, PAGO_PAGO) == date(2026, 12, 11)


def test_the_next_follow_up_counts_from_the_last_follow_up():
    cycle = asked(
        datetime(2026, 12, 1, 10, tzinfo=TORONTO),
        follow_ups=1,
        last_attempt_at=datetime(2026, 12, 10, 9, tzinfo=TORONTO),
    )
    assert cadence.follow_up_due_on(cycle, TORONTO) == date(2026, 12, 21)


def test_no_follow_up_falls_due_once_answered_or_after_two():
    sent = datetime(2026, 12, 1, 10, tzinfo=TORONTO)
    assert cadence.follow_up_due_on(asked(sent, reply="declined", replied_at=sent), TORONTO) is None
    assert cadence.follow_up_due_on(asked(sent, follow_ups=2), TORONTO) is None
    assert cadence.follow_up_due_on(Cycle(), TORONTO) is None


def test_a_second_contact_is_suggested_after_three_business_days_without_reply():
    sent = datetime(2026, 12, 3, 10, tzinfo=TORONTO)  # Thursday
    assert cadence.second_contact_suggested_on(asked(sent), TORONTO) == date(2026, 12, 8)
    answered = asked(sent, reply="accepted", replied_at=sent)
    assert cadence.second_contact_suggested_on(answered, TORONTO) is None


def test_a_third_follow_up_is_refused_with_the_reason():
    sent = datetime(2026, 12, 1, 10, tzinfo=TORONTO)
    last = datetime(2026, 12, 21, 10, tzinfo=TORONTO)
    now = datetime(2027, 1, 5, 10, tzinfo=TORONTO)
    for count in (0, 1):
        cycle = asked(sent, follow_ups=count, last_attempt_at=last)
        assert cadence.refusal("follow_up", cycle, TORONTO, now, "Elena") is None
    cycle = asked(sent, follow_ups=2, last_attempt_at=last)
    reason = cadence.refusal("follow_up", cycle, TORONTO, now, "Elena")
    assert "2 polite follow-ups" in reason
    assert "hounding" in reason
    assert "Fri 19 Feb 2027" in reason  # 60 days after 21 Dec


def test_a_declined_request_closes_the_cycle():
    sent = datetime(2026, 12, 1, 10, tzinfo=TORONTO)
    cycle = asked(sent, reply="declined", replied_at=sent)
    reason = cadence.refusal("follow_up", cycle, TORONTO, sent, "Oliver")
    assert "closes the cycle" in reason


def test_following_up_needs_a_request_and_an_open_cycle():
    now = datetime(2026, 12, 1, 10, tzinfo=TORONTO)
    assert "no request" in cadence.refusal("follow_up", Cycle(), TORONTO, now, "Ann")
    yes = asked(now, reply="accepted", replied_at=now)
    assert "book the meeting" in cadence.refusal("follow_up", yes, TORONTO, now, "Ann")
    redirected = asked(now, reply="redirected", replied_at=now)
    assert "someone else" in cadence.refusal("follow_up", redirected, TORONTO, now, "Ann")


def test_a_new_request_waits_sixty_days_after_the_last_attempt():
    sent = datetime(2026, 12, 1, 10, tzinfo=TORONTO)
    resting = asked(sent, follow_ups=2, last_attempt_at=datetime(2026, 12, 21, 10, tzinfo=TORONTO))
    day_59 = datetime(2027, 2, 18, 10, tzinfo=TORONTO)
    day_60 = datetime(2027, 2, 19, 10, tzinfo=TORONTO)
    assert "let it rest" in cadence.refusal("request", resting, TORONTO, day_59, "Grace")
    assert cadence.refusal("request", resting, TORONTO, day_60, "Grace") is None
    declined = asked(sent, reply="declined", replied_at=sent)
    soon = datetime(2027, 1, 29, 10, tzinfo=TORONTO)  # 59 days after the decline
    assert "declined" in cadence.refusal("request", declined, TORONTO, soon, "Grace")
    assert cadence.refusal("request", declined, TORONTO, day_59, "Grace") is None


def test_a_second_request_while_waiting_is_refused_and_points_to_the_follow_up():
    sent = datetime(2026, 12, 1, 10, tzinfo=TORONTO)
    reason = cadence.refusal("request", asked(sent), TORONTO, sent, "Elena")
    assert "follow-up" in reason and "Thu 10 Dec 2026" in reason


def test_after_a_yes_a_new_request_is_allowed_and_so_are_thank_yous():
    sent = datetime(2026, 12, 1, 10, tzinfo=TORONTO)
    yes = asked(sent, reply="accepted", replied_at=sent)
    assert cadence.refusal("request", yes, TORONTO, sent, "Jordan") is None
    assert cadence.refusal("thank_you", asked(sent, follow_ups=2), TORONTO, sent, "J") is None


@pytest.mark.parametrize(
    ("replied", "expected"),
    [
        (datetime(2026, 12, 4, 16, tzinfo=TORONTO), "booster"),  # 3 business days
        (datetime(2026, 12, 7, 9, tzinfo=TORONTO), "obligate"),  # 4 business days
    ],
)
def test_booster_and_obligate_from_the_reply_time(replied, expected):
    cycle = asked(datetime(2026, 12, 1, 10, tzinfo=TORONTO), reply="accepted", replied_at=replied)
    assert cadence.responsiveness(cycle, TORONTO).code == expected


def test_a_curmudgeon_never_answered_the_request_or_its_follow_ups():
    sent = datetime(2026, 12, 1, 10, tzinfo=TORONTO)
    assert cadence.responsiveness(asked(sent, follow_ups=2), TORONTO).code == "curmudgeon"
    assert cadence.responsiveness(asked(sent, follow_ups=1), TORONTO) is None


@pytest.mark.parametrize(
    ("moment", "warned"),
    [
        (datetime(2026, 12, 1, 9, 0, tzinfo=BERLIN), False),
        (datetime(2026, 12, 1, 16, 59, tzinfo=BERLIN), False),
        (datetime(2026, 12, 1, 8, 59, tzinfo=BERLIN), True),
        (datetime(2026, 12, 1, 17, 0, tzinfo=BERLIN), True),
        (datetime(2026, 12, 5, 11, 0, tzinfo=BERLIN), True),  # Saturday
        # 12:00 in Toronto is 18:00 in Berlin: outside the contact's hours.
        (datetime(2026, 12, 1, 12, 0, tzinfo=TORONTO), True),
    ],
)
def test_business_hours_are_the_contacts(moment, warned):
    warning = cadence.business_hours_warning(moment, BERLIN)
    assert bool(warning) is warned
    if warned:
        assert "Europe/Berlin" in warning


def test_an_early_follow_up_is_warned_not_refused():
    cycle = asked(datetime(2026, 12, 1, 10, tzinfo=TORONTO))
    early = datetime(2026, 12, 3, 10, tzinfo=TORONTO)
    assert any("not due until" in w for w in cadence.warnings("follow_up", cycle, TORONTO, early))
    assert cadence.refusal("follow_up", cycle, TORONTO, early, "Elena") is None


def _contact(status, **fields):
    base = {
        "status": status,
        "last_request_at": None,
        "follow_ups": 0,
        "cycle_reply": None,
        "cycle_replied_at": None,
        "last_cycle_attempt_at": None,
        "next_meeting_at": None,
        "last_met_at": None,
    }
    return SimpleNamespace(**{**base, **fields})


def test_the_next_action_for_each_status():
    sent = datetime(2026, 12, 1, 10, tzinfo=TORONTO)
    today = date(2026, 12, 10)
    follow = cadence.next_action(
        _contact("requested", last_request_at=sent, last_cycle_attempt_at=sent), TORONTO
    )
    assert (follow.label, follow.when(today), follow.is_due(today)) == (
        "Polite follow-up",
        "due today",
        True,
    )
    assert follow.when(date(2026, 12, 11)) == "overdue: send it today"
    yes = cadence.next_action(
        _contact("requested", last_request_at=sent, cycle_reply="accepted", cycle_replied_at=sent),
        TORONTO,
    )
    assert yes.label == "Book the meeting"
    rest = cadence.next_action(
        _contact("resting", last_request_at=sent, follow_ups=2, last_cycle_attempt_at=sent),
        TORONTO,
    )
    assert rest.when(today) == "ask again Sat 30 Jan" and not rest.is_due(date(2027, 2, 1))
    met = cadence.next_action(_contact("met", last_met_at=sent), TORONTO)
    assert (met.label, met.due_on) == ("Send a thank-you note", date(2026, 12, 2))
    assert cadence.next_action(_contact("identified"), TORONTO).label == "Send a polite request"
    booked = cadence.next_action(_contact("scheduled", next_meeting_at=sent), TORONTO)
    assert booked.label == "Prepare the meeting"


def test_a_follow_up_dated_before_its_request_is_refused():
    sent = datetime(2026, 12, 8, 10, tzinfo=TORONTO)
    reason = cadence.refusal("follow_up", asked(sent), TORONTO, sent - timedelta(days=3), "Ann")
    assert "comes after the request" in reason and "Tue 8 Dec 2026" in reason


def test_no_follow_up_once_a_meeting_is_booked_or_held():
    sent = datetime(2026, 12, 1, 10, tzinfo=TORONTO)
    later = datetime(2026, 12, 10, 10, tzinfo=TORONTO)
    reason = cadence.refusal("follow_up", asked(sent), TORONTO, later, "Ann", meeting=True)
    assert "meeting with Ann already" in reason
    assert cadence.refusal("follow_up", asked(sent), TORONTO, later, "Ann") is None


@pytest.mark.parametrize(
    ("moment", "proposed"),
    [
        (datetime(2026, 12, 10, 10, 0, tzinfo=TORONTO), datetime(2026, 12, 10, 10, 0)),
        (datetime(2026, 12, 10, 7, 30, tzinfo=TORONTO), datetime(2026, 12, 10, 9, 0)),
        (datetime(2026, 12, 10, 18, 0, tzinfo=TORONTO), datetime(2026, 12, 11, 9, 0)),
        (datetime(2026, 12, 11, 17, 30, tzinfo=TORONTO), datetime(2026, 12, 14, 9, 0)),
        (datetime(2026, 12, 12, 12, 0, tzinfo=TORONTO), datetime(2026, 12, 14, 9, 0)),
    ],
)
def test_the_next_good_moment_is_in_their_business_hours(moment, proposed):
    assert cadence.next_good_moment(moment, TORONTO) == proposed.replace(tzinfo=TORONTO)


def test_the_next_good_moment_is_read_in_the_contacts_zone():
    # Thursday 10:00 in Toronto is Friday 00:00 in Tokyo: they open at 09:00 their Friday.
    moment = datetime(2026, 12, 10, 10, 0, tzinfo=TORONTO)
    assert cadence.next_good_moment(moment, TOKYO) == datetime(2026, 12, 11, 9, 0, tzinfo=TOKYO)
