"""The admin-extensible domain vocabulary and the analyzer that applies it.

Articles and client messages are analysed the same way: words → stems → synonym phrases
replaced by one group term. Client messages additionally get lay-word expansions (extra
terms at reduced weight), since a client's "scan" or "machine" is vague where an article
is precise.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from bot.errors import ConfigError
from bot.kb.text import STOPWORDS, stem, stems, words

DEFAULT_SYSTEMS: tuple[str, ...] = (
    "viewer", "worklist", "archive", "modality", "RIS", "HL7", "network", "workstation", "login",
)
OUT_OF_SCOPE_PREFIX = "!"  # marks a term that signals a request outside the knowledge base
_MIXED = re.compile(r"[a-z][0-9]|[0-9][a-z]")
_ALNUM = re.compile(r"[a-z]+|[0-9]+")
_MAX_SKIPS = 2  # filler words tolerated inside a phrase ("account got locked")

Phrase = tuple[str, ...]
Corrector = Callable[[str], tuple[str, float]]


class Vocabulary:
    """Synonym groups, lay expansions, extra stop words and the known article systems."""

    def __init__(
        self,
        *,
        synonyms: Mapping[Phrase, str] | None = None,
        lay: Mapping[Phrase, tuple[str, ...]] | None = None,
        lay_weight: float = 0.6,
        stopwords: frozenset[str] = STOPWORDS,
        known_systems: tuple[str, ...] = DEFAULT_SYSTEMS,
        out_of_scope: Iterable[Phrase] = (),
        surface: Iterable[str] = (),
    ) -> None:
        self.synonyms: Mapping[Phrase, str] = dict(synonyms or {})
        self.lay: Mapping[Phrase, tuple[str, ...]] = dict(lay or {})
        self.lay_weight = lay_weight
        self.stopwords = stopwords
        self.known_systems = known_systems
        self._surface = frozenset(surface) | stopwords
        scope = {phrase: OUT_OF_SCOPE_PREFIX + "_".join(phrase) for phrase in out_of_scope}
        self._syn_index: dict[str, list[tuple[Phrase, str]]] = _first_token_index({**scope, **self.synonyms})
        # Most synonym forms are one word: a plain lookup for those keeps index builds fast.
        self._syn_single = {p[0]: c for p, c in {**scope, **self.synonyms}.items() if len(p) == 1}
        # Index-time stop test as one set lookup: stop words plus single letters.
        self._index_stop = stopwords | frozenset("abcdefghijklmnopqrstuvwxyz")
        self._syn_multi = {t for t, entries in self._syn_index.items() if any(len(p) > 1 for p, _ in entries)}
        # The first two words of every multi-word form: a common word that merely starts some
        # phrase ("image" in "image exchange") then costs one set lookup, not a phrase match.
        self._syn_pairs = {(p[0], p[1]) for p in self._syn_index_phrases() if len(p) > 1}
        self._lay_index: dict[str, list[tuple[Phrase, tuple[str, ...]]]] = _first_token_index(self.lay)

    def _syn_index_phrases(self) -> list[Phrase]:
        return [phrase for entries in self._syn_index.values() for phrase, _ in entries]

    def surface_words(self) -> frozenset[str]:
        """Every plain word the vocabulary knows, so typo correction can aim at them."""
        return self._surface

    def analyze(self, text: str, *, corrector: Corrector | None = None, expand: bool = False) -> list[tuple[str, float]]:
        """Search terms of ``text`` with weights; ``expand`` adds lay-word terms (queries)."""
        return self.analyze_words(words(text), corrector=corrector, expand=expand)

    def analyze_words(
        self, raw_words: list[str], *, corrector: Corrector | None = None, expand: bool = False
    ) -> list[tuple[str, float]]:
        """:meth:`analyze` for text already split with :func:`bot.kb.text.words`."""
        raw = self._split_mixed(raw_words)
        weights = [1.0] * len(raw)
        if corrector is not None:
            for i, word in enumerate(raw):
                raw[i], weights[i] = corrector(word)
        stemmed = [stem(w) for w in raw]
        stopwords = self.stopwords
        stop = [w in stopwords or (len(w) < 2 and not w.isdigit()) for w in raw]
        syn_index = self._syn_index
        tokens: list[str] = []
        is_stop: list[bool] = []
        token_weights: list[float] = []
        i = 0
        while i < len(stemmed):
            match = _longest_match(stemmed, stop, i, syn_index) if stemmed[i] in syn_index else None
            end, token = match if match is not None else (i + 1, stemmed[i])
            tokens.append(token)
            is_stop.append(match is None and stop[i])
            token_weights.append(min(weights[i:end]) if end > i + 1 else weights[i])
            i = end
        terms = [(t, w) for t, s, w in zip(tokens, is_stop, token_weights) if not s]
        if expand:
            terms.extend(self._lay_terms(tokens, is_stop, token_weights))
        return terms

    def index_terms(self, raw_words: list[str]) -> list[str]:
        """:meth:`analyze_words` for articles: no weights, no lay words, and built from list
        comprehensions over slices, since every word of every article passes here."""
        stemmed = stems(raw_words)  # no splitting of "ct1": only queries need that
        stop = list(map(self._index_stop.__contains__, raw_words))
        single, multi = self._syn_single, self._syn_multi

        def plain(lo: int, hi: int) -> list[str]:
            return [single.get(t, t) for t, s in zip(stemmed[lo:hi], stop[lo:hi]) if not s or t in single]

        if multi.isdisjoint(stemmed):
            return plain(0, len(stemmed))
        out: list[str] = []
        done = 0
        pairs, last = self._syn_pairs, len(stemmed) - 1
        starts = [
            i
            for i, t in enumerate(stemmed)
            if t in multi and i < last and (stop[i + 1] or (t, stemmed[i + 1]) in pairs)
        ]
        for i in starts:
            if i < done:
                continue
            match = _longest_match(stemmed, stop, i, self._syn_index)
            if match is not None:
                out.extend(plain(done, i))
                out.append(match[1])
                done = match[0]
        out.extend(plain(done, len(stemmed)))
        return out

    def _split_mixed(self, raw: list[str]) -> list[str]:
        """'DX2' → 'dx', '2' unless the vocabulary knows the whole word ('hl7', '2fa')."""
        if not _MIXED.search(" ".join(raw)):
            return list(raw)
        out: list[str] = []
        for word in raw:
            if word.isalnum() and not word.isalpha() and not word.isdigit() and word not in self._surface:
                out.extend(_ALNUM.findall(word))
            else:
                out.append(word)
        return out

    def _lay_terms(self, tokens: Sequence[str], stop: Sequence[bool], weights: Sequence[float]) -> list[tuple[str, float]]:
        extra: list[tuple[str, float]] = []
        for i in range(len(tokens)):
            for phrase, targets in self._lay_index.get(tokens[i], ()):
                if _match_at(tokens, stop, i, phrase) is None:
                    continue
                for target in targets:
                    extra.extend((term, w * self.lay_weight * weights[i]) for term, w in self.analyze(target))
        return extra


def _first_token_index(table: Mapping[Phrase, Any]) -> dict[str, list[tuple[Phrase, Any]]]:
    index: dict[str, list[tuple[Phrase, Any]]] = {}
    for phrase, payload in table.items():
        index.setdefault(phrase[0], []).append((phrase, payload))
    for entries in index.values():
        entries.sort(key=lambda item: -len(item[0]))
    return index


def _match_at(stems: Sequence[str], stop: Sequence[bool], start: int, phrase: Phrase) -> int | None:
    """End position if ``phrase`` occurs at ``start``, skipping a little filler in between."""
    k, skips = start, 0
    for j, want in enumerate(phrase):
        while k < len(stems) and stems[k] != want and j > 0 and stop[k] and skips < _MAX_SKIPS:
            k += 1
            skips += 1
        if k >= len(stems) or stems[k] != want:
            return None
        k += 1
    return k


def _longest_match(
    stems: Sequence[str], stop: Sequence[bool], start: int, index: Mapping[str, list[tuple[Phrase, str]]]
) -> tuple[int, str] | None:
    following = stems[start + 1] if start + 1 < len(stems) else ""
    for phrase, concept in index.get(stems[start], ()):
        if len(phrase) > 1 and phrase[1] != following and not (start + 1 < len(stems) and stop[start + 1]):
            continue
        end = _match_at(stems, stop, start, phrase)
        if end is not None:
            return end, concept
    return None


def _phrase(text: str, synonyms: Mapping[Phrase, str] | None = None) -> Phrase:
    """Stems of ``text``; with ``synonyms``, a whole-phrase synonym becomes its group term."""
    stems = tuple(stem(w) for w in words(text))
    if synonyms and stems in synonyms:
        return (synonyms[stems],)
    return stems


def build_vocabulary(data: Mapping[str, Any], *, source: str = "vocabulary") -> Vocabulary:
    """Build from the parsed TOML mapping; wrong shapes raise :class:`ConfigError`."""
    synonyms: dict[Phrase, str] = {}
    raw_words: list[list[str]] = []
    for key, forms in _table(data, "synonyms", source).items():
        for form in [key.replace("_", " "), *_strings(forms, f"{source}: synonyms.{key}")]:
            phrase = _phrase(form)
            if phrase:
                synonyms[phrase] = key
                raw_words.append(words(form))
    lay: dict[Phrase, tuple[str, ...]] = {}
    for key, targets in _table(data, "lay", source).items():
        phrase = _phrase(key, synonyms)
        if phrase:
            lay[phrase] = lay.get(phrase, ()) + tuple(_strings(targets, f"{source}: lay.{key}"))
            raw_words.append(words(key))
    extra = _strings(_table(data, "stopwords", source).get("extra", []), f"{source}: stopwords.extra")
    systems = _strings(_table(data, "systems", source).get("known", list(DEFAULT_SYSTEMS)), f"{source}: systems.known")
    scope_words = _strings(_table(data, "out_of_scope", source).get("words", []), f"{source}: out_of_scope.words")
    out_of_scope = [p for p in (_phrase(w) for w in scope_words) if p]
    raw_words.extend(words(w) for w in scope_words)
    weight = data.get("lay_weight", 0.6)
    if isinstance(weight, bool) or not isinstance(weight, int | float) or not 0 < weight <= 1:
        raise ConfigError(f"{source}: lay_weight", f"expected a number in (0, 1], got {weight!r}")
    return Vocabulary(
        synonyms=synonyms,
        lay=lay,
        lay_weight=float(weight),
        stopwords=STOPWORDS | {w.lower() for w in extra},
        known_systems=tuple(systems),
        out_of_scope=out_of_scope,
        surface={w for ws in raw_words for w in ws},
    )


def load_vocabulary(path: Path | None) -> Vocabulary:
    """Read ``path`` (TOML); ``None`` gives an empty vocabulary with the built-in stop words."""
    if path is None:
        return Vocabulary()
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError("kb.vocabulary", f"file not found: {path}") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError("kb.vocabulary", f"{path} is not valid TOML: {err}") from None
    return build_vocabulary(data, source=str(path))


def _table(data: Mapping[str, Any], name: str, source: str) -> Mapping[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, Mapping):
        raise ConfigError(f"{source}: {name}", "expected a table")
    return value


def _strings(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, Iterable) or not all(isinstance(v, str) for v in value):
        raise ConfigError(where, f"expected a list of text, got {value!r}")
    return list(value)
