# Constraint messages in the seeker's words: no form error shows a constraint's name.

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('employers', '0002_criteria_suggestion'),
    ]

    operations = [
        migrations.AlterConstraint(
            model_name='criterion',
            name='employers_criterion_weight_1_to_5',
            constraint=models.CheckConstraint(condition=models.Q(('weight__gte', 1), ('weight__lte', 5)), name='employers_criterion_weight_1_to_5', violation_error_message="A criterion's weight is from 1 to 5."),
        ),
        migrations.AlterConstraint(
            model_name='criterion',
            name='employers_criterion_unique_name_per_owner',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower('name'), models.F('owner'), name='employers_criterion_unique_name_per_owner', violation_error_message='You already have a criterion with this name.'),
        ),
        migrations.AlterConstraint(
            model_name='employer',
            name='employers_employer_unique_name_per_owner',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower('name'), models.F('owner'), name='employers_employer_unique_name_per_owner', violation_error_message='You already have an employer with this name.'),
        ),
        migrations.AlterConstraint(
            model_name='employer',
            name='employers_employer_status_valid',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['researching', 'targeting', 'paused', 'dropped'])), name='employers_employer_status_valid', violation_error_message='Choose a status: researching, targeting, paused or dropped.'),
        ),
        migrations.AlterConstraint(
            model_name='employer',
            name='employers_employer_posting_valid',
            constraint=models.CheckConstraint(condition=models.Q(('posting__in', ['none', 'any', 'target'])), name='employers_employer_posting_valid', violation_error_message='Choose what they post: no posting, some posting, or the target role posted.'),
        ),
        migrations.AlterConstraint(
            model_name='rating',
            name='employers_rating_one_per_criterion',
            constraint=models.UniqueConstraint(fields=('employer', 'criterion'), name='employers_rating_one_per_criterion', violation_error_message='This employer is already rated on this criterion.'),
        ),
        migrations.AlterConstraint(
            model_name='rating',
            name='employers_rating_score_1_to_5',
            constraint=models.CheckConstraint(condition=models.Q(('score__gte', 1), ('score__lte', 5)), name='employers_rating_score_1_to_5', violation_error_message='A rating is from 1 to 5.'),
        ),
    ]
