"""The time-zone select: some 430 zones, rendered once per process, validated as before."""

import pytest
from django import forms
from django.urls import reverse

from core.timezones import TimezoneField, timezone_choices


class _DjangosOwn(forms.Form):
    timezone = TimezoneField(widget=forms.Select, help_text="Where you are.")


class _Ours(forms.Form):
    timezone = TimezoneField(help_text="Where you are.")


@pytest.mark.parametrize(
    "value", ["Europe/Paris", "UTC", "America/Argentina/Buenos_Aires", "Mars/Olympus", "", '"><b>']
)
@pytest.mark.parametrize("bound", [False, True])
def test_the_select_writes_what_djangos_select_writes(value, bound):
    given = {"data": {"timezone": value}} if bound else {"initial": {"timezone": value}}
    theirs, ours = _DjangosOwn(**given)["timezone"], _Ours(**given)["timezone"]
    assert str(ours) == str(theirs)
    # As crispy renders it: with the field's class.
    attrs = {"class": "form-select is-invalid"}
    assert str(ours.as_widget(attrs=attrs)) == str(theirs.as_widget(attrs=attrs))


def test_the_select_marks_only_the_chosen_zone():
    html = str(_Ours(initial={"timezone": "Europe/Paris"})["timezone"])
    assert html.count(" selected>") == 1
    assert '<option value="Europe/Paris" selected>Europe/Paris</option>' in html
    assert html.count("<option ") == len(timezone_choices())
    # The next render starts from the unmarked options again.
    html = str(_Ours(initial={"timezone": "Asia/Tokyo"})["timezone"])
    assert '<option value="Europe/Paris">' in html
    assert '<option value="Asia/Tokyo" selected>' in html


@pytest.mark.parametrize("value", ["Europe/Paris", "UTC", "America/Argentina/Buenos_Aires"])
def test_a_canonical_zone_is_accepted(value):
    form = _Ours(data={"timezone": value})
    assert form.is_valid() and form.cleaned_data["timezone"] == value


@pytest.mark.parametrize("value", ["Mars/Olympus", "US/Eastern", "Etc/GMT+5", "europe/paris", ""])
def test_anything_else_is_refused(value):
    form = _Ours(data={"timezone": value})
    assert not form.is_valid()


@pytest.mark.django_db
def test_the_profile_renders_the_zones_without_a_template_per_option(alice_client, alice):
    alice.timezone = "Asia/Tokyo"
    alice.save()
    response = alice_client.get(reverse("profile"))
    body = response.content.decode()
    assert '<option value="Asia/Tokyo" selected>Asia/Tokyo</option>' in body
    options = [t for t in response.templates if t.name == "django/forms/widgets/select_option.html"]
    assert len(options) < 20  # the level's options; none of the zones'
