"""Dates as news articles state them, resolved against the article's publication date.

`resolve_date` turns a date expression ("March 18", "last Friday", "14–17 March 2025",
"next week", "three months ago") into a `ResolvedDate`: the first day of the period it
names, how precise it is (day, week, month or year) and, for a range, its last day.
Relative expressions are anchored on the publication date only, never on today, so a
result never changes with the day it is computed; without a publication date they
resolve to None rather than to a guess. Where an expression leaves the direction open
("on Tuesday", "in March", "March 18"), the tense of its clause decides: future looks
forward from the publication date, anything else looks back.

`tense_of` reads that tense from a spaCy parse, and `find_dates` applies both to every
DATE entity of a Doc. The resolver is a small set of regular expressions tried in order
plus calendar arithmetic: fast, deterministic, and anything it does not recognize
("the past three years", "the 1990s", "recent days") is None.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from spacy.tokens import Doc, Span, Token

__all__ = ["Precision", "ResolvedDate", "find_dates", "resolve_date", "tense_of"]

Precision = Literal["day", "week", "month", "year"]


@dataclass(frozen=True)
class ResolvedDate:
    """A calendar period a date expression names: its first day, precision and text."""

    value: date
    """First day of the period: the day, the Monday of a week, the 1st of a month, Jan 1."""
    precision: Precision
    text: str
    """The expression it was resolved from, as given."""
    end: date | None = None
    """Last day of a range ("14-17 March"), else None."""

    def iso(self) -> str:
        """The first day as ISO-8601 ("2025-03-18")."""
        return self.value.isoformat()


_Result = tuple[date, Precision, date | None]
_Handler = Callable[[re.Match[str], date | None, bool], _Result | None]

# Longer than any date expression: such input is not one, and is not worth scanning.
_MAX_LENGTH = 120

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_WEEKDAYS = {
    name: number for number, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
}
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "a couple of": 2,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_RELATIVE = {None: 0, "this": 0, "last": -1, "next": 1}
_DAY_WORDS = {
    "today": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "day before yesterday": -2,
    "day after tomorrow": 2,
}

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
_COUNT = r"\d{1,3}|an?|a couple of|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_UNIT = r"(?P<unit>day|week|month|year)s?"
_RANGE_SEP = r"(?:-| to | and | until | till | through | thru )"
_WEEKDAY_LEAD = rf"(?:{_WEEKDAY}\.?,? )?"
_YEAR = r"(?P<y>(?:19|20)\d\d)"


def _month(group: str) -> str:
    return rf"(?P<{group}>{_MONTH})\.?"


def _day(group: str) -> str:
    return rf"(?P<{group}>\d{{1,2}})(?:st|nd|rd|th)?"


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.ASCII)


# Cleaning: what surrounds a date expression without changing the date it names.
_DASH = _compile(r"\s*[-‐‑‒–—―]\s*")
_CLOCK = (
    r"(?<![\d.])\b(?:\d{1,2}(?:[:.]\d\d)?\s*[ap]\.?\s?m\b\.?|\d{1,2}:\d\d|noon|midday|midnight"
    r"|\d{3,4}\s*(?:gmt|utc))"
)
_ZONE = r"(?:gmt|utc|cet|cest|eet|eest|est|edt|msk|local time|kyiv time|moscow time)"
_TRAILING_TIME = _compile(
    rf"[\s,]*(?:\(|\b(?:at|around|about|from|by|before|after|until)\s+)?{_CLOCK}"
    rf"(?:\s*\(?{_ZONE}\)?)?\)?$"
)
_LEADING_TIME = _compile(rf"^{_CLOCK}(?:\s*{_ZONE})?,?\s+")
_DAYPART = _compile(r"\s+(?:morning|afternoon|evening|night)$")
_POSSESSIVE = _compile(r"'s?$")
_LEAD = _compile(
    r"^(?:on|at|by|since|until|till|from|of|the|during|around|about|over|as of|for|very"
    r"|early|earlier|late|later|mid|middle of|end of|beginning of|start of|close of"
    rf"|in(?! (?:{_COUNT}) {_UNIT}$))(?:\s+|-)"
)
_REWRITES = tuple(
    (_compile(pattern), replacement)
    for pattern, replacement in (
        (r"\bthis (?:morning|afternoon|evening)\b", "today"),
        (r"\btonight\b", "today"),
        (r"\blast night\b", "yesterday"),
        (r"\bthis past\b", "last"),
        (r"\bthis coming\b", "next"),
    )
)
# "in March last year", "on June 5 this year": the year named relative to publication.
_YEAR_QUALIFIER = _compile(r"(?P<head>.+?)(?:,| of)? (?P<rel>this|last|next) year")


def _clean(text: str) -> str:
    """The expression lower-cased, with spacing, dashes, prepositions and times normalized."""
    cleaned = " ".join(text.lower().replace("’", "'").split())
    cleaned = _DASH.sub("-", cleaned)
    for pattern, replacement in _REWRITES:
        cleaned = pattern.sub(replacement, cleaned)
    previous = None
    while cleaned != previous:
        previous = cleaned
        cleaned = cleaned.strip(" ,.;:!?()[]\"'")
        cleaned = _POSSESSIVE.sub("", cleaned)
        cleaned = _TRAILING_TIME.sub("", cleaned)
        cleaned = _LEADING_TIME.sub("", cleaned)
        cleaned = _DAYPART.sub("", cleaned)
        cleaned = _LEAD.sub("", cleaned)
    return cleaned


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _shift(published: date | None, unit: str, count: int) -> _Result | None:
    """The day, week, month or year `count` units away from the one holding `published`."""
    if published is None:
        return None
    if unit == "day":
        return published + timedelta(days=count), "day", None
    if unit == "week":
        return _monday(published) + timedelta(weeks=count), "week", None
    if unit == "month":
        year, month = divmod(published.year * 12 + published.month - 1 + count, 12)
        return date(year, month + 1, 1), "month", None
    return date(published.year + count, 1, 1), "year", None


def _nearest_day(month: int, day: int, published: date | None, forward: bool) -> date | None:
    """The month-day nearest `published`: on or after it if `forward`, else on or before."""
    if published is None:
        return None
    date(2000, month, day)  # raises ValueError for a day no year has ("30 February")
    step = 1 if forward else -1
    # A 29 February is at most eight years away.
    for year in range(published.year, published.year + 9 * step, step):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if (candidate >= published) if forward else (candidate <= published):
            return candidate
    return None


def _numeric(match: re.Match[str], published: date | None, forward: bool) -> _Result | None:
    return date(int(match["y"]), int(match["m"]), int(match["d"])), "day", None


def _month_day(match: re.Match[str], published: date | None, forward: bool) -> _Result | None:
    month, day = _MONTHS[match["m"][:3]], int(match["d"])
    if match["y"]:
        return date(int(match["y"]), month, day), "day", None
    start = _nearest_day(month, day, published, forward)
    return None if start is None else (start, "day", None)


def _range(match: re.Match[str], published: date | None, forward: bool) -> _Result | None:
    first_month = _MONTHS[(match["m1"] or match["m2"])[:3]]
    last_month = _MONTHS[(match["m2"] or match["m1"])[:3]]
    first_day, last_day = int(match["d1"]), int(match["d2"])
    # "28 December - 3 January" runs into the next year.
    crosses_year = 1 if first_month > last_month else 0
    if match["y"]:
        year = int(match["y"])
        end = date(year, last_month, last_day)
        start = date(year - crosses_year, first_month, first_day)
    else:
        found = _nearest_day(first_month, first_day, published, forward)
        if found is None:
            return None
        start = found
        end = date(start.year + crosses_year, last_month, last_day)
    if end <= start:
        return None
    return start, "day", end


def _month_year(match: re.Match[str], published: date | None, forward: bool) -> _Result | None:
    month = _MONTHS[match["m"][:3]]
    if match["y"]:
        year = int(match["y"])
    elif published is None:
        return None
    elif forward:
        year = published.year + (month < published.month)
    else:
        year = published.year - (month > published.month)
    return date(year, month, 1), "month", None


def _year(match: re.Match[str], published: date | None, forward: bool) -> _Result | None:
    return date(int(match["y"]), 1, 1), "year", None


def _relative_unit(match: re.Match[str], published: date | None, forward: bool) -> _Result | None:
    return _shift(published, match["unit"], _RELATIVE[match["rel"]])


def _weekend(match: re.Match[str], published: date | None, forward: bool) -> _Result | None:
    if published is None:
        return None
    monday = _monday(published)
    in_weekend = published.weekday() >= 5
    relation = match["rel"]
    if relation == "last":
        return monday - timedelta(weeks=1), "week", None
    if relation == "next":
        return monday + timedelta(weeks=1 if in_weekend else 0), "week", None
    # From Monday to Friday the coming weekend is in this ISO week, the past one in the last.
    if forward or in_weekend:
        return monday, "week", None
    return monday - timedelta(weeks=1), "week", None


def _day_word(match: re.Match[str], published: date | None, forward: bool) -> _Result | None:
    return _shift(published, "day", _DAY_WORDS[match["word"]])


def _weekday(match: re.Match[str], published: date | None, forward: bool) -> _Result | None:
    if published is None:
        return None
    target = _WEEKDAYS[match["wd"][:3]]
    relation = match["rel"]
    back = (published.weekday() - target) % 7
    if relation in ("last", "past"):
        return published - timedelta(days=back or 7), "day", None
    if relation in ("next", "coming") or forward:
        ahead = (target - published.weekday()) % 7
        return published + timedelta(days=ahead or 7), "day", None
    return published - timedelta(days=back), "day", None


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word]


def _ago(match: re.Match[str], published: date | None, forward: bool) -> _Result | None:
    return _shift(published, match["unit"], -_count(match["n"]))


def _ahead(match: re.Match[str], published: date | None, forward: bool) -> _Result | None:
    return _shift(published, match["unit"], _count(match["n"]))


# Tried in order on the cleaned expression; the first that matches it whole decides.
_RULES: tuple[tuple[re.Pattern[str], _Handler], ...] = tuple(
    (_compile(pattern), handler)
    for pattern, handler in (
        (rf"{_YEAR}-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})", _numeric),
        (rf"(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.{_YEAR}", _numeric),
        (
            rf"(?:between )?{_WEEKDAY_LEAD}{_day('d1')}(?: of)?(?: {_month('m1')})?{_RANGE_SEP}"
            rf"{_WEEKDAY_LEAD}{_day('d2')}(?: of)? {_month('m2')}(?:,? {_YEAR})?",
            _range,
        ),
        (
            rf"(?:between )?{_WEEKDAY_LEAD}{_month('m1')} {_day('d1')}{_RANGE_SEP}"
            rf"{_WEEKDAY_LEAD}(?:{_month('m2')} )?{_day('d2')}(?:,? {_YEAR})?",
            _range,
        ),
        (rf"{_WEEKDAY_LEAD}(?:the )?{_day('d')}(?: of)? {_month('m')}(?:,? {_YEAR})?", _month_day),
        (rf"{_WEEKDAY_LEAD}{_month('m')} (?:the )?{_day('d')}(?:,? {_YEAR})?", _month_day),
        (rf"{_month('m')}(?:,? (?:of )?{_YEAR})?", _month_year),
        (_YEAR, _year),
        (r"(?:(?P<rel>this|last|next) )?(?P<unit>year|month|week)", _relative_unit),
        (r"(?:(?P<rel>this|last|next) )?weekend", _weekend),
        (rf"(?P<word>{'|'.join(_DAY_WORDS)})", _day_word),
        (rf"(?:(?P<rel>this|last|next|past|coming) )?(?P<wd>{_WEEKDAY})\.?", _weekday),
        (rf"(?P<n>{_COUNT}) {_UNIT} ago", _ago),
        (rf"in (?P<n>{_COUNT}) {_UNIT}", _ahead),
        (rf"(?P<n>{_COUNT}) {_UNIT} from (?:now|today)", _ahead),
    )
)


@functools.lru_cache(maxsize=8192)
def _resolve(text: str, published: date | None, forward: bool) -> ResolvedDate | None:
    cleaned = _clean(text)
    qualified = _YEAR_QUALIFIER.fullmatch(cleaned)
    if qualified:
        if published is None:
            return None
        year = published.year + _RELATIVE[qualified["rel"]]
        cleaned = f"{qualified['head']} {year}"
    for pattern, handler in _RULES:
        match = pattern.fullmatch(cleaned)
        if match:
            try:
                result = handler(match, published, forward)
            except (ValueError, OverflowError):
                # An impossible day ("31 April") or one beyond the calendar's range.
                return None
            if result is None:
                return None
            value, precision, end = result
            return ResolvedDate(value=value, precision=precision, text=text, end=end)
    return None


def resolve_date(
    text: str, published: date | None, *, tense: str | None = None
) -> ResolvedDate | None:
    """The calendar period a date expression names, anchored on the publication date.

    Args:
        text: the expression, as an article states it ("on Friday", "14-17 March 2025").
        published: the article's publication date; without it, only expressions that
            name their year resolve.
        tense: "past", "future", "present" or None, of the clause the expression is in.
            It decides which way an open expression ("on Tuesday", "in March") points:
            "future" looks forward from `published`; anything else looks back.

    Returns:
        The resolved period, or None for an expression it does not understand.
    """
    if not text or len(text) > _MAX_LENGTH:
        return None
    return _resolve(text, published, tense == "future")


_FUTURE_AUX = frozenset({"will", "shall", "'ll", "’ll", "wo", "would"})
# Heads whose infinitive complement is still to come: "is due to", "plans to", "set to".
_PLANNING = frozenset(
    {"due", "plan", "expect", "schedule", "set", "slate", "intend", "aim", "hope", "likely"}
)


def _governing_verb(token: Token) -> Token | None:
    while token.pos_ not in ("VERB", "AUX"):
        if token.head.i == token.i:
            return None
        token = token.head
    # An auxiliary's clause is its head's ("will" in "will meet").
    if token.dep_ in ("aux", "auxpass") and token.head.i != token.i:
        token = token.head
    return token


def _finite_tense(token: Token) -> str | None:
    """ "past" or "present" for a finite verb form, from its morphology or tag."""
    if "Fin" in token.morph.get("VerbForm", []):
        tense = token.morph.get("Tense", [])
        if "Past" in tense:
            return "past"
        if "Pres" in tense:
            return "present"
    if token.tag_ == "VBD":
        return "past"
    if token.tag_ in ("VBZ", "VBP"):
        return "present"
    return None


def _is_infinitive_of(verb: Token, lemmas: frozenset[str]) -> bool:
    """Whether `verb` is a to-infinitive complement of a head with one of `lemmas`."""
    head = verb.head
    if head.i == verb.i or verb.dep_ not in ("xcomp", "ccomp"):
        return False
    has_to = any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children)
    return has_to and head.lemma_.lower() in lemmas


def tense_of(token: Token) -> str | None:
    """ "past", "future", "present" or None: the tense of the clause `token` belongs to.

    The clause's verb is `token` itself if it is a verb or auxiliary, else the first of its
    heads that is. Future: "will"/"shall"/"would", "going to", "is to", "is due to",
    "plans/expected/scheduled/set to". Past: a past finite form, a past auxiliary ("was
    held", "did meet") or a perfect ("has signed"). Present: a present finite form or
    auxiliary ("is meeting"). A bare conjoined verb takes its first conjunct's tense.
    """
    verb = _governing_verb(token)
    if verb is None:
        return None
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {child.lower_ for child in auxiliaries}
    if words & _FUTURE_AUX or ("'d" in words and verb.tag_ == "VB"):
        return "future"
    if _is_infinitive_of(verb, _PLANNING) or _is_infinitive_of(verb, frozenset({"be"})):
        return "future"
    if verb.head.tag_ == "VBG" and _is_infinitive_of(verb, frozenset({"go"})):
        return "future"
    own = _finite_tense(verb)
    helped = [_finite_tense(child) for child in auxiliaries]
    if own == "past" or "past" in helped:
        return "past"
    if verb.tag_ == "VBN" and any(child.lemma_.lower() == "have" for child in auxiliaries):
        return "past"
    if own == "present" or "present" in helped:
        return "present"
    if not auxiliaries and verb.dep_ == "conj" and verb.head.i != verb.i:
        return tense_of(verb.head)
    return None


def find_dates(doc: Doc, published: date | None) -> list[tuple[Span, ResolvedDate]]:
    """Every DATE entity of `doc` that resolves, read in the tense of the verb it hangs on.

    The entity recognizer leaves "in" out of "in two weeks", which alone is a duration; an
    entity that does not resolve is tried again with the "in" before it.
    """
    found: list[tuple[Span, ResolvedDate]] = []
    for span in doc.ents:
        if span.label_ != "DATE":
            continue
        tense = tense_of(span.root)
        resolved = resolve_date(span.text, published, tense=tense)
        if resolved is None and span.start > 0 and doc[span.start - 1].lower_ == "in":
            resolved = resolve_date(f"in {span.text}", published, tense=tense)
        if resolved is not None:
            found.append((span, resolved))
    return found
