"""What a seeker asks, and what they never ask (SPEC §4, §5): the one detector for every text.

An informational meeting is held to gather information, never to ask for a job. Every text
the seeker writes — a question for the bank, a question written on a prep page, a request,
a follow-up, a thank-you note — is read here, and only here. ``find_asks`` names each thing
the text asks that it should not, with the words that gave it away:

- ``salary``: salary, pay, compensation, wages, bonus, "how much … make/earn";
- ``job``: a job, a position, an opening, "are you hiring", "hire me";
- ``referral``: being put forward for a job — a referral, a good word, a résumé passed on.

Each channel decides how firmly to say it (a bank question about salary is refused; a
request that asks for a job leaves its rule unmet and is logged only once confirmed); the
words are the same everywhere. The detector looks for asks, not for words: "your role",
"what do you pay attention to", "may I leave my résumé" and the key question are fine.
"""

import enum
import re
from dataclasses import dataclass

# The key question (SPEC §5): on every agenda, and the one introduction a seeker asks for.
KEY_QUESTION = "Can you recommend someone else that I should speak with?"


class AskKind(enum.StrEnum):
    SALARY = "salary"
    JOB = "job"
    REFERRAL = "referral"


FINE = "fine"  # what ``classify`` says of a text that asks for nothing it should not

MESSAGES = {
    AskKind.SALARY: (
        "Salary is not a topic for an informational meeting; it becomes one when the "
        "employer raises it."
    ),
    AskKind.JOB: (
        "This asks for a job. The goal of an informational meeting is information, not a "
        "job: ask for their advice or insight instead."
    ),
    AskKind.REFERRAL: (
        "This asks them to put you forward for a job. Ask for information, never for a "
        "referral: the only name to ask for is someone else you should speak with."
    ),
}
SALARY_REFUSAL = MESSAGES[AskKind.SALARY]
JOB_ASK_WARNING = MESSAGES[AskKind.JOB]
REFERRAL_ASK_WARNING = MESSAGES[AskKind.REFERRAL]

_FLAGS = re.IGNORECASE
_SUBJECT = r"(?:[\w'’]+\s+){1,4}?"  # "you", "a senior designer", "people like me"

_SALARY = re.compile(
    r"\b(?:salary|salaries|salaried|wages?|remuneration|compensation|bonus(?:es)?|"
    r"(?:total\s+)?comp\s+(?:package|band|range)|total\s+comp|payscale|pay\s*check)\b"
    # "pay", "paid", "paying" as money for work, not attention, ads or customers
    r"|\b(?:pay|pays|paid|paying)\b(?!\s+(?:attention|off|it\s+forward|for\s+itself|"
    r"search|media|social|ads?|advertising|acquisition|campaigns?|channels?|customers?|"
    r"users?|clients?|subscribers?|tiers?|plans?|features?|versions?))"
    r"|\bwell[-\s]paid\b|\bunderpaid\b|\boverpaid\b"
    # "how much does a director make", not "how much impact can one designer make"
    rf"|\bhow\s+much\s+(?:money\s+)?(?:do|does|did|can|could|would|will|might|should)\s+"
    rf"{_SUBJECT}(?:expect\s+to\s+|hope\s+to\s+)?(?:make|earn)\b"
    r"(?!\s+(?:a\s+difference|an?\s+(?:impact|difference|dent)|of\b|progress|sense|change|"
    r"decisions?|it\b|the\s+case|time))"
    # "what does a product manager make here", not "what do you make of the new rules"
    rf"|\bwhat\s+(?:do|does|did|can|could|would|might)\s+{_SUBJECT}(?:make|earn)\b"
    r"(?=\s*(?:[?.!]|$|(?:a|an|per)\s+(?:year|month|week|hour)|here|there|at\b|in\b|"
    r"starting|to\s+start|on\s+average))",
    _FLAGS,
)

_NOT_A_JOB = (
    r"(?!\s+(?:boards?|titles?|market|search|descriptions?|postings?|ads?|hunt|hunting|"
    r"seekers?|fairs?|satisfaction|security|changes?|history|functions?|shadowing))"
)
_JOB_NOUN = (
    rf"(?:jobs?{_NOT_A_JOB}|openings?|vacanc(?:y|ies)|positions?|roles?|opportunit(?:y|ies))"
)
_NOT_HIRING = r"(?!\s+(?:manager|process|freeze|bar|committee|decisions?|practices|criteria))"
_JOB = re.compile(
    # "are you hiring", "is your team hiring", "what skills are you hiring for"
    rf"\b(?:are|is)\s+(?:[\w'’]+\s+){{1,3}}?hiring\b{_NOT_HIRING}"
    rf"|\b(?:you|they|your\s+\w+)(?:'re|’re|'s|’s|\s+are|\s+is)\s+(?:still\s+|currently\s+)?"
    rf"hiring\b{_NOT_HIRING}"
    r"|\bhiring\s+(?:right\s+now|now|at\s+the\s+moment|this\s+(?:year|quarter|month))\b"
    r"|\bwho(?:'s|’s|\s+is)\s+hiring\b"
    r"|\b(?:hire|employ|recruit|take\s+on|bring\s+on|onboard)\s+me\b"
    r"|\bconsider\s+me\s+for\b|\bkeep\s+me\s+in\s+mind\b"
    rf"|\b{_JOB_NOUN}\s+(?:\w+\s+){{0,2}}?for\s+(?:me|someone\s+like\s+me|people\s+like\s+me)\b"
    r"|\b(?:any|open|vacant|unfilled)\s+(?:[\w-]+\s+)?(?:jobs?" + _NOT_A_JOB + r"|openings?|"
    r"vacanc(?:y|ies)|positions?|roles?(?!\s+models?)|reqs?|headcount)\b"
    r"|\bjob\s+openings?\b|\b(?:positions?|roles?|jobs?)\s+(?:(?:are|is)\s+)?(?:still\s+)?(?:open|available)\b"
    r"|\b(?:give|offer|get|find)\s+me\s+(?:a\s+|an\s+)?(?:job|position|role|opening|internship)\b"
    r"|\ba\s+job\s+(?:with|at|on)\s+(?:you|your)\b"
    r"|\bI\s+(?:need|want|am\s+after|would\s+love)\s+(?:a\s+|an\s+|a\s+new\s+)?(?:job|position|role)\b"
    r"|\b(?:looking|searching|hoping|applying)\s+for\s+(?:a\s+|an\s+|my\s+next\s+|a\s+new\s+)?"
    r"(?:job|position|role|opening)\b"
    r"|\bI\s+(?:could|can|should|might)\s+apply\s*(?:[?.!]|$|for\b|to\s+(?:your|the|a|this)\s+"
    r"(?:team|company|role|job|position|opening))"
    r"|\bapply\s+(?:for|to)\s+(?:a|an|the|this|that|your|any|one\s+of\s+your)\s+"
    r"(?:[\w-]+\s+)?(?:jobs?|roles?|positions?|openings?|team)\b"
    r"|\bjoin\s+your\s+(?:team|company|group|organi[sz]ation)\b",
    _FLAGS,
)

_RESUME = r"(?:résumé|resume|cv|portfolio|application)"
_REFERRAL = re.compile(
    # asking for a referral to a job; "thank you for the referral to Dana" is the method's own
    r"\b(?:give|write|make|offer)\s+me\s+(?:a\s+|an\s+)?(?:internal\s+)?referral\b"
    r"|\b(?:employee|internal|job)\s+referral\b"
    r"|\breferral\s+(?:for|to)\s+(?:a|an|the|this|that|your|one\s+of\s+your)\s+"
    r"(?:[\w-]+\s+)?(?:jobs?|roles?|positions?|openings?)\b"
    r"|\brefer\s+me\s+(?:internally|for\b|to\s+(?:the|a|your)\s+(?:hiring|recruit|HR\b|talent))"
    r"|\bput\s+(?:in\s+)?a\s+(?:good\s+)?word\s+(?:in\s+)?(?:for\s+me|with)\b"
    r"|\bput\s+me\s+forward\b|\bput\s+my\s+name\s+forward\b"
    # passing a résumé on: "may I leave my résumé with you?" is the method's own close
    rf"|\b(?:pass|forward|send|share|give|hand|circulate)\s+(?:on\s+|along\s+)?my\s+{_RESUME}"
    r"(?:\s+(?:on|along))?\s+(?:to|with)\b"
    rf"|\bmy\s+{_RESUME}\s+(?:on\s+|along\s+)?to\s+(?:the|your|a)\s+"
    r"(?:hiring|recruit\w*|HR\b|talent|team\s+lead|manager)",
    _FLAGS,
)

_DETECTORS = ((AskKind.SALARY, _SALARY), (AskKind.REFERRAL, _REFERRAL), (AskKind.JOB, _JOB))


@dataclass(frozen=True)
class Ask:
    """Something a text asks that it should not: its kind, the words, what to say about it."""

    kind: AskKind
    words: str

    @property
    def message(self) -> str:
        return MESSAGES[self.kind]


def find_asks(text: str) -> tuple[Ask, ...]:
    """SPEC §4, §5: what ``text`` asks that it should not, at most one per kind, most serious
    first (salary, then a referral, then a job)."""
    text = " ".join((text or "").split())
    found = []
    for kind, pattern in _DETECTORS:
        match = pattern.search(text)
        if match:
            found.append(Ask(kind, match.group(0).strip()))
    return tuple(found)


def classify(text: str) -> str:
    """The most serious kind of ask in ``text`` (``salary``, ``referral``, ``job``) or ``fine``."""
    found = find_asks(text)
    return found[0].kind.value if found else FINE
