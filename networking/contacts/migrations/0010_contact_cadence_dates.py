# The cadence's dates stored on the contact's row beside its cycle (when a follow-up falls due,
# when to approach a second contact), indexed per seeker for the dashboard. progress/0004 fills
# them for the contacts already there; from now on every write of the history stores them.

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('contacts', '0009_contact_introductions_index'),
        ('employers', '0003_constraint_messages'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='contact',
            name='follow_up_due_on',
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='contact',
            name='second_contact_on',
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name='contact',
            index=models.Index(condition=models.Q(('follow_up_due_on__isnull', False)), fields=['owner', 'follow_up_due_on'], name='contacts_contact_follow_up_idx'),
        ),
        migrations.AddIndex(
            model_name='contact',
            index=models.Index(condition=models.Q(('second_contact_on__isnull', False)), fields=['owner', 'second_contact_on'], name='contacts_contact_second_idx'),
        ),
    ]
