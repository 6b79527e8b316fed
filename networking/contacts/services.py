"""Writes that span models: a contact saved together with an employer typed in inline."""

from django.db import transaction

from networking.employers.models import Employer


@transaction.atomic
def save_contact(form):
    """Save a valid ``ContactForm``; a new employer name is matched case-insensitively first.

    The seeker's employers are unique by name, so "lumen labs" finds "Lumen Labs".
    """
    contact = form.save(commit=False)
    new_name = form.cleaned_data.get("new_employer")
    if new_name:
        employer = Employer.objects.owned_by(form.owner).filter(name__iexact=new_name).first()
        contact.employer = employer or Employer.objects.create(owner=form.owner, name=new_name)
    contact.save()
    return contact
