"""Server-sent events for the console: every new message and note, and every queue change.

A ``tick`` event every few seconds of quiet tells the page to refresh its queue (countdowns
move, and another service instance on the same database may have changed something) and
re-checks the session, so a stream ends when its session does.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from bot.adapters.console.accounts import Accounts
from bot.adapters.console.api import COOKIE, PREFIX
from bot.adapters.console.events import ConsoleEvents, Event
from bot.errors import AuthError

TICK_SECONDS = 15.0


def console_stream_router(accounts: Accounts, events: ConsoleEvents, *, tick_seconds: float = TICK_SECONDS) -> APIRouter:
    router = APIRouter(prefix=PREFIX, tags=["console"])

    @router.get(
        "/stream",
        summary="Live console events (text/event-stream)",
        description="Events: `message` {conversation_id, message (with internal)}, `changed` {conversation_id, "
        "ticket_number}, `tick` (refresh the queue). Authenticated by the session cookie.",
        response_class=StreamingResponse,
    )
    async def stream(request: Request) -> StreamingResponse:
        token = request.cookies.get(COOKIE)
        await run_in_threadpool(accounts.authenticate, token)
        headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
        return StreamingResponse(_events(accounts, events, token, tick_seconds), media_type="text/event-stream", headers=headers)

    return router


async def _events(accounts: Accounts, events: ConsoleEvents, token: str | None, tick_seconds: float) -> AsyncIterator[str]:
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[Event] = asyncio.Queue()

    def listener(event: Event) -> None:
        loop.call_soon_threadsafe(queue.put_nowait, event)

    unsubscribe = events.subscribe(listener)
    try:
        yield "retry: 2000\n\n"
        while True:
            try:
                event = await asyncio.wait_for(queue.get(), timeout=tick_seconds)
            except TimeoutError:
                try:
                    await run_in_threadpool(accounts.authenticate, token)
                except AuthError:
                    yield "event: signed_out\ndata: {}\n\n"
                    return
                yield "event: tick\ndata: {}\n\n"
                continue
            yield f"event: {event['type']}\ndata: {json.dumps(event)}\n\n"
    finally:
        unsubscribe()
