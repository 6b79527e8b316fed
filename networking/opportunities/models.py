"""Opportunities (SPEC §6b): the jobs the meetings opened, from the lead to the offer.

An opportunity belongs to a seeker and an employer; it came from a meeting, a contact who
told or referred the seeker, or a posting; its stage changes are dated, the first one too
(``StageChange``). Salary is closed until the seeker records that the employer raised it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from core.models import OwnedQuerySet
from core.paths import path_to
from networking.contacts.models import Contact
from networking.employers.models import Employer
from networking.meetings.models import Meeting, Task


class Stage(models.TextChoices):
    LEAD = "lead", "Lead"
    APPLIED = "applied", "Applied"
    INTERVIEWING = "interviewing", "Interviewing"
    OFFER = "offer", "Offer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    CLOSED = "closed", "Closed"


# Still going somewhere: the board's first columns, the employer list's "open opportunity".
OPEN_STAGES = (Stage.LEAD, Stage.APPLIED, Stage.INTERVIEWING, Stage.OFFER)
# While an opportunity is here, the contact it came from hears of every change (close the loop).
LOOP_STAGES = (Stage.APPLIED, Stage.INTERVIEWING)
# An offer is accepted or declined; nothing else is.
AFTER_AN_OFFER = (Stage.ACCEPTED, Stage.DECLINED)
OFFERS = (Stage.OFFER, Stage.ACCEPTED, Stage.DECLINED)

SALARY_CLOSED = (
    "Salary is not a topic until the employer raises it: record who raised it and when first."
)


def stage_refusal(previous: str, stage: str) -> str:
    """Why ``previous`` cannot become ``stage`` ("" when it can): only an offer is accepted or
    declined, and a stage does not change into itself."""
    if previous == stage:
        return f"It is {Stage(stage).label.lower()} already."
    if stage in AFTER_AN_OFFER and previous != Stage.OFFER:
        return f"Only an offer can be {Stage(stage).label.lower()}: record the offer first."
    return ""


class Source(models.TextChoices):
    MEETING = "meeting", "A meeting (they mentioned a role)"
    CONTACT = "contact", "A contact who told me or suggested I apply"
    POSTING = "posting", "A posting I found"


class OpportunityQuerySet(OwnedQuerySet):
    def open(self):
        return self.filter(stage__in=OPEN_STAGES)

    def for_lists(self):
        """What the board, the list and the panels show of each: one query, no row asks more."""
        return self.select_related("employer", "contact")


class Opportunity(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="opportunities"
    )
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="opportunities")
    title = models.CharField("role", max_length=150, help_text="The job's title, as they named it.")
    url = models.URLField(
        "link to the posting", max_length=500, blank=True, help_text="If there is one."
    )
    source = models.CharField(
        "where it came from", max_length=10, choices=Source.choices, default=Source.POSTING
    )
    # The contact and meeting it came from. Deleting them keeps the opportunity (its history
    # is the seeker's); so the database cannot require them, and ``clean`` does on every save.
    contact = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
        help_text="Who told you about it or suggested you apply.",
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
        help_text="The informational meeting where you heard of it.",
    )
    stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.LEAD)
    # The day the current stage began, stored with the stage by the one service that changes
    # it (``services.change_stage``): the board and the list sort on it without the history.
    stage_on = models.DateField("since", editable=False)
    notes = models.TextField(blank=True)
    # Salary (SPEC §6b): nothing can be kept until the seeker records that the employer raised it.
    salary_raised_by = models.CharField(
        "who raised it",
        max_length=150,
        blank=True,
        help_text="The recruiter, the hiring manager… whoever brought salary up.",
    )
    salary_raised_on = models.DateField("when they raised it", null=True, blank=True)
    salary_min = models.PositiveIntegerField("from", null=True, blank=True)
    salary_max = models.PositiveIntegerField("to", null=True, blank=True)
    salary_currency = models.CharField(
        "currency", max_length=3, blank=True, help_text="Three letters, e.g. CAD, USD, EUR."
    )
    salary_notes = models.TextField("salary notes", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        ordering = ["-stage_on", "-id"]
        verbose_name_plural = "opportunities"
        constraints = [
            models.CheckConstraint(
                condition=Q(stage__in=Stage.values),
                name="opportunities_opportunity_stage_valid",
                violation_error_message=(
                    "Choose a stage: lead, applied, interviewing, offer, accepted, declined "
                    "or closed."
                ),
            ),
            models.CheckConstraint(
                condition=Q(source__in=Source.values),
                name="opportunities_opportunity_source_valid",
                violation_error_message=(
                    "Choose where it came from: a meeting, a contact or a posting."
                ),
            ),
            models.CheckConstraint(
                condition=Q(salary_raised_on__isnull=True, salary_raised_by="")
                | Q(salary_raised_on__isnull=False) & ~Q(salary_raised_by=""),
                name="opportunities_opportunity_salary_raised_by_whom_and_when",
                violation_error_message="Say who raised salary and when.",
            ),
            models.CheckConstraint(
                condition=Q(salary_raised_on__isnull=False)
                | Q(
                    salary_min__isnull=True,
                    salary_max__isnull=True,
                    salary_currency="",
                    salary_notes="",
                ),
                name="opportunities_opportunity_no_salary_until_raised",
                violation_error_message=SALARY_CLOSED,
            ),
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_min__lte=models.F("salary_max")),
                name="opportunities_opportunity_salary_range_ordered",
                violation_error_message="The salary's lower figure comes first.",
            ),
        ]
        indexes = [
            models.Index(fields=["owner", "stage", "-stage_on"], name="opportunities_board_idx"),
        ]

    def __str__(self):
        return f"{self.title} at {self.employer}"

    def get_absolute_url(self):
        return path_to("opportunities:detail", self.pk)

    def clean(self):
        """SPEC §2: the employer, contact and meeting are the seeker's own; SPEC §6b: a meeting
        for what came from a meeting, a contact for what a contact told; salary only once raised.
        """
        super().clean()
        errors = {}
        owner = self.owner_id
        if self.employer_id and self.employer.owner_id != owner:
            errors["employer"] = "Pick one of your own employers."
        if self.contact_id and self.contact.owner_id != owner:
            errors["contact"] = "Pick one of your own contacts."
        if self.meeting_id and self.meeting.owner_id != owner:
            errors["meeting"] = "Pick one of your own meetings."
        if self.source == Source.MEETING and not self.meeting_id:
            errors.setdefault("meeting", "Say which meeting it came from.")
        if self.source == Source.CONTACT and not self.contact_id:
            errors.setdefault("contact", "Say which contact told you about it.")
        if (
            self.meeting_id
            and self.contact_id
            and "meeting" not in errors
            and self.meeting.contact_id != self.contact_id
        ):
            errors["contact"] = (
                f"That meeting was with {self.meeting.contact.full_name}: name them, "
                "or leave the contact empty."
            )
        if not self.salary_is_open and self.has_salary_figures:
            errors["salary_min"] = SALARY_CLOSED
        if bool(self.salary_raised_on) != bool(self.salary_raised_by.strip()):
            errors["salary_raised_by"] = "Say who raised salary and when."
        if (
            self.salary_min is not None
            and self.salary_max is not None
            and self.salary_min > self.salary_max
        ):
            errors["salary_max"] = "The salary's lower figure comes first."
        if errors:
            raise ValidationError(errors)

    @property
    def salary_is_open(self) -> bool:
        """SPEC §6b: the employer raised salary, so its figures may be kept."""
        return self.salary_raised_on is not None

    @property
    def has_salary_figures(self) -> bool:
        return (
            self.salary_min is not None
            or self.salary_max is not None
            or bool(self.salary_currency)
            or bool(self.salary_notes.strip())
        )

    @property
    def name_drop(self) -> str:
        """The line the application opens with: a known name beats an unknown one."""
        if self.contact is None:
            return ""
        if self.source == Source.MEETING:
            return f"{self.contact.full_name} told me about this role when we met."
        return f"{self.contact.full_name} suggested I apply."

    def stages_to(self) -> list[tuple[str, str]]:
        """The stages it may move to from here, as choices."""
        return [
            (value, label) for value, label in Stage.choices if not stage_refusal(self.stage, value)
        ]


class StageChange(models.Model):
    """One dated step of an opportunity's history, the first stage included."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(max_length=12, choices=Stage.choices, blank=True)
    stage = models.CharField(max_length=12, choices=Stage.choices)
    on = models.DateField()
    changed_at = models.DateTimeField(auto_now_add=True)
    # The close-the-loop task this change asked for (one open at a time per opportunity: a
    # later change while it is open points at the same task).
    task = models.ForeignKey(
        Task, on_delete=models.SET_NULL, null=True, blank=True, related_name="stage_changes"
    )

    class Meta:
        ordering = ["on", "changed_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stage__in=Stage.values) & Q(from_stage__in=["", *Stage.values]),
                name="opportunities_stagechange_stage_valid",
                violation_error_message="Choose a stage.",
            ),
            models.CheckConstraint(
                condition=~Q(stage=models.F("from_stage")),
                name="opportunities_stagechange_is_a_change",
                violation_error_message="A stage change moves to another stage.",
            ),
        ]

    def __str__(self):
        return f"{self.get_stage_display()} on {self.on:%Y-%m-%d}"
