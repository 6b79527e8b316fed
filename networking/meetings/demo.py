"""The demo seeker's story: the meetings chapter.

Maya met Jordan on the last business day: debriefed, two new names, a thank-you due today
(a little over time, too). Ryan, whom Jordan introduced, was met a week ago: thank-you and
close-the-loop done, the follow-up overdue. Priya is booked in two business days and fully
prepared; Sam has been asked for a time; Chloe's meeting took place but is not debriefed;
Kenji's (in Tokyo) was held; Dana, the recruiter, was cancelled.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from core.business_days import add_business_days, business_days_before, is_business_day
from core.models import ValueStatement
from networking.contacts.models import Contact, OutreachAttempt
from networking.contacts.services import log_outreach
from networking.contacts.state import refresh_state
from networking.employers.models import Employer
from networking.meetings import services
from networking.meetings.catalogue import ensure_catalogue
from networking.meetings.models import Meeting, Question

# Maya's own questions in her bank, beside the shared catalogue.
OWN_QUESTIONS = [
    ("How do your designers and engineers decide what ships first?", "insights"),
    ("Which accessibility practices has your team made standard?", "trends"),
]

PRIYA_AGENDA = [
    "How did you get to where you are today?",
    "What changes do you see coming in your field over the next two or three years?",
    "How does your team measure whether its work succeeded?",
    "What would you want to see in the background of someone joining your field?",
]
PRIYA_OWN_QUESTION = "How has the patient-app redesign changed the way your designers work?"


def _contact(user, first, last) -> Contact | None:
    return Contact.objects.owned_by(user).filter(first_name=first, last_name=last).first()


def _business_day(offset: int, zone: ZoneInfo, country: str = "") -> date:
    """Today in ``zone`` moved by ``offset`` business days of ``country`` (negative: back)."""
    today = timezone.now().astimezone(zone).date()
    if offset < 0:
        return business_days_before(today, -offset, country)
    return add_business_days(today, offset, country)


def _slot(contact: Contact, offset: int, hour: int, minute: int = 0) -> datetime:
    """``hour:minute`` in the contact's zone, ``offset`` business days from the seeker's today.

    Counted from the seeker's day, not each contact's: on a Friday evening in Toronto it is
    already Saturday in London, and two meetings counted from two todays could coincide.
    """
    owner = contact.owner
    day = _business_day(offset, owner.zone, owner.country)
    # Never on the contact's public holiday either (SPEC §6a): the next day both work.
    while not (is_business_day(day, contact.country) and is_business_day(day, owner.country)):
        day += timedelta(days=-1 if offset < 0 else 1)
    return datetime.combine(day, time(hour, minute), tzinfo=contact.zone)


def _book(contact, starts_at, status, **fields) -> Meeting:
    meeting = Meeting(contact=contact, starts_at=starts_at, status=status, **fields)
    meeting.full_clean()
    return services.save_meeting(meeting)


def _agenda(meeting, user, texts):
    bank = {q.text: q for q in Question.objects.pickable_for(user).filter(text__in=texts)}
    for text in texts:
        if text in bank:
            services.add_bank_question(meeting, bank[text])


def seed(user) -> None:
    """Add this chapter to the demo seeker user (called by ``manage.py seed_demo``)."""
    ensure_catalogue(Question)  # a database emptied since its migrations lacks it
    for text, category in OWN_QUESTIONS:
        Question.objects.get_or_create(owner=user, text=text, defaults={"category": category})
    values = list(ValueStatement.objects.owned_by(user))
    _jordan(user)
    _ryan(user, values)
    _priya(user, values)
    sam = _contact(user, "Sam", "Ortiz")
    if sam:
        _book(sam, _slot(sam, 3, 11), Meeting.Status.REQUESTED, location="Video call")
    chloe = _contact(user, "Chloe", "Martin")
    if chloe:
        meeting = _book(
            chloe,
            _slot(chloe, -2, 15),
            Meeting.Status.SCHEDULED,
            location="Video call",
            duration_minutes=15,
        )
        _agenda(meeting, user, PRIYA_AGENDA[:3])
        # Typed on the run sheet during the call: the debrief starts from them and offers the
        # two names in them as the people Chloe recommended.
        meeting.run_notes = (
            "Harbor & Pine is moving its reader apps in-house next year.\n"
            "Talk to Marta Lindqvist (head of digital product) and Oskar Brenner in Berlin.\n"
            "She liked the $1.2M upgrade story; send the case study."
        )
        meeting.save(update_fields=["run_notes"])
    kenji = _contact(user, "Kenji", "Watanabe")
    if kenji:
        _book(kenji, _slot(kenji, -1, 9, 30), Meeting.Status.HELD, location="Video call")
    dana = _contact(user, "Dana", "Whitfield")
    if dana:
        meeting = _book(
            dana,
            _slot(dana, 4, 14),
            Meeting.Status.SCHEDULED,
            location="Northwind Health, 200 King St W",
        )
        services.cancel_meeting(meeting)
    # Ryan's thank-you and update are written directly: store the contacts' state again.
    refresh_state(*Contact.objects.owned_by(user).values_list("pk", flat=True))


def _jordan(user) -> None:
    jordan = _contact(user, "Jordan", "Lee")
    if jordan is None:
        return
    meeting = _book(
        jordan,
        _slot(jordan, -1, 10),
        Meeting.Status.SCHEDULED,
        location="Lumen Labs, 4th floor café",
    )
    _agenda(meeting, user, PRIYA_AGENDA[1:])
    answers = list(meeting.agenda_items.all())
    notes = [
        "Design systems and research ops are where design teams grow next.",
        "Adoption and support tickets, not screens shipped: bring numbers.",
    ]
    for item, note in zip(answers, notes, strict=False):
        item.good_answer, item.note = True, note
    meeting.actual_minutes, meeting.impression, meeting.resume_left = 24, "engaged", True
    meeting.notes = (
        "Lumen is merging its two design teams next year. Jordan suggested I talk to the "
        "people running design systems, and offered to forward my portfolio."
    )
    orchid = Employer.objects.owned_by(user).filter(name="Orchid Analytics").first()
    services.record_debrief(
        meeting,
        answers=answers,
        referrals=[
            {
                "first_name": "Wei",
                "last_name": "Zhang",
                "title": "Principal Product Designer",
                "employer": jordan.employer,
                "email": "wei.zhang@example.com",
                "note": "Runs Lumen's design system; Jordan will introduce us.",
            },
            {
                "first_name": "Olivia",
                "last_name": "Grant",
                "title": "Director of Design",
                "employer": orchid,
                "new_employer": "" if orchid else "Orchid Analytics",
                "email": "olivia.grant@example.com",
                "note": "Hiring manager type, very generous with advice.",
            },
        ],
    )


def _ryan(user, values) -> None:
    ryan = _contact(user, "Ryan", "O'Connor")
    if ryan is None:
        return
    meeting = _book(ryan, _slot(ryan, -6, 13, 30), Meeting.Status.HELD, location="Video call")
    _agenda(meeting, user, PRIYA_AGENDA[:2])
    meeting.value_statements.set(values[:1])
    meeting.actual_minutes, meeting.impression, meeting.resume_left = 20, "neutral", False
    meeting.notes = "Peer view of Lumen's design team; useful, little influence."
    result = services.record_debrief(meeting, answers=list(meeting.agenda_items.all()))
    for task in result.tasks:
        if task.kind == task.Kind.FOLLOW_UP:
            continue  # overdue since yesterday: the demo's nudge
        sent = datetime.combine(task.due_on, time(9, 30), tzinfo=task.contact.zone)
        if task.kind == task.Kind.THANK_YOU:
            # Logged on Ryan's page, as a seeker does: the note ticks its task.
            log_outreach(
                task.contact,
                kind="thank_you",
                channel="email",
                sent_at=sent,
                message="Thank you for your time and your view of Lumen's design team.",
            )
            continue
        update = OutreachAttempt.objects.create(
            contact=task.contact, kind="update", sent_at=sent, message=task.title
        )
        task.done, task.done_at, task.outreach = True, sent, update
        task.save(update_fields=["done", "done_at", "outreach"])


def _priya(user, values) -> None:
    priya = _contact(user, "Priya", "Raman")
    if priya is None:
        return
    meeting = _book(
        priya,
        _slot(priya, 2, 10, 30),
        Meeting.Status.SCHEDULED,
        location="Northwind Health, 200 King St W, 8th floor",
        research_notes=(
            "Northwind is rebuilding its patient app (launch in spring). Priya came from "
            "an agency; she speaks often about accessibility. Jordan worked with her in 2022."
        ),
        will_ask_resume=True,
        will_let_them_steer=True,
    )
    _agenda(meeting, user, PRIYA_AGENDA)
    item = meeting.agenda_items.model(meeting=meeting, text=PRIYA_OWN_QUESTION)
    services.add_own_question(item)
    meeting.value_statements.set(values[:2])
