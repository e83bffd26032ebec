"""The ASGI application: portal (and, when configured, Slack and the console) on one server."""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager

from anyio import to_thread
from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot.adapters.console.wiring import build_console, install_console
from bot.adapters.portal.api import portal_router
from bot.adapters.portal.pages import pages_router, static_files
from bot.adapters.portal.stream import stream_router
from bot.adapters.slack.analyst_side import DeskAccess
from bot.adapters.slack.app import build_slack
from bot.app import Services
from bot.errors import AuthError, ClientInputError
from bot.settings import slack_secrets

log = logging.getLogger("deskbot.web")


def _worker_threads(services: Services) -> int:
    """Threads for request work. A turn is CPU-bound Python and SQLite admits one writer, so on
    SQLite one thread does the most turns per second (more threads only add GIL and lock
    convoys); PostgreSQL overlaps its network round trips across several."""
    return 1 if services.db.dialect.name == "sqlite" else 8


def create_app(services: Services) -> FastAPI:
    """Build the ASGI app around already-built services."""
    console = build_console(services)
    desk = DeskAccess(
        desk=console.desk, accounts=console.accounts, events=console.events, alerts=services.alerts,
        sessions=services.sessions, clock=services.clock,
    )
    slack = build_slack(
        slack_secrets(), services.settings, service=services.conversations, bus=services.bus, tz=services.calendar.tz, desk=desk
    )

    threads = _worker_threads(services)
    turns = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="deskbot-turn")

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        to_thread.current_default_thread_limiter().total_tokens = threads
        tasks = [asyncio.create_task(_reload_kb_forever(services)), asyncio.create_task(_run_timers_forever(services))]
        if slack is not None:
            slack.start()
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            if slack is not None:
                await run_in_threadpool(slack.stop)
            turns.shutdown(wait=False)

    app = FastAPI(
        title="deskbot",
        version="0.1.0",
        summary="Chat support for the PACS service desk: the portal chat API and the analyst console API.",
        lifespan=lifespan,
    )
    app.state.services = services
    app.include_router(portal_router(services.conversations, turns))
    app.include_router(stream_router(services.conversations, services.bus))
    app.include_router(pages_router(services))
    app.mount("/static", static_files(), name="static")
    app.state.console = console
    install_console(app, app.state.console, services)
    app.state.slack = slack
    if slack is not None and not slack.config.socket_mode:
        app.router.routes.append(slack.route)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    _install_error_handlers(app)
    return app


def _error(status: int, code: str, message: str, **extra: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message, **extra}}, status_code=status)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ClientInputError)
    async def client_input(_request: Request, err: ClientInputError) -> JSONResponse:
        return _error(err.status_code, err.code, err.message)

    @app.exception_handler(AuthError)
    async def auth(_request: Request, err: AuthError) -> JSONResponse:
        return _error(err.status_code, "unauthorized" if err.status_code == 401 else "forbidden", err.message)

    @app.exception_handler(RequestValidationError)
    async def validation(_request: Request, err: RequestValidationError) -> JSONResponse:
        first = err.errors()[0] if err.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ())) or "request"
        return _error(400, "invalid_field", f"Invalid {where}: {first.get('msg', 'bad value')}.")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, err: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(err.status_code, "http_error")
        return _error(err.status_code, code, str(err.detail))

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, err: Exception) -> JSONResponse:
        reference = secrets.token_hex(6)
        log.error("unexpected error, reference %s", reference, exc_info=err)
        return _error(500, "internal_error", f"Something went wrong on our side (reference {reference}).", reference=reference)


async def _reload_kb_forever(services: Services) -> None:
    """Pick up added, edited and removed articles without a restart."""
    interval = services.settings.get_float("kb", "reload_seconds", minimum=0.1)
    while True:
        await asyncio.sleep(interval)
        try:
            # Own executor, not the request threads: a reload must never hold up a client's turn.
            if await asyncio.to_thread(services.kb.reload_if_changed):
                log.info("knowledge base reloaded")
        except Exception:
            log.exception("knowledge base reload failed; keeping the previous articles")


async def _run_timers_forever(services: Services) -> None:
    """SLA reminders, breaches and the waiting-for-client rule; safe to run in several instances."""
    interval = services.settings.get_float("timers", "interval_seconds", minimum=1)
    while True:
        await asyncio.sleep(interval)
        try:
            await asyncio.to_thread(services.timers.run_once, services.clock())
        except Exception:
            log.exception("ticket timers failed; will try again")
