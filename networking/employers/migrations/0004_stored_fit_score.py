"""Employers store their fit score and rated count, worked out once from the ratings already
there (the same formula as ``scoring.fit_score``: integer arithmetic, NULL when nothing is
rated), before the constraint that ties the two is added."""

from django.conf import settings
from django.db import migrations, models

FILL = """
UPDATE employers_employer SET
    rated_count = (
        SELECT COUNT(*) FROM employers_rating AS rating
        WHERE rating.employer_id = employers_employer.id
    ),
    fit_score = (
        SELECT (50 * SUM((rating.score - 1) * criterion.weight) + SUM(criterion.weight))
            / (2 * SUM(criterion.weight))
        FROM employers_rating AS rating
        JOIN employers_criterion AS criterion ON criterion.id = rating.criterion_id
        WHERE rating.employer_id = employers_employer.id
    )
"""


class Migration(migrations.Migration):
    dependencies = [
        ("employers", "0003_constraint_messages"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="employer",
            name="fit_score",
            field=models.PositiveSmallIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="employer",
            name="rated_count",
            field=models.PositiveSmallIntegerField(default=0, editable=False),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
        migrations.AddConstraint(
            model_name="employer",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("fit_score__isnull", True), ("rated_count", 0)),
                    models.Q(
                        ("fit_score__gte", 0),
                        ("fit_score__isnull", False),
                        ("fit_score__lte", 100),
                        ("rated_count__gt", 0),
                    ),
                    _connector="OR",
                ),
                name="employers_employer_fit_score_of_ratings",
                violation_error_message="A fit score is from 0 to 100, and only an employer rated on a criterion has one.",
            ),
        ),
    ]
