"""A normalized message cut into clauses, with the two questions every phrase needs asked:
is it negated ("not down", "no patients waiting"), and is it hypothetical ("if this
happened during a trauma")? A phrase counts as evidence only when it is neither.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bot.core.patterns import HYPOTHETICAL, NEG_WORDS
from bot.core.textnorm import normalize

_SENTENCE = re.compile(
    r"(?<!\bdr)(?<!\bst)(?<!\bmr)(?<!\bms)(?<!\bmrs)(?<!\bvs)(?<!\bno)[.!?;\n]+(?:\s|$)|\s+-\s+|\b(?:but|however|although|though|except|whereas|otherwise|apart from that)\b"
)
# "1) bigger font 2) new account 3) studies take 30 min": a numbered list is one clause per item.
_LIST_START = re.compile(r"(?:^|\s)1[.)]\s")
_LIST_ITEM = re.compile(r"\s(?=\d{1,2}[.)]\s)")
_NEG_WINDOW = 4
# "Is PACS down?" asks; it does not report.
_YES_NO_QUESTION = re.compile(r"^(?!.*\b(?:why|how come)\b)(?:\w+\W+){0,2}?(?:is|are|was|were|does|do|did|has|have|will|would)\b[^,]*$")


@dataclass(frozen=True)
class Hit:
    """One match of a pattern inside one clause."""

    clause: str
    match: re.Match[str]

    @property
    def text(self) -> str:
        return self.match.group(0)

    @property
    def before(self) -> str:
        """The clause up to the match."""
        return self.clause[: self.match.start()]

    @property
    def after(self) -> str:
        """The clause after the match."""
        return self.clause[self.match.end():]


class Doc:
    """A message as extraction reads it."""

    def __init__(self, text: str) -> None:
        self.original = text
        self.text = normalize(text)
        self.clauses: list[str] = []
        self.questions: set[str] = set()
        start = 0
        separators = list(_SENTENCE.finditer(self.text))
        if _LIST_START.search(self.text):
            separators = sorted([*separators, *_LIST_ITEM.finditer(self.text)], key=lambda m: m.start())
        for sep in [*separators, None]:
            end = sep.start() if sep else len(self.text)
            clause = self.text[start:end].strip(" ,")
            if clause:
                self.clauses.append(clause)
                if sep is not None and "?" in sep.group(0) and _YES_NO_QUESTION.match(clause):
                    self.questions.add(clause)
            start = sep.end() if sep else end

    def hits(self, pattern: re.Pattern[str]) -> Iterator[Hit]:
        """Every match in every clause, negated or not."""
        for clause in self.clauses:
            for match in pattern.finditer(clause):
                yield Hit(clause, match)

    def live(self, pattern: re.Pattern[str], *, negatable: bool = True) -> list[Hit]:
        """Matches that are evidence: not hypothetical and (when ``negatable``) not negated."""
        return [
            h
            for h in self.hits(pattern)
            if h.clause not in self.questions and not is_hypothetical(h) and not (negatable and is_negated(h))
        ]

    def any_live(self, pattern: re.Pattern[str], *, negatable: bool = True) -> bool:
        return bool(self.live(pattern, negatable=negatable))


def is_negated(hit: Hit) -> bool:
    """A negator in the few words before the match, without a comma between."""
    segment = hit.before.rsplit(",", 1)[-1]
    words = segment.split()[-_NEG_WINDOW:]
    return bool(NEG_WORDS.search(" ".join(words)))


def is_hypothetical(hit: Hit) -> bool:
    """The match sits in the scope of "if", "in case", "could affect"…, which ends at a comma."""
    for marker in HYPOTHETICAL.finditer(hit.before):
        if "," not in hit.before[marker.end():]:
            return True
    return False
