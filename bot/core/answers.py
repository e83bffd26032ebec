"""Read a short typed answer to one specific intake question.

Each parser returns None when it cannot tell — "maybe", "idk", a paragraph that never says yes or
no — and the engine re-asks with choices rather than guessing. Clients type fast on reading-room
keyboards, so common typos ("yse", "nop", "evryone") and chat shorthand are accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.facts import Scope


@dataclass(frozen=True)
class ScopeAnswer:
    """Who is affected; ``users``/``sites`` only when the client gave or implied a number.

    ``confined`` is set when the answer names one device rather than people ("just the one MR").
    """

    scope: Scope
    users: int | None
    sites: int | None
    confined: bool | None = None


@dataclass(frozen=True)
class PacsAdminAnswer:
    """Whether the PACS administrator was contacted, and whether the client is that administrator."""

    contacted: bool | None
    is_admin: bool | None


_FILLER = re.compile(r"^(?:(?:um+|uh+|er+m?|hm+|well|oh|ah|so|ok(?:ay)?\s+so|honestly|lol)\b[\s,.!-]*)+")
_UNSURE = re.compile(
    r"\b(?:maybe|not\s+sure|unsure|i\s*d\s*k|idk|dunno|don'?t\s+know|do\s+not\s+know|no\s+idea|perhaps|possibly|probably"
    r"|kind\s+of|kinda|sort\s+of|sorta|partially|partly|somewhat|sometimes|depends|hard\s+to\s+say|can'?t\s+tell"
    r"|yes\s+and\s+no|not\s+certain|unclear|no\s+clue|who\s+knows)\b"
)
_YES_STRONG = frozenset(
    "yes y ye yea yeah yeh yah ya yep yup yas ys yse yess yeas yez yees ues tes yws yds yss yesh yessir sure "
    "correct affirmative absolutely definitely certainly aye yeppers yepp yupp ja si".split()
)
_YES_WEAK = frozenset("ok okay k kk right true indeed totally exactly agreed affirm".split())
_NO_STRONG = frozenset("no n nope nah nop noo nno npoe nopr nopw naw nay na negative nada nein never".split())
_NO_WEAK = frozenset("none nothing false neither nil".split())
_YES_PHRASE = re.compile(
    r"^(?:i\s+(?:think|believe|guess)\s+so|think\s+so|of\s+course|you\s+bet|for\s+sure|it\s+(?:is|does|has|was)|"
    r"(?:yes\s+)?(?:we|they|it|i)\s+(?:do|are|am|have|is|did|was|were)\b(?!\s*n[o']t)|there\s+(?:is|are)\b(?!\s+no)|"
    r"that'?s\s+(?:right|correct)|that\s+is\s+(?:right|correct)|sure\s+(?:is|does)|very\s+much|big\s+time)\b"
)
_NO_PHRASE = re.compile(
    r"^(?:not\s+(?:really|at\s+all|yet|currently|now|right\s+now|that\s+i\s+know(?:\s+of)?|that\s+i'?m\s+aware(?:\s+of)?)|"
    r"no\s+way|(?:i\s+)?don'?t\s+think\s+so|i\s+do\s+not\s+think\s+so|i\s+think\s+not|"
    r"(?:it|there|they|we|i)\s*(?:'?s|\s+is|\s+are|'re|\s+do|\s+does|\s+did|\s+am|'m|\s+have|\s+has)?\s*(?:not|n'?t)\b|"
    r"(?:it|there|they|we)\s+(?:isn'?t|aren'?t|doesn'?t|don'?t|didn'?t|haven'?t|hasn'?t|wasn'?t)|"
    r"(?:isn'?t|doesn'?t|don'?t|haven'?t)|there'?s\s+no|there\s+is\s+no)\b"
)
_NOT_A_NO = re.compile(r"^no\s*[- ]?(?:one|body|problem|worries|prob|idea|clue)\b|^none\s+of\b|^nothing\s+\w")

_CONSOLE = (
    r"\b(?:on|off|at|from|using|use|via|through)\s+(?:the\s+|our\s+|their\s+)?(?:\w+\s+)?(?:consoles?|scanners?|modalit(?:y|ies))\b"
    r"|\bconsoles?\b|\bacquisition\s+(?:system|workstation|station|pc|computer)s?\b"
)
_SLOT_RULES: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "patient_care": (
        re.compile(
            r"\bno\s+(?:direct\s+|real\s+|immediate\s+|patient\s+|clinical\s+)*(?:impact|effect|delays?|patients?\s+(?:affected|waiting))"
            r"|\b(?:doesn'?t|does\s+not|isn'?t|is\s+not|not|won'?t)\s+(?:really\s+|directly\s+|currently\s+)?(?:affect|impact|delay|hold)"
            r"|\bcan\s+wait\b|\bnot\s+urgent\b|\bno\s+rush\b|\bjust\s+(?:annoying|cosmetic|slow|an\s+inconvenience)|\binconvenien"
        ),
        re.compile(
            r"\bpatients?\s+(?:are\s+|is\s+)?(?:waiting|delayed|on\s+the\s+table|in\s+the\s+scanner|stuck)"
            r"|\b(?:delay(?:ed|ing|s)?|holding\s+up|backed\s+up|backing\s+up|diverting|on\s+divert)\b"
            r"|\bcan'?t\s+(?:read|report|scan|treat|diagnose|operate)|\b(?:affect|impact)(?:s|ing|ed)?\s+(?:patient|care|treatment)"
            r"|\b(?:stat|trauma|stroke|codes?|surgery|surgeons?)\b"
        ),
    ),
    "workaround": (
        re.compile(
            r"\bno\s+(?:work\s*-?\s*around|other\s+way|alternative|way\s+around|backup)|\bnothing\s+(?:works|we\s+can)"
            r"|\bcan'?t\s+do\s+anything|\bdead\s+in\s+the\s+water|\bno\s+way\s+to\b|\bnone\b|\bstuck\b"
            # Looking at images on the scanner's own console is how people cope, not a workaround (issue 4).
            r"|" + _CONSOLE + r"|\b(?:just\s+|only\s+)?(?:waiting|holding)\b"
        ),
        re.compile(
            r"\b(?:we|i|they)\s*(?:can|could|are|'re)\s+(?:still\s+)?(?:use|using|view|read|send|push|print|burn|work|look|go)"
            r"|\b(?:using|use|used)\s+(?:the\s+|a\s+|an\s+|our\s+)?(?:backup|other|another|old|second|different|web|local"
            r"|manual|cd|film|thick\s+client|zero\s+footprint|one\s+(?:in|at|on|next|down))|\bcan\s+still\b|\bmanually\b|\bby\s+hand\b"
            r"|\bin\s+the\s+meantime\b|\bfor\s+now\b|\btemporar|\bother\s+workstations?\s+(?:works?|are\s+fine|is\s+fine)"
            r"|\binstead\b|^(?:yes\s+)?(?:(?:we|they|i|he|she)\s*(?:are|'re|am|'m|is|'s)\s+)?(?:saving|storing|sending|routing"
            r"|pushing|typing|entering|keying|burning|printing|faxing|reading|using|calling|walking|driving|doing|switching|moving)\b"
            r"|\blog(?:ging)?\s+(?:out\s+and\s+)?back\s+in\b|\b(?:reboot|restart|refresh|retry)(?:ing|s)?\b|\bpicking\s+up\b"
            r"|\b(?:moved|switched|went)\s+(?:over\s+)?to\b|\basking\s+(?:the\s+|an?\s+|our\s+)?\w+\s+to\b|\bgoing\s+ahead\s+without\b"
            r"|\b(?:we|they|i)\s+(?:can\s+)?(?:see|type|enter|read)\s+(?:the\s+|them|it|manual)"
        ),
    ),
    "outage_check": (
        re.compile(
            r"\b(?:some|partial(?:ly)?|intermittent(?:ly)?|only\s+(?:some|one|a\s+few|me|my|certain)|just\s+(?:me|slow|one|my))\b"
            r"|\b(?:still|can)\s+(?:view|open|see|read|access|load|send|pull)|\bnot\s+(?:completely|totally|everyone|all|entirely)\b"
            r"|\bothers?\s+(?:users?\s+|workstations?\s+)?(?:are\s+|is\s+)?(?:fine|ok|working)|\bslow\b"
        ),
        re.compile(
            r"\b(?:nobody|no\s*-?\s*one|none\s+of\s+us|no\s+users?|not\s+(?:one|a\s+single)\s+\w+\s+can)\b|\bnothing\s+(?:works|loads|opens|is\s+working|comes\s+up)"
            r"|\b(?:completely|totally|entirely|fully|all)\s+(?:down|out|dead|unavailable)\b|\b(?:total|complete|full)\s+outage"
            r"|\beveryone\b.*\b(?:down|can'?t|cannot|unable)|\bdown\s+for\s+(?:everyone|everybody|all)"
        ),
    ),
}
_SLOT_ALIASES = {"core_function_down": "outage_check"}


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, single spaces, no surrounding punctuation."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"([a-z])\1{2,}", r"\1", text)  # "yesss", "noooo"
    return re.sub(r"\s+", " ", text).strip(" \t\n.,!?;:-~*")


def parse_yes_no(text: str, *, slot: str | None = None) -> bool | None:
    """Yes/no from a short answer; None when unclear.

    Pass the ``slot`` being asked (``patient_care``, ``workaround``, ``outage_check``) to also
    read answers that never say yes or no: "patients are waiting", "we can use the old viewer",
    "nobody can open anything".
    """
    norm = _FILLER.sub("", normalise(text))
    generic = _generic_yes_no(norm)
    name = _SLOT_ALIASES.get(slot or "", slot or "")
    rules = _SLOT_RULES.get(name)
    # A bare "no"/"yes" is read as said; longer answers are read for what they describe.
    if rules is None or (generic is not None and len(norm.split()) <= 2):
        return generic
    negative, positive = rules
    if name == "outage_check" and generic is not None:
        # "Yes, not one PC can open images": the leading yes/no answers the question and the rest
        # describes it. A yes or no that the rest contradicts ("yes, but only some") is unclear.
        contradicted = positive.search(norm) if generic is False else negative.search(norm) and not positive.search(norm)
        return None if contradicted else generic
    order = ((positive, True), (negative, False)) if name == "outage_check" else ((negative, False), (positive, True))
    for pattern, value in order:
        if pattern.search(norm):
            return value
    return generic


def _generic_yes_no(norm: str) -> bool | None:
    if not norm:
        return None
    words = re.findall(r"[a-z0-9']+", norm)
    if not words:
        return None
    if len(words) <= 6 and _UNSURE.search(norm) or _UNSURE.match(norm):
        return None
    if _NOT_A_NO.match(norm):
        return None
    first = words[0]
    second = words[1] if len(words) > 1 else ""
    if first in _YES_STRONG or (first in _YES_WEAK and len(words) <= 2):
        return None if second in _NO_STRONG else True
    if first in _NO_STRONG or (first in _NO_WEAK and len(words) <= 2):
        return None if second in _YES_STRONG else False
    if _NO_PHRASE.match(norm):
        return False
    if _YES_PHRASE.match(norm):
        return True
    return None


_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "couple": 2, "pair": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip
_NUM = r"(?P<num>\d{1,5}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_PEOPLE = (
    r"(?:users?|people|persons?|ppl|techs?|technologists?|radiologists?|rads?|docs?|doctors?|physicians?|readers?|"
    r"staff|nurses?|clinicians?|folks?|guys|residents?|coworkers?|co-workers?|colleagues?|others?|workstations?|"
    r"stations?|pcs?|computers?|machines?|of\s+us|accounts?|logins?|members?)"
)
_PLACES = (
    r"(?:sites?|hospitals?|locations?|facilities|facility|clinics?|campus(?:es)?|buildings?|centers?|centres?|offices?"
    r"|practices?|branches?|imaging\s+centers?)"
)
_MODIFIER = r"(?:\s*(?:\+|plus|or\s+so|ish|-\s*\d+|to\s+\d+))?\s+(?:of\s+(?:our\s+|the\s+|my\s+)?)?(?:other\s+|more\s+|different\s+|of\s+the\s+)?"
_COUNT_PEOPLE = re.compile(rf"\b{_NUM}{_MODIFIER}{_PEOPLE}\b")
_COUNT_PLACES = re.compile(rf"\b{_NUM}{_MODIFIER}{_PLACES}\b")
_RANGE = re.compile(r"\b\d{1,5}\s*(?:-|to)\s*(?P<upper>\d{1,5})\b")
_ME_AND = re.compile(r"\b(?:me|myself|i)\s*(?:and|&|\+|plus)\s+(?!that\b)")
_BARE_NUMBER = re.compile(r"^(?:about|around|approx(?:imately)?|roughly|maybe|like|~|over|more\s+than|at\s+least)?\s*(?P<n>\d{1,5})\s*\+?$")
_SITE_WIDE = re.compile(
    r"\b(?:every(?:one|body|\s+user|\s+single\s+user)|evry(?:one|body)|everyon|eveyone|all\s+(?:users|of\s+us|staff|the\s+users)"
    r"|whole\s+(?:[\w'-]+\s+){0,3}?(?:site|hospital|facility|organi[sz]ation|enterprise|system|company|building|place|campus|network|"
    r"office|clinic|practice|center|centre|location)|entire\s+\w+"
    r"|(?:site|hospital|facility|enterprise|system|organi[sz]ation)\s*-?\s*wide|all\s+(?:our\s+|the\s+|of\s+our\s+)?"
    + _PLACES + r"|(?:every|each)\s+" + _PLACES + r"|both\s+" + _PLACES + r"|(?:across|at)\s+(?:all|multiple|several)\s+" + _PLACES
    + r"|(?:multiple|several|many)\s+" + _PLACES + r"|\ba\s+site\b|\bthe\s+site\b)"
)
_UNITS = (
    r"(?:ed|er|emergency\s+(?:department|room)|icu|or|radiology|cardiology|ct|cat\s+scan|mri|mr|ultrasound|us|mammo(?:graphy)?"
    r"|nuclear\s+medicine|nuc\s+med|x-?ray|ir|reading\s+rooms?|department|dept|unit|floor|ward|lab|section|team|shift|group)"
)
_EVERYONE_IN_UNIT = re.compile(
    r"\b(?:every(?:one|body)|evry(?:one|body)|all\s+(?:users|staff))\s+(?:in|on|at|from|of)\s+(?:the\s+|our\s+|my\s+|this\s+)?"
    r"(?:[\w-]+\s+){0,2}?" + _UNITS + r"\b(?!.*\b(?:" + _PLACES[3:-1] + r")\b)"
)
_GROUP = re.compile(
    r"\b(?:several|multiple|many|some|a\s+few|few|a\s+bunch|a\s+lot|lots|bunch|handful|group|team|department|dept|"
    r"whole\s+\w+|all\s+(?:of\s+)?(?:the\s+|our\s+|my\s+)(?:\w+\s+)?\w+s|every\s+(?:\w+\s+)?(?:radiologist|rad|tech|technologist|doc|doctor|"
    r"physician|nurse|user|reader|imager|clinician)|all\s+(?:the\s+)?(?:radiologists|rads|techs|technologists|docs|doctors|nurses|reading\s+rooms?|workstations|"
    r"pcs|machines|ct|mri|mr|us|ultrasound|ed|er)|not\s+just\s+me|more\s+than\s+(?:one|me)|others|other\s+\w+|unit|floor|"
    r"ward|shift|night\s+shift|reading\s+room|us\b|we\b|both\s+of\s+us|(?:techs|technologists|radiologists|rads|docs|doctors"
    r"|physicians|nurses|users|people|staff|folks|residents|workstations|pcs|computers|machines))\b|^(?:the\s+|our\s+|my\s+)?"
    + _UNITS + r"(?:\s+" + _UNITS + r")?(?:\s+(?:only|department|dept|staff|team))?$"
)
_ONE = re.compile(
    r"^(?:(?:it'?s\s+|it\s+is\s+|only\s+|just\s+)*(?:me|myself|i|mine|my\s+\w+(?:\s+\w+)?|this\s+\w+|one\s+\w+(?:\s+\w+)?|"
    r"only\s+one|just\s+one|a\s+single\s+\w+|single\s+user|one|1|1\s+\w+)(?:\s+(?:only|so\s+far|for\s+now|right\s+now|"
    r"as\s+far\s+as\s+i\s+know|i\s+think))*)$|\b(?:just|only)\s+(?:me|myself|my\s+(?:workstation|pc|computer|station|account|login|machine))\b"
    r"|\bno\s*(?:one|body)\s+else\b|^single\b"
)


_DEVICE = (
    r"(?:device|scanner|machine|modality|(?<!reading\s)room|unit|reader|camera|station|workstation|pc|computer|printer|"
    r"robot|burner|operatory|lab|cart|disc|disk|cd|study|exam|magnet|ct|mr|mri|(?<!of\s)us|ultrasound|cr|dr|x-?ray|xray|mammo\w*|tomo\w*|fluoro\w*|c-?arm|portable|dexa|"
    r"pet|spect|(?:ws|xr|suite|bay)\s?\d{1,2})"
)
_ONE_DEVICE = re.compile(
    r"^(?:it'?s\s+|it\s+is\s+)?(?:just|only)\s+(?:the\s+|one\s+|our\s+|that\s+|this\s+)?(?:one\s+)?(?:[\w-]+\s+){0,3}?"
    + _DEVICE
    + r"\d{0,2}(?:\s+[\w'-]+){0,5}$"
)


_NOBODY = re.compile(
    r"^(?:nobody|no\s*one|none|no\s+users?)(?:\s+(?:really|yet|so\s+far|affected|impacted|impact|is\s+affected|noticed))*"
    r"(?:\s*,?\s*(?:it'?s|its|everything'?s|everything\s+is|all)\s+(?:all\s+)?(?:fine|ok|okay|good|working))?$"
)
# "all of Harbor Imaging", "every modality at Westbrook": a named place, not a list of people.
_ALL_OF_PLACE = re.compile(
    r"^(?:all|every\s+(?:modality|scanner|machine|device|workstation|user|one|body))\s+(?:of|at|in)\s+"
    r"(?!us$|them$|(?:the\s+|our\s+)?[\w-]+s$)[\w'-]+(?:\s+[\w'-]+){0,2}$"
)


def parse_scope(text: str) -> ScopeAnswer | None:
    """Who is affected ("just me", "about 15 users", "everyone at both sites", "all 3 hospitals")."""
    norm = _FILLER.sub("", normalise(text))
    if not norm:
        return None
    if _NOBODY.match(norm):
        # "Nobody, it's all fine": no one is held up, the narrowest scope there is.
        return ScopeAnswer(scope=Scope.ONE_USER, users=None, sites=None)
    if _ONE_DEVICE.search(norm) and not _ONE.search(norm) and "reading room" not in norm:
        # Whoever uses that device is held up, and the fault is confined to it.
        return ScopeAnswer(scope=Scope.GROUP, users=None, sites=None, confined=True)
    sites = _count(_COUNT_PLACES, norm)
    if sites is None and re.search(r"\bboth\s+" + _PLACES, norm):
        sites = 2
    users = _count(_COUNT_PEOPLE, norm)
    me_and = _ME_AND.search(norm)
    if me_and and users is not None:
        users += 1
    elif me_and:
        rest = norm[me_and.end() :]
        users = 2 if re.match(r"(?:a|one|my|the|another)?\s*\w+$", rest) and not _GROUP.search(rest) else None
    bare = _BARE_NUMBER.match(norm)
    if bare and users is None and sites is None:
        users = int(bare.group("n"))
    if sites is None and re.search(r"\b(?:several|multiple|many|across)\s+" + _PLACES, norm):
        sites = 2
    if _ALL_OF_PLACE.match(norm) and not re.search(r"\b" + _UNITS + r"\b", norm):
        return ScopeAnswer(scope=Scope.SITE, users=users, sites=sites if sites is not None else 1)
    if _EVERYONE_IN_UNIT.search(norm) and (sites is None or sites < 2):
        return ScopeAnswer(scope=Scope.GROUP, users=users, sites=sites)
    if sites is not None and sites >= 2 or _SITE_WIDE.search(norm):
        return ScopeAnswer(scope=Scope.SITE, users=users, sites=sites if sites is not None else (1 if _one_site(norm) else None))
    if users is not None:
        if users <= 1:
            return ScopeAnswer(scope=Scope.ONE_USER, users=1, sites=1)
        return ScopeAnswer(scope=Scope.GROUP, users=users, sites=sites)
    if me_and or _GROUP.search(norm):
        return ScopeAnswer(scope=Scope.GROUP, users=None, sites=sites)
    if _ONE.search(norm) and not _UNSURE.search(norm):
        return ScopeAnswer(scope=Scope.ONE_USER, users=1, sites=1)
    return None


def _count(pattern: re.Pattern[str], norm: str) -> int | None:
    """The largest count stated (the upper end of "15-20 users")."""
    best: int | None = None
    for m in pattern.finditer(norm):
        raw = m.group("num")
        value = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
        upper = _RANGE.match(norm, m.start())
        if upper:
            value = max(value, int(upper.group("upper")))
        best = value if best is None else max(best, value)
    return best


def _one_site(norm: str) -> bool:
    return bool(re.search(r"\b(?:a|the|one|this|our|my|whole|entire)\s+(?:\w+\s+)?(?:site|hospital|facility|building|campus|clinic)\b", norm))


_ADMIN_SELF = re.compile(
    r"\b(?:i\s*am|i'?m|im|i\s+am\s+one\s+of|me|myself|that'?s\s+me|that\s+is\s+me|it'?s\s+me|we\s+are|we'?re)\b.{0,30}?"
    r"\b(?:pacs\s+)?(?:admin|administrator|admins|administrators|pacs\s+team|pacs\s+person|pacs\s+guy|pacs\s+lead|pacs\s+analyst)\b"
    r"|^(?:i\s*am|i'?m|me|myself|that'?s\s+me|it'?s\s+me|i\s+am\s+him|i\s+am\s+her|yes\s+(?:it'?s\s+)?me)$"
)
_NO_ADMIN = re.compile(
    r"\b(?:(?:we\s+)?(?:don'?t|do\s+not|dont)\s+have\s+(?:one|an?\s+(?:pacs\s+)?admin\w*|a\s+pacs\s+\w+)|there\s+is\s+no|there'?s\s+no|"
    r"no\s+(?:pacs\s+)?admin\w*|no\s+one\s+(?:like\s+that|in\s+that\s+role)|(?:don'?t|do\s+not|not\s+sure)\s+know\s+who|"
    r"(?:idk|dunno|not\s+sure|no\s+idea)\s+who|who(?:'s|\s+is)\s+(?:that|our|the)|what(?:'s|\s+is)\s+a\s+pacs)\b"
)
_CONTACTED = re.compile(
    r"\b(?:(?:he|she|they|admin|administrator)\s+(?:is|are|was|were|'s|'re)\s+(?:aware|looking|on\s+it|working)|"
    r"(?:already\s+)?(?:talked|spoke|spoken|called|emailed|messaged|texted|contacted|paged|notified|told|informed|asked)\b|"
    r"(?:looked|checked|restarted|rebooted)\b|sent\s+me|told\s+me\s+to|(?:he|she|they)\s+(?:said|knows?)|"
    r"(?:is|are|was|were|'s|'re)\s+(?:aware|looking\s+(?:at|into)|on\s+it|working\s+on))"
)
_NOT_CONTACTED = re.compile(
    r"\b(?:not\s+yet|haven'?t|have\s+not|didn'?t|did\s+not|couldn'?t\s+(?:reach|get)|can'?t\s+(?:reach|get\s+hold)|"
    r"no\s+(?:answer|response|reply)|(?:out|off)\s+(?:today|sick|of\s+office|on\s+vacation)|on\s+vacation|left\s+(?:a\s+)?(?:voicemail|message))\b"
)


def parse_pacs_admin(text: str) -> PacsAdminAnswer:
    """"I am the PACS admin", "yes, Bob looked at it", "no", "we don't have one"."""
    norm = _FILLER.sub("", normalise(text))
    if _ADMIN_SELF.search(norm) and not re.search(r"\b(?:not|n't)\s+(?:the\s+)?(?:pacs\s+)?admin", norm):
        return PacsAdminAnswer(contacted=None, is_admin=True)
    if _NO_ADMIN.search(norm):
        return PacsAdminAnswer(contacted=False, is_admin=False)
    if _NOT_CONTACTED.search(norm):
        return PacsAdminAnswer(contacted=False, is_admin=None)
    value = parse_yes_no(text)
    if value is None and _CONTACTED.search(norm):
        value = True
    return PacsAdminAnswer(contacted=value, is_admin=False if value is not None else None)


_NOTHING_CHANGED = re.compile(
    r"^(?:no|nope|nah|nop|n|none|nothing|negative|not\s+(?:really|that\s+i\s+know\s+of|that\s+i'?m\s+aware\s+of|to\s+my\s+knowledge)|"
    r"no\s+changes?|nothing\s+(?:changed|new|recent|that\s+i\s+know\s+of)|nothing\s+has\s+changed|not\s+that\s+i\s+know|"
    r"(?:i\s+)?don'?t\s+think\s+so|no\s+recent\s+changes?|none\s+that\s+i\s+know\s+of)"
    r"(?:[\s,]+(?:that\s+i\s+know\s+of|that\s+i'?m\s+aware\s+of|recently|lately|changed|nothing|here|on\s+our\s+(?:end|side)|"
    r"not\s+that\s+i\s+know\s+of|thanks?|thx|ty|as\s+far\s+as\s+i\s+know|afaik|at\s+all|nope|none|no))*$"
)
_NOTHING_TRIED = re.compile(
    r"^(?:no|nope|nah|n|none|nothing|not\s+yet|nothing\s+yet|nothing\s+really|n/?a|haven'?t|not\s+really|"
    r"(?:we|i)\s+(?:haven'?t|have\s+not|didn'?t|did\s+not)(?:\s+tried)?(?:\s+anything)?(?:\s+yet)?|not\s+anything|no\s+(?:steps|troubleshooting))"
    r"(?:[\s,]+(?:yet|really|at\s+all|thanks?|sorry|so\s+far))*$"
)
_BARE_YES = re.compile(r"^(?:yes|yeah|yep|yup|y|ya|yse|sure|some|a\s+few\s+things|a\s+lot)$")


def parse_recent_change(text: str) -> str | None:
    """"none" when nothing changed, the client's words when something did, None for a bare "yes"."""
    stripped = text.strip()
    norm = _FILLER.sub("", normalise(stripped))
    if not norm:
        return None
    if _NOTHING_CHANGED.match(norm):
        return "none"
    if _BARE_YES.match(norm):
        return None
    return stripped


def parse_tried(text: str) -> str | None:
    """"nothing yet" when nothing was tried, the client's words otherwise, None for a bare "yes"."""
    stripped = text.strip()
    norm = _FILLER.sub("", normalise(stripped))
    if not norm:
        return None
    if _NOTHING_TRIED.match(norm):
        return "nothing yet"
    if _BARE_YES.match(norm):
        return None
    return stripped
