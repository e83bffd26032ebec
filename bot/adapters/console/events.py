"""Live events for console pages: new messages (internal notes included) and queue changes.

Client-visible messages come from the core's :class:`MessageBus`. Internal notes and ticket
changes are published here only — never on the bus, whose listeners include the client's own
stream, so a note can never reach a client.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from bot.core.bus import Listeners, MessageBus
from bot.core.ports import StoredMessage

Event = dict[str, Any]
EventListener = Callable[[Event], None]


def message_event(message: StoredMessage, *, internal: bool = False) -> Event:
    return {
        "type": "message",
        "conversation_id": message.conversation_id,
        "message": {**message.to_json(), "internal": internal},
    }


def changed_event(*, conversation_id: str | None, ticket_number: str | None = None) -> Event:
    """Something about a conversation or ticket changed (holder, priority, status): refresh it."""
    return {"type": "changed", "conversation_id": conversation_id, "ticket_number": ticket_number}


class ConsoleEvents:
    """Fan-out to every open console stream; listeners must be quick and must not raise."""

    def __init__(self, bus: MessageBus) -> None:
        self._listeners: Listeners[EventListener] = Listeners()
        self._unsubscribe_bus = bus.subscribe(self._on_bus)

    def subscribe(self, listener: EventListener) -> Callable[[], None]:
        return self._listeners.add(listener)

    def publish(self, event: Event) -> None:
        for listener in self._listeners.snapshot():
            listener(event)

    def close(self) -> None:
        self._unsubscribe_bus()

    def _on_bus(self, _conversation_id: str, messages: Sequence[StoredMessage]) -> None:
        for message in messages:
            self.publish(message_event(message))
