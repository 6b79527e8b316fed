from django import template
from django.utils.safestring import mark_safe

from core.due import urgency, when_due
from core.panels import render_panels
from core.paths import path_to
from core.rules import all_words as rules_words

register = template.Library()


@register.inclusion_tag("includes/_nav_item.html", takes_context=True)
def nav_item(context, url_name, label):
    """A navigation link, marked current when the page sits under it."""
    url = path_to(url_name)
    request = context.get("request")
    path = getattr(request, "path", "")
    return {"url": url, "label": label, "current": path == url or path.startswith(url)}


@register.simple_tag(name="path_to")
def path_to_tag(viewname, pk=None):
    """``{% path_to "contacts:detail" contact.pk %}``: the ``{% url %}`` of a route that takes
    one id or none (``core.paths``), for links drawn once a row."""
    return path_to(viewname, pk)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed (for pagination links)."""
    request = context["request"]
    params = request.GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def panels(context, slot, obj):
    """The panels that apps higher in the walk add to this page: ``{% panels "contact" c %}``."""
    return mark_safe(render_panels(slot, obj, context["request"]))


@register.filter
def with_rules(text):
    """Fill a literal's ``{name}`` with the words of a rule (``core.rules``), for the places a
    template can only pass a string: ``text="Book {meeting_length}."|with_rules``."""
    return str(text).format_map(rules_words())


@register.filter(name="when_due")
def when_due_filter(due_on, today):
    """``{{ task.due_on|when_due:today }}``: "due Fri 27 Nov", "due today", "overdue: …"."""
    return when_due(due_on, today) if due_on and today else ""


@register.filter(name="urgency")
def urgency_filter(due_on, today):
    """``overdue``, ``today`` or ``later``, for the colour of a due date."""
    return urgency(due_on, today) if due_on and today else ""
