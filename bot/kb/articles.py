"""Knowledge-base articles: markdown files with YAML front matter, slug = file name.

Loading is forgiving about what is optional (an article without ``aliases`` still helps a
client) and strict about what makes an article unusable (no title, no body, front matter that
is not YAML or has the wrong types). ``kb lint`` is where admins get the strict checks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from bot.errors import ArticleError

AUDIENCES = ("client", "analyst")
LIST_FIELDS = ("tags", "systems", "symptoms", "aliases")


@dataclass(frozen=True)
class Article:
    """One article as the search index, the renderers and the bot see it."""

    slug: str
    title: str
    summary: str
    tags: tuple[str, ...]
    systems: tuple[str, ...]
    symptoms: tuple[str, ...]
    aliases: tuple[str, ...]
    audience: str
    updated: dt.date | None
    body: str
    path: Path


def read_front_matter(path: Path) -> tuple[dict[str, Any], str, int]:
    """Metadata, body and the 1-based line where the body starts; raises :class:`ArticleError`."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ArticleError(str(path), "not UTF-8 text") from None
    except OSError as err:
        raise ArticleError(str(path), f"cannot read: {err.strerror}") from None
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(err, "problem", None) or "invalid YAML"
        raise ArticleError(str(path), f"front matter is not valid YAML: {problem}", line=line) from None
    metadata = post.metadata
    if not isinstance(metadata, Mapping):
        raise ArticleError(str(path), "front matter must be a mapping of keys to values")
    body_line = 1
    if text.startswith("---"):
        closing = text.find("\n---", 3)
        body_line = text.count("\n", 0, closing) + 3 if closing != -1 else 1
    return dict(metadata), post.content, body_line


def field_line(path: Path, key: str) -> int:
    """1-based line of ``key:`` in the front matter, or 1 when it is absent."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            break
        if line.startswith(f"{key}:"):
            return number
    return 1


def load_article(path: Path) -> Article:
    """Load one article; anything that makes it unusable raises :class:`ArticleError`."""
    metadata, body, body_line = read_front_matter(path)
    where = str(path)
    title = metadata.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ArticleError(where, "missing or empty 'title'", line=field_line(path, "title"))
    if not body.strip():
        raise ArticleError(where, "article body is empty", line=body_line)
    summary = metadata.get("summary", "")
    if not isinstance(summary, str):
        raise ArticleError(where, "'summary' must be text", line=field_line(path, "summary"))
    lists = {name: _text_list(metadata.get(name), path=path, name=name) for name in LIST_FIELDS}
    audience = metadata.get("audience", "client")
    if audience not in AUDIENCES:
        raise ArticleError(where, f"'audience' must be one of {', '.join(AUDIENCES)}", line=field_line(path, "audience"))
    return Article(
        slug=path.stem,
        title=title.strip(),
        summary=summary.strip(),
        tags=lists["tags"],
        systems=lists["systems"],
        symptoms=lists["symptoms"],
        aliases=lists["aliases"],
        audience=str(audience),
        updated=_date(metadata.get("updated"), path=path),
        body=body.strip(),
        path=path,
    )


def _text_list(value: Any, *, path: Path, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, list) and all(isinstance(v, str | int | float) and not isinstance(v, bool) for v in value):
        return tuple(str(v).strip() for v in value if str(v).strip())
    raise ArticleError(str(path), f"'{name}' must be a list of text", line=field_line(path, name))


def _date(value: Any, *, path: Path) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ArticleError(str(path), "'updated' must be a date like 2025-01-31", line=field_line(path, "updated"))
