from django.urls import path

from networking.progress import views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/next-step/", views.next_first_step, name="next_first_step"),
    path("network/", views.network_page, name="network"),
    path("calendar/<slug:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("digest/unsubscribe/<str:token>/", views.digest_unsubscribe, name="digest_unsubscribe"),
]
