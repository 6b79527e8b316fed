"""Question guardrails (SPEC §5): how firmly a meeting question is told what it asks.

Every form that accepts a question — the bank, a meeting's own question — asks
``check_question``, which asks the one detector (``core.asks``). Salary is refused outright;
asking for a job, or to be put forward for one, gets a warning.
"""

from dataclasses import dataclass, field

from core.asks import AskKind, find_asks


@dataclass(frozen=True)
class QuestionCheck:
    """The verdict on a question: a refusal (it may not be asked) and/or warnings."""

    refusal: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)


def check_question(text: str) -> QuestionCheck:
    """SPEC §5: refuse salary, pay, compensation, wages, bonus and "how much … make/earn";
    warn on a question that asks for a job ("are you hiring", "can you hire me", "any openings")
    or for a referral to one."""
    asks = find_asks(text)
    refusal = next((ask.message for ask in asks if ask.kind is AskKind.SALARY), None)
    if refusal:
        return QuestionCheck(refusal=refusal)
    return QuestionCheck(warnings=tuple(ask.message for ask in asks))
