# Each contact's state (contacts/0008: the outreach cycle and the meeting facts), computed from
# the history already there, in one UPDATE. It runs after 0001 repaired the dates it reads;
# from now on every write of the history stores it (networking/contacts/state.py).

from django.db import migrations
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce


def fill_contact_state(apps, schema_editor):
    Contact = apps.get_model("contacts", "Contact")
    OutreachAttempt = apps.get_model("contacts", "OutreachAttempt")
    Meeting = apps.get_model("meetings", "Meeting")

    def attempts(contact):
        return OutreachAttempt.objects.filter(contact=contact).order_by()

    def latest_request(contact):
        latest = attempts(contact).filter(kind="request").order_by("-sent_at")
        return Subquery(latest.values("sent_at")[:1])

    def start(*statuses, order):
        meetings = Meeting.objects.filter(contact=OuterRef("pk"), status__in=statuses)
        return Subquery(meetings.order_by(order).values("starts_at")[:1])

    # The cycle: the latest request, and the follow-ups and replies after it (SPEC §4).
    cycle = attempts(OuterRef("pk")).filter(
        kind__in=["request", "follow_up"], sent_at__gte=latest_request(OuterRef(OuterRef("pk")))
    )
    answered = cycle.exclude(reply="none").order_by("replied_at", "id")
    follow_up_count = (
        cycle.filter(kind="follow_up").values("contact").annotate(n=Count("id")).values("n")
    )
    booked = ("requested", "scheduled")
    Contact.objects.update(
        last_request_at=latest_request(OuterRef("pk")),
        follow_ups=Coalesce(Subquery(follow_up_count, output_field=IntegerField()), 0),
        cycle_reply=Subquery(answered.values("reply")[:1]),
        cycle_replied_at=Subquery(answered.values("replied_at")[:1]),
        last_cycle_attempt_at=Subquery(cycle.order_by("-sent_at").values("sent_at")[:1]),
        last_contacted_at=Subquery(
            attempts(OuterRef("pk")).order_by("-sent_at").values("sent_at")[:1]
        ),
        nurtured=Exists(attempts(OuterRef("pk")).filter(kind__in=["thank_you", "update"])),
        last_held_at=start("held", "debriefed", order="-starts_at"),
        first_scheduled_at=start("scheduled", order="starts_at"),
        last_scheduled_at=start("scheduled", order="-starts_at"),
        first_booked_at=start(*booked, order="starts_at"),
        last_booked_at=start(*booked, order="-starts_at"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0008_contact_state"),
        ("meetings", "0011_constraint_messages"),
        ("progress", "0001_repair_out_of_range_dates"),
    ]

    operations = [
        migrations.RunPython(fill_contact_state, migrations.RunPython.noop, elidable=True),
    ]
