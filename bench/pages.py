"""Pages at scale, timed: a seeker with 1,000 to 40,000 contacts, served as in production.

For each size it creates a PostgreSQL database ``schmooze_bench_<size>`` (``--prefix``),
migrates it and loads a seeker's network with COPY (a few seconds, even at 40,000 contacts),
then serves each with gunicorn (two sync workers, as the issue measured, DEBUG off), signs in
as the seeker over plain HTTP on loopback and times each page (``--only`` some); ``wrk`` then
measures throughput (``--wrk-pages``). The databases are dropped at the end unless ``--keep``:

    .venv/bin/python bench/pages.py                          # 1,000, 10,000 and 40,000 contacts
    .venv/bin/python bench/pages.py --contacts 10000 --keep  # one size, database kept
    .venv/bin/python bench/pages.py --contacts 40000 --reuse --explain '/contacts/?status=requested'
    .venv/bin/python bench/pages.py --contacts 40000 --reuse --explain '/contacts/?page={last_page}'
    .venv/bin/python bench/pages.py --tables run1.json run2.json  # runs saved with --json, pooled

The dataset (dates relative to now, in the contacts' business hours): the seeker has N contacts
at 150 ranked employers, most never contacted; 2,000 outreach attempts over 800 of them
(requests, follow-ups, replies of every kind, thank-you notes, updates); 400 meetings in every
state with agendas, value statements and tasks; ten referral chains six introductions deep.
Twenty other seekers have 500 contacts each, so every page has other people's rows to skip.

Each page gets 3 warm-up requests, then 20 timed ones, one at a time, each on a new
connection (gunicorn's sync workers close every connection anyway), the sizes taking turns
request by request so that a busy shared machine slows every size alike. The client time is
the whole response, body included; the server's own time is gunicorn's ``%(D)s``. Figures go
in docs/performance.md ("Pages at scale").
"""

import argparse
import http.client
import itertools
import json
import math
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from datetime import time as clock
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = [1_000, 10_000, 40_000]
SERVER = "postgres://postgres@127.0.0.1:5432"
SEEKER_EMAIL = "seeker@bench.example"
PASSWORD = "bench-password-not-secret"
SECRET_KEY = "bench-only-secret-key-not-for-any-real-deployment"
SEARCH_NAME = "Okafor"  # a last name the list search looks for
WORKERS = 2

# The main seeker's activity is the same at every size: only the number of contacts grows.
EMPLOYERS = 150
OTHER_SEEKERS = 20
OTHER_CONTACTS = 500
OTHER_SCALE = 0.05  # the other seekers' activity, as a share of the main seeker's
CHAINS = 10  # referral chains, each a spine of seven people: six introductions deep
CHAIN_DEPTH = 6
ATTEMPTS = 2_000

# How each contacted contact's story goes, and how many of them (SPEC §4, §5). The counts
# make 800 contacts and 400 meetings; thank-you notes and updates bring the attempts to 2,000.
STORIES = {
    # with a meeting
    "met": 150,  # request accepted, meeting debriefed, thank-you, an update
    "met_after_follow_up": 40,  # accepted on the follow-up, then as above
    "met_twice": 15,  # two cycles, two debriefed meetings
    "booked": 60,  # accepted, scheduled in the coming weeks
    "booked_requested": 30,  # accepted, a time asked for in the coming weeks
    "needs_debrief": 25,  # scheduled in the last days, not written up
    "held": 15,  # marked held, not written up
    "never_confirmed": 10,  # a time asked for, gone by
    "cancelled": 40,
    # without one
    "asked": 60,  # request sent in the last days
    "due": 40,  # request unanswered for 8 business days or more: a follow-up is due
    "followed": 70,  # request and one follow-up, no reply
    "resting": 100,  # request and two follow-ups, no reply: let it rest
    "declined": 50,
    "declined_after_follow_up": 10,
    "redirected": 25,  # redirected to someone else, thanked
    "rested_again": 60,  # a rested cycle, asked again 60 days later, followed up
}


def words(text: str) -> list[str]:
    return text.split()


FIRST_NAMES = words(
    "Aaliyah Aaron Abdul Ada Adrian Aisha Alejandro Amara Ana Andrei Anika Arjun Ava Beatriz "
    "Ben Bianca Carlos Chen Chloe Daniel Dana Diego Elena Elif Emeka Emily Ethan Fatima Felix "
    "Grace Hana Hugo Ibrahim Ines Isaac Jamal Javier Jin Jordan Kai Kenji Laila Liam Lucia "
    "Malik Maria Marcus Mei Nadia Noah Olivia Omar Priya Rafael Rosa Ryan Sam Sofia Tomás Zoë"
)
LAST_NAMES = words(
    "Abbott Adeyemi Alvarez Andersen Bakker Banerjee Bell Brandt Castillo Chen Chowdhury "
    "Costa Dubois Eriksen Fernandes Fischer Garcia Gupta Haddad Hansen Herrera Hoffmann Ito "
    "Jensen Johansson Kaur Khan Kim Kowalski Kumar Larsen Lee Lopez Martin Meyer Moreau "
    "Morales Murphy Nakamura Novak Nguyen Nielsen Novakova Okafor Oliveira Ortiz Park Patel "
    "Petrova Popescu Quinn Raman Reyes Rossi Sato Schmidt Silva Singh Smith Suzuki Tanaka "
    "Taylor Torres Usman Varga Wagner Walsh Watanabe Weber Williams Wong Yamamoto Yilmaz "
    "Young Zhang Zimmermann"
)
EMPLOYER_WORDS = words(
    "Acorn Aurora Beacon Birch Bluebird Brightpath Cascade Cedar Cobalt Compass Copper Crescent "
    "Delta Ember Evergreen Falcon Fernleaf Firefly Granite Harbor Helix Horizon Indigo Juniper "
    "Kestrel Lantern Lumen Maple Meridian Nimbus Northwind Oakridge Orchid Pinnacle Quartz "
    "Redwood Sapphire Solstice Summit Tidal Vertex Willow"
)
EMPLOYER_KINDS = words("Labs Health Learning Robotics Bank Energy Games Analytics Studio Systems")
INDUSTRIES = words("Software Health Education Finance Energy Games Retail Media Logistics")
LOCATIONS = ["Toronto", "Montréal", "Vancouver", "New York", "London", "Berlin", "Remote"]
ZONES = {
    "America/Toronto": 60,
    "America/New_York": 10,
    "America/Vancouver": 10,
    "Europe/London": 8,
    "Europe/Berlin": 7,
    "Asia/Tokyo": 5,
}
LEVELS = {
    "": 10,
    "staff": 25,
    "supervisor": 20,
    "manager": 20,
    "director": 13,
    "vp": 8,
    "executive": 4,
}
FUNCTIONS = {
    "design": 25,
    "product": 15,
    "engineering": 20,
    "general": 8,
    "sales": 8,
    "marketing": 8,
    "operations": 6,
    "finance": 4,
    "hr": 6,
}
FUNCTION_WORDS = {
    "design": "Design",
    "product": "Product",
    "engineering": "Engineering",
    "general": "Operations",
    "sales": "Sales",
    "marketing": "Marketing",
    "operations": "Operations",
    "finance": "Finance",
    "hr": "Talent",
}
TITLES = {
    "": "{f} at large",
    "staff": "{f} Specialist",
    "supervisor": "Senior {f} Lead",
    "manager": "{f} Manager",
    "director": "Director of {f}",
    "vp": "VP {f}",
    "executive": "Chief {f} Officer",
}
CRITERIA = [
    ("Innovative culture", 5),
    ("Design maturity", 4),
    ("A mission I care about", 4),
    ("Remote-friendly", 3),
    ("Learning budget", 2),
]
VALUES = [
    (
        "revenue",
        "$1.2M",
        "Redesigned the checkout at Lumen Labs; conversion rose 18% in a quarter.",
    ),
    ("revenue", "$400K", "Launched a self-serve upgrade flow that paid for the team twice over."),
    ("cost", "30%", "Cut support tickets by a third with a clearer onboarding."),
    ("cost", "$250K", "Replaced three design tools with one shared system."),
    ("brand", "4.8★", "Led the app redesign that took the store rating from 3.9 to 4.8."),
    ("brand", "2 awards", "Our accessibility work won two industry awards in one year."),
]
OWN_QUESTIONS = [
    ("How do your designers and engineers decide what ships first?", "insights"),
    ("Which accessibility practices has your team made standard?", "trends"),
]
LOCATIONS_MET = ["Video call", "Coffee near their office", "Their office, 4th floor", "Phone"]
REQUEST_MESSAGE = (
    "Hi {first}, {common} suggested I write to you. I admire how your team at {employer} "
    "turned research into products people love. I am moving into product design and would "
    "value your advice on how the field is changing. Could you spare 20 minutes in the next "
    "two weeks, perhaps Tuesday or Thursday morning?"
)
FOLLOW_UP_MESSAGE = (
    "Hi {first}, I know how busy the weeks get, so a gentle nudge: would 20 minutes for your "
    "advice on moving into product design work for you in the next two weeks?"
)


# --- the database ---------------------------------------------------------------------------


PREFIX = "schmooze_bench"  # --prefix: every database the bench makes or drops starts so


def database_name(size: int) -> str:
    return f"{PREFIX}_{size}"


def maintenance(server: str, sql: str, *params):
    """Run one statement on the server's ``postgres`` database (CREATE and DROP DATABASE)."""
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        cursor = conn.execute(sql, params)
        return cursor.fetchall() if cursor.description else None


def database_exists(server: str, name: str) -> bool:
    return bool(maintenance(server, "SELECT 1 FROM pg_database WHERE datname = %s", name))


def create_database(server: str, name: str) -> None:
    assert name.startswith(PREFIX), name
    maintenance(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    maintenance(server, f'CREATE DATABASE "{name}"')


def drop_database(server: str, name: str) -> None:
    assert name.startswith(PREFIX), name
    maintenance(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def use_database(name: str) -> None:
    """Point Django's connection at ``name`` (the settings were read once, for the first)."""
    from django.db import connections

    connections.close_all()
    connections["default"].settings_dict["NAME"] = name


def allocate_ids(model, objects) -> None:
    """Give each object its primary key from the table's own sequence, before any COPY."""
    from django.db import connection

    if not objects:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, len(objects)],
        )
        for obj, (pk,) in zip(objects, cursor.fetchall(), strict=True):
            obj.pk = pk


def copy_into(model, objects) -> None:
    """COPY the objects (their ids allocated) into the model's table, every concrete field
    the database does not compute itself (a generated column is its own).

    A foreign key given as an object takes that object's id now. Values go through each
    field's ``get_db_prep_save``, as ``save()`` does; the table's constraints check them.
    """
    from django.db import connection

    if not objects:
        return
    fields = [f for f in model._meta.concrete_fields if not f.generated]
    keys = [f for f in fields if f.many_to_one]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        for obj in objects:
            for key in keys:
                if getattr(obj, key.attname) is None and key.is_cached(obj):
                    setattr(obj, key.attname, key.get_cached_value(obj).pk)
            copy.write_row(
                [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields]
            )


# --- the dataset ----------------------------------------------------------------------------


def weighted(rng, table: dict):
    return rng.choices(list(table), weights=list(table.values()))[0]


def ascii_slug(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", plain.lower())


@dataclass
class Rows:
    """Everything one build writes, table by table, in the order of their foreign keys."""

    users: list = field(default_factory=list)
    values: list = field(default_factory=list)
    questions: list = field(default_factory=list)
    criteria: list = field(default_factory=list)
    suggestions: list = field(default_factory=list)
    employers: list = field(default_factory=list)
    ratings: list = field(default_factory=list)
    contacts: list = field(default_factory=list)
    attempts: list = field(default_factory=list)
    meetings: list = field(default_factory=list)
    agenda: list = field(default_factory=list)
    meeting_values: list = field(default_factory=list)
    referred: list = field(default_factory=list)
    tasks: list = field(default_factory=list)


class Network:
    """One seeker's network, built in memory with the real models, dated from ``now``."""

    def __init__(self, rows: Rows, user, *, contacts, employers, scale, seed, now, catalogue):
        from core.business_days import add_business_days, business_days_before

        self.rows, self.user, self.now = rows, user, now
        self.rng = random.Random(seed)
        self.booked: dict[int, set[datetime]] = {}  # the seekers' meeting starts, in UTC
        self.catalogue = catalogue
        self.size, self.employer_count, self.scale = contacts, employers, scale
        self._add, self._before = add_business_days, business_days_before

    # dates: business days in the contact's zone, times in business hours

    def today(self, zone):
        return self.now.astimezone(zone).date()

    def day(self, zone, offset: int):
        """The business day ``offset`` business days from today (negative: back)."""
        today = self.today(zone)
        return self._add(today, offset) if offset > 0 else self._before(today, -offset)

    def later(self, day, count: int):
        return self._add(day, count)

    def at(self, zone, day, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(day, clock(hour, minute), tzinfo=zone)

    def free_slot(self, contact, zone, day) -> datetime:
        """A half hour of the contact's business day when the seeker has no other meeting
        (the database refuses a seeker two meetings at once); the same weekday a week further
        from today when that day is full. Meetings last at most 25 minutes, on the half hour."""
        taken = self.booked.setdefault(contact.owner_id, set())
        today = datetime.now(zone).date()
        while True:
            slots = [(hour, minute) for hour in range(9, 17) for minute in (0, 30)]
            self.rng.shuffle(slots)
            for hour, minute in slots:
                starts_at = self.at(zone, day, hour, minute)
                if starts_at.astimezone(UTC) not in taken:
                    taken.add(starts_at.astimezone(UTC))
                    return starts_at
            day += timedelta(days=-7 if day < today else 7)

    def sending_time(self, zone, day) -> datetime:
        hour = self.rng.choice([9, 9, 10, 10, 11, 11, 13, 14, 15, 16])
        return self.at(zone, day, hour, self.rng.randrange(0, 60, 5))

    def past(self, low: int, high: int) -> int:
        return -self.rng.randint(low, high)

    # the pieces

    def build(self):
        from core.models import ValueStatement
        from networking.employers.models import CriteriaSuggestion
        from networking.meetings.models import Question

        rng, user = self.rng, self.user
        self.created = self.now - timedelta(days=720)
        self.values = [
            ValueStatement(
                owner=user, kind=k, figure=f, statement=s, created_at=self.created + timedelta(n)
            )
            for n, (k, f, s) in enumerate(VALUES if self.scale >= 1 else VALUES[::2])
        ]
        self.rows.values += self.values
        own = [
            Question(owner=user, text=t, category=c, created_at=self.created)
            for t, c in OWN_QUESTIONS
        ]
        self.rows.questions += own
        self.questions = [*self.catalogue, *own]
        self.rows.suggestions.append(CriteriaSuggestion(owner=user, offered_at=self.created))
        self.employers = self.build_employers()
        self.contacts = self.build_contacts()
        self.chains = self.build_chains()
        self.tell_stories()
        self.names_in_common()
        self.round_attempts()
        for contact in self.contacts:  # a contact is added before anyone writes to them
            first = contact.first_attempt_at
            if first and contact.created_at >= first:
                contact.created_at = first - timedelta(days=rng.randint(1, 30))
            contact.updated_at = contact.created_at

    def build_employers(self):
        from networking.employers.models import Criterion, Employer, Rating

        rng, user = self.rng, self.user
        count = self.employer_count
        criteria = [
            Criterion(owner=user, name=name, weight=weight, position=n)
            for n, (name, weight) in enumerate(CRITERIA[: 5 if count > 20 else 3])
        ]
        self.rows.criteria += criteria
        names = [f"{word} {kind}" for kind in EMPLOYER_KINDS for word in EMPLOYER_WORDS]
        rng.shuffle(names)
        employers = []
        for name in names[:count]:
            employer = Employer(
                owner=user,
                name=name,
                website=f"https://www.{ascii_slug(name)}.example",
                industry=rng.choice(INDUSTRIES),
                location=rng.choice(LOCATIONS),
                status=weighted(rng, {"targeting": 4, "researching": 4, "paused": 1, "dropped": 1}),
                posting=weighted(rng, {"none": 6, "any": 3, "target": 1}),
                notes=rng.choice(["", "", "Met their team at a meetup.", "Hiring in spring."]),
                created_at=self.created + timedelta(days=rng.randint(0, 600)),
            )
            employer.updated_at = employer.created_at
            employers.append(employer)
            if rng.random() < 0.93:  # a few not rated yet
                for criterion in criteria:
                    if rng.random() < 0.9:
                        self.rows.ratings.append(
                            Rating(employer=employer, criterion=criterion, score=rng.randint(1, 5))
                        )
        self.rows.employers += employers
        allocate_ids(Employer, employers)
        self.employer_names = {employer.pk: employer.name for employer in employers}
        return employers

    def build_contacts(self):
        from networking.contacts.models import Contact

        rng, user = self.rng, self.user
        # Contacts crowd into the big employers (a Zipf-like share), a few work nowhere known.
        weights = [1 / (rank + 1) ** 0.8 for rank in range(len(self.employers))]
        places = rng.choices(self.employers, weights=weights, k=self.size)
        contacts = []
        for n, employer in enumerate(places):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            level, function = weighted(rng, LEVELS), weighted(rng, FUNCTIONS)
            slug = f"{ascii_slug(first)}.{ascii_slug(last)}{n}"
            contact = Contact(
                owner=user,
                first_name=first,
                last_name=last,
                email=f"{slug}@mail.example" if rng.random() < 0.7 else "",
                phone=f"+1 416 555 {n % 10_000:04d}" if rng.random() < 0.3 else "",
                employer_id=None if rng.random() < 0.04 else employer.pk,
                title=TITLES[level].format(f=FUNCTION_WORDS[function]),
                level=level,
                function=function,
                timezone=weighted(rng, ZONES),
                linkedin_url=f"https://www.linkedin.com/in/{slug}" if rng.random() < 0.6 else "",
                notes="Met at a conference." if rng.random() < 0.1 else "",
                created_at=self.created + timedelta(minutes=rng.randint(0, 700 * 24 * 60)),
            )
            contact.first_attempt_at = None
            contacts.append(contact)
        self.rows.contacts += contacts
        allocate_ids(Contact, contacts)
        return contacts

    def build_chains(self):
        """Chains of introductions: a spine of seven people, a side branch off the first five.

        Chain people are drawn at random among the contacts; each is introduced by the one
        above (``referred_by``), so no loop is possible.
        """
        rng = self.rng
        chain_count = CHAINS if self.scale >= 1 else 1
        picked = rng.sample(range(len(self.contacts)), chain_count * (CHAIN_DEPTH * 2))
        chains = []
        for c in range(chain_count):
            people = [self.contacts[i] for i in picked[c * 12 : (c + 1) * 12]]
            spine, sides = people[: CHAIN_DEPTH + 1], people[CHAIN_DEPTH + 1 :]
            for upper, lower in itertools.pairwise(spine):
                lower.referred_by_id = upper.pk
            for upper, side in zip(spine, sides, strict=False):
                side.referred_by_id = upper.pk
            chains.append((spine, sides))
        self.in_chains = set(picked)
        return chains

    def names_in_common(self):
        """About 1 % of the people not written to yet were introduced by an earlier contact
        (a name in common, no meeting): always an earlier one, so no loop is possible."""
        rng = self.rng
        for n, contact in enumerate(self.contacts):
            if n and n not in self.in_chains and contact.first_attempt_at is None:
                referrer = rng.randrange(n)
                if rng.random() < 0.01 and referrer not in self.in_chains:
                    contact.referred_by_id = self.contacts[referrer].pk

    # the stories

    def tell_stories(self):
        rng = self.rng
        stories = []
        for name, count in STORIES.items():
            stories += [name] * (count if self.scale >= 1 else max(1, round(count * self.scale)))
        rng.shuffle(stories)
        self.by_id = {contact.pk: contact for contact in self.contacts}
        told = set()

        def tell(contact, story, **kwargs):
            stories.remove(story)
            told.add(contact.pk)
            getattr(self, f"story_{story}")(contact, **kwargs)

        # Down each chain, a generation every 20 business days: each met and debriefed, their
        # introductions recorded in the debrief; the last of the spine booked, the side
        # branches just asked, waiting for a follow-up, or not written to yet.
        for spine, sides in self.chains:
            for depth, person in enumerate(spine[:-1]):
                tell(person, "met", meeting_offset=-(130 - 20 * depth), introduces=True)
            tell(spine[-1], "booked")
            for side in sides:
                story = rng.choice(["asked", "due", None])  # all after the introduction
                if story in stories:
                    tell(side, story)
        others = [c for c in self.contacts if c.pk not in told]
        for contact, story in zip(rng.sample(others, len(stories)), list(stories), strict=True):
            tell(contact, story)

    def attempt(self, contact, kind, sent_at, *, reply="none", replied_at=None, message=None):
        from networking.contacts.models import OutreachAttempt

        if message is None:
            common = self.by_id.get(contact.referred_by_id)
            message = {
                "request": REQUEST_MESSAGE.format(
                    first=contact.first_name,
                    common=common.first_name if common else "Jordan Lee",
                    employer=self.employer_names.get(contact.employer_id, "your company"),
                ),
                "follow_up": FOLLOW_UP_MESSAGE.format(first=contact.first_name),
            }.get(kind, "")
        attempt = OutreachAttempt(
            contact=contact,
            kind=kind,
            channel=weighted(self.rng, {"email": 6, "linkedin": 3, "phone": 1}),
            sent_at=sent_at,
            message=message,
            reply=reply,
            replied_at=replied_at,
            created_at=sent_at,
        )
        if contact.first_attempt_at is None or sent_at < contact.first_attempt_at:
            contact.first_attempt_at = sent_at
        self.rows.attempts.append(attempt)
        return attempt

    def ask(self, contact, day, reply="none", reply_after=1):
        """A request sent on ``day``; a reply, if any, ``reply_after`` business days later."""
        zone = contact.zone
        replied_at = None
        if reply != "none":
            replied_at = self.at(zone, self.later(day, reply_after), 14, 10)
        return self.attempt(
            contact, "request", self.sending_time(zone, day), reply=reply, replied_at=replied_at
        )

    def meeting(self, contact, day, status, request, *, prepared=True):
        from networking.meetings.models import AgendaItem, Meeting

        rng, zone = self.rng, contact.zone
        minutes = weighted(rng, {20: 6, 15: 3, 25: 1})
        starts_at = self.free_slot(contact, zone, day)
        meeting = Meeting(
            contact=contact,
            owner_id=contact.owner_id,
            starts_at=starts_at,
            duration_minutes=minutes,
            ends_at=starts_at + timedelta(minutes=minutes),
            location=rng.choice(LOCATIONS_MET),
            status=status,
            request=request,
            created_at=request.replied_at,
            updated_at=request.replied_at,
        )
        meeting.clean()  # business hours of the contact, length, not held before its time
        self.rows.meetings.append(meeting)
        if prepared:
            meeting.research_notes = "Read their last two talks and the team's design blog."
            meeting.will_ask_resume = meeting.will_let_them_steer = True
            picked = rng.sample(self.questions, rng.randint(3, 5))
            for position, question in enumerate(picked):
                self.rows.agenda.append(
                    AgendaItem(
                        meeting=meeting,
                        question=question,
                        text=question.text,
                        position=position,
                    )
                )
            through = Meeting.value_statements.through
            for value in rng.sample(self.values, rng.randint(1, 3)):
                self.rows.meeting_values.append(through(meeting=meeting, valuestatement=value))
        return meeting

    def debrief(self, meeting):
        """As ``services.record_debrief`` leaves it: notes, answers, the three tasks, and the
        ones already due done (``complete_task``: a thank-you note is logged as outreach)."""
        from networking.contacts.cadence import thank_you_due_on
        from networking.meetings.models import Meeting, Task
        from networking.meetings.services import follow_up_due

        rng, contact, owner_zone = self.rng, meeting.contact, self.user.zone
        meeting.status = Meeting.Status.DEBRIEFED
        meeting.actual_minutes = meeting.duration_minutes + rng.choice([-5, -2, 0, 0, 0, 3, 10])
        meeting.extended_by_contact = meeting.actual_minutes > meeting.duration_minutes and (
            rng.random() < 0.5
        )
        meeting.impression = weighted(rng, {"engaged": 6, "neutral": 3, "hurried": 1})
        meeting.resume_left = rng.random() < 0.4
        meeting.notes = "Generous with time; suggested two people to talk to next."
        meeting.debriefed_at = meeting.ends_at + timedelta(hours=rng.randint(1, 4))
        meeting.clean()
        for item in self.rows.agenda[-5:]:
            if item.meeting is meeting:
                item.good_answer = rng.random() < 0.6
                item.note = "Useful: write it into the plan." if item.good_answer else ""
        day = meeting.starts_at.astimezone(contact.zone).date()
        thank_you_due = thank_you_due_on(meeting.starts_at, contact.zone)
        today = self.today(owner_zone)
        referrer = self.by_id.get(contact.referred_by_id)
        tasks = [
            (
                contact,
                "thank_you",
                f"Send {contact.full_name} a thank-you note",
                thank_you_due,
            ),
            (
                contact,
                "follow_up",
                f"Follow up with {contact.full_name}: tell them what came of their advice",
                follow_up_due(day),
            ),
        ]
        if referrer is not None:
            tasks.append(
                (
                    referrer,
                    "close_loop",
                    f"Close the loop: tell {referrer.full_name} you met {contact.full_name}",
                    thank_you_due,
                )
            )
        for person, kind, title, due_on in tasks:
            task = Task(
                contact=person,
                owner_id=person.owner_id,
                meeting=meeting,
                kind=kind,
                title=title,
                due_on=due_on,
                created_at=meeting.debriefed_at,
            )
            if due_on < today and rng.random() < 0.9:  # a few left overdue
                task.done = True
                task.done_at = max(self.at(owner_zone, due_on, 10, 15), meeting.debriefed_at)
                outreach = {"thank_you": "thank_you", "close_loop": "update"}.get(kind)
                if outreach:
                    self.attempt(person, outreach, task.done_at, message=title)
            self.rows.tasks.append(task)
        return meeting

    def introduce(self, meeting):
        """The debrief recorded the people this contact introduced (the chain's next links)."""
        from networking.meetings.models import Meeting

        through = Meeting.referred_contacts.through
        for person in self.contacts_referred_by(meeting.contact):
            self.rows.referred.append(through(meeting=meeting, contact=person))
            person.created_at = meeting.debriefed_at

    def contacts_referred_by(self, contact):
        if not hasattr(self, "_children"):
            self._children = {}
            for person in self.contacts:
                if person.referred_by_id:
                    self._children.setdefault(person.referred_by_id, []).append(person)
        return self._children.get(contact.pk, [])

    def story_met(self, contact, meeting_offset=None, introduces=False):
        zone = contact.zone
        if meeting_offset is None:
            recent = self.rng.random() < 0.1  # a few met in the last days: tasks due now
            meeting_offset = self.past(1, 3) if recent else self.past(8, 190)
        meeting_day = self.day(zone, meeting_offset)
        asked_on = self._before(meeting_day, self.rng.randint(3, 6))
        request = self.ask(contact, asked_on, "accepted")
        meeting = self.debrief(self.meeting(contact, meeting_day, "scheduled", request))
        if introduces:
            self.introduce(meeting)
        update_on = self.later(meeting_day, 15)
        if update_on < self.today(zone):
            self.attempt(contact, "update", self.sending_time(zone, update_on), message="News!")

    def story_met_after_follow_up(self, contact):
        zone = contact.zone
        asked_on = self.day(zone, self.past(20, 200))
        self.ask(contact, asked_on)
        follow_up = self.attempt(
            contact,
            "follow_up",
            self.sending_time(zone, self.later(asked_on, 7)),
            reply="accepted",
            replied_at=self.at(zone, self.later(asked_on, 8), 9, 40),
        )
        meeting_day = self.later(asked_on, self.rng.randint(10, 13))
        self.debrief(self.meeting(contact, meeting_day, "scheduled", follow_up))
        self.attempt(contact, "update", self.sending_time(zone, self.later(meeting_day, 6)))

    def story_met_twice(self, contact):
        zone = contact.zone
        asked_on = self.day(zone, self.past(90, 200))
        for _ in range(2):
            request = self.ask(contact, asked_on, "accepted")
            meeting_day = self.later(asked_on, self.rng.randint(3, 6))
            self.debrief(self.meeting(contact, meeting_day, "scheduled", request))
            asked_on = self.later(meeting_day, 60)

    def _booked(self, contact, status, days_ahead):
        zone = contact.zone
        request = self.ask(contact, self.day(zone, self.past(2, 10)), "accepted")
        request.replied_at = min(request.replied_at, self.now - timedelta(hours=2))
        day = self.day(zone, self.rng.randint(*days_ahead))
        self.meeting(contact, day, status, request, prepared=self.rng.random() < 0.67)

    def story_booked(self, contact):
        self._booked(contact, "scheduled", (1, 15))

    def story_booked_requested(self, contact):
        self._booked(contact, "requested", (2, 15))

    def _gone_by(self, contact, status, back):
        zone = contact.zone
        day = self.day(zone, self.past(*back))
        request = self.ask(contact, self._before(day, self.rng.randint(3, 8)), "accepted")
        self.meeting(contact, day, status, request, prepared=status != "requested")

    def story_needs_debrief(self, contact):
        self._gone_by(contact, "scheduled", (1, 6))

    def story_held(self, contact):
        self._gone_by(contact, "held", (1, 6))

    def story_never_confirmed(self, contact):
        self._gone_by(contact, "requested", (3, 15))

    def story_cancelled(self, contact):
        if self.rng.random() < 0.5:
            self._gone_by(contact, "cancelled", (1, 60))
        else:
            self._booked(contact, "cancelled", (1, 10))

    def story_asked(self, contact):
        self.ask(contact, self.day(contact.zone, self.past(1, 5)))

    def story_due(self, contact):
        self.ask(contact, self.day(contact.zone, self.past(9, 25)))

    def story_followed(self, contact):
        zone = contact.zone
        asked_on = self.day(zone, self.past(9, 30))
        self.ask(contact, asked_on)
        self.attempt(contact, "follow_up", self.sending_time(zone, self.later(asked_on, 7)))

    def _rested(self, contact, asked_on):
        zone = contact.zone
        self.ask(contact, asked_on)
        for after in (7, 14):
            self.attempt(contact, "follow_up", self.sending_time(zone, self.later(asked_on, after)))

    def story_resting(self, contact):
        self._rested(contact, self.day(contact.zone, self.past(16, 40)))

    def story_rested_again(self, contact):
        zone = contact.zone
        asked_on = self.day(zone, self.past(110, 150))
        self._rested(contact, asked_on)
        again = self.later(asked_on, 14 + 50)  # more than 60 days after the last follow-up
        self.ask(contact, again)
        self.attempt(contact, "follow_up", self.sending_time(zone, self.later(again, 7)))

    def story_declined(self, contact):
        self.ask(contact, self.day(contact.zone, self.past(3, 90)), "declined")

    def story_declined_after_follow_up(self, contact):
        zone = contact.zone
        asked_on = self.day(zone, self.past(10, 60))
        self.ask(contact, asked_on)
        self.attempt(
            contact,
            "follow_up",
            self.sending_time(zone, self.later(asked_on, 7)),
            reply="declined",
            replied_at=self.at(zone, self.later(asked_on, 8), 11, 5),
        )

    def story_redirected(self, contact):
        zone = contact.zone
        asked_on = self.day(zone, self.past(5, 90))
        self.ask(contact, asked_on, "redirected", reply_after=2)
        thanks = self.sending_time(zone, self.later(asked_on, 3))
        self.attempt(contact, "thank_you", thanks, message="Thank you for the introduction.")

    def round_attempts(self):
        """Updates to people met, added or taken away, so the count is exactly 2,000."""
        if self.scale < 1:
            return
        mine = [a for a in self.rows.attempts if a.contact.owner is self.user]
        extra = [a for a in mine if a.kind == "update" and a.message == "News!"]
        met = [
            m
            for m in self.rows.meetings
            if m.status == "debriefed" and m.contact.owner is self.user
        ]
        while len(mine) > ATTEMPTS and extra:
            attempt = extra.pop()
            self.rows.attempts.remove(attempt)
            mine.remove(attempt)
        while len(mine) < ATTEMPTS:
            meeting = self.rng.choice(met)
            zone = meeting.contact.zone
            start = meeting.starts_at.astimezone(zone).date()
            span = (self.today(zone) - start).days
            day = self.later(start, self.rng.randint(1, max(1, span * 5 // 7 - 1)))
            if day < self.today(zone):
                mine.append(
                    self.attempt(
                        meeting.contact, "update", self.sending_time(zone, day), message=""
                    )
                )


def build(size: int) -> dict:
    """Load the whole dataset for ``size`` contacts into the (migrated) database."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from core.models import User, ValueStatement
    from networking.contacts.models import Contact, OutreachAttempt
    from networking.employers.models import CriteriaSuggestion, Criterion, Employer, Rating
    from networking.meetings.models import AgendaItem, Meeting, Question, Task

    started = time.perf_counter()
    now = timezone.now()
    rows = Rows()
    password = make_password(PASSWORD)
    seeker = User(
        email=SEEKER_EMAIL,
        name="Maya Bench",
        target_title="Product Designer",
        target_level="manager",
        timezone="America/Toronto",
    )
    others = [
        User(email=f"other{n:02d}@bench.example", name=f"Other Seeker {n}", timezone=zone)
        for n, zone in enumerate(list(ZONES) * 4, start=1)
    ][:OTHER_SEEKERS]
    for user in [seeker, *others]:
        user.password, user.date_joined = password, now - timedelta(days=730)
    rows.users = [seeker, *others]
    allocate_ids(User, rows.users)
    catalogue = list(Question.objects.filter(owner__isnull=True, is_key=False).order_by("pk"))
    networks = [
        Network(
            rows,
            seeker,
            contacts=size,
            employers=EMPLOYERS,
            scale=1,
            seed=2024,
            now=now,
            catalogue=catalogue,
        )
    ]
    networks += [
        Network(
            rows,
            user,
            contacts=OTHER_CONTACTS,
            employers=8,
            scale=OTHER_SCALE,
            seed=3000 + n,
            now=now,
            catalogue=catalogue,
        )
        for n, user in enumerate(others)
    ]
    with transaction.atomic():
        for network in networks:
            network.build()
        built = time.perf_counter()
        through_values = Meeting.value_statements.through
        through_referred = Meeting.referred_contacts.through
        tables = [
            (User, rows.users),
            (ValueStatement, rows.values),
            (Question, rows.questions),
            (Criterion, rows.criteria),
            (CriteriaSuggestion, rows.suggestions),
            (Employer, rows.employers),
            (Rating, rows.ratings),
            (Contact, rows.contacts),
            (OutreachAttempt, rows.attempts),
            (Meeting, rows.meetings),
            (AgendaItem, rows.agenda),
            (through_values, rows.meeting_values),
            (through_referred, rows.referred),
            (Task, rows.tasks),
        ]
        for model, objects in tables:
            if model not in (User, Employer, Contact):  # those have their ids already
                allocate_ids(model, objects)
        for model, objects in tables:
            copy_into(model, objects)
    # A contact's state is stored on its row (networking/contacts/state.py); COPY wrote the
    # history around the services, so the contacts with any history are brought up to date.
    from networking.contacts.models import Contact as Stated
    from networking.contacts.state import rebuild

    touched = {a.contact_id for a in rows.attempts} | {m.contact_id for m in rows.meetings}
    rebuild(Stated.objects.filter(pk__in=touched))
    # So is each employer's fit score (networking/employers/services.py).
    from networking.employers.services import rescore

    rescore(Employer.objects.all())
    copied = time.perf_counter()
    check_invariants()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    analysed = time.perf_counter()
    mine = sum(1 for a in rows.attempts if a.contact.owner_id == seeker.pk)
    contacted = len({a.contact_id for a in rows.attempts if a.contact.owner_id == seeker.pk})
    meetings = sum(1 for m in rows.meetings if m.contact.owner_id == seeker.pk)
    return {
        "seeker_contacts": size,
        "seeker_attempts": mine,
        "seeker_contacted": contacted,
        "seeker_meetings": meetings,
        "rows": {model._meta.db_table: len(objects) for model, objects in tables},
        "python_s": built - started,
        "copy_s": copied - built,
        "analyse_s": analysed - copied,
        "build_s": copied - started,
    }


INVARIANTS = {
    "contact and its employer have one owner": """
        SELECT count(*) FROM contacts_contact c JOIN employers_employer e ON e.id = c.employer_id
        WHERE e.owner_id <> c.owner_id""",
    "contact and its introducer have one owner": """
        SELECT count(*) FROM contacts_contact c JOIN contacts_contact r ON r.id = c.referred_by_id
        WHERE r.owner_id <> c.owner_id""",
    "a rating's employer and criterion have one owner": """
        SELECT count(*) FROM employers_rating x
        JOIN employers_employer e ON e.id = x.employer_id
        JOIN employers_criterion k ON k.id = x.criterion_id WHERE e.owner_id <> k.owner_id""",
    "a meeting answers its own contact's request": """
        SELECT count(*) FROM meetings_meeting m
        JOIN contacts_outreachattempt o ON o.id = m.request_id
        WHERE o.contact_id <> m.contact_id OR o.reply <> 'accepted'
        OR o.replied_at > m.starts_at""",
    "ends_at is the start plus the agreed length": """
        SELECT count(*) FROM meetings_meeting
        WHERE ends_at <> starts_at + duration_minutes * interval '1 minute'""",
    "held and debriefed meetings are in the past": """
        SELECT count(*) FROM meetings_meeting
        WHERE status IN ('held', 'debriefed') AND ends_at > now()""",
    "a meeting's value statements are its seeker's": """
        SELECT count(*) FROM meetings_meeting_value_statements mv
        JOIN meetings_meeting m ON m.id = mv.meeting_id
        JOIN contacts_contact c ON c.id = m.contact_id
        JOIN core_valuestatement v ON v.id = mv.valuestatement_id WHERE v.owner_id <> c.owner_id""",
    "a meeting's questions are the catalogue's or its seeker's": """
        SELECT count(*) FROM meetings_agendaitem a JOIN meetings_meeting m ON m.id = a.meeting_id
        JOIN contacts_contact c ON c.id = m.contact_id
        JOIN meetings_question q ON q.id = a.question_id
        WHERE q.owner_id IS NOT NULL AND q.owner_id <> c.owner_id""",
    "people recommended in a debrief were introduced by the contact met": """
        SELECT count(*) FROM meetings_meeting_referred_contacts r
        JOIN meetings_meeting m ON m.id = r.meeting_id
        JOIN contacts_contact c ON c.id = r.contact_id
        WHERE c.referred_by_id IS DISTINCT FROM m.contact_id""",
    "a task is about its meeting's contact, or the one who introduced them": """
        SELECT count(*) FROM meetings_task t JOIN meetings_meeting m ON m.id = t.meeting_id
        JOIN contacts_contact c ON c.id = m.contact_id
        WHERE t.contact_id <> c.id AND t.contact_id IS DISTINCT FROM c.referred_by_id""",
    "no more than two follow-ups after a request": """
        SELECT count(*) FROM (
            SELECT o.contact_id, o.id, count(f.id) AS n FROM contacts_outreachattempt o
            JOIN contacts_outreachattempt f ON f.contact_id = o.contact_id AND f.kind = 'follow_up'
              AND f.sent_at > o.sent_at AND NOT EXISTS (
                SELECT 1 FROM contacts_outreachattempt l WHERE l.contact_id = o.contact_id
                AND l.kind = 'request' AND l.sent_at > o.sent_at AND l.sent_at < f.sent_at)
            WHERE o.kind = 'request' GROUP BY o.contact_id, o.id) cycles WHERE n > 2""",
    "nothing is sent in the future": """
        SELECT count(*) FROM contacts_outreachattempt
        WHERE sent_at > now() OR replied_at > now()""",
}


def check_invariants() -> None:
    """The rules the models keep and the database cannot see across tables, read back in SQL."""
    from django.db import connection

    with connection.cursor() as cursor:
        for rule, sql in INVARIANTS.items():
            cursor.execute(sql)
            broken = cursor.fetchone()[0]
            assert broken == 0, f"{broken} rows break: {rule}"


@dataclass
class Targets:
    """What the timed pages point at, read from the database (so ``--reuse`` finds them)."""

    seeker_id: int
    contacts: int
    last_page: int
    search_hits: int
    chain_contact: int
    chain_depth: int
    busiest_employer: int
    busiest_count: int


def find_targets() -> Targets:
    from django.conf import settings
    from django.db.models import Count

    from core.models import User
    from networking.contacts.models import Contact
    from networking.contacts.referrals import chain_up
    from networking.employers.models import Employer

    seeker = User.objects.get(email=SEEKER_EMAIL)
    mine = Contact.objects.owned_by(seeker)
    count = mine.count()
    # A contact three introductions down a chain, met, who introduced someone in turn.
    in_chain = (
        mine.filter(
            referred_by__referred_by__referred_by__isnull=False,
            referred_by__referred_by__referred_by__referred_by__isnull=True,
            referrals__isnull=False,
            meetings__status="debriefed",
        )
        .order_by("pk")
        .first()
    )
    busiest = (
        Employer.objects.owned_by(seeker)
        .annotate(n=Count("contacts"))
        .order_by("-n", "pk")
        .values_list("pk", "n")
        .first()
    )
    return Targets(
        seeker_id=seeker.pk,
        contacts=count,
        last_page=max(1, math.ceil(count / settings.PAGE_SIZE)),
        search_hits=mine.filter(last_name__icontains=SEARCH_NAME).count(),
        chain_contact=in_chain.pk,
        chain_depth=len(chain_up(in_chain)),
        busiest_employer=busiest[0],
        busiest_count=busiest[1],
    )


def pages(targets: Targets) -> list[tuple[str, str]]:
    return [
        ("dashboard", "/dashboard/"),
        ("contacts", "/contacts/"),
        ("contacts, status requested", "/contacts/?status=requested"),
        ("contacts, last page", f"/contacts/?page={targets.last_page}"),
        ("contacts, search a name", f"/contacts/?{urlencode({'q': SEARCH_NAME})}"),
        ("contact in a chain", f"/contacts/{targets.chain_contact}/"),
        ("network", "/network/"),
        ("employers", "/employers/"),
        ("employer, most contacts", f"/employers/{targets.busiest_employer}/"),
        ("meetings", "/meetings/"),
        ("profile", "/profile/"),
        ("contacts export.csv", "/contacts/export.csv"),
        ("healthz", "/healthz"),
    ]


WRK_PAGES = ["/dashboard/", "/contacts/", "/network/", "/profile/"]


# --- serving and timing ---------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn with two sync workers (the issue's measure; the Dockerfile runs threads, which
    would overlap one request's Python with another's wait on the database), DEBUG off, an
    access log with %(D)s."""

    LOG_FORMAT = "%(s)s %(D)s %(B)s %(r)s"

    def __init__(self, database_url: str, logs: Path, timeout: int):
        self.port = free_port()
        self.cookie = ""  # the seeker's, once signed in
        self.log = logs / f"access-{self.port}.log"
        self.errors = logs / f"error-{self.port}.log"
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "SECRET_KEY": SECRET_KEY,
            "DEBUG": "off",
            "ALLOWED_HOSTS": "127.0.0.1",
            "CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{self.port}",
            # Plain HTTP on loopback, as docker-compose.yml serves localhost.
            "SECURE_SSL_REDIRECT": "off",
            "SESSION_COOKIE_SECURE": "off",
            "CSRF_COOKIE_SECURE": "off",
            "SECURE_HSTS_SECONDS": "0",
        }
        self.command = [
            str(Path(sys.executable).with_name("gunicorn")),
            "core.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(WORKERS),
            "--timeout",
            str(timeout),
            "--access-logfile",
            str(self.log),
            "--access-logformat",
            self.LOG_FORMAT,
            "--error-logfile",
            str(self.errors),
            "--forwarded-allow-ips",
            "127.0.0.1",
        ]
        self.process = subprocess.Popen(self.command, cwd=ROOT, env=env)
        deadline = time.monotonic() + 60
        while True:
            try:
                if fetch(self.port, "/healthz", "")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                raise RuntimeError(f"gunicorn did not start; see {self.errors}")
            time.sleep(0.2)
        self.offset = self.log.stat().st_size

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def server_times(self, path: str, count: int) -> list[float]:
        """The last ``count`` logged times (ms) of GET ``path`` since the previous call."""
        time.sleep(0.3)  # gunicorn logs just after the response is sent
        with self.log.open() as log:
            log.seek(self.offset)
            lines = log.readlines()
            self.offset = log.tell()
        times = []
        for line in lines:
            _status, micros, _size, request = line.split(" ", 3)
            if request.split(" ")[1] == path:
                times.append(int(micros) / 1000)
        return times[-count:]


def fetch(port: int, path: str, cookie: str, timeout: float = 120) -> tuple[int, int, float]:
    """(status, body bytes, seconds) of one GET on a new connection, the body read to the end."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        start = time.perf_counter()
        conn.request("GET", path, headers={"Cookie": cookie, "Connection": "close"})
        response = conn.getresponse()
        size = len(response.read())
        return response.status, size, time.perf_counter() - start
    finally:
        conn.close()


def sign_in(port: int) -> str:
    """POST the login form as a browser does (CSRF cookie and token); return the Cookie header."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", "/accounts/login/")
    response = conn.getresponse()
    page = response.read().decode()
    cookies = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    conn.close()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    body = urlencode({"username": SEEKER_EMAIL, "password": PASSWORD, "csrfmiddlewaretoken": token})
    conn.request(
        "POST",
        "/accounts/login/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookies['csrftoken'].value}",
        },
    )
    response = conn.getresponse()
    response.read()
    for header in response.headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    conn.close()
    assert response.status == 302 and "sessionid" in cookies, (response.status, dict(cookies))
    return "; ".join(f"{key}={morsel.value}" for key, morsel in cookies.items())


@dataclass
class Timing:
    page: str
    path: str
    statuses: list
    client_ms: list
    server_ms: list
    size: int

    @property
    def client(self) -> float:
        return statistics.median(self.client_ms) if self.client_ms else math.nan

    @property
    def server(self) -> float:
        return statistics.median(self.server_ms) if self.server_ms else math.nan

    @property
    def failed(self) -> str:
        bad = sorted({str(s) for s in self.statuses if s != 200})
        return "/".join(bad)


def time_page(servers: list[Server], page: str, paths: list[str], *, warm: int, count: int):
    """One page at every size: the warm-ups, then ``count`` rounds of one request per size."""
    runs = [{"statuses": [], "times": [], "size": 0} for _ in servers]
    for n in range(warm + count):
        for server, path, run in zip(servers, paths, runs, strict=True):
            try:
                status, size, seconds = fetch(server.port, path, server.cookie)
            except (OSError, http.client.HTTPException) as error:
                status, size, seconds = type(error).__name__, 0, math.nan
            if n >= warm:  # a failure counts with the time it took, and is flagged
                run["statuses"].append(status)
                run["times"].append(seconds * 1000)
                run["size"] = size
    return [
        Timing(
            page, path, run["statuses"], run["times"], server.server_times(path, count), run["size"]
        )
        for server, path, run in zip(servers, paths, runs, strict=True)
    ]


def settle(ports: list[int], timeout: float = 180) -> None:
    """Wait until every worker of every server is free (requests left over from wrk can run
    for seconds, and take the CPU from the next run): one /healthz per worker at once, all
    answered at once."""
    deadline = time.monotonic() + timeout
    with ThreadPoolExecutor(WORKERS * len(ports)) as pool:
        while time.monotonic() < deadline:
            asks = [port for port in ports for _ in range(WORKERS)]
            times = list(pool.map(lambda port: fetch(port, "/healthz", "")[2], asks))
            if max(times) < 0.1:
                return
            time.sleep(0.5)


def run_wrk(port: int, cookie: str, path: str, seconds: int) -> dict:
    command = [
        "wrk",
        "-t2",
        "-c4",
        f"-d{seconds}s",
        "--timeout",
        "60s",
        "-H",
        f"Cookie: {cookie}",
        f"http://127.0.0.1:{port}{path}",
    ]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    latency = re.search(r"Latency\s+([\d.]+\w+)", out)
    return {
        "path": path,
        "rps": float(rate.group(1)) if rate else math.nan,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "latency": latency.group(1) if latency else "",
    }


# --- where the time goes ---------------------------------------------------------------------


def explain(path: str, targets: Targets, *, full_sql=False) -> None:
    """Open ``path`` in-process as the seeker, then EXPLAIN (ANALYZE, BUFFERS) its slowest
    queries, as PostgreSQL runs them now (JIT and all)."""
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from core.models import User

    client = Client()
    client.force_login(User.objects.get(pk=targets.seeker_id))
    client.get(path)  # warm: connection, caches
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(path)
        if hasattr(response, "streaming_content"):
            for _ in response.streaming_content:
                pass
        elapsed = time.perf_counter() - started
    queries = captured.captured_queries
    in_db = sum(float(q["time"]) for q in queries)
    print(f"\n## {path}: {response.status_code}, {elapsed * 1000:.0f} ms in-process,")
    print(f"{len(queries)} queries, {in_db * 1000:.0f} ms of them in the database\n")
    slowest = sorted(queries, key=lambda q: float(q["time"]), reverse=True)[:3]
    for query in slowest:
        sql = query["sql"]
        shown = sql if len(sql) < 400 or full_sql else f"{sql[:300]} … {sql[-100:]}"
        print(f"### {float(query['time']) * 1000:.0f} ms\n\n{shown}\n")
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query['sql']}")
            print("\n".join(row[0] for row in cursor.fetchall()))
        # The same plan without JIT, for this one transaction only (the server keeps its own).
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {query['sql']}")
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            print(f"\nWithout JIT (SET LOCAL jit = off): {plan[0]['Execution Time']:.1f} ms\n")


# --- the run ---------------------------------------------------------------------------------


def setup_django(server: str, first: str) -> None:
    os.environ["DATABASE_URL"] = f"{server}/{first}"
    os.environ["DEBUG"] = "off"  # as in production: no query log
    os.environ["SECRET_KEY"] = SECRET_KEY
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,testserver"
    os.environ["SECURE_SSL_REDIRECT"] = "off"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "core.settings")
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()


def machine(server: str, name: str) -> dict:
    model = "unknown"
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    import psycopg

    with psycopg.connect(f"{server}/{name}") as conn:
        version = conn.execute("SHOW server_version").fetchone()[0]
        jit = conn.execute("SHOW jit").fetchone()[0]
    return {"cores": os.cpu_count(), "cpu": model, "postgresql": version, "jit": jit}


def prepare(size: int, args) -> tuple[dict, "Targets"]:
    """Create, migrate and load ``schmooze_bench_<size>`` (or reuse it); find the targets."""
    from django.core.management import call_command

    name = database_name(size)
    result = {"size": size, "database": name}
    if args.reuse and database_exists(args.server, name):
        use_database(name)
        print(f"\n# {size:,} contacts: reusing {name}")
    else:
        create_database(args.server, name)
        use_database(name)
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        result["migrate_s"] = time.perf_counter() - started
        print(f"\n# {size:,} contacts: {name} migrated in {result['migrate_s']:.1f} s")
        result["build"] = build(size)
        b = result["build"]
        print(
            f"built in {b['build_s']:.1f} s ({b['python_s']:.1f} s in Python, "
            f"{b['copy_s']:.1f} s of COPY), VACUUM ANALYZE {b['analyse_s']:.1f} s; the seeker: "
            f"{b['seeker_contacts']:,} contacts, {b['seeker_attempts']:,} attempts over "
            f"{b['seeker_contacted']:,} of them, {b['seeker_meetings']} meetings"
        )
        print("rows: " + ", ".join(f"{t} {n:,}" for t, n in b["rows"].items()))
    targets = find_targets()
    result["targets"] = targets.__dict__
    print(
        f"targets: last page {targets.last_page}, '{SEARCH_NAME}' {targets.search_hits} hits, "
        f"contact {targets.chain_contact} ({targets.chain_depth} introducers up), employer "
        f"{targets.busiest_employer} ({targets.busiest_count:,} contacts)"
    )
    return result, targets


def measure(sized: list[tuple[dict, "Targets"]], args, logs: Path) -> None:
    """Every page at every size, one gunicorn per size, the sizes taking turns request by
    request: whatever else loads the machine falls on every size alike."""
    servers = []
    try:
        for result, _ in sized:
            server = Server(f"{args.server}/{result['database']}", logs, args.timeout)
            servers.append(server)
            server.cookie = sign_in(server.port)
        lists = [
            [page for page in pages(targets) if not args.only or page[0] in args.only]
            for _, targets in sized
        ]
        print(f"\n{'page':<28}" + "".join(f"{r['size']:>24,}" for r, _ in sized))
        for n, (label, _) in enumerate(lists[0] if args.requests else []):
            paths = [pages_of_size[n][1] for pages_of_size in lists]
            timings = time_page(servers, label, paths, warm=args.warm, count=args.requests)
            line = f"{label:<28}"
            for (result, _), timing in zip(sized, timings, strict=True):
                result.setdefault("pages", []).append(timing.__dict__)
                line += f"{timing.client:>12.1f} ({timing.server:>7.1f}) ms"
                line += f" {timing.failed}" if timing.failed else ""
            print(line, flush=True)
        if args.wrk_seconds and not shutil.which("wrk"):
            print("wrk is not installed (apt-get install wrk): throughput skipped")
        elif args.wrk_seconds:
            # Rounds of every page at every size in turn, as for the pages; the median rate.
            for result, _ in sized:
                result["wrk"] = [{"path": path, "rounds": []} for path in args.wrk_pages]
            for _ in range(args.wrk_rounds):
                for n, path in enumerate(args.wrk_pages):
                    line = f"wrk {path:<24}"
                    for (result, _), server in zip(sized, servers, strict=True):
                        settle([other.port for other in servers])
                        rate = run_wrk(server.port, server.cookie, path, args.wrk_seconds)
                        result["wrk"][n]["rounds"].append(rate)
                        line += f"{rate['rps']:>14.1f} req/s" + (
                            f" ({rate['non_2xx']} non-2xx)" if rate["non_2xx"] else ""
                        )
                    print(line, flush=True)
            for result, _ in sized:
                for entry in result["wrk"]:
                    entry["rps"] = statistics.median(r["rps"] for r in entry["rounds"])
    finally:
        for server in servers:
            server.stop()


def cell(timing: dict) -> str:
    client = statistics.median(timing["client_ms"]) if timing["client_ms"] else math.nan
    server = statistics.median(timing["server_ms"]) if timing["server_ms"] else math.nan
    bad = sorted({str(s) for s in timing["statuses"] if s != 200})
    text = f"{client:,.0f} ({server:,.0f})" if client >= 10 else f"{client:.1f} ({server:.1f})"
    return f"{text} **{'/'.join(bad)}**" if bad else text


def table(results: list[dict]) -> str:
    """The Markdown tables: page x size, then wrk's rates (what the results hold of them)."""
    head = "| {} | " + " | ".join(f"{r['size']:,} contacts" for r in results) + " |"
    rule = "| --- |" + " ---: |" * len(results)
    lines = []
    if all(r.get("pages") for r in results):
        lines += [head.format("page, client ms (server ms)"), rule]
        for n, timing in enumerate(results[0]["pages"]):
            cells = [cell(r["pages"][n]) for r in results]
            lines.append(f"| {timing['page']} | " + " | ".join(cells) + " |")
    if all(r.get("wrk") for r in results):
        lines += ["", head.format("wrk -t2 -c4 -d10s, req/s"), rule]
        for n, w in enumerate(results[0]["wrk"]):
            cells = [f"{r['wrk'][n]['rps']:.1f}" for r in results]
            lines.append(f"| `{w['path']}` | " + " | ".join(cells) + " |")
    return "\n".join(lines).strip()


def pooled(runs: list[list[dict]]) -> list[dict]:
    """Several runs' results, size by size: every timed request pooled, wrk's median rate."""
    merged = {}
    for results in runs:
        for result in results:
            size = merged.setdefault(
                result["size"],
                {
                    "size": result["size"],
                    "pages": [
                        {**t, "client_ms": [], "server_ms": [], "statuses": []}
                        for t in result.get("pages", [])
                    ],
                    "wrk_runs": [],
                },
            )
            if not size["pages"]:  # a run of wrk alone came first
                size["pages"] = [
                    {**t, "client_ms": [], "server_ms": [], "statuses": []}
                    for t in result.get("pages", [])
                ]
            for into, timing in zip(size["pages"], result.get("pages", []), strict=False):
                for key in ("client_ms", "server_ms", "statuses"):
                    into[key] += timing[key]
            if "wrk" in result:
                size["wrk_runs"].append(result["wrk"])
    for size in merged.values():
        runs_of_wrk = size.pop("wrk_runs")
        if runs_of_wrk:
            size["wrk"] = [  # every round of every run
                {
                    "path": first["path"],
                    "rps": statistics.median(
                        r["rps"] for run in runs_of_wrk for r in run[n].get("rounds", [run[n]])
                    ),
                }
                for n, first in enumerate(runs_of_wrk[0])
            ]
    return [merged[size] for size in sorted(merged)]


def main():
    global PREFIX
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, nargs="+", default=SIZES, metavar="N")
    parser.add_argument("--server", default=SERVER, help="PostgreSQL, without a database name")
    parser.add_argument(
        "--prefix",
        default=PREFIX,
        help="the databases' names before _<size> (containing 'bench'), to share a server",
    )
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument("--reuse", action="store_true", help="use a kept database; keep it")
    parser.add_argument("--requests", type=int, default=20, help="per page; 0: wrk only")
    parser.add_argument("--warm", type=int, default=3, help="warm-up requests per page")
    parser.add_argument("--timeout", type=int, default=30, help="gunicorn's worker timeout")
    parser.add_argument("--wrk-seconds", type=int, default=10, help="0: no wrk")
    parser.add_argument("--wrk-rounds", type=int, default=3, help="wrk runs per page and size")
    parser.add_argument(
        "--only", nargs="+", metavar="LABEL", help='time these pages only, e.g. "network"'
    )
    parser.add_argument("--wrk-pages", nargs="+", default=WRK_PAGES, metavar="PATH")
    parser.add_argument("--explain", action="append", default=[], metavar="PAGE")
    parser.add_argument("--full-sql", action="store_true", help="with --explain: all the SQL")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument(
        "--tables",
        type=Path,
        nargs="+",
        metavar="JSON",
        help="only print the tables of earlier runs (--json files), their requests pooled",
    )
    args = parser.parse_args()
    if args.tables:
        runs = [json.loads(path.read_text())["results"] for path in args.tables]
        print(table(pooled(runs)))
        return
    assert args.prefix.startswith("schmooze_") and "bench" in args.prefix, args.prefix
    PREFIX = args.prefix
    setup_django(args.server, database_name(args.contacts[0]))
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)  # as the Dockerfile does
    logs = Path(tempfile.mkdtemp(prefix="schmooze-bench-pages-"))
    sized = []
    try:
        for size in args.contacts:
            sized.append(prepare(size, args))
        if args.explain:
            for result, targets in sized:
                use_database(result["database"])
                for path in args.explain:  # e.g. '/contacts/?page={last_page}': see Targets
                    explain(path.format(**targets.__dict__), targets, full_sql=args.full_sql)
        else:
            measure(sized, args, logs)
    finally:
        if not (args.keep or args.reuse):
            use_database("postgres")
            for result, _ in sized:
                drop_database(args.server, result["database"])
        shutil.rmtree(logs, ignore_errors=True)
    if args.explain:
        return
    results = [result for result, _ in sized]
    info = machine(args.server, "postgres")
    print(
        f"\n{info['cores']} cores, {info['cpu']}, PostgreSQL {info['postgresql']} (jit "
        f"{info['jit']}); gunicorn {WORKERS} sync workers per size; median of {args.requests} "
        f"requests after {args.warm} warm-up, the sizes in turn, a new connection each; "
        "client ms (server ms)\n"
    )
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "results": results}, indent=1))


if __name__ == "__main__":
    main()
