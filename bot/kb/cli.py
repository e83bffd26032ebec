"""``deskbot kb …``: lint, search and eval for admins and for the held-out quality check."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.errors import DeskbotError
from bot.kb.evaluate import evaluate, format_report, read_queries
from bot.kb.library import KnowledgeBase
from bot.kb.lint import lint_directory
from bot.kb.vocabulary import load_vocabulary
from bot.settings import load_settings


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """Add ``kb`` and its subcommands; returns the ``kb`` subparsers so others can add more."""
    kb = subparsers.add_parser("kb", help="knowledge base: lint, search, eval")
    commands = kb.add_subparsers(dest="kb_command", metavar="COMMAND", required=True)

    lint = commands.add_parser("lint", help="check every article; exit 1 on any problem")
    lint.add_argument("dir", nargs="?", type=Path, help="article directory (default: settings kb.dir)")
    lint.set_defaults(func=lint_command)

    search = commands.add_parser("search", help="what the bot would suggest for a message")
    search.add_argument("--kb", type=Path, help="article directory (default: settings kb.dir)")
    search.add_argument("--limit", type=int, default=None, help="most suggestions per query")
    search.add_argument("--json", action="store_true", help="one JSON object per query per line")
    search.add_argument("query", nargs="+", help="the message; '-' alone reads one query per line from stdin")
    search.set_defaults(func=search_command)

    ev = commands.add_parser("eval", help="top-1, top-3, MRR and no-answer rate on a labelled set")
    ev.add_argument("file", type=Path, help='JSON lines: {"query": ..., "expected": [slugs]}')
    ev.add_argument("--kb", type=Path, help="article directory (default: settings kb.dir)")
    ev.add_argument("--json", action="store_true", help="print the figures as JSON")
    ev.set_defaults(func=eval_command)
    return commands


def _paths(args: argparse.Namespace, directory: Path | None) -> tuple[Path, Path | None, int]:
    settings = load_settings(getattr(args, "config", None))
    section = settings.section("kb")
    vocabulary = section.get("vocabulary")
    limit = section.get("max_suggestions", 3)
    return (
        directory or Path(str(section.get("dir", "knowledge_base"))),
        Path(str(vocabulary)) if vocabulary else None,
        limit if isinstance(limit, int) else 3,
    )


def _open(args: argparse.Namespace, directory: Path | None) -> tuple[KnowledgeBase, int]:
    kb_dir, vocabulary, limit = _paths(args, directory)
    return KnowledgeBase.load(kb_dir, vocabulary_path=vocabulary), limit


def lint_command(args: argparse.Namespace) -> int:
    try:
        kb_dir, vocabulary_path, _ = _paths(args, args.dir)
        known = load_vocabulary(vocabulary_path).known_systems
    except DeskbotError as err:
        print(err, file=sys.stderr)
        return 2
    if not kb_dir.is_dir():
        print(f"{kb_dir}: not a directory", file=sys.stderr)
        return 2
    problems = lint_directory(kb_dir, known_systems=known)
    for problem in problems:
        print(problem)
    if not problems:
        print(f"{kb_dir}: all articles OK")
    return 1 if problems else 0


def search_command(args: argparse.Namespace) -> int:
    try:
        kb, default_limit = _open(args, args.kb)
    except DeskbotError as err:
        print(err, file=sys.stderr)
        return 2
    limit = args.limit if args.limit is not None else default_limit
    queries = [line.rstrip("\r\n") for line in sys.stdin] if args.query == ["-"] else [" ".join(args.query)]
    for query in queries:
        if not query.strip():
            continue
        results = kb.search(query, limit=limit)
        if args.json:
            rows = [{"slug": r.slug, "title": r.title, "score": r.score} for r in results]
            print(json.dumps({"query": query, "results": rows}))
            continue
        print(f"? {query}")
        if not results:
            print("  (nothing confident to suggest)")
        for r in results:
            print(f"  {r.score:.3f}  conf {r.confidence:.2f}  {r.slug}  — {r.title}")
    return 0


def eval_command(args: argparse.Namespace) -> int:
    try:
        kb, limit = _open(args, args.kb)
        items = read_queries(args.file)
    except DeskbotError as err:
        print(err, file=sys.stderr)
        return 2
    except OSError as err:
        print(f"{args.file}: {err.strerror}", file=sys.stderr)
        return 2
    report = evaluate(items, lambda q: [r.slug for r in kb.search(q, limit=limit)])
    if args.json:
        print(json.dumps(report.as_dict()))
    else:
        print(format_report(report))
    return 0
