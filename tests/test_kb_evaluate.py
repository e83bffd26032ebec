from __future__ import annotations

import pytest

from bot.kb.evaluate import LabelledQuery, evaluate, format_report


def test_metrics_count_ranks_and_silence() -> None:
    items = [
        LabelledQuery("viewer crash", ("viewer-crash",), "plain"),  # rank 1
        LabelledQuery("veiwer crsh", ("viewer-crash",), "typo"),  # rank 2
        LabelledQuery("slow pacs", ("slow",), "short"),  # not found
        LabelledQuery("coffee", (), "none"),  # silent: good
        LabelledQuery("parking", (), "none"),  # suggested something: bad
    ]
    answers = {
        "viewer crash": ["viewer-crash", "slow"],
        "veiwer crsh": ["slow", "viewer-crash"],
        "slow pacs": ["printer"],
        "coffee": [],
        "parking": ["printer"],
    }
    report = evaluate(items, lambda q: answers[q])
    assert report.overall.rate("top1") == pytest.approx(1 / 3)
    assert report.overall.rate("top3") == pytest.approx(2 / 3)
    assert report.overall.rate("mrr") == pytest.approx((1 + 0.5) / 3)
    assert report.overall.rate("no_answer") == pytest.approx(0.5)
    assert report.by_kind["typo"].rate("top1") == 0.0
    assert [m[0].query for m in report.misses] == ["slow pacs", "parking"]
    table = format_report(report)
    assert table.splitlines()[2].split() == ["overall", "5", "0.333", "0.667", "0.500", "0.500"]
