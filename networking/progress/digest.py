"""The daily email: what is due for a seeker today, as the dashboard says it (SPEC §1).

It reads the same selectors as the dashboard (``networking/progress/dashboard.py``) with the
same cut-offs, so the email and the page never disagree: debriefs to write, thank-yous and
follow-ups after meetings, thank-you notes due that no debrief has made a task yet, polite
follow-ups that are due (never a third), today's meetings with how far their preparation has
gone, and the people recommended to the seeker whom they have not written to yet. Each item
links to the page where it is done, by absolute address
(``SITE_URL``): the email is read away from the site.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from core.reminders import unsubscribe_token
from core.rules import all_words
from networking.contacts import selectors as contacts
from networking.meetings import selectors as meetings
from networking.progress.dashboard import Shown, first_rows, thank_yous_due


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


@dataclass
class Digest:
    user: object
    today: object
    needing_debrief: Shown
    tasks_due: Shown
    thank_yous_due: Shown
    follow_ups_due: Shown
    meetings_today: list
    referrals: Shown

    @property
    def count(self) -> int:
        return (
            self.needing_debrief.total
            + self.tasks_due.total
            + self.thank_yous_due.total
            + self.follow_ups_due.total
            + len(self.meetings_today)
            + self.referrals.total
        )

    @property
    def is_empty(self) -> bool:
        return self.count == 0

    @property
    def subject(self) -> str:
        day = f"{self.today:%A} {self.today.day} {self.today:%B}"
        things = "one thing" if self.count == 1 else f"{self.count} things"
        return f"Schmooze · {things} for {day}"


def meetings_today(user, today):
    """The seeker's meetings still to come today (their date), each with ``has_agenda`` and
    ``has_values``: its preparation."""
    zone = user.zone
    start = datetime.combine(today, time.min, tzinfo=zone)
    return list(
        meetings.upcoming_meetings(user)
        .with_preparation()
        .filter(starts_at__gte=start, starts_at__lt=start + timedelta(days=1))
        .order_by("starts_at")
    )


def digest_for(user) -> Digest:
    today = meetings.today_for(user)
    meetings_url = reverse("meetings:list")
    return Digest(
        user=user,
        today=today,
        needing_debrief=first_rows(
            meetings.meetings_needing_debrief(user), f"{meetings_url}?tab=debrief"
        ),
        tasks_due=first_rows(
            meetings.tasks_due(user),
            f"{meetings_url}#tasks-h",
        ),
        thank_yous_due=thank_yous_due(user, today),
        follow_ups_due=first_rows(
            contacts.follow_ups_due(user, today), f"{reverse('contacts:list')}?due=on"
        ),
        meetings_today=meetings_today(user, today),
        referrals=first_rows(contacts.referrals_to_write_to(user), reverse("contacts:list")),
    )


def unsubscribe_url(user) -> str:
    return absolute(reverse("digest_unsubscribe", args=[unsubscribe_token(user)]))


def digest_message(digest: Digest) -> EmailMultiAlternatives:
    """The email, plain text and HTML, with the one-click unsubscribe headers (RFC 8058)."""
    user = digest.user
    unsubscribe = unsubscribe_url(user)
    context = {
        "digest": digest,
        "user": user,
        "site_url": settings.SITE_URL,
        "unsubscribe_url": unsubscribe,
        "profile_url": absolute(reverse("profile")),
        "dashboard_url": absolute(reverse("dashboard")),
        "method": all_words(),
    }
    message = EmailMultiAlternatives(
        subject=digest.subject,
        body=render_to_string("progress/digest_email.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string("progress/digest_email.html", context), "text/html")
    return message


def send_digest_now(user) -> Digest:
    """Build the seeker's email and send it if anything is due; the digest either way."""
    digest = digest_for(user)
    if not digest.is_empty:
        digest_message(digest).send()
    return digest
