"""The network page: the referral tree and the yield of the meetings (SPEC §1 step 9).

A reader on top of every app; it writes nothing, and its queries do not grow with the data
(the chains are ranked in Python from one query of the links between people, only the people
shown are read, the others are counted).
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
SHOWN = 50  # people in a chain the page shows; it counts the others


@dataclass
class Node:
    """One person in the referral tree, with the people they introduced who are shown.

    ``size`` counts everyone this branch led to (this person excluded), shown or not;
    ``more`` those of them the page leaves out.
    """

    contact: Contact
    children: list["Node"] = field(default_factory=list)
    size: int = 0
    more: int = 0


@dataclass
class Forest:
    """The chains of introductions as the page shows them, and what it leaves out."""

    chains: list[Node]  # the largest first, at most ``SHOWN`` people in all
    unchained: int  # the seeker's contacts in no chain
    introductions: int  # everyone somebody introduced, in every chain
    chains_left_out: int = 0  # the smaller chains not shown at all
    people_left_out: int = 0  # the people in those (the others left out are each node's ``more``)


@dataclass
class Yield:
    meetings_held: int
    requests_sent: int
    # Requests that led to a meeting (not cancelled): a meeting booked without a request, or a
    # second meeting from the same request, adds nothing, so the ratio never passes 1.
    meetings_from_requests: int
    referrals: int
    employers_reached: int

    @property
    def referrals_per_meeting(self) -> float | None:
        return self.referrals / self.meetings_held if self.meetings_held else None

    @property
    def meetings_per_request(self) -> float | None:
        """Meetings that came from a request, per request sent: at most 1."""
        return self.meetings_from_requests / self.requests_sent if self.requests_sent else None


def referral_forest(user) -> Forest:
    """The chains of introductions: roots are people nobody introduced who introduced someone.

    The largest chains come first, each walked depth first in the order of its people's
    names, and the page shows the first ``SHOWN`` people so walked (a person shown has their
    introducer shown). Three queries whatever the size of the network: the links (each
    introduced contact's id, name and introducer, from the index on the owner and
    ``referred_by``), a count of all the seeker's contacts, and the people shown.
    """
    contacts = Contact.objects.owned_by(user)
    links = (
        contacts.filter(referred_by__isnull=False)
        .order_by()
        .values_list(
            "pk",
            "first_name",
            "last_name",
            "referred_by_id",
            "referred_by__owner_id",
            "referred_by__first_name",
            "referred_by__last_name",
        )
    )
    names = {}  # id -> sort key, for everyone introduced or introducing
    children = {}  # introducer id -> the ids of those they introduced
    has_parent = {}  # introduced id -> their introducer, one of the seeker's contacts
    for pk, first, last, parent, parent_owner, parent_first, parent_last in links:
        names[pk] = (first, last, pk)
        if parent_owner != user.pk:
            continue  # an introducer outside the seeker's contacts: this one may start a chain
        has_parent[pk] = parent
        names.setdefault(parent, (parent_first, parent_last, parent))
        children.setdefault(parent, []).append(pk)
    sizes = {}

    def size(root) -> int:
        # Post-order without recursion: a chain may be long. A root's branch holds no loop
        # (everyone in a loop has an introducer in it, so none is reached from a root).
        stack = [root]
        while stack:
            top = stack[-1]
            pending = [child for child in children.get(top, ()) if child not in sizes]
            if pending:
                stack.extend(pending)
                continue
            stack.pop()
            sizes[top] = sum(1 + sizes[child] for child in children.get(top, ()))
        return sizes[root]

    roots = [pk for pk in children if pk not in has_parent]
    roots.sort(key=lambda pk: (-size(pk), names[pk][0]))
    introductions = sum(sizes[pk] for pk in roots)
    # Everyone else is in no chain (someone introduced by a stranger to the seeker's
    # contacts who introduced nobody too): all the seeker's contacts, less those in one.
    unchained = contacts.count() - (len(roots) + introductions)
    # The people shown: the chains in order, each walked depth first by name, until SHOWN.
    shown = []
    for root in roots:
        stack = [root]
        while stack and len(shown) < SHOWN:
            pk = stack.pop()
            shown.append(pk)
            stack.extend(sorted(children.get(pk, ()), key=names.__getitem__, reverse=True))
        if len(shown) >= SHOWN:
            break
    people = (
        contacts.filter(pk__in=shown)
        .order_by()
        .select_related("employer")
        .only("first_name", "last_name", "title", "referred_by_id", "employer__name")
    )
    nodes = {contact.pk: Node(contact, size=sizes.get(contact.pk, 0)) for contact in people}
    for pk in shown:  # in the order walked, so each one's children come by name
        if pk in has_parent:
            nodes[has_parent[pk]].children.append(nodes[pk])
    for node in nodes.values():
        node.more = node.size - sum(1 + child.size for child in node.children)
    chains = [nodes[pk] for pk in roots if pk in nodes]
    left_out = roots[len(chains) :]
    return Forest(
        chains=chains,
        unchained=unchained,
        introductions=introductions,
        chains_left_out=len(left_out),
        people_left_out=sum(1 + sizes[pk] for pk in left_out),
    )


def yield_for(user) -> Yield:
    """SPEC §1 step 9: referrals per meeting, meetings per request, employers reached."""
    meetings = Meeting.objects.owned_by(user).aggregate(
        held=Count("pk", filter=Q(status__in=MET), distinct=True),
        from_requests=Count(
            "request",
            filter=~Q(status=Meeting.Status.CANCELLED) & Q(request__isnull=False),
            distinct=True,
        ),
        reached=Count("contact__employer", filter=Q(status__in=MET), distinct=True),
    )
    # Only contacts asked at least once have requests: the stored ``last_request_at`` finds
    # them from its index (owner, last_request_at), not by reading every contact.
    asked = Contact.objects.owned_by(user).filter(last_request_at__isnull=False)
    requests = OutreachAttempt.objects.filter(
        kind=OutreachAttempt.Kind.REQUEST, contact__in=asked.values("pk")
    ).count()
    referrals = meetings_selectors.referrals_count(user)
    return Yield(
        meetings_held=meetings["held"],
        requests_sent=requests,
        meetings_from_requests=meetings["from_requests"],
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
