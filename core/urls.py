from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from core import health, views
from core.forms import EmailAuthenticationForm, QueuedPasswordResetForm

urlpatterns = [
    path("", views.landing, name="landing"),
    path("healthz", health.healthz, name="healthz"),
    path("", include("networking.progress.urls")),
    path("profile/", views.profile, name="profile"),
    path("profile/coaches/<int:pk>/end/", views.coach_access_end, name="coach_access_end"),
    path("profile/coaches/log/", views.coach_access_log, name="coach_access_log"),
    path("profile/coaches/invite/", views.coach_invite, name="coach_invite"),
    path(
        "profile/coaches/invitations/<int:pk>/withdraw/",
        views.coach_invitation_withdraw,
        name="coach_invitation_withdraw",
    ),
    path("profile/notes/<int:pk>/read/", views.coaching_note_read, name="coaching_note_read"),
    path("profile/calendar/new-link/", views.calendar_link_renew, name="calendar_link_renew"),
    path("profile/values/new/", views.value_statement_create, name="value_statement_create"),
    path("profile/values/<int:pk>/edit/", views.value_statement_edit, name="value_statement_edit"),
    path(
        "profile/values/<int:pk>/delete/",
        views.value_statement_delete,
        name="value_statement_delete",
    ),
    path("employers/", include("networking.employers.urls")),
    path("contacts/", include("networking.contacts.urls")),
    path("meetings/", include("networking.meetings.urls")),
    path("questions/", include("networking.meetings.urls_questions")),
    path("opportunities/", include("networking.opportunities.urls")),
    path("accounts/signup/", views.signup, name="signup"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=EmailAuthenticationForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=QueuedPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]

handler404 = "core.errors.page_not_found"
handler403 = "core.errors.permission_denied"
handler500 = "core.errors.server_error"
