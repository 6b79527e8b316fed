"""A contact's next step, decided once (SPEC §3, §4).

The flash after a contact is saved, the contact page (its "Next" line and its primary
button), the contact list and the dashboard all ask ``next_step``. The cadence decides the
outreach (``cadence.next_action``); before any of it, targeting comes first: nobody is walked
into writing to a recruiter (SPEC §3). For an HR contact not yet written to, the next step is
the line manager two steps above the role at the same employer; writing to them stays
possible, as a secondary action.
"""

from dataclasses import replace
from urllib.parse import urlencode

from django.urls import reverse

from core.ladder import HR, ideal_level_for
from networking.contacts import cadence
from networking.contacts.cadence import NextAction
from networking.contacts.models import Contact, Status

LINE_MANAGER = "Find the line manager two levels up"


def next_step(contact: Contact, *, target_level: str, seeker_country: str = "") -> NextAction:
    """What to do next with a contact annotated by ``with_status``, for a seeker aiming at
    ``target_level``: the line manager when the contact is HR and not written to yet, else
    the outreach's next move (its thank-you on a business day of ``seeker_country``)."""
    if contact.function == Contact.Function.HR and contact.status == Status.IDENTIFIED:
        return line_manager_step(contact, target_level)
    action = cadence.next_action(contact, contact.zone, seeker_country)
    if contact.status == Status.IDENTIFIED:
        url = reverse("contacts:outreach_create", args=[contact.pk])
        return replace(action, url=f"{url}?kind=request")
    if contact.status == Status.ACCEPTED:
        return replace(action, url=f"{reverse('meetings:create')}?contact={contact.pk}")
    return action


def line_manager_step(contact: Contact, target_level: str) -> NextAction:
    """SPEC §3: aim for the line manager two steps above the role, at the contact's employer:
    a link to a new contact there, at the ideal level."""
    ideal = ideal_level_for(target_level)
    params = {"level": ideal.value}
    label = LINE_MANAGER
    if contact.employer_id:
        params = {"employer": contact.employer_id, **params}
        label = f"{LINE_MANAGER} at {contact.employer.name}"
    return NextAction(
        label,
        tone="primary",
        url=f"{reverse('contacts:create')}?{urlencode(params)}",
        text=f"{HR.text} For the role you want, that is a {ideal.label.lower()}.",
    )


def flash_text(contact: Contact, step: NextAction) -> str:
    """What the seeker reads after saving a new contact: its next step."""
    return f"{contact} added. Next: {step.label[:1].lower()}{step.label[1:]}."
