"""The house's floors: lower apps know nothing of the ones above, yet show what they add."""

import re
from pathlib import Path

import pytest
from django.db.models import Value
from django.template import engines
from django.urls import reverse

from core.columns import Columns
from core.panels import add_panel
from tests.contacts.factories import ContactFactory
from tests.employers.factories import EmployerFactory
from tests.meetings.factories import MeetingFactory, business_slot

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# Each folder of templates belongs to a floor; a page loads tag libraries of its floor or below.
FLOORS = ["core", "employers", "contacts", "meetings", "opportunities", "progress"]
FOLDER_FLOOR = {
    "includes": "core",
    "registration": "core",
    "admin": "core",
    "core": "core",
    "employers": "employers",
    "contacts": "contacts",
    "meetings": "meetings",
    "questions": "meetings",
    "opportunities": "opportunities",
    "progress": "progress",
}


def _library_floor(name: str) -> str:
    module = engines["django"].engine.libraries[name]
    for floor in reversed(FLOORS):
        if module.startswith((f"networking.{floor}.", f"{floor}.")):
            return floor
    return "core"  # Django's and third parties' libraries sit below everything


def test_no_page_loads_template_tags_from_a_floor_above_it():
    offences = []
    for template in TEMPLATES.rglob("*.html"):
        folder = template.relative_to(TEMPLATES).parts[0]
        floor = FOLDER_FLOOR.get(folder, "core")
        for libraries in re.findall(r"{%\s*load\s+([^%]+?)\s*%}", template.read_text()):
            for library in libraries.split():
                if FLOORS.index(_library_floor(library)) > FLOORS.index(floor):
                    offences.append(f"{template.relative_to(TEMPLATES)} loads {library}")
    assert offences == []


def test_a_slot_nobody_offers_is_refused():
    with pytest.raises(ValueError, match="No page offers the slot"):
        add_panel("question", "meetings/_panel.html", lambda obj, user: {})


def test_a_column_nobody_asked_for_is_refused():
    columns = Columns("Thing", size=Value(0))
    with pytest.raises(ValueError, match="asks for no column 'colour'"):
        columns.provide("colour", lambda now: Value("red"))


def test_a_column_keeps_its_default_until_an_app_provides_it():
    columns = Columns("Thing", size=Value(0), colour=Value("grey"))
    columns.provide("colour", lambda now: Value("red"))
    expressions = columns.expressions()
    assert expressions["size"].value == 0 and expressions["colour"].value == "red"
    assert list(columns.expressions("size")) == ["size"]


@pytest.mark.django_db
def test_the_contact_page_shows_the_meetings_panel_the_meetings_app_adds(alice_client, alice):
    contact = ContactFactory(owner=alice, first_name="Priya")
    meeting = MeetingFactory(contact=contact, starts_at=business_slot(contact.timezone))
    body = alice_client.get(contact.get_absolute_url()).content.decode()
    assert 'id="contact-meetings-h"' in body
    assert meeting.get_absolute_url() in body


@pytest.mark.django_db
def test_the_employer_page_shows_the_people_and_meetings_panels_in_the_walks_order(
    alice_client, alice
):
    employer = EmployerFactory(owner=alice)
    contact = ContactFactory(owner=alice, employer=employer, first_name="Priya")
    MeetingFactory(contact=contact, starts_at=business_slot(contact.timezone))
    body = alice_client.get(reverse("employers:detail", args=[employer.pk])).content.decode()
    people, meetings = body.index('id="contacts-h"'), body.index('id="employer-meetings-h"')
    assert people < meetings
    assert contact.get_absolute_url() in body
