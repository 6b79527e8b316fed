"""The coach's pages in the admin site (SPEC §2): the caseload, one client's walk, the export.

Added to the admin by ``networking/progress/admin.py`` (``admin.site.add_pages``): the admin
site lives in core, and these pages read across every app above it.

Who may open what: a coach their own caseload and their own active clients (another seeker,
or a client whose access ended, answers 404); an administrator any coach's caseload and any
seeker; any other staff user 403. Every client shown is written to their access log.
"""

from datetime import timedelta

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from core.coaching import CoachAssignment, RecordView, clients_of, is_coach
from core.downloads import csv_download, csv_pieces
from core.invitations import CoachInvitation
from core.models import User
from networking.contacts.csv_export import neutralise
from networking.progress.caseload import QUIET_DAYS, caseload_for
from networking.progress.overview import SERIES, overview_for

# What a client reads in their access log when their coach looks at these pages.
CASELOAD_KIND = "progress, in your coach's caseload"
OVERVIEW_KIND = "walk so far"
# How long the caseload tells the coach that a client ended their access.
ENDED_SHOWN_DAYS = 30


def _coach_for(request, coach_id):
    """The coach whose caseload is asked for: oneself, or any coach for an administrator."""
    if coach_id is None:
        if not is_coach(request.user):
            raise PermissionDenied
        return request.user
    if not request.user.is_superuser:
        raise PermissionDenied
    return get_object_or_404(User.objects.filter(is_staff=True), pk=coach_id)


def _log_caseload(request, rows):
    if request.user.is_superuser:
        return
    RecordView.objects.bulk_create(
        RecordView(
            coach=request.user,
            client=row.client,
            action=RecordView.Action.LISTED,
            kind=CASELOAD_KIND,
            object_id="",
            record="",
        )
        for row in rows
    )


def caseload(request, coach_id=None):
    """A coach's active clients, those who need attention first (``caseload.caseload_for``)."""
    coach = _coach_for(request, coach_id)
    rows = caseload_for(coach)
    _log_caseload(request, rows)
    context = {
        **admin.site.each_context(request),
        "title": "Your caseload" if coach == request.user else f"Caseload of {coach}",
        "coach": coach,
        "rows": rows,
        "quiet_days": QUIET_DAYS,
        "export_url": reverse("admin:caseload_export")
        if coach == request.user
        else reverse("admin:caseload_of_export", args=[coach.pk]),
        "needing_attention": sum(1 for row in rows if row.attention),
        "app_list": admin.site.get_app_list(request) if coach == request.user else [],
        "invitations": CoachInvitation.objects.for_coach(coach).pending().select_related("seeker"),
        "ended": CoachAssignment.objects.filter(
            coach=coach,
            ended_by_client=True,
            ended_at__gte=timezone.now() - timedelta(days=ENDED_SHOWN_DAYS),
        ).select_related("client"),
    }
    return TemplateResponse(request, "admin/progress/caseload.html", context)


def caseload_export(request, coach_id=None):
    """The caseload as CSV: one row per client, the funnel and what is late; formula-safe."""
    coach = _coach_for(request, coach_id)
    rows = caseload_for(coach)
    _log_caseload(request, rows)
    header = [
        "client",
        "email",
        "employers",
        "contacts",
        "asked",
        "meetings",
        "referrals",
        "meetings_this_week",
        "meetings_last_week",
        "last_activity",
        "debriefs_not_written",
        "follow_ups_overdue",
        "thank_yous_overdue",
        "no_activity_for_10_days",
    ]
    zone = timezone.get_current_timezone()

    def lines():
        yield header
        for row in rows:
            last = row.last_activity
            yield [
                neutralise(str(row.client.name)),
                neutralise(row.client.email),
                row.employers,
                row.contacts,
                row.asked,
                row.meetings,
                row.referrals,
                row.meetings_this_week,
                row.meetings_last_week,
                timezone.localtime(last, zone).date().isoformat() if last else "",
                row.debriefs_due,
                row.follow_ups_overdue,
                row.thank_yous_overdue,
                "yes" if row.quiet else "no",
            ]

    return csv_download(csv_pieces(lines()), "caseload.csv")


def client_overview(request, client_id):
    """One client's walk, for their coach: 404 for anyone not their active client."""
    if request.user.is_superuser:
        client = get_object_or_404(User, pk=client_id)
    elif is_coach(request.user):
        client = get_object_or_404(clients_of(request.user), pk=client_id)
    else:
        raise PermissionDenied
    if not request.user.is_superuser:
        RecordView.objects.create(
            coach=request.user,
            client=client,
            kind=OVERVIEW_KIND,
            object_id=str(client.pk),
            record=str(client)[:200],
        )
    overview = overview_for(client, timezone.get_current_timezone())
    lists = [
        (label, reverse(f"admin:{app}_{model}_changelist") + f"?client={client.pk}")
        for label, app, model in (
            ("Employers", "employers", "employer"),
            ("Contacts", "contacts", "contact"),
            ("Meetings", "meetings", "meeting"),
            ("Tasks", "meetings", "task"),
            ("Opportunities", "opportunities", "opportunity"),
        )
    ]
    context = {
        **admin.site.each_context(request),
        "title": f"{client}: the walk so far",
        "client": client,
        "overview": overview,
        "chart": overview.chart,
        "series": SERIES,
        "lists": lists,
        "note_url": reverse("admin:core_coachingnote_add") + f"?client={client.pk}",
    }
    return TemplateResponse(request, "admin/progress/client_overview.html", context)


PAGES = [
    ("caseload/export.csv", caseload_export, "caseload_export"),
    ("caseload/<int:coach_id>/", caseload, "caseload_of"),
    ("caseload/<int:coach_id>/export.csv", caseload_export, "caseload_of_export"),
    ("clients/<int:client_id>/", client_overview, "client_overview"),
]
