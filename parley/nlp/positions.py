"""Positions: who wants what, per party and issue (SPEC §4).

`extract_positions(doc, events, quotes, published, case)` is the logic, a plain function.
A position comes from

- an event that is a stance in itself: a demand, a proposal (an offer), an acceptance, a
  rejection, an agreement (accepted by each side of the conflict that signs it), held by
  the event's source for each issue the event concerns (hosting or mediating talks is
  an act, recorded as an event, not a stance on an issue; offering to host is an offer);
- a statement (a direct or indirect quote) whose words carry a stance cue (the lexicon
  `lexicon/stances.toml`: "must" demands, "ready to" offers, "never" rejects, "welcome"
  supports …) and name an issue of the case: held by the speaker's party on the
  article's date (Peskov → Russia), voiced by the speaker;
- a party's own stance verb outside quotation ("China opposes attacks on nuclear
  plants"), a call ("urges", "calls for": a side of the conflict demands, anyone else
  supports) or advocacy at the table (a side offers); a paper ("the position paper calls
  for …") speaks for whoever the sentence before names as issuing it.

One position per (holder, issue, stance) per article: the first evidence is kept.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from spacy.tokens import Doc, Token

from parley.case import Case
from parley.nlp.descriptions import actors_before
from parley.nlp.events import IssuesFound
from parley.types import Event, Mention, Position, Quote

__all__ = ["POSITIONS_COMPONENT", "extract_positions", "load_stance_cues"]

POSITIONS_COMPONENT = "parley.positions.v1"
LEXICON = Path(__file__).parent / "lexicon" / "stances.toml"
_EVENT_STANCES = {
    "demand": "demand",
    "proposal": "offer",
    "accept": "accept",
    "reject": "reject",
    "agreement": "accept",
}
# Verbs by which a party states a stance outright: "China opposes attacks on nuclear
# plants", "the EU welcomed the deal".
_STANCE_VERBS = {
    "support": "support",
    "back": "support",
    "endorse": "support",
    "welcome": "support",
    "favor": "support",
    "favour": "support",
    "champion": "support",
    "oppose": "oppose",
    "condemn": "oppose",
    "criticize": "oppose",
    "criticise": "oppose",
    "denounce": "oppose",
    "object": "oppose",
    "warn": "oppose",
    # Calls and advocacy: what a side of the conflict asks for it demands, and what it
    # advocates at the table it offers; anyone else supports ("China urges a ceasefire").
    "call": "call",
    "urge": "call",
    "advocate": "advocate",
}
_BY_SIDE = {"call": ("demand", "support"), "advocate": ("offer", "support")}
# Papers that speak for whoever issued them: "the position paper calls for …".
_DOCUMENTS = {
    "paper",
    "document",
    "plan",
    "statement",
    "communique",
    "communiqué",
    "declaration",
    "resolution",
    "proposal",
    "memorandum",
    "framework",
}
_CONTENT_WORDS = 14


@functools.cache
def load_stance_cues(path: Path = LEXICON) -> dict[str, re.Pattern[str]]:
    """One pattern per stance, matching any of its cue phrases as whole words."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {
        stance: re.compile(
            r"\b("
            + "|".join(re.escape(cue) for cue in sorted(body["cues"], key=len, reverse=True))
            + r")\b",
            re.I,
        )
        for stance, body in data["stances"].items()
    }


def _narrowed(found: set[str]) -> list[str]:
    """A statement about prisoners that mentions the mediation is about the prisoners:
    the format of the talks counts only when nothing else is at issue."""
    return sorted(found - {"talks_format"} if len(found) > 1 else found)


def _position_issues(event: Event) -> list[str]:
    """The issues an event's stance is about: "agreed upon corridors after the second
    round of talks" is about the corridors, not about the talks it followed."""
    issues = list(event.issues)
    if len(issues) > 1 and event.type not in {"meeting", "mediation", "proposal", "call"}:
        issues = [i for i in issues if i != "talks_format"]
    return issues


def _short(text: str) -> str:
    words = text.split()
    short = " ".join(words[:_CONTENT_WORDS])
    return short + (" …" if len(words) > _CONTENT_WORDS else "")


def _stance_of(text: str) -> str | None:
    """The stance a statement takes: the cue that comes first in it."""
    best: tuple[int, str] | None = None
    for stance, pattern in load_stance_cues().items():
        found = pattern.search(text)
        if found is not None and (best is None or found.start() < best[0]):
            best = (found.start(), stance)
    return best[1] if best else None


_CONDITION = re.compile(
    r"\b(if|as soon as|provided that|provided|only after|only if|on condition that|once|"
    r"in exchange for|in return for)\b",
    re.I,
)


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘«])")


def _stances(quote: Quote) -> list[tuple[str, int, int]]:
    """The stances a statement takes, each over the part of it that says so.

    Each sentence of a quotation is read on its own ("We are ready to sit down at the
    table. Our conditions are simple: troops must withdraw" offers talks and demands a
    withdrawal). Within a sentence, the words of a condition are what the speaker
    demands: "We are ready to start talks as soon as Kyiv withdraws its troops", "As
    soon as Kyiv withdraws, we will order a ceasefire".
    """
    found: list[tuple[str, int, int]] = []
    offset = 0
    for part in _SENTENCE.split(quote.text):
        begin = quote.text.index(part, offset)
        offset = begin + len(part)
        found.extend(_sentence_stances(part, quote.start + begin))
    return found


def _sentence_stances(text: str, start: int) -> list[tuple[str, int, int]]:
    end = start + len(text)
    split = _CONDITION.search(text)
    if split is None:
        stance = _stance_of(text)
        return [(stance, start, end)] if stance else []
    if split.start() <= 2:
        # The condition comes first and runs to the comma: "As soon as Kyiv withdraws,
        # we will order a ceasefire".
        comma = text.find(", ", split.end())
        if comma < 0:
            return [("demand", start, end)]
        found = [("demand", start, start + comma)]
        after = _stance_of(text[comma:])
        if after is not None:
            found.append((after, start + comma, end))
        return found
    cut = start + split.start()
    found = []
    before = _stance_of(text[: split.start()])
    if before is not None:
        found.append((before, start, cut))
    # "ready to talk if Kyiv withdraws" sets a condition; "we will support Ukraine if the
    # ceasefire breaks" only foresees one.
    strong = split.group(1).lower() not in {"if", "once"}
    if strong or before in {"offer", "accept"}:
        found.append(("demand", cut, end))
    return found


def _stated(
    doc: Doc,
    mentions: Sequence[Mention],
    quotes: Sequence[Quote],
    published: date | None,
    case: Case,
    issues: IssuesFound,
) -> list[Position]:
    """Stances a party states outright, outside quotation: "China opposes armed attacks
    against nuclear power plants" (oppose, nuclear_safety)."""
    found: list[Position] = []
    by_start = {m.start: m for m in mentions}
    quoted = [(q.start, q.end) for q in quotes if q.kind == "direct"]
    for token in doc:
        stance = _STANCE_VERBS.get(token.lemma_.lower())
        if stance is None or token.pos_ != "VERB":
            continue
        if any(start <= token.idx < end for start, end in quoted):
            continue
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        if not subjects:
            continue
        subject = subjects[0]
        if stance == "call" and not _calls_for(token):
            continue  # "called the talks useful", "urged on by": no call for something
        mention = next(
            (
                by_start[t.idx]
                for t in subject.subtree
                if t.idx in by_start and t.dep_ not in {"pobj"}
            ),
            None,
        )
        if mention is None and subject.lemma_.lower() in _DOCUMENTS:
            mention = _issuer(subject, mentions)  # "the position paper calls for …"
        entry = case.by_id.get(mention.entity_id) if mention is not None else None
        party = case.party_of(entry, published) if entry is not None else None
        if party is None:
            continue
        held = stance
        if stance in _BY_SIDE:
            held = _BY_SIDE[stance][0 if party.side else 1]
        objects = [t for t in token.subtree if t.i > token.i]
        if not objects:
            continue
        start, end = objects[0].idx, objects[-1].idx + len(objects[-1])
        sent = token.sent
        for issue in sorted(issues.between(start, end)):
            found.append(
                Position(
                    holder=party.name,
                    issue=issue,
                    stance=held,
                    content=_short(doc.text[start:end]),
                    start=token.idx,
                    end=end,
                    sentence_start=sent.start_char,
                    sentence_end=sent.end_char,
                    basis="statement",
                    speaker=mention.entity_name if mention and mention.kind == "person" else None,
                )
            )
    return found


def _calls_for(verb: Token) -> bool:
    """Whether "call" or "urge" asks for something: "calls for a ceasefire", "called on
    Moscow to withdraw", "urged a truce" (not "called the talks useful")."""
    if verb.lemma_.lower() != "call":
        return True
    return any(c.dep_ in {"prep", "prt"} and c.lower_ in {"for", "on"} for c in verb.children)


def _issuer(subject: Token, mentions: Sequence[Mention]) -> Mention | None:
    """Who issued the paper a sentence's subject names: the last actor that is the subject
    of this sentence or the one before ("The Foreign Ministry released a position paper.
    The paper calls for …")."""
    doc = subject.doc
    named = []
    for mention in actors_before(subject, mentions):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        root = span.root if span is not None else None
        while root is not None and root.dep_ in {"compound", "poss", "amod"}:
            root = root.head  # "China's Foreign Ministry", "Chinese officials"
        if root is not None and root.dep_ in {"nsubj", "nsubjpass"}:
            named.append(mention)
    return named[-1] if named else None


def extract_positions(
    doc: Doc,
    events: Sequence[Event],
    quotes: Sequence[Quote],
    published: date | None,
    case: Case,
    *,
    issues: IssuesFound,
    mentions: Sequence[Mention] = (),
) -> list[Position]:
    """Every distinct (holder, issue, stance) an article reports, with its evidence."""
    positions: dict[tuple[str, str, str], Position] = {}

    def add(position: Position) -> None:
        key = (position.holder, position.issue, position.stance)
        kept = positions.get(key)
        # The first evidence is kept, unless a later one names who voiced it.
        if kept is None or (kept.speaker is None and position.speaker is not None):
            positions[key] = position

    for event in events:
        stance = _EVENT_STANCES.get(event.type)
        if stance is None or event.negated or event.status == "hypothetical":
            continue
        holders: tuple[str, ...] = event.source
        if event.type == "agreement":
            # Each side of the conflict accepts what it signs; guarantors and witnesses
            # (a UN, a Turkey) sign as third parties, not as parties accepting terms.
            signers = event.participants + event.source
            sided = tuple(h for h in signers if (e := case.entry(h)) is not None and e.side)
            holders = sided or signers
        sentence = doc.text[event.sentence_start : event.sentence_end]
        for holder in holders:
            for issue in _position_issues(event):
                add(
                    Position(
                        holder=holder,
                        issue=issue,
                        stance=stance,
                        content=_short(sentence),
                        start=event.start,
                        end=event.end,
                        sentence_start=event.sentence_start,
                        sentence_end=event.sentence_end,
                        basis="event",
                        speaker=event.people[0] if event.people else None,
                        date=event.date,
                        date_precision=event.date_precision,
                    )
                )
    for position in _stated(doc, mentions, quotes, published, case, issues):
        add(position)
    for quote in quotes:
        if quote.kind not in {"direct", "indirect"} or not quote.speaker_id:
            continue
        speaker = case.by_id.get(quote.speaker_id)
        party = case.party_of(speaker, published) if speaker is not None else None
        if party is None:
            continue
        for stance, start, end in _stances(quote):
            for issue in _narrowed(issues.between(start, end)):
                add(
                    Position(
                        holder=party.name,
                        issue=issue,
                        stance=stance,
                        content=_short(quote.text),
                        start=quote.start,
                        end=quote.end,
                        sentence_start=quote.sentence_start,
                        sentence_end=quote.sentence_end,
                        basis="quote",
                        speaker=quote.speaker_name,
                        date=quote.date,
                        date_precision=quote.date_precision,
                    )
                )
    return sorted(positions.values(), key=lambda p: (p.start, p.holder, p.issue))
