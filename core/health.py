"""The health check (SPEC §7): 200 ``ok`` when the app and its database answer, 503 otherwise.

It is answered by a middleware at the top of the stack, before the host check and the HTTPS
redirect: a load balancer or the container's own HEALTHCHECK asks over plain HTTP with its own
``Host`` (an IP address), and must get the answer, not a 400 or a redirect to HTTPS.
"""

from django.db import connection
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

PATH = "/healthz"


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return False
    return True


def healthz(request):
    """200 ``ok`` when the database answers, 503 otherwise; never cached."""
    if database_answers():
        response = HttpResponse("ok", content_type="text/plain")
    else:
        response = HttpResponse("database unavailable", status=503, content_type="text/plain")
    add_never_cache_headers(response)
    return response


class HealthCheckMiddleware:
    """Answers ``/healthz`` before anything else looks at the request (see the module doc)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == PATH and request.method in ("GET", "HEAD"):
            return healthz(request)
        return self.get_response(request)
