"""The method's limits and the words pages say them in, each named once (SPEC §4, §5).

A limit is a constant of the module that enforces it. The ones that pages on several floors
say live here: the key question (kept with what a seeker asks, in ``core.asks``), the agreed
length of a meeting and the value statements shared in one. An app above adds the words of
its own limits from its ``AppConfig.ready()`` with ``say`` — the contacts app says 7 and 3
business days, 2 follow-ups, 60 days and 5 MB — and every template reads them as
``{{ method.<name> }}`` through the context processor ``rules``, never typed by hand.
"""

from types import MappingProxyType

from core.asks import KEY_QUESTION

RECOMMENDED_MINUTES = range(15, 21)  # SPEC §5: 15 or 20 minutes is what contacts expect
ACCEPTED_MINUTES = range(10, 31)  # 10–30 accepted, with a warning outside the recommended
DEFAULT_MINUTES = 20
VALUE_STATEMENTS = range(1, 4)  # one to three value statements fit in one meeting

_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def in_words(number: int) -> str:
    """A small number as a word ("three"), as the pages write it; larger ones as digits."""
    return _NUMBER_WORDS[number] if 0 <= number < len(_NUMBER_WORDS) else str(number)


def span(values: range) -> str:
    """The first and last of ``values`` as a page writes them: ``range(15, 21)`` → "15–20"."""
    return f"{values[0]}–{values[-1]}"


_words = {
    "key_question": KEY_QUESTION,
    "meeting_length": f"{span(RECOMMENDED_MINUTES)} minutes",
    "meeting_length_accepted": f"{span(ACCEPTED_MINUTES)} minutes",
    "shortest_meeting": f"{RECOMMENDED_MINUTES[0]} minutes",
    "default_meeting": f"{DEFAULT_MINUTES} minutes",
    "value_statements": f"{in_words(VALUE_STATEMENTS[0])} to {in_words(VALUE_STATEMENTS[-1])}",
}


def say(name: str, words: str) -> None:
    """Name the words of a limit an app above enforces, for every template to read."""
    _words[name] = words


def words(name: str) -> str:
    return _words[name]


def all_words() -> MappingProxyType:
    """Every rule's words by name, read-only."""
    return MappingProxyType(_words)


def rules(request) -> dict:
    """Context processor: ``{{ method.key_question }}``, ``{{ method.meeting_length }}``, …

    Named ``method`` (the method's words) so that no page's own ``rules`` hides it."""
    return {"method": all_words()}
