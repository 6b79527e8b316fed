# Constraint messages in the seeker's words: no form error shows a constraint's name.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('contacts', '0006_pending_import'),
    ]

    operations = [
        migrations.AlterConstraint(
            model_name='contact',
            name='contacts_contact_not_referred_by_self',
            constraint=models.CheckConstraint(condition=models.Q(('referred_by', models.F('id')), _negated=True), name='contacts_contact_not_referred_by_self', violation_error_message='A contact cannot be their own referrer.'),
        ),
        migrations.AlterConstraint(
            model_name='contact',
            name='contacts_contact_level_valid',
            constraint=models.CheckConstraint(condition=models.Q(('level__in', ['', 'staff', 'supervisor', 'manager', 'director', 'vp', 'executive'])), name='contacts_contact_level_valid', violation_error_message='Choose a level from the ladder, or leave it empty.'),
        ),
        migrations.AlterConstraint(
            model_name='contact',
            name='contacts_contact_function_valid',
            constraint=models.CheckConstraint(condition=models.Q(('function__in', ['general', 'engineering', 'product', 'design', 'sales', 'marketing', 'operations', 'finance', 'hr', 'other'])), name='contacts_contact_function_valid', violation_error_message='Choose a function from the list.'),
        ),
        migrations.AlterConstraint(
            model_name='outreachattempt',
            name='contacts_outreach_reply_has_a_date',
            constraint=models.CheckConstraint(condition=models.Q(('reply', 'none'), ('replied_at__isnull', False), _connector='OR'), name='contacts_outreach_reply_has_a_date', violation_error_message='A reply needs the date it came.'),
        ),
        migrations.AlterConstraint(
            model_name='outreachattempt',
            name='contacts_outreach_kind_valid',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['request', 'follow_up', 'thank_you', 'update'])), name='contacts_outreach_kind_valid', violation_error_message='Choose what you sent: a meeting request, a polite follow-up, a thank-you note or an update.'),
        ),
        migrations.AlterConstraint(
            model_name='outreachattempt',
            name='contacts_outreach_channel_valid',
            constraint=models.CheckConstraint(condition=models.Q(('channel__in', ['email', 'linkedin', 'phone', 'in_person'])), name='contacts_outreach_channel_valid', violation_error_message='Choose how you sent it: email, LinkedIn, phone or in person.'),
        ),
        migrations.AlterConstraint(
            model_name='outreachattempt',
            name='contacts_outreach_reply_valid',
            constraint=models.CheckConstraint(condition=models.Q(('reply__in', ['none', 'accepted', 'declined', 'redirected'])), name='contacts_outreach_reply_valid', violation_error_message='Choose the reply: no reply yet, accepted, declined, or redirected to someone else.'),
        ),
    ]
