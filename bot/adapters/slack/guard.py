"""Reject requests whose signature headers are malformed before Bolt sees them.

Bolt's verifier turns a non-numeric or absurdly long ``X-Slack-Request-Timestamp`` or a
non-ASCII ``X-Slack-Signature`` into an exception and a 500; such a request is simply not from
Slack, so it gets the same 401 as a wrong signature. Oversized bodies are refused too: Slack's
payloads are a few kilobytes.
"""

from __future__ import annotations

import json
import re

from starlette.types import ASGIApp, Receive, Scope, Send

_TIMESTAMP = re.compile(rb"[0-9]{1,12}")
_SIGNATURE = re.compile(rb"v0=[0-9a-f]{64}")
MAX_BODY = 1024 * 1024


class SignatureHeaderGuard:
    """ASGI middleware in front of the Slack endpoint."""

    def __init__(self, app: ASGIApp, *, max_body: int = MAX_BODY) -> None:
        self._app = app
        self._max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        timestamp = headers.get(b"x-slack-request-timestamp", b"")
        signature = headers.get(b"x-slack-signature", b"")
        if not _TIMESTAMP.fullmatch(timestamp) or not _SIGNATURE.fullmatch(signature):
            await _reject(send, 401, "invalid request")
            return
        length = headers.get(b"content-length", b"0")
        if not length.isdigit() or int(length) > self._max_body:
            await _reject(send, 413, "request too large")
            return
        await self._app(scope, receive, send)


async def _reject(send: Send, status: int, error: str) -> None:
    body = json.dumps({"error": error}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
