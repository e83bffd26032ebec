"""The bot's questions as replies: a slot's question, a re-ask with choices, the summary."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.core import slots
from bot.core.facts import Facts
from bot.core.messages import Action, Reply
from bot.core.summary import summary_rows
from bot.core.turn import Turn
from bot.rendering.templates import Templates
from bot.triage.rules import Assessment


class Questions:
    """Renders what the engine asks; the engine decides when."""

    def __init__(self, templates: Templates, assess: Callable[[Facts], Assessment]) -> None:
        self._templates = templates
        self._assess = assess

    def ask(self, turn: Turn, slot: slots.Slot, *, reask: bool = False) -> None:
        context: dict[str, Any] = {"reask": reask, "facts": turn.state.facts}
        if slot.name == "contact_email":
            context["prefilled_email"] = turn.state.prefilled_email
        text = self._templates.render(f"ask_{slot.name}", channel=turn.channel, **context)
        choices = list(slot.choices) if (slot.show_choices_first_time or reask) else []
        if slot.name == "contact_email" and turn.state.prefilled_email:
            choices = [Action("yes", "Yes, use it"), Action("no", "Use another address")]
        turn.replies.append(Reply(text=text, expects=slot.name, actions=choices))

    def reask(self, turn: Turn, what: str, *, gentle: bool = False) -> None:
        if what in slots.SLOTS_BY_NAME:
            self.ask(turn, slots.SLOTS_BY_NAME[what], reask=True)
            return
        text = self._templates.render(f"reask_{what}", channel=turn.channel, gentle=gentle)
        actions: list[Action] = []
        if what == "kb_feedback":
            actions = slots.kb_actions()
        elif what == "confirm":
            actions = slots.confirm_actions()
        elif what == "edit_field":
            actions = slots.edit_actions()
        turn.replies.append(Reply(text=text, expects=what, actions=actions))

    def summary(self, turn: Turn) -> None:
        state = turn.state
        state.stage, state.expects = "confirm", "confirm"
        assessment = self._assess(state.facts)
        text = self._templates.render(
            "summary", channel=turn.channel, facts=state.facts, rows=summary_rows(state.facts, unsure=state.unsure),
            assessment=assessment
        )
        turn.replies.append(Reply(text=text, expects="confirm", actions=slots.confirm_actions()))

    def which_field(self, turn: Turn) -> None:
        turn.state.stage, turn.state.expects = "confirm", "edit_field"
        text = self._templates.render("edit_which", channel=turn.channel)
        turn.replies.append(Reply(text=text, expects="edit_field", actions=slots.edit_actions()))
