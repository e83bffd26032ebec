"""Conversation commands are recognised when typed, and never read into problem descriptions."""

from __future__ import annotations

import pytest

from bot.core.intents import Intent, detect_intent, field_for_edit

EVERY_STAGE = ["description", "kb_feedback", "scope", "tried", "contact_phone", "confirm", None]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("start over", Intent.START_OVER),
        ("Start over please", Intent.START_OVER),
        ("can we start over?", Intent.START_OVER),
        ("let's start over", Intent.START_OVER),
        ("ok actually let me start again", Intent.START_OVER),
        ("startover", Intent.START_OVER),
        ("strat over", Intent.START_OVER),
        ("begin again", Intent.START_OVER),
        ("restart the conversation", Intent.START_OVER),
        ("i want to start a new ticket", Intent.START_OVER),
        ("cancel", Intent.CANCEL),
        ("cancle", Intent.CANCEL),
        ("Cancel the ticket please", Intent.CANCEL),
        ("never mind", Intent.CANCEL),
        ("nvm", Intent.CANCEL),
        ("forget it", Intent.CANCEL),
        ("stop", Intent.CANCEL),
        ("never mind, it's working now", Intent.CANCEL),
        ("don't file it", Intent.CANCEL),
        ("can I talk to a human", Intent.HANDOFF),
        ("real person please", Intent.HANDOFF),
        ("agent", Intent.HANDOFF),
        ("speak to someone", Intent.HANDOFF),
        ("transfer me to support", Intent.HANDOFF),
        ("talk to a person", Intent.HANDOFF),
        ("Talk to a person", Intent.HANDOFF),
        ("i want a human", Intent.HANDOFF),
        ("I need a human", Intent.HANDOFF),
        ("humna please", Intent.HANDOFF),
        ("is anyone there?", Intent.HANDOFF),
        ("let me speak with an analyst", Intent.HANDOFF),
        ("connect me with support", Intent.HANDOFF),
        ("representative please", Intent.HANDOFF),
        ("i dont want to talk to a bot", Intent.HANDOFF),
    ],
)
@pytest.mark.parametrize("expecting", EVERY_STAGE)
def test_global_intents_work_at_any_point(text: str, intent: Intent, expecting: str | None) -> None:
    assert detect_intent(text, expecting=expecting) is intent


@pytest.mark.parametrize(
    "text",
    [
        "the study was cancelled by the tech",
        "the viewer keeps starting over when I scroll",
        "I need someone to look at the archive",
        "call me",
        "can someone call me at 816-555-0142",
        "restart",
        "we restarted the service and it started over",
        "images stop loading after the first series",
        "the agent on the modality crashed",
        "Person lookup in the worklist is slow",
        "cancelled orders still show on the worklist",
        "I spoke to our PACS admin and he said to contact you",
        "the human readable report is missing",
        "yes",
        "no",
    ],
)
@pytest.mark.parametrize("expecting", ["description", "tried", "scope"])
def test_descriptions_and_answers_are_not_commands(text: str, expecting: str) -> None:
    assert detect_intent(text, expecting=expecting) is None


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("that fixed it", Intent.KB_SOLVED),
        ("yes that worked", Intent.KB_SOLVED),
        ("solved", Intent.KB_SOLVED),
        ("sovled it", Intent.KB_SOLVED),
        ("all good now thanks", Intent.KB_SOLVED),
        ("This solved it", Intent.KB_SOLVED),
        ("thanks, that did the trick", Intent.KB_SOLVED),
        ("works now", Intent.KB_SOLVED),
        ("perfect, thanks!", Intent.KB_SOLVED),
        ("that fixed it, I don't need a ticket", Intent.KB_SOLVED),
        ("yes", Intent.KB_SOLVED),
        ("no that didn't help", Intent.KB_NOT_SOLVED),
        ("didnt help", Intent.KB_NOT_SOLVED),
        ("still broken", Intent.KB_NOT_SOLVED),
        ("still need help", Intent.KB_NOT_SOLVED),
        ("Still need help", Intent.KB_NOT_SOLVED),
        ("not working", Intent.KB_NOT_SOLVED),
        ("it worked before but still broken", Intent.KB_NOT_SOLVED),
        ("tried that already", Intent.KB_NOT_SOLVED),
        ("none of those", Intent.KB_NOT_SOLVED),
        ("not quite", Intent.KB_NOT_SOLVED),
        ("I need a ticket", Intent.KB_NOT_SOLVED),
        ("The images still won't load on reading room 2", Intent.KB_NOT_SOLVED),
        ("no", Intent.KB_NOT_SOLVED),
        ("nope", Intent.KB_NOT_SOLVED),
    ],
)
def test_kb_feedback(text: str, intent: Intent) -> None:
    assert detect_intent(text, expecting="kb_feedback") is intent


@pytest.mark.parametrize("text", ["thanks", "hmm", "the CT is on the 2nd floor", "maybe"])
def test_kb_feedback_unclear(text: str) -> None:
    assert detect_intent(text, expecting="kb_feedback") is None


def test_kb_words_mean_nothing_outside_kb_feedback() -> None:
    assert detect_intent("that fixed it", expecting="scope") is None
    assert detect_intent("still broken", expecting="description") is None


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("yes file it", Intent.CONFIRM),
        ("looks good", Intent.CONFIRM),
        ("submit", Intent.CONFIRM),
        ("correct", Intent.CONFIRM),
        ("go ahead", Intent.CONFIRM),
        ("yes", Intent.CONFIRM),
        ("ok", Intent.CONFIRM),
        ("lgtm", Intent.CONFIRM),
        ("File the ticket", Intent.CONFIRM),
        ("looks good, file it", Intent.CONFIRM),
        ("change the phone", Intent.EDIT),
        ("that's wrong", Intent.EDIT),
        ("edit", Intent.EDIT),
        ("Correct something", Intent.EDIT),
        ("correct the email", Intent.EDIT),
        ("yes but change the phone", Intent.EDIT),
        ("the email is wrong", Intent.EDIT),
        ("no", Intent.EDIT),
        ("wait, the number is wrong", Intent.EDIT),
    ],
)
def test_confirm(text: str, intent: Intent) -> None:
    assert detect_intent(text, expecting="confirm") is intent


def test_confirm_words_mean_nothing_elsewhere() -> None:
    assert detect_intent("looks good", expecting="scope") is None
    assert detect_intent("that's wrong", expecting="description") is None


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("the phone", "contact_phone"),
        ("phone number", "contact_phone"),
        ("fix my number", "contact_phone"),
        ("change the phone", "contact_phone"),
        ("Direct phone", "contact_phone"),
        ("my cell is wrong", "contact_phone"),
        ("email is wrong", "contact_email"),
        ("the emial", "contact_email"),
        ("Email", "contact_email"),
        ("the dept line", "department_line"),
        ("Department line", "department_line"),
        ("change number of users", "scope"),
        ("how many users", "scope"),
        ("Who is affected", "scope"),
        ("it's more sites than that", "scope"),
        ("Patient care affected now", "patient_care"),
        ("Workaround", "workaround"),
        ("PACS administrator contacted", "pacs_admin"),
        ("Already tried", "tried"),
        ("Recent changes", "recent_change"),
        ("Problem", "description"),
        ("the description", "description"),
    ],
)
def test_field_for_edit(text: str, field: str) -> None:
    assert field_for_edit(text) == field


@pytest.mark.parametrize("text", ["nothing", "yes", "hmm", ""])
def test_field_for_edit_unknown(text: str) -> None:
    assert field_for_edit(text) is None


def test_intent_values_are_the_action_ids() -> None:
    assert {i.value for i in Intent} == {"start_over", "cancel", "handoff", "confirm", "edit", "kb_solved", "kb_not_solved"}
