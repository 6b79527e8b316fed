from django.urls import path

from networking.meetings.views import debrief, meetings, prep

app_name = "meetings"

urlpatterns = [
    path("", meetings.meeting_list, name="list"),
    path("new/", meetings.meeting_create, name="create"),
    path("past/", meetings.meeting_log_past, name="log_past"),
    path("prepare/<int:contact_pk>/", prep.prepare_next, name="prepare_next"),
    path("local-time/", meetings.local_time, name="local_time"),
    path("<int:pk>/", meetings.meeting_detail, name="detail"),
    path("<int:pk>/edit/", meetings.meeting_edit, name="edit"),
    path("<int:pk>/cancel/", meetings.meeting_cancel, name="cancel"),
    path("<int:pk>/delete/", meetings.meeting_delete, name="delete"),
    path("<int:pk>/calendar.ics", meetings.meeting_calendar, name="calendar"),
    path("<int:pk>/prep/", prep.meeting_prep, name="prep"),
    path("<int:pk>/agenda/pick/", prep.agenda_pick, name="agenda_pick"),
    path("<int:pk>/agenda/write/", prep.agenda_write, name="agenda_write"),
    path("<int:pk>/agenda/<int:item_pk>/move/", prep.agenda_move, name="agenda_move"),
    path("<int:pk>/agenda/<int:item_pk>/remove/", prep.agenda_remove, name="agenda_remove"),
    path("<int:pk>/run/", prep.meeting_run, name="run"),
    path("<int:pk>/run/notes/", prep.run_notes_save, name="run_notes"),
    path("<int:pk>/debrief/", debrief.meeting_debrief, name="debrief"),
    path("tasks/<int:pk>/done/", debrief.task_done, name="task_done"),
]
