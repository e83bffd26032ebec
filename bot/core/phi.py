"""Find and redact patient identifiers in client text before it is stored, logged or echoed.

The desk's guide asks clients to follow HIPAA, yet people paste MRNs and names into chats. We
redact what is clearly patient-identifying (SSNs, labelled MRNs and accession numbers, dates of
birth, a name after "patient"/"pt"/"Mrs." or next to one of those identifiers, DICOM ``^`` names,
HL7 PID segments) and leave alone what support needs: phone numbers, emails, IPs, AE titles,
ports, study dates and staff names. Everything is precompiled; one pass over 4,000 characters
takes well under a millisecond.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TAGS: dict[str, str] = {
    "ssn": "[SSN redacted]",
    "mrn": "[MRN redacted]",
    "accession": "[accession redacted]",
    "dob": "[DOB redacted]",
    "name": "[name redacted]",
    "hl7_pid": "[PID segment redacted]",
}


@dataclass(frozen=True)
class Redaction:
    """The text with identifiers replaced by tags, and which kinds were found (sorted, unique)."""

    text: str
    kinds: tuple[str, ...]

    @property
    def found(self) -> bool:
        """Whether anything was redacted."""
        return bool(self.kinds)


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_FULL_DATE = (
    r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})(?![\d/.\-]\d)"
    r"|(?:19|20)\d{2}[/.\-]\d{1,2}[/.\-]\d{1,2}(?!\d)"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{2,4}}(?!\d)"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{2,4}}(?!\d))"
)
# After a birth label a partial date or a compact YYYYMMDD is still a date of birth.
_ANY_DATE = rf"(?:{_FULL_DATE}|(?:19|20)\d{{6}}(?!\d)|\d{{1,2}}[/\-]\d{{1,2}}(?![\d/\-])|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b)"

_SEP = r"(?:\s*(?:[:#=]|no\b\.?|num(?:ber)?\b|is\b|was\b|of\b))*\s*"
_SSN_LABEL = r"\b(?:ssn|social\s+security(?:\s+(?:number|no\.?|\#))?|soc\.?\s*sec\.?)"
_LABELS = {
    "mrn": (
        r"(?:mrn|m\.r\.n\.?|mr\s*\#|med(?:ical)?\.?\s*rec(?:ord)?s?\.?(?:\s*(?:\#|no\b\.?|num(?:ber)?\b))?"
        r"|(?:patient|pt)\.?[\s_]*(?:id\b|\#|number\b|no\b\.?)|(?:patient|pt)(?=\s*[:#]?\s*\d{5})|pid(?=\s*[:#=]?\s*\d)|empi|fin(?=\s*[:#=]?\s*\d)|csn"
        r"|(?:encounter|visit|chart)\s*(?:\#|id\b|no\b\.?|num(?:ber)?\b))"
    ),
    "accession": r"(?:accession|accn?\b\.?|acc(?=\s*\#))(?:[\s_]*(?:\#|no\b\.?|num(?:ber)?s?\b))?",
}
# Scanners run over the lower-cased text and start with literals, which lets `re` skip ahead fast;
# the word boundary before a match is checked in Python (a leading word-boundary assertion would defeat that).
_LABEL_RE = re.compile("|".join(f"(?P<{k}>{v})" for k, v in _LABELS.items()))
_ID_VALUE = re.compile(_SEP + r"(?P<value>[A-Za-z]{0,4}-?\d[A-Za-z0-9\-]{1,24})(?![A-Za-z0-9@])", re.I)
_DIGITY = re.compile(r"(?<![\w.:/@\-])(?=[A-Za-z0-9\-]*\d{5})[A-Za-z0-9][A-Za-z0-9\-]{4,24}(?![\w.@/])")
_PHONEISH = re.compile(r"^(?:\+?1-?)?\d{3}-\d{3}-\d{4}$")
_CLAUSE_END = re.compile(r"[.?!;\n]|\b(?:call|phone|cell|port|ext|ip)\b", re.I)
_BARE_SSN = re.compile(r"\d{3}([\- ])\d{2}\1\d{4}(?![\w\-./])")
_LABELLED_SSN = re.compile(_SSN_LABEL + r"\s*[:#=]?\s*(?:is\s+)?\d{3}[\s.\-]?\d{2}[\s.\-]?\d{4}\b", re.I)
_DOB_LABEL = re.compile(
    r"d\.?\s?o\.?\s?b\b\.?|date\s+of\s+birth|patient[\s_]?birth[\s_]?date|birth[\s_]?date|birthday|born(?:\s+on)?\b|b-?day"
)
_DOB_VALUE = re.compile(r"[^.?!;\n\d]{0,24}?(?:\b(?:is|was|as|of|on|:)\s*)?(?P<value>" + _ANY_DATE + ")", re.I)
_DATE_NEAR = re.compile(r"[\s,;:(\[\-–—|]*(?:(?i:dob|born)\s*)?(?P<value>" + _FULL_DATE + ")", re.I)
_DATE_BEFORE = re.compile("(?P<value>" + _FULL_DATE + r")[\s,;:)\]\-–—|]*$", re.I)
_HL7_PID = re.compile(r"(?<![A-Z])PID\|(?P<value>[^\r\n]*?)(?=[\r\n]|\s+[A-Z][A-Z0-9]{2}\||$)")
_DICOM = re.compile(
    r"\(?(?P<tag>0010,\s?0010|0010,\s?0020|0010,\s?0030|0010,\s?1000|0010,\s?1001|0008,\s?0050)\)?[^\[\n]{0,40}\[(?P<value>[^\]\n]+)\]"
)
_DICOM_KIND = {"00100010": "name", "00100020": "mrn", "00100030": "dob", "00101000": "mrn", "00101001": "name", "00080050": "accession"}

_CAP = r"(?:Ma?c|O['’]|D['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_UP = r"(?:MA?C|O['’]|D['’])?[A-Z]{2,}(?:-[A-Z]{2,})?"
_INIT = r"[A-Z]\.?"
_NAME_SHAPES = (
    rf"(?P<caret>[A-Za-z][A-Za-z'’\-]{{1,40}}\^[A-Za-z][A-Za-z'’\-]{{0,40}}(?:\^[A-Za-z.'’\-]{{0,40}}){{0,3}})(?![\w^])"
    rf"|(?P<comma>(?:{_CAP}|{_UP})\s*,\s*(?:{_CAP}|{_UP})(?:\s+{_INIT})?)(?![\w'’])"
    rf"|(?P<natural>(?:{_CAP}|[A-Z]\.)(?:\s+(?:{_INIT}\s+)?{_CAP}){{1,2}})(?![\w])"
    rf"|(?P<upper>{_UP}(?:\s+{_UP}){{1,2}})(?![\w])"
    rf"|(?P<single>{_CAP})(?![\w])"
    r"|(?P<lower>[a-z][a-z'’\-]+(?:\s*,?\s+[a-z][a-z'’\-]+)?)(?![\w])"
)
_NAME_AT = re.compile(_NAME_SHAPES)
_NAME_BEFORE = re.compile(r"(?:" + _NAME_SHAPES + r")(?:['’]s)?\s*[,;:(\[\-–—/|]?\s*$")
_AFTER_ID = re.compile(r"[\s,;:)\]\-–—/|]*")
_MARKER = re.compile(r"(?:patient|pt)s?\b\.?(?:['’]s)?(?:\s+(?:name|named|called))?(?:\s+(?:is|was))?\s*[:=\-]?\s*")
_HONORIFIC = re.compile(r"(?P<title>mrs|mr|ms|miss)\b(?P<dot>\.)?\s+")
_CARET = re.compile(r"(?<![\w^])" + _NAME_SHAPES.split("|", 1)[0])
_STAFF_BEFORE = re.compile(
    r"(?i:\b(?:this\s+is|i\s+am|i['’]?m|my\s+name\s+is|ask\s+for|contact|call|e-?mail|reach|talk\s+to|speak\s+(?:to|with)|cc|from"
    r"|manager|director|supervisor|admin(?:istrator)?)\s*)$"
)
_STAFF_AFTER = re.compile(
    r"(?i:,?\s+(?:from|in|at|of|with)\s+(?:the\s+|our\s+)?(?:it\b|i\.t\.|pacs|help\s*desk|service\s+desk|support|informatics"
    r"|admin|biomed|engineering|radiology\s+it|imaging\s+it|it\s+dep)|,?\s+(?:our|the)\s+(?:pacs|it|manager|director|supervisor|admin))"
)
_DIGIT = re.compile(r"\d")
_ASCII_LOWER = str.maketrans({chr(c): chr(c + 32) for c in range(65, 91)})
_NOT_BEFORE_SSN = frozenset("+-./_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_WORD_START = re.compile(r"(?<![\w'’\-^/.])[A-Za-z0-9]")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’\-]*\.?")

_STOP = frozenset(
    """a an and or the is was has have had are were be been in on at for to from with of by it its this that
    these those my our your his her their not no yes can cant cannot will would should could please thanks thank
    hi hello hey dear team support help also but so then when where what which who why how all any some every
    each both just only still again now today yesterday tomorrow tonight morning afternoon evening night am pm
    monday tuesday wednesday thursday friday saturday sunday january february march april june july august
    september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    patient patients pt study studies series image images exam exams scan scans order orders report reports
    prior priors record records chart list lookup search jacket folder portal name names id ids number demographics
    merge merged info information data header headers history reconciliation registration queue worklist viewer
    tab screen window field fields browser explorer banner context module summary details detail timeline
    archive pacs ris emr ehr his hl7 dicom modality ct mr mri cr dx us ultrasound xray mammo mammography nuclear
    pet fluoro echo cath lab radiology radiologist radiologists tech techs technologist er ed icu room reading
    station workstation workstations server service services node department dept hospital clinic site center
    imaging medical general memorial regional university saint st north south east west main new old wrong
    missing duplicate incorrect correct same other another different multiple several many first last next
    previous recent current unknown test demo error errors issue issues problem problems ticket case request
    update updated ok okay urgent stat asap head chest abdomen pelvis spine brain knee shoulder hand foot left
    right bilateral contrast without view views load loading open opening show showing shows display sent send
    sending received arrived query retrieve move store print burn cd dvd epic cerner meditech is isnt wasnt
    doesnt didnt wont dont images' none nothing everyone anyone someone doctor dr nurse tomo scanner console suite machine unit system cta mra pacs's
    keeps keep got get gets getting came comes went goes come here there thing things stuff file files
    """.replace("'", "").split()
)
_FIRST_NAMES = frozenset(
    """james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony
    mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan
    jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory frank
    alexander raymond patrick jack dennis jerry tyler aaron jose adam henry nathan douglas zachary peter kyle
    walter ethan jeremy harold keith christian roger noah gerald carl terry sean austin arthur lawrence jesse
    dylan bryan joe jordan billy bruce albert willie gabriel logan alan juan wayne roy ralph randy eugene
    vincent russell elijah louis bobby philip johnny luis carlos miguel mary patricia jennifer linda elizabeth
    barbara susan jessica sarah karen lisa nancy betty margaret sandra ashley kimberly emily donna michelle
    carol amanda dorothy melissa deborah stephanie rebecca sharon laura cynthia kathleen amy angela shirley
    anna brenda pamela emma nicole helen samantha katherine christine debra rachel carolyn janet catherine
    maria heather diane ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith
    megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances kathryn janice jean
    abigail alice julia judy sophia grace denise amber doris marilyn danielle beverly isabella theresa diana
    natalie brittany charlotte marie kayla alexis lori jane rosa ana elena sofia lucia carmen""".split()
)


def redact(text: str) -> Redaction:
    """Replace patient identifiers in ``text`` with tags such as ``[MRN redacted]``."""
    spans: list[tuple[int, int, str]] = []
    low = text.lower()
    if len(low) != len(text):
        low = text.translate(_ASCII_LOWER)
    _find_identifiers(text, low, spans)
    ids = sorted(set(spans))
    _find_names(text, low, spans)
    for start, end, _kind in ids:
        _names_beside(text, start, end, spans)
    for start, end, kind in sorted(set(spans)):
        if kind in {"name", "mrn", "accession"}:
            _dates_beside(text, start, end, spans)
    if not spans:
        return Redaction(text=text, kinds=())
    spans = sorted(set(spans), key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[str] = []
    kinds: set[str] = set()
    pos = 0
    for start, end, kind in spans:
        if start < pos:
            continue
        out.append(text[pos:start])
        out.append(TAGS[kind])
        kinds.add(kind)
        pos = end
    out.append(text[pos:])
    return Redaction(text="".join(out), kinds=tuple(sorted(kinds)))


def _starts_word(text: str, pos: int) -> bool:
    return pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] == "_")


def _is_label(low: str, m: re.Match[str]) -> bool:
    """A label at a word start that is not the inside of one of our own tags ("[MRN redacted]")."""
    if not _starts_word(low, m.start()):
        return False
    return not (m.start() > 0 and low[m.start() - 1] == "[" and low.startswith(" redacted]", m.end()))


def _find_identifiers(text: str, low: str, spans: list[tuple[int, int, str]]) -> None:
    for m in _LABELLED_SSN.finditer(text) if ("ss" in low or "soc" in low) else ():
        spans.append((m.start(), m.end(), "ssn"))
    for m in _BARE_SSN.finditer(text):
        if m.start() == 0 or text[m.start() - 1] not in _NOT_BEFORE_SSN:
            spans.append((m.start(), m.end(), "ssn"))
    for m in _HL7_PID.finditer(text) if "PID|" in text else ():
        if m.group("value").strip("| "):
            spans.append((m.start("value"), m.end("value"), "hl7_pid"))
    for m in _DICOM.finditer(text) if ("0010," in text or "0008," in text) else ():
        if " redacted" in m.group("value"):
            continue
        spans.append((m.start("value"), m.end("value"), _DICOM_KIND[re.sub(r"\D", "", m.group("tag"))]))
    for m in _DOB_LABEL.finditer(low):
        if not _is_label(low, m) or not _DIGIT.search(text, m.end(), m.end() + 40):
            continue
        v = _DOB_VALUE.match(text, m.end())
        if v:
            gap = text[m.end() : v.start("value")]
            start = m.start() if not gap.strip(" :#=-") else v.start("value")
            spans.append((start, v.end("value"), "dob"))
    for m in _LABEL_RE.finditer(low):
        kind = m.lastgroup or "mrn"
        if not _is_label(low, m) or not _DIGIT.search(text, m.end(), m.end() + 48):
            continue
        v = _ID_VALUE.match(text, m.end())
        end = m.end()
        if v and sum(c.isdigit() for c in v.group("value")) >= 3 and not _PHONEISH.match(v.group("value")):
            spans.append((m.start(), v.end("value"), kind))
            end = v.end("value")
        _digits_in_clause(text, end, kind, spans)


def _digits_in_clause(text: str, pos: int, kind: str, spans: list[tuple[int, int, str]]) -> None:
    """'MRN was changed from 1234567 to 7654321': digit runs later in the same clause."""
    window_end = min(len(text), pos + 48)
    stop = _CLAUSE_END.search(text, pos, window_end)
    if stop:
        window_end = stop.start()
    for d in _DIGITY.finditer(text, pos, window_end):
        if not _PHONEISH.match(d.group()):
            spans.append((d.start(), d.end(), kind))


def _find_names(text: str, low: str, spans: list[tuple[int, int, str]]) -> None:
    for m in _MARKER.finditer(low):
        if _starts_word(low, m.start()):
            _take_name(text, m.end(), spans, min_tokens=1, allow_lower=True)
    for m in _HONORIFIC.finditer(low):
        if not _starts_word(low, m.start()):
            continue
        title = text[m.start() : m.end("title")]
        # "MR"/"MS" are a modality and milliseconds; lower-case "mr"/"ms" need a capitalised name.
        if (title in {"MR", "MS"} and not m.group("dot")) or _STAFF_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            continue
        loose = bool(m.group("dot")) or title.lower() in {"mrs", "miss"} or title[0].isupper()
        before = len(spans)
        _take_name(text, m.end(), spans, min_tokens=1, allow_lower=loose, any_lower=True)
        if len(spans) > before and _STAFF_AFTER.match(text, spans[-1][1]):
            spans.pop()
    for m in _CARET.finditer(text) if "^" in text else ():
        spans.append((m.start(), m.end(), "name"))


def _take_name(
    text: str, pos: int, spans: list[tuple[int, int, str]], *, min_tokens: int, allow_lower: bool, any_lower: bool = False
) -> None:
    m = _NAME_AT.match(text, pos)
    if m is None:
        return
    shape = m.lastgroup or ""
    if shape == "lower" and not allow_lower:
        return
    end = _valid_end(m.group(), shape, min_tokens=min_tokens, any_lower=any_lower)
    if end:
        spans.append((pos, pos + end, "name"))


def _valid_end(name: str, shape: str, *, min_tokens: int, any_lower: bool = False) -> int:
    """Length of the name that survives the stop-word check (0 when none does)."""
    if shape == "caret":
        return len(name)
    tokens = list(_TOKEN.finditer(name))
    words = [t.group().rstrip(".").lower().replace("’", "'").removesuffix("'s") for t in tokens]
    if shape == "comma":
        return len(name) if not any(w in _STOP and len(w) > 1 for w in words) else 0
    if shape == "lower":
        if not words or words[0] in _STOP:
            return 0
        if any_lower and (len(words) == 1 or words[1] in _STOP or words[0] not in _FIRST_NAMES):
            return tokens[0].end()
        if not any(w in _FIRST_NAMES for w in words):
            return 0
        if len(words) > 1 and words[1] in _STOP:
            return tokens[0].end() if words[0] in _FIRST_NAMES else 0
        return len(name)
    kept = 0
    for w in words:
        if w in _STOP or (shape == "upper" and len(w) < 3):
            break
        kept += 1
    if kept < min_tokens:
        return 0
    return tokens[kept - 1].end()


def _names_beside(text: str, start: int, end: int, spans: list[tuple[int, int, str]]) -> None:
    """A name right before or right after an identifier belongs to the patient."""
    before = _match_ending_at(_NAME_BEFORE, text, start, reach=60)
    if before:
        shape = before.lastgroup or ""
        name = before.group(shape)
        offset = before.start(shape)
        if shape in {"natural", "upper"}:
            tokens = list(_TOKEN.finditer(name))
            while tokens and tokens[0].group().rstrip(".").lower() in _STOP:
                tokens.pop(0)
            if tokens:
                offset += tokens[0].start()
                name = name[tokens[0].start() :]
        if shape != "single":
            n = _valid_end(name, shape, min_tokens=2)
            if n:
                spans.append((offset, offset + n, "name"))
    gap = _AFTER_ID.match(text, end)
    pos = gap.end() if gap else end
    after = _NAME_AT.match(text, pos)
    if after and after.lastgroup not in {"single", "lower"}:
        n = _valid_end(after.group(), after.lastgroup or "", min_tokens=2)
        if n:
            spans.append((pos, pos + n, "name"))


def _dates_beside(text: str, start: int, end: int, spans: list[tuple[int, int, str]]) -> None:
    """A full date right next to a patient's name or ID is taken for a date of birth."""
    after = _DATE_NEAR.match(text, end)
    if after:
        spans.append((after.start("value"), after.end("value"), "dob"))
    before = _match_ending_at(_DATE_BEFORE, text, start, reach=24)
    if before:
        spans.append((before.start("value"), before.end("value"), "dob"))


def _match_ending_at(pattern: re.Pattern[str], text: str, end: int, *, reach: int) -> re.Match[str] | None:
    """The longest match of ``pattern`` ending at ``end``, trying only word starts (fast)."""
    starts = [w.start() for w in _WORD_START.finditer(text, max(0, end - reach), end)]
    for start in starts[-6:]:
        m = pattern.match(text, start, end)
        if m:
            return m
    return None
