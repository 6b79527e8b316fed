from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meetings", "0003_fill_meeting_ends_at")]

    operations = [
        migrations.AlterField(
            model_name="meeting",
            name="ends_at",
            field=models.DateTimeField(editable=False),
        ),
    ]
