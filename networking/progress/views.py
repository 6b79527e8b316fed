from datetime import UTC

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseNotFound
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from core.models import User
from core.reminders import set_digest, user_of_unsubscribe_token
from networking.opportunities import selectors as opportunities
from networking.progress import network
from networking.progress.calendar_feed import etag_of, feed_for
from networking.progress.dashboard import dashboard_for, next_missing_step


@login_required
def dashboard(request):
    return render(request, "progress/dashboard.html", {"dashboard": dashboard_for(request.user)})


@login_required
@require_GET
def next_first_step(request):
    """The next of the first steps still to take (``?after=profile``: where the profile's save
    leads); once they are all taken, back to the dashboard, or to the profile it came from."""
    step = next_missing_step(request.user)
    if step is None:
        return redirect("profile" if request.GET.get("after") == "profile" else "dashboard")
    return redirect(reverse(step["url_name"]) + step.get("anchor", ""))


@login_required
def network_page(request):
    forest = network.referral_forest(request.user)
    return render(
        request,
        "progress/network.html",
        {
            "forest": forest,
            "chains": forest.chains,
            "introductions": forest.introductions,
            "unchained": forest.unchained,
            "yield": network.yield_for(request.user),
            "worked": network.what_worked(request.user),
            "opportunities": opportunities.network_yield(request.user),
        },
    )


@require_GET
def calendar_feed(request, token):
    """The seeker's calendar, opened by the secret in its address alone: calendar apps poll it
    without a session. A wrong or revoked token is a bare 404 that says nothing more."""
    seeker = User.objects.filter(calendar_token=token, is_active=True).first()
    if seeker is None:
        return HttpResponseNotFound("Not found.", content_type="text/plain; charset=utf-8")
    body, latest = feed_for(seeker)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["ETag"] = etag_of(body)
    last_modified = int(latest.astimezone(UTC).timestamp())
    response["Last-Modified"] = http_date(last_modified)
    response["Content-Disposition"] = 'inline; filename="schmooze.ics"'
    return get_conditional_response(
        request, etag=response["ETag"], last_modified=last_modified, response=response
    )


@csrf_exempt  # RFC 8058: mail clients post the one-click unsubscribe with no token of ours
@require_http_methods(["GET", "POST"])
def digest_unsubscribe(request, token):
    """The daily email's unsubscribe link: signed for one seeker, no sign-in needed. GET asks
    to confirm (a link scanner must not unsubscribe anyone); POST, from the page or from the
    mail client's one-click button, switches the email off."""
    seeker = user_of_unsubscribe_token(token)
    if seeker is None:
        return render(request, "progress/unsubscribe.html", {"broken": True}, status=404)
    if request.method == "POST":
        set_digest(seeker, False)
        return render(request, "progress/unsubscribe.html", {"done": True, "seeker": seeker})
    return render(request, "progress/unsubscribe.html", {"seeker": seeker})
