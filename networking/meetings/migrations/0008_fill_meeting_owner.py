from django.db import migrations
from django.db.models import OuterRef, Subquery


def fill_owner(apps, schema_editor):
    """Each meeting's seeker is its contact's owner; one UPDATE for all of them."""
    Contact = apps.get_model("contacts", "Contact")
    Meeting = apps.get_model("meetings", "Meeting")
    owner_of_contact = Contact.objects.filter(pk=OuterRef("contact_id")).values("owner_id")[:1]
    Meeting.objects.filter(owner__isnull=True).update(owner_id=Subquery(owner_of_contact))


class Migration(migrations.Migration):
    dependencies = [("meetings", "0007_meeting_owner")]

    operations = [migrations.RunPython(fill_owner, migrations.RunPython.noop)]
