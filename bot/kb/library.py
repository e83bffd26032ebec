"""The knowledge base the service holds: articles, their search index, and live reload.

A reload builds a complete new snapshot (articles + index) and swaps one reference, so a
``search`` running in another thread sees either the old or the new knowledge base, never a
half-built one. A broken article is logged and skipped; it never takes the service down.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.errors import ArticleError, ConfigError
from bot.kb.articles import Article, load_article
from bot.kb.confidence import THRESHOLD, confidences
from bot.kb.index import SearchIndex
from bot.kb.vocabulary import Vocabulary, load_vocabulary

log = logging.getLogger(__name__)

Stamp = tuple[tuple[str, int, int], ...]


@dataclass(frozen=True)
class SearchResult:
    """One suggestion; ``score`` ranks, ``confidence`` says whether to show it (both 0–1)."""

    slug: str
    title: str
    score: float
    confidence: float


@dataclass(frozen=True)
class _Snapshot:
    index: SearchIndex
    by_slug: dict[str, Article]
    stamp: Stamp


def article_files(directory: Path) -> list[Path]:
    """The article files of ``directory``: ``*.md`` except README and ``_``/``.`` drafts."""
    return sorted(
        p
        for p in directory.glob("*.md")
        if p.is_file() and not p.name.startswith(("_", ".")) and p.name.lower() != "readme.md"
    )


class KnowledgeBase:
    """Articles from one directory, searchable, reloadable while the service runs."""

    def __init__(self, directory: Path, *, vocabulary_path: Path | None, snapshot: _Snapshot) -> None:
        self.directory = directory
        self.vocabulary_path = vocabulary_path
        self._snapshot = snapshot
        self._reload_lock = threading.Lock()

    @classmethod
    def load(cls, directory: Path, *, vocabulary_path: Path | None = None) -> KnowledgeBase:
        """Load every article; raises :class:`ConfigError` only if the directory is missing."""
        directory = Path(directory)
        if not directory.is_dir():
            raise ConfigError("kb.dir", f"not a directory: {directory}")
        return cls(directory, vocabulary_path=vocabulary_path, snapshot=_build(directory, vocabulary_path))

    @classmethod
    def from_articles(cls, articles: Sequence[Article], *, vocabulary: Vocabulary | None = None) -> KnowledgeBase:
        """An in-memory knowledge base (tests, benchmarks); it never reloads."""
        index = SearchIndex(articles, vocabulary or Vocabulary())
        snapshot = _Snapshot(index=index, by_slug={a.slug: a for a in articles}, stamp=())
        return cls(Path("."), vocabulary_path=None, snapshot=snapshot)

    def search(self, query: str, *, limit: int = 3, audience: str | None = "client") -> list[SearchResult]:
        """Only the confident results, best first; empty when nothing is confident."""
        return [r for r in self.search_all(query, limit=limit, audience=audience) if r.confidence >= THRESHOLD]

    def search_all(self, query: str, *, limit: int = 10, audience: str | None = None) -> list[SearchResult]:
        """Ranked results whatever their confidence (evaluation, diagnostics)."""
        index = self._snapshot.index
        terms = index.analyze_query(query)
        ranked = index.rank(terms, limit=max(limit * 3, limit + 5))
        results = []
        for r, conf in zip(ranked, confidences(ranked, outside=terms.outside)):
            article = index.articles[r.doc]
            if audience is None or article.audience == audience:
                results.append(SearchResult(article.slug, article.title, round(r.score, 4), round(conf, 4)))
        return results[:limit]

    def article(self, slug: str) -> Article | None:
        return self._snapshot.by_slug.get(slug)

    def articles(self) -> list[Article]:
        return list(self._snapshot.index.articles)

    def reload_if_changed(self) -> bool:
        """Rebuild and swap in the index if an article or the vocabulary changed; never raises."""
        with self._reload_lock:
            try:
                if _stamp(self.directory, self.vocabulary_path) == self._snapshot.stamp:
                    return False
                self._snapshot = _build(self.directory, self.vocabulary_path)
            except Exception:
                log.exception("knowledge base reload failed; keeping the articles already loaded")
                return False
            log.info("knowledge base reloaded: %d articles", len(self._snapshot.by_slug))
            return True


def _stamp(directory: Path, vocabulary_path: Path | None) -> Stamp:
    if not directory.is_dir():
        raise FileNotFoundError(f"knowledge base directory disappeared: {directory}")
    paths = article_files(directory) + ([vocabulary_path] if vocabulary_path is not None else [])
    entries = []
    for path in paths:
        try:
            st = path.stat()
        except FileNotFoundError:
            continue
        entries.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(entries)


def _build(directory: Path, vocabulary_path: Path | None) -> _Snapshot:
    stamp = _stamp(directory, vocabulary_path)
    vocabulary = load_vocabulary(vocabulary_path)
    articles: list[Article] = []
    for path in article_files(directory):
        try:
            articles.append(load_article(path))
        except ArticleError as err:
            log.error("skipping article %s", err)
    return _Snapshot(index=SearchIndex(articles, vocabulary), by_slug={a.slug: a for a in articles}, stamp=stamp)
