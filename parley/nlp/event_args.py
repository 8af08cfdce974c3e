"""Who takes part in an event, and where: the arguments of a negotiation event.

Used by `parley.nlp.events`. From the dependency parse and the linked mentions: the
subject is the source, "with"/"between" give participants, the object or "to" the
target, "hosted"/"brokered by" the mediators, "in"/"at" the venue; each actor counts for
its party on the article's date (Putin → Russia, a ministry → its state; media are no
party). Inside a quotation "we" is the speaker's side.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from parley.case import Case, Entry
from parley.types import Mention, Quote

__all__ = ["LEXICON", "SPEECH_ACTS"]  # the rest is internal to the event step

LEXICON = Path(__file__).parent / "lexicon" / "events.toml"


def _load_words(path: Path) -> dict[str, frozenset[str]]:
    """The lexicon's word lists the step reads context by ("light_verbs", "ordinals" …)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {key: frozenset(words) for key, words in data["words"].items()}


_WORDS = _load_words(LEXICON)
SPEECH_ACTS = frozenset({"proposal", "demand", "accept", "reject"})
_GATHERINGS = frozenset({"meeting", "call", "agreement", "exchange", "ceasefire"})
_HOSTING_VERBS = _WORDS["hosting_verbs"]
_LIGHT_VERBS = _WORDS["light_verbs"]
_VENUE_PREPOSITIONS = _WORDS["venue_prepositions"]
_SPEECH_LEMMAS = _WORDS["speech_lemmas"]
# How specific a place is as a venue: a palace (0) before its city (1) before its country.
_PLACE_RANK = {
    "building": 0,
    "venue": 0,
    "facility": 0,
    "plant": 0,
    "city": 1,
    "district": 1,
    "island": 2,
    "area": 2,
    "region": 3,
    "peninsula": 3,
    "river": 3,
    "sea": 3,
    "country": 4,
    "continent": 5,
}


@dataclass(frozen=True)
class _Trigger:
    """A word (or phrase) of the event lexicon found in a document, with its event type."""

    kind: str
    head: Token  # the word that carries the trigger (noun or verb)
    span: Span  # all its words
    verbal: bool


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _objects(token: Token) -> list[Token]:
    return _children(token, "dobj", "obj", "attr", "nsubjpass")


# ------------------------------------------------------------------------- arguments


@dataclass
class _Roles:
    source: list[Entry] = field(default_factory=list)
    target: list[Entry] = field(default_factory=list)
    participants: list[Entry] = field(default_factory=list)
    mediators: list[Entry] = field(default_factory=list)
    people: list[str] = field(default_factory=list)


class _Article:
    """What argument finding needs: mentions by token, each actor's party, quotations."""

    def __init__(
        self,
        doc: Doc,
        mentions: Sequence[Mention],
        quotes: Sequence[Quote],
        published: date | None,
        case: Case,
    ) -> None:
        self.doc = doc
        self.case = case
        self.published = published
        self.by_token: dict[int, Mention] = {}
        for mention in mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            for token in span:
                self.by_token.setdefault(token.i, mention)
        self.quotes = [q for q in quotes if q.kind in {"direct", "indirect"}]

    def mention(self, token: Token) -> Mention | None:
        return self.by_token.get(token.i)

    def entry(self, mention: Mention) -> Entry | None:
        return self.case.by_id.get(mention.entity_id)

    def party(self, mention: Mention) -> Entry | None:
        entry = self.entry(mention)
        if entry is None:
            return None
        if mention.role == "place":
            return None  # "talks in Saudi Arabia": where, not who
        return self.case.party_of(entry, self.published)

    def speaker_party(self, token: Token) -> Entry | None:
        """The party of whoever says the words a token is in (direct or reported)."""
        for quote in self.quotes:
            if quote.start <= token.idx < quote.end and quote.speaker_id:
                entry = self.case.by_id.get(quote.speaker_id)
                if entry is not None:
                    return self.case.party_of(entry, self.published)
        return None

    def parties_of(self, token: Token, roles: _Roles, *, inside: bool = True) -> list[Entry]:
        """The parties a noun phrase names: the mention at its head, or (with `inside`)
        every mention in the phrase; conjuncts ("Russia and Ukraine") included. Persons
        named are added to `roles.people`."""
        found: list[Entry] = []
        heads = [token, *self._conjuncts(token)]
        for head in heads:
            tokens = list(head.subtree) if inside else [head]
            if inside:
                tokens = [t for t in tokens if t.dep_ not in {"relcl", "acl"}]
            seen: set[str] = set()
            for word in tokens:
                mention = self.mention(word)
                if mention is None or mention.entity_id in seen:
                    continue
                seen.add(mention.entity_id)
                if mention.kind == "person":
                    roles.people.append(mention.entity_name)
                party = self.party(mention)
                if party is not None:
                    found.append(party)
            # "we" in a quotation is the speaker's side; "it" and "its" may be anyone.
            if not seen and head.lower_ in {"we", "i", "us", "our", "it", "they"}:
                party = self.speaker_party(head)
                if party is not None:
                    found.append(party)
        return found

    @staticmethod
    def _conjuncts(token: Token) -> list[Token]:
        return [t for t in token.subtree if t.dep_ == "conj" and t.head.i != token.head.i]


def _anchor(trigger: _Trigger) -> Token | None:
    """The verb an event's tense and modality are read from."""
    if trigger.verbal:
        return trigger.head
    for ancestor in trigger.head.ancestors:
        if ancestor.pos_ in {"VERB", "AUX"}:
            return ancestor
    return None


def _subjects(verb: Token) -> list[Token]:
    subjects = _children(verb, "nsubj", "nsubjpass")
    if verb.dep_ == "relcl" and any(s.lower_ in {"which", "that", "who"} for s in subjects):
        return [verb.head]  # "Zelensky's plan, which calls for …": the plan calls
    if not subjects and verb.dep_ in {"xcomp", "conj", "advcl"} and verb.head is not verb:
        if verb.head.pos_ == "ADJ" and verb.head.head is not verb.head:
            return _subjects(verb.head.head)  # "Russia is ready to hold talks"
        return _subjects(verb.head)
    if not subjects and verb.dep_ == "acl" and verb.tag_ == "VBD":
        return [verb.head]  # "Beijing, which …, announced …" misread as a modifier
    if not subjects and verb.dep_ == "pcomp" and verb.head.head is not verb.head:
        return _subjects(verb.head.head)  # "After rejecting the offer, Zelensky …"
    return subjects


def _agents(token: Token) -> list[Token]:
    return [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def _prep_objects(token: Token, *words: str) -> list[Token]:
    return [
        g
        for c in token.children
        if c.dep_ == "prep" and _lemma(c) in words
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _roles(trigger: _Trigger, kind: str, article: _Article) -> _Roles:
    roles = _Roles()
    head = trigger.head
    anchor = _anchor(trigger)
    # Who acts: the verb's subject (or a passive's agent); for a noun, its owner
    # ("Russia's proposal", "the Ukrainian delegation"), "by X", or the subject of a
    # light verb ("Moscow put forward a plan").
    actors: list[Entry] = []
    others: list[Entry] = []
    hosts: list[Entry] = []
    if trigger.verbal:
        passive = any(c.dep_ == "auxpass" for c in head.children)
        for subject in _subjects(head):
            if kind == "mediation" and passive:
                # "The exchange was brokered by the UAE": the subject is what was mediated.
                others += article.parties_of(subject, roles)
            else:
                actors += article.parties_of(subject, roles)
        for agent in _agents(head):
            actors += article.parties_of(agent, roles)
    else:
        for owner in _children(head, "poss", "compound", "amod", "nmod"):
            actors += article.parties_of(owner, roles, inside=False)
        for agent in _prep_objects(head, "by", "from") + _agents(head):
            actors += article.parties_of(agent, roles)
        carried = anchor is not None and (
            _lemma(anchor) in _LIGHT_VERBS | _SPEECH_LEMMAS or kind in _GATHERINGS
        )
        if not actors and anchor is not None and carried and head.dep_ in {"dobj", "obj", "attr"}:
            for subject in _subjects(anchor):
                if _lemma(anchor) in _HOSTING_VERBS:
                    hosts += article.parties_of(subject, roles)  # "Turkey hosted the talks"
                else:
                    actors += article.parties_of(subject, roles)
        if not actors and head.dep_ in {"nsubj", "nsubjpass"} and anchor is not None:
            for agent in _agents(anchor):
                actors += article.parties_of(agent, roles)
    for partner in _prep_objects(head, "with", "between", "among", "to", "on", "against"):
        others += article.parties_of(partner, roles)
    if trigger.verbal:
        for obj in _children(head, "dobj", "dative", "iobj"):
            others += article.parties_of(obj, roles, inside=kind != "mediation")
    if kind == "mediation":
        mediated = [*_objects(head), *([head.head] if head.dep_ in {"acl", "amod"} else [])]
        if head.dep_ in {"acl", "amod"}:
            # "talks hosted by Turkey", "the US-brokered deal".
            before = [t for t in head.doc[max(head.i - 3, 0) : head.i] if t.text != "-"]
            for word in [*head.subtree, *before[-1:]]:
                mention = article.mention(word)
                party = article.party(mention) if mention else None
                if party is not None and word.i < head.i:
                    actors.append(party)
        for thing in mediated:
            others += article.parties_of(thing, roles)
        roles.source = _unique(actors)
        roles.mediators = list(roles.source)
        roles.target = [p for p in _unique(others) if p not in roles.source]
    elif kind in SPEECH_ACTS:
        roles.source = _unique(actors)
        roles.target = [p for p in _unique(others) if p not in roles.source]
    else:
        roles.participants = [p for p in _unique(actors + others) if p not in hosts]
        roles.mediators = _unique(hosts)
    return roles


def _unique(entries: Iterable[Entry]) -> list[Entry]:
    seen: dict[str, Entry] = {}
    for entry in entries:
        seen.setdefault(entry.id, entry)
    return list(seen.values())


def _sentence_parties(sent: Span, article: _Article, roles: _Roles) -> list[Entry]:
    found: list[Entry] = []
    for token in sent:
        mention = article.mention(token)
        if mention is None or mention.role != "actor" or token.i != _first_token(article, mention):
            continue
        party = article.party(mention)
        if party is not None:
            found.append(party)
            if mention.kind == "person":
                roles.people.append(mention.entity_name)
    return _unique(found)


def _first_token(article: _Article, mention: Mention) -> int:
    span = article.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span.start if span is not None else -1


def _venue(trigger: _Trigger, article: _Article) -> Entry | None:
    """The most specific place where the event happens: a place after in/at/near in the
    trigger's sentence."""
    best: tuple[int, int, Entry] | None = None
    for token in trigger.head.sent:
        mention = article.mention(token)
        if mention is None or mention.role != "place":
            continue
        preposition = token.head if token.dep_ == "pobj" else None
        while preposition is not None and preposition.dep_ == "pobj":
            preposition = preposition.head
        if preposition is None or _lemma(preposition) not in _VENUE_PREPOSITIONS:
            # "in the Turkish city of Istanbul": the place is named inside a venue phrase.
            outer = token.head.head if token.head.dep_ == "prep" else None
            if (
                outer is None
                or outer.dep_ != "pobj"
                or _lemma(outer.head) not in _VENUE_PREPOSITIONS
            ):
                continue
        entry = article.entry(mention)
        if entry is None:
            continue
        rank = _PLACE_RANK.get(entry.place_type or "", 4 if entry.kind == "state" else 3)
        distance = abs(token.i - trigger.head.i)
        if best is None or (rank, distance) < (best[0], best[1]):
            best = (rank, distance, entry)
    return best[2] if best else None


def _host_state(venue: Entry, case: Case) -> Entry | None:
    current: Entry | None = venue
    seen: set[str] = set()
    while current is not None and current.id not in seen:
        seen.add(current.id)
        if current.kind == "state":
            return current
        if current.place_type == "country" and current.stands_for:
            return case.entry(current.stands_for)
        current = case.entry(current.located_in) if current.located_in else None
    return None
