"""Records passed between parley's stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

__all__ = ["Document", "Event", "Mention", "Position", "Quote", "RawDocument", "Removal"]


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
    mention names an actor or a place; `method` how it was linked (exact, fuzzy, reworded,
    short form, context (a body named without its state), metonymy, demonym, role
    description, unlinked).
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


@dataclass(frozen=True)
class Quote:
    """Who said what: one utterance of a document, with its speaker and its evidence.

    `kind` is "direct" (a full utterance in quotation marks), "partial" (a quoted
    fragment inside reported speech) or "indirect" (reported speech, no marks).
    `start`/`end` span the quoted words in the clean text, `sentence_start`/
    `sentence_end` the sentence(s) that carry it. The speaker is an entity id (a
    gazetteer entry or "nil:<name>") with the words that named it (`speaker_text`:
    "he", "the official", "Peskov"); an unidentified speaker ("a senior official")
    has no id. `date` is when the statement was made, if the text says, resolved
    against the publication date with its `date_precision`.
    """

    start: int
    end: int
    text: str
    kind: str
    sentence_start: int
    sentence_end: int
    speaker_id: str | None = None
    speaker_name: str | None = None
    speaker_text: str | None = None
    cue: str | None = None
    addressee_id: str | None = None
    addressee_text: str | None = None
    date: str | None = None
    date_precision: str | None = None


@dataclass(frozen=True)
class Event:
    """One negotiation event an article reports (SPEC §3), merged over its mentions.

    Parties are canonical party names (states and organizations; a person counts for
    the party they act for on the article's date); `people` are the persons involved.
    `status` is occurred | planned | proposed | hypothetical; `negated` says the text
    denies it ("talks did not take place"). `date` is ISO with its `precision`; `venue`
    the most specific place stated. `start`/`end` span the trigger, `sentence_start`/
    `sentence_end` the evidence sentence of the first mention; `mentions` counts how
    often the article reports it.
    """

    type: str
    status: str
    trigger: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    negated: bool = False
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    mediators: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    venue: str | None = None
    date: str | None = None
    date_precision: str | None = None
    issues: tuple[str, ...] = ()
    cameo: str | None = None
    plover: str | None = None
    mentions: int = 1

    @property
    def parties(self) -> set[str]:
        return {*self.source, *self.target, *self.participants, *self.mediators}


@dataclass(frozen=True)
class Position:
    """A party's stated stance on an issue (SPEC §4), with who voiced it and where.

    `stance` is demand | offer | accept | reject | support | oppose; `holder` the party
    (state or organization), `speaker` the person or body who voiced it, if named;
    `content` a short phrase of what is wanted or refused; `basis` says where it came
    from: an event ("event"), a quote ("quote") or a stance verb ("statement": "China
    opposes attacks on nuclear plants").
    """

    holder: str
    issue: str
    stance: str
    content: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    basis: str
    speaker: str | None = None
    date: str | None = None
    date_precision: str | None = None
