"""Triage end to end: client narratives → extracted facts → priority, with the desk's reasons.

The narrative file holds realistic messages with the priority the desk's table gives them,
including the misleading ones (calm outages, loud cosmetic issues, "down" about one monitor,
"Emergency Department" as a place, hypothetical traumas). Some carry the answers the intake
would add (``answers``) to show what the outage check changes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.core.extract import extract_facts
from bot.core.facts import Facts, Kind, Scope
from bot.triage.priority import Priority
from bot.triage.rules import (
    OUTAGE_CHECK,
    OUTAGE_CHECK_QUESTION,
    RULES,
    Assessment,
    Rule,
    assess,
)

NARRATIVES = [json.loads(line) for line in (Path(__file__).parent / "data" / "triage_narratives.jsonl").read_text().splitlines()]
MIN_ACCURACY = 0.95


def _facts(case: dict[str, Any]) -> Facts:
    facts = extract_facts(case["text"])
    for name, value in (case.get("answers") or {}).items():
        setattr(facts, name, Scope(value) if name == "scope" else value)
    return facts


def _triage(text: str, **answers: Any) -> Assessment:
    return assess(_facts({"text": text, "answers": answers}))


@pytest.mark.parametrize("case", NARRATIVES, ids=[c["id"] for c in NARRATIVES])
def test_narrative_priority(case: dict[str, Any]) -> None:
    result = assess(_facts(case))
    assert result.priority.value == case["priority"], (case["text"], result)
    if "uncertain" in case:
        assert result.uncertain is case["uncertain"]


def test_narrative_accuracy_and_coverage() -> None:
    """The whole file, as one figure; every priority and every rule is exercised."""
    results = [(case, assess(_facts(case))) for case in NARRATIVES]
    correct = sum(r.priority.value == case["priority"] for case, r in results)
    accuracy = correct / len(results)
    print(f"triage accuracy on {len(results)} narratives: {accuracy:.1%}")
    assert len(results) >= 60
    assert accuracy >= MIN_ACCURACY
    assert {case["priority"] for case in NARRATIVES} == {p.value for p in Priority}
    used = {r.rule for _, r in results}
    assert used >= {rule.name for rule in RULES} - {"default"}


# -- the misleading cases, spelled out -----------------------------------------------------


def test_calm_site_wide_outage_is_an_emergency() -> None:
    result = _triage("Morning! No rush on our side, but nobody at the Oakridge clinic can open any images today.")
    assert result.priority is Priority.EMERGENCY
    assert not result.uncertain
    assert "completely unavailable for everyone" in result.reasons[0]


def test_loud_cosmetic_issue_is_low() -> None:
    result = _triage("URGENT!!! the font on the worklist is too small")
    assert result.priority is Priority.LOW
    assert result.rule == "cosmetic"


def test_emergency_department_is_a_place_and_one_workstation_is_medium() -> None:
    result = _triage("ED workstation 4 is down")
    assert result.priority is Priority.MEDIUM
    assert result.rule == "confined"


@pytest.mark.parametrize("text", ["test server down", "Our training PACS is down for everyone."])
def test_test_system_down_is_medium(text: str) -> None:
    assert _triage(text).priority is Priority.MEDIUM


def test_one_monitor_down_is_medium() -> None:
    assert _triage("one monitor is down").priority is Priority.MEDIUM


def test_hypothetical_trauma_is_not_care_affected_now() -> None:
    text = "if this happened during a trauma we'd be in trouble - the viewer on my PC is sluggish"
    assert extract_facts(text).patient_care is None
    assert _triage(text).priority is Priority.MEDIUM


def test_archive_node_failed_with_failover_is_high() -> None:
    result = _triage("One of the archive nodes is down but failover is working, nobody noticed.")
    assert result.priority is Priority.HIGH
    assert result.rule == "critical_component"


def test_one_radiologist_blocked_with_care_affected_is_high() -> None:
    result = _triage(
        "One radiologist can't read stroke CTs on her workstation, patients are waiting, no workaround.",
    )
    assert result.priority is Priority.HIGH
    assert result.rule == "care_blocked"


def test_ct_cannot_send_techs_on_console_is_medium() -> None:
    result = _triage("CT scanner 3 can't send to PACS, techs are viewing on the console.")
    assert result.priority is Priority.MEDIUM


def test_console_does_not_save_a_site_wide_outage() -> None:
    result = _triage("Nobody at the hospital can view any images in PACS, techs are viewing on the scanner console.")
    assert result.priority is Priority.EMERGENCY


# -- asking when the facts cannot tell ----------------------------------------------------


def test_department_wide_loss_asks_the_outage_check_and_ranks_higher() -> None:
    text = "The whole ED can't open any images since 7, no workaround"
    first = _triage(text)
    assert (first.priority, first.uncertain, first.clarify) == (Priority.EMERGENCY, True, OUTAGE_CHECK)
    assert _triage(text, core_function_down=True) == assess(_facts({"text": text, "answers": {"core_function_down": True}}))
    assert _triage(text, core_function_down=True).uncertain is False
    assert _triage(text, core_function_down=False, patient_care=True).priority is Priority.HIGH


def test_site_wide_care_affected_without_outage_facts_is_uncertain() -> None:
    facts = Facts(kind=Kind.INCIDENT, scope=Scope.SITE, patient_care=True)
    result = assess(facts)
    assert result.uncertain and result.clarify == OUTAGE_CHECK and result.priority is Priority.EMERGENCY
    facts.core_function_down = False
    assert assess(facts).priority is Priority.HIGH


def test_one_user_never_gets_the_outage_check() -> None:
    facts = extract_facts("I can't open any studies")
    assert assess(facts).uncertain
    facts.scope = Scope.ONE_USER
    assert not assess(facts).uncertain
    assert assess(facts).priority is Priority.MEDIUM


def test_outage_question_wording_matches_the_yes_means_down_answer() -> None:
    assert "completely unavailable for everyone" in OUTAGE_CHECK_QUESTION


# -- the rule table itself ----------------------------------------------------------------


def test_rules_are_ordered_as_the_desk_table() -> None:
    """Emergency → Low → High → Medium; the test-system guard may sit before High (it only lowers)."""
    first_of: dict[Priority, int] = {}
    for index, rule in enumerate(RULES):
        if rule.name != "test_system":
            first_of.setdefault(rule.priority, index)
    assert first_of[Priority.EMERGENCY] < first_of[Priority.LOW] < first_of[Priority.HIGH] < first_of[Priority.MEDIUM]
    assert RULES[-1].name == "default"


def test_first_matching_rule_wins_and_rules_can_be_replaced() -> None:
    facts = Facts(kind=Kind.QUESTION, core_function_down=True, scope=Scope.SITE)
    assert assess(facts).priority is Priority.EMERGENCY
    only_low = (Rule("everything_low", Priority.LOW, lambda f: True, "Always low"),)
    assert assess(facts, rules=only_low) == Assessment(Priority.LOW, ("Always low", "Everyone at the site is affected"), "everything_low", False, None)


def test_questions_and_requests_are_low_unless_care_is_affected() -> None:
    assert assess(Facts(kind=Kind.QUESTION)).priority is Priority.LOW
    assert assess(Facts(kind=Kind.REQUEST)).priority is Priority.LOW
    care = Facts(kind=Kind.REQUEST, patient_care=True, essential_task_blocked=True, workaround=False)
    assert assess(care).priority is Priority.HIGH


def test_test_system_guard_beats_critical_and_outage_facts() -> None:
    facts = Facts(kind=Kind.INCIDENT, test_system=True, core_function_down=True, critical_component_failed=True, scope=Scope.SITE)
    assert assess(facts).priority is Priority.MEDIUM


def test_reasons_are_sentences_for_people() -> None:
    result = _triage("Nobody at either hospital can open images and patients are waiting in the ED, no workaround.")
    assert result.priority is Priority.EMERGENCY
    assert result.reasons[0] == "Viewing, storing or retrieving images is completely unavailable for everyone at a site"
    assert "2 sites are affected" in result.reasons
    assert "Patient care is directly affected" in result.reasons
    assert all(not r[0].islower() and not r.endswith(".") for r in result.reasons)


def test_empty_facts_are_medium_not_low() -> None:
    result = assess(Facts())
    assert result.priority is Priority.MEDIUM and not result.uncertain
