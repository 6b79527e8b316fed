"""The contact writes: plain values in; the contact (and an employer typed in inline), or the
outreach logged and answered, out."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from networking.contacts.models import Contact, OutreachAttempt
from networking.contacts.services import log_outreach, record_reply, save_contact
from networking.employers.models import Employer
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory
from tests.employers.factories import EmployerFactory

pytestmark = pytest.mark.django_db


def new_contact(owner, **fields):
    return Contact(owner=owner, first_name="Priya", last_name="Natarajan", **fields)


def test_it_saves_a_new_contact_at_one_of_the_seekers_employers(alice):
    lumen = EmployerFactory(owner=alice, name="Lumen Labs")
    contact = save_contact(new_contact(alice, employer=lumen), owner=alice)
    assert Contact.objects.owned_by(alice).get() == contact
    assert contact.employer == lumen


def test_a_new_employer_name_becomes_an_employer_of_the_seekers(alice):
    contact = save_contact(new_contact(alice), owner=alice, new_employer_name="Kestrel Games")
    assert contact.employer.name == "Kestrel Games"
    assert contact.employer.owner == alice


def test_a_new_employer_name_finds_the_one_already_there_in_any_case(alice, bob):
    lumen = EmployerFactory(owner=alice, name="Lumen Labs")
    EmployerFactory(owner=bob, name="lumen labs")
    contact = save_contact(new_contact(alice), owner=alice, new_employer_name="  lumen LABS ")
    assert contact.employer == lumen
    assert Employer.objects.owned_by(alice).count() == 1


def test_an_edit_keeps_the_employer_unless_a_new_name_is_given(alice):
    contact = ContactFactory(owner=alice, title="Designer")
    employer = contact.employer
    contact.title = "Design Director"
    save_contact(contact, owner=alice)
    contact.refresh_from_db()
    assert (contact.title, contact.employer) == ("Design Director", employer)
    save_contact(contact, owner=alice, new_employer_name="Northwind Health")
    contact.refresh_from_db()
    assert contact.employer.name == "Northwind Health"


def test_it_refuses_to_save_a_contact_for_someone_else(alice, bob):
    with pytest.raises(ValueError):
        save_contact(new_contact(bob), owner=alice, new_employer_name="Acme")
    assert not Contact.objects.exists()
    assert not Employer.objects.exists()


def test_it_writes_all_or_nothing(alice):
    """A contact refused by the database takes the employer typed in with it back out."""
    contact = new_contact(alice)
    contact.level = "intern"  # not on the ladder: the database's check refuses the row
    with pytest.raises(IntegrityError):
        save_contact(contact, owner=alice, new_employer_name="Kestrel Games")
    assert not Employer.objects.owned_by(alice).exists()


# Outreach, logged and answered under the contact's lock (SPEC §4).

TORONTO = ZoneInfo("America/Toronto")
ASKED = datetime(2026, 12, 1, 10, tzinfo=TORONTO)


def follow_up(contact, day):
    return log_outreach(
        contact,
        kind="follow_up",
        channel="email",
        sent_at=datetime(2026, 12, day, 10, tzinfo=TORONTO),
        message="Just checking in.",
    )


def test_it_logs_a_message_with_its_reply(alice):
    elena = ContactFactory(owner=alice)
    answered = datetime(2026, 12, 2, 9, tzinfo=TORONTO)
    attempt = log_outreach(
        elena,
        kind="request",
        channel="linkedin",
        sent_at=ASKED,
        message="Hello",
        reply="accepted",
        replied_at=answered,
    )
    attempt = OutreachAttempt.objects.get(pk=attempt.pk)
    assert (attempt.contact, attempt.kind, attempt.channel) == (elena, "request", "linkedin")
    assert (attempt.sent_at, attempt.reply, attempt.replied_at) == (ASKED, "accepted", answered)


def test_a_third_follow_up_is_refused_by_the_service_itself(alice):
    """The form is not the only guard: called directly, the service applies the same rule."""
    elena = ContactFactory(owner=alice, first_name="Elena")
    OutreachAttemptFactory(contact=elena, sent_at=ASKED)
    follow_up(elena, 10)
    follow_up(elena, 21)
    with pytest.raises(ValidationError) as refused:
        follow_up(elena, 30)
    assert refused.value.code == "hounding"
    assert "A third would be hounding: let it rest." in refused.value.messages[0]
    assert OutreachAttempt.objects.filter(contact=elena, kind="follow_up").count() == 2


def test_a_follow_up_after_a_decline_is_refused_by_the_service(alice):
    elena = ContactFactory(owner=alice, first_name="Elena")
    OutreachAttemptFactory(
        contact=elena, sent_at=ASKED, reply="declined", replied_at=ASKED + timedelta(days=1)
    )
    with pytest.raises(ValidationError, match="closes the cycle"):
        follow_up(elena, 10)
    assert OutreachAttempt.objects.filter(contact=elena).count() == 1


def test_an_answer_is_recorded_once(alice):
    attempt = OutreachAttemptFactory(contact__owner=alice, sent_at=ASKED)
    answered = ASKED + timedelta(days=1)
    record_reply(attempt, reply="declined", replied_at=answered)
    again = record_reply(attempt, reply="declined", replied_at=answered + timedelta(hours=2))
    assert (again.reply, again.replied_at) == ("declined", answered)
    with pytest.raises(ValidationError, match="recorded already: declined"):
        record_reply(attempt, reply="accepted", replied_at=answered)
    attempt.refresh_from_db()
    assert (attempt.reply, attempt.replied_at) == ("declined", answered)


def test_outreach_to_a_contact_deleted_meanwhile_is_a_404(alice):
    from django.http import Http404

    contact = ContactFactory(owner=alice)
    Contact.objects.filter(pk=contact.pk).delete()
    with pytest.raises(Http404):
        log_outreach(contact, kind="request", channel="email", sent_at=ASKED)
