from __future__ import annotations

from pathlib import Path

from bot.kb.articles import Article
from bot.kb.render import (
    article_discord_markdown,
    article_html,
    article_slack_mrkdwn,
    markdown_to_mrkdwn,
)

BODY = """## Check on the modality
1. Open the **job queue** and look for the study.
2. See [DICOM send failures](dicom-send-failures.md) or [login help](login-problems#mfa).
- Keep the study on the modality.
* Call 816-232-7483 if *several* modalities fail.

<script>alert("x")</script>
<img src="x" onerror="alert(1)">
[bad](javascript:alert(1)) and [desk](https://support.offsiteimagemgt.com/kb)
"""


def article(body: str = BODY) -> Article:
    return Article(
        slug="images-missing",
        title="Images missing <after> acquisition",
        summary="The study is **not** in PACS.",
        tags=(), systems=("modality",), symptoms=(), aliases=(), audience="client", updated=None,
        body=body, path=Path("images-missing.md"),
    )


def test_html_is_rendered_and_sanitized() -> None:
    html = article_html(article())
    assert "<h2>Check on the modality</h2>" in html
    assert "<strong>job queue</strong>" in html
    assert '<a href="/kb/dicom-send-failures" rel="noopener noreferrer">DICOM send failures</a>' in html
    assert 'href="/kb/login-problems#mfa"' in html
    assert 'href="https://support.offsiteimagemgt.com/kb"' in html
    assert "<script" not in html and "<img" not in html  # raw HTML only ever shows as text
    assert "&lt;script&gt;" in html
    assert 'href="javascript' not in html


def test_html_link_base_is_configurable() -> None:
    html = article_html(article(), link_base="https://portal.example/articles/")
    assert 'href="https://portal.example/articles/dicom-send-failures"' in html


def test_markdown_to_mrkdwn() -> None:
    text = markdown_to_mrkdwn("# Title\n**bold** and *it* and ~~old~~\n- one\n* two\n1. first\n[site](https://x.test/a?b=1&c=2)\na < b")
    assert text.splitlines() == [
        "*Title*",
        "*bold* and _it_ and ~old~",
        "• one",
        "• two",
        "1. first",
        "<https://x.test/a?b=1&c=2|site>",
        "a &lt; b",
    ]


def test_mrkdwn_keeps_code_blocks_verbatim() -> None:
    assert markdown_to_mrkdwn("```\n**not bold** <x>\n```") == "```\n**not bold** &lt;x&gt;\n```"


def test_slack_card() -> None:
    card = article_slack_mrkdwn(article(), url="https://portal.example/kb/images-missing")
    lines = card.splitlines()
    assert lines[0] == "*Images missing &lt;after&gt; acquisition*"
    assert lines[1] == "The study is *not* in PACS."
    assert "<https://portal.example/kb/dicom-send-failures|DICOM send failures>" in card
    assert card.endswith("<https://portal.example/kb/images-missing|Open the full article>")
    assert "<script>" not in card


def test_long_cards_are_cut_at_a_line() -> None:
    long_body = "\n".join(f"{i}. Step number {i} with some words." for i in range(1, 400))
    slack = article_slack_mrkdwn(article(long_body), url="https://p/kb/x")
    discord = article_discord_markdown(article(long_body), url="https://p/kb/x")
    assert len(slack) <= 3000 and "\n…" in slack
    assert len(discord) <= 2000 and discord.endswith("Full article: <https://p/kb/x>")


def test_discord_card() -> None:
    card = article_discord_markdown(article(), url="https://portal.example/kb/images-missing")
    assert card.startswith("**Images missing <after> acquisition**\nThe study is **not** in PACS.")
    assert "[DICOM send failures](https://portal.example/kb/dicom-send-failures)" in card
    assert card.endswith("Full article: <https://portal.example/kb/images-missing>")
