"""The one wording of when something falls due, on every page and in every message.

A task on the meetings page, the dashboard's list, a contact's next step and the message
after a debrief all say "due Fri 27 Nov", "due today" or "overdue: send it today", so a
thank-you written up days after the meeting is not "due next business day" in one place and
"overdue since Thursday" in another.
"""

from datetime import date

OVERDUE = "overdue: send it today"


def when_due(due_on: date, today: date) -> str:
    """``due Fri 27 Nov``, ``due today`` or ``overdue: send it today``, seen from ``today``."""
    if due_on < today:
        return OVERDUE
    if due_on == today:
        return "due today"
    return f"due {due_on:%a} {due_on.day} {due_on:%b}"


def urgency(due_on: date, today: date) -> str:
    """``overdue``, ``today`` or ``later``: how a page colours a due date."""
    if due_on < today:
        return "overdue"
    return "today" if due_on == today else "later"
