"""Translation out: the bot's stored messages as Block Kit.

Choice questions become buttons whose ``action_id`` is the engine's stable action id; article
suggestions become cards with "This solved it" (value = the article's slug); the summary and
the ticket become cards. Every block carrying buttons has a ``block_id`` naming the
conversation, so a press finds its conversation whether it happened in a DM, a thread or after
a restart.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.adapters.slack.translate import BLOCK_PREFIX
from bot.core.ports import StoredMessage
from bot.kb.render import markdown_to_mrkdwn

SECTION_LIMIT = 2900  # a section's text takes 3,000 characters
FALLBACK_LIMIT = 3000
SUMMARY_TITLE = "Please check your request"
TICKET_TITLE = "Ticket {number}"
CHOSEN = "*You chose:* {label}"
ANALYST = "*{name}*, service desk"
ERROR_TEXT = "Sorry, something went wrong on our side (reference {reference}). Please try again, or call {phone}."
TICKET_FIELDS = (
    ("priority", "Priority"),
    ("assessed_priority", "Assessed priority"),
    ("status", "Status"),
    ("first_response_due", "First response due"),
    ("next_update_due", "Next update due"),
    ("resolution_due", "Resolution due"),
)
PRIMARY_ACTIONS = frozenset({"confirm", "kb_solved", "yes"})

Block = dict[str, Any]


def message_blocks(message: StoredMessage, *, tz: ZoneInfo) -> tuple[str, list[Block]]:
    """The notification text and the blocks for one bot, analyst or system message."""
    mrkdwn = markdown_to_mrkdwn(message.text)
    blocks: list[Block] = []
    if message.author == "analyst" and message.author_name:
        blocks.append(_context(ANALYST.format(name=_escape(message.author_name))))
    if message.expects == "confirm":
        blocks.append(_header(SUMMARY_TITLE))
    blocks.extend(_sections(mrkdwn))
    ticket = message.payload.get("ticket")
    if ticket:
        blocks.extend(ticket_card(ticket, tz=tz))
    actions = [a for a in message.payload.get("actions", []) if a.get("id")]
    block_id = f"{BLOCK_PREFIX}{message.conversation_id}"
    articles = message.payload.get("articles", [])
    if articles:
        solved_label = next((a["label"] for a in actions if a["id"] == "kb_solved"), "This solved it")
        for n, article in enumerate(articles):
            blocks.append(_article_card(article, label=solved_label, block_id=f"{block_id}:{n}"))
        actions = [a for a in actions if a["id"] != "kb_solved"]
    if actions:
        blocks.append({"type": "actions", "block_id": block_id, "elements": [_button(a["id"], a["label"]) for a in actions[:25]]})
    return mrkdwn[:FALLBACK_LIMIT], blocks[:50]


def ticket_card(ticket: dict[str, Any], *, tz: ZoneInfo) -> list[Block]:
    """Number as the header; priority and due times (in the desk's zone) as fields."""
    fields: list[Block] = []
    for key, label in TICKET_FIELDS:
        value = ticket.get(key)
        if key == "assessed_priority" and value == ticket.get("priority"):
            continue
        if value:
            shown = _when(value, tz) if key.endswith("_due") else str(value).replace("_", " ").capitalize()
            fields.append({"type": "mrkdwn", "text": f"*{label}*\n{shown}"})
    return [_header(TICKET_TITLE.format(number=ticket.get("number", ""))), {"type": "section", "fields": fields[:10]}]


def pressed(blocks: list[Block], *, block_id: str, label: str) -> list[Block]:
    """The message after a press: same text, no buttons, and the choice shown."""
    kept: list[Block] = []
    choice = _escape(label)
    for block in blocks:
        if block.get("type") == "actions":
            continue
        if block.get("type") == "section" and "accessory" in block:
            if block.get("block_id") == block_id:
                title = str((block.get("text") or {}).get("text") or "").split("\n")[0]
                choice = f"{_escape(label)} — {title}"
            block = {k: v for k, v in block.items() if k != "accessory"}
        kept.append(block)
    kept.append(_context(CHOSEN.format(label=choice)))
    return kept


def error_message(*, reference: str, phone: str) -> str:
    return ERROR_TEXT.format(reference=reference, phone=phone)


def _article_card(article: dict[str, Any], *, label: str, block_id: str) -> Block:
    title = _escape(str(article.get("title") or article.get("slug") or ""))
    url = str(article.get("url") or "")
    heading = f"*<{url}|{title}>*" if url.startswith(("https://", "http://")) else f"*{title}*"
    summary = markdown_to_mrkdwn(str(article.get("summary") or ""))
    text = f"{heading}\n{summary}" if summary else heading
    return {
        "type": "section",
        "block_id": block_id,
        "text": {"type": "mrkdwn", "text": text[:SECTION_LIMIT]},
        "accessory": {**_button("kb_solved", label), "value": str(article.get("slug") or "kb_solved")},
    }


def _button(action_id: str, label: str) -> Block:
    button: Block = {
        "type": "button",
        "action_id": action_id,
        "value": action_id,
        "text": {"type": "plain_text", "text": label[:75], "emoji": True},
    }
    if action_id in PRIMARY_ACTIONS:
        button["style"] = "primary"
    return button


def _sections(mrkdwn: str) -> list[Block]:
    """Text split at paragraph boundaries into sections Slack accepts."""
    chunks: list[str] = []
    current = ""
    for paragraph in mrkdwn.split("\n\n"):
        candidate = f"{current}\n\n{paragraph}" if current else paragraph
        if len(candidate) <= SECTION_LIMIT:
            current = candidate
            continue
        if current:
            chunks.append(current)
        while len(paragraph) > SECTION_LIMIT:
            chunks.append(paragraph[:SECTION_LIMIT])
            paragraph = paragraph[SECTION_LIMIT:]
        current = paragraph
    if current.strip():
        chunks.append(current)
    return [{"type": "section", "text": {"type": "mrkdwn", "text": chunk}} for chunk in chunks]


def _header(text: str) -> Block:
    return {"type": "header", "text": {"type": "plain_text", "text": text[:150], "emoji": True}}


def _context(mrkdwn: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": mrkdwn}]}


def _when(value: str, tz: ZoneInfo) -> str:
    """'Tue Nov 17, 11:00 AM CST' in the desk's zone, as in the templates."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    return moment.astimezone(tz).strftime("%a %b %-d, %-I:%M %p %Z")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
