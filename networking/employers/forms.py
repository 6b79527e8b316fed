"""Forms of the employers area. Each takes ``owner=`` and reads only the owner's rows."""

from django import forms
from django.db import models

from networking.employers.models import Criterion, Employer
from networking.employers.scoring import Fit, explain_fit

WEIGHT_CHOICES = [
    (5, "5 — essential"),
    (4, "4 — very important"),
    (3, "3 — important"),
    (2, "2 — nice to have"),
    (1, "1 — a small plus"),
]
RATING_CHOICES = [("", "Not rated"), *((n, str(n)) for n in range(1, 6))]
RATING_PREFIX = "rating_"


class CriterionForm(forms.ModelForm):
    """SPEC §7: a criterion is a ``name`` and a ``weight`` from 1 to 5."""

    weight = forms.TypedChoiceField(
        choices=WEIGHT_CHOICES,
        coerce=int,
        initial=3,
        help_text="How much it matters to you.",
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"invalid_choice": "Pick a weight from 1 (a small plus) to 5 (essential)."},
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
        name = " ".join(self.cleaned_data["name"].split())
        same = Criterion.objects.owned_by(self.owner).filter(name__iexact=name)
        if same.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"You already have a criterion called “{name}”.")
        return name


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
                    "invalid_choice": "Rate from 1 (poor fit) to 5 (great fit), "
                    "or leave it unrated."
                },
            )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        same = Employer.objects.owned_by(self.owner).filter(name__iexact=name)
        if same.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"You already have an employer called “{name}”.")
        return name

    @property
    def detail_fields(self):
        return [self[name] for name in self.Meta.fields]

    @property
    def rating_fields(self):
        return [(criterion, self[f"{RATING_PREFIX}{criterion.pk}"]) for criterion in self.criteria]

    @property
    def fit(self) -> Fit:
        """The score the ratings on the form make, as first shown (bound or not)."""
        scores = {}
        for criterion, field in self.rating_fields:
            value = field.value()
            if str(value) in {"1", "2", "3", "4", "5"}:
                scores[criterion.pk] = int(value)
        return explain_fit(self.criteria, scores)

    @property
    def scores(self) -> dict:
        """Criterion → the 1–5 rating given, or None for unrated."""
        return {
            criterion: self.cleaned_data.get(f"{RATING_PREFIX}{criterion.pk}")
            for criterion in self.criteria
        }
