"""Who is speaking: the actor a cue's subject, a pronoun or a description stands for.

Used by `parley.nlp.quotes`. A subject linked to a mention is that actor; "he said" is
the last fitting named person (the main subject of the nearest sentence that has one);
"the official stressed" the person being quoted; "his office said" the state that
person acts for; "the statement said" whoever issued it; "a senior official" stays
unidentified, its words kept.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from parley.types import Mention

__all__: list[str] = []  # internal to the quote step

_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
_BREAKS = re.compile(r"\n+")
# Nouns that describe a person being quoted ("the official stressed").
_PERSON_NOUNS = frozenset(
    {
        "official",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "minister",
        "president",
        "leader",
        "diplomat",
        "envoy",
        "aide",
        "adviser",
        "advisor",
        "negotiator",
        "ambassador",
        "chief",
        "head",
        "secretary",
        "premier",
        "chancellor",
        "governor",
        "mayor",
        "commander",
        "general",
        "lawmaker",
        "senator",
        "politician",
        "representative",
        "mediator",
        "counterpart",
        "monarch",
        "pope",
        "pontiff",
        "king",
        "prince",
        "emir",
        "statesman",
        "director",
        "ombudsman",
        "deputy",
        "analyst",
        "expert",
    }
)
_DEFINITE = frozenset({"the", "this", "that"})
# Whose words these are is said earlier: "the statement said".
_DOCUMENT_NOUNS = frozenset(
    {"statement", "communique", "communiqué", "release", "readout", "announcement", "decree"}
)
# A person's institution speaks for the person's party: "his administration said".
_INSTITUTION_NOUNS = frozenset(
    {"administration", "government", "office", "presidency", "cabinet", "ministry", "team"}
)
_PLURAL_PRONOUNS = frozenset({"they", "them", "we", "it"})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})


@dataclass(frozen=True)
class _Speaker:
    entity_id: str | None
    name: str | None
    text: str
    kind: str | None = None


class _Context:
    """What speaker resolution needs to know about the document."""

    def __init__(
        self,
        doc: Doc,
        mentions: Sequence[Mention],
        quoted: list[tuple[int, int]],
        parties: Mapping[str, tuple[str, str]],
    ):
        self.doc = doc
        self.parties = parties
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.quoted = quoted
        self.speakers: list[tuple[int, _Speaker]] = []  # (char position, speaker) so far
        self.starts = [token.idx for token in doc]

    def inside_quote(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.quoted)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def covering(self, token: Token) -> Mention | None:
        for mention in self.mentions:
            if mention.start <= token.idx < mention.end:
                return mention
        return None

    def last_speaker(self, before: int, *, within: int = 2) -> _Speaker | None:
        """The speaker of the latest quote before `before`, if it is at most `within`
        paragraph breaks back."""
        for at, speaker in reversed(self.speakers):
            if at < before:
                if len(_BREAKS.findall(self.doc.text, at, before)) > within:
                    return None
                return speaker
        return None

    def last_quote_at(self, before: int) -> int:
        return max((at for at, _ in self.speakers if at < before), default=0)

    def _depth(self, mention: Mention) -> int | None:
        """How far below its sentence's root a mention's head is, when the mention is
        subject-like (a subject, a passive's agent, "according to X"); else None."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return None
        head = span.root
        if head.dep_ == "appos":  # "the deputy head of the office, Igor Zhovkva, said"
            head = head.head
        subject_like = head.dep_ in _SUBJECTS or (
            head.dep_ == "pobj"
            and (head.head.head.lower_ == "according" or head.head.dep_ == "agent")
        )
        if not subject_like:
            return None
        return sum(1 for _ in head.ancestors)

    def fitting_person(self, before: int, *, after: int = 0, sentences: int = 4) -> _Speaker | None:
        """The last fitting named person before a position: sentence by sentence back, the
        person who is the main subject (or "according to" source) of the nearest sentence
        that has one; failing that, simply the latest person named outside quotations."""
        people = [
            m
            for m in self.mentions
            if m.kind == "person"
            and after <= m.start
            and m.end <= before
            and not self.inside_quote(m.start, m.end)
        ]
        if not people:
            return None
        token = self._token_at(before)
        sent: Span | None = token.sent if token is not None else None
        for _ in range(sentences):
            if sent is None:
                break
            scored = [
                (depth, -m.start, m)
                for m in people
                if sent.start_char <= m.start < sent.end_char
                and (depth := self._depth(m)) is not None
            ]
            if scored:
                chosen = min(scored, key=lambda item: (item[0], item[1]))[2]
                return _Speaker(chosen.entity_id, chosen.entity_name, chosen.text, chosen.kind)
            sent = self.doc[sent.start - 1].sent if sent.start > 0 else None
        if after:
            return None
        latest = people[-1]
        return _Speaker(latest.entity_id, latest.entity_name, latest.text, latest.kind)

    def _token_at(self, position: int) -> Token | None:
        """The token just before a character position."""
        index = bisect.bisect_left(self.starts, position) - 1
        return self.doc[index] if index >= 0 else None

    def last_party(self, before: int) -> _Speaker | None:
        previous = self.last_speaker(before)
        if previous and previous.kind in {"state", "organization"}:
            return previous
        for mention in reversed(self.mentions):
            if (
                mention.end <= before
                and mention.role == "actor"
                and mention.kind in {"state", "organization"}
                and not self.inside_quote(mention.start, mention.end)
                and before - mention.start < 400
            ):
                return _Speaker(mention.entity_id, mention.entity_name, mention.text, mention.kind)
        return None

    def described_person(self, token: Token) -> _Speaker | None:
        """Whom "the official" or "the US president" refers to: a person who is the subject
        earlier in the same sentence, else the person being quoted, else the last fitting
        person."""
        same = self.fitting_person(token.idx, after=token.sent.start_char, sentences=1)
        if same is not None:
            return same
        previous = self.last_speaker(token.idx)
        if previous is not None and previous.kind == "person":
            return previous
        return self.fitting_person(token.idx)

    def speaker_of(self, token: Token) -> _Speaker | None:
        """The actor a subject (or an "according to" object) stands for."""
        mention = self.covering(token)
        if mention is not None and (mention.kind == "person" or not self._describes(token)):
            return _Speaker(mention.entity_id, mention.entity_name, mention.text, mention.kind)
        lower = token.left_edge.idx
        upper = token.right_edge.idx + len(token.right_edge.text)
        inner = [m for m in self.mentions_in(lower, upper) if not self.inside_quote(m.start, m.end)]
        people = [m for m in inner if m.kind == "person"]
        if people:
            # "the deputy head of Zelensky's office, Igor Zhovkva": the person closest to
            # the subject in the tree, not the first one named in its phrase.
            chosen = min(people, key=lambda m: self._distance(m, token))
            return _Speaker(chosen.entity_id, chosen.entity_name, chosen.text, chosen.kind)
        description = token.doc[token.left_edge.i : token.i + 1].text
        institution = self._institution(token, description)
        if institution is not None:
            return institution
        if self._describes(token):
            determiners = {c.lower_ for c in token.children if c.dep_ in {"det", "poss"}}
            if determiners & _DEFINITE or (not determiners and token.i > token.left_edge.i):
                found = self.described_person(token)
                if found:
                    return _Speaker(found.entity_id, found.name, description, found.kind)
            return _Speaker(None, None, description, "person")
        if inner:
            chosen = inner[0]
            return _Speaker(chosen.entity_id, chosen.entity_name, chosen.text, chosen.kind)
        word = token.lower_
        if word in _PERSON_PRONOUNS or word == "i":
            found = self.fitting_person(token.idx)
            return _Speaker(found.entity_id, found.name, token.text, found.kind) if found else None
        if word in _PLURAL_PRONOUNS:
            found = self.last_party(token.idx)
            if found is None and word != "it":
                found = self.last_speaker(token.idx)
            return _Speaker(found.entity_id, found.name, token.text, found.kind) if found else None
        if token.pos_ in {"NOUN", "PROPN"}:
            return _Speaker(None, None, description)
        return None

    def _distance(self, mention: Mention, token: Token) -> int:
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return 99
        steps = 0
        for steps, ancestor in enumerate([span.root, *span.root.ancestors]):
            if ancestor == token:
                return steps
        return 99

    def _institution(self, token: Token, description: str) -> _Speaker | None:
        """ "his administration said" → the state the person acts for; "the statement
        said" → whoever was last reported as speaking."""
        lemma = token.lemma_.lower()
        determiners = {c.lower_: c for c in token.children if c.dep_ in {"det", "poss"}}
        if lemma in _DOCUMENT_NOUNS and set(determiners) & _DEFINITE:
            previous = self.last_speaker(token.idx)
            if previous is not None:
                return _Speaker(previous.entity_id, previous.name, description, previous.kind)
        if lemma in _INSTITUTION_NOUNS and set(determiners) & {"his", "her"}:
            person = self.fitting_person(token.idx)
            party = self.parties.get(person.entity_id or "") if person else None
            if party is not None:
                return _Speaker(party[0], party[1], description, "state")
        return None

    @staticmethod
    def _describes(token: Token) -> bool:
        """Whether a subject describes a person by role ("the official", "the US president")."""
        return token.lemma_.lower() in _PERSON_NOUNS and token.tag_ in {"NN", "NNP"}
