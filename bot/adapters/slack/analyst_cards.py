"""What the analyst channel shows: the card per conversation, thread lines and hints.

The card carries the ticket (number, priority, due times) or "asks for a person", the intake
summary exactly as the client confirmed it (stored redacted), the client's channel and who holds
it, and one button: "Take over" (value = conversation id) or, while held, "Hand back". Every
text from a client is escaped, so it can never ping the channel or forge a link.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from bot.adapters.slack.analyst_store import CardData
from bot.adapters.slack.blocks import ticket_card
from bot.core.ports import StoredMessage
from bot.core.summary import summary_rows
from bot.kb.render import markdown_to_mrkdwn

TAKE_OVER = "analyst_takeover"
TAKE_OVER_ANYWAY = "analyst_takeover_force"
HAND_BACK = "analyst_handback"
ACTION_PREFIX = "analyst_"
BLOCK_PREFIX = "deskbot-analyst:"
HANDBACK_COMMAND = "!handback"

SECTION_LIMIT = 2900
VALUE_LIMIT = 300
PERSON_TITLE = "Asks for a person"
CHANNEL_NAMES = {"portal": "Portal", "slack": "Slack", "discord": "Discord", "email": "Email"}
ON_CALL = ":rotating_light: *After-hours Emergency*: the on-call analyst was alerted."
HOW_TO_REPLY = "Take it over, then reply in this thread to write to the client; `!handback` hands it back to the bot."
TOOK_OVER = "*{name}* took over. Replies in this thread go to the client; `!handback` or *Hand back* returns it to the bot."
NEW_TICKET = "{page}Ticket *{number}* filed ({priority}): {title}"
ASKS_AGAIN = "{page}The client asks for a person."
RECENT = "*The conversation so far* (latest {count}):\n{lines}"
NO_ACCOUNT = (
    "Your Slack account isn't linked to a deskbot analyst account, so you can't take over or write to clients from here. "
    "Ask a deskbot admin to create one: `deskbot user add {suggested} --role analyst` "
    "(accounts are matched by your Slack email, then the part before the @, then your Slack username)."
)
HELD_BY = "*{holder}* holds this conversation."
NOT_HOLDER = "Your reply was not sent: {held}Press *Take over* on the card to write to the client."
ALREADY_HOLD = "You already hold this conversation: reply in its thread."
NOT_YOURS = "You don't hold this conversation, so it can't be handed back by you."
GONE = "This conversation no longer exists."

Block = dict[str, Any]


def card_blocks(data: CardData, *, tz: ZoneInfo, page: bool = False) -> tuple[str, list[Block]]:
    """The notification text and blocks of a conversation's card."""
    blocks: list[Block] = []
    if data.ticket is not None:
        blocks.extend(ticket_card(data.ticket, tz=tz))
    else:
        blocks.append({"type": "header", "text": {"type": "plain_text", "text": PERSON_TITLE, "emoji": True}})
    if data.on_call_alerted:
        blocks.append(_section(f"<!here> {ON_CALL}" if page else ON_CALL))
    people = [
        _field("Client's channel", CHANNEL_NAMES.get(data.client_channel, data.client_channel)),
        _field("Held by", _escape(data.held_by) if data.held_by else "the bot"),
    ]
    if data.wants_person and data.ticket is not None:
        people.append(_field(PERSON_TITLE, "Yes"))
    blocks.append({"type": "section", "fields": people})
    summary = _summary(data)
    if summary:
        blocks.append(_section(summary))
    blocks.append({"type": "actions", "block_id": f"{BLOCK_PREFIX}{data.conversation_id}", "elements": [_button_for(data)]})
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": HOW_TO_REPLY}]})
    return _notification(data, page=page), blocks


def conflict_blocks(*, holder: str, conversation_id: str) -> tuple[str, list[Block]]:
    """Told to a second analyst: who holds it, and a deliberate "Take over anyway"."""
    text = HELD_BY.format(holder=_escape(holder))
    button = _button(TAKE_OVER_ANYWAY, "Take over anyway", conversation_id, style="danger")
    return text, [_section(text), {"type": "actions", "block_id": f"{BLOCK_PREFIX}{conversation_id}", "elements": [button]}]


def relay_line(message: StoredMessage, *, client_channel: str) -> str:
    """One message of the conversation as a line in the card's thread."""
    if message.author == "client":
        where = CHANNEL_NAMES.get(client_channel, client_channel)
        return _limit(f"*Client* ({where}): {_escape(message.text)}")
    text = markdown_to_mrkdwn(message.text)
    if message.author == "analyst":
        return _limit(f"*{_escape(message.author_name or 'Analyst')}*: {text}")
    if message.author == "system":
        return _limit(f":information_source: {text}")
    return _limit(f"_deskbot:_ {text}")


def recent_lines(messages: list[StoredMessage], *, client_channel: str, count: int = 10) -> str | None:
    """The last ``count`` messages, for the analyst who just took over."""
    shown = messages[-count:]
    if not shown:
        return None
    lines = "\n".join(relay_line(m, client_channel=client_channel) for m in shown)
    return _limit(RECENT.format(count=len(shown), lines=lines))


def ticket_line(ticket: dict[str, Any], *, page: bool) -> str:
    return NEW_TICKET.format(
        page="<!here> " if page else "", number=_escape(str(ticket.get("number", ""))),
        priority=_escape(str(ticket.get("priority", ""))), title=_escape(str(ticket.get("title", ""))),
    )


def took_over(name: str) -> str:
    return TOOK_OVER.format(name=_escape(name))


def no_account(*, suggested: str) -> str:
    return NO_ACCOUNT.format(suggested=suggested or "NAME")


def not_holder(holder: str | None) -> str:
    return NOT_HOLDER.format(held=f"{HELD_BY.format(holder=_escape(holder))} " if holder else "nobody holds this conversation. ")


def _notification(data: CardData, *, page: bool) -> str:
    prefix = "<!here> " if page else ""
    if data.ticket is not None:
        return _limit(f"{prefix}New ticket {data.ticket['number']} ({data.ticket['priority']}): {_escape(str(data.ticket['title']))}")
    return _limit(f"{prefix}A client asks for a person: {_escape(data.facts.description or 'no description yet')}")


def _summary(data: CardData) -> str:
    """The known intake answers, one per line; unknown ones are left out."""
    lines = [
        f"*{_escape(label)}:* {_escape(_shorten(value))}"
        for label, value in summary_rows(data.facts, unsure=data.unsure)
        if value != "—"
    ]
    return _limit("\n".join(lines))


def _button_for(data: CardData) -> Block:
    if data.held_by:
        return _button(HAND_BACK, "Hand back", data.conversation_id)
    return _button(TAKE_OVER, "Take over", data.conversation_id, style="primary")


def _button(action_id: str, label: str, value: str, *, style: str | None = None) -> Block:
    button: Block = {"type": "button", "action_id": action_id, "value": value, "text": {"type": "plain_text", "text": label}}
    if style:
        button["style"] = style
    return button


def _field(label: str, value: str) -> Block:
    return {"type": "mrkdwn", "text": f"*{label}*\n{value}"}


def _section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _limit(text)}}


def _shorten(text: str) -> str:
    return text if len(text) <= VALUE_LIMIT else text[: VALUE_LIMIT - 1].rstrip() + "…"


def _limit(text: str) -> str:
    return text if len(text) <= SECTION_LIMIT else text[: SECTION_LIMIT - 1] + "…"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
