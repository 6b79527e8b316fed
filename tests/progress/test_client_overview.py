"""A client's walk, as their coach reads it in the admin: only the coach's active clients.

The page reuses the seeker's own selectors (the dashboard's funnel, the network page's tree
and yield) and draws the last 12 weeks as inline SVG with a table beside it.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.coaching import CoachAssignment, CoachingNote, RecordView
from networking.meetings.models import Meeting
from networking.progress.overview import WEEKS, weekly_activity
from tests.clock import MONDAY_NOON, at
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory
from tests.factories import UserFactory
from tests.meetings.factories import MeetingFactory, past_slot

pytestmark = [pytest.mark.django_db, at(MONDAY_NOON)]


def _url(client):
    return reverse("admin:client_overview", args=[client.pk])


def test_a_client_with_nothing_yet(coach_client, alice):
    response = coach_client.get(_url(alice))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Client's target role" in page
    assert "Nothing late." in page
    assert "No meeting booked." in page
    assert "No referral yet" in page
    assert "0 requests sent, 0 meetings and 0 referrals" in page


def test_it_shows_the_walk_what_is_late_and_the_tree(coach_client, coach, alice):
    introducer = ContactFactory(owner=alice, first_name="Priya", last_name="Raman")
    ContactFactory(owner=alice, first_name="Sam", last_name="Lee", referred_by=introducer)
    OutreachAttemptFactory(contact=introducer, sent_at=timezone.now() - timedelta(days=12))
    MeetingFactory(
        contact=ContactFactory(owner=alice, first_name="Jo"), starts_at=past_slot(alice.timezone)
    )
    CoachingNote.objects.create(coach=coach, client=alice, text="Ask Priya about the team.")
    page = coach_client.get(_url(alice)).content.decode()
    assert "Needs debrief" in page  # the seeker's word for a past scheduled meeting
    assert "polite follow-up overdue" in page
    assert "Sam Lee" in page and "Priya Raman" in page
    assert "Ask Priya about the team." in page
    for name in ("employers/employer", "contacts/contact", "meetings/meeting", "meetings/task"):
        assert f"/admin/{name}/?client={alice.pk}" in page


def test_it_shows_the_clients_opportunities_without_salary(coach_client, coach, alice, bob):
    from networking.opportunities import services
    from networking.opportunities.models import Source, Stage
    from tests.opportunities.factories import OpportunityFactory

    dana = ContactFactory(owner=alice, first_name="Dana", last_name="Whitfield")
    job = OpportunityFactory(
        owner=alice,
        title="Design Lead",
        source=Source.CONTACT,
        contact=dana,
        employer=dana.employer,
        salary_raised_by="The recruiter",
        salary_raised_on=timezone.now().date(),
        salary_min=123_456,
    )
    services.change_stage(job, Stage.APPLIED)
    services.change_stage(job, Stage.INTERVIEWING)
    OpportunityFactory(owner=alice, title="Researcher")
    OpportunityFactory(owner=bob, title="Bob's own job")
    page = coach_client.get(_url(alice)).content.decode()
    assert "2 open, 0 offers; 1 came from the network" in page
    assert "Design Lead" in page and "Interviewing" in page and "Dana Whitfield" in page
    assert "Bob's own job" not in page
    assert "123456" not in page and "123,456" not in page  # never salary on this page
    assert f"/admin/opportunities/opportunity/?client={alice.pk}" in page
    listed = coach_client.get(f"/admin/opportunities/opportunity/?client={alice.pk}")
    assert listed.status_code == 200
    assert "Design Lead" in listed.content.decode()


def test_the_links_open_each_list_filtered_to_the_client(coach_client, coach, alice, bob):
    CoachAssignment.objects.create(coach=coach, client=bob)
    ContactFactory(owner=alice, first_name="Priya")
    ContactFactory(owner=bob, first_name="Zed")
    page = coach_client.get(
        reverse("admin:contacts_contact_changelist") + f"?client={alice.pk}"
    ).content.decode()
    assert "Priya" in page and "Zed" not in page


def test_opening_it_is_in_the_clients_log(coach_client, coach, alice):
    coach_client.get(_url(alice))
    assert RecordView.objects.get(client=alice).describe() == "Walk so far: Alice Martin"


def test_another_coachs_client_is_a_404(coach_client, bob):
    CoachAssignment.objects.create(coach=UserFactory(is_staff=True), client=bob)
    assert coach_client.get(_url(bob)).status_code == 404
    assert not RecordView.objects.filter(client=bob).exists()


def test_an_ended_assignment_hides_the_client(coach_client, coaching, alice):
    assert coach_client.get(_url(alice)).status_code == 200
    coaching.ended_at = timezone.now()
    coaching.save()
    assert coach_client.get(_url(alice)).status_code == 404
    assert "Alice Martin" not in coach_client.get(reverse("admin:index")).content.decode()


def test_a_superuser_may_open_any_client(superuser_client, alice):
    assert superuser_client.get(_url(alice)).status_code == 200


def test_staff_who_are_not_coaches_are_refused(client, alice):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(_url(alice)).status_code == 403


def test_seekers_cannot_reach_it(alice_client, alice):
    assert alice_client.get(_url(alice)).status_code == 302


@pytest.mark.parametrize("n", [2, 20])
def test_it_reads_a_bounded_number_of_queries(
    coach_client, alice, n, django_assert_max_num_queries
):
    for i in range(n):
        contact = ContactFactory(owner=alice)
        OutreachAttemptFactory(contact=contact, sent_at=timezone.now() - timedelta(days=i))
        ContactFactory(owner=alice, referred_by=contact)
    with django_assert_max_num_queries(30):
        assert coach_client.get(_url(alice)).status_code == 200


def test_the_chart_counts_each_week_in_the_readers_zone(alice):
    contact = ContactFactory(owner=alice)
    OutreachAttemptFactory(contact=contact, sent_at=timezone.now() - timedelta(days=7))
    OutreachAttemptFactory(contact=contact, sent_at=timezone.now() - timedelta(hours=1))
    meeting = MeetingFactory(contact=contact, starts_at=past_slot(alice.timezone, days_back=5))
    Meeting.referred_contacts.through.objects.create(
        meeting=meeting, contact=ContactFactory(owner=alice)
    )
    chart = weekly_activity(alice, timezone.get_fixed_timezone(0))
    assert len(chart.weeks) == WEEKS
    assert chart.weeks[-1].counts == {"requests": 1, "meetings": 0, "referrals": 0}
    assert chart.weeks[-2].counts == {"requests": 1, "meetings": 1, "referrals": 1}
    assert chart.top == 1
    tallest = chart.weeks[-1].bars[0]
    assert tallest.height > 0 and chart.weeks[-1].bars[1].height == 0


def test_a_coach_reads_the_clients_profile_in_a_coachs_words(coach_client, alice, admin_url):
    page = coach_client.get(admin_url(alice)).content.decode()
    assert "Client&#x27;s target role" in page
    assert "Role you want" not in page and "Your name" not in page
    listing = coach_client.get(reverse("admin:core_user_changelist")).content.decode()
    assert "Client&#x27;s target role" in listing


def test_a_coach_reads_a_meetings_state_in_the_seekers_word(coach_client, alice, admin_url):
    meeting = MeetingFactory(
        contact=ContactFactory(owner=alice), starts_at=past_slot(alice.timezone)
    )
    page = coach_client.get(admin_url(meeting)).content.decode()
    assert "Needs debrief" in page


def test_a_coach_has_no_criteria_suggestions_entry(coach_client):
    page = coach_client.get(reverse("admin:index")).content.decode()
    assert "Criteria suggestions" not in page
    assert (
        coach_client.get(reverse("admin:employers_criteriasuggestion_changelist")).status_code
        == 403
    )


def test_a_coach_sets_their_own_time_zone_and_reads_dates_in_it(coach_client, coach, alice):
    response = coach_client.post(reverse("admin:clock"), {"timezone": "Asia/Tokyo"})
    assert response.status_code == 302
    coach.refresh_from_db()
    assert coach.timezone == "Asia/Tokyo"
    # Monday 30 Nov 12:00 UTC is 21:00 in Tokyo: the caseload's weeks are Tokyo's.
    assert "Asia/Tokyo" in coach_client.get(reverse("admin:index")).content.decode()
    bad = coach_client.post(reverse("admin:clock"), {"timezone": "Mars/Olympus"})
    assert bad.status_code == 200
    assert "is not a time zone we know" in bad.content.decode()


def test_a_meeting_shows_at_the_coachs_time(coach_client, coach, alice):
    coach.timezone = "Asia/Tokyo"
    coach.save()
    meeting = MeetingFactory(contact=ContactFactory(owner=alice))  # 10:00 in Toronto
    page = coach_client.get(_url(alice)).content.decode()
    local = timezone.localtime(meeting.starts_at, coach.zone)
    assert f"{local:%H:%M}" in page
