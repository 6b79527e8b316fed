# Seekers and contacts get a country (core/0006, contacts/0013), whose public holidays are no
# business days (SPEC §6a). Each one's country is filled from its time zone, and then every date worked out in business days is worked out
# again with those holidays, in batches: each contact's cadence dates (as
# networking/contacts/state.py stores them), each seeker's next morning email, and the due date
# of each task still open. From now on the forms and the services keep them so.

from django.db import migrations
from django.db.models import F, Q

BATCH = 1000


def _zone(*names):
    import zoneinfo

    from django.conf import settings

    for name in names:
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
            continue
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _fill_countries(User, Contact):
    from core.countries import country_of_zone

    users = []
    for user in User.objects.filter(country="").only("pk", "timezone").iterator(chunk_size=BATCH):
        user.country = country_of_zone(user.timezone)
        if user.country:
            users.append(user)
    User.objects.bulk_update(users, ["country"], batch_size=BATCH)

    # One update per zone: a seeker's contacts share a handful of zones.
    zones = Contact.objects.filter(country="").order_by().values_list("timezone", flat=True)
    for zone in set(zones.distinct()):
        country = country_of_zone(zone)
        if country:
            Contact.objects.filter(country="", timezone=zone).update(country=country)


def _date_cadences(Contact):
    from networking.contacts.state import DATES, cadence_dates, dated_by

    asked = Contact.objects.filter(last_request_at__isnull=False).order_by("pk")
    reasons = dated_by()
    rows = asked.annotate(**reasons).values_list("pk", *DATES, *reasons)
    batch = []
    for pk, *values in rows.iterator(chunk_size=BATCH):
        stored, by = tuple(values[: len(DATES)]), values[len(DATES) :]
        dates = cadence_dates(*by)
        if dates != stored:
            batch.append(Contact(pk=pk, **dict(zip(DATES, dates, strict=True))))
        if len(batch) >= BATCH:
            Contact.objects.bulk_update(batch, DATES)
            batch = []
    Contact.objects.bulk_update(batch, DATES)


def _date_mornings(User):
    from django.utils import timezone

    from core.reminders import next_digest_at

    now = timezone.now()
    # Only a morning a holiday can move: a seeker with a country, whose next email is still
    # ahead or not dated (one due and not sent yet stays due, or it would be skipped).
    seekers = (
        User.objects.filter(digest_on=True)
        .filter(Q(next_digest_at__gt=now) | Q(next_digest_at__isnull=True))
        .exclude(country="")
        .only("pk", "timezone", "country")
    )
    batch = []
    for seeker in seekers.iterator(chunk_size=BATCH):
        seeker.next_digest_at = next_digest_at(_zone(seeker.timezone), now, seeker.country)
        batch.append(seeker)
    User.objects.bulk_update(batch, ["next_digest_at"], batch_size=BATCH)


def _date_open_tasks(Task):
    from networking.contacts.cadence import thank_you_due_on
    from networking.meetings.services import follow_up_due

    tasks = (
        Task.objects.filter(done=False, meeting__isnull=False)
        .annotate(
            met_at=F("meeting__starts_at"),
            met_zone=F("meeting__contact__timezone"),
            seeker_zone=F("meeting__contact__owner__timezone"),
            met_country=F("meeting__contact__country"),
            seeker_country=F("meeting__contact__owner__country"),
        )
        .order_by("pk")
    )
    batch = []
    for task in tasks.iterator(chunk_size=BATCH):
        zone = _zone(task.met_zone, task.seeker_zone)
        if task.kind == "follow_up":
            due_on = follow_up_due(task.met_at.astimezone(zone).date(), task.met_country)
        else:  # the thank-you and the close-the-loop note: the seeker's own days
            due_on = thank_you_due_on(task.met_at, zone, task.seeker_country)
        if due_on != task.due_on:
            task.due_on = due_on
            batch.append(task)
    Task.objects.bulk_update(batch, ["due_on"], batch_size=BATCH)


def fill_countries_and_dates(apps, schema_editor):
    User = apps.get_model("core", "User")
    Contact = apps.get_model("contacts", "Contact")
    _fill_countries(User, Contact)
    _date_cadences(Contact)
    _date_mornings(User)
    _date_open_tasks(apps.get_model("meetings", "Task"))


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_user_country"),
        ("contacts", "0013_contact_country"),
        ("meetings", "0012_task_and_its_message"),
        ("progress", "0004_fill_contact_cadence_dates"),
    ]

    operations = [
        migrations.RunPython(fill_countries_and_dates, migrations.RunPython.noop, elidable=True),
    ]
