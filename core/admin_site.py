"""Schmooze's admin site, the default ``admin.site`` (``core.apps.AdminConfig``).

A coach lands on their caseload, not on the list of models; an administrator's index adds a
link to each coach's caseload. Those pages read across every app, so an app above core adds
them (``add_pages``, ``set_coach_home``, from its ``admin.py``), as it fills a panel.

Coaches read their clients' records through the lists and the record pages, where every
look is logged (core/coach_admin.py). Two other doors of the stock site answered questions
without a trace, and are narrowed here:

- The autocomplete endpoint searches the model a relation points to, for the relation named
  in the address. Coaches never edit, so no form of theirs needs it: it answers them 403
  rather than be a search that no log shows. For a superuser, a name that is not a foreign
  key or many-to-many field of the named model (a text field, a reverse relation, nothing)
  answers 403, where the stock view answered 500 for some.
- The "view on site" shortcut (``/admin/r/<content type>/<id>/``) redirected for an id that
  exists and answered 404 for one that does not, for any model. To anyone but a superuser
  it answers 404 for every id.
"""

from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.contenttypes import views as contenttype_views
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST

from core.coaching import COACHES_GROUP, is_coach

# What a coach's menu and pages call a model whose own name is written for administrators.
COACH_NAMES = {"User": "Clients"}


class RelationAutocompleteView(AutocompleteJsonView):
    """Autocomplete for a superuser's form, and only for a concrete relation."""

    def process_request(self, request):
        if not request.user.is_superuser:
            raise PermissionDenied
        try:
            model = apps.get_model(request.GET["app_label"], request.GET["model_name"])
            field = model._meta.get_field(request.GET["field_name"])
        except (KeyError, LookupError, ValueError, FieldDoesNotExist) as error:
            raise PermissionDenied from error
        if not isinstance(field, models.ForeignKey | models.ManyToManyField):
            raise PermissionDenied
        return super().process_request(request)


class SchmoozeAdminSite(admin.AdminSite):
    site_header = "Schmooze administration"
    site_title = "Schmooze admin"
    index_title = "Seekers, coaches and their records"
    index_template = "admin/schmooze_index.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages = []
        self._coach_home = None

    # --- pages an app higher in the walk adds to the admin (the caseload, a client's walk) ---

    def add_pages(self, patterns) -> None:
        """Add admin pages (URL patterns, wrapped in ``admin_view``) from an app above core."""
        self._pages.extend(patterns)

    def set_coach_home(self, view) -> None:
        """What a coach sees at ``/admin/`` instead of the list of models: their caseload."""
        self._coach_home = view

    def index(self, request, extra_context=None):
        if self._coach_home and not request.user.is_superuser and is_coach(request.user):
            return self._coach_home(request)
        if request.user.is_superuser:
            extra_context = {"coaches": self._coaches(), **(extra_context or {})}
        return super().index(request, extra_context)

    def get_app_list(self, request, app_label=None):
        """A coach's menu names their clients as clients, not as the site's users."""
        app_list = super().get_app_list(request, app_label)
        if not request.user.is_superuser and is_coach(request.user):
            for app in app_list:
                for entry in app["models"]:
                    entry["name"] = COACH_NAMES.get(entry["object_name"], entry["name"])
        return app_list

    @staticmethod
    def _coaches():
        """Every coach and their number of active clients, for an administrator's index."""
        from core.models import User

        return (
            User.objects.filter(groups__name=COACHES_GROUP, is_staff=True)
            .annotate(
                active_clients=models.Count(
                    "client_assignments",
                    filter=models.Q(client_assignments__ended_at__isnull=True),
                )
            )
            .order_by("name", "email")
        )

    def autocomplete_view(self, request):
        return RelationAutocompleteView.as_view(admin_site=self)(request)

    def get_urls(self):
        view_on_site = path(
            "r/<int:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        own = [
            ("clock/", self.clock_view, "clock"),
            ("invitation/<str:token>/", self.invitation_link_view, "invitation_link"),
            ("invitations/<int:pk>/accept/", self.invitation_accept_view, "invitation_accept"),
        ]
        pages = [
            path(route, self.admin_view(view), name=name)
            for route, view, name in [*own, *self._pages]
        ]
        return pages + [
            view_on_site if getattr(url, "name", None) == "view_on_site" else url
            for url in super().get_urls()
        ]

    def clock_view(self, request):
        """Staff set their own time zone here: a coach reads every date in it."""
        from core.forms import CoachClockForm

        form = CoachClockForm(request.POST or None, instance=request.user)
        if request.method == "POST" and form.is_valid():
            form.save()
            messages.success(request, f"Your time zone is now {request.user.timezone}.")
            return redirect("admin:index")
        context = {**self.each_context(request), "title": "Your time zone", "form": form}
        return TemplateResponse(request, "admin/clock.html", context)

    def invitation_link_view(self, request, token):
        """The link in an invitation's email: GET shows it, POST accepts it (SPEC §2)."""
        from core.invitations import invitation_of_token

        invitation = invitation_of_token(token)
        return self._invitation_page(request, invitation)

    @method_decorator(require_POST)
    def invitation_accept_view(self, request, pk):
        """Accept from the caseload: an invitation sent to the coach's own address."""
        from core.invitations import CoachInvitation

        invitation = get_object_or_404(CoachInvitation.objects.for_coach(request.user), pk=pk)
        return self._invitation_page(request, invitation)

    def _invitation_page(self, request, invitation):
        from core.invitations import InvitationRefused, accept_invitation, why_not

        if invitation is None:
            problem = "This link is not valid or has expired: ask for a new invitation."
        else:
            problem = why_not(invitation, request.user)
        if problem is None and request.method == "POST":
            try:
                assignment = accept_invitation(invitation, request.user)
            except InvitationRefused as refusal:
                problem = str(refusal)
            else:
                messages.success(request, f"You now coach {assignment.client}.")
                return redirect("admin:client_overview", assignment.client_id)
        context = {
            **self.each_context(request),
            "title": "An invitation to coach",
            "invitation": invitation,
            "problem": problem,
        }
        return TemplateResponse(
            request, "admin/invitation.html", context, status=400 if problem else 200
        )

    def view_on_site(self, request, content_type_id, object_id):
        """A superuser follows a record to its page; anyone else learns nothing, not even
        whether the record exists."""
        if not request.user.is_superuser:
            raise Http404("No such page.")
        return contenttype_views.shortcut(request, content_type_id, object_id)
