"""Find an article's metadata in what it carries: outlet from its URL, publication date
from its URL path or dateline, language from its text."""

from __future__ import annotations

import functools
import re
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from dateutil import parser as date_parser

__all__ = [
    "date_from_dateline",
    "date_from_url",
    "detect_language",
    "outlet_from_url",
    "parse_date",
]

_URL_DATE = re.compile(
    r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>0?[1-9]|1[0-2])[/-](?P<d>0?[1-9]|[12]\d|3[01])(?:/|-|$)"
)
_URL_DATE_COMPACT = re.compile(
    r"/(?P<y>(?:19|20)\d{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])/"
)
# A dateline opens the text: "KYIV, Feb 28, 2022 (Reuters) -", "ISTANBUL, 16 May 2025 —",
# "Gomel-region (Belarus), 28 february 2022 -", "КИЇВ, 25 травня 2025 року —".
_DATELINE = re.compile(
    r"^(?:[^\n\d—–]{1,60}?,\s*)?"
    r"(?P<date>\d{1,2}\.?\s+[^\W\d]{3,12}\.?,?\s+(?:19|20)\d{2}|"
    r"[^\W\d]{3,12}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2})"
    r"(?:\s+[^\W\d]{1,6}\.?)?\s*(?:\([^)]{1,40}\)\s*)?[-–—:/]"
)


def outlet_from_url(url: str | None) -> str | None:
    """The outlet's host name, without a leading "www." ("en.interfax.com.ua")."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def parse_date(value: Any) -> date | None:
    """A date from a field value (ISO, RFC 822, "16 May 2025", a datetime); None if unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value if type(value) is date else value.date()  # type: ignore[attr-defined]
    text = str(value).strip()
    if not re.search(r"\d{4}", text):
        return None  # a date without a year is not guessed
    try:
        return date_parser.parse(text, fuzzy=False).date()
    except (ValueError, OverflowError, TypeError):
        return None


def date_from_url(url: str | None) -> date | None:
    """The date in a URL path like /2022/02/28/ or /20220228/, if any."""
    if not url:
        return None
    path = urlsplit(url).path
    for pattern in (_URL_DATE, _URL_DATE_COMPACT):
        found = pattern.search(path)
        if found:
            try:
                return date(int(found["y"]), int(found["m"]), int(found["d"]))
            except ValueError:
                return None
    return None


def date_from_dateline(text: str) -> date | None:
    """The date of a dateline opening one of the text's first lines ("KYIV, May 16, 2025 —")."""
    for line in text.lstrip().split("\n")[:4]:
        found = _DATELINE.match(line.strip())
        if found:
            return parse_date(found["date"].replace(".", "")) or _parse_any_language(found["date"])
    return None


def _parse_any_language(text: str) -> date | None:
    import dateparser

    parsed = dateparser.parse(
        text, settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
    )
    return parsed.date() if parsed else None


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, *, min_confidence: float = 0.5) -> str | None:
    """The ISO 639-1 code of the text's language, or None when the model is not confident."""
    sample = text[:1500]  # enough for a confident guess, and language id cost grows with length
    if len(re.findall(r"\w+", sample)) < 3:
        return None
    lang, confidence = _identifier().classify(sample)
    return str(lang) if confidence >= min_confidence else None
