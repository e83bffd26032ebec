"""How sure we are that the best article answers the message; decides whether to suggest it.

Raw BM25 scores grow with the collection and the query length, so the confidence is built
from scale-free evidence instead:

- coverage: the share of the message's informative weight (idf-weighted, unknown words
  included) that the article matches — "the coffee machine is broken" shares little with any
  PACS article even when one word matches;
- phrase: how much of one of the article's own phrases (title, alias, symptom) the message
  contains — the strongest sign of "that's my problem";
- fit: the same phrase judged from both sides (it must also account for much of the
  message), so one title word inside a message about something else is not enough;
- evidence: how much informative weight matched at all, in units of the rarest word;
- outside: the share of the message carried by words that name things outside the
  knowledge base (Outlook, payroll, toner), which argue against any article.

The margin to the runner-up is deliberately not used: on collections written in another
house style it did not separate right from wrong answers, and articles on neighbouring topics
(two DICOM articles) make a small margin normal for a good answer.
"""

from __future__ import annotations

import math

from bot.kb.index import Ranked

THRESHOLD = 0.40  # suggest only articles at or above this confidence (the middle of the
# range that gave the same no-answer rate on the fitting sets)
# Class-balanced logistic weights, fitted on tests/data/kb_queries.jsonl and kb_heldout (top-3
# right vs wrong or unanswerable), then rounded; checked on tests/data/kb_fresh, a collection
# in another house style that played no part in the fit.
_BIAS = -3.5
_W_COVERAGE = 2.2
_W_PHRASE = 1.6
_W_FIT = 1.5
_W_EVIDENCE = 1.2
_W_OUTSIDE = -1.9
_EVIDENCE_CAP = 3.0


def confidence(item: Ranked, *, outside: float = 0.0) -> float:
    """A number in [0, 1]; :data:`THRESHOLD` and above means "suggest it"."""
    z = (
        _BIAS
        + _W_COVERAGE * item.coverage
        + _W_PHRASE * item.phrase
        + _W_FIT * item.fit
        + _W_EVIDENCE * min(item.evidence, _EVIDENCE_CAP)
        + _W_OUTSIDE * outside
    )
    return 1.0 / (1.0 + math.exp(-z))


def confidences(ranked: list[Ranked], *, outside: float = 0.0) -> list[float]:
    """Each article on its own evidence, never above the leader (if the best match is
    doubtful, the rest are too)."""
    if not ranked:
        return []
    first = confidence(ranked[0], outside=outside)
    return [first] + [min(first, confidence(r, outside=outside)) for r in ranked[1:]]
