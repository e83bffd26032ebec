"""``deskbot tickets list|show`` and ``deskbot kb report``: read-only views for analysts and admins."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from bot.settings import load_settings
from bot.storage import migrate
from bot.storage.database import create_db_engine, session_factory
from bot.storage.models import Ticket
from bot.storage.ticket_ops import STATUSES, set_priority, set_status
from bot.storage.ticket_queries import get_ticket, kb_report, list_tickets, transcript
from bot.triage.calendar import BusinessCalendar
from bot.triage.priority import Priority
from bot.triage.sla import SlaPolicy


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    tickets = subparsers.add_parser("tickets", help="list and show tickets")
    commands = tickets.add_subparsers(dest="tickets_command", metavar="COMMAND", required=True)
    listing = commands.add_parser("list", help="tickets, most urgent first")
    listing.add_argument("--status", help="only tickets with this status (new, in_progress, waiting_for_client, resolved, closed)")
    listing.add_argument("--json", action="store_true", help="one JSON array")
    listing.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS)
    listing.set_defaults(func=run_list)
    show = commands.add_parser("show", help="one ticket: facts, priorities with reasons, deadlines, events, transcript")
    show.add_argument("number", help="ticket number, e.g. OSI-000123")
    show.add_argument("--json", action="store_true", help="one JSON object")
    show.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS)
    show.set_defaults(func=run_show)


    status = commands.add_parser("status", help="set a ticket's status (recorded as a ticket event)")
    status.add_argument("number")
    status.add_argument("status", choices=STATUSES)
    status.add_argument("--reason", default=None)
    status.add_argument("--actor", default="cli", help="who made the change (recorded)")
    status.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS)
    status.set_defaults(func=run_status)
    priority = commands.add_parser("priority", help="change a ticket's priority, with a reason")
    priority.add_argument("number")
    priority.add_argument("priority", help="Emergency, High, Medium or Low")
    priority.add_argument("--reason", required=True)
    priority.add_argument("--actor", default="cli", help="who made the change (recorded)")
    priority.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS)
    priority.set_defaults(func=run_priority)


def register_kb_report(kb_commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = kb_commands.add_parser("report", help="per article shown/solved/not solved, and queries that found nothing")
    report.add_argument("--json", action="store_true")
    report.add_argument("--gaps", type=int, default=20, help="how many content-gap queries to list")
    report.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS)
    report.set_defaults(func=run_kb_report)


@contextmanager
def _open(args: argparse.Namespace) -> Iterator[tuple[sessionmaker[Session], BusinessCalendar]]:
    """Sessions on the configured database (disposed afterwards) and the desk's calendar."""
    settings = load_settings(getattr(args, "config", None))
    calendar = BusinessCalendar.from_config(settings.section("calendar"))
    engine = create_db_engine(settings.database_url)
    try:
        if engine.dialect.name == "sqlite":
            migrate.upgrade(engine)
        yield session_factory(engine), calendar
    finally:
        engine.dispose()


def run_list(args: argparse.Namespace) -> int:
    with _open(args) as (sessions, calendar), sessions() as session:
        tickets = list_tickets(session, status=args.status)
        if args.json:
            print(json.dumps([_ticket_json(t, calendar) for t in tickets], indent=2))
            return 0
        if not tickets:
            print("No tickets." if not args.status else f"No tickets with status {args.status}.")
            return 0
        print(f"{'NUMBER':<11} {'PRIORITY':<9} {'ASSESSED':<9} {'STATUS':<18} {'FILED':<17} {'FIRST RESPONSE DUE':<17} TITLE")
        for t in tickets:
            print(
                f"{t.number:<11} {t.priority:<9} {t.assessed_priority:<9} {t.status:<18} "
                f"{_local(t.filed_at, calendar):<17} {_local(t.first_response_due, calendar):<17} {t.title[:60]}"
            )
    return 0


def run_show(args: argparse.Namespace) -> int:
    with _open(args) as (sessions, calendar), sessions() as session:
        ticket = get_ticket(session, args.number)
        if ticket is None:
            print(f"No ticket {args.number}.")
            return 1
        data = _ticket_json(ticket, calendar)
        data["facts"] = ticket.facts
        data["events"] = [
            {"at": _iso(e.created_at, calendar), "kind": e.kind, "actor": e.actor, "from": e.from_value, "to": e.to_value, "reason": e.reason}
            for e in ticket.events
        ]
        messages = transcript(session, ticket.conversation_id) if ticket.conversation_id else []
        data["transcript"] = [
            {"seq": m.seq, "at": _iso(m.created_at, calendar), "author": m.author, "text": m.text, "internal": m.internal}
            for m in messages
        ]
    if args.json:
        print(json.dumps(data, indent=2))
    else:
        _print_ticket(data)
    return 0


def run_status(args: argparse.Namespace) -> int:
    with _open(args) as (sessions, _calendar), sessions() as session:
        ticket = get_ticket(session, args.number)
        if ticket is None:
            print(f"No ticket {args.number}.")
            return 1
        set_status(session, ticket, status=args.status, actor=args.actor, reason=args.reason, now=datetime.now(UTC))
        session.commit()
        print(f"{ticket.number} is now {ticket.status}.")
    return 0


def run_priority(args: argparse.Namespace) -> int:
    settings = load_settings(getattr(args, "config", None))
    try:
        priority = Priority.parse(args.priority)
    except ValueError as err:
        print(str(err))
        return 2
    with _open(args) as (sessions, calendar), sessions() as session:
        sla = SlaPolicy.from_config(settings.section("sla"), settings.section("after_hours"), calendar)
        ticket = get_ticket(session, args.number)
        if ticket is None:
            print(f"No ticket {args.number}.")
            return 1
        set_priority(session, ticket, priority=priority, actor=args.actor, reason=args.reason, sla=sla, now=datetime.now(UTC))
        session.commit()
        print(f"{ticket.number} is now {ticket.priority}.")
    return 0


def run_kb_report(args: argparse.Namespace) -> int:
    with _open(args) as (sessions, _calendar), sessions() as session:
        report = kb_report(session, gaps=args.gaps)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"{'ARTICLE':<45} {'SHOWN':>6} {'SOLVED':>7} {'NOT SOLVED':>11} {'IGNORED':>8}")
    for row in report["articles"]:
        print(f"{row['slug']:<45} {row['shown']:>6} {row['solved']:>7} {row['not_solved']:>11} {row['ignored']:>8}")
    if not report["articles"]:
        print("(no suggestions shown yet)")
    print()
    print("Queries that found nothing (content gaps):")
    for gap in report["gaps"]:
        print(f"{gap['count']:>5}  {gap['query'][:100]}")
    if not report["gaps"]:
        print("  (none)")
    return 0


def _ticket_json(t: Ticket, calendar: BusinessCalendar) -> dict[str, Any]:
    return {
        "number": t.number,
        "title": t.title,
        "status": t.status,
        "channel": t.channel,
        "priority": t.priority,
        "assessed_priority": t.assessed_priority,
        "after_hours": t.after_hours,
        "reasons": list(t.reasons or []),
        "filed_at": _iso(t.filed_at, calendar),
        "first_response_due": _iso(t.first_response_due, calendar),
        "next_update_due": _iso(t.next_update_due, calendar),
        "resolution_due": _iso(t.resolution_due, calendar),
    }


def _print_ticket(data: dict[str, Any]) -> None:
    print(f"{data['number']}  {data['title']}")
    print(f"  status {data['status']} · channel {data['channel']} · filed {data['filed_at']}")
    print(f"  priority {data['priority']} (assessed {data['assessed_priority']}{', after hours' if data['after_hours'] else ''})")
    for reason in data["reasons"]:
        print(f"    - {reason}")
    print(f"  first response due {data['first_response_due'] or '—'}")
    print(f"  next update due    {data['next_update_due'] or '—'}")
    print(f"  resolution due     {data['resolution_due'] or '—'}")
    print("  facts:")
    for key, value in data["facts"].items():
        if value not in (None, [], ""):
            print(f"    {key}: {value}")
    print("  events:")
    for e in data["events"]:
        change = f" {e['from'] or ''}→{e['to']}" if e["to"] else ""
        print(f"    {e['at']}  {e['kind']}{change} by {e['actor']}{': ' + e['reason'] if e['reason'] else ''}")
    print("  transcript:")
    for m in data["transcript"]:
        tag = " (internal)" if m["internal"] else ""
        print(f"    [{m['seq']}] {m['author']}{tag}: {m['text']}")


def _iso(value: datetime | None, calendar: BusinessCalendar) -> str | None:
    return value.astimezone(calendar.tz).isoformat() if value else None


def _local(value: datetime | None, calendar: BusinessCalendar) -> str:
    return value.astimezone(calendar.tz).strftime("%Y-%m-%d %H:%M") if value else "—"
