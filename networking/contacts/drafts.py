"""The request draft of SPEC §4: a proposed message, and the rules it is checked against.

The rules, each shown met or not as the seeker types: under 75 words (over 100
is a warning); it opens with the connection (a name in common, a shared school
or employer); it asks for advice or insight and never for a job, a position, an
opening or a referral; it ends with a question; more of it is about the contact
than about the seeker. What a message asks that it never should (a job, a referral,
salary) is found by the one detector, ``core.asks``, for every kind of message.
"""

import re
from dataclasses import dataclass
from datetime import date

from core.asks import AskKind, find_asks
from core.rules import words
from networking.contacts.cadence import day_label

SHORT_ENOUGH = 75  # words: under this the request reads in one glance
FAR_TOO_LONG = 100  # words: over this it is a warning, not only a miss

MET, UNMET, WARNING = "met", "unmet", "warning"

WORD = re.compile(r"[\w'’]+")
GREETING = re.compile(
    r"^\s*(hi|hello|dear|hey|good (?:morning|afternoon|evening)|greetings)\b[^,\n]*[,\n]\s*",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
CONNECTION = re.compile(
    r"\b(we both|both|fellow|alum|alumni|alumna|classmates?|colleagues?|worked together|"
    r"studied|also (?:worked|studied)|former|met at|we met|suggested|recommended|introduced|"
    r"mutual|in common|pointed me|passed on your name)\b",
    re.IGNORECASE,
)
ADVICE = re.compile(
    r"\b(advice|advise|insights?|perspectives?|guidance|learn|views?|thoughts)\b",
    re.IGNORECASE,
)
CLOSING = re.compile(
    r"^(thanks|thank you|many thanks|cheers|best|regards|kind regards|best regards|warmly|"
    r"sincerely|all the best)\b[^?]*$",
    re.IGNORECASE,
)
ABOUT_THEM = re.compile(r"\b(you|your|yours|yourself)\b", re.IGNORECASE)
ABOUT_ME = re.compile(r"\b(i|me|my|mine|myself)\b", re.IGNORECASE)
PLACEHOLDER = re.compile(r"\[[^\]]*\]")

_SHORTEST = words("shortest_meeting")  # "15 minutes": what a request asks for

AREAS = {"design", "product", "engineering", "sales", "marketing", "operations", "finance"}


@dataclass(frozen=True)
class Rule:
    code: str
    label: str
    state: str  # met / unmet / warning
    detail: str

    @property
    def met(self) -> bool:
        return self.state == MET


@dataclass(frozen=True)
class Draft:
    subject: str
    body: str


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def opening(text: str) -> str:
    """The first sentence after the greeting ("Hi Priya,")."""
    rest = GREETING.sub("", text.strip(), count=1).strip()
    return SENTENCE_END.split(rest, maxsplit=1)[0] if rest else ""


def closing_sentence(text: str) -> str:
    """The last sentence before the sign-off ("Thank you, / Maya")."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    while lines and not lines[-1].endswith("?") and word_count(lines[-1]) <= 4:
        lines.pop()
    sentences = [s for s in SENTENCE_END.split(" ".join(lines)) if s.strip()]
    while len(sentences) > 1 and CLOSING.match(sentences[-1]) and word_count(sentences[-1]) <= 6:
        sentences.pop()
    return sentences[-1] if sentences else ""


def check_request(text: str, contact) -> list[Rule]:
    """Check a request draft against every rule of SPEC §4; each result says why."""
    asks = find_asks(text)
    return [
        _length_rule(text),
        _connection_rule(text, contact),
        _advice_rule(text),
        _no_job_rule(asks),
        *_no_salary_rule(asks),
        _question_rule(text),
        _about_them_rule(text),
        *_placeholder_rule(text),
    ]


def check_message(text: str) -> list[Rule]:
    """The rules every message obeys, a follow-up or a thank-you note as much as a request
    (SPEC §4, §5): never a job, an opening or a referral, never salary."""
    asks = find_asks(text)
    return [_no_job_rule(asks), *_no_salary_rule(asks), *_placeholder_rule(text)]


def summary(rules: list[Rule]) -> str:
    met = sum(rule.met for rule in rules)
    return f"{met} of {len(rules)} draft rules met"


def _length_rule(text):
    words = word_count(text)
    label = "Under 75 words"
    if words == 0:
        return Rule("length", label, UNMET, "Write your request: short, to the point.")
    if words < SHORT_ENOUGH:
        return Rule("length", label, MET, f"{words} words: short enough to read in one glance.")
    if words <= FAR_TOO_LONG:
        return Rule("length", label, UNMET, f"{words} words: trim it under {SHORT_ENOUGH}.")
    return Rule(
        "length", label, WARNING, f"{words} words: far too long. Busy people skim past this."
    )


def _connection_rule(text, contact):
    label = "Opens with your connection"
    first = opening(text)
    referrer = contact.referred_by if contact.referred_by_id else None
    if referrer is not None:
        names = [n for n in (referrer.first_name, referrer.last_name) if n]
        if any(re.search(rf"\b{re.escape(n)}\b", first, re.IGNORECASE) for n in names):
            detail = f"Opens with {referrer.full_name}, your name in common."
            return Rule("connection", label, MET, detail)
        return Rule(
            "connection",
            label,
            UNMET,
            f"Open with {referrer.full_name}'s name: a respected name in common opens the door.",
        )
    if first and CONNECTION.search(first):
        return Rule("connection", label, MET, "Opens with what you have in common.")
    return Rule(
        "connection",
        label,
        UNMET,
        "Open with what you share: a name in common, a school or an employer.",
    )


def _advice_rule(text):
    label = "Asks for advice or insight"
    if ADVICE.search(text):
        return Rule("advice", label, MET, "It asks for their advice, insight or perspective.")
    return Rule("advice", label, UNMET, "Say what you want: their advice or insight.")


def _no_job_rule(asks):
    label = "Never asks for a job"
    found = [ask for ask in asks if ask.kind in (AskKind.JOB, AskKind.REFERRAL)]
    if not found:
        return Rule("no_job", label, MET, "No job, position, opening or referral asked for.")
    words = ", ".join(f"“{ask.words}”" for ask in found)
    return Rule(
        "no_job",
        label,
        UNMET,
        f"Remove {words}: ask for information, never for a job, an opening or a referral.",
    )


def _no_salary_rule(asks):
    """Shown only when it is broken: salary is never a topic until the employer raises it."""
    found = [ask for ask in asks if ask.kind is AskKind.SALARY]
    if not found:
        return []
    detail = f"Remove “{found[0].words}”. {found[0].message}"
    return [Rule("no_salary", "Never about salary", UNMET, detail)]


def _question_rule(text):
    label = "Ends with a question"
    if closing_sentence(text).rstrip().endswith("?"):
        return Rule("question", label, MET, "It ends with a question they can answer.")
    return Rule(
        "question", label, UNMET, f"End with a question, e.g. “Would you have {_SHORTEST}?”"
    )


def _about_them_rule(text):
    label = "More about them than you"
    them, me = len(ABOUT_THEM.findall(text)), len(ABOUT_ME.findall(text))
    counts = f"you/your ×{them}, I/me/my ×{me}"
    if them > me:
        return Rule("about_them", label, MET, f"It is about them ({counts}).")
    return Rule("about_them", label, UNMET, f"Make it more about them ({counts}).")


def _placeholder_rule(text):
    found = PLACEHOLDER.findall(text)
    if not found:
        return []
    return [Rule("placeholders", "Blanks filled in", UNMET, f"Fill in {found[0]}.")]


def _signature(seeker) -> str:
    return seeker.name or seeker.get_short_name()


def _area(contact) -> str:
    return contact.function if contact.function in AREAS else "your field"


def propose_request(contact, seeker) -> Draft:
    """A request written from the contact and the profile: the referrer first, advice not a
    job, 15–20 minutes, a question at the end (SPEC §1 step 4)."""
    referrer = contact.referred_by if contact.referred_by_id else None
    if referrer is not None:
        first = f"{referrer.full_name} suggested I get in touch with you."
        subject = f"{referrer.first_name} suggested I reach out: {_SHORTEST} of your advice?"
    else:
        first = "We both [studied at … / worked at …], so I hope you won't mind a short note."
        subject = f"{_SHORTEST} of your advice on {_area(contact)}?"
    where = f" at {contact.employer.name}" if contact.employer_id else ""
    role = f" as {contact.title}" if contact.title else ""
    body = (
        f"Hi {contact.first_name},\n\n"
        f"{first} Your path{role}{where} is one I hope to follow, "
        "and your perspective would help greatly. "
        f"Would you have {words('meeting_length')} in the coming weeks, at a time that suits you, "
        f"to share your advice on where {_area(contact)} is heading?\n\n"
        f"Thank you,\n{_signature(seeker)}"
    )
    return Draft(subject, body)


def propose_follow_up(contact, seeker, asked_on: date | None) -> Draft:
    """A short, polite follow-up that restates the request without pressure."""
    when = f"on {day_label(asked_on)} " if asked_on else ""
    body = (
        f"Hi {contact.first_name},\n\n"
        f"A gentle follow-up on my note {when}asking for {words('meeting_length')} of your "
        "advice. "
        "I know your days are full, so any time in the coming weeks would suit. "
        "Would a short call work for you?\n\n"
        f"Thank you,\n{_signature(seeker)}"
    )
    return Draft(f"Following up: {_SHORTEST} of your advice?", body)


def propose_thank_you(contact, seeker) -> Draft:
    body = (
        f"Hi {contact.first_name},\n\n"
        "Thank you for your time and your advice. I will follow up on what you suggested "
        "and let you know how it goes.\n\n"
        f"With thanks,\n{_signature(seeker)}"
    )
    return Draft("Thank you", body)


def propose(kind: str, contact, seeker, asked_on: date | None = None) -> Draft:
    if kind == "follow_up":
        return propose_follow_up(contact, seeker, asked_on)
    if kind == "thank_you":
        return propose_thank_you(contact, seeker)
    if kind == "update":
        return Draft("An update", f"Hi {contact.first_name},\n\n\n\n{_signature(seeker)}")
    return propose_request(contact, seeker)
