import factory

from networking.employers.models import Criterion, Employer, Rating
from networking.employers.services import rescore
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

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Saved as the employer's form saves one: the employer's stored score follows."""
        rating = super()._create(model_class, *args, **kwargs)
        rescore([rating.employer_id])
        return rating
