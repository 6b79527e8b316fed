# Constraint messages in the seeker's words: no form error shows a constraint's name.

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0010_one_meeting_at_a_time'),
    ]

    operations = [
        migrations.AlterConstraint(
            model_name='agendaitem',
            name='meetings_agendaitem_question_once_per_meeting',
            constraint=models.UniqueConstraint(condition=models.Q(('question__isnull', False)), fields=('meeting', 'question'), name='meetings_agendaitem_question_once_per_meeting', violation_error_message='This question is already on the agenda.'),
        ),
        migrations.AlterConstraint(
            model_name='meeting',
            name='meetings_meeting_status_valid',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['requested', 'scheduled', 'held', 'debriefed', 'cancelled'])), name='meetings_meeting_status_valid', violation_error_message='Choose a state: requested, scheduled, held, debriefed or cancelled.'),
        ),
        migrations.AlterConstraint(
            model_name='meeting',
            name='meetings_meeting_duration_10_to_30',
            constraint=models.CheckConstraint(condition=models.Q(('duration_minutes__gte', 10), ('duration_minutes__lte', 30)), name='meetings_meeting_duration_10_to_30', violation_error_message='A meeting lasts from 10 to 30 minutes.'),
        ),
        migrations.AlterConstraint(
            model_name='meeting',
            name='meetings_meeting_ends_after_start',
            constraint=models.CheckConstraint(condition=models.Q(('ends_at__gt', models.F('starts_at'))), name='meetings_meeting_ends_after_start', violation_error_message='A meeting ends after it starts.'),
        ),
        migrations.AlterConstraint(
            model_name='meeting',
            name='meetings_meeting_impression_valid',
            constraint=models.CheckConstraint(condition=models.Q(('impression__in', ['', 'engaged', 'neutral', 'hurried'])), name='meetings_meeting_impression_valid', violation_error_message='Choose how they came across: engaged, neutral or hurried.'),
        ),
        migrations.AlterConstraint(
            model_name='meeting',
            name='meetings_meeting_actual_minutes_sane',
            constraint=models.CheckConstraint(condition=models.Q(('actual_minutes__isnull', True), models.Q(('actual_minutes__gte', 1), ('actual_minutes__lte', 240)), _connector='OR'), name='meetings_meeting_actual_minutes_sane', violation_error_message='How long it lasted is between 1 and 240 minutes.'),
        ),
        migrations.AlterConstraint(
            model_name='question',
            name='meetings_question_one_key_question',
            constraint=models.UniqueConstraint(condition=models.Q(('is_key', True)), fields=('is_key',), name='meetings_question_one_key_question', violation_error_message='There is only one key question.'),
        ),
        migrations.AlterConstraint(
            model_name='question',
            name='meetings_question_key_is_shared_and_live',
            constraint=models.CheckConstraint(condition=models.Q(('is_key', False), models.Q(('archived', False), ('owner__isnull', True)), _connector='OR'), name='meetings_question_key_is_shared_and_live', violation_error_message='The key question belongs to everyone and cannot be archived.'),
        ),
        migrations.AlterConstraint(
            model_name='question',
            name='meetings_question_category_valid',
            constraint=models.CheckConstraint(condition=models.Q(('category__in', ['trends', 'insights', 'advice', 'resources', 'assignments'])), name='meetings_question_category_valid', violation_error_message='Choose a category: trends, insights, advice, resources or assignments.'),
        ),
        migrations.AlterConstraint(
            model_name='question',
            name='meetings_question_unique_text_per_owner',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower('text'), models.F('owner'), name='meetings_question_unique_text_per_owner', violation_error_message='You already have this question.'),
        ),
        migrations.AlterConstraint(
            model_name='task',
            name='meetings_task_kind_valid',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['thank_you', 'follow_up', 'close_loop'])), name='meetings_task_kind_valid', violation_error_message='Choose a task: thank-you, follow-up or close the loop.'),
        ),
        migrations.AlterConstraint(
            model_name='task',
            name='meetings_task_done_has_a_date',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('done', False), ('done_at__isnull', True)), models.Q(('done', True), ('done_at__isnull', False)), _connector='OR'), name='meetings_task_done_has_a_date', violation_error_message='A task marked done needs the date it was done.'),
        ),
    ]
