"""Short typed answers to one intake question are read, and unclear ones are left for a re-ask."""

from __future__ import annotations

import pytest

from bot.core.answers import (
    PacsAdminAnswer,
    ScopeAnswer,
    parse_pacs_admin,
    parse_recent_change,
    parse_scope,
    parse_tried,
    parse_yes_no,
)
from bot.core.facts import Scope

YES = ["yes", "Yes.", "YES!!", "yep", "yeah", "y", "ya", "yup", "sure", "correct", "affirmative", "i think so",
       "absolutely", "definitely", "yse", "yesss", "yea", "ok", "of course", "it is", "we do", "there is", "yes, Bob looked at it",
       "yes file it", "um yes", "well yeah", "Yes - since about 7", "that's right"]
NO = ["no", "No.", "nope", "nah", "n", "not really", "no way", "none", "negative", "noo", "nop", "nooo", "i don't think so",
      "nothing", "not at all", "no that didn't help", "there is no workaround", "it isn't", "we don't", "not yet", "naw",
      "No, not that I know of"]
UNCLEAR = ["maybe", "not sure", "idk", "I don't know", "dunno", "possibly", "probably", "kind of", "yes and no", "yes no",
           "no idea", "no one can", "nobody", "no problem", "", "   ", "???",
           "the images were fine yesterday but now they're not loading in the ED",
           "CT2 can't send to the archive since the upgrade"]


@pytest.mark.parametrize("answer", YES)
def test_yes(answer: str) -> None:
    assert parse_yes_no(answer) is True


@pytest.mark.parametrize("answer", NO)
def test_no(answer: str) -> None:
    assert parse_yes_no(answer) is False


@pytest.mark.parametrize("answer", UNCLEAR)
def test_unclear_is_none(answer: str) -> None:
    assert parse_yes_no(answer) is None


@pytest.mark.parametrize(
    ("slot", "answer", "expected"),
    [
        ("patient_care", "patients are waiting in the ED", True),
        ("patient_care", "yes, stroke protocol delayed", True),
        ("patient_care", "it's delaying reads for the trauma bay", True),
        ("patient_care", "no impact on patients", False),
        ("patient_care", "not really, just annoying", False),
        ("patient_care", "it can wait till tomorrow", False),
        ("workaround", "we can use the old viewer", True),
        ("workaround", "no but we can use the web viewer for now", True),
        # Issue 4: looking at images on the scanner's own console is not a workaround.
        ("workaround", "using the modality console in the meantime", False),
        ("workaround", "we're reading off the modality console", False),
        ("workaround", "typing the demographics in by hand", True),
        ("workaround", "we're saving to the local disk", True),
        ("workaround", "nothing works", False),
        ("workaround", "none", False),
        ("workaround", "no workaround, we're dead in the water", False),
        ("outage_check", "nobody can open anything", True),
        ("outage_check", "no one can", True),
        ("outage_check", "Yes, nobody can", True),
        ("outage_check", "it's completely down", True),
        ("outage_check", "No, some things work", False),
        ("outage_check", "some studies load", False),
        ("outage_check", "only my workstation", False),
        ("outage_check", "other users are fine", False),
        ("core_function_down", "nobody can log in", True),
        ("outage_check", "not sure", None),
        ("workaround", "no", False),
        ("patient_care", "yes", True),
    ],
)
def test_yes_no_reads_descriptive_answers_for_the_slot(slot: str, answer: str, expected: bool | None) -> None:
    assert parse_yes_no(answer, slot=slot) is expected


def test_without_a_slot_descriptions_are_not_guessed() -> None:
    assert parse_yes_no("patients are waiting in the ED") is None
    assert parse_yes_no("we can use the old viewer") is None


def _scope(scope: Scope, users: int | None = None, sites: int | None = None) -> ScopeAnswer:
    return ScopeAnswer(scope=scope, users=users, sites=sites)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("just me", _scope(Scope.ONE_USER, 1, 1)),
        ("only my workstation", _scope(Scope.ONE_USER, 1, 1)),
        ("me", _scope(Scope.ONE_USER, 1, 1)),
        ("only me so far", _scope(Scope.ONE_USER, 1, 1)),
        ("no one else", _scope(Scope.ONE_USER, 1, 1)),
        ("One person", _scope(Scope.ONE_USER, 1, 1)),
        ("single user", _scope(Scope.ONE_USER, 1, 1)),
        ("it's just my pc", _scope(Scope.ONE_USER, 1, 1)),
        ("1", _scope(Scope.ONE_USER, 1, 1)),
        ("me and two other techs", _scope(Scope.GROUP, 3)),
        ("me and 2 others", _scope(Scope.GROUP, 3)),
        ("just me and Bob", _scope(Scope.GROUP, 2)),
        ("about 15 users", _scope(Scope.GROUP, 15)),
        ("15-20 users", _scope(Scope.GROUP, 20)),
        ("3 of us", _scope(Scope.GROUP, 3)),
        ("a couple of rads", _scope(Scope.GROUP, 2)),
        ("5", _scope(Scope.GROUP, 5)),
        ("Several users", _scope(Scope.GROUP)),
        ("a few people", _scope(Scope.GROUP)),
        ("the whole department", _scope(Scope.GROUP)),
        ("everyone in the ED", _scope(Scope.GROUP)),
        ("all the radiologists", _scope(Scope.GROUP)),
        ("the CT techs", _scope(Scope.GROUP)),
        ("one reading room", _scope(Scope.GROUP)),
        ("the ED", _scope(Scope.GROUP)),
        ("whole site", _scope(Scope.SITE, None, 1)),
        ("Everyone at a site", _scope(Scope.SITE, None, 1)),
        ("everyone at the north campus", _scope(Scope.SITE, None, 1)),
        ("whole hospital", _scope(Scope.SITE, None, 1)),
        ("everybody", _scope(Scope.SITE)),
        ("evryone", _scope(Scope.SITE)),
        ("all users", _scope(Scope.SITE)),
        ("everyone at both sites", _scope(Scope.SITE, None, 2)),
        ("all 3 hospitals", _scope(Scope.SITE, None, 3)),
        ("2 sites", _scope(Scope.SITE, None, 2)),
        ("Several sites", _scope(Scope.SITE, None, 2)),
        ("all 12 sites", _scope(Scope.SITE, None, 12)),
        ("everyone in radiology at all 3 hospitals", _scope(Scope.SITE, None, 3)),
    ],
)
def test_parse_scope(answer: str, expected: ScopeAnswer) -> None:
    assert parse_scope(answer) == expected


@pytest.mark.parametrize(
    "answer",
    ["just the one MR", "only the CT scanner at the clinic", "just MR1", "just US room 2", "just fluoro room A",
     "only the room 3 CR reader", "just the one ultrasound in the women's clinic", "just tomo unit 2"],
)
def test_an_answer_naming_one_device_confines_the_fault_to_it(answer: str) -> None:
    """Whoever uses that device is held up, but the fault is confined to it (Medium, not a group outage)."""
    assert parse_scope(answer) == ScopeAnswer(scope=Scope.GROUP, users=None, sites=None, confined=True)


@pytest.mark.parametrize("answer", ["just me", "just my workstation", "just the two of us", "just reading room 2", "just the techs"])
def test_answers_about_people_are_not_read_as_one_device(answer: str) -> None:
    assert parse_scope(answer).confined is None  # type: ignore[union-attr]


@pytest.mark.parametrize("answer", ["not sure", "idk", "", "yes", "no", "the viewer", "since this morning"])
def test_parse_scope_unclear(answer: str) -> None:
    assert parse_scope(answer) is None


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("I am the PACS admin", PacsAdminAnswer(contacted=None, is_admin=True)),
        ("i'm the admin", PacsAdminAnswer(contacted=None, is_admin=True)),
        ("I am the PACS administrator", PacsAdminAnswer(contacted=None, is_admin=True)),
        ("that's me", PacsAdminAnswer(contacted=None, is_admin=True)),
        ("we are the pacs team", PacsAdminAnswer(contacted=None, is_admin=True)),
        ("yes, Bob looked at it", PacsAdminAnswer(contacted=True, is_admin=False)),
        ("yep he restarted the service", PacsAdminAnswer(contacted=True, is_admin=False)),
        ("our admin sent me here", PacsAdminAnswer(contacted=True, is_admin=False)),
        ("Bob is aware", PacsAdminAnswer(contacted=True, is_admin=False)),
        ("no", PacsAdminAnswer(contacted=False, is_admin=False)),
        ("not yet", PacsAdminAnswer(contacted=False, is_admin=None)),
        ("I called him, no answer", PacsAdminAnswer(contacted=False, is_admin=None)),
        ("he's out today", PacsAdminAnswer(contacted=False, is_admin=None)),
        ("we don't have one", PacsAdminAnswer(contacted=False, is_admin=False)),
        ("we don't have a PACS admin", PacsAdminAnswer(contacted=False, is_admin=False)),
        ("idk who that is", PacsAdminAnswer(contacted=False, is_admin=False)),
        ("no, I'm not the admin", PacsAdminAnswer(contacted=False, is_admin=False)),
        ("maybe", PacsAdminAnswer(contacted=None, is_admin=None)),
        ("I'm in IT", PacsAdminAnswer(contacted=None, is_admin=None)),
    ],
)
def test_parse_pacs_admin(answer: str, expected: PacsAdminAnswer) -> None:
    assert parse_pacs_admin(answer) == expected


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("no", "none"),
        ("nope", "none"),
        ("Nothing changed", "none"),
        ("not that I know of", "none"),
        ("no changes", "none"),
        ("none that I'm aware of", "none"),
        ("no, nothing", "none"),
        ("  Windows updates pushed last night  ", "Windows updates pushed last night"),
        ("no, but IT pushed a firewall change yesterday", "no, but IT pushed a firewall change yesterday"),
        ("new CT scanner installed monday", "new CT scanner installed monday"),
        ("not sure", "not sure"),
        ("yes", None),
        ("", None),
    ],
)
def test_parse_recent_change(answer: str, expected: str | None) -> None:
    assert parse_recent_change(answer) == expected


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("nothing", "nothing yet"),
        ("no", "nothing yet"),
        ("Nothing yet", "nothing yet"),
        ("not yet", "nothing yet"),
        ("we haven't tried anything", "nothing yet"),
        ("n/a", "nothing yet"),
        ("rebooted the workstation", "rebooted the workstation"),
        ("restarted the service and cleared cache", "restarted the service and cleared cache"),
        ("yes", None),
        ("  ", None),
    ],
)
def test_parse_tried(answer: str, expected: str | None) -> None:
    assert parse_tried(answer) == expected


@pytest.mark.parametrize(
    "answer",
    ["the others are picking up the slack", "asking attendings to pull up images", "log out and back in",
     "going ahead without the priors", "Dr Patel moved to station 4", "rebooting every time", "we type manual"],
)
def test_workaround_answers_that_describe_what_people_do_are_a_yes(answer: str) -> None:
    assert parse_yes_no(answer, slot="workaround") is True


def test_the_acquisition_system_is_the_scanner_console_not_a_workaround() -> None:
    assert parse_yes_no("only the acquisition system in the lab", slot="workaround") is False


@pytest.mark.parametrize("answer", ["all of harbor imaging", "every modality at westbrook"])
def test_all_of_a_named_place_is_everyone_at_a_site(answer: str) -> None:
    assert parse_scope(answer) == ScopeAnswer(scope=Scope.SITE, users=None, sites=1)


@pytest.mark.parametrize("answer", ["nobody, it's all fine", "no user impact yet", "no users affected so far"])
def test_nobody_affected_is_the_narrowest_scope(answer: str) -> None:
    assert parse_scope(answer) == ScopeAnswer(scope=Scope.ONE_USER, users=None, sites=None)


@pytest.mark.parametrize("answer", ["nobody in the hospital can", "nobody can log in"])
def test_nobody_can_is_never_read_as_nobody_affected(answer: str) -> None:
    result = parse_scope(answer)
    assert result is None or result.scope is not Scope.ONE_USER


@pytest.mark.parametrize(
    ("answer", "expected"),
    [("yes, not one PC can open images", True), ("yes but only some users", None), ("no, nobody can see anything", None),
     ("no, it is not everyone", False)],
)
def test_a_leading_yes_or_no_answers_the_outage_check_unless_the_rest_contradicts_it(answer: str, expected: bool | None) -> None:
    assert parse_yes_no(answer, slot="outage_check") is expected
