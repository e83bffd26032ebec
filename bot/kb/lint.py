"""``kb lint``: the strict checks admins run before committing articles.

Loading forgives missing optional fields so the service keeps running; lint does not, so the
knowledge base stays complete. Every problem is ``file:line: message``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.errors import ArticleError
from bot.kb.articles import AUDIENCES, field_line, read_front_matter
from bot.kb.library import article_files
from bot.kb.render import resolve_link
from bot.kb.vocabulary import DEFAULT_SYSTEMS

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)")
_TEXT_FIELDS = ("title", "summary")
_LIST_FIELDS = {"tags": True, "systems": True, "symptoms": True, "aliases": False}  # name → must be non-empty


@dataclass(frozen=True)
class LintProblem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def lint_directory(directory: Path, *, known_systems: Iterable[str] = DEFAULT_SYSTEMS) -> list[LintProblem]:
    """Every problem in every article of ``directory``, in file order."""
    files = article_files(directory)
    if not files:
        return [LintProblem(directory, 1, "no articles (*.md) found")]
    known = {s.lower() for s in known_systems}
    slugs = {p.stem.lower() for p in files}
    problems: list[LintProblem] = []
    titles: dict[str, Path] = {}
    seen_slugs: dict[str, Path] = {}
    for path in files:
        slug = path.stem.lower()
        if slug in seen_slugs:
            problems.append(LintProblem(path, 1, f"duplicate slug '{slug}' (also {seen_slugs[slug].name})"))
        seen_slugs[slug] = path
        if not _SLUG.match(path.stem):
            problems.append(LintProblem(path, 1, "file name must be lower-case letters, digits and hyphens"))
        try:
            metadata, body, body_line = read_front_matter(path)
        except ArticleError as err:
            problems.append(LintProblem(path, err.line, err.message))
            continue
        problems.extend(_check_fields(path, metadata, known))
        title = metadata.get("title")
        if isinstance(title, str) and title.strip():
            key = title.strip().lower()
            if key in titles:
                problems.append(LintProblem(path, field_line(path, "title"), f"duplicate title (also {titles[key].name})"))
            titles.setdefault(key, path)
        if not body.strip():
            problems.append(LintProblem(path, body_line, "article body is empty"))
        problems.extend(_check_links(path, slugs))
    return problems


def _check_fields(path: Path, metadata: dict[str, Any], known_systems: set[str]) -> list[LintProblem]:
    problems: list[LintProblem] = []

    def add(key: str, message: str) -> None:
        problems.append(LintProblem(path, field_line(path, key), message))

    for key in _TEXT_FIELDS:
        value = metadata.get(key)
        if value is None:
            add(key, f"missing required field '{key}'")
        elif not isinstance(value, str) or not value.strip():
            add(key, f"'{key}' must be non-empty text")
    for key, required in _LIST_FIELDS.items():
        value = metadata.get(key)
        if value is None:
            add(key, f"missing required field '{key}' (a list)")
        elif not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            add(key, f"'{key}' must be a list of text")
        elif required and not value:
            add(key, f"'{key}' must not be empty")
        elif key == "systems":
            for system in value:
                if system.lower() not in known_systems:
                    add(key, f"unknown system '{system}' (known: {', '.join(sorted(known_systems))})")
    audience = metadata.get("audience")
    if audience is None:
        add("audience", "missing required field 'audience' (client or analyst)")
    elif audience not in AUDIENCES:
        add("audience", f"'audience' must be one of: {', '.join(AUDIENCES)}")
    updated = metadata.get("updated")
    if updated is None:
        add("updated", "missing required field 'updated' (a date like 2025-01-31)")
    elif not isinstance(updated, dt.date):
        add("updated", "'updated' must be a date like 2025-01-31")
    return problems


def _check_links(path: Path, slugs: set[str]) -> list[LintProblem]:
    problems = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for href in _LINK.findall(line):
            target = resolve_link(href, "")
            if target != href or href.endswith(".md"):
                slug = target.split("#", 1)[0].removesuffix(".md").lower()
                if slug not in slugs:
                    problems.append(LintProblem(path, number, f"broken link to article '{slug}'"))
    return problems
