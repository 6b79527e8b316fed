"""A task stores its seeker (its contact's owner), as a meeting does: the dashboard's and the
morning email's open tasks are then one indexed read, not a join through every contact."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0013_run_sheet_notes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="task",
            name="owner",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunSQL(
            "UPDATE meetings_task SET owner_id = "
            "(SELECT owner_id FROM contacts_contact WHERE contacts_contact.id = meetings_task.contact_id)",
            migrations.RunSQL.noop,
        ),
    ]
