"""Phone numbers and email addresses: found in free text, or read and validated from an answer.

Analysts call clients back, so a number or address we cannot use is worse than asking again:
the ``parse_*`` functions return None for anything doubtful and the engine re-asks. Phones are
shown in one form ("816-555-0142 x221", "+44 20 7946 0958") so a ticket reads the same whichever
way the client typed it.

"Same as above" for the department line is not a number: :func:`means_same` recognises it and the
caller copies the direct phone; :func:`means_none` recognises "we don't have one". Neither is a
sentinel returned by :func:`parse_phone`, which only ever returns a real number or None.
"""

from __future__ import annotations

import re

_EXT = r"(?:\s*,?\s*(?:x|ext\.?|extn\.?|extension|ex\.)\s*(?P<ext>\d{1,6}))?"
_NANP = re.compile(
    r"(?<![\w+\-.@/])(?:\+?1[\s.\-]?)?(?:\((?P<area1>\d{3})\)|(?P<area2>\d{3}))(?P<sep1>[\s.\-]?)"
    r"(?P<exch>\d{3})(?P<sep2>[\s.\-]?)(?P<line>\d{4})(?![\d\-/]|\.\d)" + _EXT,
    re.I,
)
_INTL = re.compile(
    r"(?<![\w+])\+(?:(?P<cc>[2-9]\d{0,2})(?P<rest>(?:\s*\(0\)\s*|[\s.\-]+)\(?\d{1,8}\)?(?:[\s.\-]+\(?\d{1,8}\)?){0,5})"
    r"|(?P<bare>[2-9]\d{7,14}))(?!\d)" + _EXT,
    re.I,
)
_ID_BEFORE = re.compile(
    r"(?i:\b(?:mrn|acc\w*|id|no\.?|number|order|account|acct|serial|sn|ticket|case|study|fin|csn|\#))\W{0,3}$"
)
_PHONE_BEFORE = re.compile(r"(?i:\b(?:phone|cell|call|tel|mobile|direct|line|reach|fax)\b)")
_LOCAL_PART = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_DOMAIN = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}"
_VALID_EMAIL = re.compile(rf"(?P<local>{_LOCAL_PART})@(?P<domain>{_DOMAIN})")
_EMAIL_IN_TEXT = re.compile(rf"(?<![\w.+%@'-]){_LOCAL_PART}@{_DOMAIN}(?![\w@-]|\.[A-Za-z0-9])")
_SPACED_AT = re.compile(r"(?<=\w)\s+@\s*(?=\w)|(?<=\w)\s*@\s+(?=\w)")
_TOKEN_EDGES = "<>()[]{}\"'`,;:!?."
_WORDS = re.compile(r"[a-z']+")
_SAME_WORDS = frozenset({"same", "sane", "smae", "saem", "sam", "ditto", "above", "identical"})
_NEGATIONS = frozenset({"not", "different", "another", "other", "isn't", "isnt", "no"})
_USE_DIRECT = re.compile(r"\b(?:use|call|try)\s+(?:the\s+|my\s+)?(?:first|direct|previous|cell|mobile|that)\b", re.I)
_NONE = re.compile(
    r"^\s*(?:none|n/?a|nope|no|nah|skip|not\s+applicable|no\s+(?:department|dept|separate|other|dedicated)\b.*"
    r"|(?:we|i)\s+(?:don'?t|do\s+not|dont)\s+have\s+(?:one|a\s+.*|any)|(?:there\s+is|there'?s|there\s+isn'?t)\b.*"
    r"|don'?t\s+have\s+(?:one|any)|nothing|not\s+really)\s*[.!]*\s*$",
    re.I,
)


def find_phones(text: str) -> list[str]:
    """Every phone number in free text, in display form, without duplicates, in order."""
    return _phones(text, strict=True)


def parse_phone(text: str) -> str | None:
    """The phone number in an answer to "what number can we reach you on?", or None."""
    phones = _phones(text, strict=False)
    return phones[0] if phones else None


def find_emails(text: str) -> list[str]:
    """Every valid email address in free text (domain lower-cased), without duplicates, in order."""
    out: list[str] = []
    for m in _EMAIL_IN_TEXT.finditer(text):
        email = _normalise_email(m.group())
        if email and email not in out:
            out.append(email)
    return out


def parse_email(text: str) -> str | None:
    """The one email address in an answer, validated; None when there is none, several or a broken one."""
    text = _SPACED_AT.sub("@", text)
    candidates = {_strip_token(token) for token in text.split() if "@" in token}
    if len(candidates) != 1:
        return None
    return _normalise_email(candidates.pop())


def means_same(text: str) -> bool:
    """The client says the department line is the number they already gave ("same as above")."""
    if sum(c.isdigit() for c in text) >= 7:
        return False
    words = _WORDS.findall(text.lower())
    if not words or len(words) > 10 or _NEGATIONS.intersection(words):
        return False
    return bool(_SAME_WORDS.intersection(words)) or bool(_USE_DIRECT.search(text))


def means_none(text: str) -> bool:
    """The client has no such number ("we don't have one", "n/a") — worth recording, not re-asking."""
    return bool(_NONE.match(text)) and not any(c.isdigit() for c in text)


def _phones(text: str, *, strict: bool) -> list[str]:
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for m in _NANP.finditer(text):
        area = m.group("area1") or m.group("area2")
        unseparated = not (m.group("area1") or m.group("sep1") or m.group("sep2"))
        # Ten bare digits in free text may be an MRN or an order number; only a valid NANP
        # number (area code and exchange starting 2-9) counts there.
        if strict and unseparated and (area[0] in "01" or m.group("exch")[0] in "01" or _labelled_id(text, m.start())):
            continue
        found.append((m.start(), _nanp_display(area, m.group("exch"), m.group("line"), m.group("ext"))))
        taken.append(m.span())
    for m in _INTL.finditer(text):
        if any(start <= m.start() < end for start, end in taken):
            continue
        ext = f" x{m.group('ext')}" if m.group("ext") else ""
        if m.group("bare"):
            found.append((m.start(), f"+{m.group('bare')}{ext}"))
            continue
        groups = re.findall(r"\d+", m.group("rest").replace("(0)", ""))
        if 6 <= sum(len(g) for g in groups) <= 14:
            found.append((m.start(), f"+{m.group('cc')} {' '.join(groups)}{ext}"))
    out: list[str] = []
    for _, display in sorted(found):
        if display not in out:
            out.append(display)
    return out


def _labelled_id(text: str, pos: int) -> bool:
    before = text[max(0, pos - 24) : pos]
    return bool(_ID_BEFORE.search(before)) and not _PHONE_BEFORE.search(before)


def _nanp_display(area: str, exchange: str, line: str, ext: str | None) -> str:
    return f"{area}-{exchange}-{line}" + (f" x{ext}" if ext else "")


def _strip_token(token: str) -> str:
    token = token.lstrip("<([{\"'`").rstrip(_TOKEN_EDGES)
    return token[7:] if token.lower().startswith("mailto:") else token


def _normalise_email(candidate: str) -> str | None:
    m = _VALID_EMAIL.fullmatch(candidate)
    if m is None or len(candidate) > 254 or len(m.group("local")) > 64:
        return None
    return f"{m.group('local')}@{m.group('domain').lower()}"
