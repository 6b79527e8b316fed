"""Meeting panels for other apps' pages, and links that tolerate a page not built yet."""

from django import template
from django.urls import NoReverseMatch

from networking.meetings import selectors

register = template.Library()


@register.inclusion_tag("meetings/_contact_panel.html", takes_context=True)
def contact_meetings(context, contact):
    """A contact's meetings and open tasks: ``{% contact_meetings contact %}``."""
    return {**selectors.contact_panel(contact), "request": context.get("request")}


@register.inclusion_tag("meetings/_employer_panel.html", takes_context=True)
def employer_meetings(context, employer):
    """Meetings with the employer's contacts and their open tasks."""
    return {**selectors.employer_panel(employer), "request": context.get("request")}


@register.simple_tag
def url_of(obj) -> str:
    """``obj.get_absolute_url()``, or "" while the page it points to does not exist."""
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        return ""
