"""The conversation engine: (state, inbound text or action) → bot replies, for any channel.

It walks the client through the service desk guide's intake — description, knowledge-base
suggestions, scope, patient care, workaround, PACS administrator, what was tried, recent
changes, contact details — skipping whatever the client already said, then shows a summary,
files the ticket and says what happens next. All memory is in :class:`ConversationState`,
which the caller saves with the turn, so a restarted server resumes exactly where it was.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from bot.core import answers, closure, contact, intents, slots
from bot.core.facts import Facts, Scope
from bot.core.filing import TicketFiler
from bot.core.intents import Intent
from bot.core.messages import Action, ArticleLink, Reply
from bot.core.ports import KnowledgeSearch, Presence
from bot.core.questions import Questions
from bot.core.state import ConversationState
from bot.core.turn import Turn
from bot.rendering.templates import Templates
from bot.triage.calendar import BusinessCalendar
from bot.triage.priority import Priority
from bot.triage.rules import Assessment

GLOBAL_ACTIONS = {"start_over", "handoff", "cancel"}
KB_ACTIONS = {"kb_solved", "kb_not_solved"}
CONFIRM_ACTIONS = {"confirm", "edit"}
CHOICE_ACTIONS = {"yes", "no", "same", "unsure", "i_am_admin", *slots.SCOPE_BY_ACTION}
KNOWN_ACTIONS = (
    GLOBAL_ACTIONS | KB_ACTIONS | CONFIRM_ACTIONS | CHOICE_ACTIONS | closure.CLOSURE_ACTIONS | {f"edit_{n}" for n in slots.EDITABLE}
)


class IntakeEngine:
    """Channel-agnostic intake; adapters translate in and out around :meth:`respond`."""

    def __init__(
        self,
        *,
        kb: KnowledgeSearch,
        templates: Templates,
        calendar: BusinessCalendar,
        presence: Presence,
        filer: TicketFiler,
        extract: Callable[[str], Facts],
        assess: Callable[[Facts], Assessment],
        article_url: Callable[[str], str],
        max_suggestions: int = 3,
    ) -> None:
        self._kb = kb
        self._templates = templates
        self._calendar = calendar
        self._presence = presence
        self._filer = filer
        self._extract = extract
        self._assess = assess
        self._article_url = article_url
        self._max_suggestions = max_suggestions
        self._closure = closure.ClosureFlow(templates)
        self._questions = Questions(templates, assess)

    def greet(self, *, channel: str, now: datetime) -> list[Reply]:
        """The opening message, with the after-hours notice when the desk is closed."""
        context = self._hours_context(now)
        text = self._templates.render("greeting", channel=channel, **context)
        return [Reply(text=text, expects="description", actions=[Action("handoff", "Talk to a person")])]

    def respond(self, turn: Turn) -> None:
        """Advance the conversation by one inbound event, appending replies to ``turn``."""
        state, inbound = turn.state, turn.inbound
        text = (inbound.text or "").strip()
        intent = self._intent(turn, text)
        if intent is Intent.START_OVER:
            self._start_over(turn)
        elif intent is Intent.CANCEL:
            self._cancel(turn)
        elif intent is Intent.HANDOFF:
            self._handoff(turn)
        elif state.stage == "closed":
            turn.state = ConversationState()
            turn.state.facts.merge(slots.contacts_only(state.facts))
            self._on_description(turn, text)
        elif state.stage in ("resolution_check", "rating"):
            self._on_closure(turn, text)
        elif state.stage == "filed":
            self._after_filing(turn, text)
        elif state.stage == "description":
            self._on_description(turn, text)
        elif state.stage == "kb_feedback":
            self._on_kb_feedback(turn, text, intent)
        elif state.stage == "confirm":
            self._on_confirm(turn, text, intent)
        else:
            self._on_answer(turn, text)

    def ask_resolution(self, turn: Turn, *, resolution: str) -> None:
        """An analyst resolved the ticket: ask the client to confirm the fix."""
        number = turn.state.ticket_number or ""
        turn.state.stage, turn.state.expects = "resolution_check", "resolution_confirm"
        turn.replies.append(
            closure.ask_confirmation(templates=self._templates, channel=turn.channel, ticket_number=number, resolution=resolution)
        )

    def resume(self, turn: Turn) -> None:
        """Pick up where the conversation stood (after an analyst hands it back)."""
        if turn.state.stage in {"filed", "closed"}:
            return
        if turn.state.stage in ("resolution_check", "rating"):
            self._on_closure(turn, "")
            return
        self._ask_current(turn)

    def file_now(self, turn: Turn) -> None:
        """File straight from facts gathered elsewhere (a form), skipping the conversation."""
        self._file(turn)

    # -- global intents -------------------------------------------------------------------

    def _intent(self, turn: Turn, text: str) -> Intent | None:
        action = turn.inbound.action
        if action is not None:
            return {
                "start_over": Intent.START_OVER,
                "cancel": Intent.CANCEL,
                "handoff": Intent.HANDOFF,
                "kb_solved": Intent.KB_SOLVED,
                "kb_not_solved": Intent.KB_NOT_SOLVED,
                "confirm": Intent.CONFIRM,
                "edit": Intent.EDIT,
            }.get(action)
        return intents.detect_intent(text, expecting=turn.state.expects) if text else None

    def _start_over(self, turn: Turn) -> None:
        self._close_suggestions(turn, "ignored")
        keep = slots.contacts_only(turn.state.facts)
        filed = turn.state.ticket_number
        turn.state = ConversationState()
        turn.state.facts.merge(keep)
        text = self._templates.render("start_over", channel=turn.channel, ticket_number=filed)
        turn.replies.append(Reply(text=text, expects="description"))

    def _cancel(self, turn: Turn) -> None:
        self._close_suggestions(turn, "ignored")
        filed = turn.state.ticket_number
        turn.state.stage = "filed" if filed else "closed"
        turn.state.expects = None
        text = self._templates.render("cancelled", channel=turn.channel, ticket_number=filed)
        turn.replies.append(Reply(text=text, actions=[Action("start_over", "Start a new request")]))

    def _handoff(self, turn: Turn) -> None:
        turn.wants_person = True
        available = self._presence.analysts_available(turn.now)
        text = self._templates.render(
            "handoff",
            channel=turn.channel,
            available=available,
            ticket_number=turn.state.ticket_number,
            in_intake=turn.state.stage not in {"filed", "closed"},
            **self._hours_context(turn.now),
        )
        turn.replies.append(Reply(text=text))
        if turn.state.stage not in {"filed", "closed"}:
            self._ask_current(turn)

    # -- stages ---------------------------------------------------------------------------

    def _on_description(self, turn: Turn, text: str) -> None:
        state = turn.state
        if not text or (slots.is_vague(text) and not self._extract(text).affected_systems):
            self._questions.reask(turn, "description")
            return
        editing = state.editing == "description"
        state.facts.description = text
        self._absorb(turn, text)
        if editing:
            state.editing = None
            self._questions.summary(turn)
            return
        assessment = self._assess(state.facts)
        if assessment.priority is Priority.EMERGENCY:
            # A (possible) outage needs people, not articles: go straight to the questions.
            if not assessment.uncertain:
                self._note_emergency(turn)
            self._ask_next(turn)
            return
        results = list(self._kb.search(text, limit=self._max_suggestions))
        state.kb_query_id = turn.store.record_kb_query(
            conversation_id=turn.conversation_id,
            query=text,
            results=[(r.slug, r.score) for r in results],
            now=turn.now,
        )
        if not results:
            self._ask_next(turn)
            return
        state.kb_slugs = [r.slug for r in results]
        state.stage, state.expects = "kb_feedback", "kb_feedback"
        links = [self._article_link(r.slug, r.title) for r in results]
        turn.replies.append(
            Reply(
                text=self._templates.render("kb_suggestions", channel=turn.channel, articles=links),
                expects="kb_feedback",
                articles=links,
                actions=slots.kb_actions(),
            )
        )

    def _on_kb_feedback(self, turn: Turn, text: str, intent: Intent | None) -> None:
        state = turn.state
        if intent is Intent.KB_SOLVED:
            solved = turn.inbound.article if turn.inbound.article in state.kb_slugs else state.kb_slugs[0]
            self._close_suggestions(turn, "ignored", solved=solved)
            state.stage, state.expects = "closed", None
            text_out = self._templates.render("kb_solved", channel=turn.channel)
            turn.replies.append(Reply(text=text_out, actions=[Action("start_over", "I have another problem")]))
        elif intent is Intent.KB_NOT_SOLVED:
            self._close_suggestions(turn, "not_solved")
            if text:
                self._absorb(turn, text)
            turn.replies.append(Reply(text=self._templates.render("kb_not_solved", channel=turn.channel)))
            self._ask_next(turn)
        else:
            self._questions.reask(turn, "kb_feedback")

    def _on_answer(self, turn: Turn, text: str) -> None:
        state = turn.state
        slot_name = state.expects or ""
        if slot_name == "edit_field":
            self._choose_edit(turn, text)
            return
        slot = slots.SLOTS_BY_NAME.get(slot_name)
        if slot is None:
            self._ask_next(turn)
            return
        action = turn.inbound.action
        answer = text
        if action in slots.SCOPE_BY_ACTION and slot_name == "scope":
            slots.set_scope(state.facts, slots.SCOPE_BY_ACTION[action])
            filled = True
        elif action == "unsure" and slot_name in slots.UNSURE_ALLOWED:
            state.unsure.append(slot_name)
            filled = True
        elif action in slots.ACTION_ANSWERS:
            answer = slots.ACTION_ANSWERS[action]
            filled = self._interpret(turn, slot, answer)
        elif action is not None:
            filled = False
        else:
            filled = self._interpret(turn, slot, answer)
            if not filled and slot_name in slots.UNSURE_ALLOWED and slots.is_unsure(answer):
                state.unsure.append(slot_name)
                filled = True
        if text and action is None:
            self._absorb(turn, text, answering=slot_name)
            filled = filled or slot.is_known(state.facts)
        if not filled:
            self._questions.reask(turn, slot_name)
            return
        if slot_name == "scope":
            _doubt_outage_beyond_scope(state)
        if state.editing == slot_name:
            state.editing = None
            self._questions.summary(turn)
            return
        self._note_emergency_if_needed(turn)
        self._ask_next(turn)

    def _interpret(self, turn: Turn, slot: slots.Slot, answer: str) -> bool:
        facts = turn.state.facts
        if slot.name == "contact_email" and turn.state.prefilled_email:
            decision = answers.parse_yes_no(answer)
            if decision is True:
                facts.contact_email = turn.state.prefilled_email
                return True
            if decision is False:
                turn.state.prefilled_email = None
                return False
        return slot.interpret(facts, answer)

    def _on_confirm(self, turn: Turn, text: str, intent: Intent | None) -> None:
        action = turn.inbound.action or ""
        if intent is Intent.CONFIRM:
            self._file(turn)
        elif action.startswith("edit_") and action[5:] in slots.EDITABLE:
            self._ask_edit(turn, action[5:])
        elif intent is Intent.EDIT:
            field_name = intents.field_for_edit(text) if text else None
            if field_name in slots.EDITABLE:
                self._ask_edit(turn, field_name)
            else:
                self._questions.which_field(turn)
        else:
            field_name = intents.field_for_edit(text) if text else None
            if field_name in slots.EDITABLE:
                self._ask_edit(turn, field_name)
            else:
                self._questions.reask(turn, "confirm")

    def _choose_edit(self, turn: Turn, text: str) -> None:
        action = turn.inbound.action or ""
        field_name = action[5:] if action.startswith("edit_") else intents.field_for_edit(text)
        if field_name in slots.EDITABLE:
            self._ask_edit(turn, field_name)
        else:
            self._questions.reask(turn, "edit_field")

    def _on_closure(self, turn: Turn, text: str) -> None:
        state = turn.state
        handler = self._closure.on_confirmation if state.stage == "resolution_check" else self._closure.on_rating
        stage, reply = handler(
            store=turn.store, channel=turn.channel, ticket_number=state.ticket_number or "", text=text,
            action=turn.inbound.action, now=turn.now,
        )
        state.stage, state.expects = stage, reply.expects
        turn.replies.append(reply)

    def _after_filing(self, turn: Turn, text: str) -> None:
        number = turn.state.ticket_number or ""
        if text:
            turn.store.add_ticket_event(
                ticket_number=number, kind="client_message", actor="client", reason=text, now=turn.now
            )
        reply = self._templates.render("after_filing", channel=turn.channel, ticket_number=number)
        turn.replies.append(Reply(text=reply, actions=[Action("start_over", "Start a new request")]))

    # -- asking -----------------------------------------------------------------------------

    def _ask_next(self, turn: Turn) -> None:
        state = turn.state
        slot = self._next_slot(state)
        if slot is None:
            self._questions.summary(turn)
            return
        state.stage, state.expects = "intake", slot.name
        if slot.name not in state.asked:
            state.asked.append(slot.name)
        self._questions.ask(turn, slot)

    def _next_slot(self, state: ConversationState) -> slots.Slot | None:
        facts = state.facts
        for slot in slots.INTAKE_SLOTS:
            if slot.name == "pacs_admin" and "outage_check" not in state.asked + state.unsure and facts.core_function_down is None:
                assessment = self._assess(facts)
                if assessment.uncertain and assessment.clarify == "outage_check":
                    return slots.OUTAGE_CHECK
            if not slot.is_known(facts) and slot.name not in state.unsure:
                return slot
        return None

    def _ask_current(self, turn: Turn) -> None:
        expects = turn.state.expects
        if expects in slots.SLOTS_BY_NAME:
            self._questions.ask(turn, slots.SLOTS_BY_NAME[expects])
        elif expects in {"description", "kb_feedback", "confirm", "edit_field"}:
            self._questions.reask(turn, expects, gentle=True)

    def _ask_edit(self, turn: Turn, field_name: str) -> None:
        state = turn.state
        state.editing = field_name
        slots.clear(state.facts, field_name)
        if field_name in state.unsure:
            state.unsure.remove(field_name)
        if field_name == "description":
            state.stage, state.expects = "description", "description"
            turn.replies.append(Reply(text=self._templates.render("ask_description", channel=turn.channel), expects="description"))
            return
        state.stage, state.expects = "intake", field_name
        self._questions.ask(turn, slots.SLOTS_BY_NAME[field_name])

    # -- filing -----------------------------------------------------------------------------

    def _file(self, turn: Turn) -> None:
        state = turn.state
        assessment = self._assess(state.facts)
        ticket = self._filer.file(
            store=turn.store,
            conversation_id=turn.conversation_id,
            channel=turn.channel,
            facts=state.facts,
            assessment=assessment,
            now=turn.now,
        )
        state.stage, state.expects, state.ticket_number = "filed", None, ticket.number
        text = self._templates.render(
            "filed",
            channel=turn.channel,
            ticket=ticket,
            assessment=assessment,
            targets=self._filer.targets(ticket.priority),
            on_call_alerted=self._filer.alerts_on_call,
            **self._hours_context(turn.now),
        )
        turn.replies.append(Reply(text=text, ticket=ticket, actions=[Action("start_over", "Start a new request")]))

    # -- helpers ----------------------------------------------------------------------------

    def _absorb(self, turn: Turn, text: str, *, answering: str | None = None) -> None:
        """Keep whatever else the client volunteered, without overwriting what they answered.

        An answer to "what was tried" or "what changed" describes actions, not the fault
        ("rebooted the workstation" does not mean the fault is confined to one), so from those
        only the contact details are taken.
        """
        facts = turn.state.facts
        if answering not in slots.ACTION_ANSWER_SLOTS:
            facts.merge(self._extract(text))
        phones = contact.find_phones(text)
        if phones and facts.contact_phone is None:
            facts.contact_phone = phones[0]
        others = [phone for phone in phones if phone != facts.contact_phone]
        if others and facts.department_line is None:
            facts.department_line = others[0]
        emails = contact.find_emails(text)
        if emails and facts.contact_email is None:
            facts.contact_email = emails[0]

    def _note_emergency(self, turn: Turn) -> None:
        if "emergency_notice" in turn.state.asked:
            return
        turn.state.asked.append("emergency_notice")
        text = self._templates.render("emergency_notice", channel=turn.channel, **self._hours_context(turn.now))
        turn.replies.append(Reply(text=text))

    def _note_emergency_if_needed(self, turn: Turn) -> None:
        assessment = self._assess(turn.state.facts)
        if assessment.priority is Priority.EMERGENCY and not assessment.uncertain:
            self._note_emergency(turn)

    def _close_suggestions(self, turn: Turn, outcome: str, *, solved: str | None = None) -> None:
        state = turn.state
        if state.kb_query_id is None or not state.kb_slugs:
            return
        if solved is not None:
            turn.store.record_kb_outcome(query_id=state.kb_query_id, outcome="solved", slug=solved)
        turn.store.record_kb_outcome(query_id=state.kb_query_id, outcome=outcome, slug=None)
        state.kb_slugs = []

    def _article_link(self, slug: str, title: str) -> ArticleLink:
        article = self._kb.article(slug)
        summary = getattr(article, "summary", "") if article is not None else ""
        return ArticleLink(slug=slug, title=title, url=self._article_url(slug), summary=summary)

    def _hours_context(self, now: datetime) -> dict[str, Any]:
        is_open = self._calendar.is_open(now)
        return {
            "is_open": is_open,
            "closure": None if is_open else self._calendar.closure_name(now.astimezone(self._calendar.tz).date()),
            "next_open": None if is_open else self._calendar.next_open(now),
        }


def _doubt_outage_beyond_scope(state: ConversationState) -> None:
    """"PACS is down" read from the description assumed a whole site; when the client then says
    fewer people are affected, the outage is no longer established and the outage check is asked."""
    facts = state.facts
    if facts.core_function_down and facts.scope is not Scope.SITE and "outage_check" not in state.asked:
        facts.core_function_down = None
