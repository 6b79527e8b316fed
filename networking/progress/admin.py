"""The client's record in the admin, with the walk so far read across every app."""

from django import forms
from django.contrib import admin
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.timezone import localtime

from core.admin import CoachingNoteAdmin, UserAdmin
from core.coaching import CoachingNote, clients_of
from core.models import User
from networking.contacts.models import Contact
from networking.meetings.models import Meeting
from networking.progress import coach_pages
from networking.progress.dashboard import funnel_for
from networking.progress.models import DigestRun, NoteTopic

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

# A choice of a client's contacts or meetings lists the chosen one and the latest few: a
# client may have thousands; the note is usually written from the contact's or meeting's page.
TOPIC_CHOICES = 50


class NoteForm(forms.ModelForm):
    """A coach's note, optionally about one of the client's contacts or meetings."""

    contact = forms.ModelChoiceField(
        queryset=Contact.objects.none(), required=False, label="about the contact"
    )
    meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.none(), required=False, label="or about the meeting"
    )

    class Meta:
        model = CoachingNote
        fields = ["client", "text"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        topic = getattr(self.instance, "topic", None) if self.instance.pk else None
        if topic is not None:
            self.initial.setdefault("contact", topic.contact_id)
            self.initial.setdefault("meeting", topic.meeting_id)
        clients = User.objects.all() if user.is_superuser else clients_of(user)
        contacts = Contact.objects.filter(owner__in=clients)
        meetings = Meeting.objects.filter(owner__in=clients).select_related("contact")
        self.fields["contact"].queryset = contacts
        self.fields["meeting"].queryset = meetings
        # The widget offers the chosen row and the client's latest; any of theirs is valid.
        client = self.data.get("client") or self.initial.get("client") or self.instance.client_id
        for name, rows in (
            ("contact", contacts.order_by("-updated_at")),
            ("meeting", meetings.order_by("-starts_at")),
        ):
            chosen = self.data.get(name) or self.initial.get(name)
            offered = rows.filter(owner=client) if str(client or "").isdigit() else rows.none()
            shown = list(offered[:TOPIC_CHOICES])
            if str(chosen or "").isdigit() and all(str(row.pk) != str(chosen) for row in shown):
                shown = [*rows.filter(pk=chosen), *shown]
            self.fields[name].widget.choices = [("", "—"), *((row.pk, str(row)) for row in shown)]

    def clean(self):
        cleaned = super().clean()
        client, contact, meeting = (cleaned.get(k) for k in ("client", "contact", "meeting"))
        if contact and meeting:
            raise forms.ValidationError("A note is about a contact or a meeting, not both.")
        for name, chosen in (("contact", contact), ("meeting", meeting)):
            if chosen is not None and client is not None and chosen.owner_id != client.pk:
                self.add_error(name, f"That {name} is not {client}'s.")
        return cleaned


class NoteAdmin(CoachingNoteAdmin):
    """Core's notes, with what each is about and whether the client has read it."""

    form = NoteForm
    fields = ["client", "text", "contact", "meeting"]
    list_display = ["client", "coach", "created_at", "excerpt", "about", "read"]
    list_select_related = ["client", "coach", "topic__contact", "topic__meeting__contact"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class Bound(form):
            def __init__(self, *args, **inner):
                super().__init__(*args, user=request.user, **inner)

        return Bound

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        for name in ("contact", "meeting"):
            if request.GET.get(name, "").isdigit():
                initial[name] = request.GET[name]
        return initial

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        contact, meeting = form.cleaned_data.get("contact"), form.cleaned_data.get("meeting")
        if contact or meeting:
            NoteTopic.objects.update_or_create(
                note=form.instance, defaults={"contact": contact, "meeting": meeting}
            )
        else:
            NoteTopic.objects.filter(note=form.instance).delete()

    @admin.display(description="about")
    def about(self, note):
        topic = getattr(note, "topic", None)
        return str(topic.contact or topic.meeting) if topic else "—"

    @admin.display(description="read by the client")
    def read(self, note):
        return f"read {date_format(localtime(note.read_at), 'j M')}" if note.read_at else "not yet"


admin.site.unregister(CoachingNote)
admin.site.register(CoachingNote, NoteAdmin)

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
