"""Forms of the employers area. Each takes ``owner=`` and reads only the owner's rows."""

from django import forms
from django.db import models
from django.urls import reverse_lazy

from core.pickers import picker
from networking.employers.models import (
    HIGHEST,
    LOWEST,
    SCALE,
    Criterion,
    Employer,
    name_key,
    tidy_name,
)
from networking.employers.scoring import Fit, explain_fit

WEIGHT_CHOICES = [
    (5, "5 — essential"),
    (4, "4 — very important"),
    (3, "3 — important"),
    (2, "2 — nice to have"),
    (1, "1 — a small plus"),
]
RATING_CHOICES = [("", "Not rated"), *((n, str(n)) for n in SCALE)]
RATING_VALUES = {str(n) for n in SCALE}
RATING_PREFIX = "rating_"


def employer_picker(field, *, compact=False):
    """An employer field as a searchable picker: newest first, then ``/employers/pick/``."""
    return picker(
        field, search_url=reverse_lazy("employers:pick"), noun="employers", compact=compact
    )


def unique_name(owner, model, name: str, *, instance, noun: str) -> str:
    """A name unique per seeker in any case (the DB constraint, said kindly), spaces tidied.

    Names are compared as the unique index compares them (``name_key``), so what this
    accepts the database accepts too. The error names the one already there, as the seeker
    spelled it then.
    """
    name = tidy_name(name)
    same = (
        model.objects.owned_by(owner)
        .alias(name_key=name_key())
        .filter(name_key=name_key(name))
        .exclude(pk=instance.pk)
    )
    taken = same.values_list("name", flat=True).first()
    if taken is not None:
        raise forms.ValidationError(f"You already have {noun} called “{taken}”.")
    return name


def scores_from(data, criteria) -> dict[int, int]:
    """Criterion id → the 1–5 rating found in ``data`` (a POST or a form's values).

    Anything else (empty, out of range, garbage) counts as unrated: used where a
    rating is only previewed, never saved.
    """
    scores = {}
    for criterion in criteria:
        value = data.get(f"{RATING_PREFIX}{criterion.pk}")
        if str(value) in RATING_VALUES:
            scores[criterion.pk] = int(value)
    return scores


class CriterionForm(forms.ModelForm):
    """SPEC §7: a criterion is a ``name`` and a ``weight`` from 1 to 5."""

    weight = forms.TypedChoiceField(
        choices=WEIGHT_CHOICES,
        coerce=int,
        initial=3,
        help_text="How much it matters to you.",
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={
            "invalid_choice": (
                f"Pick a weight from {LOWEST} (a small plus) to {HIGHEST} (essential)."
            )
        },
    )

    class Meta:
        model = Criterion
        fields = ["name", "weight"]
        labels = {"name": "Criterion"}
        widgets = {
            "name": forms.TextInput(
                attrs={"placeholder": "e.g. Innovative culture", "class": "form-control"}
            )
        }

    def __init__(self, *args, owner, **kwargs):
        self.owner = owner
        super().__init__(*args, **kwargs)

    def clean_name(self):
        return unique_name(
            self.owner,
            Criterion,
            self.cleaned_data["name"],
            instance=self.instance,
            noun="a criterion",
        )


def _https_by_default(field, **kwargs):
    """A website typed without a scheme is read as https://, not http://."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class EmployerForm(forms.ModelForm):
    """SPEC §7: the employer's fields and a 1–5 rating per criterion, unrated allowed.

    Rating fields exist only for the owner's own criteria (``rating_<id>``), so a
    forged criterion id in the POST is simply not a field of this form.
    """

    class Meta:
        model = Employer
        fields = ["name", "website", "industry", "location", "status", "posting", "notes"]
        labels = {"posting": "Job posting"}
        formfield_callback = _https_by_default
        help_texts = {
            "website": "Optional, e.g. northwind.example",
            "posting": "Has the employer posted the role you want? It breaks ties in the ranking.",
        }
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, owner, criteria, **kwargs):
        self.owner = owner
        self.criteria = list(criteria)
        super().__init__(*args, **kwargs)
        scores = {}
        if self.instance.pk:
            scores = dict(self.instance.ratings.values_list("criterion_id", "score"))
        for criterion in self.criteria:
            self.fields[f"{RATING_PREFIX}{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.name,
                choices=RATING_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                initial=scores.get(criterion.pk, ""),
                widget=forms.RadioSelect(attrs={"class": "btn-check"}),
                help_text=f"×{criterion.weight}",
                error_messages={
                    "invalid_choice": f"Rate from {LOWEST} (poor fit) to {HIGHEST} (great fit), "
                    "or leave it unrated."
                },
            )

    def clean_name(self):
        return unique_name(
            self.owner,
            Employer,
            self.cleaned_data["name"],
            instance=self.instance,
            noun="an employer",
        )

    @property
    def detail_fields(self):
        return [self[name] for name in self.Meta.fields]

    @property
    def rating_fields(self):
        return [(criterion, self[f"{RATING_PREFIX}{criterion.pk}"]) for criterion in self.criteria]

    @property
    def fit(self) -> Fit:
        """The score the ratings on the form make, as first shown (bound or not)."""
        values = {field.name: field.value() for _, field in self.rating_fields}
        return explain_fit(self.criteria, scores_from(values, self.criteria))

    @property
    def scores(self) -> dict:
        """Criterion → the 1–5 rating given, or None for unrated."""
        return {
            criterion: self.cleaned_data.get(f"{RATING_PREFIX}{criterion.pk}")
            for criterion in self.criteria
        }


class EmployerFilterForm(forms.Form):
    """The ranked list's filters. A value that does not validate is ignored, never a 500."""

    q = forms.CharField(required=False, max_length=200)
    status = forms.ChoiceField(
        choices=[("", "Any status"), *Employer.Status.choices], required=False
    )
    industry = forms.CharField(required=False, max_length=100)

    def filters(self) -> dict:
        """``status``, ``industry`` and ``search`` as ``filter_employers`` takes them."""
        self.is_valid()
        cleaned = self.cleaned_data
        return {
            "status": cleaned.get("status") or "",
            "industry": (cleaned.get("industry") or "").strip(),
            "search": (cleaned.get("q") or "").strip(),
        }
