from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import pytest

from bot.errors import ArticleError, ConfigError
from bot.kb.articles import load_article
from bot.kb.library import KnowledgeBase

ARTICLE = """---
title: {title}
summary: {summary}
tags: [viewer]
systems: [viewer]
symptoms: [{symptom}]
aliases: []
audience: client
updated: 2025-02-01
---
1. Close the viewer and start it again.
2. Call 816-232-7483 if it still fails.
"""


def write(directory: Path, slug: str, *, title: str, summary: str, symptom: str) -> Path:
    path = directory / f"{slug}.md"
    path.write_text(ARTICLE.format(title=title, summary=summary, symptom=symptom), encoding="utf-8")
    return path


def bump(path: Path) -> None:
    """Move the mtime forward: filesystems with coarse timestamps would hide a quick edit."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


@pytest.fixture
def kb_dir(tmp_path: Path) -> Path:
    write(tmp_path, "viewer-crash", title="Viewer crashes", summary="The viewer closes unexpectedly.", symptom="viewer crashes")
    write(tmp_path, "film-printer", title="Film printer fails", summary="Films do not print.", symptom="film printer not printing")
    return tmp_path


def test_load_article_reads_front_matter(kb_dir: Path) -> None:
    article = load_article(kb_dir / "viewer-crash.md")
    assert article.slug == "viewer-crash"
    assert article.symptoms == ("viewer crashes",)
    assert article.updated is not None and article.updated.isoformat() == "2025-02-01"
    assert article.body.startswith("1. Close the viewer")


def test_load_article_rejects_an_unusable_file(tmp_path: Path) -> None:
    path = tmp_path / "no-title.md"
    path.write_text("---\nsummary: x\n---\nBody\n", encoding="utf-8")
    with pytest.raises(ArticleError, match="title"):
        load_article(path)


def test_missing_directory_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        KnowledgeBase.load(tmp_path / "nope")


def test_reload_picks_up_added_edited_and_removed_articles(kb_dir: Path) -> None:
    kb = KnowledgeBase.load(kb_dir)
    assert kb.reload_if_changed() is False

    write(kb_dir, "mfa-codes", title="MFA code rejected", summary="Authenticator codes fail.", symptom="mfa code rejected")
    assert kb.reload_if_changed() is True
    assert kb.search_all("mfa code rejected", limit=1)[0].slug == "mfa-codes"

    path = write(kb_dir, "film-printer", title="Paper printer jams", summary="Paper jams.", symptom="paper jam")
    bump(path)
    assert kb.reload_if_changed() is True
    assert kb.article("film-printer").title == "Paper printer jams"  # type: ignore[union-attr]

    (kb_dir / "viewer-crash.md").unlink()
    assert kb.reload_if_changed() is True
    assert kb.article("viewer-crash") is None
    assert all(r.slug != "viewer-crash" for r in kb.search_all("viewer crashes"))


def test_broken_article_is_skipped_and_logged(kb_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    kb = KnowledgeBase.load(kb_dir)
    (kb_dir / "broken.md").write_text("---\ntitle: [unclosed\n---\nBody\n", encoding="utf-8")
    with caplog.at_level(logging.ERROR, logger="bot.kb.library"):
        assert kb.reload_if_changed() is True
    assert "broken.md" in caplog.text
    assert {a.slug for a in kb.articles()} == {"viewer-crash", "film-printer"}
    assert kb.search("viewer crashes")[0].slug == "viewer-crash"


def test_reload_never_raises_when_the_directory_vanishes(kb_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    kb = KnowledgeBase.load(kb_dir)
    for path in kb_dir.iterdir():
        path.unlink()
    kb_dir.rmdir()
    with caplog.at_level(logging.ERROR, logger="bot.kb.library"):
        assert kb.reload_if_changed() is False
    assert len(kb.articles()) == 2


def test_search_during_reloads_always_sees_a_whole_index(kb_dir: Path) -> None:
    kb = KnowledgeBase.load(kb_dir)
    failures: list[BaseException] = []
    stop = threading.Event()

    def searcher() -> None:
        while not stop.is_set():
            try:
                assert kb.search_all("viewer crashes", limit=1)[0].slug == "viewer-crash"
            except BaseException as err:  # noqa: BLE001 - surfaced by the assert below
                failures.append(err)
                return

    thread = threading.Thread(target=searcher)
    thread.start()
    try:
        for i in range(15):
            path = write(kb_dir, f"extra-{i}", title=f"Extra topic {i}", summary="Unrelated.", symptom="toner")
            bump(path)
            kb.reload_if_changed()
    finally:
        stop.set()
        thread.join()
    assert failures == []
    assert len(kb.articles()) == 17
