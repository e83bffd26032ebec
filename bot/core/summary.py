"""The pre-filing summary: each intake answer in words."""

from __future__ import annotations

from bot.core import slots
from bot.core.facts import Facts


def summary_rows(facts: Facts, *, unsure: list[str] | None = None) -> list[tuple[str, str]]:
    """(label, value) pairs for the pre-filing summary, in intake order."""
    rows = [("Problem", facts.description or "—")]
    for slot in slots.INTAKE_SLOTS:
        value = describe(facts, slot.name)
        if value == "—" and slot.name in (unsure or []):
            value = "Not sure"
        rows.append((slot.label, value))
    return rows


def describe(facts: Facts, slot_name: str) -> str:
    """A slot's answer in words."""
    if slot_name == "scope":
        if facts.scope is None:
            return "—"
        parts = [{"one_user": "One person", "group": "Several users", "site": "Everyone at a site"}[facts.scope.value]]
        if facts.users and facts.scope.value != "one_user":
            parts.append(f"about {facts.users} users")
        if facts.sites and facts.sites > 1:
            parts.append(f"{facts.sites} sites")
        return ", ".join(parts)
    if slot_name == "pacs_admin":
        if facts.is_pacs_admin:
            return "I am the PACS administrator"
        return _yes_no_text(facts.pacs_admin_contacted)
    if slot_name == "recent_change" and facts.recent_change == "none":
        return "Nothing changed"
    if slot_name == "department_line" and facts.department_line == "none":
        return "None"
    value = getattr(facts, slot_name, None)
    if isinstance(value, bool) or value is None:
        return _yes_no_text(value)
    return str(value)


def _yes_no_text(value: bool | None) -> str:
    return "—" if value is None else ("Yes" if value else "No")
