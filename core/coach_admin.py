"""Admin pages that coaches may read: their own clients' records only, read-only, logged.

Every seeker-owned model's admin derives from ``ClientRecordAdmin`` and names the path from
the model to its owner (``owner_path``). Superusers see and change everything; a coach sees
the records of their active clients and nothing else (another seeker's record answers 404);
every record a coach opens is written to the client's access log (SPEC §2).
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import Http404

from core.coaching import RecordView, clients_of, is_coach


class ClientRecordAdmin(admin.ModelAdmin):
    owner_path = "owner"
    # What the seeker reads in their access log ("Contact: Priya Raman"); the model's name
    # unless a seeker would call it something else.
    record_kind = None
    # The seeker's pages answer only to the seeker: no "view on site" from the admin.
    view_on_site = False

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        if is_coach(request.user):
            return queryset.filter(**{f"{self.owner_path}__in": clients_of(request.user)})
        return queryset.none()

    def owner_of(self, obj):
        for name in self.owner_path.split("__"):
            obj = getattr(obj, name)
        return obj

    def has_module_permission(self, request):
        return request.user.is_superuser or is_coach(request.user)

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or is_coach(request.user)

    def has_add_permission(self, request, *args):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self.log_opening(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self.log_opening(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def log_opening(self, request, object_id):
        """SPEC §2: every time a coach opens a client's record, the client's log says so.

        Another seeker's record is not among the coach's (``get_queryset``): 404, not logged.
        """
        if request.user.is_superuser or not is_coach(request.user):
            return
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("No such record among your clients'.")
        RecordView.objects.create(
            coach=request.user,
            client=self.owner_of(obj),
            kind=self.record_kind or str(self.model._meta.verbose_name),
            object_id=str(obj.pk),
            record=str(obj)[:200],
        )


class ClientRecordInline:
    """Inlines follow their parent: read-only for coaches."""

    def has_add_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or is_coach(request.user)
