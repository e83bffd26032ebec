"""In-process fan-out of new messages to whoever is listening (portal streams, Slack, console)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

from bot.core.ports import StoredMessage

Listener = Callable[[str, Sequence[StoredMessage]], None]
log = logging.getLogger(__name__)


class MessageBus:
    """Listeners are called synchronously after the messages are committed; they must be quick
    (hand work to a queue or an event loop) and never raise into the caller."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Add a listener; returns the function that removes it."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def publish(self, conversation_id: str, messages: Sequence[StoredMessage]) -> None:
        if not messages:
            return
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(conversation_id, messages)
            except Exception:
                log.exception("message listener failed for conversation %s", conversation_id)
