"""Writes of the contacts area, each one transaction: a contact saved with an employer typed
in inline, and outreach logged or answered one at a time per contact (SPEC §4)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404

from networking.contacts import cadence
from networking.contacts.models import WITH_A_MEETING, Contact, OutreachAttempt, twin_refusal
from networking.contacts.state import refresh_state
from networking.employers.services import employer_named


def save_contact(contact: Contact, *, owner, new_employer_name: str = "") -> Contact:
    """Save a new or edited contact of ``owner``'s, already validated (by ``ContactForm``).

    ``new_employer_name`` is an employer typed in beside the list of the seeker's own: it is
    matched by name, case-insensitively, and added to their employers when missing.

    SPEC §6, the same email is the same person: a twin submitted at the same moment passes
    the form's check too, and the database's unique email per seeker refuses the second.
    That is a ``ValidationError`` naming the contact already there, and nothing is written.
    An edited contact's state (``state.py``) is stored again in the same transaction.
    """
    if contact.owner_id != owner.pk:
        raise ValueError("A contact is saved only for the seeker who owns it.")
    editing = contact.pk is not None
    try:
        with transaction.atomic():
            if new_employer_name:
                contact.employer = employer_named(owner=owner, name=new_employer_name)
            contact.save()
            if editing:
                # Its zone may have moved its cadence's dates; and the edit, read before,
                # must not stand for the state its history wrote since. The row is locked.
                refresh_state(contact.pk, locked=True)
    except IntegrityError:
        twin = _email_twin(contact)
        if twin is None:
            raise
        raise twin_refusal(twin) from None
    return contact


def _email_twin(contact: Contact) -> Contact | None:
    if not contact.email:
        return None
    others = Contact.objects.owned_by(contact.owner_id).exclude(pk=contact.pk)
    return others.filter(email__iexact=contact.email).first()


# --- what the apps above do with a message logged or deleted ---------------------------------


@dataclass(frozen=True)
class OutreachHook:
    """What an app higher in the walk does when a message is logged or deleted, in the same
    transaction, under the contact's lock. The meetings app ticks the thank-you task a
    thank-you note answers (and reopens it when the note is deleted): the contacts app never
    knows tasks. ``logged`` may refuse the message with a ``ValidationError``; nothing is then
    written."""

    logged: Callable[[OutreachAttempt], None]
    deleted: Callable[[OutreachAttempt], None]


_hooks: dict[str, OutreachHook] = {}


def add_outreach_hook(name: str, *, logged, deleted) -> None:
    """Called from the higher app's ``AppConfig.ready()``; the same name twice keeps one."""
    _hooks[name] = OutreachHook(logged, deleted)


def lock_contact(contact_pk: int) -> None:
    """Take the contact's lock, as every write of their outreach does first: a writer above
    (ticking a thank-you task) takes it before its own rows, in the same order as
    ``log_outreach``, so the two never wait for each other."""
    _lock(contact_pk)


def _lock(contact_pk: int) -> None:
    """Hold the contact's row until the transaction ends.

    Every write to a contact's outreach takes this lock first, so two of them at once run
    one after the other (on PostgreSQL; SQLite writes one at a time anyway). Whatever the
    writer then needs to read is read in a statement of its own, after the lock: a statement
    that waited for the lock would still see the outreach as it was before it waited.
    """
    # Deleted meanwhile (another tab): a 404, as the page would have answered a moment earlier.
    get_object_or_404(Contact.objects.select_for_update().values_list("pk"), pk=contact_pk)


# The messages the cadence does not count: sent twice at once, they are one.
ONE_ENTRY_A_NOTE = (OutreachAttempt.Kind.THANK_YOU, OutreachAttempt.Kind.UPDATE)


def log_outreach(
    contact: Contact,
    *,
    kind: str,
    channel: str,
    sent_at,
    message: str = "",
    reply: str = OutreachAttempt.Reply.NONE,
    replied_at=None,
    run_hooks: bool = True,
) -> OutreachAttempt:
    """Log a message to ``contact``, unless it would be hounding (SPEC §4): at most 2
    follow-ups per request, none after a decline, a new request 60 days after the last attempt.

    The rule is ``cadence.refusal``, the one the outreach form shows as the message is typed.
    Here it is applied again, under the contact's lock, to the cycle as it now stands, so a
    submit that raced another one sees it. Raises ``ValidationError`` with the refusal.

    One note, one entry: the same thank-you or update logged again (a double submit, two
    tabs) is the entry already there. (A request or a follow-up sent again is the cadence's
    to judge, as above.) The apps above are told (``add_outreach_hook``). With
    ``run_hooks`` false, the caller is one of them doing its own part (ticking a task, once
    under the task's lock): neither the hooks nor that check apply.
    """
    with transaction.atomic():
        _lock(contact.pk)
        current = Contact.objects.with_status().get(pk=contact.pk)
        refusal = cadence.refusal(
            kind,
            cadence.Cycle.of(current),
            current.zone,
            sent_at,
            current.full_name,
            meeting=current.status in WITH_A_MEETING,
            country=current.country,
        )
        if refusal:
            raise ValidationError(refusal, code="hounding")
        if run_hooks and kind in ONE_ENTRY_A_NOTE:
            same = OutreachAttempt.objects.filter(
                contact=contact, kind=kind, channel=channel, sent_at=sent_at, message=message
            ).first()
            if same is not None:
                return same
        attempt = OutreachAttempt.objects.create(
            contact=contact,
            kind=kind,
            channel=channel,
            sent_at=sent_at,
            message=message,
            reply=reply,
            replied_at=replied_at,
        )
        if run_hooks:
            for hook in _hooks.values():
                hook.logged(attempt)
        refresh_state(contact.pk, locked=True)
        return attempt


def record_reply(attempt: OutreachAttempt, *, reply: str, replied_at) -> OutreachAttempt:
    """Record the answer to a request or a follow-up, once (SPEC §4).

    Under the contact's lock, like ``log_outreach``: an answer and a follow-up sent at the
    same moment are taken one after the other, so a follow-up never slips in after a decline.
    The same answer submitted twice is kept once; a different answer to a message already
    answered is refused with a ``ValidationError``.
    """
    with transaction.atomic():
        _lock(attempt.contact_id)
        current = OutreachAttempt.objects.get(pk=attempt.pk)
        if current.reply == reply:
            return current
        if current.reply != OutreachAttempt.Reply.NONE:
            raise ValidationError(
                f"Their answer is recorded already: {current.get_reply_display().lower()}.",
                code="answered",
            )
        current.reply, current.replied_at = reply, replied_at
        current.save(update_fields=["reply", "replied_at"])
        refresh_state(current.contact_id, locked=True)
        return current


def delete_outreach(attempt: OutreachAttempt) -> None:
    """Delete a logged message; the contact's state is the history without it."""
    with transaction.atomic():
        _lock(attempt.contact_id)
        for hook in _hooks.values():
            hook.deleted(attempt)
        attempt.delete()
        refresh_state(attempt.contact_id, locked=True)


def dismiss_referral(contact: Contact, *, now) -> bool:
    """The seeker chooses not to write to someone recommended to them: the referral leaves the
    dashboard and the morning email for good. ``False`` when it was already dismissed (a double
    click keeps the first one's time) or is no referral at all."""
    return _mark_referral(contact, dismissed_at=now)


def restore_referral(contact: Contact) -> bool:
    """Undo a dismissal: the referral is offered again as someone to write to (while they are
    still only identified). ``False`` when it was not dismissed."""
    return _mark_referral(contact, dismissed_at=None)


def _mark_referral(contact: Contact, *, dismissed_at) -> bool:
    """Dismiss (a time) or restore (``None``) a referral not already so, in one conditional
    ``UPDATE``: of two at once, the second finds it done and changes nothing."""
    changed = Contact.objects.filter(
        pk=contact.pk,
        referred_by__isnull=False,
        referral_dismissed_at__isnull=dismissed_at is not None,
    ).update(referral_dismissed_at=dismissed_at)
    return bool(changed)
