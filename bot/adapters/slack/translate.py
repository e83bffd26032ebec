"""Translation in: Slack payloads → what the conversation service understands.

Where a conversation lives is its ``channel_ref``: ``dm:<team>:<user>`` for a direct message
(one conversation per user), ``thread:<team>:<channel>:<thread_ts>`` for a thread started by an
@mention, ``form:<team>:<user>:<view_id>`` for a ticket filed from the modal (answered in the DM).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

BLOCK_PREFIX = "deskbot:"
_LINK = re.compile(r"<([^<>|]*)(?:\|([^<>]*))?>")


@dataclass(frozen=True)
class Place:
    """Where to post for a ``channel_ref``: a user's DM, or a channel thread."""

    team: str
    user: str | None = None
    channel: str | None = None
    thread_ts: str | None = None


@dataclass(frozen=True)
class ClientMessage:
    """A client's message: ``starts`` when it may open a conversation (DM, @mention)."""

    event_id: str
    team: str
    user: str
    channel: str
    text: str
    ref: str
    starts: bool


@dataclass(frozen=True)
class PressedButton:
    """A button press on one of our messages."""

    team: str
    user: str
    channel: str
    message_ts: str
    conversation_id: str
    action: str
    article: str | None
    label: str
    block_id: str
    blocks: list[dict[str, Any]]


@dataclass(frozen=True)
class SlashCommand:
    team: str
    user: str
    text: str
    trigger_id: str


def dm_ref(team: str, user: str) -> str:
    return f"dm:{team}:{user}"


def thread_ref(team: str, channel: str, thread_ts: str) -> str:
    return f"thread:{team}:{channel}:{thread_ts}"


def form_ref(team: str, user: str, view_id: str) -> str:
    return f"form:{team}:{user}:{view_id}"


def place_of(ref: str) -> Place | None:
    """Where the conversation at ``ref`` is answered; None for a ref we did not make."""
    parts = ref.split(":")
    if parts[0] in ("dm", "form") and len(parts) >= 3:
        return Place(team=parts[1], user=parts[2])
    if parts[0] == "thread" and len(parts) == 4:
        return Place(team=parts[1], channel=parts[2], thread_ts=parts[3])
    return None


def client_message(body: Mapping[str, Any], *, bot_user_id: str | None) -> ClientMessage | None:
    """A ``message`` or ``app_mention`` event as a client message; None when it is not for us."""
    event = body.get("event") or {}
    user = event.get("user")
    if event.get("bot_id") or event.get("subtype") or not user or user == bot_user_id:
        return None
    team = str(body.get("team_id") or event.get("team") or "")
    channel = str(event.get("channel") or "")
    text = plain_text(str(event.get("text") or ""), bot_user_id=bot_user_id)
    event_id = str(body.get("event_id") or f"{channel}:{event.get('ts')}")
    thread_ts = event.get("thread_ts")
    common = {"event_id": event_id, "team": team, "user": str(user), "channel": channel, "text": text}
    if event.get("type") == "app_mention":
        return ClientMessage(**common, ref=thread_ref(team, channel, str(thread_ts or event.get("ts"))), starts=True)
    if event.get("channel_type") == "im":
        return ClientMessage(**common, ref=dm_ref(team, str(user)), starts=True)
    mentions_bot = bot_user_id is not None and f"<@{bot_user_id}" in str(event.get("text") or "")
    if thread_ts and not mentions_bot:  # with a mention, the app_mention event carries it
        return ClientMessage(**common, ref=thread_ref(team, channel, str(thread_ts)), starts=False)
    return None


def pressed_button(body: Mapping[str, Any]) -> PressedButton | None:
    """A ``block_actions`` payload on one of our messages; None for anything else."""
    actions = body.get("actions") or []
    container = body.get("container") or {}
    if not actions or container.get("type") != "message":
        return None
    action = actions[0]
    block_id = str(action.get("block_id") or "")
    if not block_id.startswith(BLOCK_PREFIX):
        return None
    action_id = str(action.get("action_id") or "")
    value = str(action.get("value") or "")
    return PressedButton(
        team=str((body.get("team") or {}).get("id") or ""),
        user=str((body.get("user") or {}).get("id") or ""),
        channel=str(container.get("channel_id") or (body.get("channel") or {}).get("id") or ""),
        message_ts=str(container.get("message_ts") or ""),
        conversation_id=block_id[len(BLOCK_PREFIX):].split(":")[0],
        action=action_id,
        article=value if action_id == "kb_solved" and value != action_id else None,
        label=str((action.get("text") or {}).get("text") or action_id),
        block_id=block_id,
        blocks=list((body.get("message") or {}).get("blocks") or []),
    )


def slash_command(body: Mapping[str, Any]) -> SlashCommand:
    return SlashCommand(
        team=str(body.get("team_id") or ""),
        user=str(body.get("user_id") or ""),
        text=plain_text(str(body.get("text") or ""), bot_user_id=None),
        trigger_id=str(body.get("trigger_id") or ""),
    )


def plain_text(text: str, *, bot_user_id: str | None) -> str:
    """Slack's markup as the client typed it: links and mailto/tel as their text, entities decoded,
    and the mention of the bot removed (it is how they addressed us, not what they said)."""

    def replace(match: re.Match[str]) -> str:
        target, label = match.group(1), match.group(2)
        if target.startswith("@"):
            return "" if target[1:] == bot_user_id else f"@{label or target[1:]}"
        if target.startswith("#"):
            return f"#{label or target[1:]}"
        if target.startswith("!"):
            return f"@{label or target[1:].split('^')[0]}"
        if target.startswith(("mailto:", "tel:")):
            return label or target.split(":", 1)[1]
        return label or target

    return _LINK.sub(replace, text).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip()
