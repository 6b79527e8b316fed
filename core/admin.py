from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

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
class UserAdmin(BaseUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
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
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]


@admin.register(ValueStatement)
class ValueStatementAdmin(admin.ModelAdmin):
    list_display = ["figure", "kind", "owner", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["owner"]
    search_fields = ["figure", "statement", "owner__email"]
