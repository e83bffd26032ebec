"""Socket Mode: the same Bolt app over a websocket Slack opens to us, for sites without a
public URL (hospitals behind firewalls). Requests arrive unsigned but over an authenticated
connection (the ``xapp-`` token), and are acked the same way."""

from __future__ import annotations

import logging
import threading

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler

log = logging.getLogger("deskbot.slack")


class SocketModeRunner:
    """Connects in the background so a slow or failing Slack never holds up the portal."""

    def __init__(self, bolt: App, *, app_token: str) -> None:
        self._handler = SocketModeHandler(app=bolt, app_token=app_token, web_client=bolt.client)
        self._stop = threading.Event()

    def start(self) -> None:
        threading.Thread(target=self._connect, name="slack-socket-mode", daemon=True).start()

    def stop(self) -> None:
        self._stop.set()
        self._handler.close()  # type: ignore[no-untyped-call]

    def _connect(self) -> None:
        """Until the first connection succeeds; after that the client reconnects by itself."""
        delay = 1.0
        while not self._stop.is_set():
            try:
                self._handler.connect()  # type: ignore[no-untyped-call]
                log.info("slack socket mode connected")
                return
            except Exception:
                log.exception("slack socket mode could not connect; retrying in %.0f s", delay)
                self._stop.wait(delay)
                delay = min(delay * 2, 60.0)
