"""Coaches on the admin site see their own clients only, read-only, and every look is logged."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from core.coaching import COACHES_GROUP, CoachAssignment, CoachingNote, RecordView
from tests.factories import UserFactory, ValueStatementFactory

pytestmark = pytest.mark.django_db


def test_a_coach_lists_only_their_clients_records(coach_client, alice, bob):
    ValueStatementFactory(owner=alice, figure="$1.2M")
    ValueStatementFactory(owner=bob, figure="$9.9M")
    body = coach_client.get(reverse("admin:core_valuestatement_changelist")).content.decode()
    assert "$1.2M" in body
    assert "$9.9M" not in body
    users = coach_client.get(reverse("admin:core_user_changelist")).content.decode()
    assert "alice@example.com" in users
    assert "bob@example.com" not in users


def test_opening_a_clients_record_is_logged(coach_client, coach, alice, admin_url):
    statement = ValueStatementFactory(owner=alice, figure="$1.2M")
    response = coach_client.get(admin_url(statement))
    assert response.status_code == 200
    view = RecordView.objects.get()
    assert (view.coach, view.client, view.object_id) == (coach, alice, str(statement.pk))
    assert "$1.2M" in view.record


def test_another_seekers_record_is_a_404_and_is_not_logged(coach_client, bob, admin_url):
    statement = ValueStatementFactory(owner=bob)
    assert coach_client.get(admin_url(statement)).status_code == 404
    assert coach_client.get(admin_url(bob)).status_code == 404
    assert not RecordView.objects.exists()


def test_a_coach_cannot_change_or_delete_a_clients_record(coach_client, alice, admin_url):
    statement = ValueStatementFactory(owner=alice, figure="$1.2M")
    response = coach_client.post(
        admin_url(statement), {"kind": "cost", "figure": "0", "statement": "x", "owner": alice.pk}
    )
    assert response.status_code == 403
    assert coach_client.post(admin_url(statement, "delete"), {"post": "yes"}).status_code == 403
    statement.refresh_from_db()
    assert statement.figure == "$1.2M"


def test_a_coachs_view_of_a_client_hides_account_internals(coach_client, alice, admin_url):
    body = coach_client.get(admin_url(alice)).content.decode()
    assert "alice@example.com" in body
    assert "Superuser status" not in body
    assert "md5$" not in body


def test_a_coach_writes_notes_for_clients_only(coach_client, coach, alice, bob):
    url = reverse("admin:core_coachingnote_add")
    response = coach_client.post(url, {"client": bob.pk, "text": "Sneaky"})
    assert response.status_code == 200
    assert not CoachingNote.objects.exists()
    response = coach_client.post(url, {"client": alice.pk, "text": "Practise your $1.2M story."})
    assert response.status_code == 302
    note = CoachingNote.objects.get()
    assert (note.coach, note.client) == (coach, alice)


def test_the_client_reads_coaching_notes_on_the_dashboard(alice_client, alice, coach, coaching):
    CoachingNote.objects.create(coach=coach, client=alice, text="Practise your $1.2M story.")
    body = alice_client.get(reverse("dashboard")).content.decode()
    assert "From your coach" in body
    assert "Practise your $1.2M story." in body


def test_the_seeker_sees_their_coaches_and_the_access_log(alice_client, coach, coaching, alice):
    RecordView.objects.create(
        coach=coach, client=alice, kind="contact", object_id="7", record="Priya Raman"
    )
    assert "Ruth Adebayo" in alice_client.get(reverse("profile")).content.decode()
    body = alice_client.get(reverse("coach_access_log")).content.decode()
    assert "Ruth Adebayo" in body
    assert "Contact: Priya Raman" in body


def test_the_access_log_is_the_seekers_own(bob_client, coach, coaching, alice):
    RecordView.objects.create(
        coach=coach, client=alice, kind="contact", object_id="7", record="Priya Raman"
    )
    assert "Priya Raman" not in bob_client.get(reverse("coach_access_log")).content.decode()


def test_the_seeker_ends_a_coachs_access(alice_client, coach, coaching, alice, client, admin_url):
    url = reverse("coach_access_end", args=[coaching.pk])
    assert alice_client.get(url).status_code == 405
    response = alice_client.post(url)
    assert response.status_code == 302
    coaching.refresh_from_db()
    assert coaching.ended_at is not None
    statement = ValueStatementFactory(owner=alice)
    client.force_login(coach)
    assert client.get(admin_url(statement)).status_code == 404


def test_staff_who_are_not_coaches_see_no_client_data(client, alice, admin_url):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    statement = ValueStatementFactory(owner=alice)
    assert client.get(reverse("admin:core_valuestatement_changelist")).status_code == 403
    assert client.get(admin_url(statement)).status_code in {403, 404}


def test_a_superuser_sees_everything(client, alice, bob):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    ValueStatementFactory(owner=alice, figure="$1.2M")
    ValueStatementFactory(owner=bob, figure="$9.9M")
    body = client.get(reverse("admin:core_valuestatement_changelist")).content.decode()
    assert "$1.2M" in body and "$9.9M" in body


def test_only_coaches_can_be_assigned_clients(alice, bob):
    with pytest.raises(ValidationError, match="Coaches"):
        CoachAssignment(coach=bob, client=alice).full_clean()


def test_a_coach_has_one_active_assignment_per_client(coach, alice, coaching):
    with pytest.raises(ValidationError, match="already has access"):
        CoachAssignment(coach=coach, client=alice).full_clean()


def test_ending_access_twice_is_not_an_error(alice_client, coaching):
    url = reverse("coach_access_end", args=[coaching.pk])
    alice_client.post(url)
    ended_at = CoachAssignment.objects.get().ended_at
    response = alice_client.post(url, follow=True)
    assert response.status_code == 200
    assert "Ruth Adebayo can no longer see your data." in response.content.decode()
    assert CoachAssignment.objects.get().ended_at == ended_at


def test_the_log_calls_a_clients_account_their_profile(coach_client, alice, admin_url):
    coach_client.get(admin_url(alice))
    assert RecordView.objects.get().kind == "profile"


def test_opening_a_records_history_is_logged_too(coach_client, alice, bob, admin_url):
    statement = ValueStatementFactory(owner=alice)
    assert coach_client.get(admin_url(statement, "history")).status_code == 200
    assert RecordView.objects.get().object_id == str(statement.pk)
    other = ValueStatementFactory(owner=bob)
    assert coach_client.get(admin_url(other, "history")).status_code == 404
    assert RecordView.objects.count() == 1


def test_a_coach_reads_the_clients_progress_on_their_profile(coach_client, alice, admin_url):
    from tests.contacts.factories import ContactFactory

    ContactFactory.create_batch(2, owner=alice)
    body = coach_client.get(admin_url(alice)).content.decode()
    assert "The walk so far" in body
    assert "2 contacts" in body


def test_after_the_client_ends_access_the_coach_sees_nothing(
    coach_client, coaching, alice, admin_url
):
    statement = ValueStatementFactory(owner=alice, figure="$1.2M")
    CoachingNote.objects.create(coach=coaching.coach, client=alice, text="Practise.")
    seeker = Client()
    seeker.force_login(alice)
    seeker.post(reverse("coach_access_end", args=[coaching.pk]))
    for name in ["core_valuestatement", "core_user", "core_coachingnote"]:
        response = coach_client.get(reverse(f"admin:{name}_changelist"))
        assert response.status_code == 200, name
        assert response.context["cl"].result_count == 0, name
    assert coach_client.get(admin_url(statement)).status_code == 404
    add = coach_client.get(reverse("admin:core_coachingnote_add")).content.decode()
    assert f'value="{alice.pk}"' not in add


def test_the_access_log_survives_a_bad_page_number(alice_client, coach, coaching, alice):
    RecordView.objects.create(coach=coach, client=alice, kind="contact", object_id="7", record="P")
    for page in ["abc", "99999", "-1"]:
        response = alice_client.get(reverse("coach_access_log"), {"page": page})
        assert response.status_code == 200, page


def test_the_access_log_query_count_does_not_grow(
    alice_client, coach, coaching, alice, django_assert_max_num_queries
):
    def views(n):
        RecordView.objects.bulk_create(
            RecordView(coach=coach, client=alice, kind="contact", object_id=str(i), record="P")
            for i in range(n)
        )

    views(2)
    with django_assert_max_num_queries(8) as small:
        alice_client.get(reverse("coach_access_log"))
    views(60)
    with django_assert_max_num_queries(8) as large:
        alice_client.get(reverse("coach_access_log"))
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_profile_query_count_does_not_grow(
    alice_client, alice, coach, coaching, django_assert_max_num_queries
):
    ValueStatementFactory.create_batch(2, owner=alice)
    with django_assert_max_num_queries(8) as small:
        alice_client.get(reverse("profile"))
    ValueStatementFactory.create_batch(20, owner=alice)
    for n in range(5):
        other = UserFactory(is_staff=True, email=f"coach{n}@example.com")
        other.groups.add(Group.objects.get(name=COACHES_GROUP))
        CoachAssignment.objects.create(coach=other, client=alice)
    with django_assert_max_num_queries(8) as large:
        alice_client.get(reverse("profile"))
    assert len(large.captured_queries) == len(small.captured_queries)
