"""Contacts CSV import through the pages (SPEC §6): upload → preview → confirm, all or nothing."""

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from networking.contacts import csv_import, csv_parse
from networking.contacts.models import Contact, PendingImport
from networking.employers.models import Employer
from tests.contacts.factories import ContactFactory
from tests.contacts.test_csv_parse import LINKEDIN
from tests.employers.factories import EmployerFactory

pytestmark = pytest.mark.django_db

IMPORT, PREVIEW = "/contacts/import/", "/contacts/import/preview/"
EXPORT_HEADER = "first_name,last_name,email,employer,level,function,referred_by"


def upload(client, content, name="contacts.csv"):
    data = content.encode() if isinstance(content, str) else content
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, data, "text/csv")})


def waiting(client) -> PendingImport:
    """The upload waiting for the confirmation of the seeker signed in on ``client``."""
    return PendingImport.objects.get(owner_id=client.session["_auth_user_id"])


def confirm(client):
    return client.post(PREVIEW, {"key": waiting(client).key, "confirm": ""})


def form_error(response) -> str:
    return " ".join(response.context["form"].errors["file"])


def test_the_import_page_explains_both_formats(alice_client):
    response = alice_client.get(IMPORT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Import contacts</h1>" in html
    assert "Connections.csv" in html
    assert (
        "first_name, last_name, email, phone, employer, title, level, function, status, "
        "referred_by, last_contacted, next_action_due, linkedin_url, notes"
    ) in html
    assert 'enctype="multipart/form-data"' in html


def test_a_linkedin_file_is_previewed_then_imported_on_confirmation(alice, alice_client):
    EmployerFactory(owner=alice, name="LUMEN LABS")

    response = upload(alice_client, LINKEDIN, name="Connections.csv")

    assert response.status_code == 302
    assert response.url == PREVIEW
    assert not Contact.objects.exists()
    page = alice_client.get(PREVIEW)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Connections.csv" in html
    assert "LinkedIn connections, 2 rows" in html
    assert page.context["counts"] == {"new": 2, "duplicate": 0, "invalid": 0}
    assert "Import 2 contacts" in html
    assert "new employer" in html  # Northwind Health; Lumen Labs is hers already
    assert not Contact.objects.exists()

    response = confirm(alice_client)

    assert response.status_code == 302
    assert response.url == "/contacts/"
    jordan, priya = Contact.objects.owned_by(alice).order_by("first_name")
    assert jordan.employer.name == "LUMEN LABS"
    assert (jordan.email, jordan.title) == ("jordan@lumen.example", "Design Manager")
    assert jordan.linkedin_url == "https://www.linkedin.com/in/jordan-lee"
    assert jordan.notes == "Connected on LinkedIn on 12 Mar 2024."
    assert jordan.timezone == alice.timezone
    assert priya.employer.name == "Northwind Health"
    assert not PendingImport.objects.exists()
    messages = [str(m) for m in alice_client.get("/contacts/").context["messages"]]
    assert messages == ["Imported 2 contacts and 1 new employer."]


def test_the_export_format_with_a_bom_is_imported(alice, alice_client):
    text = f"{EXPORT_HEADER}\nPriya,Raman,priya@x.example,Northwind Health,director,design,\n"
    assert upload(alice_client, "\ufeff" + text).status_code == 302
    assert alice_client.get(PREVIEW).context["parsed"].format == "schmooze"
    confirm(alice_client)
    priya = Contact.objects.owned_by(alice).get()
    assert (priya.first_name, priya.level, priya.function) == ("Priya", "director", "design")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("first_name\nZoë\n".encode("latin-1"), "not UTF-8"),
        ("name,company\nAna,Lumen\n", "No header we recognise"),
        (b"PK\x03\x04\x00\x00binary spreadsheet", "does not look like a CSV file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "does not look like a CSV file"),
        ("first_name,last_name\n", "no contacts"),
    ],
)
def test_an_unreadable_file_gets_a_clear_error_and_changes_nothing(alice_client, content, message):
    response = upload(alice_client, content)
    assert response.status_code == 200
    assert message in form_error(response)
    assert not PendingImport.objects.exists()
    assert not Contact.objects.exists()


def test_a_file_over_5_mb_is_refused(alice_client):
    line = "Ana,Bell,ana@x.example,Lumen Labs,,,\n"
    content = EXPORT_HEADER + "\n" + line * (5 * 1024 * 1024 // len(line) + 1)
    assert len(content) > csv_parse.MAX_BYTES
    response = upload(alice_client, content)
    assert response.status_code == 200
    assert "larger than 5 MB" in form_error(response)
    assert not PendingImport.objects.exists()
    assert not Contact.objects.exists()


def test_a_file_of_5_mb_is_accepted(alice_client):
    line = "Ana,Bell,ana@x.example,Lumen Labs,,,," + "A note of some length. " * 4 + "\n"
    content = EXPORT_HEADER + ",notes\n" + line * ((5 * 1024 * 1024 - 100) // len(line))
    assert len(content) > 5 * 1024 * 1024 - 200
    response = upload(alice_client, content)
    assert response.status_code == 302 and response.url == PREVIEW
    assert PendingImport.objects.exists()


def test_no_file_is_an_error(alice_client):
    response = alice_client.post(IMPORT, {})
    assert response.status_code == 200
    assert "Choose a CSV file to upload." in form_error(response)


def test_the_preview_lists_duplicates_and_invalid_rows_with_reasons(alice, alice_client):
    ContactFactory(owner=alice, first_name="Jordan", last_name="Lee", email="jordan@lumen.example")
    upload(
        alice_client,
        f"{EXPORT_HEADER}\n"
        "Jordan,Lee,jordan@lumen.example,,,,\n"
        "Ana,Bell,,,senior,,\n"
        "Bo,Chen,,,,,Jordan Lee\n"
        "Bo,Chen,,,,,\n",
    )
    response = alice_client.get(PREVIEW)
    html = response.content.decode()
    assert response.context["counts"] == {"new": 1, "duplicate": 2, "invalid": 1}
    assert "Already in your contacts: Jordan Lee (same email)." in html
    assert "Level “senior” is not one we know" in html
    assert "Same person as line 4 of this file (same name and employer)." in html
    invalid_only = alice_client.get(PREVIEW + "?show=invalid")
    assert [r.full_name for r in invalid_only.context["rows"]] == ["Ana Bell"]
    assert alice_client.get(PREVIEW + "?show=bogus").context["show"] == ""

    confirm(alice_client)

    assert Contact.objects.owned_by(alice).count() == 2
    bo = Contact.objects.owned_by(alice).get(first_name="Bo")
    assert bo.referred_by.first_name == "Jordan"
    messages = [str(m) for m in alice_client.get("/contacts/").context["messages"]]
    assert messages == ["Imported 1 contact. Skipped 2 duplicates and 1 invalid row."]


def test_nothing_new_means_no_import_button(alice, alice_client):
    ContactFactory(owner=alice, first_name="Jordan", last_name="Lee", email="jordan@lumen.example")
    upload(alice_client, f"{EXPORT_HEADER}\nJordan,Lee,jordan@lumen.example,,,,\n")
    html = alice_client.get(PREVIEW).content.decode()
    assert "There is nothing new to add" in html
    assert 'name="confirm"' not in html


def test_the_preview_is_paginated(alice_client):
    rows = "".join(f"Person,{n},,,,,\n" for n in range(120))
    upload(alice_client, f"{EXPORT_HEADER}\n{rows}")
    page = alice_client.get(PREVIEW + "?page=3")
    assert [r.line for r in page.context["rows"]] == list(range(102, 122))
    assert page.context["page_obj"].paginator.num_pages == 3


def test_cancel_forgets_the_file_and_writes_nothing(alice_client):
    upload(alice_client, LINKEDIN)
    response = alice_client.post(PREVIEW, {"cancel": ""})
    assert response.status_code == 302
    assert response.url == IMPORT
    assert not PendingImport.objects.exists()
    assert not Contact.objects.exists()


def test_a_stale_preview_is_not_imported(alice_client):
    upload(alice_client, LINKEDIN)
    response = alice_client.post(PREVIEW, {"key": "from-an-older-tab", "confirm": ""})
    assert response.status_code == 302
    assert response.url == PREVIEW
    assert not Contact.objects.exists()


def test_the_preview_without_an_upload_sends_to_the_import_page(alice_client):
    assert alice_client.get(PREVIEW).url == IMPORT
    assert alice_client.post(PREVIEW, {"confirm": ""}).url == IMPORT


def test_the_import_page_offers_to_return_to_a_waiting_preview(alice_client):
    upload(alice_client, LINKEDIN)
    assert "Back to its preview" in alice_client.get(IMPORT).content.decode()


def test_a_conflict_while_writing_writes_nothing_and_keeps_the_preview(alice_client, monkeypatch):
    """Another tab adds Northwind Health just after the import looked: the database refuses
    the import's own Northwind Health, and the whole import goes back."""
    upload(alice_client, LINKEDIN)
    look = csv_import.classify

    def look_then_lose_the_race(user, rows):
        preview = look(user, rows)
        EmployerFactory(owner=user, name="Northwind Health")
        return preview

    monkeypatch.setattr(csv_import, "classify", look_then_lose_the_race)
    response = confirm(alice_client)
    assert response.url == PREVIEW
    assert not Contact.objects.exists()
    # The twin went back too: here it was written inside the import's own transaction.
    assert not Employer.objects.exists()
    assert PendingImport.objects.exists()
    monkeypatch.undo()
    messages = [str(m) for m in alice_client.get(PREVIEW).context["messages"]]
    assert messages[0].startswith("Your contacts or employers changed while importing")


def test_another_seekers_employer_of_the_same_name_is_not_used(alice, bob, alice_client):
    bobs = EmployerFactory(owner=bob, name="Northwind Health")
    upload(alice_client, LINKEDIN)
    confirm(alice_client)
    priya = Contact.objects.owned_by(alice).get(first_name="Priya")
    assert priya.employer != bobs
    assert priya.employer.owner == alice
    assert not Contact.objects.owned_by(bob).exists()


@pytest.mark.parametrize("count", [10, 1000])
def test_the_preview_makes_a_bounded_number_of_queries(
    count, alice, alice_client, django_assert_max_num_queries
):
    ContactFactory.create_batch(5, owner=alice)
    rows = "".join(f"Person,{n},p{n}@x.example,Employer {n % 9},,,Person 0\n" for n in range(count))
    upload(alice_client, f"{EXPORT_HEADER}\n{rows}")
    # session + user, the upload waiting, then the seeker's contacts and employers, and the
    # file's employer names as the database compares them.
    with django_assert_max_num_queries(6):
        response = alice_client.get(PREVIEW)
    assert response.context["counts"]["new"] == count


def test_a_round_trip_into_another_account_gives_the_same_contacts(alice, bob, client):
    lumen = EmployerFactory(owner=alice, name="Lumen Labs")
    jordan = ContactFactory(
        owner=alice,
        first_name="Jordan",
        last_name="Lee",
        employer=lumen,
        level="manager",
        phone="+1 416 555 0100",
        notes="=former colleague\nsecond line, with a comma",
    )
    priya = ContactFactory(
        owner=alice,
        first_name="Priya",
        last_name="Raman",
        referred_by=jordan,
        linkedin_url="https://www.linkedin.com/in/priya",
        function="product",
        level="",
        title="-Director, Product Design-",
    )
    ContactFactory(  # sorts before Priya, who introduced her
        owner=alice,
        first_name="Sam",
        last_name="Ortiz",
        referred_by=priya,
        employer=None,
        email="",
        function="hr",
    )
    ContactFactory(
        owner=alice, first_name="Zoë", last_name="Ærøskøbing", employer=lumen, email="zoe@x.example"
    )
    client.force_login(alice)
    exported = b"".join(client.get("/contacts/export.csv").streaming_content)

    client.force_login(bob)
    upload(client, exported, name="schmooze-contacts.csv")
    assert client.get(PREVIEW).context["counts"] == {"new": 4, "duplicate": 0, "invalid": 0}
    confirm(client)

    def snapshot(user):
        return sorted(
            (
                c.first_name,
                c.last_name,
                c.email,
                c.phone,
                c.employer.name if c.employer else None,
                c.title,
                c.level,
                c.function,
                c.referred_by.full_name if c.referred_by else None,
                c.linkedin_url,
                c.notes,
            )
            for c in Contact.objects.owned_by(user).select_related("employer", "referred_by")
        )

    assert snapshot(bob) == snapshot(alice)
    names = {e.name for e in Employer.objects.owned_by(bob)}
    assert names == {e.name for e in Employer.objects.owned_by(alice)}
    assert "Lumen Labs" in names


def test_the_preview_shows_who_introduced_whom(alice, alice_client):
    ContactFactory(owner=alice, first_name="Jordan", last_name="Lee")
    upload(alice_client, f"{EXPORT_HEADER}\nPriya,Raman,,,,,jordan lee\nSam,Ortiz,,,,,Nobody\n")
    html = alice_client.get(PREVIEW).content.decode()
    assert "Introduced by jordan lee" in html
    assert "Introduced by “Nobody”: no contact by that name, left empty." in html


# Bad input never answers 500.


@pytest.mark.parametrize("query", ["?page=abc", "?page=99999", "?page=-1", "?show=bogus&page=2"])
def test_the_preview_survives_odd_query_strings(alice_client, query):
    upload(alice_client, LINKEDIN)
    response = alice_client.get(PREVIEW + query)
    assert response.status_code == 200
    assert response.context["rows"]


def test_a_double_submit_imports_once(alice, alice_client):
    upload(alice_client, LINKEDIN)
    key = waiting(alice_client).key
    first = alice_client.post(PREVIEW, {"key": key, "confirm": ""})
    second = alice_client.post(PREVIEW, {"key": key, "confirm": ""}, follow=True)
    assert first.url == "/contacts/"
    assert second.redirect_chain == [("/contacts/", 302)]
    messages = [str(m) for m in second.context["messages"]]
    assert messages == [
        "Imported 2 contacts and 2 new employers.",
        "This import was already confirmed: nothing was imported twice.",
    ]
    assert Contact.objects.filter(owner=alice).count() == 2


def test_a_confirmation_without_its_token_writes_nothing(alice_client):
    upload(alice_client, LINKEDIN)
    response = alice_client.post(PREVIEW, {"confirm": ""})
    assert response.url == PREVIEW
    assert not Contact.objects.exists()
    assert PendingImport.objects.exists()


def test_text_in_place_of_a_file_is_an_error(alice_client):
    response = alice_client.post(IMPORT, {"file": "first_name\nAna\n"})
    assert response.status_code == 200
    assert "Choose a CSV file to upload." in form_error(response)


def test_a_very_long_file_name_is_shortened(alice_client):
    assert upload(alice_client, LINKEDIN, name="c" * 300 + ".csv").status_code == 302
    assert len(waiting(alice_client).filename) == 200
    assert alice_client.get(PREVIEW).status_code == 200


def test_too_many_rows_gets_a_clear_error(alice_client):
    with mock.patch.object(csv_parse, "MAX_ROWS", 1):
        response = upload(alice_client, LINKEDIN)
    assert response.status_code == 200
    assert form_error(response) == csv_parse.TOO_MANY_ROWS
    assert not PendingImport.objects.exists()


def test_another_seeker_never_sees_a_waiting_import(alice, alice_client, bob):
    upload(alice_client, LINKEDIN)
    key = waiting(alice_client).key
    alice_client.force_login(bob)  # the same browser, another seeker
    assert alice_client.get(PREVIEW).url == IMPORT
    assert "Back to its preview" not in alice_client.get(IMPORT).content.decode()
    alice_client.post(PREVIEW, {"key": key, "confirm": ""})
    alice_client.post(PREVIEW, {"key": key, "cancel": ""})
    assert not Contact.objects.exists()
    assert PendingImport.objects.get().owner == alice


def test_an_upload_without_the_csrf_token_is_refused(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(IMPORT, {"file": SimpleUploadedFile("c.csv", LINKEDIN.encode())})
    assert response.status_code == 403
    assert not PendingImport.objects.exists()
