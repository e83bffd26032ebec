"""In-process fan-out of new messages to whoever is listening (portal streams, Slack, console)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from bot.core.ports import StoredMessage

Listener = Callable[[str, Sequence[StoredMessage]], None]
L = TypeVar("L")
log = logging.getLogger(__name__)


class Listeners(Generic[L]):
    """A thread-safe set of callbacks; publishers iterate over a snapshot."""

    def __init__(self) -> None:
        self._items: list[L] = []
        self._lock = threading.Lock()

    def add(self, listener: L) -> Callable[[], None]:
        """Add a listener; returns the function that removes it."""
        with self._lock:
            self._items.append(listener)

        def remove() -> None:
            with self._lock:
                if listener in self._items:
                    self._items.remove(listener)

        return remove

    def snapshot(self) -> list[L]:
        with self._lock:
            return list(self._items)


class MessageBus:
    """Listeners are called synchronously after the messages are committed; they must be quick
    (hand work to a queue or an event loop) and never raise into the caller."""

    def __init__(self) -> None:
        self._listeners: Listeners[Listener] = Listeners()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Add a listener; returns the function that removes it."""
        return self._listeners.add(listener)

    def publish(self, conversation_id: str, messages: Sequence[StoredMessage]) -> None:
        if not messages:
            return
        for listener in self._listeners.snapshot():
            try:
                listener(conversation_id, messages)
            except Exception:
                log.exception("message listener failed for conversation %s", conversation_id)
