"""The console page at ``/console`` and its static files; one HTML file, no build step."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse
from starlette.staticfiles import StaticFiles

STATIC = Path(__file__).resolve().parent / "static"
# The page loads only its own script and style and talks only to its own origin; client text
# is rendered as text, and this keeps any slip from running script.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def console_pages_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/console")
    async def console_page() -> FileResponse:
        return FileResponse(STATIC / "console.html", media_type="text/html", headers=SECURITY_HEADERS)

    return router


def console_static() -> StaticFiles:
    """Served under ``/console/static``."""
    return StaticFiles(directory=STATIC)
