"""One factory per model. Users are created through the manager, so passwords hash."""

import factory

from core.models import User, ValueStatement

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"seeker{n}@example.com")
    name = factory.Faker("name")
    target_title = "Product Designer"
    target_level = "supervisor"
    timezone = "America/Toronto"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        password = kwargs.pop("password", PASSWORD)
        return model_class.objects.create_user(*args, password=password, **kwargs)


class ValueStatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ValueStatement

    owner = factory.SubFactory(UserFactory)
    kind = "revenue"
    figure = "$1.2M"
    statement = "New revenue from the partner program I launched."
