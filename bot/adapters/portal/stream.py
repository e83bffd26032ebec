"""Server-sent events: new messages of one conversation as they are committed.

Messages published on the in-process bus arrive at once; a periodic read of the database
catches messages written by another service instance on the same database.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Sequence

from fastapi import APIRouter, Header, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from bot.adapters.portal.api import bearer_token
from bot.core.bus import MessageBus
from bot.core.ports import StoredMessage
from bot.core.service import ConversationService
from bot.errors import AuthError

POLL_SECONDS = 10.0


def stream_router(service: ConversationService, bus: MessageBus) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["portal"])

    @router.get(
        "/conversations/{conversation_id}/stream",
        summary="Live messages (text/event-stream)",
        description="Each event's data is one message as JSON. Authenticate with the Bearer header or ?token=.",
        response_class=StreamingResponse,
    )
    async def stream(
        conversation_id: str,
        after: int = Query(default=0, ge=0),
        token: str | None = Query(default=None),
        authorization: str | None = Header(default=None),
    ) -> StreamingResponse:
        if token is None:
            token = bearer_token(authorization)
        if not token:
            raise AuthError("Missing token.")
        await run_in_threadpool(service.authorize, conversation_id, token)
        events = _events(service, bus, conversation_id, after)
        headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
        return StreamingResponse(events, media_type="text/event-stream", headers=headers)

    return router


async def _events(service: ConversationService, bus: MessageBus, conversation_id: str, after: int) -> AsyncIterator[str]:
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[Sequence[StoredMessage]] = asyncio.Queue()

    def listener(cid: str, messages: Sequence[StoredMessage]) -> None:
        if cid == conversation_id:
            loop.call_soon_threadsafe(queue.put_nowait, messages)

    unsubscribe = bus.subscribe(listener)
    last = after
    try:
        yield "retry: 2000\n\n"
        backlog = await run_in_threadpool(service.messages, conversation_id, after=last)
        for message in backlog:
            last = message.seq
            yield _event(message)
        while True:
            try:
                batch: Sequence[StoredMessage] = await asyncio.wait_for(queue.get(), timeout=POLL_SECONDS)
            except TimeoutError:
                batch = await run_in_threadpool(service.messages, conversation_id, after=last)
                if not batch:
                    yield ": keep-alive\n\n"
                    continue
            for message in sorted(batch, key=lambda m: m.seq):
                if message.seq > last:
                    last = message.seq
                    yield _event(message)
    finally:
        unsubscribe()


def _event(message: StoredMessage) -> str:
    return f"id: {message.seq}\nevent: message\ndata: {json.dumps(message.to_json())}\n\n"
