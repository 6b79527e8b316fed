"""Redirects that answer a form posted from some page of the site."""

from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def redirect_back(request, default):
    """To the page the form came from (its ``next`` field, when it is on this site), else to
    ``default`` (a URL, a URL name or a model, as ``redirect`` takes)."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(default)
