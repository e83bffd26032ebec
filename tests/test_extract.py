"""Extraction, field by field: what a client's free text states, with negations, typos,
reading-room shorthand and hypotheticals. Unknown must stay None — a guess invents facts.
"""

from __future__ import annotations

import pytest

from bot.core.extract import extract_facts
from bot.core.facts import Kind, Scope
from bot.core.textnorm import normalize

# -- normalization ------------------------------------------------------------------------


def test_shorthand_and_typos_are_normalized() -> None:
    text = normalize("cant see imgs, pts waiting in ER, the archve is offline on our wrkstn")
    assert "can't see images" in text
    assert "patients waiting in ed" in text
    assert "archive is offline" in text
    assert "workstation" in text


@pytest.mark.parametrize("word", ["available", "reachable", "arriving", "reset", "recent", "slowing", "clinical"])
def test_real_words_are_never_corrected_into_other_words(word: str) -> None:
    assert normalize(word) == word


def test_case_decides_us_and_er() -> None:
    assert normalize("US room 2 can't send to us") == "ultrasound room 2 can't send to us"
    assert "ed" in normalize("the ER docs").split()


# -- kind ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The viewer crashes when I open tomo studies", Kind.INCIDENT),
        ("How do I change my default hanging protocol?", Kind.QUESTION),
        ("What's our failover procedure if the archive ever goes down?", Kind.QUESTION),
        ("Please add Dr. Rivera as a new user, she starts next Monday", Kind.REQUEST),
        ("Could you reset my password please?", Kind.REQUEST),
        ("We'd love a feature to sort the worklist by body part", Kind.REQUEST),
        ("Everything is working again now, just log it please. PACS was down for 10 minutes.", Kind.REQUEST),
        ("hello", None),
    ],
)
def test_kind(text: str, kind: Kind | None) -> None:
    assert extract_facts(text).kind is kind


# -- affected systems and error text --------------------------------------------------------


def test_affected_systems_in_mention_order() -> None:
    facts = extract_facts("After the firewall change the CT can't query the MWL and the RIS orders aren't crossing")
    assert facts.affected_systems == ["network", "modality", "modality worklist", "RIS"]


def test_a_system_said_to_be_fine_is_not_affected() -> None:
    facts = extract_facts("The network is fine, but the viewer won't launch")
    assert facts.affected_systems == ["viewer"]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("Viewer shows \"Unable to retrieve study\" for every exam", "Unable to retrieve study"),
        ("we get 'Association rejected' from the MR", "Association rejected"),
        ("Error: license server not found. Please help", "license server not found"),
        ("When I open a study it says study is locked by another user.", "study is locked by another user"),
        ("Getting error 1053 when the service starts", "1053"),
        ("Nothing loads at all", None),
    ],
)
def test_error_text(text: str, error: str | None) -> None:
    assert extract_facts(text).error_text == error


# -- scope, users, sites ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "scope", "users", "sites"),
    [
        ("just me, everyone else is fine", Scope.ONE_USER, 1, None),
        ("my workstation won't open studies", Scope.ONE_USER, 1, None),
        ("Dr. Hale can't log in", Scope.ONE_USER, 1, None),
        ("3 radiologists can't open priors", Scope.GROUP, 3, None),
        ("the whole ED can't open images", Scope.GROUP, None, None),
        ("nobody in radiology can open studies", Scope.GROUP, None, None),
        ("not everyone is affected, some of the techs are fine", Scope.GROUP, None, None),
        ("all our reading rooms are affected", Scope.SITE, None, None),
        ("nobody can open anything", Scope.SITE, None, None),
        ("the whole hospital is down", Scope.SITE, None, 1),
        ("both hospitals can't see images", Scope.SITE, None, 2),
        ("all 3 of our clinics report slow loading", Scope.SITE, None, 3),
        ("the PACS is slow", None, None, None),
        ("Hi everyone, the viewer is slow", None, None, None),
        ("Nobody told us about the upgrade and the viewer is slow", None, None, None),
        ("it's not the whole site, just the reading rooms", Scope.GROUP, None, None),
    ],
)
def test_scope(text: str, scope: Scope | None, users: int | None, sites: int | None) -> None:
    facts = extract_facts(text)
    assert (facts.scope, facts.users, facts.sites) == (scope, users, sites)


def test_not_just_me_is_not_one_user() -> None:
    assert extract_facts("it's not just me, other radiologists too").scope is Scope.GROUP


# -- patient care now ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "care"),
    [
        ("pts waiting in the ER for reads", True),
        ("surgery is held up because the OR can't see the CT", True),
        ("code stroke right now and we can't open the CT", True),
        ("the ED can't see any images", True),
        ("stat reads are piling up", True),
        ("no patients affected", False),
        ("this isn't urgent, whenever you get a chance", False),
        ("patient care is not affected", False),
        ("if this happened during a trauma we'd be in trouble", None),
        ("it could affect patient care if it gets worse", None),
        ("ED workstation 4 is down", None),
        ("URGENT!!! EMERGENCY!!!", None),
    ],
)
def test_patient_care(text: str, care: bool | None) -> None:
    assert extract_facts(text).patient_care is care


# -- workaround ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "workaround"),
    [
        ("we can still use the other workstation", True),
        ("reading on the web viewer instead for now", True),
        ("techs are entering patients manually", True),
        ("yes, I can use the workstation next door", True),
        ("no workaround", False),
        ("there's nothing we can do", False),
        ("the techs are reading on the modality console", False),
        ("same thing happens on every workstation we tried", False),
        ("the viewer is slow", None),
    ],
)
def test_workaround(text: str, workaround: bool | None) -> None:
    assert extract_facts(text).workaround is workaround


# -- outage, confinement, components --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "down"),
    [
        ("PACS is down", True),
        ("server down for everyone", True),
        ("nobody at the site can open any images", True),
        ("nothing is archiving from any modality", True),
        ("our north clinic is cut off from PACS", True),
        ("everyone here can't retrieve any studies", True),
        ("pacs sever is donw", True),
        ("PACS is not down, just slow", False),
        ("the rest of the hospital is fine", False),
        ("ED says they can't see any images, radiology is fine", False),
        ("it's not the whole site, only the ED can't open any images", False),
        ("ED workstation 4 is down", None),
        ("one monitor is down", None),
        ("the test server is down", None),
        ("Is PACS down?", None),
        ("what happens if PACS goes down?", None),
        ("one of the archive nodes is down but failover is working", False),
        ("nobody can open images, the rest of the campus is fine", False),
    ],
)
def test_core_function_down(text: str, down: bool | None) -> None:
    assert extract_facts(text).core_function_down is down


def test_total_loss_without_scope_leaves_core_function_unknown() -> None:
    facts = extract_facts("we can't open any images")
    assert facts.total_loss is True
    assert facts.core_function_down is None


@pytest.mark.parametrize(
    ("text", "confined"),
    [
        ("CT2 can't send to PACS", True),
        ("the workstation in reading room 3 freezes", True),
        ("the HL7 ORU interface stopped", True),
        ("one monitor is black", True),
        ("ED workstation 4 is down", True),
        ("it happens on all workstations", False),
        ("all our ultrasound machines stopped sending", False),
        ("CT 1 and CT 2 both fail to send", False),
        ("images are slow", None),
    ],
)
def test_confined(text: str, confined: bool | None) -> None:
    assert extract_facts(text).confined is confined


@pytest.mark.parametrize(
    ("text", "failed"),
    [
        ("one of the archive nodes is down but failover is working", True),
        ("RAID degraded on the primary storage", True),
        ("the application server crashed", True),
        ("DICOM router stopped", True),
        ("a disk failed in the storage array", True),
        ("my workstation's hard drive died", None),
        ("the nightly backup of the PACS database failed", None),
        ("the archive nodes are fine", None),
    ],
)
def test_critical_component(text: str, failed: bool | None) -> None:
    assert extract_facts(text).critical_component_failed is failed


def test_essential_versus_minor_function() -> None:
    reading = extract_facts("the radiologist can't open studies")
    assert (reading.essential_task_blocked, reading.minor_function) == (True, False)
    printing = extract_facts("we can't print to the film printer")
    assert (printing.essential_task_blocked, printing.minor_function) == (False, True)


@pytest.mark.parametrize(
    ("text", "test_system"),
    [("the test server is down", True), ("training PACS won't start", True), ("this is production PACS", False),
     ("we tested the CT and it sends fine", None)],
)
def test_test_system(text: str, test_system: bool | None) -> None:
    assert extract_facts(text).test_system is test_system


@pytest.mark.parametrize(
    ("text", "cosmetic"),
    [("URGENT!!! the font on the worklist is too small", True), ("icons are misaligned", True),
     ("the font is too small and the viewer crashes", None)],
)
def test_cosmetic(text: str, cosmetic: bool | None) -> None:
    assert extract_facts(text).cosmetic is cosmetic


# -- PACS administrator, tried, recent change ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "is_admin", "contacted"),
    [
        ("I'm the PACS admin", True, True),
        ("pacs admin here", True, True),
        ("our PACS administrator already looked at it", None, True),
        ("we haven't contacted anyone yet", None, False),
        ("our PACS admin is on vacation", None, False),
        ("I'm not the PACS admin", False, None),
        ("the viewer is slow", None, None),
    ],
)
def test_pacs_admin(text: str, is_admin: bool | None, contacted: bool | None) -> None:
    facts = extract_facts(text)
    assert (facts.is_pacs_admin, facts.pacs_admin_contacted) == (is_admin, contacted)


@pytest.mark.parametrize(
    ("text", "tried"),
    [
        ("restarted the service and cleared the cache", "restarted the service; cleared the cache"),
        ("we rebooted the workstation twice", "rebooted the workstation twice"),
        ("re-sent the study from the CT", "resent the study from the ct"),
        ("haven't restarted anything yet", None),
        ("should we reboot the server?", None),
        ("haven't tried anything", "nothing"),
        ("I tried to open the study", None),
    ],
)
def test_tried(text: str, tried: str | None) -> None:
    assert extract_facts(text).tried == tried


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("since last night's upgrade", "since last night's upgrade"),
        ("IT added a new firewall rule yesterday", "added a new firewall rule"),
        ("nothing changed on our side", "none"),
        ("no recent changes", "none"),
        ("we rebooted, nothing changed", None),
        ("the upgrade is planned for next week", None),
    ],
)
def test_recent_change(text: str, change: str | None) -> None:
    assert extract_facts(text).recent_change == change


def test_contact_details_are_left_to_the_contact_module() -> None:
    facts = extract_facts("call me at 816-555-0142 or jo@stmarys.org, the viewer is slow")
    assert facts.contact_phone is None and facts.contact_email is None and facts.department_line is None


def test_issue_example_is_read_in_one_go() -> None:
    facts = extract_facts("the whole ED can't open any images since 7, no workaround, I'm the PACS admin and restarted the service")
    assert facts.scope is Scope.GROUP
    assert facts.total_loss is True
    assert facts.workaround is False
    assert (facts.is_pacs_admin, facts.pacs_admin_contacted) == (True, True)
    assert facts.tried == "restarted the service"
    assert facts.kind is Kind.INCIDENT
