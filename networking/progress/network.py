"""The network page: the referral tree and the yield of the meetings (SPEC §1 step 9).

A reader on top of every app; it writes nothing, and its queries do not grow with the data
(the tree is built in Python from one query of the people in a chain; the others are counted).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from core.models import ValueStatement
from networking.contacts.models import Contact, OutreachAttempt
from networking.meetings import selectors as meetings_selectors
from networking.meetings.agenda import AgendaItem
from networking.meetings.models import Meeting

MET = [Meeting.Status.HELD, Meeting.Status.DEBRIEFED]
TOP = 8


@dataclass
class Node:
    """One person in the referral tree, with the people they introduced."""

    contact: Contact
    children: list["Node"] = field(default_factory=list)

    @property
    def size(self) -> int:
        """The people this branch led to, this person excluded."""
        return sum(1 + child.size for child in self.children)


@dataclass
class Yield:
    meetings_held: int
    requests_sent: int
    meetings_booked: int
    referrals: int
    employers_reached: int

    @property
    def referrals_per_meeting(self) -> float | None:
        return self.referrals / self.meetings_held if self.meetings_held else None

    @property
    def meetings_per_request(self) -> float | None:
        return self.meetings_booked / self.requests_sent if self.requests_sent else None


def referral_forest(user) -> tuple[list[Node], int]:
    """The chains of introductions: roots are people nobody introduced who introduced someone.

    Returns the roots (largest branch first) and the number of people in no chain yet. Only
    the people in a chain are read (introduced by someone, or who introduced someone); the
    others, most of a big imported network, are only counted.
    """
    contacts = Contact.objects.owned_by(user)
    # Those introduced, and their introducers: both found through the index on referred_by,
    # so the query reads the chains only (an OR over every contact would read them all).
    introduced = contacts.filter(referred_by__isnull=False).order_by()
    in_a_chain = introduced.values("pk").union(introduced.values("referred_by_id"))
    chained = list(
        contacts.filter(pk__in=in_a_chain)
        .select_related("employer")
        .only("first_name", "last_name", "title", "referred_by_id", "employer__name")
        .order_by("first_name", "last_name", "pk")
    )
    # Everyone else is in no chain: a count of them all, less those read.
    alone = contacts.count() - len(chained)
    nodes = {contact.pk: Node(contact) for contact in chained}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.contact.referred_by_id)
        if parent is None:
            roots.append(node)
        else:
            parent.children.append(node)
    chains = [root for root in roots if root.children]
    chains.sort(key=lambda root: (-root.size, root.contact.first_name))
    # A root without children names an introducer outside the seeker's contacts: in no chain.
    return chains, alone + len(roots) - len(chains)


def introductions_in(chains: list[Node]) -> int:
    """Everyone somebody introduced, whether recorded in a debrief or with "Introduced by"."""
    return sum(root.size for root in chains)


def yield_for(user) -> Yield:
    """SPEC §1 step 9: referrals per meeting, meetings per request, employers reached."""
    meetings = Meeting.objects.owned_by(user).aggregate(
        held=Count("pk", filter=Q(status__in=MET), distinct=True),
        booked=Count("pk", filter=~Q(status=Meeting.Status.CANCELLED), distinct=True),
        reached=Count("contact__employer", filter=Q(status__in=MET), distinct=True),
    )
    requests = (
        OutreachAttempt.objects.owned_by(user).filter(kind=OutreachAttempt.Kind.REQUEST).count()
    )
    referrals = meetings_selectors.referrals_count(user)
    return Yield(
        meetings_held=meetings["held"],
        requests_sent=requests,
        meetings_booked=meetings["booked"],
        referrals=referrals,
        employers_reached=meetings["reached"],
    )


def what_worked(user) -> dict:
    """The questions and value statements used in the meetings that yielded referrals."""
    fruitful = Meeting.objects.owned_by(user).filter(referred_contacts__isnull=False)
    fruitful_ids = fruitful.values("pk")
    questions = (
        AgendaItem.objects.filter(meeting__in=fruitful_ids)
        .values("text")
        .annotate(
            meetings=Count("meeting", distinct=True),
            good=Count("pk", filter=Q(good_answer=True)),
        )
        .order_by("-meetings", "-good", "text")[:TOP]
    )
    values = (
        ValueStatement.objects.owned_by(user)
        .filter(meetings__in=fruitful_ids)
        .annotate(used=Count("meetings", distinct=True))
        .order_by("-used", "figure")[:TOP]
    )
    return {
        "fruitful_count": fruitful.distinct().count(),
        "questions": list(questions),
        "values": list(values),
    }
