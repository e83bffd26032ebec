"""Read what a client already said in free text, so the intake does not ask it again.

``extract_facts`` fills only what the text states: an unknown stays ``None``. Words are
evidence, not the answer: "URGENT!!!" is ignored, "not down" and "no patients waiting" are
negations, "if this happened during a trauma" is a hypothetical, "Emergency Department" is a
place, and "down" about one monitor or a test server is not an outage. Contact details are
left to :mod:`bot.core.contact`.
"""

from __future__ import annotations

import re

from bot.core import patterns as p
from bot.core import patterns_context as pc
from bot.core.extract_context import error_text, kind, pacs_admin, recent_change, scope, systems, tried
from bot.core.facts import Facts, Kind, Scope
from bot.core.textdoc import Doc, Hit

_ALTERNATIVE = re.compile(
    r"\b(?:other|another|different|web|backup|spare|second|old|alternate|alternative|standalone|stand-alone|laptop|home|manual\w*|instead|"
    r"next door|nearby|neighbou?ring|down the hall|across the hall)\b"
)
_BACKUP_OF = re.compile(r"\b(?:backups?|copy|replica|export|job) (?:of|for|on) (?:the |our )?(?:pacs )?$")
_OTHER_SITE = re.compile(rf"(?<!on-)(?<!on )(?<!off-)\b{pc.SITE_NOUN}\b")
_REST_OF = re.compile(r"\b(?:rest of|everywhere else|elsewhere|everyone else|everything else|all else)\b")
_LOST_ONE_OF = re.compile(r"\b(?:lost|losing|lose) (?:one|two|a couple) of (?:the |our |its )?(?:\w+ ){0,2}$")
_STILL_WORKS = re.compile(
    r"\b(?:can|could|are able to|is able to) still (?:view|open|see|read|access|load|get|pull)\b|\bstill able to (?:view|open|see|read|access|load|get|pull)\b"
    r"|\b(?:current|new|today's|other|recent|local|older)? ?(?:exams?|studies|images?|archiving|storing|viewing|retriev\w+|"
    r"everything else)\b (?:\w+ ){0,2}?(?:loads?|opens?|displays?|works?|is|are)\s+(?:still\s+)?(?:fine|ok|okay|normally|working)\b"
    r"|\b(?:studies|images|exams|everything|it|things|traffic)\b (?:is |are )?(?:flowing|working|moving|running|back up|back) again\b"
)


def extract_facts(text: str) -> Facts:
    """The facts a client's message states; everything else stays unknown."""
    doc = Doc(text)
    facts = Facts()
    facts.affected_systems = systems(doc)
    facts.error_text = error_text(text)
    facts.scope, facts.users, facts.sites = scope(doc)
    facts.test_system = _test_system(doc)
    facts.cosmetic = _cosmetic(doc)
    facts.patient_care = _patient_care(doc)
    redundancy = doc.any_live(pc.REDUNDANCY)
    facts.workaround = _workaround(doc)
    if facts.workaround is None and redundancy:
        # The redundant node, controller or server is carrying the load: that is the workaround.
        facts.workaround = True
    _outage(doc, facts, redundancy=redundancy)
    # A total loss found outside any one device's clause ("PACS is unreachable for all of us") is not confined.
    facts.confined = False if facts.core_function_down or facts.total_loss else _confined(doc)
    facts.critical_component_failed = _critical(doc, facts)
    facts.essential_task_blocked, facts.minor_function = _essential(doc, facts)
    facts.kind = kind(doc, incident=_incident(doc, facts), cosmetic=facts.cosmetic is True)
    if _resolved(doc):
        # "It's working again, please find the root cause": a request about the past, not an outage now.
        facts.kind = Kind.REQUEST
        facts.core_function_down = facts.total_loss = facts.essential_task_blocked = None
        facts.critical_component_failed = None
        facts.patient_care = None if facts.patient_care else facts.patient_care
    facts.is_pacs_admin, facts.pacs_admin_contacted = pacs_admin(doc)
    facts.tried = tried(doc)
    facts.recent_change = recent_change(doc)
    return facts


def _device_bound(hit: Hit) -> bool:
    """The clause pins the problem to one device, one person or a test system."""
    clause = hit.clause
    if pc.NOT_CONFINED.search(clause):
        return False
    return any(
        pat.search(clause)
        for pat in (pc.DEVICE_ONE, pc.MODALITY_ONE, pc.INTERFACE_ONE, pc.TEST_SYSTEM, pc.SCOPE_ONE)
    )


def _partial(hit: Hit) -> bool:
    """"Some studies won't load": a determiner narrows the images (not "this morning nobody can…")."""
    if not p.IMG_FIRST.match(hit.text):
        return False
    return bool(p.PARTIAL_DET.search(hit.before)) and not p.TIME_BEFORE.search(hit.before)


def _test_system(doc: Doc) -> bool | None:
    if doc.any_live(pc.TEST_SYSTEM):
        return True
    if doc.any_live(pc.PRODUCTION):
        return False
    return None


def _confined(doc: Doc) -> bool | None:
    if doc.any_live(pc.NOT_CONFINED):
        return False
    for pat in (pc.DEVICE_ONE, pc.MODALITY_ONE, pc.INTERFACE_ONE):
        if doc.any_live(pat, negatable=False):
            return True
    return None


def _cosmetic(doc: Doc) -> bool | None:
    """Only cosmetic when nothing else in the message is broken ("1) bigger font 3) studies take 30 min")."""
    looks = doc.live(p.COSMETIC)
    if not looks or p.COSMETIC_FUNCTIONAL.search(doc.text):
        return None
    cosmetic_clauses = {h.clause for h in looks}
    if any(h.clause not in cosmetic_clauses for h in doc.live(p.FAULT)):
        return None
    return True


def _patient_care(doc: Doc) -> bool | None:
    if doc.any_live(p.CARE_POS) or doc.any_live(p.CARE_POS_PLACES):
        return True
    if doc.any_live(p.CARE_NEG, negatable=False):
        return False
    return None


def _workaround(doc: Doc) -> bool | None:
    if doc.any_live(p.WORKAROUND_NEG, negatable=False):
        return False
    found = [h for h in doc.live(p.WORKAROUND_POS) if not p.CONSOLE.search(h.clause)]
    strong = [h for h in found if not h.text.startswith(("we ", "they ", "he ", "she ", "i ", "users ", "can ", "could ", "are able"))]
    if strong or any(_ALTERNATIVE.search(h.clause) for h in found):
        return True
    # Reading on the scanner's own console is how people cope when PACS fails; it is not a workaround.
    if doc.any_live(p.CONSOLE):
        return False
    return None


def _outage(doc: Doc, facts: Facts, *, redundancy: bool) -> None:
    """Fill ``total_loss`` and ``core_function_down`` (viewing/storing/retrieving, whole site)."""
    system_down = [
        h for h in doc.live(p.SYS_DOWN)
        if not p.SUBJECT_EXCLUDE.search(h.before) and not _device_bound(h) and not _one_of(h)
    ]
    cut_off = [h for h in doc.live(p.CUT_OFF) if not _device_bound(h)]
    total = [
        h
        for pat in (p.TOTAL_VIEW, p.TOTAL_STORE, p.TOTAL_SEND, p.TOTAL_RETRIEVE)
        for h in doc.live(pat, negatable=False)
        if not _device_bound(h) and not _partial(h)
    ]
    site_login = facts.scope is Scope.SITE and doc.any_live(p.LOGIN_FAIL, negatable=False)
    # "The main campus is fine" narrows nothing: an outage at the other sites is still an outage
    # there. "The rest of the hospital is fine" does: only part of that site is affected.
    narrower = [h for h in doc.live(pc.NARROWER, negatable=False) if not _another_site(h.text)]
    still_up = doc.any_live(p.SYS_UP, negatable=False) or bool(narrower)
    still_works = doc.any_live(_STILL_WORKS, negatable=False)
    whole_system = bool(system_down or cut_off) and not redundancy
    if whole_system or total or site_login:
        facts.total_loss = True
    elif still_up or still_works or (redundancy and not cut_off) or doc.any_live(p.SLOW_ONLY):
        # Redundancy carrying the load ("failover worked", "running on node 1") or a slow system:
        # degraded, not a total loss.
        facts.total_loss = False
    if facts.test_system is True:
        return
    # A function that still works ("older studies still open") does not undo another's total loss.
    if still_up or (still_works and not total) or (redundancy and not (total or cut_off or site_login)):
        facts.core_function_down = False
    elif whole_system and facts.scope in (None, Scope.SITE):
        facts.core_function_down = True
    elif (total or site_login) and facts.scope is Scope.SITE:
        facts.core_function_down = True
    elif any(h.match.re is p.TOTAL_STORE and "from" in h.text for h in total) and facts.scope in (None, Scope.SITE):
        facts.core_function_down = True


def _another_site(text: str) -> bool:
    """A phrase about a different site being fine, not about the rest of the affected one."""
    site = _OTHER_SITE.search(text)
    if site is None:
        return False
    plural = re.search(r"(?<!u)s$", site.group()) is not None  # "sites", "campuses"; not "campus"
    return plural or not _REST_OF.search(text)


def _one_of(hit: Hit) -> bool:
    return bool(re.search(r"\bone of (?:the |our )?(?:\w+ )?$", hit.before))


def _critical(doc: Doc, facts: Facts) -> bool | None:
    if facts.test_system is True:
        return None
    for hit in doc.live(pc.COMPONENT):
        name = hit.text
        if _BACKUP_OF.search(hit.before):
            continue
        if pc.COMPONENT_PART.match(name) and (
            not pc.HOST_CONTEXT.search(hit.clause) or pc.DESKTOP_CONTEXT.search(hit.clause)
        ):
            continue
        if name == "storage" and not re.search(r"\b(?:storage (?:is |are )?(?:full|failed|down|offline|degraded))", hit.clause):
            continue
        after = hit.clause[hit.match.end(): hit.match.end() + 60]
        before = hit.before[-25:]
        fault_after = pc.COMPONENT_FAULT.search(after)
        if fault_after and not re.search(r"\b(?:no|not|isn't|aren't|never)\s+(?:\w+\s+)?$", after[: fault_after.start()]):
            return True
        if re.search(r"\b(?:failed|degraded|lost (?:a|one)|dead|bad|crashed|failing)\s+(?:\w+\s+)?$", before) or _LOST_ONE_OF.search(hit.before):
            return True
    return None


def _essential(doc: Doc, facts: Facts) -> tuple[bool | None, bool | None]:
    """Is a primary task (viewing, reading, reporting, logging in) blocked, or only a minor function?"""
    blocked = [
        h for pat in (p.ESSENTIAL_FAIL, p.LOGIN_FAIL) for h in doc.live(pat, negatable=False)
        if not p.MINOR.search(h.clause)
    ]
    if blocked or facts.total_loss or facts.core_function_down:
        return True, False
    fault_clauses = [h.clause for h in doc.live(p.FAULT)]
    if fault_clauses and all(p.MINOR.search(c) for c in fault_clauses):
        return False, True
    return None, None


def _resolved(doc: Doc) -> bool:
    cues = doc.live(pc.RESOLVED, negatable=False)
    if not cues:
        return False
    done = {h.clause for h in cues}
    faults = {h.clause for h in doc.live(p.FAULT)} - done
    return not any(pc.PRESENT_FAULT.search(c) for c in faults)


def _incident(doc: Doc, facts: Facts) -> bool:
    return bool(
        doc.live(p.FAULT)
        or facts.total_loss
        or facts.core_function_down
        or facts.critical_component_failed
        or facts.patient_care
    )
