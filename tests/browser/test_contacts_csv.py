"""A seeker brings in her LinkedIn connections: upload, check the preview, confirm."""

import pytest

from networking.contacts.models import Contact
from tests.browser.conftest import sign_in
from tests.contacts.factories import ContactFactory
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CONNECTIONS = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Jordan,Lee,https://www.linkedin.com/in/jordan-lee,jordan@lumen.example,Lumen Labs,"
    "Design Manager,12 Mar 2024\n"
    "Elena,Petrova,https://www.linkedin.com/in/elena-petrova,,Cobalt Robotics,VP Design,"
    "03 Jan 2023\n"
    "Priya,Raman,https://www.linkedin.com/in/priya-raman,,Northwind Health,"
    '"Director, Product Design",20 Feb 2025\n'
)


def test_a_seeker_imports_her_linkedin_connections(page, alice, tmp_path):
    ContactFactory(
        owner=alice,
        first_name="Priya",
        last_name="Raman",
        employer=None,
        email="",
        linkedin_url="https://www.linkedin.com/in/priya-raman",
    )
    connections = tmp_path / "Connections.csv"
    connections.write_text(CONNECTIONS, encoding="utf-8")
    sign_in(page, alice.email, PASSWORD)

    page.goto("/contacts/")
    page.get_by_role("link", name="Import").click()
    page.wait_for_url("**/contacts/import/")
    page.get_by_label("CSV file").set_input_files(str(connections))
    page.get_by_role("button", name="Preview the import").click()
    page.wait_for_url("**/contacts/import/preview/")

    assert page.get_by_role("heading", name="Check before importing").is_visible()
    assert page.get_by_text("2 new", exact=True).is_visible()
    assert page.get_by_text(
        "Already in your contacts: Priya Raman (same LinkedIn URL)."
    ).is_visible()
    assert Contact.objects.count() == 1

    page.get_by_role("button", name="Import 2 contacts").click()
    page.wait_for_url("**/contacts/")

    assert page.get_by_text("Imported 2 contacts and 2 new employers.").is_visible()
    assert page.get_by_role("link", name="Jordan Lee").is_visible()
    assert page.get_by_role("link", name="Elena Petrova").is_visible()
    assert page.console_errors == []
