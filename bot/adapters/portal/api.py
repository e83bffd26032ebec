"""The portal's JSON API: translate HTTP in, call the conversation service, translate out."""

from __future__ import annotations

import asyncio
from concurrent.futures import Executor
from functools import partial

from fastapi import APIRouter, Header, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from bot.adapters.portal.schemas import MessageIn, json_body_schema, read_json
from bot.core.messages import Inbound
from bot.core.service import ConversationService
from bot.errors import AuthError

MESSAGE_SHAPE = (
    'Each message: {"seq", "author": "client|bot|analyst|system", "text", "expects", '
    '"actions": [{"id","label"}], "articles": [{"slug","title","url"}], "ticket", "created_at"}.'
)


def bearer_token(authorization: str | None) -> str:
    """The token of an ``Authorization: Bearer …`` header."""
    if not authorization:
        raise AuthError("Missing Authorization: Bearer <token> header.")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthError("The Authorization header must be 'Bearer <token>'.")
    return token.strip()


def portal_router(service: ConversationService, turns: Executor) -> APIRouter:
    """Routes under ``/api``. Turns run on ``turns``, a plain thread pool: a turn is the hot path,
    and handing work to a thread this way costs a fraction of the generic thread-pool helper."""
    router = APIRouter(prefix="/api", tags=["portal"])

    @router.post("/conversations", status_code=201, summary="Start a conversation", description=MESSAGE_SHAPE)
    async def start_conversation() -> JSONResponse:
        started = await asyncio.get_running_loop().run_in_executor(turns, partial(service.start, channel="portal"))
        body = {"id": started.record.id, "token": started.token, "messages": [m.to_json() for m in started.messages]}
        return JSONResponse(body, status_code=201)

    @router.post(
        "/conversations/{conversation_id}/messages",
        summary="Send a message or press a button",
        description='Body {"text": "..."} or {"action": "<id>"}; returns the bot\'s messages of this turn. ' + MESSAGE_SHAPE,
        openapi_extra=json_body_schema(MessageIn),
    )
    async def post_message(
        conversation_id: str, request: Request, authorization: str | None = Header(default=None)
    ) -> JSONResponse:
        token = bearer_token(authorization)
        body = await read_json(request, MessageIn)
        inbound = Inbound(text=body.text, action=body.action, article=body.article)
        stored = await asyncio.get_running_loop().run_in_executor(
            turns, partial(service.post, conversation_id, inbound, token=token)
        )
        return JSONResponse({"messages": [m.to_json() for m in stored]})

    @router.get("/conversations/{conversation_id}/messages", summary="Messages after a sequence number")
    async def list_messages(
        conversation_id: str,
        after: int = Query(default=0, ge=0),
        authorization: str | None = Header(default=None),
    ) -> JSONResponse:
        await run_in_threadpool(service.authorize, conversation_id, bearer_token(authorization))
        stored = await run_in_threadpool(service.messages, conversation_id, after=after)
        return JSONResponse({"messages": [m.to_json() for m in stored]})

    return router
