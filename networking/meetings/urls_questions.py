from django.urls import path

from networking.meetings.views import questions

app_name = "questions"

urlpatterns = [
    path("", questions.question_list, name="list"),
    path("new/", questions.question_create, name="create"),
    path("<int:pk>/edit/", questions.question_edit, name="edit"),
    path("<int:pk>/archive/", questions.question_archive, name="archive"),
    path("<int:pk>/restore/", questions.question_restore, name="restore"),
]
