"""The console's JSON API under ``/api/console``: translate HTTP in, call the analyst desk, translate out.

Every route but login needs the console session cookie; a client's conversation token is never
looked at here, so it opens nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from bot.adapters.console.accounts import Accounts, Analyst
from bot.adapters.console.desk import AnalystDesk
from bot.adapters.console.queue import QueueFilter
from bot.adapters.console.schemas import (
    EmptyIn,
    LoginIn,
    PriorityIn,
    ResolveIn,
    StatusIn,
    TakeoverIn,
    TextIn,
    body_schema,
    read_body,
)
from bot.errors import AuthError

COOKIE = "deskbot_console"
COOKIE_PATH = "/api/console"
PREFIX = "/api/console"


def session_dependency(accounts: Accounts) -> Callable[[Request], Awaitable[Analyst]]:
    """A FastAPI dependency giving the signed-in analyst (401 without a live session)."""

    async def current_analyst(request: Request) -> Analyst:
        return await run_in_threadpool(accounts.authenticate, request.cookies.get(COOKIE))

    return current_analyst


def console_router(accounts: Accounts, desk: AnalystDesk, *, session_hours: float) -> APIRouter:
    """Sign-in, queue, conversations and tickets."""
    router = APIRouter(prefix=PREFIX, tags=["console"])
    signed_in = Depends(session_dependency(accounts))

    @router.post("/login", summary="Sign in", description="Sets the HttpOnly session cookie.", openapi_extra=body_schema(LoginIn))
    async def login(request: Request) -> JSONResponse:
        body = await read_body(request, LoginIn)
        token, who = await run_in_threadpool(accounts.login, body.name, body.password)
        response = JSONResponse({"analyst": who.to_json()})
        response.set_cookie(
            COOKIE, token, max_age=int(session_hours * 3600), path=COOKIE_PATH, httponly=True, samesite="strict",
            secure=request.url.scheme == "https",
        )
        return response

    @router.post("/logout", status_code=204, summary="Sign out", openapi_extra=body_schema(EmptyIn))
    async def logout(request: Request) -> Response:
        await read_body(request, EmptyIn)
        await run_in_threadpool(accounts.logout, request.cookies.get(COOKIE))
        response = Response(status_code=204)
        response.delete_cookie(COOKIE, path=COOKIE_PATH, httponly=True, samesite="strict")
        return response

    @router.get("/me", summary="The signed-in analyst")
    async def me(who: Analyst = signed_in) -> dict[str, Any]:
        return {"analyst": who.to_json()}

    @router.get(
        "/queue",
        summary="Open conversations and tickets, most urgent first",
        description="Filters: status (intake, new, in_progress, waiting_for_client, resolved), priority, "
        "analyst (a user id, 'me' or 'none' for unheld).",
    )
    async def queue(
        who: Analyst = signed_in,
        status: str | None = Query(default=None),
        priority: str | None = Query(default=None),
        analyst: str | None = Query(default=None),
    ) -> dict[str, Any]:
        where = QueueFilter(status=status or None, priority=priority or None, analyst=str(who.id) if analyst == "me" else analyst or None)
        rows = await run_in_threadpool(desk.queue, where)
        return {"rows": rows}

    @router.get("/conversations/{conversation_id}", summary="Transcript with notes, intake facts and ticket (audited)")
    async def conversation(conversation_id: str, who: Analyst = signed_in) -> dict[str, Any]:
        return await run_in_threadpool(lambda: desk.view(conversation_id, analyst=who))

    @router.get("/conversations/{conversation_id}/messages", summary="Messages and notes after a sequence number")
    async def messages(conversation_id: str, after: int = Query(default=0, ge=0), who: Analyst = signed_in) -> dict[str, Any]:
        rows = await run_in_threadpool(lambda: desk.messages_after(conversation_id, analyst=who, after=after))
        return {"messages": rows}

    @router.post(
        "/conversations/{conversation_id}/takeover", summary="Take over from the bot (or, with force, from another analyst)",
        description="409 when another analyst holds it and force is false.", openapi_extra=body_schema(TakeoverIn),
    )
    async def takeover(conversation_id: str, request: Request, who: Analyst = signed_in) -> dict[str, Any]:
        body = await read_body(request, TakeoverIn)
        stored = await run_in_threadpool(lambda: desk.takeover(conversation_id, analyst=who, force=body.force))
        return {"messages": [m.to_json() for m in stored]}

    @router.post(
        "/conversations/{conversation_id}/messages", summary="Write to the client (holder only)", openapi_extra=body_schema(TextIn)
    )
    async def send(conversation_id: str, request: Request, who: Analyst = signed_in) -> dict[str, Any]:
        body = await read_body(request, TextIn)
        stored = await run_in_threadpool(lambda: desk.send(conversation_id, analyst=who, text=body.text))
        return {"message": stored.to_json()}

    @router.post(
        "/conversations/{conversation_id}/handback", summary="Hand back to the bot, which resumes the intake",
        openapi_extra=body_schema(EmptyIn),
    )
    async def hand_back(conversation_id: str, request: Request, who: Analyst = signed_in) -> dict[str, Any]:
        await read_body(request, EmptyIn)
        stored = await run_in_threadpool(lambda: desk.hand_back(conversation_id, analyst=who))
        return {"messages": [m.to_json() for m in stored]}

    @router.post(
        "/conversations/{conversation_id}/notes", summary="Internal note (never shown to the client)", openapi_extra=body_schema(TextIn)
    )
    async def note(conversation_id: str, request: Request, who: Analyst = signed_in) -> dict[str, Any]:
        body = await read_body(request, TextIn)
        return {"message": await run_in_threadpool(lambda: desk.note(conversation_id, analyst=who, text=body.text))}

    @router.post("/tickets/{number}/priority", summary="Change priority (reason required)", openapi_extra=body_schema(PriorityIn))
    async def priority(number: str, request: Request, who: Analyst = signed_in) -> dict[str, Any]:
        body = await read_body(request, PriorityIn)
        ticket = await run_in_threadpool(lambda: desk.set_priority(number, analyst=who, priority=body.priority, reason=body.reason))
        return {"ticket": ticket}

    @router.post("/tickets/{number}/status", summary="Change status", openapi_extra=body_schema(StatusIn))
    async def status_change(number: str, request: Request, who: Analyst = signed_in) -> dict[str, Any]:
        body = await read_body(request, StatusIn)
        ticket = await run_in_threadpool(lambda: desk.set_status(number, analyst=who, status=body.status, reason=body.reason))
        return {"ticket": ticket}

    @router.post(
        "/tickets/{number}/resolve", summary="Resolve with a note; the client is asked to confirm",
        description="The client's 'fixed' closes the ticket and asks a 1–5 rating; 'not fixed' reopens it.",
        openapi_extra=body_schema(ResolveIn),
    )
    async def resolve(number: str, request: Request, who: Analyst = signed_in) -> dict[str, Any]:
        body = await read_body(request, ResolveIn)
        stored = await run_in_threadpool(lambda: desk.resolve(number, analyst=who, resolution=body.resolution))
        return {"messages": [m.to_json() for m in stored]}

    return router


def require_admin(who: Analyst) -> Analyst:
    if not who.is_admin:
        raise AuthError("Only admins can do this.", status_code=403)
    return who
