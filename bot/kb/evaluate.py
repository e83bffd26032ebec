"""Search quality on a labelled query set: what the bot would actually suggest, measured.

The file is JSON lines: ``{"query": "...", "expected": ["slug", ...], "kind": "typo"}`` with
``expected`` empty for a question no article answers; ``kind`` is optional and gives a
breakdown (typo, lay, jargon, long, short, …).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.errors import ClientInputError

Suggest = Callable[[str], Sequence[str]]  # query → suggested slugs, best first


@dataclass(frozen=True)
class LabelledQuery:
    query: str
    expected: tuple[str, ...]
    kind: str | None = None


@dataclass
class Figures:
    """Counts for one group of queries; rates are derived so groups can be merged."""

    answerable: int = 0
    top1: int = 0
    top3: int = 0
    reciprocal_rank: float = 0.0
    unanswerable: int = 0
    silent: int = 0  # unanswerable queries where nothing was suggested

    def add(self, item: LabelledQuery, suggested: Sequence[str]) -> None:
        if not item.expected:
            self.unanswerable += 1
            self.silent += not suggested
            return
        self.answerable += 1
        rank = next((i for i, slug in enumerate(suggested, start=1) if slug in item.expected), None)
        if rank is not None:
            self.top1 += rank == 1
            self.top3 += rank <= 3
            self.reciprocal_rank += 1.0 / rank

    def rate(self, name: str) -> float | None:
        if name == "no_answer":
            return self.silent / self.unanswerable if self.unanswerable else None
        if not self.answerable:
            return None
        value = self.reciprocal_rank if name == "mrr" else getattr(self, name)
        return float(value) / self.answerable


@dataclass
class EvalReport:
    overall: Figures = field(default_factory=Figures)
    by_kind: dict[str, Figures] = field(default_factory=dict)
    misses: list[tuple[LabelledQuery, tuple[str, ...]]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        def rates(f: Figures) -> dict[str, object]:
            names = ("top1", "top3", "mrr", "no_answer")
            return {"queries": f.answerable + f.unanswerable} | {n: f.rate(n) for n in names}

        return {"overall": rates(self.overall), "by_kind": {k: rates(v) for k, v in sorted(self.by_kind.items())}}


def read_queries(path: Path) -> list[LabelledQuery]:
    """Parse the JSON-lines file; a bad line raises :class:`ClientInputError` naming it."""
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            query, expected = row["query"], row.get("expected", [])
            if not isinstance(query, str) or not isinstance(expected, list):
                raise TypeError
            items.append(LabelledQuery(query, tuple(str(s) for s in expected), row.get("kind")))
        except (ValueError, KeyError, TypeError):
            raise ClientInputError(f"{path}:{number}: expected {{\"query\": text, \"expected\": [slugs]}}") from None
    return items


def evaluate(items: Sequence[LabelledQuery], suggest: Suggest) -> EvalReport:
    """Run every query through ``suggest`` and score the suggestions."""
    report = EvalReport()
    for item in items:
        suggested = tuple(suggest(item.query))
        report.overall.add(item, suggested)
        if item.kind:
            report.by_kind.setdefault(item.kind, Figures()).add(item, suggested)
        hit = any(s in item.expected for s in suggested[:3]) if item.expected else not suggested
        if not hit:
            report.misses.append((item, suggested))
    return report


def format_report(report: EvalReport) -> str:
    """A small table: one row overall, then one per kind."""
    header = f"{'group':<12} {'queries':>7} {'top-1':>6} {'top-3':>6} {'MRR':>6} {'no-answer':>9}"
    lines = [header, "-" * len(header)]
    rows = [("overall", report.overall), *sorted(report.by_kind.items())]
    for name, figures in rows:
        cells = [_pct(figures.rate(n)) for n in ("top1", "top3", "mrr", "no_answer")]
        count = figures.answerable + figures.unanswerable
        lines.append(f"{name:<12} {count:>7} {cells[0]:>6} {cells[1]:>6} {cells[2]:>6} {cells[3]:>9}")
    return "\n".join(lines)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"
