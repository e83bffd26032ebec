"""Closing the loop with the client: confirm the fix, then one satisfaction question.

An analyst resolves a ticket; the bot asks the client in their conversation whether it is fixed.
"Fixed" closes the ticket and asks for a 1–5 rating; "not fixed" reopens it. Silence is handled by
the desk's 48-hour rule in the timers.
"""

from __future__ import annotations

import re
from datetime import datetime

from bot.core import answers
from bot.core.messages import Action, Reply
from bot.core.ports import IntakeStore
from bot.rendering.templates import Templates

FIXED_ACTIONS = [Action("fixed", "Yes, it's fixed"), Action("not_fixed", "No, it's not fixed")]
RATING_ACTIONS = [Action(f"rate_{n}", label) for n, label in ((5, "5 Excellent"), (4, "4 Good"), (3, "3 OK"), (2, "2 Poor"), (1, "1 Bad"))]
CLOSURE_ACTIONS = {a.id for a in FIXED_ACTIONS} | {a.id for a in RATING_ACTIONS}
_RATING = re.compile(r"\b([1-5])\b")


def ask_confirmation(*, templates: Templates, channel: str, ticket_number: str, resolution: str) -> Reply:
    """The bot's question after an analyst resolves the ticket."""
    text = templates.render("resolution_check", channel=channel, ticket_number=ticket_number, resolution=resolution)
    return Reply(text=text, expects="resolution_confirm", actions=list(FIXED_ACTIONS))


class ClosureFlow:
    """The two closing questions, driven by the engine when the stage says so."""

    def __init__(self, templates: Templates) -> None:
        self._templates = templates

    def on_confirmation(
        self, *, store: IntakeStore, channel: str, ticket_number: str, text: str, action: str | None, now: datetime
    ) -> tuple[str, Reply]:
        """Returns the next stage and the reply."""
        fixed = {"fixed": True, "not_fixed": False}.get(action or "")
        if fixed is None and text:
            fixed = answers.parse_yes_no(text)
        if fixed is None:
            reply = self._reply("resolution_reask", channel, ticket_number, expects="resolution_confirm", actions=FIXED_ACTIONS)
            return "resolution_check", reply
        if fixed:
            store.set_ticket_status(ticket_number=ticket_number, status="closed", actor="client", reason="Client confirmed the fix", now=now)
            return "rating", self._reply("ask_rating", channel, ticket_number, expects="satisfaction", actions=RATING_ACTIONS)
        store.set_ticket_status(
            ticket_number=ticket_number, status="in_progress", actor="client", reason=f"Client says it is not fixed: {text}".strip(": "), now=now
        )
        return "filed", self._reply("reopened", channel, ticket_number)

    def on_rating(
        self, *, store: IntakeStore, channel: str, ticket_number: str, text: str, action: str | None, now: datetime
    ) -> tuple[str, Reply]:
        rating: int | None = int(action[5:]) if action and action.startswith("rate_") else None
        if rating is None and text:
            match = _RATING.search(text)
            rating = int(match.group(1)) if match else None
        if rating is None:
            return "rating", self._reply("ask_rating", channel, ticket_number, expects="satisfaction", actions=RATING_ACTIONS)
        store.record_satisfaction(ticket_number=ticket_number, rating=rating, now=now)
        return "filed", self._reply("thanks_rating", channel, ticket_number, actions=[Action("start_over", "Start a new request")])

    def _reply(
        self, template: str, channel: str, ticket_number: str, *, expects: str | None = None, actions: list[Action] | None = None
    ) -> Reply:
        text = self._templates.render(template, channel=channel, ticket_number=ticket_number)
        return Reply(text=text, expects=expects, actions=list(actions or []))
