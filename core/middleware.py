from django.conf import settings
from django.utils import timezone
from django.utils.cache import patch_cache_control


class UserTimezoneMiddleware:
    """Show every time in the signed-in seeker's own zone (their profile's ``timezone``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            timezone.activate(user.zone)
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class PrivateResponsesMiddleware:
    """Signed-in pages and calendar files are the seeker's own: nothing between the server and
    the browser (a shared proxy, a CDN, the browser's back-forward cache on a shared computer)
    may keep a copy. They answer ``Cache-Control: private, no-store``.

    A response that already forbids storing (the admin's and the health check's
    ``never_cache``) keeps its own, stricter header, marked private. Static files are
    answered by WhiteNoise before this runs, with their long-lived public caching.
    """

    PRIVATE = "private, no-store"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self._is_private(request, response):
            if "no-store" in response.get("Cache-Control", ""):
                patch_cache_control(response, private=True)
            else:
                response["Cache-Control"] = self.PRIVATE
        return response

    @staticmethod
    def _is_private(request, response) -> bool:
        if response.get("Content-Type", "").startswith("text/calendar"):
            return True
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        return signed_in and not request.path.startswith(settings.STATIC_URL)
