"""Each contact's place on the ladder, kept by the database from its level, and an index of
an employer's people from the top of the ladder down by name: the employer's page reads the
few it shows from the index's head, and counts them from the index alone."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0017_employer_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="contact",
            name="rung",
            field=models.GeneratedField(
                db_persist=True,
                expression=models.Case(
                    models.When(level="staff", then=models.Value(0)),
                    models.When(level="supervisor", then=models.Value(1)),
                    models.When(level="manager", then=models.Value(2)),
                    models.When(level="director", then=models.Value(3)),
                    models.When(level="vp", then=models.Value(4)),
                    models.When(level="executive", then=models.Value(5)),
                    default=models.Value(-1),
                ),
                output_field=models.SmallIntegerField(),
            ),
        ),
        migrations.AddIndex(
            model_name="contact",
            index=models.Index(
                fields=["employer", "-rung", "last_name", "first_name", "id"],
                include=("function", "owner"),
                name="contacts_contact_ladder_idx",
            ),
        ),
    ]
