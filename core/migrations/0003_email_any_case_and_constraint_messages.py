"""An email is one account whatever its case; every core constraint speaks the seeker's words.

Existing emails are brought to their one spelling (stripped, lower case) before the database is
asked to refuse a second account in another case. Two accounts whose emails differ only in case
cannot be merged by a migration: it stops and names them, and nothing is changed.
"""

from collections import defaultdict

import django.db.models.functions.text
from django.db import migrations, models


def one_spelling_per_email(apps, schema_editor):
    User = apps.get_model("core", "User")
    accounts = defaultdict(list)
    for pk, email in User.objects.order_by("pk").values_list("pk", "email").iterator():
        accounts[email.strip().lower()].append((pk, email))
    clashes = {spelling: found for spelling, found in accounts.items() if len(found) > 1}
    if clashes:
        listed = "; ".join(
            f"{spelling}: " + ", ".join(f"#{pk} {email!r}" for pk, email in found)
            for spelling, found in sorted(clashes.items())
        )
        raise RuntimeError(
            "Some accounts have emails that differ only in case, and an email must be one "
            f"account: {listed}. Merge or rename these accounts (e.g. in /admin/), then run "
            "migrate again. Nothing was changed."
        )
    for spelling, [(pk, email)] in accounts.items():
        if email != spelling:
            User.objects.filter(pk=pk).update(email=spelling)


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('core', '0002_coaching'),
    ]

    operations = [
        migrations.RunPython(one_spelling_per_email, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='user',
            name='email',
            field=models.EmailField(error_messages={'unique': 'An account with this email already exists. Sign in, or reset your password.'}, max_length=254, unique=True, verbose_name='email address'),
        ),
        migrations.AddConstraint(
            model_name='user',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower('email'), name='core_user_email_unique_any_case', violation_error_message='An account with this email already exists. Sign in, or reset your password.'),
        ),
        migrations.AlterConstraint(
            model_name='coachassignment',
            name='core_coachassignment_one_active_per_pair',
            constraint=models.UniqueConstraint(condition=models.Q(('ended_at__isnull', True)), fields=('coach', 'client'), name='core_coachassignment_one_active_per_pair', violation_error_message='This coach already coaches this client.'),
        ),
        migrations.AlterConstraint(
            model_name='coachassignment',
            name='core_coachassignment_not_self',
            constraint=models.CheckConstraint(condition=models.Q(('coach', models.F('client')), _negated=True), name='core_coachassignment_not_self', violation_error_message='A coach cannot be their own client.'),
        ),
        migrations.AlterConstraint(
            model_name='valuestatement',
            name='core_valuestatement_kind_valid',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['revenue', 'cost', 'brand'])), name='core_valuestatement_kind_valid', violation_error_message='Choose what it shows: revenue earned, costs saved, or brand built.'),
        ),
    ]
