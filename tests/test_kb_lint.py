from __future__ import annotations

from pathlib import Path

from bot.kb.lint import lint_directory
from bot.kb.vocabulary import load_vocabulary

ROOT = Path(__file__).resolve().parent.parent
KB_DIR = ROOT / "knowledge_base"
VOCABULARY = ROOT / "config" / "vocabulary.toml"


def write_article(
    directory: Path,
    slug: str,
    *,
    title: str,
    body: str = "1. Restart the viewer.\n2. Call 816-232-7483 if it keeps failing.",
    summary: str = "What to check first.",
    systems: str = "[viewer]",
    symptoms: str = "[viewer will not open]",
    extra: str = "",
) -> Path:
    """Write one realistic article with complete front matter; ``extra`` adds raw YAML lines."""
    path = directory / f"{slug}.md"
    path.write_text(
        "---\n"
        f"title: {title}\n"
        f"summary: {summary}\n"
        "tags: [viewer]\n"
        f"systems: {systems}\n"
        f"symptoms: {symptoms}\n"
        "aliases: []\n"
        "audience: client\n"
        "updated: 2025-02-01\n"
        f"{extra}"
        "---\n"
        f"{body}\n",
        encoding="utf-8",
    )
    return path


def test_shipped_articles_pass_lint() -> None:
    known = load_vocabulary(VOCABULARY).known_systems
    assert lint_directory(KB_DIR, known_systems=known) == []


def test_shipped_set_is_large_enough_and_mostly_for_clients() -> None:
    files = sorted(KB_DIR.glob("*.md"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    assert len(files) >= 30
    assert sum("audience: analyst" in t for t in texts) >= 2
    assert all("816-232-7483" in t for t in texts if "audience: client" in t)


def test_clean_directory_has_no_problems(tmp_path: Path) -> None:
    write_article(tmp_path, "viewer-slow", title="Viewer is slow")
    write_article(tmp_path, "viewer-crash", title="Viewer crashes", body="See [slow viewer](viewer-slow.md).")
    assert lint_directory(tmp_path) == []


def test_each_broken_article_is_reported_at_its_line(tmp_path: Path) -> None:
    write_article(tmp_path, "good", title="Good article")
    write_article(tmp_path, "unknown-system", title="Fax", systems="[viewer, fax-machine]")
    write_article(tmp_path, "bad-link", title="Links", body="Intro.\n\nSee [other](no-such-article.md) for more.")
    write_article(tmp_path, "empty-body", title="Empty", body="")
    write_article(tmp_path, "dup-title", title="Good article")
    (tmp_path / "missing-title.md").write_text("---\nsummary: s\n---\nBody text.\n", encoding="utf-8")
    (tmp_path / "bad-yaml.md").write_text("---\ntitle: x\nsummary: [unclosed\n---\nBody\n", encoding="utf-8")

    problems = {(p.path.name, p.message.split(" (")[0]): p for p in lint_directory(tmp_path)}
    rendered = {str(p) for p in problems.values()}

    assert ("unknown-system.md", "unknown system 'fax-machine'") in problems
    assert problems[("unknown-system.md", "unknown system 'fax-machine'")].line == 5
    assert f"{tmp_path / 'bad-link.md'}:13: broken link to article 'no-such-article'" in rendered
    assert ("empty-body.md", "article body is empty") in problems
    assert ("good.md", "duplicate title") in problems or ("dup-title.md", "duplicate title") in problems
    assert ("missing-title.md", "missing required field 'title'") in problems
    assert any(name == "bad-yaml.md" and "not valid YAML" in msg for name, msg in problems)
    assert [msg for name, msg in problems if name == "good.md"] in ([], ["duplicate title"])


def test_wrong_types_are_problems(tmp_path: Path) -> None:
    write_article(tmp_path, "types", title="Types", extra="")
    path = tmp_path / "types.md"
    text = path.read_text(encoding="utf-8").replace("audience: client", "audience: everyone")
    path.write_text(text.replace("updated: 2025-02-01", "updated: last tuesday"), encoding="utf-8")
    messages = [p.message for p in lint_directory(tmp_path)]
    assert "'audience' must be one of: client, analyst" in messages
    assert "'updated' must be a date like 2025-01-31" in messages
