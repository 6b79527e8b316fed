"""IANA time zones offered to seekers and contacts."""

import zoneinfo
from functools import cache
from importlib import resources
from pathlib import Path

from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.html import format_html
from django.utils.safestring import mark_safe


def tz_file(name: str) -> str:
    """A file of the IANA database: the ``tzdata`` package's, else the system's."""
    try:
        return (resources.files("tzdata") / "zoneinfo" / name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        for folder in zoneinfo.TZPATH:
            path = Path(folder) / name
            if path.is_file():
                return path.read_text(encoding="utf-8")
    raise ImproperlyConfigured(f"The time zone database has no {name}: install tzdata.")


@cache
def _canonical_names() -> list[str]:
    """The zones of ``zone.tab``: one canonical name per region of a country (Asia/Kolkata,
    not its old alias Asia/Calcutta), the ones this machine can read."""
    known = zoneinfo.available_timezones()
    rows = (line.split("\t") for line in tz_file("zone.tab").splitlines())
    return sorted(
        row[2] for row in rows if len(row) > 2 and not row[0].startswith("#") and row[2] in known
    )


@cache
def _links() -> dict[str, str]:
    """Each alias of the database and the zone it names (``L target alias`` in tzdata.zi)."""
    return {
        alias: target
        for kind, target, alias, *_ in (
            line.split() for line in tz_file("tzdata.zi").splitlines() if line.startswith("L ")
        )
    }


def zone_named(name, default=None) -> zoneinfo.ZoneInfo | None:
    """The zone called ``name``, else ``default`` (no name, or one this machine does not know)."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        return default


def canonical_zone(name: str) -> str | None:
    """The zone of the list that ``name`` is (itself, or the zone an old alias stands for), or
    ``None`` when it is none of them."""
    names, links = _zone_names(), _links()
    if links.get(name, name) == links.get("UTC", "UTC"):
        return "UTC"  # Etc/UTC, Zulu, Universal: the list's UTC is an alias of the same zone
    for _ in range(4):  # an alias of an alias, at most a few steps
        if name in names:
            return name
        name = links.get(name)
        if name is None:
            return None
    return None


@cache
def timezone_choices() -> list[tuple[str, str]]:
    """UTC, then the canonical zones (no alias twice under two names)."""
    return [("UTC", "UTC"), *((name, name.replace("_", " ")) for name in _canonical_names())]


def validate_timezone(value: str) -> None:
    """Accept only an IANA zone name this machine knows (e.g. ``Europe/Paris``)."""
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            "“%(value)s” is not a time zone we know. "
            "Pick one like Europe/Paris or America/Toronto.",
            code="invalid_timezone",
            params={"value": value},
        )


@cache
def _zone_names() -> frozenset[str]:
    return frozenset(name for name, _ in timezone_choices())


@cache
def _options_html() -> str:
    """The zones' ``<option>`` markup, none selected, exactly as Django's own template writes it."""
    return "".join(
        format_html('\n  <option value="{}">{}</option>\n', name, label)
        for name, label in timezone_choices()
    )


class TimezoneSelect(forms.Select):
    """The select of some 430 zones, its options rendered once per process.

    Django renders each option through a template, and normalises the whole list again each
    time it looks at it: some 40 ms for this one select on every profile and contact form.
    The zones never change while the process runs, so their markup is kept, and each render
    only marks the selected one. The HTML is the same as ``forms.Select`` writes. A subclass
    gives other fixed choices their kept markup (``options_html``).
    """

    options_html = staticmethod(_options_html)

    def use_required_attribute(self, initial):
        # The first option is a zone (UTC), not an empty placeholder: forms.Select would say
        # no as well, after normalising every choice to find that out.
        return False

    def format_value(self, value):
        # A zone stored under an old alias (Asia/Calcutta) shows as the zone it is (Asia/Kolkata).
        return [canonical_zone(v) or v for v in super().format_value(value)]

    def render(self, name, value, attrs=None, renderer=None):
        options = self.options_html()
        for selected in dict.fromkeys(self.format_value(value)):
            options = options.replace(
                format_html('<option value="{}">', selected),
                format_html('<option value="{}" selected>', selected),
                1,
            )
        attributes = "".join(
            format_html(" {}", key) if given is True else format_html(' {}="{}"', key, given)
            for key, given in self.build_attrs(self.attrs, attrs).items()
            if given is not False
        )
        return format_html(
            '<select name="{}"{}>{}\n</select>', name, mark_safe(attributes), mark_safe(options)
        )


class TimezoneField(forms.ChoiceField):
    """A select of IANA zones that says plainly when a value is not one."""

    widget = TimezoneSelect
    default_error_messages = {
        "invalid_choice": "“%(value)s” is not a time zone we know. "
        "Pick one like Europe/Paris or America/Toronto."
    }

    def __init__(self, **kwargs):
        super().__init__(choices=timezone_choices, **kwargs)

    def valid_value(self, value):
        """Only a zone of the list (the canonical names), looked up without walking the list."""
        return str(value) in _zone_names()
