"""An employer's contacts indexed with their ids, so the employer list counts them and joins
them to meetings from the index alone."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0016_list_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="contact",
            index=models.Index(fields=["employer", "id"], name="contacts_contact_employer_idx"),
        ),
    ]
