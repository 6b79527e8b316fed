"""The admin for meetings, their agendas, the question bank and the follow-up tasks.

Kept cheap: list pages join what they show (``list_select_related``) and count referrals in
the same query; foreign keys are raw ids, so a change form never lists every seeker's contacts.
"""

from datetime import timedelta

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils import timezone

from core.coach_admin import ClientRecordAdmin, ClientRecordInline
from networking.contacts.admin import KeepsContactState
from networking.meetings import services
from networking.meetings.models import AgendaItem, Meeting, Question, State, Task


class AgendaItemInline(ClientRecordInline, admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "text", "question", "good_answer", "note"]
    raw_id_fields = ["question"]


class MeetingAdminForm(forms.ModelForm):
    """An administrator's edit keeps the seeker's rule too: one meeting at a time (SPEC §1.5).

    On PostgreSQL the database would refuse the overlap anyway; here it is said in words.
    """

    class Meta:
        model = Meeting
        fields = "__all__"  # noqa: DJ007 - the admin shows every field, as it did without this form

    def clean(self):
        cleaned = super().clean()
        contact, starts_at = cleaned.get("contact"), cleaned.get("starts_at")
        minutes, status = cleaned.get("duration_minutes"), cleaned.get("status")
        if not (contact and starts_at and minutes) or status == Meeting.Status.CANCELLED:
            return cleaned
        ends_at = starts_at + timedelta(minutes=minutes)
        clash = (
            Meeting.objects.filter(owner=contact.owner_id)
            .clashing_with(starts_at, ends_at, besides=self.instance.pk)
            .select_related("contact")
            .first()
        )
        if clash is not None:
            raise ValidationError({"starts_at": clash.clash_message(contact.owner.zone)})
        return cleaned


class StateFilter(admin.SimpleListFilter):
    """Meetings by the state a seeker sees (``State``), read at the request's instant."""

    title = "status"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return State.choices

    def queryset(self, request, queryset):
        if self.value() in State.values:
            return queryset.in_state(State(self.value()), now=timezone.now())
        return queryset


@admin.register(Meeting)
class MeetingAdmin(KeepsContactState, ClientRecordAdmin):
    owner_path = "contact__owner"
    form = MeetingAdminForm
    list_display = [
        "contact",
        "employer",
        "seeker",
        "starts_at",
        "duration_minutes",
        "state",
        "referrals",
    ]
    list_filter = [StateFilter, "impression", "starts_at"]
    list_select_related = ["contact", "contact__employer", "contact__owner"]
    search_fields = [
        "contact__first_name",
        "contact__last_name",
        "contact__employer__name",
        "contact__owner__email",
    ]
    date_hierarchy = "starts_at"
    raw_id_fields = ["contact", "request", "value_statements", "referred_contacts"]
    readonly_fields = ["ends_at", "debriefed_at", "created_at", "updated_at"]
    inlines = [AgendaItemInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(referral_count=Count("referred_contacts"))

    def get_fields(self, request, obj=None):
        """A coach reads the meeting's state in the seeker's word, not the stored status."""
        fields = super().get_fields(request, obj)
        if request.user.is_superuser:
            return fields
        named = ["state" if name == "status" else name for name in fields]
        return list(dict.fromkeys(named))

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly if request.user.is_superuser else [*readonly, "state"]

    @admin.display(description="status", ordering="status")
    def state(self, meeting):
        """The word the seeker reads for the meeting (``Meeting.state``), not the stored one."""
        return meeting.display_status

    @admin.display(description="employer", ordering="contact__employer__name")
    def employer(self, meeting):
        return meeting.contact.employer or "—"

    @admin.display(description="seeker", ordering="contact__owner__email")
    def seeker(self, meeting):
        return meeting.contact.owner

    @admin.display(description="referrals", ordering="referral_count")
    def referrals(self, meeting):
        return meeting.referral_count


@admin.register(Question)
class QuestionAdmin(ClientRecordAdmin):
    """The shared catalogue (no owner) and the seekers' own questions."""

    list_display = ["text", "category", "owner", "is_key", "archived"]
    list_filter = ["category", "archived", "is_key"]
    list_select_related = ["owner"]
    search_fields = ["text", "owner__email"]
    raw_id_fields = ["owner"]
    readonly_fields = ["is_key", "created_at"]


@admin.register(Task)
class TaskAdmin(ClientRecordAdmin):
    list_display = ["title", "kind", "contact", "seeker", "due_on", "done"]
    list_filter = ["kind", "done", "due_on"]
    list_select_related = ["contact", "contact__owner"]
    search_fields = ["title", "contact__first_name", "contact__last_name", "contact__owner__email"]
    raw_id_fields = ["contact", "meeting"]
    # Done goes through the service, so a thank-you note is logged as outreach and done_at set.
    readonly_fields = ["done", "done_at", "outreach", "created_at"]
    actions = ["mark_done"]

    @admin.action(description="Mark the selected tasks done", permissions=["change"])
    def mark_done(self, request, queryset):
        tasks = list(queryset.open().select_related("contact"))
        for task in tasks:
            services.complete_task(task)
        self.message_user(request, f"{len(tasks)} task(s) marked done.")

    @admin.display(description="seeker", ordering="contact__owner__email")
    def seeker(self, task):
        return task.contact.owner
