from datetime import timedelta

from django.db import migrations


def fill_ends_at(apps, schema_editor):
    Meeting = apps.get_model("meetings", "Meeting")
    for meeting in Meeting.objects.filter(ends_at__isnull=True).iterator():
        meeting.ends_at = meeting.starts_at + timedelta(minutes=meeting.duration_minutes)
        meeting.save(update_fields=["ends_at"])


class Migration(migrations.Migration):
    dependencies = [("meetings", "0002_prep_debrief_agenda_questions_tasks")]

    operations = [migrations.RunPython(fill_ends_at, migrations.RunPython.noop)]
