"""The HTTP endpoint (``/slack/events``): Starlette request → Bolt request, ``dispatch``, back.

``dispatch`` is blocking (signature check, listeners), so it runs in the thread pool rather than
on the event loop that also serves the portal; the listeners themselves only ack and queue.
"""

from __future__ import annotations

from slack_bolt import App
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from bot.adapters.slack.guard import SignatureHeaderGuard


class BoltEndpoint:
    """A plain ASGI app around a sync Bolt ``App``."""

    def __init__(self, bolt: App) -> None:
        self._bolt = bolt

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        body = await request.body()
        response = await run_in_threadpool(self._bolt.dispatch, to_bolt_request(request, body))
        await to_starlette_response(response)(scope, receive, send)


def slack_route(bolt: App, *, path: str = "/slack/events") -> Route:
    """The guarded endpoint for Events API, interactivity and slash commands alike."""
    return Route(path, SignatureHeaderGuard(BoltEndpoint(bolt)), methods=["POST"], include_in_schema=False)
