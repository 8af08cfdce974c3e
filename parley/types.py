"""Records passed between parley's stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

__all__ = ["Document", "Mention", "RawDocument", "Removal"]


@dataclass
class RawDocument:
    """One article as read from an input, before cleaning.

    `source` names where it came from for a person ("feeds/kyiv.rss item 3",
    "articles.jsonl:12"); `external_id` is the input's own id for it, if any.
    """

    text: str
    source: str
    format: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    published_from: str | None = None
    lang: str | None = None
    external_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Removal:
    """A piece of boilerplate taken out of an article, and the rule that took it."""

    rule: str
    text: str


@dataclass
class Document:
    """An article as stored: raw and clean text, metadata, and its duplicate link."""

    id: str
    raw_text: str
    clean_text: str
    source: str
    format: str
    text_hash: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    published_from: str | None = None
    lang: str | None = None
    lang_from: str | None = None
    external_id: str | None = None
    removed: list[Removal] = field(default_factory=list)
    duplicate_of: str | None = None
    duplicate_kind: str | None = None
    similarity: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Mention:
    """A span of a document's clean text naming an actor or place.

    `entity_id` is the gazetteer entry's id, or "nil:<normal name>" for a name the
    gazetteer lacks (merged across documents by that key); `role` says whether the
    mention names an actor or a place; `method` how it was linked (exact, fuzzy, short
    form, metonymy, demonym, role description, unlinked).
    """

    start: int
    end: int
    text: str
    entity_id: str
    entity_name: str
    kind: str
    label: str
    role: str
    score: float
    method: str
