"""``deskbot serve`` and ``deskbot db upgrade``."""

from __future__ import annotations

import argparse
import logging

import uvicorn

from bot.app import build_services
from bot.settings import load_settings
from bot.storage import migrate
from bot.storage.database import create_db_engine
from bot.web import create_app

log = logging.getLogger("deskbot")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = subparsers.add_parser("serve", help="run the service (portal chat at http://127.0.0.1:8000/)")
    serve.add_argument("--host", help="address to listen on (default from config: 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default from config: 8000)")
    serve.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS, help="config file overriding the defaults")
    serve.set_defaults(func=run_serve)

    db = subparsers.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", metavar="COMMAND", required=True)
    upgrade = db_commands.add_parser("upgrade", help="apply migrations up to the newest")
    upgrade.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS)
    upgrade.set_defaults(func=run_db_upgrade)


def run_serve(args: argparse.Namespace) -> int:
    settings = load_settings(getattr(args, "config", None))
    services = build_services(settings)
    if services.db.dialect.name == "sqlite":
        migrate.upgrade(services.db)
    elif not migrate.is_current(services.db):
        print("The database is not at the newest schema: run `deskbot db upgrade` first.")
        return 2
    host = args.host or settings.get_str("server", "host")
    port = args.port if args.port is not None else settings.get_int("server", "port", minimum=0, maximum=65535)
    log.info("database: %s", services.db.url.render_as_string(hide_password=True))
    log.info("portal chat at http://%s:%d/", host, port)
    uvicorn.run(create_app(services), host=host, port=port, log_level="info", access_log=False)
    return 0


def run_db_upgrade(args: argparse.Namespace) -> int:
    settings = load_settings(getattr(args, "config", None))
    engine = create_db_engine(settings.database_url)
    migrate.upgrade(engine)
    print(f"database at the newest schema: {engine.url.render_as_string(hide_password=True)}")
    engine.dispose()
    return 0
