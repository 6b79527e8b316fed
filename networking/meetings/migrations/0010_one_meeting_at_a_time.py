"""One seeker, one meeting at a time, kept by PostgreSQL itself.

Two bookings posted at once both pass the form's overlap check; only the database sees them
both. On PostgreSQL an exclusion constraint refuses a second meeting, not cancelled, whose
time overlaps another of the same seeker's. SQLite has no such constraint (and takes one
writer at a time): there, both operations do nothing and the form's check keeps the rule.

The constraint is added here rather than declared in ``Meta.constraints``, which SQLite would
be asked to create too; ``makemigrations`` stays clean on both databases.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations
from django.db.models import F, Func, Q

NO_OVERLAP = "meetings_meeting_no_overlap"
# Kept over the others when meetings overlap: the one furthest along, then the first booked.
PROGRESS = ["debriefed", "held", "scheduled", "requested"]


def no_overlap():
    from django.contrib.postgres.constraints import ExclusionConstraint
    from django.contrib.postgres.fields import DateTimeRangeField, RangeOperators

    # '[)': a meeting may start the minute another ends.
    during = Func(
        F("starts_at"), F("ends_at"), function="TSTZRANGE", output_field=DateTimeRangeField()
    )
    return ExclusionConstraint(
        name=NO_OVERLAP,
        expressions=[(during, RangeOperators.OVERLAPS), ("owner", RangeOperators.EQUAL)],
        condition=~Q(status="cancelled"),
    )


def cancel_double_bookings(Meeting):
    """Cancel the meetings booked twice before the database could refuse them.

    Of overlapping meetings, the one furthest along stays (a debriefed one before a scheduled
    one), then the first booked; the others are cancelled, which frees their time and keeps
    what was written about them, with a note saying why.
    """
    booked = Meeting.objects.exclude(status="cancelled").order_by("owner_id", "id")
    kept, doubles = {}, []
    for meeting in sorted(booked, key=lambda m: (m.owner_id, PROGRESS.index(m.status), m.id)):
        times = kept.setdefault(meeting.owner_id, [])
        if any(start < meeting.ends_at and meeting.starts_at < end for start, end in times):
            doubles.append(meeting)
        else:
            times.append((meeting.starts_at, meeting.ends_at))
    for meeting in doubles:
        note = "Cancelled: booked twice, it overlapped another of your meetings."
        meeting.notes = f"{meeting.notes}\n\n{note}".strip()
        meeting.status = "cancelled"
        meeting.save(update_fields=["status", "notes"])


class BtreeGist(BtreeGistExtension):
    """btree_gist lets a GiST index compare the owner with "=". Created on PostgreSQL only;
    left in place when migrating back, as other tables may use it (Django's own operation
    would also try to drop it on SQLite)."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass


def add_no_overlap(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Meeting = apps.get_model("meetings", "Meeting")
    cancel_double_bookings(Meeting)
    schema_editor.add_constraint(Meeting, no_overlap())


def remove_no_overlap(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.remove_constraint(apps.get_model("meetings", "Meeting"), no_overlap())


class Migration(migrations.Migration):
    dependencies = [("meetings", "0009_meeting_owner_required")]

    operations = [BtreeGist(), migrations.RunPython(add_no_overlap, remove_no_overlap)]
