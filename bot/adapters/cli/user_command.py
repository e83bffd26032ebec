"""``deskbot user add|disable|list``: console accounts.

The password never appears on the command line (where ``ps`` and shell history would keep it):
it is read from stdin when piped, or prompted for twice.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from sqlalchemy import Engine

from bot.adapters.console.accounts import ROLES, Accounts, SessionRules
from bot.app import system_clock
from bot.errors import ClientInputError
from bot.settings import load_settings
from bot.storage import migrate
from bot.storage.database import create_db_engine, session_factory

CLI_ACTOR = "deskbot-cli"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    user = subparsers.add_parser("user", help="console accounts for analysts and admins")
    commands = user.add_subparsers(dest="user_command", metavar="COMMAND", required=True)

    add = commands.add_parser("add", help="create an account (password from stdin or prompted)")
    add.add_argument("name", help="user name to sign in with, e.g. jsmith")
    add.add_argument("--role", choices=ROLES, required=True)
    add.add_argument("--display-name", help="the name clients see, e.g. 'Jordan Smith' (default: NAME)")
    add.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS)
    add.set_defaults(func=run_add)

    disable = commands.add_parser("disable", help="refuse an account's sign-ins and end its sessions")
    disable.add_argument("name")
    disable.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS)
    disable.set_defaults(func=run_disable)

    listing = commands.add_parser("list", help="list accounts")
    listing.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS)
    listing.set_defaults(func=run_list)


def run_add(args: argparse.Namespace) -> int:
    password = _read_password()
    if password is None:
        return 1
    accounts, engine = _accounts(args)
    try:
        created = accounts.add_user(args.name, role=args.role, password=password, display_name=args.display_name)
    except ClientInputError as err:
        print(err.message, file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(f"created {created.role} {created.name} ({created.display_name})")
    return 0


def run_disable(args: argparse.Namespace) -> int:
    accounts, engine = _accounts(args)
    try:
        accounts.disable_user(args.name, actor=CLI_ACTOR)
    except ClientInputError as err:
        print(err.message, file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(f"disabled {args.name.strip().lower()}; its sessions have ended")
    return 0


def run_list(args: argparse.Namespace) -> int:
    accounts, engine = _accounts(args)
    try:
        users = accounts.list_users()
    finally:
        engine.dispose()
    for user in users:
        state = "disabled" if user["disabled"] else "active"
        print(f"{user['name']}\t{user['role']}\t{state}\t{user['display_name']}")
    return 0


def _read_password() -> str | None:
    if not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            print("no password on stdin", file=sys.stderr)
            return None
        return password
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != first:
        print("the passwords differ; nothing was created", file=sys.stderr)
        return None
    return first


def _accounts(args: argparse.Namespace) -> tuple[Accounts, Engine]:
    settings = load_settings(getattr(args, "config", None))
    engine = create_db_engine(settings.database_url)
    if engine.dialect.name == "sqlite":
        migrate.upgrade(engine)
    accounts = Accounts(session_factory(engine), rules=SessionRules.from_settings(settings), clock=system_clock)
    return accounts, engine
