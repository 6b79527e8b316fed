import factory
from django.utils import timezone

from networking.contacts.models import Contact, OutreachAttempt
from networking.contacts.state import refresh_state
from tests.employers.factories import EmployerFactory
from tests.factories import UserFactory


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    owner = factory.SubFactory(UserFactory)
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    # One email is one contact of a seeker's (SPEC §6), so namesakes get addresses of their own.
    email = factory.LazyAttributeSequence(
        lambda c, n: f"{c.first_name}.{c.last_name}.{n}@example.com".lower()
    )
    employer = factory.SubFactory(EmployerFactory, owner=factory.SelfAttribute("..owner"))
    title = "Director of Design"
    level = "director"
    function = Contact.Function.DESIGN
    timezone = factory.LazyAttribute(lambda c: c.owner.timezone)


class KeepsContactState:
    """History made by a factory stores the contact's state, as the services do."""

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        made = super()._create(model_class, *args, **kwargs)
        refresh_state(made.contact_id)
        return made


class OutreachAttemptFactory(KeepsContactState, factory.django.DjangoModelFactory):
    class Meta:
        model = OutreachAttempt

    contact = factory.SubFactory(ContactFactory)
    kind = OutreachAttempt.Kind.REQUEST
    channel = OutreachAttempt.Channel.EMAIL
    sent_at = factory.LazyFunction(timezone.now)
    message = "Hello — could I ask you for 20 minutes of advice?"
