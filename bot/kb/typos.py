"""Typo correction of query words against the words the knowledge base actually uses.

Only words the index has never seen are corrected, and only towards words of similar length
with the same first letter (people rarely mistype the first letter), so a lookup compares a
query word with a few hundred candidates even when the index holds 20,000 articles. Swapped
neighbouring letters ("lsit", "donw", "sereis") are the commonest typing slip and count as one
edit, whatever the word's length.
"""

from __future__ import annotations

from collections.abc import Mapping

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

MIN_LENGTH = 4  # shorter words are too ambiguous to correct ("cd" vs "ct")
CORRECTED_WEIGHT = 0.85  # a guessed word counts a little less than one the client typed
SWAP_SIMILARITY = 0.9  # a swap is as sure a guess as one edit in a ten-letter word


class TypoCorrector:
    """Maps an unknown word to the closest known word, as ``(word, weight)``."""

    def __init__(self, frequencies: Mapping[str, int]) -> None:
        self._known = frozenset(frequencies)
        buckets: dict[tuple[str, int], list[str]] = {}
        for word in sorted(frequencies, key=lambda w: (-frequencies[w], w)):
            if word.isalpha():
                buckets.setdefault((word[0], len(word)), []).append(word)
        self._buckets = buckets
        self._cache: dict[str, tuple[str, float]] = {}

    def __contains__(self, word: object) -> bool:
        return word in self._known

    def __call__(self, word: str) -> tuple[str, float]:
        if word in self._known or len(word) < MIN_LENGTH or not word.isalpha():
            return word, 1.0
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        result = self._correct(word)
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache[word] = result
        return result

    def _correct(self, word: str) -> tuple[str, float]:
        spread = 1 if len(word) < 8 else 2
        candidates: list[str] = []
        for length in range(len(word) - spread, len(word) + spread + 1):
            candidates.extend(self._buckets.get((word[0], length), ()))
        # One edit in a 5-letter word is about 89 on fuzz.ratio; two edits in a long word ~80.
        cutoff = 86.0 if len(word) <= 5 else 80.0
        best = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=cutoff)
        if best is not None:
            return best[0], CORRECTED_WEIGHT * best[1] / 100.0
        same_length = self._buckets.get((word[0], len(word)), ())
        swap = process.extractOne(word, same_length, scorer=OSA.distance, score_cutoff=1)
        if swap is not None and _is_swap(word, swap[0]):
            return swap[0], CORRECTED_WEIGHT * SWAP_SIMILARITY
        return word, 1.0


def _is_swap(typed: str, known: str) -> bool:
    """True when ``typed`` is ``known`` with two neighbouring letters exchanged."""
    diff = [i for i, (a, b) in enumerate(zip(typed, known)) if a != b]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and typed[diff[0]] == known[diff[1]] and typed[diff[1]] == known[diff[0]]
