"""What the client wants from the conversation itself: start over, cancel, a person, confirm, edit.

Global intents (start over, cancel, handoff) are honoured at any point, so they are only read
from messages that are *commands* — the whole message, give or take "please" and "thanks" —
never from a problem description that happens to contain the words ("the study was cancelled by
the tech", "I need someone to look at the archive"). Context intents (solved / not solved,
confirm / edit) are read only when the bot is asking that question.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

from rapidfuzz.distance import OSA

from bot.core.answers import normalise, parse_yes_no


class Intent(StrEnum):
    """Conversation-level intents; the values equal the stable action ids."""

    START_OVER = "start_over"
    CANCEL = "cancel"
    HANDOFF = "handoff"
    CONFIRM = "confirm"
    EDIT = "edit"
    KB_SOLVED = "kb_solved"
    KB_NOT_SOLVED = "kb_not_solved"


# Keywords whose one-letter typos ("cancle", "humna", "sovled", "emial") are corrected before matching.
_KEYWORDS = (
    "cancel start again restart human person agent someone somebody speak representative operator transfer connect "
    "nevermind solved fixed worked working helped submit correct confirm change wrong analyst support email phone "
    "address department workaround administrator admin number problem description patient tried recent talk"
).split()
# Real words one edit away from a keyword; never "corrected".
_REAL_WORDS = frozenset(
    "cancer starts stars smart stark start's fixes works helper persons humane agents sober phones emails numbers "
    "solve fixer worker changed changes wrongs talks admit admins submits corrects recant tired fried cried dried mixed "
    "decent resent patients problems starter startle".split()
)

_LEAD = r"^(?:(?:ok|okay|k|actually|sorry|hey|hi|hello|please|pls|plz|just|um|uh|well|so|bot|wait|oh|ugh|yes|no|nah|hmm)[\s,.!]+)*"
_ASK = (
    r"(?:(?:can|could|may|would|will)\s+(?:i|we|you)\s+(?:please\s+|just\s+)?|(?:i\s+|i'?d\s+|id\s+)(?:want|wanna|need|would\s+like|like|wish)"
    r"\s+(?:to\s+)?|let'?s\s+|lets\s+|let\s+me\s+|let\s+us\s+|please\s+|pls\s+|i'?m\s+going\s+to\s+|i\s+will\s+|i'?ll\s+|"
    r"how\s+do\s+i\s+|how\s+can\s+i\s+)?"
)
_TAIL = r"(?:[\s,.!]+(?:please|pls|plz|now|thanks|thank\s+you|thx|ty|asap|then|again|instead|lol|sorry|ok|here|for\s+me))*[\s.!?]*$"
_PERSON = (
    r"(?:(?:a|an|the|some|your|one\s+of\s+your|real|live|actual|human|support|service|help\s*desk|desk|pacs|on-?call|tech)\s+)*"
    r"(?:human(?:\s+being)?|person|people|agent|some\s*one|some\s*body|any\s*one|any\s*body|representative|rep|operator|"
    r"analyst|engineer|technician|staff(?:\s+member)?|support(?:\s+(?:team|staff|person|agent|analyst|desk|line))?|"
    r"service\s+desk|help\s*desk|live\s+chat|specialist|supervisor|manager|man|woman|guy|you\s+guys|real\s+one)"
)


def _grammar(core: str) -> re.Pattern[str]:
    return re.compile(_LEAD + _ASK + r"(?:" + core + r")" + _TAIL)


_START_OVER = _grammar(
    r"(?:start|begin|go|do\s+(?:it|this))\s+(?:all\s+|it\s+|this\s+)?(?:over|again|afresh|from\s+(?:the\s+)?(?:beginning|scratch|start|top))"
    r"|start\s+(?:a\s+)?(?:new|fresh|another)(?:\s+(?:one|ticket|request|chat|conversation|issue|problem))?"
    r"|(?:restart|reset|redo|reboot)\s+(?:the\s+|this\s+)?(?:chat|conversation|intake|process|questions|form|bot|over|everything|this)"
    r"|startover|start-over|from\s+the\s+(?:beginning|top)|(?:a\s+|open\s+a\s+)?new\s+(?:ticket|request|issue|chat|conversation)"
    r"|take\s+it\s+from\s+the\s+top|clear\s+(?:this|everything|the\s+chat)|start\s+from\s+scratch|do\s+over"
)
_CANCEL = _grammar(
    r"(?:cancel|abort|stop|quit|exit|end)(?:\s+(?:it|this|that|everything|the\s+(?:ticket|request|chat|conversation|intake)"
    r"|my\s+(?:ticket|request)|this\s+(?:ticket|request|chat|conversation)))?"
    r"|never\s*mind|nvm|forget\s+(?:it|about\s+it|this|that)|(?:don'?t|do\s+not)\s+(?:file|submit|open|create|send)"
    r"(?:\s+(?:it|a|the|this|that)(?:\s+ticket)?)?|no\s+(?:need|longer\s+needed)(?:\s+for\s+(?:a|the)\s+ticket)?|not\s+needed\s+any\s*more"
    r"|i'?m\s+done|close\s+(?:this|it|the\s+chat|the\s+conversation)|(?:i\s+)?(?:don'?t|do\s+not)\s+need\s+(?:help|a\s+ticket|this)\s+any\s*more"
    r"|(?:cancel|never\s*mind|nvm|forget\s+it)[\s,.-]+(?:it'?s|its|it\s+is|it|we'?re|all)\s+(?:working|fine|ok|good|back|fixed|resolved"
    r"|started\s+working|sorted|up)(?:\s+(?:now|again))?(?:[\s,.]+(?:sorry|thanks))?"
)
_HANDOFF = _grammar(
    r"(?:talk|speak|chat|tlak)\s+(?:to|with)\s+" + _PERSON
    + r"|(?:connect|transfer|put|escalate|send|pass|forward)\s+(?:me\s+|this\s+)?(?:through\s+|over\s+)?(?:to|with)\s+" + _PERSON
    + r"|(?:get|give|find)\s+me\s+" + _PERSON
    + r"|(?:have|need|want|get|like)\s+" + _PERSON
    + r"|(?:talk|speak)\s+(?:to|with)\s+(?!you\b|u\b)[a-z]+(?:\s+(?!later\b)[a-z]+)?"
    + r"|(?:a\s+|an\s+)?(?:real|live|actual)?\s*(?:human(?:\s+being)?|person|agent|representative|operator|rep|live\s+chat|live\s+support)"
    + r"|(?:is\s+)?(?:there\s+)?(?:a\s+)?(?:human|person|anyone|anybody|someone|somebody)\s+(?:there|available|around|real|on\s+(?:the\s+)?(?:line|chat))"
    + r"|(?:i\s+)?(?:don'?t|do\s+not)\s+want\s+(?:to\s+(?:talk|chat|speak)\s+(?:to|with)\s+)?(?:a|the|this|your)\s+(?:bot|robot|machine)"
    + r"|(?:no|stop\s+the|enough\s+with\s+the)\s+(?:bots?|robots?)|handoff|hand\s+off|human\s+please|escalate(?:\s+this)?"
)

_STILL_BROKEN = re.compile(
    r"\bstill\s+(?:broken|not|no|need|needs|can'?t|cannot|won'?t|doesn'?t|isn'?t|having|getting|happening|failing|down|the\s+same"
    r"|an?\s+(?:issue|problem)|stuck|seeing|same|busted|slow|erroring|erroring|hanging|missing|blank|there)"
    r"|\b(?:did\s*n'?t|did\s+not|does\s*n'?t|does\s+not|do\s*n'?t|won'?t|wasn'?t|isn'?t|not|never)\s+(?:really\s+|quite\s+|seem\s+to\s+|help\s+to\s+)?"
    r"(?:help|work|fix|solve|resolve|apply|relevant|helpful|useful|it\b|my\s+(?:issue|problem)|the\s+(?:issue|problem|case|same)"
    r"|what\s+i\s+need|working|fixed|solved|resolved|related|applicable|change\s+anything|make\s+a\s+difference)"
    r"|\bno\s+(?:luck|dice|go|change|difference|joy)\b|\bnot\s+quite\b|\bnone\s+of\s+(?:these|those|them|that|the)\b"
    r"|\b(?:already\s+tried|tried\s+(?:that|those|it|them|this|all)(?:\s+already)?|already\s+did)\b|\bwrong\s+(?:article|one|issue)"
    r"|\bdifferent\s+(?:issue|problem)\b"
)
_SOLVED = re.compile(
    r"\b(?:fixed|solved|resolved|worked|helped|did\s+(?:it|the\s+trick)|sorted\s+it|that\s+was\s+it)\b"
    r"|\b(?:works|working|fine|good|ok|okay|sorted|back\s+up|up)\s+(?:now|again)\b|\ball\s+(?:good|set|sorted|fixed)\b"
    r"|\bgot\s+it\s+(?:working|fixed|going)\b|^(?:perfect|great|awesome|excellent|brilliant|sweet|nice)\b"
    r"|\b(?:don'?t|do\s+not)\s+need\s+(?:a\s+ticket|help|anything)\b|\bno\s+(?:need\s+for\s+a|ticket\s+needed)"
)
_WANTS_TICKET = re.compile(
    r"\b(?:need|want|open|file|create|submit|log|raise)\s+(?:a\s+|the\s+|my\s+)?(?:ticket|case|help|support|more\s+help|a\s+person)\b"
)
_EDIT = re.compile(
    r"\b(?:change|edit|fix|update|correct|modify|amend|redo)\s+(?:the|my|that|it|this|a|one|some|an|his|her|something|anything|stuff)\b"
    r"|\b(?:change|edit|update|modify|amend)\b(?!\s*(?:is|was)\b)"
    r"|\b(?:that'?s|that\s+is|it'?s|its|is|are|was|were)\s+(?:wrong|incorrect|not\s+(?:right|correct|quite\s+right|accurate))"
    r"|^(?:wrong|incorrect|not\s+(?:quite|right|correct|exactly)|nope|no|nah|mistake|typo|wait|hold\s+on)\b"
    r"|\b(?:wrong|incorrect|typo|mistake|should\s+(?:be|say)|needs?\s+to\s+be|actually\s+(?:it'?s|it\s+is))\b"
    r"|\b(?:let\s+me|i\s+(?:want|need|'?d\s+like)\s+to|can\s+i)\s+(?:change|edit|fix|correct|update)"
)
_CONFIRM = re.compile(
    r"\b(?:looks?\s+(?:good|great|fine|right|ok|okay|correct|perfect)|lgtm|all\s+(?:good|correct|right|fine)"
    r"|(?:that'?s|that\s+is|it'?s|its|everything'?s|everything\s+is)\s+(?:all\s+)?(?:right|correct|fine|good|accurate)"
    r"|correct|submit(?:\s+it)?|file\s+it|send\s+it|go\s+ahead|go\s+for\s+it|do\s+it|confirm(?:ed)?|sounds\s+good|perfect"
    r"|ship\s+it|(?:create|open|file|submit|log|raise)\s+(?:the\s+|a\s+|my\s+)?ticket|proceed|good\s+to\s+go|yes\s+please)\b"
)

_FIELDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("patient_care", r"\b(?:patient|patients|care|clinical|impact)\b"),
        ("workaround", r"\bwork\s*-?\s*arounds?\b"),
        ("pacs_admin", r"\b(?:admin|administrator|admins|pacs\s+person|pacs\s+team)\b"),
        ("tried", r"\b(?:tried|try|troubleshooting|troubleshoot|steps|what\s+i\s+did|what\s+we\s+did|already\s+did)\b"),
        ("recent_change", r"\b(?:recent|recently|changes|what\s+changed|upgrade|upgraded)\b"),
        ("scope", r"\b(?:number\s+of\s+(?:users|people|sites|persons)|how\s+many|who\s+is\s+affected|who'?s\s+affected|scope)\b"),
        ("department_line", r"\b(?:department|dept|desk\s+line|main\s+line|front\s+desk|office\s+line|unit\s+line|second\s+(?:number|phone)"
         r"|other\s+(?:number|phone)|backup\s+(?:number|phone)|team\s+line)\b"),
        ("contact_phone", r"\b(?:phone|cell|mobile|direct|number|callback|call\s+back|extension|ext|tel|telephone)\b"),
        ("contact_email", r"\b(?:e-?mail|mail|address)\b"),
        ("scope", r"\b(?:users?|people|sites?|affected|everyone|persons?|hospitals?|locations?)\b"),
        ("description", r"\b(?:problem|description|describe|issue|details|symptoms?|summary|what\s+happened|error|the\s+text)\b"),
    )
)


def detect_intent(text: str, *, expecting: str | None) -> Intent | None:
    """The conversation intent of a typed message, or None when it is an ordinary answer."""
    norm = _correct_typos(normalise(text))
    if not norm or len(norm) > 160:
        return None
    for intent, grammar in ((Intent.START_OVER, _START_OVER), (Intent.CANCEL, _CANCEL), (Intent.HANDOFF, _HANDOFF)):
        if grammar.match(norm):
            return intent
    if expecting == "kb_feedback":
        return _kb_feedback(norm)
    if expecting == "confirm":
        return _confirm(norm)
    return None


def field_for_edit(text: str) -> str | None:
    """Which summary field the client wants to correct ("the phone", "email is wrong"), or None."""
    norm = _correct_typos(normalise(text))
    for name, pattern in _FIELDS:
        if pattern.search(norm):
            return name
    return None


def _kb_feedback(norm: str) -> Intent | None:
    if _STILL_BROKEN.search(norm):
        return Intent.KB_NOT_SOLVED
    if _SOLVED.search(norm):
        return Intent.KB_SOLVED
    if _WANTS_TICKET.search(norm):
        return Intent.KB_NOT_SOLVED
    answer = parse_yes_no(norm)
    if answer is None:
        return None
    return Intent.KB_SOLVED if answer else Intent.KB_NOT_SOLVED


def _confirm(norm: str) -> Intent | None:
    if _EDIT.search(norm):
        return Intent.EDIT
    if _CONFIRM.search(norm):
        return Intent.CONFIRM
    answer = parse_yes_no(norm)
    if answer is None:
        return None
    return Intent.CONFIRM if answer else Intent.EDIT


def _correct_typos(norm: str) -> str:
    return re.sub(r"[a-z]{5,}", lambda m: _closest_keyword(m.group()), norm)


@lru_cache(maxsize=4096)
def _closest_keyword(word: str) -> str:
    if word in _KEYWORDS or word in _REAL_WORDS:
        return word
    limit = 1 if len(word) < 9 else 2
    best = [k for k in _KEYWORDS if abs(len(k) - len(word)) <= limit and OSA.distance(word, k, score_cutoff=limit) <= limit]
    return best[0] if len(best) == 1 else word
