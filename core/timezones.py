"""IANA time zones offered to seekers and contacts."""

import zoneinfo
from functools import cache

from django import forms
from django.core.exceptions import ValidationError


@cache
def timezone_choices() -> list[tuple[str, str]]:
    names = sorted(
        name
        for name in zoneinfo.available_timezones()
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/", "posix/", "right/"))
    )
    return [("UTC", "UTC"), *((name, name.replace("_", " ")) for name in names)]


def validate_timezone(value: str) -> None:
    """Accept only an IANA zone name this machine knows (e.g. ``Europe/Paris``)."""
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            "“%(value)s” is not a time zone we know. "
            "Pick one like Europe/Paris or America/Toronto.",
            code="invalid_timezone",
            params={"value": value},
        )


class TimezoneField(forms.ChoiceField):
    """A select of IANA zones that says plainly when a value is not one."""

    default_error_messages = {
        "invalid_choice": "“%(value)s” is not a time zone we know. "
        "Pick one like Europe/Paris or America/Toronto."
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", timezone_choices)
        super().__init__(**kwargs)
