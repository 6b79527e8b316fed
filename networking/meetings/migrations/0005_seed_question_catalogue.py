"""Seed the shared question catalogue and the key question (SPEC §5)."""

from django.db import migrations

from networking.meetings.catalogue import CATALOGUE, KEY_QUESTION, ensure_catalogue


def seed(apps, schema_editor):
    ensure_catalogue(apps.get_model("meetings", "Question"))


def unseed(apps, schema_editor):
    Question = apps.get_model("meetings", "Question")
    texts = [text for texts in CATALOGUE.values() for text in texts] + [KEY_QUESTION]
    Question.objects.filter(owner=None, text__in=texts).delete()


class Migration(migrations.Migration):
    dependencies = [("meetings", "0004_meeting_ends_at_required")]

    operations = [migrations.RunPython(seed, unseed)]
