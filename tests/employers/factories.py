import factory

from networking.employers.models import Criterion, Employer, Rating
from tests.factories import UserFactory


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Criterion {n}")
    weight = 3


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Employer {n}")
    industry = "Software"
    status = Employer.Status.TARGETING


class RatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rating

    employer = factory.SubFactory(EmployerFactory)
    criterion = factory.SubFactory(
        CriterionFactory, owner=factory.SelfAttribute("..employer.owner")
    )
    score = 3
