"""The ranking: field-weighted BM25 over analysed terms, plus phrase alignment and confidence.

Why this shape: plain BM25 over the whole article already finds most answers, but misses lay
wording and suggests something for every question. The analyzer (stems, synonym groups, lay
words, typo correction) fixes the wording; weighting the short fields (title, aliases,
symptoms, tags, summary) above the body rewards articles *about* the words rather than ones
that mention them; and the confidence asks how much of what the client said the best article
explains, and how clearly it beats the runner-up.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from bot.kb.articles import Article
from bot.kb.text import stem, words
from bot.kb.typos import TypoCorrector
from bot.kb.vocabulary import OUT_OF_SCOPE_PREFIX, Vocabulary

FIELD_WEIGHTS: dict[str, float] = {
    "title": 3.0,
    "aliases": 2.5,
    "symptoms": 2.5,
    "tags": 2.0,
    "summary": 2.0,
    "systems": 1.0,
    "body": 1.0,
}
FIELD_B: dict[str, float] = {"body": 0.75}
DEFAULT_B = 0.3
PHRASE_FIELDS = frozenset({"title", "aliases", "symptoms"})  # what phrase alignment compares
K1 = 1.2
PHRASE_WEIGHT = 0.35  # how much a fully matched title/alias/symptom adds to the score
UNKNOWN_TERM_SHARE = 0.5  # an unknown word counts this fraction of a maximally rare word
OUT_OF_SCOPE_SHARE = 2.0  # a word naming something outside the knowledge base counts double
_NO_POSTINGS: dict[int, float] = {}
_SEPARATOR = "4711000000000000000000000000001174"  # digits: never stemmed, never a stop word
CANDIDATES = 30
COMMON_SHARE = 0.05  # a term in more than this share of articles is "common" (see rank)
COMMON_MIN_DF = 500  # …but never below this many articles, so small collections score exactly  # how many BM25 leaders get the (slower) phrase alignment


@dataclass(frozen=True)
class Ranked:
    """One article's standing for one query; all figures in [0, 1]."""

    doc: int
    score: float
    coverage: float  # share of the query's informative weight this article matches
    phrase: float  # best share of a title/alias/symptom phrase found in the query
    evidence: float  # matched informative weight in units of the rarest possible word
    fit: float  # best mutual fit of one phrase and the query (see _phrase_alignment)


@dataclass(frozen=True)
class QueryTerms:
    """An analysed query: term → weight, and the informative weight of the whole query."""

    weights: dict[str, float]
    total: float
    outside: float = 0.0  # share of ``total`` carried by out-of-scope words


class SearchIndex:
    """Immutable once built, so a reload builds a new one and swaps it in."""

    def __init__(self, articles: Sequence[Article], vocabulary: Vocabulary) -> None:
        self.articles = tuple(articles)
        self.vocabulary = vocabulary
        surface: set[str] = set()
        field_terms: list[dict[str, list[str]]] = []
        lengths: dict[str, list[int]] = {name: [] for name in FIELD_WEIGHTS}
        phrases: list[list[frozenset[str]]] = []
        for article in self.articles:
            fields = _field_parts(article)
            names = [name for name, parts in fields.items() for _ in parts]
            # One analysis per article (not per phrase) keeps 20,000-article builds fast; the
            # separator word stops synonym phrases from running across phrase boundaries.
            raw = words(f" {_SEPARATOR} ".join(part for parts in fields.values() for part in parts))
            surface.update(raw)
            chunks = _split(vocabulary.index_terms(raw), len(names))
            per_field: dict[str, list[str]] = {name: [] for name in FIELD_WEIGHTS}
            doc_phrases: list[frozenset[str]] = []
            for name, chunk in zip(names, chunks):
                per_field[name].extend(chunk)
                if name in PHRASE_FIELDS and chunk:
                    doc_phrases.append(frozenset(chunk))
            for name, terms in per_field.items():
                lengths[name].append(len(terms))
            field_terms.append(per_field)
            phrases.append(doc_phrases)
        surface.discard(_SEPARATOR)
        self._phrases = phrases
        self._build_postings(field_terms, lengths)
        surface |= vocabulary.surface_words()
        postings = self._postings
        self.corrector = TypoCorrector({w: len(postings.get(stem(w), ())) for w in surface})

    def _build_postings(self, field_terms: list[dict[str, list[str]]], lengths: dict[str, list[int]]) -> None:
        n = len(field_terms)
        average = {name: (sum(v) / len(v) if v and sum(v) else 1.0) for name, v in lengths.items()}
        postings: defaultdict[str, dict[int, float]] = defaultdict(dict)
        body_b = FIELD_B.get("body", DEFAULT_B)
        for doc, per_field in enumerate(field_terms):
            # The body holds most words: Counter counts them in C and one comprehension weighs
            # them; the short fields are then added word by word.
            weight = FIELD_WEIGHTS["body"] / (1.0 - body_b + body_b * lengths["body"][doc] / average["body"])
            pseudo = {term: weight * count for term, count in Counter(per_field["body"]).items()}
            get = pseudo.get
            for name, terms in per_field.items():
                if name == "body" or not terms:
                    continue
                b = FIELD_B.get(name, DEFAULT_B)
                weight = FIELD_WEIGHTS[name] / (1.0 - b + b * lengths[name][doc] / average[name])
                for term in terms:
                    pseudo[term] = get(term, 0.0) + weight
            for term, tf in pseudo.items():
                postings[term][doc] = tf / (K1 + tf)
        self.idf: dict[str, float] = {t: math.log(1.0 + (n - len(d) + 0.5) / (len(d) + 0.5)) for t, d in postings.items()}
        self.max_idf = math.log(1.0 + (n + 0.5) / 0.5)
        self._postings = dict(postings)

    def analyze_query(self, text: str) -> QueryTerms:
        """Query terms with weights (repeats count once, at their highest weight)."""
        weights: dict[str, float] = {}
        for term, weight in self.vocabulary.analyze(text, corrector=self.corrector, expand=True):
            weights[term] = max(weight, weights.get(term, 0.0))
        total = sum(w * self._query_idf(t) for t, w in weights.items())
        outside = sum(w * self._query_idf(t) for t, w in weights.items() if t.startswith(OUT_OF_SCOPE_PREFIX))
        return QueryTerms(weights=weights, total=total, outside=outside / total if total > 0 else 0.0)

    def _query_idf(self, term: str) -> float:
        if term.startswith(OUT_OF_SCOPE_PREFIX):
            return self.max_idf * OUT_OF_SCOPE_SHARE
        return self.idf.get(term, self.max_idf * UNKNOWN_TERM_SHARE)

    def rank(self, query: QueryTerms, *, limit: int) -> list[Ranked]:
        """Best articles first; an empty list when no query term occurs in any article."""
        if query.total <= 0.0:
            return []
        scores: dict[int, float] = {}
        get = scores.get
        common_df = max(COMMON_MIN_DF, COMMON_SHARE * len(self.articles))
        terms = sorted(query.weights, key=lambda t: len(self._postings.get(t, _NO_POSTINGS)))
        for term in terms:
            docs = self._postings.get(term)
            if not docs:
                continue
            mass = query.weights[term] * self.idf[term]
            if len(docs) > common_df and scores:
                # A very common word only re-orders articles the rarer words found (MaxScore-
                # style pruning): it keeps big knowledge bases fast and barely moves a score.
                for doc in scores:
                    sat = docs.get(doc)
                    if sat is not None:
                        scores[doc] += mass * sat
                continue
            for doc, sat in docs.items():
                scores[doc] = get(doc, 0.0) + mass * sat
        if not scores:
            return []
        leaders = sorted(scores, key=scores.__getitem__, reverse=True)[: max(CANDIDATES, limit)]
        ranked = []
        for doc in leaders:
            phrase, fit = self._phrase_alignment(doc, query)
            score = (scores[doc] / query.total + PHRASE_WEIGHT * phrase) / (1.0 + PHRASE_WEIGHT)
            matched = self._matched_weight(doc, query)
            ranked.append(
                Ranked(
                    doc=doc,
                    score=score,
                    coverage=matched / query.total,
                    phrase=phrase,
                    evidence=matched / self.max_idf,
                    fit=fit,
                )
            )
        ranked.sort(key=lambda r: r.score, reverse=True)
        return ranked[:limit]

    def _matched_weight(self, doc: int, query: QueryTerms) -> float:
        """Informative weight of the query terms that occur in ``doc``."""
        return sum(
            w * self.idf[t] for t, w in query.weights.items() if doc in self._postings.get(t, _NO_POSTINGS)
        )

    def _phrase_alignment(self, doc: int, query: QueryTerms) -> tuple[float, float]:
        """Best share of one of the article's phrases found in the query: half by idf weight,
        half by word count, so one rare word next to a common one is not a full match.

        Also the best *fit*: the harmonic mean of that share and the share of the query's
        informative weight the phrase accounts for. One word of a title inside a long message
        about something else ("Teams keeps crashing on my laptop") has a good share but a
        poor fit; a message that says what a symptom says has both."""
        best = best_fit = 0.0
        total = query.total
        for phrase in self._phrases[doc]:
            whole = sum(self.idf.get(t, 0.0) for t in phrase)
            hits = [t for t in phrase if t in query.weights]
            if whole <= 0.0 or not hits:
                continue
            found = sum(self.idf.get(t, 0.0) * min(1.0, query.weights[t]) for t in hits)
            share = 0.5 * found / whole + 0.5 * len(hits) / len(phrase)
            if len(phrase) == 1:
                share *= 0.6  # a one-word phrase is weak evidence on its own
            best = max(best, share)
            explained = sum(self.idf.get(t, 0.0) * query.weights[t] for t in hits) / total
            if share + explained > 0.0:
                best_fit = max(best_fit, 2.0 * share * min(1.0, explained) / (share + min(1.0, explained)))
        return best, best_fit


def _split(terms: list[str], count: int) -> list[list[str]]:
    """Cut the analysed article back into its ``count`` phrases at the separator words."""
    chunks: list[list[str]] = []
    start = 0
    for _ in range(count - 1):
        end = terms.index(_SEPARATOR, start)
        chunks.append(terms[start:end])
        start = end + 1
    chunks.append(terms[start:])
    return chunks


def _field_parts(article: Article) -> dict[str, Sequence[str]]:
    """Each field as its separate phrases, so a phrase never runs into the next one."""
    return {
        "title": (article.title,),
        "aliases": article.aliases,
        "symptoms": article.symptoms,
        "tags": tuple(t.replace("-", " ") for t in article.tags),
        "summary": (article.summary,),
        "systems": article.systems,
        "body": (article.body,),
    }
