from django.urls import path

from networking.contacts import views, views_csv

app_name = "contacts"

urlpatterns = [
    path("", views.contact_list, name="list"),
    path("new/", views.contact_create, name="create"),
    path("pick/", views.contact_pick, name="pick"),
    path("export.csv", views_csv.contact_export, name="export"),
    path("import/", views_csv.contact_import, name="import"),
    path("import/preview/", views_csv.contact_import_preview, name="import_preview"),
    path("<int:pk>/", views.contact_detail, name="detail"),
    path("<int:pk>/edit/", views.contact_edit, name="edit"),
    path("<int:pk>/delete/", views.contact_delete, name="delete"),
    path("<int:pk>/referral/dismiss/", views.referral_dismiss, name="referral_dismiss"),
    path("<int:pk>/referral/restore/", views.referral_restore, name="referral_restore"),
    path("<int:pk>/outreach/new/", views.outreach_create, name="outreach_create"),
    path("<int:pk>/outreach/check/", views.outreach_check, name="outreach_check"),
    path("<int:pk>/outreach/<int:attempt_pk>/reply/", views.outreach_reply, name="outreach_reply"),
    path(
        "<int:pk>/outreach/<int:attempt_pk>/delete/",
        views.outreach_delete,
        name="outreach_delete",
    ),
]
