"""Ticket timers: SLA reminders and breaches, and the desk's 24/48-hour waiting-for-client rule.

Each action is guarded by a :class:`TimerMark` row inserted in the same transaction, keyed by
(ticket, kind, due time), so a restart or a second service instance on the same database never
reminds, downgrades or closes twice. The clock is an argument: ``run_once(now)``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.core.bus import MessageBus
from bot.core.ports import StoredMessage
from bot.rendering.templates import Templates
from bot.settings import Settings
from bot.storage.models import Ticket, TicketEvent, TimerMark
from bot.storage.unit_of_work import SqlUnitOfWork
from bot.triage.durations import parse_duration
from bot.triage.priority import Priority

log = logging.getLogger("deskbot.timers")
OPEN_STATUSES = ("new", "in_progress")
# The desk waits for the client: for information, or to confirm a resolved ticket is fixed.
WAITING_STATUSES = ("waiting_for_client", "resolved")
TimerAction = Callable[[SqlUnitOfWork, Ticket, datetime], list[StoredMessage]]


@dataclass(frozen=True)
class TimerSettings:
    reminder_lead: timedelta
    waiting_reminder: timedelta
    auto_close: timedelta
    downgrade_waiting: bool
    downgrade_after: timedelta

    @classmethod
    def from_settings(cls, settings: Settings) -> TimerSettings:
        def duration(key: str) -> timedelta:
            value = parse_duration(settings.section("timers").get(key), key=f"timers.{key}")
            return value if value is not None else timedelta(0)

        return cls(
            reminder_lead=duration("reminder_lead"),
            waiting_reminder=duration("waiting_reminder"),
            auto_close=duration("auto_close"),
            downgrade_waiting=settings.get_bool("timers", "downgrade_waiting"),
            downgrade_after=duration("downgrade_after"),
        )


@dataclass
class TimerReport:
    """What one pass did, for logs and tests."""

    actions: list[tuple[str, str]] = field(default_factory=list)  # (ticket number, kind)


class TicketTimers:
    """Runs every ``timers.interval_seconds`` inside the service."""

    def __init__(
        self,
        *,
        sessions: sessionmaker[Session],
        templates: Templates,
        bus: MessageBus,
        settings: TimerSettings,
        ticket_prefix: str,
    ) -> None:
        self._sessions = sessions
        self._templates = templates
        self._bus = bus
        self._settings = settings
        self._ticket_prefix = ticket_prefix

    def run_once(self, now: datetime) -> TimerReport:
        report = TimerReport()
        with self._sessions() as session:
            tickets = session.scalars(
                select(Ticket.id).where(Ticket.status.in_((*OPEN_STATUSES, *WAITING_STATUSES)))
            ).all()
        for ticket_id in tickets:
            self._run_ticket(ticket_id, now, report)
        return report

    def _run_ticket(self, ticket_id: int, now: datetime, report: TimerReport) -> None:
        for check in (self._sla_checks, self._waiting_checks):
            for kind, due, action in check(ticket_id, now):
                self._once(ticket_id, kind, due, now, action, report)

    def _sla_checks(self, ticket_id: int, now: datetime) -> Sequence[tuple[str, datetime, TimerAction]]:
        with self._sessions() as session:
            ticket = session.get(Ticket, ticket_id)
            if ticket is None or ticket.status not in OPEN_STATUSES:
                return []
            checks: list[tuple[str, datetime, TimerAction]] = []
            lead = self._settings.reminder_lead
            targets = [("first_response", ticket.first_response_due if ticket.first_responded_at is None else None)]
            targets.append(("update", ticket.next_update_due))
            targets.append(("resolution", ticket.resolution_due))
            for which, due in targets:
                if due is None:
                    continue
                if now >= due:
                    checks.append((f"breach_{which}", due, _event_action("sla_breach", f"{which.replace('_', ' ')} was due {due.isoformat()}")))
                elif now >= due - lead:
                    checks.append((f"remind_{which}", due, _event_action("sla_reminder", f"{which.replace('_', ' ')} due {due.isoformat()}")))
            return checks

    def _waiting_checks(self, ticket_id: int, now: datetime) -> Sequence[tuple[str, datetime, TimerAction]]:
        with self._sessions() as session:
            ticket = session.get(Ticket, ticket_id)
            if ticket is None or ticket.status not in WAITING_STATUSES or ticket.waiting_since is None:
                return []
            since = ticket.waiting_since
            waiting_for_answer = ticket.status == "waiting_for_client"
        s = self._settings
        checks: list[tuple[str, datetime, TimerAction]] = []
        if now >= since + s.auto_close:
            checks.append(("auto_close", since, self._auto_close))
            return checks
        if now >= since + s.waiting_reminder:
            checks.append(("waiting_reminder", since, self._remind_client))
        if waiting_for_answer and s.downgrade_waiting and now >= since + s.downgrade_after:
            checks.append(("waiting_downgrade", since, self._downgrade))
        return checks

    def _once(
        self,
        ticket_id: int,
        kind: str,
        due: datetime,
        now: datetime,
        action: TimerAction,
        report: TimerReport,
    ) -> None:
        with SqlUnitOfWork(self._sessions, ticket_prefix=self._ticket_prefix) as uow:
            try:
                uow.session.add(TimerMark(ticket_id=ticket_id, kind=kind, due_at=due.isoformat(), created_at=now))
                uow.session.flush()
            except IntegrityError:
                return
            ticket = uow.session.get(Ticket, ticket_id)
            if ticket is None:
                return
            messages = action(uow, ticket, now)
            ticket.updated_at = now
            conversation_id = ticket.conversation_id
            number = ticket.number
            uow.commit()
        report.actions.append((number, kind))
        log.info("timer %s on %s", kind, number)
        if conversation_id and messages:
            self._bus.publish(conversation_id, messages)

    def _remind_client(self, uow: SqlUnitOfWork, ticket: Ticket, now: datetime) -> list[StoredMessage]:
        _add_event(uow, ticket, "waiting_reminder", "No reply from the client for 24 hours; reminder sent", now)
        return self._tell_client(uow, ticket, "waiting_reminder", now)

    def _downgrade(self, uow: SqlUnitOfWork, ticket: Ticket, now: datetime) -> list[StoredMessage]:
        current = Priority.parse(ticket.priority)
        if current in (Priority.EMERGENCY, Priority.LOW):
            return []
        lowered = current.lowered()
        uow.session.add(
            TicketEvent(
                ticket_id=ticket.id, kind="priority_change", actor="deskbot", from_value=current.value,
                to_value=lowered.value, reason="Waiting for the client for more than 24 hours", created_at=now,
            )
        )
        ticket.priority = lowered.value
        return []

    def _auto_close(self, uow: SqlUnitOfWork, ticket: Ticket, now: datetime) -> list[StoredMessage]:
        previous = ticket.status
        ticket.status = "closed"
        ticket.closed_at = now
        uow.session.add(
            TicketEvent(
                ticket_id=ticket.id, kind="status_change", actor="deskbot", from_value=previous, to_value="closed",
                reason="No reply from the client for 48 hours", created_at=now,
            )
        )
        return self._tell_client(uow, ticket, "auto_closed", now)

    def _tell_client(self, uow: SqlUnitOfWork, ticket: Ticket, template: str, now: datetime) -> list[StoredMessage]:
        if ticket.conversation_id is None:
            return []
        record = uow.get_conversation(ticket.conversation_id, lock=True)
        if record is None:
            return []
        text = self._templates.render(template, channel=record.channel, ticket_number=ticket.number)
        return [uow.add_message(record, author="system", text=text, expects=None, payload={}, now=now)]


def _event_action(kind: str, reason: str) -> TimerAction:
    def action(uow: SqlUnitOfWork, ticket: Ticket, now: datetime) -> list[StoredMessage]:
        _add_event(uow, ticket, kind, reason, now)
        return []

    return action


def _add_event(uow: SqlUnitOfWork, ticket: Ticket, kind: str, reason: str, now: datetime) -> None:
    uow.session.add(
        TicketEvent(
            ticket_id=ticket.id, kind=kind, actor="deskbot", from_value=None, to_value=None, reason=reason,
            created_at=now,
        )
    )

