"""Before a seeker's contacts are made unique by email (0005), set the duplicates aside.

SPEC §6: the same email is the same person. Contacts saved before the rule may share an
address (a double submit, the same person typed twice). The oldest keeps it; on each later
one the email field is emptied and the address moved into the notes, with whom it is
shared, so that nothing is lost and the seeker can merge them by hand. Emails are compared
as the constraint compares them: ``Lower("email")``, per owner, empty ones aside.
"""

from django.db import migrations
from django.db.models import Count
from django.db.models.functions import Lower


def moved_note(email: str, keeper_name: str) -> str:
    return (
        f"Email {email} moved here from the email field: {keeper_name} has the same address, "
        "and one address belongs to one contact. Merge the two if they are the same person."
    )


def set_duplicate_emails_aside(apps, schema_editor):
    Contact = apps.get_model("contacts", "Contact")
    with_email = Contact.objects.exclude(email="").annotate(folded=Lower("email"))
    shared = (
        with_email.values("owner_id", "folded")
        .annotate(count=Count("id"))
        .filter(count__gt=1)
        .values_list("owner_id", "folded")
    )
    for owner_id, folded in list(shared):
        keeper, *later = with_email.filter(owner_id=owner_id, folded=folded).order_by(
            "created_at", "id"
        )
        keeper_name = f"{keeper.first_name} {keeper.last_name}".strip()
        for contact in later:
            note = moved_note(contact.email, keeper_name)
            contact.notes = f"{contact.notes.rstrip()}\n\n{note}" if contact.notes.strip() else note
            contact.email = ""
            contact.save(update_fields=["email", "notes"])


class Migration(migrations.Migration):
    dependencies = [("contacts", "0003_choices_in_the_database")]

    operations = [
        migrations.RunPython(set_duplicate_emails_aside, migrations.RunPython.noop, elidable=True)
    ]
