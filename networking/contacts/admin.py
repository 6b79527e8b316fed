from django.contrib import admin
from django.db import models

from core.coach_admin import ClientRecordAdmin, ClientRecordInline
from networking.contacts.models import Contact, OutreachAttempt


class OutreachInline(ClientRecordInline, admin.TabularInline):
    model = OutreachAttempt
    extra = 0
    fields = ["kind", "channel", "sent_at", "reply", "replied_at", "message"]


@admin.register(Contact)
class ContactAdmin(ClientRecordAdmin):
    list_display = ["__str__", "employer", "title", "level", "function", "owner", "created_at"]
    list_filter = ["level", "function"]
    list_select_related = ["owner", "employer"]
    search_fields = ["first_name", "last_name", "email", "title", "employer__name", "owner__email"]
    raw_id_fields = ["employer", "referred_by"]
    inlines = [OutreachInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(OutreachAttempt)
class OutreachAttemptAdmin(ClientRecordAdmin):
    owner_path = "contact__owner"
    list_display = ["contact", "kind", "channel", "sent_at", "reply"]
    list_filter = ["kind", "channel", "reply"]
    list_select_related = ["contact", "contact__owner"]
    search_fields = ["contact__first_name", "contact__last_name", "contact__owner__email"]
    raw_id_fields = ["contact"]
    date_hierarchy = "sent_at"
