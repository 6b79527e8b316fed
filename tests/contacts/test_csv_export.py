"""Contacts CSV export (SPEC §6): columns, filters, formula injection, owner scope, one query."""

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.http import StreamingHttpResponse

from networking.contacts import selectors
from networking.contacts.csv_export import COLUMNS, export_rows, neutralise
from networking.contacts.models import Contact, OutreachAttempt
from networking.contacts.state import refresh_state
from tests.contacts.factories import ContactFactory, OutreachAttemptFactory
from tests.employers.factories import EmployerFactory
from tests.meetings.factories import MeetingFactory, business_slot, past_slot

pytestmark = pytest.mark.django_db

TORONTO = ZoneInfo("America/Toronto")
NOW = datetime(2026, 12, 10, 10, 0, tzinfo=TORONTO)
URL = "/contacts/export.csv"


@pytest.fixture
def frozen(alice, alice_client):
    with time_machine.travel(NOW, tick=False):
        alice_client.force_login(alice)
        yield alice_client


def read(response) -> list[dict]:
    """The streamed body as rows, checking it is plain UTF-8 with a header."""
    body = b"".join(response.streaming_content).decode("utf-8")
    reader = csv.reader(io.StringIO(body, newline=""))
    header = next(reader)
    assert header == COLUMNS
    return [dict(zip(header, row, strict=True)) for row in reader]


def test_it_exports_one_row_per_contact_with_the_spec_columns(alice, frozen):
    lumen = EmployerFactory(owner=alice, name="Lumen Labs")
    jordan = ContactFactory(
        owner=alice, first_name="Jordan", last_name="Lee", employer=lumen, level="manager"
    )
    priya = ContactFactory(
        owner=alice,
        first_name="Priya",
        last_name="Raman",
        email="priya@northwind.example",
        phone="416 555 0100",
        employer=EmployerFactory(owner=alice, name="Northwind Health"),
        title="Director of Product Design",
        level="director",
        function="design",
        referred_by=jordan,
        linkedin_url="https://www.linkedin.com/in/priya-raman",
        notes="Met at the design meetup.",
    )
    OutreachAttemptFactory(contact=priya, sent_at=datetime(2026, 12, 1, 10, 15, tzinfo=TORONTO))

    response = frozen.get(URL)

    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="schmooze-contacts-2026-12-10.csv"'
    )
    rows = read(response)
    assert [r["first_name"] for r in rows] == ["Jordan", "Priya"]
    assert rows[1] == {
        "first_name": "Priya",
        "last_name": "Raman",
        "email": "priya@northwind.example",
        "phone": "416 555 0100",
        "employer": "Northwind Health",
        "title": "Director of Product Design",
        "level": "director",
        "function": "design",
        "status": "requested",
        "referred_by": "Jordan Lee",
        "last_contacted": "2026-12-01 10:15",
        # Tue 1 Dec before noon counts from that day: 7 business days → Thu 10 Dec.
        "next_action_due": "2026-12-10",
        "linkedin_url": "https://www.linkedin.com/in/priya-raman",
        "notes": "Met at the design meetup.",
    }
    assert rows[0]["status"] == "identified"
    assert rows[0]["referred_by"] == rows[0]["last_contacted"] == rows[0]["next_action_due"] == ""


def test_next_action_due_is_the_date_the_list_shows(alice, frozen):
    _many(alice, 30)
    rows = read(frozen.get(URL))
    listed = selectors.decorate(list(selectors.contacts_for_list(alice, {})), alice)
    expected = [c.next_action.due_on.isoformat() if c.next_action.due_on else "" for c in listed]
    assert [r["next_action_due"] for r in rows] == expected
    assert any(expected)


def test_it_honours_the_list_filters(alice, frozen):
    lumen = EmployerFactory(owner=alice, name="Lumen Labs")
    ContactFactory(owner=alice, first_name="Vera", employer=lumen, level="vp")
    ContactFactory(owner=alice, first_name="Dora", employer=lumen, level="director")
    ContactFactory(owner=alice, first_name="Dirk", level="director", title="Head of Design")
    asked = ContactFactory(owner=alice, first_name="Asked", level="manager")
    OutreachAttemptFactory(contact=asked, sent_at=NOW - timedelta(days=30))

    def names(query):
        return sorted(r["first_name"] for r in read(frozen.get(f"{URL}?{query}")))

    assert names("") == ["Asked", "Dirk", "Dora", "Vera"]
    assert names("level=director") == ["Dirk", "Dora"]
    assert names(f"employer={lumen.pk}") == ["Dora", "Vera"]
    assert names(f"employer={lumen.pk}&level=director") == ["Dora"]
    assert names("q=head+of") == ["Dirk"]
    assert names("status=requested") == ["Asked"]
    assert names("due=on") == ["Asked"]
    assert names("level=nonsense&page=7") == ["Asked", "Dirk", "Dora", "Vera"]


@pytest.mark.parametrize("dangerous", ["=HYPERLINK(1)", "+1 416", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_it_neutralises_formula_injection(dangerous, alice, frozen):
    ContactFactory(owner=alice, first_name=dangerous, title=dangerous, notes=dangerous)
    row = read(frozen.get(URL))[0]
    assert row["first_name"] == row["title"] == row["notes"] == "'" + dangerous


@pytest.mark.parametrize("column", ["last_name", "email", "phone", "title", "notes", "employer"])
def test_a_formula_in_any_one_cell_of_a_plain_row_is_neutralised(column, alice, frozen):
    values = {"first_name": "Priya", "notes": "Met at the meetup.\x1fthen again"}
    if column == "employer":
        values["employer"] = EmployerFactory(owner=alice, name="\u200b=cmd|' /C calc'!A0")
    else:
        values[column] = "\u200b=cmd|' /C calc'!A0"
    ContactFactory(owner=alice, **values)
    row = read(frozen.get(URL))[0]
    assert row[column] == "'\u200b=cmd|' /C calc'!A0"
    assert row["first_name"] == "Priya"
    if column != "notes":
        assert row["notes"] == "Met at the meetup.\x1fthen again"


def test_neutralise_leaves_ordinary_text_alone():
    assert neutralise("Priya") == "Priya"
    assert neutralise("") == ""
    assert neutralise("a=b") == "a=b"
    assert neutralise("'=already") == "'=already"


def test_it_shows_nothing_of_another_seeker(alice, bob, frozen):
    ContactFactory(owner=alice, first_name="Mine")
    ContactFactory(owner=bob, first_name="Theirs")
    theirs_employer = EmployerFactory(owner=bob)
    assert [r["first_name"] for r in read(frozen.get(URL))] == ["Mine"]
    # A forged employer id is ignored like on the list, never a way into bob's contacts.
    rows = read(frozen.get(f"{URL}?employer={theirs_employer.pk}"))
    assert [r["first_name"] for r in rows] == ["Mine"]


def test_an_empty_list_exports_the_header(frozen):
    assert read(frozen.get(URL)) == []


@pytest.mark.parametrize("count", [10, 2000])
def test_the_export_makes_one_query_whatever_the_size(
    count, alice, frozen, django_assert_max_num_queries
):
    _many(alice, count)
    # session + user, then the one export query (streamed in chunks).
    with django_assert_max_num_queries(3):
        rows = read(frozen.get(URL))
    assert len(rows) == count
    employer = alice.employers.first()
    # plus the employer filter's choice check and the follow-ups-due read.
    with django_assert_max_num_queries(5):
        read(frozen.get(f"{URL}?employer={employer.pk}&due=on&level=director"))


def test_export_rows_works_on_any_contact_queryset(alice, bob, django_assert_num_queries):
    """The admin reuses it on a plain queryset of several seekers' contacts."""
    ContactFactory(owner=alice, first_name="A", referred_by=ContactFactory(owner=alice))
    ContactFactory(owner=bob, first_name="B")
    with django_assert_num_queries(1):
        rows = list(export_rows(Contact.objects.filter(first_name__in=["A", "B"])))
    assert rows[0] == COLUMNS
    assert sorted(r[0] for r in rows[1:]) == ["A", "B"]


def _many(owner, count):
    employers = [EmployerFactory(owner=owner) for _ in range(5)]
    contacts = Contact.objects.bulk_create(
        Contact(
            owner=owner,
            first_name=f"First{n}",
            last_name=f"Last{n:04}",
            employer=employers[n % 5],
            level=["staff", "manager", "director", "vp", "executive"][n % 5],
            function="design",
            timezone="America/Toronto",
        )
        for n in range(count)
    )
    OutreachAttempt.objects.bulk_create(
        OutreachAttempt(contact=c, kind="request", sent_at=NOW - timedelta(days=n % 40))
        for n, c in enumerate(contacts[::2])
    )
    for child, parent in zip(contacts[1:], contacts[:-1], strict=True):
        child.referred_by = parent
    Contact.objects.bulk_update(contacts[1:], ["referred_by"], batch_size=500)
    refresh_state(*(c.pk for c in contacts))  # the history was written in bulk
    return contacts


def test_the_list_offers_an_export_that_keeps_its_filters_and_an_import(alice, frozen):
    ContactFactory(owner=alice)
    html = frozen.get("/contacts/?level=director&page=2").content.decode()
    assert 'href="/contacts/export.csv?level=director"' in html
    assert 'href="/contacts/import/"' in html


def test_an_empty_list_offers_the_import_but_no_export(frozen):
    html = frozen.get("/contacts/").content.decode()
    assert 'href="/contacts/import/"' in html
    assert "/contacts/export.csv" not in html


@pytest.mark.parametrize(
    "query", ["?employer=abc", "?level=nope&status=bogus", "?page=abc&due=maybe", "?q=" + "x" * 500]
)
def test_odd_filters_are_ignored_not_an_error(frozen, alice, query):
    ContactFactory(owner=alice, first_name="Ana")
    response = frozen.get("/contacts/export.csv" + query)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"first_name,")


def test_another_seekers_employer_as_a_filter_exports_nothing_of_theirs(frozen, alice, bob):
    ContactFactory(owner=alice, first_name="Ana")
    theirs = ContactFactory(owner=bob, first_name="Bo")
    rows = read(frozen.get(f"/contacts/export.csv?employer={theirs.employer_id}"))
    assert [row["first_name"] for row in rows] == ["Ana"]


# Cells that test each way the database may write a plain row's cells as the CSV writer does.
AWKWARD = [
    "",
    "Plain",
    'Says "hi"',
    "a,b",
    "two\nlines",
    "cr\rhere",
    "crlf\r\nend",
    "Ünïcode Ørsted",
    "ß at the start",
    "1st",
    " leading space",
    "\u200b=hidden formula",
    "=SUM(A1)",
    "-5",
    "'quoted",
    'ends with a quote"',
    "tab\tinside",
    "back\\slash",
    "percent %s %% {}",
    '[1, "a list", 2]',
]


def test_the_database_writes_plain_rows_as_the_csv_writer_would(alice, frozen):
    """Every way a cell may need quoting or neutralising, in every column the database may
    write, gives the same bytes as the export written cell by cell in Python."""
    employers = [EmployerFactory(owner=alice, name=f"{text}|{n}") for n, text in enumerate(AWKWARD)]
    introducer = ContactFactory(owner=alice, first_name="Dana", last_name="Whitfield")
    for n, text in enumerate(AWKWARD):
        for column in ("first_name", "last_name", "phone", "title", "linkedin_url", "notes"):
            ContactFactory(
                owner=alice, employer=employers[n], **{column: text or "x"} | {"notes": text}
            )
        ContactFactory(owner=alice, first_name=f"Sent{n}", notes=text)
        ContactFactory(owner=alice, first_name=f"Introduced{n}", referred_by=introducer)
    for contact in Contact.objects.filter(first_name__startswith="Sent"):
        OutreachAttemptFactory(contact=contact, kind="request", sent_at=NOW - timedelta(days=2))
    # Meetings on either side of now: the stored dates are bounds, the export reads them exactly.
    met = ContactFactory(owner=alice, first_name="Straddling", timezone="America/Toronto")
    for days in (1, 6):  # the first and last of each side are the stored bounds
        MeetingFactory(contact=met, starts_at=past_slot(met.timezone, days_back=days))
        MeetingFactory(contact=met, starts_at=business_slot(met.timezone, days_ahead=days))
    refresh_state(*Contact.objects.filter(owner=alice).values_list("pk", flat=True))
    assert not Contact.objects.with_status().get(pk=met.pk).meeting_dates_exact

    body = b"".join(frozen.get(URL).streaming_content)

    contacts = selectors.contacts_for_list(alice, {})
    buffer = io.StringIO()
    csv.writer(buffer).writerows(export_rows(contacts))
    assert body.decode("utf-8") == buffer.getvalue()
    assert len(read(frozen.get(URL))) == contacts.count() == len(AWKWARD) * 8 + 2
