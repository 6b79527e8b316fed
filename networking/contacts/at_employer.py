"""What the contacts app tells an employer's pages: who works there, and what to do next.

The employers app knows nothing of contacts; it offers a panel slot on its page and asks
for columns on its ranked list (core/panels.py, core/columns.py), and this module fills
them from ``ContactsConfig.ready()``.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from core.ladder import advice_for, ideal_level_for
from networking.contacts.models import Contact


@dataclass(frozen=True)
class ContactAdvice:
    contact: Contact
    advice: object


def people_here(employer, user) -> dict:
    """SPEC §1 step 3 and §3: the seeker's contacts at the employer, each with its advice."""
    contacts = [
        ContactAdvice(contact, advice_for(contact.level, contact.function, user.target_level))
        for contact in Contact.objects.owned_by(user).filter(employer=employer)
    ]
    return {
        "employer": employer,
        "contacts": contacts,
        "ideal_contacts": [item.contact for item in contacts if item.advice.is_ideal],
        "ideal_level": ideal_level_for(user.target_level),
    }


def contact_count(now):
    """How many of the seeker's contacts work at the employer (the list's "contacts")."""
    counted = (
        Contact.objects.filter(employer=OuterRef("pk"))
        .order_by()
        .values("employer")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def has_advocate(now):
    """SPEC §1 step 2: the seeker already has a contact there (derived, never typed)."""
    return Exists(Contact.objects.filter(employer=OuterRef("pk")))
