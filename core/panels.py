"""Panels that an app higher in the walk adds to a page of an app below it.

A lower page cannot import what sits above it (``make lint`` keeps the layers), yet the
contact page should show that contact's meetings. So the lower page names a *slot* and
renders whatever fills it (``{% panels "contact" contact %}``); the higher app fills the
slot from its ``AppConfig.ready()``. The page knows the slot, never who fills it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string

SLOTS = ("contact", "employer", "meeting")


@dataclass(frozen=True)
class Panel:
    template_name: str
    # The panel's context from the page's object and the seeker (a selector of the app that
    # adds the panel; the page has fetched the object through its owner already).
    context: Callable[[object, object], dict]


_panels: dict[str, list[Panel]] = {slot: [] for slot in SLOTS}


def add_panel(slot: str, template_name: str, context: Callable[[object, object], dict]) -> None:
    """Fill ``slot`` with a panel; adding the same template twice (a reload) keeps one."""
    if slot not in _panels:
        raise ValueError(f"No page offers the slot {slot!r}; the slots are {', '.join(SLOTS)}.")
    panels = _panels[slot]
    panels[:] = [panel for panel in panels if panel.template_name != template_name]
    panels.append(Panel(template_name, context))


def render_panels(slot: str, obj, request) -> str:
    """The HTML of every panel in ``slot`` for ``obj``, in the order the apps added them."""
    return "".join(
        render_to_string(panel.template_name, panel.context(obj, request.user), request=request)
        for panel in _panels[slot]
    )
