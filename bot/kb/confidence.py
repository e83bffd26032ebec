"""How sure we are that the best article answers the message; decides whether to suggest it.

Raw BM25 scores grow with the collection and the query length, so the confidence is built
from scale-free evidence instead:

- coverage: the share of the message's informative weight (idf-weighted, unknown words
  included) that the article matches — "the coffee machine is broken" shares little with any
  PACS article even when one word matches;
- phrase: how much of one of the article's own phrases (title, alias, symptom) the message
  contains — the strongest sign of "that's my problem";
- margin: how clearly the article beats the runner-up; a flat field means a vague message.
"""

from __future__ import annotations

import math

from bot.kb.index import Ranked

THRESHOLD = 0.55  # suggest only articles at or above this confidence
# Logistic weights fitted on tests/data/kb_queries.jsonl (top-1 right vs wrong or unanswerable),
# then rounded; every feature is scale-free so they carry over to other article sets.
_BIAS = -2.5
_W_COVERAGE = 2.5
_W_PHRASE = 1.7
_W_MARGIN = 0.6
_W_EVIDENCE = 0.9
_EVIDENCE_CAP = 3.0


def confidence(item: Ranked, *, margin: float) -> float:
    """A number in [0, 1]; :data:`THRESHOLD` and above means "suggest it"."""
    z = (
        _BIAS
        + _W_COVERAGE * item.coverage
        + _W_PHRASE * item.phrase
        + _W_MARGIN * margin
        + _W_EVIDENCE * min(item.evidence, _EVIDENCE_CAP)
    )
    return 1.0 / (1.0 + math.exp(-z))


def confidences(ranked: list[Ranked]) -> list[float]:
    """The leader is judged with its lead over the runner-up; the others on their own evidence,
    never above the leader (if the best match is doubtful, the rest are too)."""
    if not ranked:
        return []
    best = ranked[0]
    margin = 1.0 if len(ranked) < 2 or best.score <= 0 else (best.score - ranked[1].score) / best.score
    first = confidence(best, margin=margin)
    return [first] + [min(first, confidence(r, margin=0.0)) for r in ranked[1:]]
