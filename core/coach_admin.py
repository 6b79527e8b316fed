"""Admin pages that coaches may read: their own clients' records only, read-only, logged.

Every seeker-owned model's admin derives from ``ClientRecordAdmin`` and names the path from
the model to its owner (``owner_path``). Superusers see and change everything; a coach sees
the records of their active clients and nothing else (another seeker's record answers 404).
Everything a coach reads is written to the client's access log (SPEC §2): every record they
open, and every list of records they look through or search.

A coach's list answers only to what it declares: its filters, its search (never in private
free text), its ordering and pages. Anything else in the address is refused before a query
runs, so a field lookup cannot read a client's notes a character at a time.
"""

from django.contrib import admin
from django.contrib.admin.exceptions import DisallowedModelAdminLookup
from django.contrib.admin.filters import FieldListFilter
from django.contrib.admin.options import IS_FACETS_VAR, IncorrectLookupParameters
from django.contrib.admin.utils import get_fields_from_path, unquote
from django.contrib.admin.views.main import ALL_VAR, ERROR_FLAG, ORDER_VAR, PAGE_VAR, SEARCH_VAR
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import Http404
from django.utils.text import Truncator

from core.coaching import RecordView, clients_of, is_coach
from core.date_window import READABLE, validate_within_window

# The changelist's own parameters: the search, the ordering, the page, "show all", the admin's
# error flag, the list's filters carried through a record, the counts beside the filters.
OWN_PARAMETERS = frozenset(
    {SEARCH_VAR, ORDER_VAR, PAGE_VAR, ALL_VAR, ERROR_FLAG, "_changelist_filters", IS_FACETS_VAR}
)


class CoachListRules:
    """A list answers a coach only through its declared filters and search (SPEC §2).

    ``?notes__startswith=P`` filters by a field the list does not even show; for anyone but a
    superuser, any parameter the list does not declare answers 400, before anything is read.
    """

    def filter_parameters(self, request) -> frozenset[str]:
        """The parameters the list's declared filters and its date drill-down answer to."""
        known = request.__dict__.setdefault("_list_filter_parameters", {})
        if self not in known:
            names = set(OWN_PARAMETERS)
            if self.date_hierarchy:
                names.update(f"{self.date_hierarchy}__{part}" for part in ("year", "month", "day"))
            for item in self.get_list_filter(request):
                names.update(self._declared_filter(request, item).expected_parameters())
            known[self] = frozenset(names)
        return known[self]

    def _declared_filter(self, request, item):
        """The filter ``item`` declares, built the way the changelist builds it, unset."""
        if callable(item):
            return item(request, {}, self.model, self)
        field, filter_class = item if isinstance(item, list | tuple) else (item, None)
        path = None
        if not isinstance(field, models.Field):
            path, field = field, get_fields_from_path(self.model, field)[-1]
        filter_class = filter_class or FieldListFilter.create
        return filter_class(field, request, {}, self.model, self, field_path=path)

    def lookup_allowed(self, lookup, value, request=None):
        if request is None or request.user.is_superuser:
            return super().lookup_allowed(lookup, value, request)
        return lookup in self.filter_parameters(request)

    def get_changelist_instance(self, request):
        if not request.user.is_superuser:
            unknown = set(request.GET) - self.filter_parameters(request)
            if unknown:
                raise DisallowedModelAdminLookup(f"Filtering by {', '.join(sorted(unknown))}")
        return super().get_changelist_instance(request)


class ClientFilter(admin.SimpleListFilter):
    """One client's records: the links from a client's overview open each list so filtered.

    A coach chooses among their active clients; an administrator, whom the admin offers
    every seeker's records, follows the link for the client it names.
    """

    title = "client"
    parameter_name = "client"

    def __init__(self, request, params, model, model_admin):
        self.owner_path = model_admin.owner_path
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        from core.models import User

        if request.user.is_superuser:
            chosen = self.value() if (self.value() or "").isdigit() else None
            clients = User.objects.filter(pk=chosen) if chosen else User.objects.none()
        else:
            clients = clients_of(request.user)
        # Read once a request: the list builds its filters more than once.
        known = request.__dict__.setdefault("_client_choices", {})
        key = self.value() if request.user.is_superuser else None
        if key not in known:
            known[key] = [(str(c.pk), str(c)) for c in clients.order_by("name", "email")]
        return known[key]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if not value.isdigit():
            raise IncorrectLookupParameters("No such client.")
        return queryset.filter(**{self.owner_path: value})


def _within_window(formfield, db_field):
    """Date-times typed in the admin are bounded like everywhere else (core/date_window.py)."""
    if formfield is not None and isinstance(db_field, models.DateTimeField):
        formfield.validators.append(validate_within_window)
    return formfield


class ClientRecordAdmin(CoachListRules, admin.ModelAdmin):
    owner_path = "owner"
    # What the seeker reads in their access log ("Contact: Priya Raman"); the model's name
    # unless a seeker would call it something else.
    record_kind = None
    # The list, in the log ("Searched your contacts for …"); the model's plural by default.
    list_kind = None
    # The seeker's pages answer only to the seeker: no "view on site" from the admin.
    view_on_site = False

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        if is_coach(request.user):
            return queryset.filter(**{f"{self.owner_path}__in": clients_of(request.user)})
        return queryset.none()

    def get_list_filter(self, request):
        return [ClientFilter, *super().get_list_filter(request)]

    def get_search_fields(self, request):
        """A coach searches names, titles and employers, never a client's free text."""
        fields = super().get_search_fields(request)
        if request.user.is_superuser:
            return fields
        return [name for name in fields if not self._is_free_text(name)]

    def _is_free_text(self, search_field) -> bool:
        """Whether ``search_field`` ends on a text field: notes, messages, statements."""
        model = self.model
        for part in search_field.lstrip("^=@").split("__"):
            try:
                field = model._meta.get_field(part)
            except FieldDoesNotExist:
                return False
            if isinstance(field, models.TextField):
                return True
            if not field.is_relation:
                return False
            model = field.related_model
        return False

    def get_changelist_instance(self, request):
        # The date drill-down counts a year on from the year asked for: one outside the
        # dates a page can read is an incorrect lookup, not a server error.
        year = request.GET.get(f"{self.date_hierarchy}__year") if self.date_hierarchy else None
        if year is not None and not (
            year.isdigit() and READABLE[0].year <= int(year) < READABLE[1].year
        ):
            raise IncorrectLookupParameters(f"No dates in {year}.")
        return super().get_changelist_instance(request)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return _within_window(super().formfield_for_dbfield(db_field, request, **kwargs), db_field)

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

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if request.method == "GET" and changelist is not None:
            self.log_listing(request, changelist)
        return response

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

    def log_listing(self, request, changelist):
        """SPEC §2: a coach's look through a list of clients' records, or a search in it.

        The list covers the records of every client of the coach, whatever it finds: each of
        them reads, in their log, which list, what was searched for, and the filters.
        """
        if request.user.is_superuser or not is_coach(request.user):
            return
        search = Truncator(changelist.query.strip()).chars(200)
        filters = Truncator(filters_in_words(request, changelist)).chars(200)
        kind = self.list_kind or str(self.model._meta.verbose_name_plural)
        RecordView.objects.bulk_create(
            RecordView(
                coach=request.user,
                client_id=client_id,
                action=RecordView.Action.LISTED,
                kind=kind,
                object_id="",
                record="",
                search=search,
                filters=filters,
            )
            for client_id in clients_of(request.user).values_list("pk", flat=True)
        )


def filters_in_words(request, changelist) -> str:
    """The filters a list was asked for, as the admin labels them: “level: Director”."""
    words = []
    for spec in changelist.filter_specs:
        if not set(spec.expected_parameters()) & set(request.GET):
            continue
        chosen = [
            str(choice["display"]) for choice in spec.choices(changelist) if choice["selected"]
        ]
        words.append(f"{spec.title}: {', '.join(chosen)}")
    hierarchy = changelist.date_hierarchy
    if hierarchy and f"{hierarchy}__year" in request.GET:
        field = get_fields_from_path(changelist.model, hierarchy)[-1]
        parts = (request.GET.get(f"{hierarchy}__{part}") for part in ("year", "month", "day"))
        words.append(f"{field.verbose_name}: {'-'.join(part for part in parts if part)}")
    return "; ".join(words)


class ClientRecordInline:
    """Inlines follow their parent: read-only for coaches; typed date-times bounded."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return _within_window(super().formfield_for_dbfield(db_field, request, **kwargs), db_field)

    def has_add_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or is_coach(request.user)
