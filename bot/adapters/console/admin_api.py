"""Admin-only console routes: the audit trail (JSON and CSV) and disabling accounts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from sqlalchemy.orm import Session, sessionmaker

from bot.adapters.console.accounts import Accounts, Analyst
from bot.adapters.console.api import PREFIX, require_admin, session_dependency
from bot.adapters.console.schemas import EmptyIn, body_schema, read_body
from bot.storage import audit


def admin_router(accounts: Accounts, *, sessions: sessionmaker[Session], clock: Callable[[], datetime]) -> APIRouter:
    router = APIRouter(prefix=PREFIX, tags=["console admin"])
    current = session_dependency(accounts)

    async def admin(who: Analyst = Depends(current)) -> Analyst:
        return require_admin(who)

    signed_in_admin = Depends(admin)

    def entries(conversation_id: str | None, ticket: str | None, actor: str | None, limit: int) -> list[audit.AuditRow]:
        with sessions() as session:
            return audit.list_entries(
                session, conversation_id=conversation_id, ticket_number=ticket.strip().upper() if ticket else None,
                actor=actor, limit=limit,
            )

    @router.get("/audit", summary="Audit trail, newest first (admins)")
    async def audit_list(
        _who: Analyst = signed_in_admin,
        conversation_id: str | None = Query(default=None),
        ticket: str | None = Query(default=None),
        actor: str | None = Query(default=None),
        limit: int = Query(default=500, ge=1, le=10000),
    ) -> dict[str, Any]:
        rows = await run_in_threadpool(entries, conversation_id, ticket, actor, limit)
        return {"entries": [r.to_json() for r in rows]}

    @router.get("/audit.csv", summary="Audit trail as CSV (admins)", response_class=Response)
    async def audit_csv(
        who: Analyst = signed_in_admin,
        conversation_id: str | None = Query(default=None),
        ticket: str | None = Query(default=None),
        actor: str | None = Query(default=None),
        limit: int = Query(default=10000, ge=1, le=100000),
    ) -> Response:
        def export() -> str:
            rows = entries(conversation_id, ticket, actor, limit)
            with sessions() as session:
                audit.record(session, actor=who.name, action="exported_audit", now=clock(), detail=f"{len(rows)} rows")
                session.commit()
            return audit.to_csv(rows)

        text = await run_in_threadpool(export)
        stamp = clock().strftime("%Y%m%d-%H%M")
        headers = {"Content-Disposition": f'attachment; filename="deskbot-audit-{stamp}.csv"'}
        return Response(text, media_type="text/csv; charset=utf-8", headers=headers)

    @router.get("/users", summary="Accounts (admins)")
    async def users(_who: Analyst = signed_in_admin) -> dict[str, Any]:
        return {"users": await run_in_threadpool(accounts.list_users)}

    @router.post(
        "/users/{name}/disable", summary="Disable an account and end its sessions (admins)", openapi_extra=body_schema(EmptyIn)
    )
    async def disable(name: str, request: Request, who: Analyst = signed_in_admin) -> dict[str, Any]:
        await read_body(request, EmptyIn)
        await run_in_threadpool(lambda: accounts.disable_user(name, actor=who.name))
        return {"disabled": name}

    return router
