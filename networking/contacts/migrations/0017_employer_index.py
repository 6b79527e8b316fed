"""An employer's contacts indexed with their ids, so the employer list counts them and joins
them to meetings from the index alone; the foreign key's own index, which the new one covers,
goes after it is built."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('contacts', '0016_list_indexes'),
        ('employers', '0003_constraint_messages'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='contact',
            index=models.Index(fields=['employer', 'id'], name='contacts_contact_employer_idx'),
        ),
        migrations.AlterField(
            model_name='contact',
            name='employer',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='contacts', to='employers.employer'),
        ),
    ]
