"""Countries, for their public holidays (SPEC §6a): the seeker's and each contact's.

A country is an ISO 3166-1 alpha-2 code (``DE``, ``US``); empty means none is known, and
then only weekends are days off. Only a country the ``holidays`` package knows can be
chosen: a country whose holidays are unknown would quietly count them as business days.

A country defaults from a time zone (``country_of_zone``). Python's ``zoneinfo`` has no
table of countries, but the time zone database has: ``zone.tab`` lists each zone with the
one country it keeps time for (``Europe/Berlin`` → ``DE``). It is read from the ``tzdata``
package, which the project installs, else from the system's ``/usr/share/zoneinfo``. A
zone with no country there (``UTC``, and old alias names such as ``US/Eastern``) has no
default.
"""

import re
from functools import cache

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from holidays import registry

from core.timezones import TimezoneSelect, canonical_zone, tz_file

# Country names that read with "the" in a sentence ("… is Thanksgiving Day in the United
# States"); the rest read as they are ("… in Germany").
WITH_THE = frozenset(
    {"AE", "BS", "CD", "CF", "CK", "DO", "FK", "FO", "GB", "GM", "IM", "KY", "MH", "MV", "NL"}
    | {"PH", "SB", "TC", "UM", "US", "VA", "VG", "VI"}
)
UNKNOWN_COUNTRY = (
    "“%(value)s” is not a country whose public holidays we know. Pick one from the list, "
    "or leave it empty to skip weekends only."
)


def _spaced(class_name: str) -> str:
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", class_name)
    return re.sub(r" (And|Of|The|Da) ", lambda m: f" {m.group(1).lower()} ", words)


@cache
def country_names() -> dict[str, str]:
    """The countries the ``holidays`` package knows, by code, with their English names."""
    names = {entry[1]: _spaced(entry[0]) for entry in registry.COUNTRIES.values()}
    return dict(sorted(names.items(), key=lambda item: item[1]))


def country_name(code: str) -> str:
    """``Germany``, ``United States``; the code itself for one not known."""
    return country_names().get(code, code)


def in_country(code: str) -> str:
    """How a sentence names the country: ``Germany``, ``the United States``."""
    name = country_name(code)
    return f"the {name}" if code in WITH_THE else name


def is_known_country(code: str) -> bool:
    return code in country_names()


def validate_country(value: str) -> None:
    """Accept only a country whose public holidays the ``holidays`` package knows."""
    if value and not is_known_country(value):
        raise ValidationError(UNKNOWN_COUNTRY, code="unknown_country", params={"value": value})


@cache
def zone_countries() -> dict[str, str]:
    """Each zone of ``zone.tab`` with its country's code: ``{"Europe/Berlin": "DE", …}``."""
    table = {}
    for line in tz_file("zone.tab").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        code, _coordinates, zone, *_comments = line.split("\t")
        table[zone] = code
    return table


def country_of_zone(zone_name: str) -> str:
    """The country a time zone keeps time for, when the ``holidays`` package knows it, else
    "": ``Europe/Berlin`` → ``DE``, ``America/New_York`` → ``US``, ``UTC`` → ""."""
    zone_name = zone_name or ""
    # A zone under an old alias (Asia/Calcutta, US/Eastern) keeps time for its zone's country.
    code = zone_countries().get(canonical_zone(zone_name) or zone_name, "")
    return code if is_known_country(code) else ""


def country_choices() -> list[tuple[str, str]]:
    return [("", "— none: weekends only —"), *country_names().items()]


@cache
def _options_html() -> str:
    return "".join(
        format_html('\n  <option value="{}">{}</option>\n', code, label)
        for code, label in country_choices()
    )


class CountrySelect(TimezoneSelect):
    """The select of some 250 countries, its options rendered once per process (as the
    zones' are)."""

    options_html = staticmethod(_options_html)

    def format_value(self, value):
        # A country's code as it is: a few are also old zone aliases ("GB", "NZ"), which the
        # zones' select would turn into Europe/London and select nothing.
        return forms.Select.format_value(self, value)


class CountryField(forms.ChoiceField):
    """A select of the countries whose public holidays are known; any other is refused."""

    widget = CountrySelect
    default_error_messages = {"invalid_choice": UNKNOWN_COUNTRY}

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(choices=country_choices, **kwargs)

    def valid_value(self, value):
        return value == "" or is_known_country(str(value))


def follows_zone(form, zone_field: str = "timezone", country_field: str = "country") -> None:
    """A country left as it was follows a changed zone, when it was that zone's default.

    Called from a form's ``clean``: a seeker who moves a contact from Europe/Berlin to
    America/New_York without touching the country gets the United States; a country picked
    by hand (or one that did not come from the old zone) stays.
    """
    cleaned = form.cleaned_data
    if country_field in form.changed_data or zone_field not in form.changed_data:
        return
    if zone_field not in cleaned or country_field not in cleaned:
        return
    old_zone = form.get_initial_for_field(form.fields[zone_field], zone_field)
    if cleaned[country_field] == country_of_zone(old_zone):
        cleaned[country_field] = country_of_zone(cleaned[zone_field])
