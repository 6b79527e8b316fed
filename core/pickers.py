"""A searchable picker for a choice among a seeker's many objects (SPEC §8: flat at 40,000).

A plain ``<select>`` writes one ``<option>`` per row: 40,000 contacts made a 10-second form.
``picker(field, …)`` keeps the owner's whole queryset for validation (any of the seeker's ids is a
valid choice, anyone else's is not, SPEC §2) but its widget renders only the chosen row and a
short list of the most recent ones, beside a search box. Typing asks the search endpoint of
the app that owns the model for the matching rows (htmx), which replace the list's options.
Without JavaScript the short list still works, and says that there are more.

A search endpoint answers with ``picker_options_response``; this module knows no model.
"""

from django import forms
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

SHORTLIST = 50  # rows a picker shows before anything is typed
MATCHES = 20  # rows a search answers


class PickerSelect(forms.Select):
    """A select that renders a shortlist of its field's queryset, and a search box."""

    template_name = "includes/_picker.html"

    def __init__(self, *, search_url="", noun="items", recent=("-pk",), compact=False, attrs=None):
        super().__init__(attrs)
        self.compact = compact
        self.search_url = search_url
        self.noun = noun
        self.recent = recent

    def _render(self, template_name, context, renderer=None):
        # The project's templates, not the form renderer's (which sees only Django's own).
        return mark_safe(render_to_string(template_name, context))

    def get_context(self, name, value, attrs):
        self._more = False
        context = super().get_context(name, value, attrs)
        picker = context["widget"]
        picker["search_url"] = self.search_url
        picker["noun"] = self.noun
        picker["shortlist"] = SHORTLIST
        picker["matches"] = MATCHES
        picker["more"] = self._more
        picker["compact"] = self.compact
        return context

    def optgroups(self, name, value, attrs=None):
        everything = self.choices
        self.choices = self._shortlist(everything, value)
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = everything

    def _shortlist(self, choices, value):
        """The blank choice, the chosen row, then the most recent rows: two queries at most.

        One row past the shortlist is read to know whether there are more, rather than a count.
        """
        field = getattr(choices, "field", None)
        if field is None:  # plain choices, not a queryset: nothing to cut
            return list(choices)
        queryset = field.queryset
        listed = []
        if field.empty_label is not None:
            listed.append(("", field.empty_label))
        # An id the database could not hold is no row, not an error (the field says it is invalid).
        chosen = [v for v in value if str(v).isdigit() and len(str(v)) < 19]
        chosen_rows = list(queryset.filter(pk__in=chosen)) if chosen else []
        for row in chosen_rows:
            listed.append((row.pk, field.label_from_instance(row)))
        recent = queryset.exclude(pk__in=[row.pk for row in chosen_rows]).order_by(*self.recent)
        rows = list(recent[: SHORTLIST + 1])
        self._more = len(rows) > SHORTLIST
        for row in rows[:SHORTLIST]:
            listed.append((row.pk, field.label_from_instance(row)))
        return listed


def picker(field, *, search_url, noun, recent=("-pk",), compact=False):
    """Render a form's ``ModelChoiceField`` as a picker; its queryset still validates.

    ``search_url`` answers ``?q=…`` with ``picker_options_response``; ``recent``
    orders the shortlist shown before anything is typed; ``noun`` names the rows;
    ``compact`` (a filter bar) leaves the notes out.
    """
    widget = PickerSelect(
        search_url=str(search_url),
        noun=noun,
        recent=recent,
        compact=compact,
        attrs=field.widget.attrs,
    )
    widget.choices = field.choices
    widget.is_required = field.widget.is_required
    field.widget = widget
    return field


def search_terms(request, longest=100) -> str:
    """What the seeker typed, trimmed and bounded."""
    return " ".join(request.GET.get("q", "").split())[:longest]


def picker_options_response(request, rows, *, label, query):
    """What a search endpoint answers: the ``<option>`` fragment of the first MATCHES of
    ``rows`` (cut to MATCHES + 1, so one more tells the picker to say "type more")."""
    rows = list(rows)
    options = [(row.pk, label(row)) for row in rows[:MATCHES]]
    html = render_to_string(
        "includes/_picker_options.html", {"options": options, "query": query}, request=request
    )
    response = HttpResponse(html)
    response["X-Picker-More"] = "true" if len(rows) > MATCHES else "false"
    return response
