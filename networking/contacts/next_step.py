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

from core.ladder import HR, ideal_level_for
from core.paths import path_to
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
    url, button = _where(contact, action)
    return replace(action, url=url, button=button)


def _where(contact: Contact, action: NextAction) -> tuple[str, str]:
    """Where the next step is done and the words of its button. Someone already met is thanked
    and then kept posted, never asked for a meeting again; someone resting or who declined is
    asked again only once the cadence allows it (``action.due_on``); a meeting booked is
    prepared on its own page (``meetings:prepare_next`` finds it)."""
    write = path_to("contacts:outreach_create", contact.pk)
    status = contact.status
    if status == Status.IDENTIFIED:
        return f"{write}?kind=request", "Draft a request"
    if status == Status.ACCEPTED:
        return f"{path_to('meetings:create')}?contact={contact.pk}", "Book the meeting"
    if status == Status.SCHEDULED:
        return path_to("meetings:prepare_next", contact.pk), "Prepare the meeting"
    if status == Status.MET:
        return f"{write}?kind=thank_you", "Log the thank-you note"
    if status == Status.NURTURING:
        return f"{write}?kind=update", "Log an update"
    if status == Status.REDIRECTED:
        return f"{path_to('contacts:create')}?referred_by={contact.pk}", "Add the person suggested"
    if status in (Status.DECLINED, Status.RESTING):
        return f"{write}?kind=request", "Draft a new request"
    return f"{write}?kind=follow_up", "Log a follow-up"


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
        url=f"{path_to('contacts:create')}?{urlencode(params)}",
        text=f"{HR.text} For the role you want, that is a {ideal.label.lower()}.",
        button="Find the line manager",
    )


def flash_text(contact: Contact, step: NextAction) -> str:
    """What the seeker reads after saving a new contact: its next step."""
    return f"{contact} added. Next: {step.label[:1].lower()}{step.label[1:]}."
