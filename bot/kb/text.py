"""Text normalisation shared by the index and the query: tokens, a light stemmer, stop words.

Articles and queries go through exactly the same steps, so a word matches whatever form the
client typed ("crashes", "crashed", "crashing" → "crash").
"""

from __future__ import annotations

import re
import unicodedata

_TOKEN = re.compile(r"[a-z0-9]+")
_APOSTROPHE = re.compile(r"(?<=[a-z])['’`](?=[a-z])")
_VOWELS = set("aeiouy")

# Ordinary English function words plus chat filler: words that say nothing about *which*
# problem the client has ("hi, urgent help please, issue with…").
STOPWORDS: frozenset[str] = frozenset(
    """
    a about above after again against all almost also am an and any anyone anything are aren
    arent around as at be because been before being below between both but by can cannot cant
    could couldnt did didnt do does doesnt doing dont during each either else even ever
    every everything few for from further get gets getting got gotten had hadnt has hasnt have
    havent having he her here hers herself him himself his how however i id if ill im in into
    is isnt it its itself ive just keep keeps kind know let lets like ll made make me might
    more most much must my myself need needs needed no nor not now of off ok okay on once only
    or other our ours ourselves out over own per please pls plz probably quite rather re really
    regarding s same seem seems she should shouldnt so some somebody someone something sometimes
    soon still such sure t than that thats the their theirs them themselves then there these
    they theyre this those though through to too try trying tried u under until up upon us use
    used using very want wanted was wasnt way we were werent what whats when where whether which
    while who whom why will with within without wont would wouldnt yes yet you your yours
    yourself ve d m
    hi hello hey dear team folks guys morning afternoon evening good thanks thank thx ty cheers
    regards kindly urgent urgently asap immediately quickly help helps helping assist assistance
    support issue issues problem problems trouble question questions query wondering wonder
    advise advice anybody today yesterday tomorrow tonight right now currently again still
    already ago since seem seems happening happened happen keeps going gone lately recently
    everyone everybody one two three guess think thought maybe perhaps actually basically
    literally also since able unable fine please appreciate appreciated asked ask told tell
    saying says said via etc thing things stuff lot lots bit little big time times day days
    week weeks minute minutes hour hours work working works worked fix fixed fixing
    """.split()
)

_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("izations", "iz"),
    ("isations", "iz"),
    ("ization", "iz"),
    ("isation", "iz"),
    ("ational", "at"),
    ("ations", "at"),
    ("ation", "at"),
    ("ments", ""),
    ("ment", ""),
    ("ions", ""),
    ("ion", ""),
    ("ically", "ic"),
    ("ings", ""),
    ("ing", ""),
    ("edly", ""),
    ("ied", "y"),
    ("ies", "y"),
    ("ed", ""),
    ("ers", ""),
    ("er", ""),
    ("ly", ""),
    ("izes", "iz"),
    ("ized", "iz"),
    ("ize", "iz"),
    ("ises", "iz"),
    ("ised", "iz"),
    ("ise", "iz"),
    ("es", "e"),
    ("s", ""),
)


def normalize(text: str) -> str:
    """Lower-case ASCII folding with apostrophes inside words removed ("won't" → "wont")."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = text.lower()
    if "'" in text or "’" in text or "`" in text:
        text = _APOSTROPHE.sub("", text)
    return text


def words(text: str) -> list[str]:
    """The alphanumeric words of ``text``, normalised, in order."""
    return _TOKEN.findall(normalize(text))


_STEM_CACHE: dict[str, str] = {}
_STEM_CACHE_MAX = 500_000


def stems(words_: list[str]) -> list[str]:
    """:func:`stem` of each word, through a plain dict cache (index builds stem millions)."""
    out = list(map(_STEM_CACHE.get, words_))
    if None in out:
        for i, value in enumerate(out):
            if value is None:
                out[i] = stem(words_[i])
    return out  # type: ignore[return-value]


def stem(word: str) -> str:
    """Cached :func:`_stem`."""
    cached = _STEM_CACHE.get(word)
    if cached is None:
        if len(_STEM_CACHE) >= _STEM_CACHE_MAX:
            _STEM_CACHE.clear()
        cached = _STEM_CACHE[word] = _stem(word)
    return cached


def _stem(word: str) -> str:
    """A small suffix stripper: enough to join inflections, cheap enough for every query."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith(("ss", "us", "is")):
        return word
    if word[-1] == "s" and not _VOWELS & set(word[:-1]):
        return word[:-1]  # an acronym's plural: "pdfs", "cts", "aets"
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix):
            base = word[: -len(suffix)]
            if len(base) >= 3 and _VOWELS & set(base):
                word = base + replacement
                break
    if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word
