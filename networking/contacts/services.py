"""Writes that span models: a contact saved together with an employer typed in inline."""

from django.db import transaction

from networking.contacts.models import Contact
from networking.employers.services import employer_named


@transaction.atomic
def save_contact(contact: Contact, *, owner, new_employer_name: str = "") -> Contact:
    """Save a new or edited contact of ``owner``'s, already validated (by ``ContactForm``).

    ``new_employer_name`` is an employer typed in beside the list of the seeker's own: it is
    matched by name, case-insensitively, and added to their employers when missing.
    """
    if contact.owner_id != owner.pk:
        raise ValueError("A contact is saved only for the seeker who owns it.")
    if new_employer_name:
        contact.employer = employer_named(owner=owner, name=new_employer_name)
    contact.save()
    return contact
