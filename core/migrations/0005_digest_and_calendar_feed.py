import secrets
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import migrations, models
from django.utils import timezone

import core.reminders


def _next_digest_at(zone_name, after):
    try:
        zone = ZoneInfo(zone_name)
    except Exception:
        zone = ZoneInfo("UTC")
    day = after.astimezone(zone).date()
    while True:
        if day.weekday() < 5:
            slot = datetime.combine(day, time(8, 0), tzinfo=zone)
            if slot > after:
                return slot.astimezone(UTC)
        day += timedelta(days=1)


def give_each_seeker_a_token_and_a_morning(apps, schema_editor):
    User = apps.get_model("core", "User")
    now = timezone.now()
    for user in User.objects.only("pk", "timezone").iterator():
        User.objects.filter(pk=user.pk).update(
            calendar_token=secrets.token_urlsafe(32),
            next_digest_at=_next_digest_at(user.timezone, now),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_coach_lists_in_the_access_log"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="digest_on",
            field=models.BooleanField(
                default=True,
                help_text=(
                    "At 08:00 on business days, when something is due: thank-yous, follow-ups, "
                    "debriefs, today's meetings and new referrals."
                ),
                verbose_name="email me each morning",
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="next_digest_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="user",
            name="calendar_token",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(give_each_seeker_a_token_and_a_morning, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="user",
            name="calendar_token",
            field=models.CharField(
                default=core.reminders.new_calendar_token,
                editable=False,
                max_length=64,
                unique=True,
            ),
        ),
        migrations.AddIndex(
            model_name="user",
            index=models.Index(
                condition=models.Q(("digest_on", True)),
                fields=["next_digest_at"],
                name="core_user_digest_due_idx",
            ),
        ),
    ]
