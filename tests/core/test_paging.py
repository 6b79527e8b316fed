"""Pages read from the end hold exactly the rows that Django's own paginator would give."""

from datetime import date, timedelta

import pytest
from django.core import paginator as django_paginator
from django.db.models import F
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.paging import Paginator
from networking.contacts.models import Contact
from tests.contacts.factories import ContactFactory
from tests.employers.factories import EmployerFactory

SURNAMES = ["Adler", "Baker", "Baker", "Chen", "Diaz", "Diaz", "Diaz"]


@pytest.fixture
def contacts(alice):
    employer = EmployerFactory(owner=alice, name="Northwind Health")
    for n in range(23):
        ContactFactory(
            owner=alice,
            employer=employer,
            first_name="Sam" if n % 3 else "Ada",
            last_name=SURNAMES[n % len(SURNAMES)],
            follow_up_due_on=None if n % 4 == 0 else date(2026, 12, 1) + timedelta(days=n % 5),
        )
    return Contact.objects.owned_by(alice)


ORDERINGS = [
    ("last_name", "first_name", "id"),
    ("-last_name", "first_name", "-id"),
    ("follow_up_due_on", "last_name", "id"),  # NULLs at the database's own end
    (F("follow_up_due_on").desc(nulls_last=True), "id"),
    (F("follow_up_due_on").asc(nulls_first=True), "-id"),
]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    ordering=st.sampled_from(ORDERINGS),
    per_page=st.integers(min_value=1, max_value=30),
    orphans=st.integers(min_value=0, max_value=4),
    data=st.data(),
)
def test_every_page_holds_the_rows_of_the_forward_read(contacts, ordering, per_page, orphans, data):
    listed = contacts.order_by(*ordering)
    ours = Paginator(listed, per_page, orphans=orphans)
    theirs = django_paginator.Paginator(listed, per_page, orphans=orphans)
    assert ours.num_pages == theirs.num_pages
    number = data.draw(st.integers(min_value=1, max_value=ours.num_pages))
    page = ours.page(number)
    assert [c.pk for c in page] == [c.pk for c in theirs.page(number)]
    assert (page.start_index(), page.end_index()) == (
        theirs.page(number).start_index(),
        theirs.page(number).end_index(),
    )


def test_the_last_page_is_read_backwards_without_skipping_rows(contacts, django_assert_num_queries):
    listed = contacts.order_by("last_name", "first_name", "id")
    pages = Paginator(listed, 5)
    with django_assert_num_queries(2) as captured:  # the count, then the page
        rows = list(pages.page(pages.num_pages))
    sql = captured.captured_queries[-1]["sql"]
    assert "DESC" in sql and "OFFSET" not in sql
    assert [c.pk for c in rows] == [c.pk for c in listed][-3:]


def test_the_contact_list_shows_its_last_page_in_alphabetical_order(
    alice_client, contacts, settings
):
    settings.PAGE_SIZE = 5
    response = alice_client.get("/contacts/?page=5")
    shown = [c.pk for c in response.context["contacts"]]
    everyone = list(contacts.order_by("last_name", "first_name", "id").values_list("pk", flat=True))
    per_page = response.context["page_obj"].paginator.per_page
    assert per_page == 5
    assert shown == everyone[20:]
    assert response.context["page_obj"].number == response.context["page_obj"].paginator.num_pages
