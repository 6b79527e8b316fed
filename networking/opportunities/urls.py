from django.urls import path

from networking.opportunities import views

app_name = "opportunities"

urlpatterns = [
    path("", views.opportunity_list, name="list"),
    path("new/", views.opportunity_create, name="create"),
    path("export.csv", views.opportunity_export, name="export"),
    path("<int:pk>/", views.opportunity_detail, name="detail"),
    path("<int:pk>/edit/", views.opportunity_edit, name="edit"),
    path("<int:pk>/stage/", views.opportunity_stage, name="stage"),
    path("<int:pk>/salary/", views.opportunity_salary, name="salary"),
    path("<int:pk>/delete/", views.opportunity_delete, name="delete"),
]
