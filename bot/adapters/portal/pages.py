"""The portal's pages: the chat (static, no build step) and knowledge-base articles."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.staticfiles import StaticFiles

from bot.app import Services
from bot.errors import NotFoundError
from bot.kb.render import article_html

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"


def pages_router(services: Services) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True))
    desk = services.settings.section("desk")

    @router.get("/")
    async def chat_page() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @router.get("/kb/{slug}")
    async def article_page(slug: str) -> HTMLResponse:
        article = services.kb.article(slug)
        if article is None:
            raise NotFoundError(f"No article called {slug!r}.")
        body = article_html(article, link_base="/kb/")
        page = env.get_template("article.html").render(article=article, body=body, desk=desk)
        return HTMLResponse(page)

    return router


def static_files() -> StaticFiles:
    """The page's CSS and JavaScript, served under ``/static``."""
    return StaticFiles(directory=STATIC)
