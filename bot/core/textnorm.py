"""Bring a client's message to one spelling before extraction reads it.

Reading-room messages arrive in every style: "cant see imgs pts waiting in ER", "the
archve is donw", "PACS Server DOWN!!!". Extraction patterns are written once, against a
normal form: lower case, straight apostrophes, expanded contractions and abbreviations,
and domain words with one typo (two in long words) corrected against a fixed vocabulary.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from bot.core.lexicon import COMMON_WORDS, DOMAIN_WORDS

# Case matters for a few tokens before lower-casing: "US" is ultrasound but "us" is us,
# "ER"/"OR" are places but "or" is a conjunction.
_CASED = (
    (re.compile(r"\bUS\b"), "ultrasound"),
    (re.compile(r"\bE\.?R\.?(?=\W|$)"), "ed"),
    (re.compile(r"\bE\.D\.(?=\W|$)"), "ed"),
    (re.compile(r"\bOR\b"), "operating room"),
    (re.compile(r"\bMR\b"), "mri"),
    (re.compile(r"\bIT\b"), "it department"),
)

_PHRASES: tuple[tuple[str, str], ...] = (
    (r"[\u2018\u2019\u02bc`\u00b4]", "'"),
    (r"[\u201c\u201d\u201e\u00ab\u00bb]", '"'),
    (r"[\u2013\u2014]", " - "),
    (r"\bw/o\b", "without"),
    (r"\bw/(?=\s)", "with"),
    (r"\bb/c\b", "because"),
    (r"\bu/s\b", "ultrasound"),
    (r"\bq/r\b", "query retrieve"),
    (r"\bx-?rays?\b", "xray"),
    (r"\bhl[- ]7\b", "hl7"),
    (r"\bwork ?station(s?)\b", r"workstation\1"),
    (r"\bwork list\b", "worklist"),
    (r"\blog-?in(?=\s+(?:to|into|on)\b)", "log in"),
    (r"\blog ?into\b", "log in to"),
    (r"\blogon\b", "login"),
    (r"\bsign(?:ed)? ?(?:in|on)\b", "log in"),
    (r"\bre-?(sen[dt]|push(?:ed)?|boot(?:ed)?|start(?:ed)?|install(?:ed)?)\b", r"re\1"),
    (r"\bre ?(sen[dt])\b", r"re\1"),
    (r"\bcan ?not\b", "can't"),
    (r"\b(is|are|was|were|do|does|did|have|has|had|could|would|should|wo|ca)(?:n't| not)\b", r"\1n't"),
    (r"\bwill not\b", "won't"),
    (r"\bno[- ]?one\b|\bno1\b", "nobody"),
    (r"\bevery ?1\b|\bevry ?1\b|\beveryone\b|\beverybody\b", "everyone"),
    (r"\bi'?m\b", "i am"),
    (r"\b(we|they|you|i)'?re\b", r"\1 are"),
    (r"\b(we|they|you|i)'?ve\b", r"\1 have"),
    (r"\b(we|they|you|i|it|he|she)'d\b", r"\1 would"),
    (r"\bit'?s\b(?! own)", "it is"),
    (r"\b(that|there|what|who|where|nothing|everything)'s\b", r"\1 is"),
    (r"\btheres\b", "there is"),
    (r"\bthats\b", "that is"),
)
_CONTRACTIONS = {
    "cant": "can't", "cnt": "can't", "wont": "won't", "dont": "don't", "doesnt": "doesn't",
    "didnt": "didn't", "isnt": "isn't", "arent": "aren't", "wasnt": "wasn't", "werent": "weren't",
    "havent": "haven't", "hasnt": "hasn't", "couldnt": "couldn't", "wouldnt": "wouldn't",
    "shouldnt": "shouldn't", "aint": "isn't", "im": "i am", "ive": "i have", "idk": "i don't know",
}
_ABBREVIATIONS = {
    "pt": "patient", "pts": "patients", "pt's": "patients", "ptnt": "patient", "ptnts": "patients",
    "rad": "radiologist", "rads": "radiologists", "tech": "technologist", "techs": "technologists",
    "img": "image", "imgs": "images", "pics": "images", "pix": "images", "pic": "image",
    "wkstn": "workstation", "wks": "workstation", "ws": "workstation", "wrkstn": "workstation",
    "svr": "server", "srv": "server", "srvr": "server", "dept": "department", "depts": "departments",
    "ppl": "people", "bc": "because", "pls": "please", "plz": "please", "thx": "thanks",
    "u": "you", "ur": "your", "r": "are", "hrs": "hours", "hr": "hour", "mins": "minutes",
    "min": "minutes", "mwl": "modality worklist", "dmwl": "modality worklist", "ehr": "emr",
    "dcm": "dicom", "db": "database", "app": "application", "apps": "applications",
    "mammo": "mammography", "mammos": "mammography", "sono": "ultrasound", "xr": "xray",
    "cds": "cd", "dvd": "cd", "dvds": "cd", "nuc": "nuclear", "nm": "nuclear medicine",
    "approx": "about", "w": "with", "thru": "through", "msg": "message", "err": "error",
    "ed's": "ed", "er's": "ed", "er": "ed", "e.r.": "ed", "cxr": "chest xray", "mr": "mri",
    "mri's": "mri", "ct's": "ct", "cts": "ct", "mris": "mri", "nobdy": "nobody", "noone": "nobody",
    "donw": "down", "dwn": "down", "dwon": "down", "dow": "down", "paks": "pacs", "pasc": "pacs", "pcas": "pacs",
    "teh": "the", "nto": "not", "cnat": "can't", "cna't": "can't", "evry": "every", "evrything": "everything", "anythin": "anything", "pacs's": "pacs",
}
_TOKEN = re.compile(r"\b(?<!-)(?:[a-z][a-z'.]*[a-z]|[a-z])\b(?!-?\d)")
_COMPILED = tuple((re.compile(p, re.I), r) for p, r in _PHRASES)
_KNOWN = frozenset(DOMAIN_WORDS) | frozenset(COMMON_WORDS)
_VOCAB = tuple(sorted(DOMAIN_WORDS))


def normalize(text: str) -> str:
    """The normal form extraction patterns are written against."""
    for pattern, repl in _CASED:
        text = pattern.sub(repl, text)
    for cpattern, crepl in _COMPILED:
        text = cpattern.sub(crepl, text)
    text = text.lower()
    text = _TOKEN.sub(lambda m: _fix_token(m.group(0)), text)
    # A second pass: expansions may have produced phrases the first pass rewrites.
    for cpattern, crepl in _COMPILED:
        text = cpattern.sub(crepl, text)
    return re.sub(r"[ \t]+", " ", text)


def _fix_token(token: str) -> str:
    bare = token.rstrip(".")
    tail = token[len(bare):]
    if bare in _CONTRACTIONS:
        return _CONTRACTIONS[bare] + tail
    if bare in _ABBREVIATIONS:
        return _ABBREVIATIONS[bare] + tail
    return _correct(bare) + tail


@lru_cache(maxsize=4096)
def _correct(word: str) -> str:
    """The domain word a typo most likely meant, or the word itself.

    Only words of five letters or more are corrected, by one edit that keeps the first letter
    and is not an inflection ("consoles" stays), and never a word we know: a wrong
    "correction" invents facts ("available" must not become "unavailable").
    """
    if len(word) < 5 or word in _KNOWN or not word.isalpha():
        return word
    found = process.extractOne(word, _VOCAB, scorer=DamerauLevenshtein.distance, score_cutoff=1)
    if found is None:
        return word
    target = str(found[0])
    if target[0] != word[0] or target.startswith(word) or word.startswith(target):
        return word
    return target
