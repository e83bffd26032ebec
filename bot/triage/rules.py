"""Triage: the priority of a ticket from its intake facts, with the reasons in the desk's words.

The rules are data — an ordered tuple of :class:`Rule`, first match wins — following the
desk's table: Emergency (a core PACS function completely down for everyone at a site), Low
(no operational impact, however loudly reported), High (a critical component failed, a group
or several sites held up, or care directly affected with no workaround), Medium (the rest).
When the facts cannot separate an Emergency from a lower priority, the matching rule carries
``clarify="outage_check"``: the engine asks :data:`OUTAGE_CHECK_QUESTION`, records the answer
in ``core_function_down`` and assesses again; if it still cannot tell, the ticket is filed at
the higher priority and an analyst confirms it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.core.facts import Facts, Kind, Scope
from bot.triage.priority import Priority
from bot.triage.reasons import supporting

OUTAGE_CHECK = "outage_check"
OUTAGE_CHECK_QUESTION = (
    "Is viewing, storing or retrieving images completely unavailable for everyone at the site right now? "
    "(Looking at images on the scanner's own console doesn't count as working.)"
)

Predicate = Callable[[Facts], bool]


@dataclass(frozen=True)
class Rule:
    """One line of the triage table."""

    name: str
    priority: Priority
    when: Predicate
    reason: str
    clarify: str | None = None


@dataclass(frozen=True)
class Assessment:
    """The priority the facts call for, why, and whether a question could still change it."""

    priority: Priority
    reasons: tuple[str, ...]
    rule: str
    uncertain: bool
    clarify: str | None


# -- predicates: small, named, each reading one idea from the facts ----------------------------


def _live(f: Facts) -> bool:
    """A production problem (not a test/training system)."""
    return f.test_system is not True


def _not_one_device(f: Facts) -> bool:
    return f.confined is not True and f.scope is not Scope.ONE_USER


def _core_down(f: Facts) -> bool:
    return f.core_function_down is True and _live(f) and _not_one_device(f)


def _possible_outage(f: Facts) -> bool:
    """Nothing rules a site-wide outage out yet: a fault for everyone at a site, a complete loss
    for a group (even "all 3 rads" can be everyone there), or a failed critical component (a crashed archive or
    application server can be the outage itself)."""
    if f.core_function_down is not None or not _live(f) or not _not_one_device(f):
        return False
    if f.kind in (Kind.QUESTION, Kind.REQUEST) and not f.total_loss:
        return False
    if f.total_loss is True and f.scope in (None, Scope.SITE, Scope.GROUP):
        return True
    if f.cosmetic is True or f.minor_function is True or f.total_loss is False:
        return False
    if f.workaround is True and f.total_loss is None:
        return False
    return f.scope is Scope.SITE or f.critical_component_failed is True


def _no_impact(f: Facts) -> bool:
    return f.patient_care is not True and f.critical_component_failed is not True and f.total_loss is not True


def _cosmetic(f: Facts) -> bool:
    return f.cosmetic is True and f.essential_task_blocked is not True and _no_impact(f)


def _question(f: Facts) -> bool:
    return f.kind is Kind.QUESTION and _no_impact(f)


def _request(f: Facts) -> bool:
    return f.kind is Kind.REQUEST and _no_impact(f)


def _test_system(f: Facts) -> bool:
    return f.test_system is True


def _critical_component(f: Facts) -> bool:
    return f.critical_component_failed is True


def _several_sites(f: Facts) -> bool:
    return (f.sites or 0) > 1 and f.confined is not True and f.minor_function is not True and f.scope is not Scope.ONE_USER


def _group_held_up(f: Facts) -> bool:
    return f.scope in (Scope.GROUP, Scope.SITE) and f.confined is not True and f.minor_function is not True


def _several_devices(f: Facts) -> bool:
    """Explicitly not one device ("all our ultrasound machines", "CT1 and CT2")."""
    return (
        f.confined is False
        and f.kind is not Kind.QUESTION
        and f.minor_function is not True
        and f.scope is not Scope.ONE_USER
        and f.cosmetic is not True
    )


def _care_blocked(f: Facts) -> bool:
    """Care is directly affected and nothing else will do: an essential task is blocked, or, when
    the message never named the task, the client said there is no workaround at all."""
    if f.patient_care is not True or f.workaround is True:
        return False
    if f.essential_task_blocked is True:
        return True
    return f.essential_task_blocked is None and f.workaround is False and f.minor_function is not True and f.cosmetic is not True


def _confined(f: Facts) -> bool:
    return f.confined is True


def _minor(f: Facts) -> bool:
    return f.minor_function is True


def _one_user(f: Facts) -> bool:
    return f.scope is Scope.ONE_USER


def _always(f: Facts) -> bool:
    return True


RULES: tuple[Rule, ...] = (
    Rule("core_function_down", Priority.EMERGENCY, _core_down,
         "Viewing, storing or retrieving images is completely unavailable for everyone at a site"),
    Rule("possible_outage", Priority.EMERGENCY, _possible_outage,
         "This may be a complete outage for everyone at a site", clarify=OUTAGE_CHECK),
    Rule("cosmetic", Priority.LOW, _cosmetic, "A cosmetic issue with no operational impact"),
    Rule("question", Priority.LOW, _question, "A question with no operational impact"),
    Rule("request", Priority.LOW, _request, "A request or enhancement with no operational impact"),
    Rule("test_system", Priority.MEDIUM, _test_system, "The problem is on a test or training system, not production"),
    Rule("critical_component", Priority.HIGH, _critical_component,
         "A critical component has failed, even if redundancy is hiding it"),
    Rule("care_blocked", Priority.HIGH, _care_blocked,
         "An essential task is blocked, care is directly affected and there is no workaround"),
    Rule("several_sites", Priority.HIGH, _several_sites, "Several sites are affected"),
    Rule("group_held_up", Priority.HIGH, _group_held_up, "A group of users is slowed or blocked"),
    Rule("several_devices", Priority.HIGH, _several_devices, "The fault is not confined to one device"),
    Rule("confined", Priority.MEDIUM, _confined, "The fault is confined to one workstation, device or interface"),
    Rule("minor_function", Priority.MEDIUM, _minor, "A non-critical function is affected"),
    Rule("one_user", Priority.MEDIUM, _one_user, "One user is affected"),
    Rule("default", Priority.MEDIUM, _always, "Limited impact: no outage, no critical failure, no group held up"),
)


def assess(facts: Facts, *, rules: tuple[Rule, ...] = RULES) -> Assessment:
    """The first rule the facts match decides; its reason leads, the supporting facts follow."""
    for rule in rules:
        if rule.when(facts):
            return Assessment(
                priority=rule.priority,
                reasons=(rule.reason, *supporting(facts, rule.name)),
                rule=rule.name,
                uncertain=rule.clarify is not None,
                clarify=rule.clarify,
            )
    raise ValueError("the triage rules have no catch-all rule")
