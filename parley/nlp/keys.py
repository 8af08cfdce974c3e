"""Keys that let a name be found through spelling, transliteration and translation damage.

`normal` transliterates any script to ASCII (Cyrillic, Turkish, accents), folds case and
drops punctuation: "Зеленський" and "Zelens'kiy" meet. `skeleton` also folds the
spelling variants that English romanizations of Ukrainian and Russian names differ by
(y/i, kh/h, h/g, zh/z, doubled letters…), so that "Ihor"/"Igor", "Oleh"/"Oleg",
"Zelenskyy"/"Zelenski" and "Witkoff"/"Witkov" share a key; fuzzy similarity is measured on
both.
"""

from __future__ import annotations

import functools
import re

from anyascii import anyascii
from rapidfuzz import fuzz

__all__ = ["bare_name", "normal", "similarity", "skeleton"]

_NON_WORD = re.compile(r"[^a-z0-9]+")
_DISAMBIGUATOR = re.compile(r"\s*\(.*\)$")
_VARIANTS = (
    ("shch", "sh"),
    ("sch", "sh"),
    ("zh", "z"),
    ("kh", "h"),
    ("ts", "c"),
    ("tz", "c"),
    ("ph", "f"),
    ("ck", "k"),
    ("q", "k"),
    ("w", "v"),
    ("x", "ks"),
    ("j", "i"),
    ("y", "i"),
    ("g", "h"),
    ("ie", "e"),
    ("ye", "e"),
)


def bare_name(name: str) -> str:
    """A canonical name without its Wikipedia disambiguator ("Alexander Gusev
    (politician)" → "Alexander Gusev"), as texts write it."""
    return _DISAMBIGUATOR.sub("", name)


@functools.lru_cache(maxsize=65536)
def normal(text: str) -> str:
    """ASCII, case-folded, punctuation-free form of a name ("Erdoğan" → "erdogan")."""
    ascii_text = anyascii(text).lower().replace("'", "")
    return _NON_WORD.sub(" ", ascii_text).strip()


@functools.lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """The normal form with romanization variants folded and doubled letters collapsed."""
    key = normal(text)
    for old, new in _VARIANTS:
        key = key.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", key)


def similarity(first: str, second: str) -> float:
    """How alike two names are, 0 to 1, through romanization variants and typos."""
    a, b = normal(first), normal(second)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return max(fuzz.ratio(a, b), fuzz.ratio(skeleton(first), skeleton(second))) / 100
