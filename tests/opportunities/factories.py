import factory

from networking.opportunities import services
from networking.opportunities.models import Opportunity, Source, Stage
from tests.employers.factories import EmployerFactory
from tests.factories import UserFactory


class OpportunityFactory(factory.django.DjangoModelFactory):
    """An opportunity made as the seeker makes one: through the service, its first stage dated."""

    class Meta:
        model = Opportunity

    owner = factory.SubFactory(UserFactory)
    employer = factory.SubFactory(EmployerFactory, owner=factory.SelfAttribute("..owner"))
    title = factory.Sequence(lambda n: f"Product Designer {n}")
    source = Source.POSTING
    stage = Stage.LEAD

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        on = kwargs.pop("stage_on", None)
        opportunity = model_class(*args, **kwargs)
        services.create_opportunity(opportunity, on=on)
        return opportunity
