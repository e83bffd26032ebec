"""Extraction of the context around a problem: which systems, the error shown, who is
affected, what kind of message it is, the PACS administrator, what was tried, what changed.
"""

from __future__ import annotations

import re

from bot.core import patterns_context as pc
from bot.core.facts import Kind, Scope
from bot.core.lexicon import SYSTEMS
from bot.core.textdoc import Doc, Hit, is_hypothetical

_SYSTEM_PATTERNS = tuple((name, re.compile(rx)) for name, rx in SYSTEMS)
_FINE_AFTER = re.compile(r"^\W*(?:\w+\s+)?(?:is|are|seems|seem)\s+(?:still\s+)?(?:fine|ok|okay|working|unaffected|up)\b")
_GREETING = re.compile(r"^\W*(?:(?:hi|hello|hey|thanks|thank you|dear|good (?:morning|afternoon|evening)|morning|greetings)\W*)+$")
_QUOTED = re.compile(r"\"([^\"\n]{3,200})\"|(?<![\w])'([^'\n]{3,200})'(?![\w])")
_ERROR_AFTER = re.compile(
    r"\berror(?: message| msg| code)?\s*[:=]\s*([^\n]{3,200}?)(?=[.!?](?:\s|$)|\n|$)"
    r"|\b(?:it|screen|message|popup|pop-up|dialog|window|box|viewer|system|pacs|error|prompt|banner)\s+"
    r"(?:says|said|reads|shows|displays|is saying|keeps saying|pops up with|comes up with|throws)\s*:?\s*"
    r"([^\n]{3,200}?)(?=[.!?](?:\s|$)|\n|$)"
    r"|\berror (?:code |number |#)?(\d{2,}[\w-]*|0x[0-9a-f]+)\b",
    re.IGNORECASE,
)


def systems(doc: Doc) -> list[str]:
    """Affected systems in the order the client mentions them; "the network is fine" is not one."""
    found: list[tuple[int, str]] = []
    for name, pattern in _SYSTEM_PATTERNS:
        for match in pattern.finditer(doc.text):
            if not _FINE_AFTER.search(doc.text[match.end(): match.end() + 40]):
                found.append((match.start(), name))
                break
    return [name for _, name in sorted(found)]


def error_text(original: str) -> str | None:
    """The error the client quotes, or the text after "error:" / "it says"."""
    quoted = _QUOTED.search(original)
    if quoted:
        return (quoted.group(1) or quoted.group(2)).strip()
    after = _ERROR_AFTER.search(original)
    if after:
        value = next(g for g in after.groups() if g)
        return value.strip().strip("\"'").strip() or None
    return None


def _number(word: str | None) -> int | None:
    if not word:
        return None
    word = word.strip()
    if word.isdigit():
        return int(word)
    return pc.NUMBER_WORDS.get(word)


def scope(doc: Doc) -> tuple[Scope | None, int | None, int | None]:
    """(scope, users, sites) from who the client says is affected."""
    narrower = [h.match.span() for h in doc.live(pc.NARROWER, negatable=False)]

    def keep(hit: Hit) -> bool:
        return not re.search(r"\bone of (?:the |our )?$", hit.before)

    site_hits = [h for h in doc.hits(pc.SCOPE_SITE) if not _greeting(h)]
    site = [h for h in site_hits if not _negated_scope(h) and not _personal(h)]
    not_all = [h for h in site_hits if _negated_scope(h)]
    dept = doc.live(pc.SCOPE_DEPT, negatable=False)
    group = [h for h in doc.live(pc.SCOPE_GROUP, negatable=False) if keep(h) and h.match.span() not in narrower]
    one = doc.live(pc.SCOPE_ONE, negatable=False)
    one = [h for h in one if not re.search(r"\b(?:not|isn't|aren't|wasn't) (?:just|only)\s*$", h.before)]
    sites = _sites(doc)
    users: int | None = None
    for hit in group:
        n = _number(hit.match.groupdict().get("n"))
        if n is not None and n > 1:
            users = max(users or 0, n)
    if site:
        result: Scope | None = Scope.SITE
    elif dept or group or not_all:
        result = Scope.GROUP
    elif one:
        result, users = Scope.ONE_USER, 1
    elif sites is not None and sites > 1:
        result = Scope.SITE
    else:
        result = None
    if result is Scope.SITE and sites is None and doc.any_live(pc.SITE_ONE, negatable=False):
        sites = 1
    return result, users, sites


def _personal(hit: Hit) -> bool:
    """"On any workstation" said by one person about themselves."""
    return bool(re.match(r"(?:any|every)\b", hit.text) and re.search(r"\b(?:on|from|at)\s+$", hit.before)
                and bool(pc.PERSONAL_ANY.search(hit.clause) or pc.SCOPE_ONE.search(hit.clause)))


def _negated_scope(hit: Hit) -> bool:
    return bool(re.search(r"\b(?:not|isn't|aren't|wasn't)\s+(?:\w+\s+)?$", hit.before))


def _greeting(hit: Hit) -> bool:
    """"Hi everyone," / "Thanks all" address the reader; "Hi, everyone at X can't…" is about X."""
    return bool(_GREETING.search(hit.before)) and bool(re.match(r"\s*(?:[,!.:;-]|$)", hit.after))


def _sites(doc: Doc) -> int | None:
    best: int | None = None
    for hit in doc.live(pc.SITES_COUNT, negatable=False):
        word = hit.match.group("n") or ""
        n = _number(word.replace("all", "").replace("of", "").replace("our", "").strip()) or 2
        if n > 1:
            best = max(best or 0, n)
    if best is None and doc.any_live(pc.SITES_EITHER, negatable=False):
        best = 2
    return best


def kind(doc: Doc, *, incident: bool, cosmetic: bool) -> Kind | None:
    """Incident when something is wrong now; else a request or a question."""
    if incident:
        return Kind.INCIDENT
    if any(h.clause in doc.questions or not is_hypothetical(h) for h in doc.hits(pc.REQUEST)):
        return Kind.REQUEST
    if doc.questions or any(pc.QUESTION.search(c) for c in doc.clauses) or doc.original.rstrip().endswith("?"):
        return Kind.QUESTION
    if doc.any_live(pc.FUTURE, negatable=False):
        # Nothing is wrong now and the message is about a date to come: a request, planned work.
        return Kind.REQUEST
    if cosmetic:
        return Kind.INCIDENT
    return None


def pacs_admin(doc: Doc) -> tuple[bool | None, bool | None]:
    """(is the client the PACS administrator, has the PACS administrator been contacted)."""
    is_admin: bool | None = None
    if doc.any_live(pc.IS_ADMIN):
        is_admin = True
    elif doc.any_live(pc.NOT_ADMIN, negatable=False):
        is_admin = False
    if is_admin:
        return True, True
    if doc.any_live(pc.ADMIN_NOT_CONTACTED, negatable=False):
        return is_admin, False
    if doc.any_live(pc.ADMIN_CONTACTED):
        return is_admin, True
    return is_admin, None


def tried(doc: Doc) -> str | None:
    """What the client already did to fix it, in their words; "nothing" when they say so."""
    steps: list[str] = []
    for hit in doc.live(pc.TRIED):
        if pc.TRIED_BLOCK.search(hit.before):
            continue
        obj = hit.match.group("obj").strip()
        if hit.match.group("act") in {"cleared", "replaced", "killed"} and not obj:
            continue
        step = f"{hit.match.group('act')} {obj}".strip()
        if step not in steps:
            steps.append(step)
    if steps:
        return "; ".join(steps)
    if doc.any_live(pc.TRIED_NOTHING, negatable=False):
        return "nothing"
    return None


def recent_change(doc: Doc) -> str | None:
    """A recent change the client mentions; "none" when they say nothing changed."""
    changes: list[str] = []
    for hit in doc.live(pc.CHANGE):
        if pc.FUTURE.search(hit.text):
            continue
        text = hit.text.strip()
        if text not in changes:
            changes.append(text)
    if changes:
        return "; ".join(changes)
    if doc.any_live(pc.NO_CHANGE, negatable=False):
        return "none"
    for hit in doc.live(pc.NO_CHANGE_BARE, negatable=False):
        # "we rebooted, nothing changed" is about the reboot, not about recent changes.
        if not pc.TRIED.search(hit.clause) and not re.search(r"\b(?:restart|reboot|clear|tried|resen)\w*", hit.clause):
            return "none"
    return None
