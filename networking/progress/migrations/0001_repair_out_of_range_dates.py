"""Repair the date-times stored before typed dates were bounded (core/date_window.py).

A date typed far in the past or the future could be stored: a reply dated 23:59 on
31 Dec 9999 by a seeker at UTC−11 became year 10000 in UTC. PostgreSQL keeps it, and every
read of the row then fails (psycopg cannot load it); a date just inside Python's calendar
fails as soon as a page converts it to a zone or counts business days from it. The contact
list, the contact page, the export and the admin's outreach list answered 500 until the row
was mended by hand.

Every typed date-time outside 1 Jan 2000 – 1 Jan 2100 (UTC) is repaired, on SQLite and
PostgreSQL alike, without ever reading a bad value (the ORM filters and writes it, never
loads it):

- an outreach attempt's ``sent_at`` becomes the moment the attempt was logged
  (``created_at``), or its answer's date if that came earlier: the nearest date known to
  be true;
- an answer's ``replied_at`` becomes the attempt's ``sent_at`` (answered when sent);
- a meeting's ``starts_at`` becomes the moment it was booked (``created_at``), and its
  ``ends_at`` follows from its length; the meeting keeps its status, so a scheduled one shows
  as "needs debrief" and the seeker sets the real time. Where that moment falls on another
  of the seeker's meetings, the repaired one is cancelled instead: a seeker is in one meeting
  at a time, and the database holds them to it.

A repaired value is itself kept inside the window. Nothing else changes; rows inside the
window are not touched. Reversing the migration leaves the repaired values.
"""

from datetime import UTC, datetime, timedelta

from django.db import migrations, models

FLOOR = datetime(2000, 1, 1, tzinfo=UTC)
CEILING = datetime(2100, 1, 1, tzinfo=UTC)


def inside(moment):
    return min(max(moment, FLOOR), CEILING - timedelta(days=1))


def outside(queryset, field):
    """The ids of rows whose ``field`` is set and outside the window, read without the value."""
    inside_window = {f"{field}__gte": FLOOR, f"{field}__lt": CEILING}
    return set(
        queryset.filter(**{f"{field}__isnull": False})
        .exclude(**inside_window)
        .values_list("pk", flat=True)
    )


def repair_outreach(OutreachAttempt):
    bad_sent = outside(OutreachAttempt.objects, "sent_at")
    answered = dict(
        OutreachAttempt.objects.filter(
            pk__in=bad_sent, replied_at__gte=FLOOR, replied_at__lt=CEILING
        ).values_list("pk", "replied_at")
    )
    logged = OutreachAttempt.objects.filter(pk__in=bad_sent).values_list("pk", "created_at")
    for pk, created_at in logged:
        sent_at = min(created_at, answered.get(pk, created_at))
        OutreachAttempt.objects.filter(pk=pk).update(sent_at=inside(sent_at))
    bad_replied = outside(OutreachAttempt.objects, "replied_at")
    OutreachAttempt.objects.filter(pk__in=bad_replied).update(
        replied_at=models.F("sent_at")
    )


def repair_meetings(Meeting):
    bad = outside(Meeting.objects, "starts_at")
    booked = Meeting.objects.filter(pk__in=bad).values_list(
        "pk", "created_at", "duration_minutes", "contact__owner_id"
    )
    for pk, created_at, minutes, owner_id in booked:
        starts_at = inside(created_at)
        ends_at = starts_at + timedelta(minutes=minutes)
        changes = {"starts_at": starts_at, "ends_at": ends_at}
        clash = (
            Meeting.objects.filter(
                contact__owner_id=owner_id, starts_at__lt=ends_at, ends_at__gt=starts_at
            )
            .exclude(pk=pk)
            .exclude(status="cancelled")
        )
        if clash.exists():
            # A seeker is in one meeting at a time: the repaired one gives way.
            changes["status"] = "cancelled"
        Meeting.objects.filter(pk=pk).update(**changes)


def repair_out_of_range_dates(apps, schema_editor):
    repair_outreach(apps.get_model("contacts", "OutreachAttempt"))
    repair_meetings(apps.get_model("meetings", "Meeting"))


class Migration(migrations.Migration):
    # Before meetings stop overlapping: a repaired start may land on another meeting, and
    # that migration settles double bookings.
    run_before = [("meetings", "0010_one_meeting_at_a_time")]
    dependencies = [
        ("contacts", "0007_constraint_messages"),
        ("meetings", "0006_actual_minutes_optional"),
    ]

    operations = [
        migrations.RunPython(repair_out_of_range_dates, migrations.RunPython.noop, elidable=True)
    ]
