"""Reads of opportunities, named for what they mean: the board, the list, the panels that
lower pages show, and what the pages above (dashboard, network, a coach) count."""

from dataclasses import dataclass

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse

from networking.meetings.models import Task
from networking.opportunities.models import (
    OFFERS,
    OPEN_STAGES,
    Opportunity,
    Source,
    Stage,
)

# The cards a column of the board shows; the rest are on the list, a link away.
BOARD_CARDS = 25
PANEL_ROWS = 10


def _owned(user):
    return Opportunity.objects.owned_by(user).for_lists()


@dataclass
class Column:
    stage: Stage
    cards: list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.cards)


def board(user) -> list[Column]:
    """SPEC §6b: one column per stage, newest change first, at most ``BOARD_CARDS`` each.

    Two queries whatever the number: the counts per stage, and the cards (a window numbers
    each stage's rows, so each column is cut in the database).
    """
    totals = stage_counts(user)
    ranked = _owned(user).annotate(
        place=Window(
            RowNumber(),
            partition_by=[F("stage")],
            order_by=[F("stage_on").desc(), F("pk").desc()],
        )
    )
    cards = {stage: [] for stage in Stage.values}
    for opportunity in ranked.filter(place__lte=BOARD_CARDS).order_by("-stage_on", "-pk"):
        cards[opportunity.stage].append(opportunity)
    return [Column(Stage(stage), cards[stage], totals.get(stage, 0)) for stage in Stage.values]


def opportunity_list(user, stage: str = ""):
    """The list view: every opportunity, newest change first; one stage when asked."""
    opportunities = _owned(user)
    if stage in Stage.values:
        opportunities = opportunities.filter(stage=stage)
    return opportunities


def stage_counts(user) -> dict[str, int]:
    return dict(
        Opportunity.objects.owned_by(user)
        .order_by()
        .values_list("stage")
        .annotate(n=Count("pk"))
        .values_list("stage", "n")
    )


def opportunity_detail(user):
    """The queryset an opportunity's pages fetch from: the owner's only."""
    return _owned(user).select_related("owner", "meeting")


def history(opportunity) -> list:
    return list(opportunity.stage_changes.select_related("task"))


def open_loop_task(opportunity) -> Task | None:
    """The close-the-loop task still to do for this opportunity, if any."""
    return (
        Task.objects.filter(stage_changes__opportunity=opportunity, done=False)
        .select_related("contact")
        .order_by("pk")
        .first()
    )


# --- panels on the pages below (core/panels.py) ---------------------------------------------


def _panel(user, where: Q, **words) -> dict:
    rows = list(_owned(user).filter(where).order_by("-stage_on", "-pk")[:PANEL_ROWS])
    return {"opportunities": rows, **words}


def employer_panel(employer, user) -> dict:
    return _panel(
        user,
        Q(employer=employer),
        panel_id="employer-opportunities",
        heading="Opportunities here",
        new_url=f"{reverse('opportunities:create')}?employer={employer.pk}",
        new_label="Record a role here",
        with_employer=False,
        empty_text=(
            f"No opportunity at {employer.name} yet. The meetings open them: when someone "
            "mentions a role or suggests you apply, record it here."
        ),
    )


def contact_panel(contact, user) -> dict:
    return _panel(
        user,
        Q(contact=contact),
        panel_id="contact-opportunities",
        heading="Opportunities",
        new_url=(f"{reverse('opportunities:create')}?contact={contact.pk}&source={Source.CONTACT}"),
        new_label=f"{contact.first_name} suggested I apply",
        with_employer=True,
        empty_text=(
            f"If {contact.first_name} tells you of a role or suggests you apply, record it: "
            "you will keep them in the loop, and never ask them for the job itself."
        ),
    )


def meeting_panel(meeting, user) -> dict:
    """On a meeting's page: the roles it opened. Never salary: this is an informational
    meeting (SPEC §5), and the panel shows titles and stages only."""
    return _panel(
        user,
        Q(meeting=meeting),
        panel_id="meeting-opportunities",
        heading="Roles this meeting opened",
        new_url=f"{reverse('opportunities:create')}?meeting={meeting.pk}&source={Source.MEETING}",
        new_label="They mentioned a role",
        with_employer=True,
        empty_text=(
            f"Did {meeting.contact.first_name} mention a role? Record it as an opportunity; "
            "the meeting itself stays about information."
        ),
    )


# --- what the pages above count ------------------------------------------------------------


def funnel_sets(user) -> dict:
    """The funnel's end as querysets to count: ``opportunities`` (all) and ``offers`` (an
    offer received, whatever the seeker answered)."""
    owned = Opportunity.objects.owned_by(user)
    return {"opportunities": owned, "offers": owned.filter(stage__in=OFFERS)}


@dataclass
class NetworkYield:
    """SPEC §6b on the network page: the opportunities the network opened."""

    total: int
    from_network: int  # from a meeting or a contact
    from_meetings: int
    from_referrals: int  # the contact was introduced by someone
    from_referrals_of_referrals: int  # …who was introduced by someone too

    @property
    def sentence(self) -> str:
        """The yield in words: "3 opportunities came from your network, 2 of them from
        meetings; 2 through an introduction, 1 from referrals of referrals."
        """
        said = (
            f"{_count(self.from_network, 'opportunity', 'opportunities')} came from your "
            f"network, {self.from_meetings} of them from meetings"
        )
        if self.from_referrals:
            said += (
                f"; {self.from_referrals} through an introduction, "
                f"{self.from_referrals_of_referrals} from referrals of referrals"
            )
        return said + "."


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def network_yield(user) -> NetworkYield:
    """How many opportunities the walk opened, and how deep in the chain: one query."""
    network = Q(source__in=[Source.MEETING, Source.CONTACT])
    referred = network & Q(contact__referred_by__isnull=False)
    deeper = network & Q(contact__referred_by__referred_by__isnull=False)
    counts = Opportunity.objects.owned_by(user).aggregate(
        total=Count("pk"),
        from_network=Count("pk", filter=network),
        from_meetings=Count("pk", filter=Q(source=Source.MEETING)),
        from_referrals=Count("pk", filter=referred),
        from_referrals_of_referrals=Count("pk", filter=deeper),
    )
    return NetworkYield(**counts)


@dataclass
class Summary:
    """What a coach reads of a client's opportunities (``opportunity_summary``)."""

    by_stage: dict[str, int]
    open: int
    offers: int
    from_network: int
    interviewing: list


def opportunity_summary(seeker, *, shown: int = 5) -> Summary:
    """A seeker's opportunities at a glance, for a coach's overview of a client: the count per
    stage, how many are open, offers, how many the network opened, and the latest ones in an
    interview or with an offer (no salary). Two queries."""
    counts = Opportunity.objects.owned_by(seeker).aggregate(
        **{stage: Count("pk", filter=Q(stage=stage)) for stage in Stage.values},
        from_network=Count("pk", filter=Q(source__in=[Source.MEETING, Source.CONTACT])),
    )
    hot = _owned(seeker).filter(stage__in=[Stage.INTERVIEWING, Stage.OFFER])[:shown]
    return Summary(
        by_stage={stage: counts[stage] for stage in Stage.values},
        open=sum(counts[stage] for stage in OPEN_STAGES),
        offers=sum(counts[stage] for stage in OFFERS),
        from_network=counts["from_network"],
        interviewing=list(hot),
    )
