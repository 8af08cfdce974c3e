"""Quotation marks in news text: which pairs of marks enclose a quotation.

Marks are paired per paragraph by their context (an opening mark follows a space or the
start, a closing mark precedes a space or punctuation), so curly, straight, low-9 and
guillemet marks all work, a mark lost to damage still yields its quotation (to the end
of the paragraph, or from the start of the sentence or a colon), and apostrophes
(Zelensky's, don't) are never taken for single quotation marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["QuotationSpan", "find_quotation_spans"]

_DOUBLE_MARKS = '"“”„‟«»'
_SINGLE_MARKS = "'‘’‚‛"
_OPENING_GLYPHS = "“„‟«‘‚‛"
_CLOSING_GLYPHS = "”»’"
_BEFORE_OPENING = set(" \t\n([{—–-/") | set(_OPENING_GLYPHS)
_AFTER_CLOSING = set(" \t\n.,;:!?)]}—–-/…") | set(_CLOSING_GLYPHS)
_SENTENCE_END = re.compile(r"[.!?…][\"”’»]?\s+(?=[\"“‘«„]?[A-Z0-9])")


@dataclass(frozen=True)
class QuotationSpan:
    """The words between a pair of quotation marks (a missing mark is allowed)."""

    start: int
    end: int
    opened: bool
    closed: bool
    nested: bool = False


def _orientation(text: str, at: int) -> tuple[bool, bool]:
    """Whether the mark at `at` can open and whether it can close a quotation."""
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    can_open = (before in _BEFORE_OPENING or before in _DOUBLE_MARKS) and not after.isspace()
    can_close = (after in _AFTER_CLOSING or after in _DOUBLE_MARKS) and not before.isspace()
    if not can_open and not can_close:  # damaged spacing ("it. ” Trump", "word"word)
        return True, True
    return can_open, can_close


def _sentence_start(text: str, lower: int, at: int) -> int:
    """Where the quotation that ends at `at` without its opening mark begins: after the
    last colon ("Trump said: I'll talk…"), else at its sentence's start, not before `lower`."""
    start = lower
    for found in _SENTENCE_END.finditer(text, lower, at):
        start = found.end()
    colon = text.rfind(": ", lower, at)
    if colon >= 0:
        start = max(start, colon + 2)
    while start < at and text[start].isspace():
        start += 1
    return start


def _double_spans(text: str, lower: int, upper: int) -> list[QuotationSpan]:
    spans: list[QuotationSpan] = []
    opened: int | None = None
    last_end = lower
    for at in range(lower, upper):
        mark = text[at]
        if mark not in _DOUBLE_MARKS:
            continue
        can_open, can_close = _orientation(text, at)
        if can_open and can_close:
            # Ambiguous ("word " word"): the glyph decides, else it toggles.
            if mark in _OPENING_GLYPHS:
                can_close = opened is not None and mark not in "«"
                can_open = not can_close
            elif mark in _CLOSING_GLYPHS:
                can_open = False
            else:
                can_open, can_close = opened is None, opened is not None
        if opened is not None and (can_close or (not can_open and mark not in _OPENING_GLYPHS)):
            spans.append(QuotationSpan(opened + 1, at, True, True))
            opened, last_end = None, at + 1
        elif can_open:
            if opened is not None:  # the earlier quotation lost its closing mark
                spans.append(QuotationSpan(opened + 1, at, True, False))
            opened = at
        elif can_close:  # a closing mark whose opening mark was lost
            start = _sentence_start(text, last_end, at)
            if start < at:
                spans.append(QuotationSpan(start, at, False, True))
            last_end = at + 1
    if opened is not None:
        spans.append(QuotationSpan(opened + 1, upper, True, False))
    return spans


def _single_spans(text: str, lower: int, upper: int, *, nested: bool) -> list[QuotationSpan]:
    """Single-mark quotations: only pairs whose marks cannot be apostrophes."""
    spans: list[QuotationSpan] = []
    opened: int | None = None
    for at in range(lower, upper):
        if text[at] not in _SINGLE_MARKS:
            continue
        before = text[at - 1] if at > lower else " "
        after = text[at + 1] if at + 1 < upper else " "
        if before.isalnum() and after.isalnum():
            continue  # an apostrophe: don't, Zelensky's, Mar'ina
        if opened is None:
            if (before in _BEFORE_OPENING or at == lower) and (after.isalpha() or after in '“"'):
                opened = at
        elif (after in _AFTER_CLOSING or at + 1 == upper) and not before.isspace():
            if before in "sS" and after == " " and text[at + 1 : at + 3] != " h":
                # "the countries' positions": a plural possessive unless a cue follows.
                rest = text[at + 1 : at + 40].lstrip(" ,")
                if not re.match(r"(he|she|they|[A-Z]\w+)\b", rest):
                    continue
            spans.append(QuotationSpan(opened + 1, at, True, True, nested))
            opened = None
    return spans


def find_quotation_spans(text: str) -> list[QuotationSpan]:
    """Every quotation in a text, outer ones and the ones nested in them, in text order."""
    spans: list[QuotationSpan] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        lower, upper = paragraph.span()
        doubles = _double_spans(text, lower, upper)
        spans.extend(doubles)
        for span in doubles:
            spans.extend(_single_spans(text, span.start, span.end, nested=True))
        # Single marks outside double quotation marks: British-style quotes.
        cursor = lower
        for span in doubles:
            gap_end = span.start - (1 if span.opened else 0)
            if gap_end > cursor:
                spans.extend(_single_spans(text, cursor, gap_end, nested=False))
            cursor = span.end + (1 if span.closed else 0)
        if upper > cursor:
            spans.extend(_single_spans(text, cursor, upper, nested=False))
    spans = [s for s in spans if text[s.start : s.end].strip(" ,.;:")]
    return sorted(spans, key=lambda s: (s.start, -s.end))
