"""The demo seeker's story: the opportunities chapter.

Sam (whom Priya introduced, whom Jordan introduced: a referral of a referral) suggested Maya
apply at Brightpath: she applied, told him so, and the interview is today, so a note to close
the loop with Sam is due. Ryan mentioned a design-systems role at Lumen in their meeting: a
lead. A posting at Fernleaf Bank, found on her own, reached an offer; the recruiter raised
salary at the first interview, so its figures are kept.
"""

from datetime import date, datetime, time

from core.business_days import business_days_before
from networking.contacts.models import Contact, OutreachAttempt
from networking.contacts.state import refresh_state
from networking.employers.models import Employer
from networking.meetings.models import Meeting
from networking.opportunities import services
from networking.opportunities.models import Opportunity, Source, Stage


def _contact(user, first, last) -> Contact | None:
    return (
        Contact.objects.owned_by(user)
        .select_related("employer")
        .filter(first_name=first, last_name=last)
        .first()
    )


def seed(user) -> None:
    """Add this chapter to the demo seeker (called by ``manage.py seed_demo``)."""
    today = user.today()

    def ago(days: int) -> date:
        return business_days_before(today, days)

    _sam(user, ago, today)
    _ryan(user, ago)
    _fernleaf(user, ago)


def _sam(user, ago, today) -> None:
    sam = _contact(user, "Sam", "Ortiz")
    if sam is None or sam.employer is None:
        return
    opportunity = Opportunity(
        owner=user,
        employer=sam.employer,
        title="Senior Product Designer, Learning Platform",
        url="https://careers.example.com/brightpath/senior-product-designer",
        source=Source.CONTACT,
        contact=sam,
        notes="Sam answered my request with the posting: the team is rebuilding its course "
        "player and he thought my upgrade-flow work fits.",
    )
    services.create_opportunity(opportunity, on=ago(5))
    applied = services.change_stage(opportunity, Stage.APPLIED, on=ago(4))
    # Maya told Sam the next morning that she had applied: that loop is closed.
    task = applied.task
    sent = datetime.combine(ago(3), time(9, 30), tzinfo=sam.zone)
    note = OutreachAttempt.objects.create(
        contact=sam,
        kind=OutreachAttempt.Kind.UPDATE,
        sent_at=sent,
        message="Thank you for pointing me to the role: I applied yesterday.",
    )
    task.done, task.done_at, task.outreach = True, sent, note
    task.save(update_fields=["done", "done_at", "outreach"])
    # The first interview is today: tell Sam how it went.
    services.change_stage(opportunity, Stage.INTERVIEWING, on=today)
    refresh_state(sam.pk)


def _ryan(user, ago) -> None:
    ryan = _contact(user, "Ryan", "O'Connor")
    if ryan is None or ryan.employer is None:
        return
    meeting = Meeting.objects.owned_by(user).filter(contact=ryan).first()
    opportunity = Opportunity(
        owner=user,
        employer=ryan.employer,
        title="Product Designer, Design Systems",
        source=Source.MEETING if meeting else Source.CONTACT,
        contact=ryan,
        meeting=meeting,
        notes="Ryan mentioned the design-systems team will hire after the merger.",
    )
    services.create_opportunity(opportunity, on=ago(5))


def _fernleaf(user, ago) -> None:
    fernleaf = Employer.objects.owned_by(user).filter(name="Fernleaf Bank").first()
    if fernleaf is None:
        return
    opportunity = Opportunity(
        owner=user,
        employer=fernleaf,
        title="Senior Product Designer, Digital Banking",
        url="https://careers.example.com/fernleaf/senior-product-designer",
        source=Source.POSTING,
        stage=Stage.APPLIED,
    )
    services.create_opportunity(opportunity, on=ago(20))
    services.change_stage(opportunity, Stage.INTERVIEWING, on=ago(12))
    services.change_stage(opportunity, Stage.OFFER, on=ago(2))
    opportunity.refresh_from_db()
    opportunity.salary_raised_by = "Fernleaf's recruiter, at the first interview"
    opportunity.salary_raised_on = ago(12)
    opportunity.salary_min, opportunity.salary_max = 118_000, 128_000
    opportunity.salary_currency = "CAD"
    opportunity.salary_notes = "Plus a 10% bonus target; they asked for an answer within a week."
    services.record_salary(opportunity)
