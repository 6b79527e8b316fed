from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from core.coach_admin import ClientRecordAdmin, CoachListRules
from core.coaching import CoachAssignment, CoachingNote, RecordView, clients_of, is_coach
from core.invitations import CoachInvitation
from core.models import User, ValueStatement


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email"]


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(ClientRecordAdmin, BaseUserAdmin):
    """Administrators manage accounts; a coach sees their clients' profiles, read-only."""

    owner_path = "pk"  # a client is their own record
    form = UserEditForm
    add_form = UserCreationForm
    record_kind = "profile"
    list_kind = "profile"
    ordering = ["email"]
    list_display = ["email", "name", "target_title", "target_level", "is_staff", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups", "target_level"]
    search_fields = ["email", "name", "target_title"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Profile", {"fields": ["name", "target_title", "target_level", "timezone"]}),
        (
            "Permissions",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    # A coach reads the client's profile in a coach's words, not the seeker's own ("Your name").
    coach_fieldsets = [
        (
            "Client",
            {
                "fields": [
                    "email",
                    "client_name",
                    "client_target_title",
                    "client_target_level",
                    "client_timezone",
                ]
            },
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    coach_list_display = [
        "email",
        "client_name",
        "client_target_title",
        "client_target_level",
        "date_joined",
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]

    def owner_of(self, obj):
        return obj

    def get_fieldsets(self, request, obj=None):
        if obj is not None and not request.user.is_superuser:
            return self.coach_fieldsets
        return super().get_fieldsets(request, obj)

    def get_list_filter(self, request):
        return self.list_filter if request.user.is_superuser else ["target_level"]

    def changelist_view(self, request, extra_context=None):
        if not request.user.is_superuser:
            extra_context = {"title": "Your clients", "coach_labels": True, **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not request.user.is_superuser:
            extra_context = {"title": "Client", "coach_labels": True, **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context)

    def get_list_display(self, request):
        return self.list_display if request.user.is_superuser else self.coach_list_display

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if request.user.is_superuser:
            return readonly
        return [*readonly, *self.coach_fieldsets[0][1]["fields"][1:]]

    @admin.display(description="client's name", ordering="name")
    def client_name(self, user):
        return user.name or "—"

    @admin.display(description="client's target role", ordering="target_title")
    def client_target_title(self, user):
        return user.target_title or "—"

    @admin.display(description="level of that role", ordering="target_level")
    def client_target_level(self, user):
        return user.get_target_level_display()

    @admin.display(description="client's time zone")
    def client_timezone(self, user):
        return user.timezone


@admin.register(ValueStatement)
class ValueStatementAdmin(ClientRecordAdmin):
    list_display = ["figure", "kind", "owner", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["owner"]
    search_fields = ["figure", "statement", "owner__email"]


@admin.register(CoachAssignment)
class CoachAssignmentAdmin(admin.ModelAdmin):
    """Administrators assign clients to coaches (and end assignments)."""

    list_display = ["coach", "client", "started_at", "ended_at", "active"]
    list_filter = ["ended_at"]
    list_select_related = ["coach", "client"]
    search_fields = ["coach__email", "client__email"]
    autocomplete_fields = ["coach", "client"]

    @admin.display(boolean=True, description="active")
    def active(self, assignment):
        return assignment.is_active


@admin.register(CoachingNote)
class CoachingNoteAdmin(CoachListRules, admin.ModelAdmin):
    """Coaches write notes for their own clients; the client reads them on the dashboard."""

    list_display = ["client", "coach", "created_at", "excerpt"]
    list_select_related = ["client", "coach"]
    search_fields = ["client__email", "text"]
    fields = ["client", "text"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(coach=request.user, client__in=clients_of(request.user))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "client" and not request.user.is_superuser:
            kwargs["queryset"] = clients_of(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.coach = request.user
        super().save_model(request, obj, form, change)

    def _allowed(self, request):
        return request.user.is_superuser or is_coach(request.user)

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request)

    @admin.display(description="note")
    def excerpt(self, note):
        return note.text[:80]


@admin.register(CoachInvitation)
class CoachInvitationAdmin(admin.ModelAdmin):
    """Administrators read the invitations seekers sent; the seeker and the coach act on them."""

    list_display = ["seeker", "email", "outcome", "created_at", "expires_at", "accepted_by"]
    list_filter = ["outcome"]
    list_select_related = ["seeker", "accepted_by"]
    search_fields = ["seeker__email", "email"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(RecordView)
class RecordViewAdmin(admin.ModelAdmin):
    list_display = ["viewed_at", "coach", "client", "action", "kind", "record", "search", "filters"]
    list_select_related = ["coach", "client"]
    list_filter = ["action", "kind"]
    search_fields = ["coach__email", "client__email", "record", "search"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
