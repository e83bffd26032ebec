"""One article, three channels: sanitized HTML for the portal, Slack mrkdwn, Discord markdown.

Articles are written by admins, but the HTML is still sanitized: a pasted ``<script>`` or an
``onclick`` must never reach a client's browser. Links between articles are written as
``[text](other-slug.md)`` or ``[text](other-slug)`` and resolved per channel.
"""

from __future__ import annotations

import re

import nh3
from markdown_it import MarkdownIt

from bot.kb.articles import Article

SLACK_LIMIT = 2900  # Slack section blocks take 3,000 characters
DISCORD_LIMIT = 1900  # Discord messages take 2,000
_SLUG_LINK = re.compile(r"^(?P<slug>[a-z0-9][a-z0-9-]*)(?:\.md)?(?P<anchor>#[\w-]*)?$", re.IGNORECASE)
_ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
_MD_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_FENCE = re.compile(r"^\s*```")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_BOLD_MARK = "\x00"

_markdown = MarkdownIt("commonmark", {"html": False}).enable("table").enable("strikethrough")


def resolve_link(href: str, link_base: str) -> str:
    """``other-slug.md#x`` → ``link_base + other-slug#x``; anything else unchanged."""
    match = _SLUG_LINK.match(href.strip())
    if match is None:
        return href
    return f"{link_base}{match.group('slug').lower()}{match.group('anchor') or ''}"


def article_html(article: Article, *, link_base: str = "/kb/") -> str:
    """The article body as sanitized HTML (the page template adds title and chrome)."""
    tokens = _markdown.parse(article.body)
    for token in tokens:
        for child in token.children or ():
            if child.type == "link_open":
                href = str(child.attrGet("href") or "")
                child.attrSet("href", resolve_link(href, link_base))
    html = _markdown.renderer.render(tokens, _markdown.options, {})
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )


def markdown_to_mrkdwn(text: str, *, link_base: str | None = None) -> str:
    """Markdown → Slack mrkdwn: bold, links, headings as bold lines, bullets as •, code kept."""
    out: list[str] = []
    in_code = False
    for line in text.splitlines():
        if _FENCE.match(line):
            in_code = not in_code
            out.append("```")
            continue
        if in_code:
            out.append(_escape(line))
            continue
        out.append(_mrkdwn_line(line, link_base))
    return "\n".join(out)


def _mrkdwn_line(line: str, link_base: str | None) -> str:
    heading = _HEADING.match(line)
    if heading:
        line = f"**{heading.group(1)}**"
    line = _BULLET.sub(lambda m: f"{m.group(1)}• ", line)
    links: list[str] = []

    def stash(match: re.Match[str]) -> str:
        href = match.group(2) if link_base is None else resolve_link(match.group(2), link_base)
        links.append(f"<{href}|{_escape(match.group(1))}>")
        return f"\x01{len(links) - 1}\x01"

    line = _escape(_MD_LINK.sub(stash, line))
    line = _BOLD.sub(lambda m: f"{_BOLD_MARK}{m.group(2)}{_BOLD_MARK}", line)
    line = _ITALIC.sub(r"_\1_", line)
    line = _STRIKE.sub(r"~\1~", line).replace(_BOLD_MARK, "*")
    return re.sub("\x01(\\d+)\x01", lambda m: links[int(m.group(1))], line)


def _escape(text: str) -> str:
    """Slack needs &, < and > escaped in text; everything else is literal."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def article_slack_mrkdwn(article: Article, *, url: str) -> str:
    """A Slack card: bold title, summary, the steps (shortened if long) and the link."""
    base = url.rsplit("/", 1)[0] + "/" if "/" in url else ""
    head = f"*{_escape(article.title)}*\n{markdown_to_mrkdwn(article.summary)}"
    tail = f"<{url}|Open the full article>"
    body = _shorten(markdown_to_mrkdwn(article.body, link_base=base), SLACK_LIMIT - len(head) - len(tail) - 4)
    return f"{head}\n\n{body}\n\n{tail}"


def article_discord_markdown(article: Article, *, url: str) -> str:
    """A Discord card: Discord reads markdown itself; only article links need resolving."""
    base = url.rsplit("/", 1)[0] + "/" if "/" in url else ""
    body = _MD_LINK.sub(lambda m: f"[{m.group(1)}]({resolve_link(m.group(2), base)})", article.body)
    head = f"**{article.title}**\n{article.summary}"
    tail = f"Full article: <{url}>"
    return f"{head}\n\n{_shorten(body, DISCORD_LIMIT - len(head) - len(tail) - 4)}\n\n{tail}"


def _shorten(text: str, limit: int) -> str:
    """Cut at a line boundary so a card never breaks a step or a link in half."""
    if len(text) <= limit:
        return text
    kept: list[str] = []
    size = 0
    for line in text.splitlines():
        if size + len(line) + 1 > limit - 2:
            break
        kept.append(line)
        size += len(line) + 1
    return "\n".join(kept).rstrip() + "\n…"
