"""The supporting sentences shown after a triage rule's own reason, in the desk's words.

A client or analyst reading a ticket should see why, not only what: the lead reason names
the rule, these add the facts that weighed on it (who is affected, care, workaround).
"""

from __future__ import annotations

from bot.core.facts import Facts, Scope

_MAX = 3


def supporting(facts: Facts, rule: str) -> tuple[str, ...]:
    """Up to three short sentences about the facts behind ``rule``, most important first."""
    notes: list[str] = []
    if facts.sites and facts.sites > 1 and rule != "several_sites":
        notes.append(f"{facts.sites} sites are affected")
    elif facts.scope is Scope.SITE and rule not in {"core_function_down", "possible_outage"}:
        notes.append("Everyone at the site is affected")
    elif facts.scope is Scope.GROUP and rule != "group_held_up":
        notes.append(f"About {facts.users} users are affected" if facts.users else "A group of users is affected")
    elif facts.scope is Scope.ONE_USER and rule != "one_user":
        notes.append("One user is affected")
    if rule != "care_blocked":
        if facts.patient_care is True:
            notes.append("Patient care is directly affected")
        elif facts.patient_care is False and rule not in {"cosmetic", "question", "request"}:
            notes.append("Patient care is not directly affected")
    if facts.workaround is True and rule != "core_function_down":
        notes.append("A workaround is available")
    elif facts.workaround is False and rule not in {"care_blocked", "cosmetic", "question", "request"}:
        notes.append("There is no workaround")
    if facts.critical_component_failed is True and rule != "critical_component":
        notes.append("A critical component has failed")
    return tuple(notes[:_MAX])
