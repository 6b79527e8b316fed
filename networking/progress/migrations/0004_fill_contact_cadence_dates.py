# Each contact's cadence dates (contacts/0010), worked out from the cycle stored on its row
# (progress/0002) by the cadence's rules, in batches. Only a contact asked at least once can
# have one. From now on every write of the history stores them (networking/contacts/state.py).

from django.db import migrations

BATCH = 1000


def fill_cadence_dates(apps, schema_editor):
    from networking.contacts.state import DATES, cadence_dates, dated_by

    Contact = apps.get_model("contacts", "Contact")
    asked = Contact.objects.filter(last_request_at__isnull=False).order_by("pk")
    # Contacts had no country yet (contacts/0013): weekends only, as then; progress/0005 dates
    # them again with their country's public holidays.
    reasons = dated_by(with_country=False)
    rows = asked.annotate(**reasons).values_list("pk", *reasons)
    batch = []
    for pk, *values in rows.iterator(chunk_size=BATCH):
        dates = cadence_dates(*values)
        if any(dates):
            batch.append(Contact(pk=pk, **dict(zip(DATES, dates, strict=True))))
        if len(batch) >= BATCH:
            Contact.objects.bulk_update(batch, DATES)
            batch = []
    if batch:
        Contact.objects.bulk_update(batch, DATES)


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0010_contact_cadence_dates"),
        ("progress", "0003_digest_runs"),
    ]

    operations = [
        migrations.RunPython(fill_cadence_dates, migrations.RunPython.noop, elidable=True),
    ]
