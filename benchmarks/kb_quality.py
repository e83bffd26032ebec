"""Our ranking vs a plain BM25 baseline on the same labelled queries.

The baseline is textbook Okapi BM25 over the whole article (title + summary + body + lists as
one text, lower-cased words, no stemming, vocabulary or typo correction), and it suggests its
top 3 whenever any word matches — which is what "plain BM25" does. Ours is what the bot would
suggest (`KnowledgeBase.search`), plus our ranking with confidence ignored.

    python benchmarks/kb_quality.py [--kb DIR] [--queries FILE]
"""

from __future__ import annotations

import argparse
import math
import re
from collections import Counter
from pathlib import Path

from bot.kb.articles import Article
from bot.kb.evaluate import evaluate, format_report, read_queries
from bot.kb.library import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent
_WORD = re.compile(r"[a-z0-9]+")


class PlainBM25:
    """Okapi BM25 (k1=1.2, b=0.75) over one bag of words per article."""

    def __init__(self, articles: list[Article], *, k1: float = 1.2, b: float = 0.75) -> None:
        self.slugs = [a.slug for a in articles]
        docs = [Counter(_WORD.findall(_text(a).lower())) for a in articles]
        self.lengths = [sum(d.values()) for d in docs]
        self.average = sum(self.lengths) / max(1, len(docs))
        df: Counter[str] = Counter(t for d in docs for t in d)
        n = len(docs)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        self.docs, self.k1, self.b = docs, k1, b

    def search(self, query: str, *, limit: int = 3) -> list[str]:
        terms = _WORD.findall(query.lower())
        scores = []
        for i, doc in enumerate(self.docs):
            norm = self.k1 * (1 - self.b + self.b * self.lengths[i] / self.average)
            score = sum(self.idf[t] * doc[t] * (self.k1 + 1) / (doc[t] + norm) for t in terms if t in doc)
            if score > 0:
                scores.append((score, self.slugs[i]))
        return [slug for _, slug in sorted(scores, reverse=True)[:limit]]


def _text(article: Article) -> str:
    parts = [article.title, article.summary, *article.aliases, *article.symptoms, *article.tags, article.body]
    return "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kb", type=Path, default=ROOT / "knowledge_base")
    parser.add_argument("--vocabulary", type=Path, default=ROOT / "config" / "vocabulary.toml")
    parser.add_argument("--queries", type=Path, default=ROOT / "tests" / "data" / "kb_queries.jsonl")
    args = parser.parse_args()
    kb = KnowledgeBase.load(args.kb, vocabulary_path=args.vocabulary)
    client_articles = [a for a in kb.articles() if a.audience == "client"]
    baseline = PlainBM25(client_articles)
    items = read_queries(args.queries)
    runs = {
        "plain BM25 (top 3, always suggests)": lambda q: baseline.search(q),
        "deskbot ranking (confidence ignored)": lambda q: [r.slug for r in kb.search_all(q, limit=3, audience="client")],
        "deskbot suggestions (what the bot shows)": lambda q: [r.slug for r in kb.search(q, limit=3)],
    }
    for name, suggest in runs.items():
        print(f"\n== {name}")
        print(format_report(evaluate(items, suggest)))


if __name__ == "__main__":
    main()
