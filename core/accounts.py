"""Who is signing in: one spelling of an email, one address per client (SPEC §2).

An email is one account whatever its case: ``Victim@Example.com`` and ``victim@example.com``
sign in to the same account, so they must share one log-in throttle (django-axes counts
wrong passwords per account and address) and one sign-up. Every path that reads an email
typed by a person (log-in on the site and in the admin, sign-up, the user manager, the
throttle) goes through ``normalise_email``.
"""

import ipaddress

from django.conf import settings


def normalise_email(email: str | None) -> str:
    """The one spelling of an email address: no surrounding spaces, all lower case.

    The whole address is lower-cased, not only the domain as RFC 5321 would allow: no mail
    provider a seeker uses tells ``Ann@`` from ``ann@``, and two accounts that differ only in
    case would be a trap.
    """
    return (email or "").strip().lower()


def throttle_username(request, credentials: dict | None) -> str:
    """``AXES_USERNAME_CALLABLE``: the account a log-in attempt is counted against.

    Axes calls it with the credentials given to ``authenticate`` (the site's and the admin's
    log-in forms both post ``username``), or with none, when it reads the posted form itself.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        value = credentials.get(field)
    else:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        value = data.get(field)
    return normalise_email(value)


def client_address(request) -> str | None:
    """``AXES_CLIENT_IP_CALLABLE``: the address a request comes from, behind our proxy too.

    Behind nginx every request reaches the app from the proxy's own address, so counting
    log-in failures per ``REMOTE_ADDR`` would count the whole world as one client: a stranger's
    five wrong guesses would lock the seeker out wherever they are. When the peer is a proxy
    we trust (``FORWARDED_ALLOW_IPS``, as for gunicorn), the client is the last address that
    proxy appended to ``X-Forwarded-For``; the entries before it are whatever the client
    chose to send, and are never believed.
    """
    peer = request.META.get("REMOTE_ADDR")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if peer and forwarded and _is_trusted_proxy(peer):
        last = forwarded.split(",")[-1].strip()
        if _is_address(last):
            return last
    return peer


def _is_trusted_proxy(peer: str) -> bool:
    trusted = settings.FORWARDED_ALLOW_IPS
    if "*" in trusted:
        return True
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return False
    for entry in trusted:
        try:
            if address in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
