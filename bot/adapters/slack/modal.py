"""The intake modal for clients who prefer a form, and its submission translated into facts.

Labels are client-facing words and live here, in one place, because a modal is Slack-only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.core import contact, slots
from bot.core.extract import extract_facts
from bot.core.facts import Facts
from bot.triage.rules import OUTAGE_CHECK_QUESTION

CALLBACK_ID = "deskbot_intake"
TITLE = "PACS support request"
SUBMIT = "File ticket"
YES_NO_UNSURE = (("yes", "Yes"), ("no", "No"), ("unsure", "Not sure"))
ADMIN_CHOICES = (("yes", "Yes"), ("no", "No"), ("i_am_admin", "I am the PACS administrator"))
TEXT_FIELDS = {
    "description": ("What's going wrong? Symptoms, affected systems, any error message", True, True),
    "tried": ("What have you already tried?", True, False),
    "recent_change": ("Anything changed recently (updates, new devices, network)?", True, False),
    "contact_phone": ("Your direct phone", False, True),
    "department_line": ("Department line", False, False),
}
CHOICE_FIELDS = {
    "scope": ("Who is affected?", tuple((a.id, a.label) for a in slots.SCOPE_CHOICES)),
    "outage": (OUTAGE_CHECK_QUESTION, YES_NO_UNSURE),
    "patient_care": ("Is patient care affected right now?", YES_NO_UNSURE),
    "workaround": ("Is there a workaround?", YES_NO_UNSURE),
    "pacs_admin": ("Have you contacted your PACS administrator?", ADMIN_CHOICES),
}
EMAIL_LABEL = "Your email"
ERRORS = {
    "description": "Please describe the problem in a few words.",
    "contact_phone": "Please give a phone number we can call, like 816-555-0142.",
    "department_line": "That doesn't look like a phone number.",
    "contact_email": "Please give an email address like name@hospital.org.",
}


@dataclass(frozen=True)
class FormResult:
    """Facts to file, or the per-field errors Slack shows in the modal."""

    facts: Facts
    errors: dict[str, str]


def intake_view(*, email: str | None) -> dict[str, Any]:
    """The modal, with the client's Slack profile email filled in."""
    blocks: list[dict[str, Any]] = [_text_input("description", *TEXT_FIELDS["description"])]
    blocks.extend(_choice_input(name, label, options) for name, (label, options) in CHOICE_FIELDS.items())
    blocks.extend(_text_input(name, *TEXT_FIELDS[name]) for name in ("tried", "recent_change", "contact_phone", "department_line"))
    email_element: dict[str, Any] = {"type": "email_text_input", "action_id": "value"}
    if email:
        email_element["initial_value"] = email
    blocks.append({"type": "input", "block_id": "contact_email", "label": _plain(EMAIL_LABEL), "element": email_element})
    return {
        "type": "modal",
        "callback_id": CALLBACK_ID,
        "title": _plain(TITLE),
        "submit": _plain(SUBMIT),
        "close": _plain("Cancel"),
        "blocks": blocks,
    }


def facts_from_submission(values: Mapping[str, Mapping[str, Any]]) -> FormResult:
    """The modal's ``view.state.values`` as intake facts; what the form asks takes precedence over
    what extraction reads in the description."""
    text = {name: _text(values, name) for name in (*TEXT_FIELDS, "contact_email")}
    choice = {name: _choice(values, name) for name in CHOICE_FIELDS}
    errors: dict[str, str] = {}
    description = text["description"]
    if not description:
        errors["description"] = ERRORS["description"]
    phone = contact.parse_phone(text["contact_phone"]) if text["contact_phone"] else None
    if phone is None:
        errors["contact_phone"] = ERRORS["contact_phone"]
    line = contact.parse_phone(text["department_line"]) if text["department_line"] else None
    if text["department_line"] and line is None:
        errors["department_line"] = ERRORS["department_line"]
    email = contact.parse_email(text["contact_email"]) if text["contact_email"] else None
    if email is None:
        errors["contact_email"] = ERRORS["contact_email"]
    facts = Facts(
        description=description or None,
        tried=text["tried"] or None,
        recent_change=text["recent_change"] or None,
        contact_phone=phone,
        department_line=line,
        contact_email=email,
        patient_care=_yes_no(choice["patient_care"]),
        workaround=_yes_no(choice["workaround"]),
        core_function_down=_yes_no(choice["outage"]),
        pacs_admin_contacted=True if choice["pacs_admin"] == "yes" else False if choice["pacs_admin"] == "no" else None,
        is_pacs_admin=True if choice["pacs_admin"] == "i_am_admin" else None,
    )
    scope = slots.SCOPE_BY_ACTION.get(choice["scope"] or "")
    if scope is not None:
        slots.set_scope(facts, scope)
    if description:
        facts.merge(extract_facts(description))
    return FormResult(facts=facts, errors=errors)


def _text(values: Mapping[str, Mapping[str, Any]], name: str) -> str:
    return str((values.get(name) or {}).get("value", {}).get("value") or "").strip()


def _choice(values: Mapping[str, Mapping[str, Any]], name: str) -> str | None:
    selected = (values.get(name) or {}).get("value", {}).get("selected_option") or {}
    value = selected.get("value")
    return str(value) if value else None


def _yes_no(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


def _text_input(name: str, label: str, multiline: bool, required: bool) -> dict[str, Any]:
    return {
        "type": "input",
        "block_id": name,
        "optional": not required,
        "label": _plain(label),
        "element": {"type": "plain_text_input", "action_id": "value", "multiline": multiline},
    }


def _choice_input(name: str, label: str, options: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    kind = "static_select" if name == "scope" else "radio_buttons"
    return {
        "type": "input",
        "block_id": name,
        "label": _plain(label),
        "element": {
            "type": kind,
            "action_id": "value",
            "options": [{"text": _plain(text), "value": value} for value, text in options],
        },
    }


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}
