"""Search speed: p50/p99 per query and index build time for 30, 1,000 and 20,000 articles.

Articles are generated (word lists drawn with a Zipf-like skew, real article layout) so the
figures do not depend on the shipped set; queries mix exact phrases, typos, lay wording and
off-topic messages. Run on one core: ``taskset -c 0 python benchmarks/kb_speed.py``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from bot.kb.articles import Article
from bot.kb.library import KnowledgeBase
from bot.kb.vocabulary import load_vocabulary

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = (
    "image study send dicom archive viewer worklist modality order result report hl7 interface queue "
    "network port association login password account lock mfa code print film disc import burn merge "
    "duplicate patient route forward storage cache prefetch prior slow crash freeze launch display monitor "
    "calibration measurement ultrasound cine mammography tomosynthesis reformat licence downtime vpn remote "
    "export anonymize research retrieve query echo verify reject timeout error missing stuck"
).split()


def _words(rng: random.Random, count: int) -> list[str]:
    """Domain words plus an invented long tail, as a real collection has."""
    tail = ["".join(rng.choice("abcdefghiklmnoprstuvw") for _ in range(rng.randint(4, 10))) for _ in range(count)]
    return DOMAIN + tail


def _pick(rng: random.Random, vocab: list[str], n: int) -> list[str]:
    return [vocab[min(int(rng.paretovariate(1.1)) - 1, len(vocab) - 1)] if rng.random() < 0.6 else rng.choice(vocab) for _ in range(n)]


def generate(n: int, *, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    vocab = _words(rng, 30_000)
    articles = []
    for i in range(n):
        body = "\n".join(f"{k}. " + " ".join(_pick(rng, vocab, rng.randint(10, 25))) for k in range(1, 12))
        articles.append(
            Article(
                slug=f"article-{i}",
                title=" ".join(_pick(rng, vocab, 6)).capitalize(),
                summary=" ".join(_pick(rng, vocab, 18)),
                tags=tuple(_pick(rng, vocab, 4)),
                systems=("viewer",),
                symptoms=tuple(" ".join(_pick(rng, vocab, 4)) for _ in range(4)),
                aliases=tuple(" ".join(_pick(rng, vocab, 3)) for _ in range(3)),
                audience="client",
                updated=None,
                body=body,
                path=Path(f"article-{i}.md"),
            )
        )
    return articles


def queries(articles: list[Article], *, count: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        a = rng.choice(articles)
        kind = rng.random()
        if kind < 0.3:
            out.append(rng.choice(a.symptoms))
        elif kind < 0.55:
            text = list(a.title.lower())
            pos = rng.randrange(1, max(2, len(text) - 1))
            text[pos - 1], text[pos] = text[pos], text[pos - 1]
            out.append("".join(text))
        elif kind < 0.75:
            out.append(f"hi, since this morning the {rng.choice(a.symptoms)} and also {rng.choice(a.aliases)}, please help, it is urgent for the doctor's list")
        elif kind < 0.9:
            out.append(" ".join(rng.sample(a.body.split(), 3)))
        else:
            out.append(rng.choice(["the coffee machine is broken", "question about my invoice", "where do I park"]))
    return out


def measure(n: int, *, count: int) -> dict[str, float]:
    vocabulary = load_vocabulary(ROOT / "config" / "vocabulary.toml")
    articles = generate(n)
    start = time.perf_counter()
    kb = KnowledgeBase.from_articles(articles, vocabulary=vocabulary)
    build = time.perf_counter() - start
    timings = []
    for query in queries(articles, count=count):
        t0 = time.perf_counter()
        kb.search(query, limit=3)
        timings.append((time.perf_counter() - t0) * 1000.0)
    timings.sort()
    return {
        "articles": n,
        "build_s": build,
        "p50_ms": statistics.median(timings),
        "p99_ms": timings[int(0.99 * (len(timings) - 1))],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[30, 1_000, 20_000])
    parser.add_argument("--queries", type=int, default=500)
    args = parser.parse_args()
    print(f"{'articles':>8} {'build s':>8} {'p50 ms':>7} {'p99 ms':>7}")
    for n in args.sizes:
        r = measure(n, count=args.queries)
        print(f"{r['articles']:>8} {r['build_s']:>8.2f} {r['p50_ms']:>7.2f} {r['p99_ms']:>7.2f}")


if __name__ == "__main__":
    main()
