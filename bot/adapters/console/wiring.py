"""Build the console once per app and attach it: the same desk serves the console's HTTP API
and any other analyst channel (a Slack relay calls ``console.desk``)."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI

from bot.adapters.console.accounts import Accounts, SessionRules
from bot.adapters.console.admin_api import admin_router
from bot.adapters.console.api import console_router
from bot.adapters.console.desk import AnalystDesk
from bot.adapters.console.events import ConsoleEvents
from bot.adapters.console.pages import console_pages_router, console_static
from bot.adapters.console.stream import console_stream_router
from bot.app import Services


@dataclass
class Console:
    """Accounts, the analyst desk and the live event hub."""

    accounts: Accounts
    desk: AnalystDesk
    events: ConsoleEvents
    rules: SessionRules


def build_console(services: Services) -> Console:
    rules = SessionRules.from_settings(services.settings)
    events = ConsoleEvents(services.bus)
    return Console(
        accounts=Accounts(services.sessions, rules=rules, clock=services.clock),
        desk=AnalystDesk.from_services(services, events),
        events=events,
        rules=rules,
    )


def install_console(app: FastAPI, console: Console, services: Services) -> None:
    """Routes under ``/api/console``, the page at ``/console``, its files under ``/console/static``."""
    app.include_router(console_router(console.accounts, console.desk, session_hours=console.rules.session_hours))
    app.include_router(admin_router(console.accounts, sessions=services.sessions, clock=services.clock))
    app.include_router(console_stream_router(console.accounts, console.events))
    app.include_router(console_pages_router())
    app.mount("/console/static", console_static(), name="console-static")
