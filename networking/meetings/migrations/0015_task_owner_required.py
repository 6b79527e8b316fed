"""A task's seeker is required, now that every task has one (0014 filled them from their
contact); its own migration, so the rows written by 0014 are checked before the column is
altered (PostgreSQL refuses to alter a table with foreign-key checks still pending)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0014_task_owner"),
    ]

    operations = [
        migrations.AlterField(
            model_name="task",
            name="owner",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    ]
