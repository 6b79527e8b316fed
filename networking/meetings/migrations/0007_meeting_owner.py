import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """A meeting's seeker on its own row; filled by 0008, required from 0009."""

    dependencies = [
        ("meetings", "0006_actual_minutes_optional"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="owner",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="meetings",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    ]
