"""Search quality on our labelled set and on a fresh collection written in another house style.

The fresh collection (`tests/data/kb_fresh/`) stands in for the private held-out set: its own
articles and wording, labelled before the search was tuned on it. Each set is measured twice:
in-process through `KnowledgeBase.search` (what `deskbot kb eval` does) and through the exact
held-out path, `deskbot kb search --kb DIR --json -` with one query per line on stdin. The two
must agree; the misses are listed for whoever tunes next.

    python benchmarks/kb_fresh.py [--misses] [--skip-cli]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.kb.evaluate import EvalReport, LabelledQuery, evaluate, read_queries
from bot.kb.library import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent
VOCABULARY = ROOT / "config" / "vocabulary.toml"
SETS: dict[str, tuple[Path, Path]] = {
    "ours": (ROOT / "knowledge_base", ROOT / "tests" / "data" / "kb_queries.jsonl"),
    "heldout": (ROOT / "tests" / "data" / "kb_heldout" / "articles", ROOT / "tests" / "data" / "kb_heldout" / "queries.jsonl"),
    "fresh": (ROOT / "tests" / "data" / "kb_fresh" / "articles", ROOT / "tests" / "data" / "kb_fresh" / "queries.jsonl"),
}


def in_process(articles: Path, items: Sequence[LabelledQuery]) -> EvalReport:
    """What `deskbot kb eval` measures."""
    kb = KnowledgeBase.load(articles, vocabulary_path=VOCABULARY)
    return evaluate(items, lambda q: [r.slug for r in kb.search(q, limit=3)])


def through_cli(articles: Path, items: Sequence[LabelledQuery]) -> EvalReport:
    """The held-out path: one `deskbot kb search --json -` process fed every query on stdin."""
    stdin = "".join(item.query.replace("\n", " ") + "\n" for item in items)
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "kb", "search", "--kb", str(articles), "--json", "-"],
        input=stdin, capture_output=True, text=True, check=True, cwd=ROOT,
    )
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    by_query = {row["query"]: [r["slug"] for r in row["results"]] for row in rows}
    return evaluate(items, lambda q: by_query[q])


def _line(name: str, path: str, report: EvalReport) -> str:
    f = report.overall
    cells = " ".join(f"{_fmt(f.rate(n)):>9}" for n in ("top1", "top3", "mrr", "no_answer"))
    return f"{name:<8} {path:<11} {f.answerable:>5} {f.unanswerable:>5} {cells}"


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", action="store_true", help="list every miss")
    parser.add_argument("--skip-cli", action="store_true", help="in-process only (faster)")
    args = parser.parse_args()
    print(f"{'set':<8} {'path':<11} {'ans':>5} {'none':>5} {'top-1':>9} {'top-3':>9} {'MRR':>9} {'no-answer':>9}")
    misses: dict[str, EvalReport] = {}
    for name, (articles, queries) in SETS.items():
        items = read_queries(queries)
        report = in_process(articles, items)
        misses[name] = report
        print(_line(name, "in-process", report))
        if not args.skip_cli:
            print(_line(name, "kb search", through_cli(articles, items)))
    for name, report in misses.items():
        if not args.misses and name != "fresh":
            continue
        print(f"\nmisses on {name} ({len(report.misses)}):")
        for item, suggested in report.misses:
            expected = ",".join(item.expected) or "(nothing)"
            print(f"  [{item.kind or '-'}] {item.query[:80]!r}\n      expected {expected}; suggested {list(suggested) or 'nothing'}")


if __name__ == "__main__":
    main()
