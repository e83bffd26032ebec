"""Send Slack's requests to the app the way Slack does: recorded payloads, signed with the
signing secret (``SignatureVerifier.generate_signature``), JSON for events, form bodies for
interactivity and slash commands."""

from __future__ import annotations

import copy
import json
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
from slack_sdk.signature import SignatureVerifier

DATA = Path(__file__).resolve().parent.parent / "data" / "slack"
SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


def payload(name: str) -> dict[str, Any]:
    """A fresh copy of ``tests/data/slack/<name>.json``."""
    data: dict[str, Any] = json.loads((DATA / f"{name}.json").read_text())
    return copy.deepcopy(data)


class SlackSender:
    """Posts signed requests to ``/slack/events``."""

    def __init__(self, base_url: str, *, secret: str = SIGNING_SECRET) -> None:
        self.url = f"{base_url}/slack/events"
        self._verifier = SignatureVerifier(secret)
        self._http = httpx.Client(timeout=10)

    def close(self) -> None:
        self._http.close()

    def event(self, body: dict[str, Any], *, retry: int | None = None) -> httpx.Response:
        headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"} if retry else {}
        return self.send(json.dumps(body), content_type="application/json", extra=headers)

    def interaction(self, body: dict[str, Any]) -> httpx.Response:
        return self.send(urlencode({"payload": json.dumps(body)}), content_type="application/x-www-form-urlencoded")

    def command(self, fields: dict[str, str]) -> httpx.Response:
        return self.send(urlencode(fields), content_type="application/x-www-form-urlencoded")

    def send(
        self,
        body: str,
        *,
        content_type: str,
        timestamp: str | None = None,
        signature: str | bytes | None = None,
        extra: dict[str, str] | None = None,
    ) -> httpx.Response:
        """Signed like Slack signs, unless ``timestamp``/``signature`` override it."""
        stamp = timestamp if timestamp is not None else str(int(time.time()))
        sign = signature if signature is not None else self._verifier.generate_signature(timestamp=stamp, body=body) or ""
        headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": stamp, **(extra or {})}
        raw = {k.encode(): v.encode() for k, v in headers.items()}
        raw[b"X-Slack-Signature"] = sign if isinstance(sign, bytes) else sign.encode()
        return self._http.post(self.url, content=body.encode(), headers=raw)


def press(button: dict[str, Any], *, block_id: str, message: dict[str, Any], channel: str, user: str) -> dict[str, Any]:
    """A block_actions payload for pressing ``button`` on a message the bot posted."""
    body = payload("block_actions_kb_not_solved")
    body["user"]["id"] = user
    body["channel"]["id"] = channel
    body["container"].update({"message_ts": message["ts"], "channel_id": channel})
    body["message"].update({"ts": message["ts"], "text": message.get("text", ""), "blocks": message.get("blocks", [])})
    body["actions"] = [
        {
            "action_id": button["action_id"],
            "block_id": block_id,
            "text": button["text"],
            "value": button.get("value", button["action_id"]),
            "type": "button",
            "action_ts": f"{time.time():.6f}",
        }
    ]
    return body
