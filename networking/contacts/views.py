"""Contacts, their advice, and polite outreach (SPEC §1 steps 3–4, §3, §4, §7)."""

from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from core.cascades import what_goes_with
from core.date_window import local_day
from core.http import redirect_back
from core.ladder import rungs
from core.paging import Paginator
from core.pickers import MATCHES, picker_options_response, search_terms
from networking.contacts import cadence, drafts, selectors, services
from networking.contacts.forms import (
    ContactFilterForm,
    ContactForm,
    OutreachForm,
    ReplyForm,
    contact_label,
)
from networking.contacts.models import Contact, OutreachAttempt
from networking.contacts.next_step import flash_text, next_step
from networking.contacts.state import settle_meeting_dates


def _owned_contact(request, pk):
    contacts = Contact.objects.owned_by(request.user).with_status()
    contact = get_object_or_404(contacts.select_related("employer", "referred_by"), pk=pk)
    return settle_meeting_dates([contact])[0]


@login_required
def contact_list(request):
    filter_form = ContactFilterForm(request.GET or None, owner=request.user)
    filters = filter_form.filters()
    contacts = selectors.contacts_for_list(request.user, filters)
    page_obj = Paginator(contacts, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    selectors.decorate(page_obj.object_list, request.user)
    has_any = bool(page_obj.object_list) or Contact.objects.owned_by(request.user).exists()
    return render(
        request,
        "contacts/contact_list.html",
        {
            "page_obj": page_obj,
            "contacts": page_obj.object_list,
            "filter_form": filter_form,
            "filtered": bool(filters),
            "has_any": has_any,
        },
    )


@login_required
def contact_create(request):
    contact = Contact(owner=request.user)
    form = ContactForm(request.POST or None, instance=contact, owner=request.user)
    if request.method != "POST":
        form.initial_from(request.GET)
    if _saved(form, request.user):
        saved = _owned_contact(request, contact.pk)
        step = next_step(
            saved, target_level=request.user.target_level, seeker_country=request.user.country
        )
        messages.success(request, flash_text(saved, step))
        _say_which_employer(request, form, contact)
        return redirect(contact)
    return render(request, "contacts/contact_form.html", _form_context(request, form))


def _form_context(request, form, **extra):
    """The contact form, with the ladder to tell the rungs apart (SPEC §3)."""
    return {"form": form, "rungs": rungs(request.user.target_level), **extra}


@login_required
@require_GET
def contact_pick(request):
    """A picker's search (htmx): up to MATCHES of the seeker's contacts, as options."""
    query = search_terms(request)
    matches = selectors.contacts_matching(request.user, query, MATCHES + 1)
    return picker_options_response(request, matches, label=contact_label, query=query)


def _saved(form, owner) -> bool:
    """Save a valid contact form; a twin saved at the same moment is the form's error."""
    if not form.is_valid():
        return False
    try:
        services.save_contact(
            form.save(commit=False),
            owner=owner,
            new_employer_name=form.cleaned_data["new_employer"],
        )
    except ValidationError as refusal:
        form.add_error(None, refusal)
        return False
    return True


def _say_which_employer(request, form, contact):
    """An employer typed in that is one the seeker has, spelled otherwise, is said so."""
    typed = form.cleaned_data["new_employer"]
    if typed and contact.employer.name != typed:
        messages.info(
            request, f"“{typed}” is your employer “{contact.employer.name}”: {contact} is there."
        )


@login_required
def contact_edit(request, pk):
    contact = get_object_or_404(Contact.objects.owned_by(request.user), pk=pk)
    form = ContactForm(request.POST or None, instance=contact, owner=request.user)
    if _saved(form, request.user):
        messages.success(request, f"{contact} saved.")
        _say_which_employer(request, form, contact)
        return redirect(contact)
    return render(
        request, "contacts/contact_form.html", _form_context(request, form, contact=contact)
    )


@login_required
def contact_detail(request, pk):
    contact = _owned_contact(request, pk)
    page = selectors.contact_page(contact, owner=request.user)
    return render(request, "contacts/contact_detail.html", _with_reply_forms(page))


@login_required
@require_POST
def referral_dismiss(request, pk):
    """Set a referral aside: it is no longer offered as a next best action (POST only)."""
    contact = get_object_or_404(
        Contact.objects.owned_by(request.user).filter(referred_by__isnull=False), pk=pk
    )
    if services.dismiss_referral(contact, now=timezone.now()):
        # The message carries its own "Undo" (``includes/_messages.html`` reads the address).
        undo = reverse("contacts:referral_restore", args=[contact.pk])
        messages.success(
            request,
            f"{contact.full_name} is set aside: no longer suggested as someone to write to.",
            extra_tags=f"undo:{undo}",
        )
    return redirect_back(request, "dashboard")


@login_required
@require_POST
def referral_restore(request, pk):
    """Undo "Dismiss": the referral is offered again as someone to write to (POST only)."""
    contact = get_object_or_404(
        Contact.objects.owned_by(request.user).filter(referred_by__isnull=False), pk=pk
    )
    if services.restore_referral(contact):
        messages.success(request, f"{contact.full_name} is back among the people to write to.")
    return redirect_back(request, "dashboard")


def _with_reply_forms(page, bound=None):
    """A reply box on the message awaiting an answer, or the one whose answer was refused."""
    for attempt in page["attempts"]:
        if bound is not None and bound.instance.pk == attempt.pk:
            attempt.reply_form = bound
        elif attempt.awaits_reply:
            attempt.reply_form = ReplyForm(instance=attempt, prefix=f"reply-{attempt.pk}")
    return page


@login_required
def contact_delete(request, pk):
    contact = get_object_or_404(Contact.objects.owned_by(request.user), pk=pk)
    if request.method == "POST":
        name = str(contact)
        contact.delete()
        messages.success(request, f"{name} deleted, with everything about them.")
        return redirect("contacts:list")
    return render(
        request,
        "contacts/contact_confirm_delete.html",
        {
            "contact": contact,
            "goes_with": what_goes_with(contact),
            "introduced_count": contact.referrals.count(),
        },
    )


def _kind_to_write(asked, cycle):
    """The kind named in the address, else a follow-up while a request is open, else a request."""
    if asked in OutreachAttempt.Kind.values:
        return asked
    if cycle.open and cycle.last_request_at:
        return OutreachAttempt.Kind.FOLLOW_UP
    return OutreachAttempt.Kind.REQUEST


def _draft(kind, contact, user, cycle):
    asked_on = local_day(cycle.last_request_at, contact.zone) if cycle.requested else None
    return drafts.propose(kind, contact, user, asked_on)


def _mailto(contact, subject, body):
    return f"mailto:{quote(contact.email)}?subject={quote(subject)}&body={quote(body)}"


@login_required
def outreach_create(request, pk):
    """GET proposes a message (its kind, a draft, a good moment to send it); POST logs it."""
    contact = _owned_contact(request, pk)
    cycle = cadence.Cycle.of(contact)
    kind = _kind_to_write(request.GET.get("kind"), cycle)
    if request.method == "POST":
        return _log_outreach(request, contact, cycle, kind)
    return _propose_outreach(request, contact, cycle, kind)


def _propose_outreach(request, contact, cycle, kind):
    draft = _draft(kind, contact, request.user, cycle)
    now = timezone.now()
    sent_at = cadence.next_good_moment(now, contact.zone, contact.country)
    sent_at = timezone.localtime(sent_at).replace(second=0, microsecond=0)
    initial = {"kind": kind, "sent_at": sent_at, "message": draft.body}
    form = OutreachForm(initial=initial, contact=contact, cycle=cycle)
    if sent_at > now:
        form.fields["sent_at"].help_text = (
            "In your time zone. Proposed: when their business hours next begin. "
            "Already sent? Put the time you sent it."
        )
    form.assess(kind, sent_at)
    return _outreach_page(request, contact, form, kind, draft, draft.body)


def _log_outreach(request, contact, cycle, kind):
    attempt = OutreachAttempt(contact=contact)
    form = OutreachForm(request.POST, instance=attempt, contact=contact, cycle=cycle)
    try:
        if form.is_valid():
            attempt = services.log_outreach(contact, **form.values())
    except ValidationError as refusal:  # another submit changed the cycle since the form looked
        form.refuse(refusal)
    if not form.is_valid():
        draft = _draft(kind, contact, request.user, cycle)
        kind, message = request.POST.get("kind", kind), request.POST.get("message", "")
        return _outreach_page(request, contact, form, kind, draft, message)
    for warning in form.warnings:
        messages.warning(request, warning)
    text = f"{attempt.get_kind_display()} to {contact} logged."
    if attempt.kind == OutreachAttempt.Kind.REQUEST:
        rules = drafts.check_request(attempt.message, contact)
        text += f" Draft check: {drafts.summary(rules)}."
    messages.success(request, text)
    return redirect(contact)


def _outreach_page(request, contact, form, kind, draft, message):
    return render(
        request,
        "contacts/outreach_form.html",
        {
            "contact": contact,
            "form": form,
            "subject": draft.subject,
            "mailto": _mailto(contact, draft.subject, message),
            **_check_context(request, contact, kind, message, form),
        },
    )


def _check_context(request, contact, kind, message, form):
    their_time = None
    if form.sent_at and contact.timezone != request.user.timezone:
        their_time = f"{form.sent_at.astimezone(contact.zone):%A %H:%M}"
    return {
        "kind": kind,
        "rules": _rules(kind, message, contact),
        "refusal": form.refusal,
        "warnings": form.warnings,
        "their_time": their_time,
    }


def _rules(kind, message, contact):
    """A request is checked against every draft rule; any other message against what it
    never asks (SPEC §4, §5)."""
    if kind == OutreachAttempt.Kind.REQUEST:
        return drafts.check_request(message, contact)
    return drafts.check_message(message)


@login_required
@require_POST
def outreach_check(request, pk):
    """The live draft check (htmx): the same rules and cadence as on submit, as a checklist."""
    contact = _owned_contact(request, pk)
    cycle = cadence.Cycle.of(contact)
    form = OutreachForm(request.POST, contact=contact, cycle=cycle)
    form.is_valid()
    kind = request.POST.get("kind", "request")
    message = request.POST.get("message", "")
    context = {"contact": contact, **_check_context(request, contact, kind, message, form)}
    return render(request, "contacts/_draft_check.html", context)


@login_required
@require_POST
def outreach_reply(request, pk, attempt_pk):
    contact = _owned_contact(request, pk)
    attempt = get_object_or_404(contact.outreach.all(), pk=attempt_pk)
    form = ReplyForm(request.POST, instance=attempt, prefix=f"reply-{attempt.pk}")
    try:
        if form.is_valid():
            attempt = services.record_reply(attempt, **form.cleaned_data)
    except ValidationError as refusal:  # answered already, in another tab or a double submit
        form.add_error(None, refusal)
    if form.is_valid():
        if attempt.reply == OutreachAttempt.Reply.ACCEPTED:
            messages.success(request, f"{contact} said yes! Book the meeting while it is fresh.")
        else:
            messages.success(request, f"Reply recorded: {attempt.get_reply_display().lower()}.")
        return redirect(contact)
    page = selectors.contact_page(contact, owner=request.user)
    return render(request, "contacts/contact_detail.html", _with_reply_forms(page, bound=form))


@login_required
def outreach_delete(request, pk, attempt_pk):
    contact = get_object_or_404(Contact.objects.owned_by(request.user), pk=pk)
    attempt = get_object_or_404(contact.outreach.all(), pk=attempt_pk)
    if request.method == "POST":
        services.delete_outreach(attempt)
        messages.success(request, "Outreach entry deleted.")
        return redirect(contact)
    return render(
        request, "contacts/outreach_confirm_delete.html", {"contact": contact, "attempt": attempt}
    )
