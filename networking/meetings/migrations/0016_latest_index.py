"""A seeker's meetings newest first: a panel's latest meetings (an employer's, a contact's)
read from the index's head, not joined to every contact at the employer."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0015_task_owner_required"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(fields=["owner", "-starts_at"], name="meetings_owner_latest_idx"),
        ),
    ]
