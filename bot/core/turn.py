"""One turn of a conversation: the inbound event, the state it changes and the replies it makes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.core.messages import Inbound, Reply
from bot.core.ports import IntakeStore
from bot.core.state import ConversationState


@dataclass
class Turn:
    """One inbound event and what the engine decided; ``wants_person`` flags a handoff request."""

    conversation_id: str
    channel: str
    state: ConversationState
    inbound: Inbound
    now: datetime
    store: IntakeStore
    replies: list[Reply] = field(default_factory=list)
    wants_person: bool = False
