"""The admin for opportunities: a coach reads their clients' (read-only, logged), with the
dated history beside each; the stage changes only through the seeker's pages (its service)."""

from django.contrib import admin

from core.coach_admin import ClientRecordAdmin, ClientRecordInline
from networking.opportunities.models import Opportunity, StageChange


class StageChangeInline(ClientRecordInline, admin.TabularInline):
    model = StageChange
    extra = 0
    fields = ["on", "from_stage", "stage", "task"]
    readonly_fields = fields
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("task")  # one query, not a row each


@admin.register(Opportunity)
class OpportunityAdmin(ClientRecordAdmin):
    list_display = ["title", "employer", "stage", "stage_on", "source", "contact", "owner"]
    list_filter = ["stage", "source"]
    list_select_related = ["employer", "contact", "owner"]
    search_fields = ["title", "employer__name", "contact__first_name", "contact__last_name"]
    raw_id_fields = ["owner", "employer", "contact", "meeting"]
    readonly_fields = ["stage", "stage_on", "created_at", "updated_at"]
    inlines = [StageChangeInline]
