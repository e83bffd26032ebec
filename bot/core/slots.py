"""The intake questions, in the order the service desk guide asks them, and how answers fill them.

Each slot names the ``expects`` value the client sees, the template that asks it, the choices
offered (always on a re-ask), and an interpreter that fills facts from a typed answer. An
interpreter returns False when it cannot read the answer; the engine then re-asks with choices
rather than guessing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.core import answers, contact
from bot.core.facts import Facts, Scope
from bot.core.messages import Action

YES_NO = (Action("yes", "Yes"), Action("no", "No"), Action("unsure", "Not sure"))
# Questions a client may honestly not know the answer to: "not sure" leaves the fact unknown.
UNSURE_ALLOWED = frozenset({"patient_care", "workaround", "outage_check"})
# Answers that describe what the client did, or how to reach them, not the fault itself.
ACTION_ANSWER_SLOTS = frozenset({"tried", "recent_change", "contact_phone", "department_line", "contact_email"})
SCOPE_CHOICES = (
    Action("scope_one", "Just one person"),
    Action("scope_group", "Several users"),
    Action("scope_site", "Everyone at a site"),
    Action("scope_sites", "Several sites"),
)
SCOPE_BY_ACTION = {
    "scope_one": answers.ScopeAnswer(scope=Scope.ONE_USER, users=1, sites=1),
    "scope_group": answers.ScopeAnswer(scope=Scope.GROUP, users=None, sites=None),
    "scope_site": answers.ScopeAnswer(scope=Scope.SITE, users=None, sites=1),
    "scope_sites": answers.ScopeAnswer(scope=Scope.SITE, users=None, sites=2),
}


UNSURE = re.compile(r"\b(not sure|unsure|don'?t know|dunno|idk|no idea|can'?t tell|hard to say|maybe)\b", re.I)


FILLER_WORDS = frozenset(
    """hi hello hey hiya morning afternoon evening good there help helpdesk support please pls plz thanks thank
    you urgent urgently asap quick question problem problems issue issues trouble need needs i im i'm we
    we're have has got a an the is are it its it's with my our me us some something someone anyone can could
    you u r ok okay yes no hm hmm um uh test testing assist assistance""".split()
)


def is_vague(text: str) -> bool:
    """A greeting or 'I have a problem' with nothing about the problem itself."""
    words = re.findall(r"[a-z0-9']+", text.lower())
    return sum(1 for w in words if w not in FILLER_WORDS) < 2


def is_unsure(text: str) -> bool:
    """The client says they do not know (a real answer to the outage check, not a failure)."""
    return bool(UNSURE.search(text))


@dataclass(frozen=True)
class Slot:
    """One intake question."""

    name: str
    label: str
    is_known: Callable[[Facts], bool]
    interpret: Callable[[Facts, str], bool]
    choices: tuple[Action, ...] = ()
    show_choices_first_time: bool = False


def set_scope(facts: Facts, answer: answers.ScopeAnswer) -> None:
    facts.scope = answer.scope
    facts.users = answer.users if answer.users is not None else facts.users
    facts.sites = answer.sites if answer.sites is not None else facts.sites
    if answer.confined is not None:
        facts.confined = answer.confined


def _scope(facts: Facts, text: str) -> bool:
    answer = answers.parse_scope(text)
    if answer is None:
        return False
    set_scope(facts, answer)
    return True


def _yes_no(field_name: str, slot_name: str) -> Callable[[Facts, str], bool]:
    def interpret(facts: Facts, text: str) -> bool:
        value = answers.parse_yes_no(text, slot=slot_name)
        if value is None:
            return False
        setattr(facts, field_name, value)
        return True

    return interpret


def _pacs_admin(facts: Facts, text: str) -> bool:
    answer = answers.parse_pacs_admin(text)
    if answer.contacted is None and answer.is_admin is None:
        return False
    facts.pacs_admin_contacted = answer.contacted if answer.contacted is not None else answer.is_admin
    facts.is_pacs_admin = answer.is_admin
    return True


def _tried(facts: Facts, text: str) -> bool:
    facts.tried = answers.parse_tried(text)
    return facts.tried is not None


def _recent_change(facts: Facts, text: str) -> bool:
    facts.recent_change = answers.parse_recent_change(text)
    return facts.recent_change is not None


def _phone(field_name: str) -> Callable[[Facts, str], bool]:
    def interpret(facts: Facts, text: str) -> bool:
        if field_name == "department_line" and contact.means_same(text) and facts.contact_phone:
            facts.department_line = facts.contact_phone
            return True
        if field_name == "department_line" and contact.means_none(text):
            facts.department_line = "none"
            return True
        phone = contact.parse_phone(text)
        if phone is None:
            return False
        setattr(facts, field_name, phone)
        return True

    return interpret


def _email(facts: Facts, text: str) -> bool:
    email = contact.parse_email(text)
    if email is None:
        return False
    facts.contact_email = email
    return True


INTAKE_SLOTS: tuple[Slot, ...] = (
    Slot("scope", "Who is affected", lambda f: f.scope is not None, _scope, SCOPE_CHOICES, True),
    Slot("patient_care", "Patient care affected now", lambda f: f.patient_care is not None, _yes_no("patient_care", "patient_care"), YES_NO, True),
    Slot("workaround", "Workaround", lambda f: f.workaround is not None, _yes_no("workaround", "workaround"), YES_NO, True),
    Slot(
        "pacs_admin",
        "PACS administrator contacted",
        lambda f: f.pacs_admin_contacted is not None or f.is_pacs_admin is not None,
        _pacs_admin,
        (Action("yes", "Yes"), Action("no", "No"), Action("i_am_admin", "I am the PACS administrator")),
        True,
    ),
    Slot("tried", "Already tried", lambda f: f.tried is not None, _tried),
    Slot("recent_change", "Recent changes", lambda f: f.recent_change is not None, _recent_change, (Action("no", "Nothing changed"),), True),
    Slot("contact_phone", "Direct phone", lambda f: f.contact_phone is not None, _phone("contact_phone")),
    Slot("department_line", "Department line", lambda f: f.department_line is not None, _phone("department_line"), (Action("same", "Same as my direct phone"),)),
    Slot("contact_email", "Email", lambda f: f.contact_email is not None, _email),
)
OUTAGE_CHECK = Slot(
    "outage_check",
    "Images completely unavailable for everyone at the site",
    lambda f: f.core_function_down is not None,
    _yes_no("core_function_down", "outage_check"),
    (Action("yes", "Yes, nobody can"), Action("no", "No, some things work"), Action("unsure", "Not sure")),
    True,
)
SLOTS_BY_NAME = {slot.name: slot for slot in (*INTAKE_SLOTS, OUTAGE_CHECK)}
EDITABLE = ("description", *(slot.name for slot in INTAKE_SLOTS))
ACTION_ANSWERS = {"yes": "yes", "no": "no", "same": "same", "i_am_admin": "I am the PACS administrator"}


def clear(facts: Facts, slot_name: str) -> None:
    """Forget a slot's answer so it is asked again (the client is correcting it)."""
    fields_by_slot = {
        "description": ("description",),
        "scope": ("scope", "users", "sites"),
        "pacs_admin": ("pacs_admin_contacted", "is_pacs_admin"),
        "outage_check": ("core_function_down",),
    }
    for name in fields_by_slot.get(slot_name, (slot_name,)):
        setattr(facts, name, None)


def contacts_only(facts: Facts) -> Facts:
    """Just the contact details, kept when the client starts over."""
    return Facts(contact_phone=facts.contact_phone, department_line=facts.department_line, contact_email=facts.contact_email)


def kb_actions() -> list[Action]:
    return [Action("kb_solved", "This solved it"), Action("kb_not_solved", "Still need help")]


def confirm_actions() -> list[Action]:
    return [Action("confirm", "File the ticket"), Action("edit", "Correct something"), Action("start_over", "Start over")]


def edit_actions() -> list[Action]:
    labels: Sequence[tuple[str, str]] = [("description", "Problem"), *((s.name, s.label) for s in INTAKE_SLOTS)]
    return [Action(f"edit_{name}", label) for name, label in labels]
