"""The ``deskbot`` command: serve, db, tickets, kb, sla (and users once the console lands)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from bot.adapters.cli import serve_command, tickets_command, user_command
from bot.errors import ConfigError
from bot.kb import cli as kb_cli
from bot.triage import cli as sla_cli


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="deskbot", description="Chat support for the PACS service desk.")
    parser.add_argument("--config", metavar="FILE", help="config file overriding config/deskbot.toml")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    serve_command.register(subparsers)
    tickets_command.register(subparsers)
    kb_commands = kb_cli.register(subparsers)
    tickets_command.register_kb_report(kb_commands)
    sla_cli.register(subparsers)
    user_command.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    try:
        code: int = args.func(args)
    except ConfigError as err:
        print(str(err), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
