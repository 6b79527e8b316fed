"""Question guardrails (SPEC §5): the one place that decides whether a question may be asked.

Every form that accepts a question — the bank, a meeting's own question — asks
``check_question``. Salary is refused outright; asking for a job gets a warning.
"""

import re
from dataclasses import dataclass, field

SALARY_REFUSAL = (
    "Salary is not a topic for an informational meeting; it becomes one when the employer "
    "raises it."
)
JOB_ASK_WARNING = (
    "This asks for a job. The goal of an informational meeting is information, not a job: "
    "ask for their advice or insight instead."
)

_SALARY = re.compile(
    r"\b(?:salary|salaries|salaried|pay(?!\s+attention)|pays|paid|paying|payscale|"
    r"compensation|comp\s+(?:package|band|range)|wages?|bonus(?:es)?)\b"
    r"|\bhow\s+much\b.*\b(?:make|makes|making|made|earn|earns|earning|earned)\b",
    re.IGNORECASE | re.DOTALL,
)
_JOB_ASK = re.compile(
    r"\b(?:are|is)\s+(?:you|your\s+\w+|the\s+\w+|they|there\s+\w*\s*\w*)\s+hiring\b"
    r"|\bhiring\s+(?:right\s+now|now|at\s+the\s+moment)\b"
    r"|\b(?:can|could|would|will)\s+you\s+(?:hire|employ|recruit)\s+me\b"
    r"|\bhire\s+me\b"
    r"|\b(?:jobs?|openings?|positions?|vacanc(?:y|ies)|roles?)\s+for\s+me\b"
    r"|\b(?:are|is)\s+there\s+(?:any\s+)?(?:job\s+)?(?:openings?|vacanc(?:y|ies)|open\s+roles?|"
    r"open\s+positions?|jobs?)\b"
    r"|\bany\s+(?:job\s+)?openings?\b"
    r"|\b(?:give|offer|get)\s+me\s+(?:a\s+)?(?:job|position|role)\b"
    r"|\b(?:refer|recommend)\s+me\s+for\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class QuestionCheck:
    """The verdict on a question: a refusal (it may not be asked) and/or warnings."""

    refusal: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)


def check_question(text: str) -> QuestionCheck:
    """SPEC §5: refuse salary, pay, compensation, wages, bonus and "how much … make/earn";
    warn on a question that asks for a job ("are you hiring", "can you hire me", "any openings")."""
    text = " ".join((text or "").split())
    if _SALARY.search(text):
        return QuestionCheck(refusal=SALARY_REFUSAL)
    if _JOB_ASK.search(text):
        return QuestionCheck(warnings=(JOB_ASK_WARNING,))
    return QuestionCheck()
