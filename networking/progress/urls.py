from django.urls import path

from networking.progress import views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("network/", views.network_page, name="network"),
]
