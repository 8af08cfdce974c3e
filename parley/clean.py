"""Clean an article's text: fix broken Unicode, take out boilerplate, tidy whitespace.

Every later span refers to the text this returns, so cleaning is conservative: a line
goes only when a rule recognizes it as page furniture (a photo credit, a "Read more"
block, a promo, share buttons, cookie text, a byline, a trailing agency tag), and each
removal is reported with its rule so an analyst can check it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import ftfy

from parley.types import Removal

__all__ = ["CleanText", "clean_text", "guess_headline", "normalize_whitespace"]

_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SENTENCE_END = re.compile(r"[.!?…:;\"”’)]\s*$")

# Photo captions and credits.
_CAPTION_START = re.compile(
    r"^(?:file\s+)?(?:photo|picture|image|foto)s?\s*(?::|-|–|—|\bby\b|\bcredit\b|\bsource\b|"
    r"\bcaption\b|\bcourtesy\b|\btaken\b|\bshows\b)",
    re.IGNORECASE,
)
_CREDIT_WORDS = re.compile(
    r"©|\bgetty\s+(?:images|photos|pictures)\b|\bvia getty\b|\bshutterstock\b|\bap photo\b|"
    r"\bafp\b|\breuters/|"
    r"\bsputnik\b|/\s*(?:ria novosti|tass|anadolu|epa|efe|xinhua|ukrinform)\b",
    re.IGNORECASE,
)
_INLINE_CAPTION = re.compile(r"\s*\b(?:FILE\s+)?PHOTO:\s.*$")
_INLINE_CREDIT = re.compile(r"\s*(?:©|\bPhoto\s*:)[^©\n]{0,160}$")

# "Read more" blocks and the related headline they carry.
_READ_MORE = re.compile(
    r"^(?:read\s+more|read\s+next|read\s+also|also\s+read|see\s+also|more\s+on\s+this(?:\s+story)?|"
    r"related(?:\s+(?:articles?|stories|news|content))?|recommended(?:\s+for\s+you)?|"
    r"you\s+may\s+also\s+like|most\s+read|more\s+from\s+\w+|top\s+stories)"
    r"\s*(?P<sep>[:|»>\-–—]\s*|$)",
    re.IGNORECASE,
)

# Promotion and subscription lines.
_PROMO = re.compile(
    r"\bclick\s+here\b|\bfor\s+the\s+first\s+time\?|^(?:subscribe|sign\s+up|follow\s+us|"
    r"join\s+(?:us|our)|download\s+(?:our|the)\s+app|get\s+(?:our|the)\s+(?:latest|newsletter)|"
    r"support\s+(?:our|independent)\s+journalism|become\s+a\s+(?:member|subscriber|patron)|"
    r"don['’]t\s+miss|tuning\s+in\s+to)\b|\bsubscribe\s+to\s+our\b|\bour\s+telegram\s+channel\b",
    re.IGNORECASE,
)

_SOURCE_LINK = re.compile(r"^(?:source\s+link|source\s*[:\-–—]\s*\S.*|via\s*[:\-–—]\s*\S.*)$", re.I)

_SHARE_WORDS = frozenset(
    [
        "share",
        "shares",
        "shared",
        "tweet",
        "email",
        "e-mail",
        "print",
        "copy",
        "link",
        "facebook",
        "twitter",
        "x",
        "whatsapp",
        "telegram",
        "linkedin",
        "reddit",
        "vk",
        "viber",
        "messenger",
        "pinterest",
        "on",
        "this",
        "article",
        "story",
        "post",
        "save",
        "comment",
        "comments",
        "flipboard",
        "mail",
        "sms",
    ]
)

_FURNITURE = re.compile(
    r"^(?:advertisement|advert|sponsored(?:\s+content)?|loading\.*|skip\s+to\s+(?:main\s+)?content|"
    r"accept(?:\s+all)?(?:\s+cookies)?|reject\s+all|manage\s+(?:preferences|cookies|consent)|"
    r"privacy\s+policy|terms\s+of\s+(?:use|service)|cookie\s+(?:policy|settings)|"
    r"(?:©\s*)?(?:\d{4}\s+)?.{0,60}all\s+rights\s+reserved\.?|back\s+to\s+top|"
    r"(?:show|hide|load)\s+(?:more|comments)|comments?\s*\(\d+\)|listen\s+to\s+(?:this\s+)?article|"
    r"\d+\s+min(?:ute)?s?\s+read)$",
    re.IGNORECASE,
)
_COOKIE = re.compile(r"\bcookies?\b.*\b(?:accept|consent|use|policy|settings|agree)\b", re.I)
_MENU_SEPARATORS = re.compile(r"\s[|•·»/]\s")

_BYLINE = re.compile(
    r"^(?:by|By|BY)\s+(?:[A-Z][\w.'’\-]*\s*){1,4}(?:(?:,|and|&)\s*(?:[A-Z][\w.'’\-]*\s*){1,4})*$"
)
_CREDITS_LINE = re.compile(
    r"^(?:reporting|writing|editing|additional\s+reporting|compiled|translated|edited)\s+by\b",
    re.IGNORECASE,
)
_TIMESTAMP = re.compile(
    r"^(?:(?:published|updated|last\s+updated|posted|first\s+published)\b[:\s].*\d.*|"
    r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*\w{2,4})?)$",
    re.IGNORECASE,
)

_AGENCY_TAG = re.compile(r"(?<=[.!?\"”’])[ \t]*\n*[ \t]*\((?:[A-Z][A-Za-z\-]{1,14})\)\s*$")


@dataclass
class CleanText:
    """The cleaned text and every piece of boilerplate taken out of it."""

    text: str
    removed: list[Removal] = field(default_factory=list)


def normalize_whitespace(text: str) -> str:
    """Collapse runs of spaces, strip lines, and keep at most one blank line between paragraphs."""
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _words(line: str) -> int:
    return len(line.split())


def _is_caption(line: str) -> bool:
    if _CAPTION_START.match(line) and _words(line) <= 60:
        return True
    return bool(_CREDIT_WORDS.search(line)) and _words(line) <= 25


def _is_share(line: str) -> bool:
    tokens = re.findall(r"[\w\-]+", line.lower())
    return (
        0 < len(tokens) <= 8
        and all(t in _SHARE_WORDS or t.isdigit() for t in tokens)
        and not all(t.isdigit() for t in tokens)
    )


def _is_menu(line: str) -> bool:
    if _SENTENCE_END.search(line):
        return False
    items = _MENU_SEPARATORS.split(line)
    return len(items) >= 4 and all(_words(item) <= 3 for item in items)


def _is_headline(line: str) -> bool:
    return 0 < _words(line) <= 25 and not re.search(r"[.!?]\s*$", line)


def _line_rule(line: str) -> str | None:
    """Name the boilerplate rule a whole line falls under, or None for prose."""
    words = _words(line)
    if words > 60:
        return None  # no rule takes out a line this long: it is a paragraph
    if _is_caption(line):
        return "photo caption"
    if _PROMO.search(line) and words <= 40:
        return "promo"
    if _SOURCE_LINK.match(line) and words <= 8:
        return "source link"
    if _is_share(line):
        return "share buttons"
    if _FURNITURE.match(line) or (_COOKIE.search(line) and words <= 60):
        return "page furniture"
    if _is_menu(line):
        return "menu"
    if (_BYLINE.match(line) and words <= 12) or (_CREDITS_LINE.match(line) and words <= 30):
        return "byline"
    if _TIMESTAMP.match(line) and words <= 12:
        return "timestamp"
    return None


def _fold(line: str) -> str:
    return re.sub(r"\W+", " ", line.casefold()).strip()


def _remove_boilerplate(text: str, removed: list[Removal]) -> str:
    lines = text.split("\n")
    keep: list[str] = []
    headlines: set[str] = set()
    pending_headline = False
    for line in lines:
        if not line:
            keep.append(line)
            continue
        if pending_headline:
            pending_headline = False
            if _is_headline(line):
                removed.append(Removal("read more", line))
                headlines.add(_fold(line))
                continue
        read_more = _READ_MORE.match(line)
        if read_more and (read_more.group("sep") or line.isupper() or _words(line) <= 4):
            rest = line[read_more.end() :].strip()
            if rest and _is_headline(rest):
                headlines.add(_fold(rest))
                removed.append(Removal("read more", line))
                continue
            if not rest:
                pending_headline = True
                removed.append(Removal("read more", line))
                continue
        caption = _INLINE_CAPTION.search(line)
        if caption and caption.start() > 0 and _CREDIT_WORDS.search(caption.group()):
            # A caption glued to the end of a headline: the headline stays.
            removed.append(Removal("photo caption", caption.group().strip()))
            line = line[: caption.start()].rstrip()
        rule = _line_rule(line)
        if rule:
            removed.append(Removal(rule, line))
            continue
        credit = _INLINE_CREDIT.search(line)
        if credit and _words(credit.group()) <= 15:
            removed.append(Removal("photo caption", credit.group().strip()))
            line = line[: credit.start()].rstrip()
        keep.append(line)
    if headlines:
        kept: list[str] = []
        for line in keep:
            if line and _fold(line) in headlines:
                removed.append(Removal("repeated headline", line))
            else:
                kept.append(line)
        keep = kept
    return "\n".join(keep)


def guess_headline(text: str) -> str | None:
    """The first line, when it reads as a headline: alone in its paragraph, 4 to 30 words,
    not ending like a sentence."""
    first, _, rest = text.lstrip().partition("\n")
    first = first.strip()
    if not rest.strip() or not 4 <= _words(first) <= 30 or re.search(r"[.:;,]$", first):
        return None
    return first


def clean_text(raw: str) -> CleanText:
    """Fix mojibake, remove boilerplate and normalize whitespace; report what was removed.

    Quotation marks are left as they are (curly or straight), so that quotes keep the
    characters the outlet printed.
    """
    fixed = ftfy.fix_text(raw, uncurl_quotes=False, normalization="NFC")
    removed: list[Removal] = []
    text = _remove_boilerplate(normalize_whitespace(fixed), removed)
    tag = _AGENCY_TAG.search(text)
    if tag:
        removed.append(Removal("agency tag", tag.group().strip()))
        text = text[: tag.start()]
    return CleanText(normalize_whitespace(text), removed)
