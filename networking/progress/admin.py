"""The client's record in the admin, with the walk so far read across every app."""

from django.contrib import admin
from django.utils.html import format_html_join

from core.admin import UserAdmin
from core.models import User
from networking.progress import coach_pages
from networking.progress.dashboard import funnel_for
from networking.progress.models import DigestRun

PROGRESS = ("Progress", {"fields": ["progress"]})


class ClientAdmin(UserAdmin):
    """``core``'s user admin, plus the client's progress for their coach (SPEC §2)."""

    readonly_fields = ["progress"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None:
            return fieldsets
        # Right after the fieldset that names the target role: the walk towards it.
        at = next(
            i
            for i, (_, options) in enumerate(fieldsets)
            if {"target_level", "client_target_level"} & set(options["fields"])
        )
        return [*fieldsets[: at + 1], PROGRESS, *fieldsets[at + 1 :]]

    @admin.display(description="the walk so far")
    def progress(self, user):
        """SPEC §2: a coach follows the client's progress: the dashboard's funnel, in one line."""
        return format_html_join(
            " → ", "{} {}", ((step["count"], step["label"].lower()) for step in funnel_for(user))
        )


admin.site.unregister(User)
admin.site.register(User, ClientAdmin)

# The coach's own pages: the caseload at /admin/, each client's walk, the caseload's CSV.
admin.site.set_coach_home(coach_pages.caseload)
admin.site.add_pages(coach_pages.PAGES)


@admin.register(DigestRun)
class DigestRunAdmin(admin.ModelAdmin):
    """The morning emails planned and what became of each (read only: the scheduler writes)."""

    list_display = ["owner", "local_date", "outcome", "items", "finished_at"]
    list_filter = ["outcome", "local_date"]
    search_fields = ["owner__email"]
    list_select_related = ["owner"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
