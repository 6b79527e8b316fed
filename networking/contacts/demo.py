"""The demo seeker's story: the contacts chapter.

Maya knows ~25 people across her employers: Jordan (a former colleague) introduced
her to Priya, who introduced her to Sam; Dana is the recruiter she should not
start with; Elena has not answered yet. Outreach is dated from today, so there
is always something due: a follow-up due today, one overdue, a second one due,
a contact resting after two follow-ups, a decline, a redirect and yeses.
"""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.utils import timezone

from core.business_days import add_business_days, business_days_before
from core.countries import country_of_zone
from networking.contacts.drafts import propose_follow_up, propose_request
from networking.contacts.models import Contact, OutreachAttempt
from networking.contacts.state import refresh_state
from networking.employers.models import Employer

TORONTO = "America/Toronto"

# first, last, employer, title, level, function, time zone, introduced by (first name)
PEOPLE = [
    ("Jordan", "Lee", "Lumen Labs", "Design Manager", "manager", "design", TORONTO, None),
    (
        "Priya",
        "Raman",
        "Northwind Health",
        "Director of Product Design",
        "director",
        "design",
        TORONTO,
        "Jordan",
    ),
    (
        "Sam",
        "Ortiz",
        "Brightpath Learning",
        "Director of Product",
        "director",
        "product",
        "America/Vancouver",
        "Priya",
    ),
    (
        "Dana",
        "Whitfield",
        "Northwind Health",
        "Talent Acquisition Partner",
        "manager",
        "hr",
        TORONTO,
        None,
    ),
    ("Elena", "Petrova", "Cobalt Robotics", "VP Design", "vp", "design", TORONTO, None),
    (
        "Marcus",
        "Bell",
        "Cobalt Robotics",
        "Senior Product Designer",
        "supervisor",
        "design",
        TORONTO,
        None,
    ),
    ("Aisha", "Khan", "Kestrel Games", "Director of UX", "director", "design", TORONTO, None),
    (
        "Kenji",
        "Watanabe",
        "Kestrel Games",
        "Lead UX Researcher",
        "supervisor",
        "design",
        "Asia/Tokyo",
        None,
    ),
    (
        "Tomás",
        "Herrera",
        "Orchid Analytics",
        "Head of Design",
        "director",
        "design",
        "America/Vancouver",
        None,
    ),
    ("Daniel", "Kim", "Orchid Analytics", "Product Designer", "staff", "design", TORONTO, None),
    ("Grace", "Liu", "Fernleaf Bank", "VP Digital Experience", "vp", "design", TORONTO, None),
    (
        "Arjun",
        "Patel",
        "Fernleaf Bank",
        "Design Systems Lead",
        "supervisor",
        "engineering",
        TORONTO,
        None,
    ),
    (
        "Oliver",
        "Brandt",
        "Solstice Energy",
        "Design Director",
        "director",
        "design",
        "Europe/Berlin",
        None,
    ),
    (
        "Emily",
        "Zhang",
        "Solstice Energy",
        "Director, Customer Platforms",
        "director",
        "product",
        TORONTO,
        None,
    ),
    (
        "Nadia",
        "Rahman",
        "Maple Transit Authority",
        "Manager, Customer Experience",
        "manager",
        "operations",
        TORONTO,
        None,
    ),
    (
        "Ben",
        "Carter",
        "Maple Transit Authority",
        "Director of Digital Services",
        "director",
        "product",
        TORONTO,
        "Nadia",
    ),
    (
        "Hannah",
        "Schultz",
        "Quarry Insurance",
        "Chief Design Officer",
        "executive",
        "design",
        TORONTO,
        None,
    ),
    (
        "Megan",
        "Walsh",
        "Quarry Insurance",
        "Director of Experience Design",
        "director",
        "design",
        TORONTO,
        None,
    ),
    (
        "Luis",
        "Moreno",
        "Tidewater Logistics",
        "Product Design Manager",
        "manager",
        "design",
        TORONTO,
        None,
    ),
    (
        "Isabel",
        "Costa",
        "Tidewater Logistics",
        "Chief Operating Officer",
        "executive",
        "operations",
        TORONTO,
        None,
    ),
    (
        "Chloe",
        "Martin",
        "Harbor & Pine Publishing",
        "Art Director",
        "director",
        "design",
        "Europe/London",
        None,
    ),
    ("Fatima", "Noor", "Northwind Health", "VP Product", "vp", "product", TORONTO, None),
    (
        "Ryan",
        "O'Connor",
        "Lumen Labs",
        "Senior Product Designer",
        "supervisor",
        "design",
        TORONTO,
        "Jordan",
    ),
    (
        "Sofia",
        "Rossi",
        "Brightpath Learning",
        "UX Design Manager",
        "manager",
        "design",
        TORONTO,
        "Sam",
    ),
    (
        "Noah",
        "Fischer",
        "Harbor & Pine Publishing",
        "Production Manager",
        "manager",
        "operations",
        "Europe/London",
        None,
    ),
]

# first name: (business days ago of the request, [follow-ups, business days ago],
#              reply, business days after the last message that the reply came)
OUTREACH = {
    "Jordan": (25, [], "accepted", 1),
    "Priya": (15, [], "accepted", 2),
    "Sam": (6, [], "accepted", 1),
    "Elena": (4, [], None, None),  # 3+ business days: approach a second contact at Cobalt
    "Aisha": (7, [], None, None),  # follow-up due today
    "Luis": (8, [], None, None),  # follow-up overdue since yesterday
    "Megan": (14, [7], None, None),  # second follow-up due today
    "Tomás": (12, [3], None, None),  # one follow-up sent, the next not due yet
    "Grace": (30, [20, 10], None, None),  # two follow-ups unanswered: let it rest
    "Oliver": (10, [], "declined", 2),
    "Nadia": (9, [], "redirected", 4),
    "Chloe": (20, [], "accepted", 6),  # an obligate: answered after more than 3 business days
    "Emily": (2, [], None, None),
}

SCHOOL = "studied at OCAD University"


def _business_days_ago(count: int, zone: ZoneInfo, hour: int = 10, country: str = "") -> datetime:
    day = business_days_before(timezone.now().astimezone(zone).date(), count, country)
    return datetime.combine(day, time(hour, 0), tzinfo=zone)


def _business_days_later(moment: datetime, count: int, country: str = "") -> datetime:
    day = add_business_days(moment.date(), count, country)
    return datetime.combine(day, time(14, 30), tzinfo=moment.tzinfo)


def _employers(user) -> dict[str, Employer]:
    names = {person[2] for person in PEOPLE}
    employers = {e.name: e for e in Employer.objects.owned_by(user).filter(name__in=names)}
    for name in names - employers.keys():  # the employers chapter normally made them all
        employers[name] = Employer.objects.create(owner=user, name=name, status="targeting")
    return employers


def seed(user) -> None:
    """Add this chapter to the demo seeker user (called by ``manage.py seed_demo``)."""
    employers = _employers(user)
    contacts: dict[str, Contact] = {}
    for first, last, employer, title, level, function, zone, introducer in PEOPLE:
        handle = f"{first}.{last}".lower().replace("'", "").replace("á", "a")
        contacts[first] = Contact.objects.create(
            owner=user,
            first_name=first,
            last_name=last,
            email=f"{handle}@example.com",
            employer=employers[employer],
            title=title,
            level=level,
            function=function,
            timezone=zone,
            country=country_of_zone(zone),
            referred_by=contacts.get(introducer),
            linkedin_url=f"https://www.linkedin.com/in/{handle.replace('.', '-')}-demo",
        )
    contacts["Jordan"].notes = "Former colleague from Lumen Health; we shipped the upgrade flow."
    contacts["Jordan"].save(update_fields=["notes"])
    for first, (asked, follow_ups, reply, after) in OUTREACH.items():
        _outreach(user, contacts[first], asked, follow_ups, reply, after)
    # The story writes its history directly: the contacts' state is stored once, at the end.
    refresh_state(*Contact.objects.owned_by(user).values_list("pk", flat=True))


def _outreach(user, contact, asked, follow_ups, reply, after):
    zone, country = contact.zone, contact.country
    sent = _business_days_ago(asked, zone, country=country)
    body = propose_request(contact, user).body.replace("[studied at … / worked at …]", SCHOOL)
    attempts = [OutreachAttempt(contact=contact, kind="request", sent_at=sent, message=body)]
    for days_ago in follow_ups:
        attempts.append(
            OutreachAttempt(
                contact=contact,
                kind="follow_up",
                sent_at=_business_days_ago(days_ago, zone, hour=9, country=country),
                message=propose_follow_up(contact, user, sent.date()).body,
            )
        )
    if reply:
        last = attempts[-1]
        last.reply = reply
        last.replied_at = _business_days_later(last.sent_at, after, country)
    OutreachAttempt.objects.bulk_create(attempts)
