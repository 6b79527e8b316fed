"""No form error shows a constraint's internal name: every constraint of every model says its
rule in the seeker's words (Django's default is "Constraint “…” is violated.")."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from core.models import ValueStatement

OUR_APPS = {"core", "employers", "contacts", "meetings", "progress"}


def our_constraints():
    for config in apps.get_app_configs():
        if config.label not in OUR_APPS:
            continue
        for model in config.get_models():
            for constraint in model._meta.constraints:
                yield pytest.param(model, constraint, id=constraint.name)


def test_our_apps_have_constraints_to_check():
    assert len(list(our_constraints())) >= 25


@pytest.mark.parametrize(("model", "constraint"), list(our_constraints()))
def test_every_constraint_says_its_rule_in_the_seekers_words(model, constraint):
    message = constraint.get_violation_error_message()
    assert constraint.violation_error_message != constraint.default_violation_error_message
    assert constraint.name not in message
    assert "%(" not in constraint.violation_error_message
    assert "Constraint" not in message and "violated" not in message
    assert message.endswith("."), message


@pytest.mark.django_db
def test_a_broken_rule_reads_as_the_rule(alice):
    statement = ValueStatement(owner=alice, kind="salary", figure="$1", statement="A raise.")
    with pytest.raises(ValidationError) as refused:
        statement.validate_constraints()
    (message,) = refused.value.messages
    assert message == "Choose what it shows: revenue earned, costs saved, or brand built."
