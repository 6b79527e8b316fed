from datetime import datetime, time
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone

from core.business_days import add_business_days, business_days_before
from networking.meetings.models import AgendaItem, Meeting, Question, Task
from tests.contacts.factories import ContactFactory, KeepsContactState
from tests.factories import UserFactory


def business_slot(zone_name: str, *, days_ahead: int = 1, hour: int = 10, minute: int = 0):
    """A time ``days_ahead`` business days from today, at ``hour`` in ``zone_name``."""
    zone = ZoneInfo(zone_name)
    day = add_business_days(timezone.localtime(timezone.now(), zone).date(), days_ahead)
    return datetime.combine(day, time(hour, minute), tzinfo=zone)


def past_slot(zone_name: str, *, days_back: int = 1, hour: int = 10):
    """A time ``days_back`` business days before today, at ``hour`` in ``zone_name``."""
    zone = ZoneInfo(zone_name)
    day = business_days_before(timezone.localtime(timezone.now(), zone).date(), days_back)
    return datetime.combine(day, time(hour, 0), tzinfo=zone)


class MeetingFactory(KeepsContactState, factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    contact = factory.SubFactory(ContactFactory)
    starts_at = factory.LazyAttribute(lambda m: business_slot(m.contact.timezone))
    duration_minutes = 20
    location = "https://meet.example.com/abc-defg"
    status = Meeting.Status.SCHEDULED


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    owner = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"What would you tell someone starting out, take {n}?")
    category = Question.Category.ADVICE


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    question = None
    text = factory.Sequence(lambda n: f"What changed in your field this year ({n})?")
    position = factory.Sequence(lambda n: n)


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    meeting = factory.SubFactory(MeetingFactory)
    contact = factory.SelfAttribute("meeting.contact")
    kind = Task.Kind.THANK_YOU
    title = factory.LazyAttribute(lambda t: f"Send {t.contact.full_name} a thank-you note")
    # Today where the seeker lives, as the dashboard counts it, not today in UTC.
    due_on = factory.LazyAttribute(
        lambda t: timezone.localtime(timezone.now(), t.meeting.contact.owner.zone).date()
    )
