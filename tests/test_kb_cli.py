from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

from bot.kb.cli import register

ROOT = Path(__file__).resolve().parent.parent
KB_DIR = ROOT / "knowledge_base"


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="deskbot")
    commands = parser.add_subparsers(dest="command", required=True)
    register(commands)
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


def test_register_returns_the_kb_subparsers_for_more_commands() -> None:
    parser = argparse.ArgumentParser(prog="deskbot")
    kb_commands = register(parser.add_subparsers(dest="command"))
    kb_commands.add_parser("report").set_defaults(func=lambda args: 0)
    args = parser.parse_args(["kb", "report"])
    assert args.func(args) == 0


def test_lint_passes_on_shipped_articles(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["kb", "lint", str(KB_DIR)]) == 0
    assert "all articles OK" in capsys.readouterr().out


def test_lint_fails_with_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "broken.md").write_text("---\ntitle: Broken\nsummary: s\n---\n\n", encoding="utf-8")
    assert run(["kb", "lint", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path / 'broken.md'}:5: article body is empty" in out
    assert f"{tmp_path / 'broken.md'}:1: missing required field 'tags' (a list)" in out


def test_search_json_from_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    queries = "veiwer wont lanch\nthe coffee machine is broken\n\nMWL empty on CT\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(queries))
    assert run(["kb", "search", "--kb", str(KB_DIR), "--json", "-"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["query"] for r in rows] == ["veiwer wont lanch", "the coffee machine is broken", "MWL empty on CT"]
    assert rows[0]["results"][0]["slug"] == "viewer-will-not-launch"
    assert set(rows[0]["results"][0]) == {"slug", "title", "score"}
    assert rows[1]["results"] == []
    assert rows[2]["results"][0]["slug"] == "modality-worklist-empty"


def test_search_text_output_and_limit(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["kb", "search", "--kb", str(KB_DIR), "--limit", "1", "password", "expired"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "? password expired"
    assert len(out) == 2 and "password-reset" in out[1]


def test_eval_prints_figures(capsys: pytest.CaptureFixture[str]) -> None:
    queries = ROOT / "tests" / "data" / "kb_queries.jsonl"
    assert run(["kb", "eval", str(queries), "--kb", str(KB_DIR), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)["overall"]
    assert figures["top3"] >= 0.95 and figures["no_answer"] >= 0.8
    assert run(["kb", "eval", str(queries), "--kb", str(KB_DIR)]) == 0
    assert capsys.readouterr().out.splitlines()[0].split() == ["group", "queries", "top-1", "top-3", "MRR", "no-answer"]


def test_eval_reports_a_bad_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "q.jsonl"
    bad.write_text('{"query": "x", "expected": []}\nnot json\n', encoding="utf-8")
    assert run(["kb", "eval", str(bad), "--kb", str(KB_DIR)]) == 2
    assert f"{bad}:2:" in capsys.readouterr().err
