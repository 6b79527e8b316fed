"""Rule text comes from the rules: every page says a limit and the key question in the words
named once (``core.asks``, ``core.rules`` and the modules that enforce each limit)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from core.asks import KEY_QUESTION
from core.rules import words
from networking.contacts import cadence, csv_parse
from networking.meetings.scheduling import ACCEPTED, RECOMMENDED
from tests.contacts.factories import ContactFactory
from tests.meetings.factories import MeetingFactory

# Anything that looks like the key question, up to its question mark, however it was typed.
KEY_LIKE = re.compile(r"Can you recommend someone[^?<]*\?")


@pytest.fixture
def pages(alice):
    contact = ContactFactory(owner=alice, first_name="Priya")
    meeting = MeetingFactory(contact=contact)
    return {
        "landing": ("/", False),
        "dashboard": (reverse("dashboard"), True),
        "network": (reverse("network"), True),
        "question bank": (reverse("questions:list"), True),
        "contact": (contact.get_absolute_url(), True),
        "prep": (reverse("meetings:prep", args=[meeting.pk]), True),
        "run sheet": (reverse("meetings:run", args=[meeting.pk]), True),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["landing", "dashboard", "network", "question bank", "contact", "prep", "run sheet"]
)
def test_every_page_that_shows_the_key_question_says_the_one_constant(pages, name, client, alice):
    url, signed_in = pages[name]
    if signed_in:
        client.force_login(alice)
    body = client.get(url).content.decode()
    shown = KEY_LIKE.findall(body)
    assert shown, f"the {name} page no longer shows the key question"
    assert set(shown) == {KEY_QUESTION}


def test_the_limits_are_said_from_their_constants():
    assert words("key_question") == KEY_QUESTION
    assert words("meeting_length") == f"{RECOMMENDED[0]}–{RECOMMENDED[-1]} minutes"
    assert words("meeting_length_accepted") == f"{ACCEPTED[0]}–{ACCEPTED[-1]} minutes"
    assert words("follow_up_after") == f"{cadence.FOLLOW_UP_AFTER} business days"
    assert words("second_contact_after") == f"{cadence.SECOND_CONTACT_AFTER} business days"
    assert words("max_follow_ups") == f"{cadence.MAX_FOLLOW_UPS} follow-ups"
    assert words("rest_days") == f"{cadence.REST_DAYS} days"
    assert words("csv_max_size") == f"{csv_parse.MAX_BYTES // 2**20} MB" == "5 MB"
    assert words("value_statements") == "one to three"


# A limit typed by hand into a template: the words above, or the key question itself.
BY_HAND = re.compile(
    r"recommend someone|\b1[05]\s*(?:–|-|or|to)\s*[23]0\b|\b\d+\s+business\s+days?\b|"
    r"\b(?:one|two|three|seven)\s+business\s+days?\b|\b\d+\s*(?-i:MB)\b|\b60\s+days\b|"
    r"\bone\s+to\s+three\b|\b20\s+minutes\b|\b[12]\s+follow-ups\b",
    re.IGNORECASE,
)


def test_no_template_types_a_limit_or_the_key_question_by_hand():
    typed = []
    for root in settings.TEMPLATES[0]["DIRS"]:
        for path in Path(root).rglob("*.html"):
            for number, line in enumerate(path.read_text().splitlines(), 1):
                typed += [f"{path.name}:{number}: {m}" for m in BY_HAND.findall(line)]
    assert typed == []


@pytest.mark.django_db
def test_the_footer_says_the_length_even_on_a_page_with_draft_rules_of_its_own(alice_client, alice):
    contact = ContactFactory(owner=alice)
    body = alice_client.get(f"/contacts/{contact.pk}/outreach/new/").content.decode()
    assert f"Ask for advice, never for a job. {words('meeting_length')}." in body
