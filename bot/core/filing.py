"""Turning confirmed intake facts into a ticket: priority from triage, deadlines from the SLA."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from bot.core.facts import Facts
from bot.core.messages import TicketView
from bot.core.ports import Alerts, IntakeStore, TicketDraft
from bot.triage.priority import Priority
from bot.triage.rules import Assessment
from bot.triage.sla import SlaPolicy

CONFIRM_REASON = "An analyst will confirm the priority."


class TicketFiler:
    """Files tickets; alerts the on-call analyst when an Emergency arrives after hours."""

    def __init__(
        self,
        *,
        sla: SlaPolicy,
        alerts: Alerts,
        alert_on_call: bool,
        targets: Mapping[str, Mapping[str, Any]],
    ) -> None:
        self._sla = sla
        self._alerts = alerts
        self._alert_on_call = alert_on_call
        self._targets = targets

    def file(
        self,
        *,
        store: IntakeStore,
        conversation_id: str,
        channel: str,
        facts: Facts,
        assessment: Assessment,
        now: datetime,
    ) -> TicketView:
        """Write the ticket and return what the client is shown."""
        clock = self._sla.clock(priority=assessment.priority, channel=channel, filed_at=now)
        reasons = tuple(assessment.reasons)
        if assessment.uncertain:
            reasons = (*reasons, CONFIRM_REASON)
        draft = TicketDraft(
            conversation_id=conversation_id,
            channel=channel,
            title=ticket_title(facts.description or ""),
            facts=facts,
            priority=clock.priority.value,
            assessed_priority=clock.assessed_priority.value,
            after_hours=clock.after_hours,
            reasons=reasons,
            filed_at=now,
            first_response_due=clock.first_response_due,
            next_update_due=clock.next_update_due,
            resolution_due=clock.resolution_due,
        )
        ticket = store.file_ticket(draft)
        if clock.after_hours and clock.assessed_priority is Priority.EMERGENCY and self._alert_on_call:
            store.add_ticket_event(
                ticket_number=ticket.number, kind="on_call_alerted", actor="deskbot",
                reason="Assessed Emergency filed outside business hours", now=now,
            )
            self._alerts.emergency_after_hours(ticket, facts)
        return ticket

    @property
    def alerts_on_call(self) -> bool:
        """Whether after-hours Emergencies page the on-call analyst."""
        return self._alert_on_call

    def targets(self, priority: str) -> Mapping[str, Any]:
        """The configured SLA targets of a priority, for wording ("updates every 4 business hours")."""
        return self._targets.get(priority, {})


def ticket_title(description: str, *, limit: int = 120) -> str:
    """The first sentence of the description, shortened to fit a queue row."""
    first = description.strip().split("\n", 1)[0]
    for stop in (". ", "! ", "? "):
        if stop in first:
            first = first.split(stop, 1)[0]
    first = first.strip() or "Support request"
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"
