from django.contrib import admin
from django.db import models, transaction
from django.db.models import Count
from django.utils import timezone

from core.coach_admin import ClientRecordAdmin, ClientRecordInline
from core.coaching import RecordView, is_coach
from networking.contacts import csv_export
from networking.contacts.models import Contact, OutreachAttempt
from networking.contacts.state import refresh_state


class KeepsContactState:
    """For the admin of a contact's history (outreach, meetings), which superusers may edit:
    each save or delete stores the state of the contacts it touched, in its transaction."""

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            refresh_state(obj.contact_id, form.initial.get("contact") if change else None)

    def delete_model(self, request, obj):
        with transaction.atomic():
            super().delete_model(request, obj)
            refresh_state(obj.contact_id)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            contact_ids = set(queryset.values_list("contact_id", flat=True))
            super().delete_queryset(request, queryset)
            refresh_state(*contact_ids)


class OutreachInline(ClientRecordInline, admin.TabularInline):
    model = OutreachAttempt
    extra = 0
    fields = ["kind", "channel", "sent_at", "reply", "replied_at", "message"]


@admin.register(Contact)
class ContactAdmin(ClientRecordAdmin):
    list_display = [
        "__str__",
        "employer",
        "title",
        "level",
        "function",
        "status",
        "owner",
        "created_at",
    ]
    list_filter = ["level", "function"]
    list_select_related = ["owner", "employer"]
    search_fields = ["first_name", "last_name", "email", "title", "employer__name", "owner__email"]
    raw_id_fields = ["employer", "referred_by"]
    inlines = [OutreachInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["export_csv"]

    def get_queryset(self, request):
        # The status the seeker reads, at the request's instant, from the contact's own row.
        return super().get_queryset(request).with_status()

    @admin.display(description="status", ordering="status")
    def status(self, contact):
        return contact.status_label

    def save_related(self, request, form, formsets, change):
        """The outreach typed in below the contact changes their state."""
        super().save_related(request, form, formsets, change)
        refresh_state(form.instance.pk)

    @admin.action(description="Export selected contacts as CSV")
    def export_csv(self, request, queryset):
        """SPEC §2, §6: a coach exports their clients' contacts (the queryset is already
        narrowed to them), and each client's access log says so."""
        if is_coach(request.user) and not request.user.is_superuser:
            exported = queryset.order_by().values("owner").annotate(n=Count("pk"))
            RecordView.objects.bulk_create(
                RecordView(
                    coach=request.user,
                    client_id=row["owner"],
                    kind="contacts export",
                    object_id="",
                    record=f"{row['n']} contact{'s' if row['n'] != 1 else ''} as CSV",
                )
                for row in exported
            )
        contacts = queryset.order_by("owner__email", "last_name", "first_name", "pk")
        filename = f"schmooze-contacts-{timezone.localdate():%Y-%m-%d}.csv"
        return csv_export.streaming_response(contacts, filename)


@admin.register(OutreachAttempt)
class OutreachAttemptAdmin(KeepsContactState, ClientRecordAdmin):
    owner_path = "contact__owner"
    list_display = ["contact", "kind", "channel", "sent_at", "reply"]
    list_filter = ["kind", "channel", "reply"]
    list_select_related = ["contact", "contact__owner"]
    search_fields = ["contact__first_name", "contact__last_name", "contact__owner__email"]
    raw_id_fields = ["contact"]
    date_hierarchy = "sent_at"
