"""What the contacts app tells an employer's pages: who works there, and what to do next.

The employers app knows nothing of contacts; it offers a panel slot on its page and asks
for columns on its ranked list (core/panels.py, core/columns.py), and this module fills
them from ``ContactsConfig.ready()``.
"""

from dataclasses import dataclass

from django.db import connections
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from core.ladder import advice_for, ideal_level_for
from networking.contacts.models import Contact

# The people an employer's page shows; the contact list, filtered by employer, has them all.
SHOWN_HERE = 8


@dataclass(frozen=True)
class ContactAdvice:
    contact: Contact
    advice: object


def people_here(employer, user) -> dict:
    """SPEC §1 step 3 and §3: the seeker's contacts at the employer, each with its advice.

    The first ``SHOWN_HERE`` of them, the ideal level first (SPEC §3: two steps above the role,
    not HR), then from the top of the ladder down, then by name; with how many there are in
    all and how many are at the ideal level. Two queries, however many people work there: the
    ideal people's head and the others' head, each read from ``contacts_contact_ladder_idx``
    in its order (on PostgreSQL each part stops at its own ``LIMIT``), and the two counts from
    the same index alone.
    """
    ideal_level = ideal_level_for(user.target_level)
    is_ideal = Q(rung=ideal_level.rank) & ~Q(function=Contact.Function.HR)
    here = Contact.objects.owned_by(user).filter(employer=employer)
    shown_columns = ("pk", "first_name", "last_name", "title", "level", "function", "rung")
    by_name = ("last_name", "first_name", "id")
    ideal = here.filter(is_ideal).annotate(ideal=Value(1)).order_by(*by_name)
    others = here.exclude(is_ideal).annotate(ideal=Value(0)).order_by("-rung", *by_name)
    if connections[here.db].features.supports_slicing_ordering_in_compound:
        ideal, others = ideal[:SHOWN_HERE], others[:SHOWN_HERE]
    else:  # SQLite takes no LIMIT inside a UNION: the union is cut once, below.
        ideal, others = ideal.order_by(), others.order_by()
    heads = ideal.only(*shown_columns).union(others.only(*shown_columns), all=True)
    shown = list(heads.order_by("-ideal", "-rung", *by_name)[:SHOWN_HERE])
    counted = here.aggregate(total=Count("pk"), ideal_total=Count("pk", filter=is_ideal))
    total, ideal_total = counted["total"], counted["ideal_total"]
    contacts = [
        ContactAdvice(contact, advice_for(contact.level, contact.function, user.target_level))
        for contact in shown
    ]
    # The ideal people come first, so those shown are the first rows.
    ideal_contacts = [contact for contact in shown if contact.ideal]
    return {
        "employer": employer,
        "contacts": contacts,
        "total": total,
        "more": total - len(shown),
        "ideal_contacts": ideal_contacts,
        "ideal_total": ideal_total,
        "ideal_more": ideal_total - len(ideal_contacts),
        "ideal_level": ideal_level,
    }


def contact_count(now):
    """How many of the seeker's contacts work at the employer (the list's "contacts").

    ``COUNT(*)``, not of the ids: the employer's index alone answers it (an index-only scan),
    where counting ids reads every one of their rows."""
    counted = (
        Contact.objects.filter(employer=OuterRef("pk"))
        .order_by()
        .values("employer")
        .annotate(total=Count("*"))
        .values("total")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def has_advocate(now):
    """SPEC §1 step 2: the seeker already has a contact there (derived, never typed)."""
    return Exists(Contact.objects.filter(employer=OuterRef("pk")))
