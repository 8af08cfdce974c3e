"""Negotiation events: what happened or is planned in the talks, one record per distinct
event per article (SPEC §3).

`extract_events(doc, mentions, quotes, published, case)` is the logic, a plain function:

1. **Triggers**: words of the event lexicon (`lexicon/events.toml`, lemma-based and
   multiword: "peace talks", "phone call", "prisoner swap", "rule out"), each checked
   against its context where a word has other senses ("call for" is a demand, a "press
   conference" no meeting, "declined to comment" no rejection, an exchange needs
   prisoners).
2. **Arguments** (`parley.nlp.event_args`) from the dependency parse and the linked
   mentions: the subject is the source, "with"/"between" give participants, "to"/the
   object the target, "hosted" or "brokered by" the mediators, "in"/"at" the venue;
   each actor counted for its party on the article's date (Putin → Russia). Inside a
   quotation "we" is the speaker's party. A meeting held in a third country has that
   country as host (mediator).
3. **Status** from tense, aspect and modality (will/is set to/sent to meet → planned;
   offered or ready to hold talks → proposed; held/met → occurred) and **negation**
   (did not, no talks, cancelled; "will never accept" is a rejection). What could
   happen or happens only "if" is a condition, not an event, and is left out.
4. **Date** from a date expression in the event's own clause, resolved against the
   publication date with the event's tense; **issues** from the case's cue phrases in
   that clause (else its sentence).
5. Repeated mentions of one event are merged (`parley.nlp.event_merge`); the first
   mention is the evidence.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import cast

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from parley.case import Case, Entry
from parley.nlp.dates import Precision, ResolvedDate, resolve_date, tense_of
from parley.nlp.event_args import (
    _GATHERINGS,
    _LIGHT_VERBS,
    _SPEECH_LEMMAS,
    _WORDS,
    LEXICON,
    SPEECH_ACTS,
    _anchor,
    _Article,
    _children,
    _host_state,
    _lemma,
    _objects,
    _prep_objects,
    _roles,
    _sentence_parties,
    _Trigger,
    _venue,
)
from parley.nlp.event_merge import MergeKey, merge_mentions
from parley.types import Event, Mention, Quote

__all__ = [
    "EVENTS_COMPONENT",
    "SPEECH_ACTS",
    "EventType",
    "IssueMatcher",
    "IssuesFound",
    "extract_events",
    "load_event_types",
]

EVENTS_COMPONENT = "parley.events.v1"


_HYPOTHETICAL_AUX = _WORDS["hypothetical_aux"]
_PLANNED_WORDS = _WORDS["planned_words"]
_TOGETHER = _WORDS["together"]
_PASSING = _WORDS["passing"]
_MODIFIERS = frozenset({"relcl", "acl", "amod"})
_SCHEDULING_VERBS = _WORDS["scheduling_verbs"]
_OBJECT_PATH = frozenset(
    {
        "dobj",
        "obj",
        "xcomp",
        "pobj",
        "prep",
        "attr",
        "nsubjpass",
        "oprd",
        "dative",
        "pcomp",
        "acomp",
        "ccomp",
        "compound",
    }
)
_SETTING_PREPOSITIONS = _WORDS["setting_prepositions"]
_HAPPENING = frozenset({"ceasefire", "exchange"})
_HAPPENING_VERBS = _WORDS["happening_verbs"]
_CONDITIONS = _WORDS["conditions"]
_MAYBE_NOUNS = _WORDS["maybe_nouns"]
_READY_WORDS = _WORDS["ready_words"]
_POSSIBLE_WORDS = _WORDS["possible_words"]
_NEGATING_VERBS = _WORDS["negating_verbs"]
_NEGOTIATING_VERBS = _WORDS["negotiating_verbs"]
_NUMBERED = {"first": "1st", "second": "2nd", "third": "3rd", "fourth": "4th", "fifth": "5th"}
_ORDINALS = _WORDS["ordinals"]
_PRISONER_WORDS = re.compile(
    r"\b(prisoners?|pows?|captives?|detainees?|bod(y|ies)|soldiers|servicemen|defenders|"
    r"hostages?|children|civilians|fighters|troops|people)\b",
    re.I,
)
_MEETING_NOUNS = _WORDS["meeting_nouns"]
_AGREEMENT_NOUNS = _WORDS["agreement_nouns"]
_DEFAULT_ISSUES = {
    "ceasefire": ("ceasefire",),
    "exchange": ("prisoners",),
    "meeting": ("talks_format",),
    "mediation": ("talks_format",),
}


@dataclass(frozen=True)
class EventType:
    """One event type: its trigger phrases and its nearest CAMEO and PLOVER codes."""

    name: str
    cameo: str
    cameo_label: str
    plover: str
    plover_mode: str | None
    nouns: tuple[tuple[str, ...], ...]
    verbs: tuple[tuple[str, ...], ...]


@functools.cache
def load_event_types(path: Path = LEXICON) -> dict[str, EventType]:
    """The event types of the lexicon, by name."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {
        name: EventType(
            name=name,
            cameo=str(body["cameo"]),
            cameo_label=str(body["cameo_label"]),
            plover=str(body["plover"]),
            plover_mode=body.get("plover_mode"),
            nouns=tuple(tuple(p.split()) for p in body.get("nouns", [])),
            verbs=tuple(tuple(p.split()) for p in body.get("verbs", [])),
        )
        for name, body in data["types"].items()
    }


# --------------------------------------------------------------------------- triggers


def _noun_triggers(doc: Doc, types: dict[str, EventType]) -> list[_Trigger]:
    by_last: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for event_type in types.values():
        for phrase in event_type.nouns:
            by_last.setdefault(phrase[-1], []).append((phrase, event_type.name))
    found: list[_Trigger] = []
    for token in doc:
        if token.pos_ not in {"NOUN", "PROPN", "X"} and token.tag_ not in {"NN", "NNS"}:
            continue
        candidates = by_last.get(_lemma(token)) or by_last.get(token.lower_)
        if not candidates:
            continue
        best: tuple[int, str] | None = None
        for phrase, name in candidates:
            start = token.i - len(phrase) + 1
            if start < 0:
                continue
            words = [_lemma(t) for t in doc[start : token.i]]
            lowers = [t.lower_ for t in doc[start : token.i]]
            matches = all(w in (a, b) for w, a, b in zip(phrase[:-1], words, lowers, strict=True))
            if matches and (best is None or len(phrase) > best[0]):
                best = (len(phrase), name)
        if best is not None:
            span = doc[token.i - best[0] + 1 : token.i + 1]
            # "round of talks": the phrase's head is its first word.
            head = span[0] if any(t.lower_ == "of" for t in span) else token
            found.append(_Trigger(best[1], head, span, False))
    return found


def _verb_triggers(doc: Doc, types: dict[str, EventType]) -> list[_Trigger]:
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for event_type in types.values():
        for phrase in event_type.verbs:
            by_first.setdefault(phrase[0], []).append((phrase, event_type.name))
    found: list[_Trigger] = []
    for token in doc:
        if token.pos_ != "VERB":
            continue
        candidates = by_first.get(_lemma(token))
        if not candidates:
            continue
        particles = {_lemma(c) for c in token.children if c.dep_ in {"prt", "prep", "dobj"}}
        # "called for Ukraine to drop …": "for" marks the clause the verb governs.
        particles |= {
            _lemma(g)
            for c in token.children
            if c.dep_ in {"advcl", "ccomp", "xcomp"}
            for g in c.children
            if g.dep_ == "mark" and g.i < c.i
        }
        best: tuple[int, str] | None = None
        for phrase, name in candidates:
            matches = all(word in particles for word in phrase[1:])
            if matches and (best is None or len(phrase) > best[0]):
                best = (len(phrase), name)
        if best is not None:
            found.append(_Trigger(best[1], token, doc[token.i : token.i + 1], True))
    return found


def _fits(trigger: _Trigger) -> str | None:
    """The trigger's event type in its context, or None when the word means something else."""
    head, kind = trigger.head, trigger.kind
    lemma = _lemma(head)
    sentence = head.sent.text
    if trigger.verbal:
        objects = [_lemma(o) for o in _objects(head)]
        preps = {_lemma(c) for c in head.children if c.dep_ in {"prep", "prt"}} | {
            _lemma(g)
            for c in head.children
            if c.dep_ in {"advcl", "ccomp", "xcomp"}
            for g in c.children
            if g.dep_ == "mark" and g.i < c.i
        }
        xcomps = {_lemma(c) for c in head.children if c.dep_ in {"xcomp", "ccomp"}}
        if head.dep_ == "relcl":
            objects.append(_lemma(head.head))  # "the conditions Russia must meet"
        if kind == "meeting" and set(objects) & {
            "demand",
            "condition",
            "need",
            "requirement",
            "target",
            "deadline",
            "standard",
            "expectation",
            "criterion",
            "obligation",
        }:
            return None
        if kind == "call":
            if lemma == "call":
                if preps & {"for", "on", "off", "upon"} or _children(head, "oprd", "ccomp"):
                    return "demand" if "for" in preps else None
                if not _children(head, "dobj"):
                    return None
            elif lemma in {"speak", "talk"}:
                withs = [
                    c
                    for c in head.children
                    if c.dep_ == "prep" and _lemma(c) in {"with", "to", "by"}
                ]
                if not withs:
                    return None
        if kind == "reject" and xcomps and not xcomps & _NEGOTIATING_VERBS:
            return None  # "declined to comment", "refused to condemn Moscow"
        if kind == "accept" and lemma in {"participate", "attend", "join"}:
            # Taking part in talks accepts them; "join NATO" does not.
            things = [_lemma(t) for t in _objects(head) + _prep_objects(head, "in", "at")]
            if not set(things) & _MEETING_NOUNS:
                return None
        if (
            kind == "reject"
            and lemma == "dismiss"
            and any(o.ent_type_ == "PERSON" for o in _objects(head))
        ):
            return None  # dismissing a minister is no rejection
        if kind == "exchange" and not _PRISONER_WORDS.search(sentence):
            return None
        if (
            kind == "exchange"
            and lemma in {"release", "free"}
            and not any(_PRISONER_WORDS.search(o.text) for o in _objects(head))
        ):
            return None
        if kind == "mediation" and lemma == "host":
            hosted = [*_objects(head), head.head]
            if not any(_lemma(t) in _MEETING_NOUNS | {"delegation", "visit"} for t in hosted):
                return None
        if kind == "agreement" and lemma == "sign" and not set(objects) & _AGREEMENT_NOUNS:
            return None
        if kind == "accept" and lemma == "agree":
            subjects = [c for c in head.children if c.dep_ == "nsubj"]
            conjoined = any(_children(s, "conj") for s in subjects) or any(
                _lemma(s) in _TOGETHER for s in subjects
            )
            joining = xcomps & {"participate", "attend", "join", "come", "send", "take"}
            if joining:
                return "accept"  # "Lavrov and Kuleba agreed to participate"
            if conjoined or preps & {"on", "with", "upon"} or set(objects) & _AGREEMENT_NOUNS:
                return "agreement"
        if kind == "proposal" and lemma == "suggest" and not (objects or xcomps):
            return None
        if kind == "demand" and lemma == "urge" and not _objects(head):
            return None
        return kind
    # Nouns.
    before = {_lemma(t) for t in head.lefts}
    if kind == "meeting" and lemma == "conference" and before & {"press", "news", "video"}:
        return "call" if "video" in before else None
    if (
        kind == "call"
        and lemma == "call"
        and not (
            before & {"phone", "telephone", "video"}
            or any(_lemma(c) in {"with", "between"} for c in head.children)
        )
    ):
        return None
    if kind == "exchange" and not _PRISONER_WORDS.search(sentence):
        return None
    if kind == "exchange" and any(
        _lemma(c) == "of"
        and any(_lemma(g) in {"view", "opinion", "information", "fire", "blow"} for g in c.children)
        for c in head.children
    ):
        return None
    if (
        kind == "demand"
        and lemma == "condition"
        and not (
            _children(head, "poss")
            or any(_lemma(c) == "for" for c in head.children)
            or _lemma(head.head) in _LIGHT_VERBS | {"accept", "reject", "meet"}
        )
    ):
        return None
    if kind == "demand" and lemma == "term" and not _children(head, "poss"):
        return None  # "in terms of", "long-term"; "Moscow's terms" are demands
    if kind == "agreement" and lemma == "deal" and before & {"great", "good"}:
        return None
    if kind == "proposal" and lemma == "offer" and head.dep_ == "compound":
        return None
    return kind


# ---------------------------------------------------------------------- status, date


def _is_reported(verb: Token) -> bool:
    return any(_lemma(a) in _SPEECH_LEMMAS | {"believe", "expect", "hope"} for a in verb.ancestors)


def _status(trigger: _Trigger, kind: str, governor: str | None) -> tuple[str, bool]:
    """(status, negated) of an event from its words' tense, modality and negation.

    A verb trigger is read from itself; a noun trigger from the verb it is an argument
    of only where that verb says something about the event happening ("talks will take
    place", "did not sign the deal"), not where the noun is merely its subject or
    object ("a single call will not end the war", "cannot accept Russia's demand")."""
    head = trigger.head
    anchor = _anchor(trigger)
    if anchor is not None and not trigger.verbal and not _tells_status(head, anchor):
        anchor = None
    negated = any(c.dep_ == "neg" for c in head.children) or any(
        c.lower_ == "no" and c.dep_ == "det" for c in head.children
    )
    if anchor is not None:
        negated = negated or any(c.dep_ == "neg" for c in anchor.children)
        negated = negated or _lemma(anchor) in _NEGATING_VERBS
    modifiers = {_lemma(t) for t in head.lefts}
    if trigger.verbal and head.dep_ in {"acl", "amod"}:
        modifiers |= {_lemma(t) for t in head.head.lefts}  # "the planned talks, mediated by"
    if not trigger.verbal and kind in SPEECH_ACTS and _children(head, "poss"):
        # "Russia's demand", "Kyiv's proposal": a stance already voiced.
        return "occurred", negated
    if governor in {"proposal", "demand"}:
        return "proposed", negated
    if governor == "accept":
        return "planned", negated
    if modifiers & _POSSIBLE_WORDS:
        return "hypothetical", negated
    for ancestor in head.ancestors:
        if _lemma(ancestor) in _MAYBE_NOUNS:
            return "hypothetical", negated
        if ancestor.dep_ in {"ROOT", "ccomp", "relcl"}:
            break
    if anchor is not None:
        auxes = {_lemma(c) for c in anchor.children if c.dep_ in {"aux", "auxpass"}}
        conditional = any(
            c.dep_ == "advcl" and _conditional_clause(c) for c in anchor.children
        ) or any(_lemma(c) in _CONDITIONS for c in anchor.children if c.dep_ == "mark")
        if anchor.dep_ == "advcl" and _conditional_clause(anchor):
            conditional = True  # "before Russia agrees to a final resolution"
        if auxes & _HYPOTHETICAL_AUX or conditional:
            return "hypothetical", negated
        if kind not in SPEECH_ACTS and _offered(anchor):
            return "proposed", negated
        if kind in SPEECH_ACTS and auxes & {"would", "will"} and _is_reported(anchor):
            return "occurred", negated  # "announced it would participate": accepted
        if "would" in auxes:
            return ("planned" if _is_reported(anchor) else "hypothetical"), negated
        if tense_of(anchor) == "future":
            return "planned", negated
        if (
            kind not in SPEECH_ACTS
            and anchor.tag_ == "VB"
            and any(c.lower_ == "to" and c.dep_ == "aux" for c in anchor.children)
        ):
            return "planned", negated  # "delegations were sent to meet": yet to happen
    if modifiers & _PLANNED_WORDS and kind in _GATHERINGS | {"mediation"}:
        return "planned", negated
    return "occurred", negated


def _tells_status(noun: Token, verb: Token) -> bool:
    """Whether a verb says something about a noun event happening: it is a verb of
    happening, scheduling or doing ("take place", "hold", "postpone", "sign"), or the
    noun is its passive subject ("talks were held")."""
    if verb.dep_ == "xcomp" and _lemma(verb.head) in _SCHEDULING_VERBS:
        return True  # "were set to engage in negotiations"
    return (
        _lemma(verb) in _HAPPENING_VERBS | _LIGHT_VERBS | _SCHEDULING_VERBS | _NEGATING_VERBS
        or noun.dep_ == "nsubjpass"
    )


def _issues_of(trigger: _Trigger, issues: IssuesFound) -> set[str]:
    """The issues an event concerns: those named in its own clause (for a noun trigger,
    the clause of the verb it belongs to), else in its sentence."""
    anchor = _anchor(trigger) or trigger.head
    indexes = _clause(anchor) | _clause(trigger.head)
    if trigger.verbal:
        # What is demanded, proposed or rejected is often a clause of its own: "called for
        # Ukraine to drop its NATO ambitions".
        indexes |= {
            t.i
            for c in trigger.head.children
            if c.dep_ in {"advcl", "ccomp", "xcomp"}
            for t in c.subtree
        }
    doc = trigger.head.doc
    start = doc[min(indexes)].idx
    last = doc[max(indexes)]
    found = issues.between(start, last.idx + len(last))
    return found or issues.of(trigger.head.sent)


def _clause(token: Token) -> set[int]:
    """The token indexes of a word's subtree without the clauses inside it that describe
    something else ("the civilians that Ukraine captured last year")."""
    inside: set[int] = set()
    stack = [token]
    while stack:
        word = stack.pop()
        inside.add(word.i)
        stack.extend(
            c
            for c in word.children
            if c.dep_ not in {"relcl", "acl", "advcl", "ccomp"}
            and not (c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"})  # another clause
        )
    return inside


def _date(
    trigger: _Trigger, status: str, published: date | None, *, governed: bool
) -> ResolvedDate | None:
    """The date the event's own words give. A meeting that someone "proposed last
    weekend" (`governed` by the proposal) takes no date from the proposal's clause."""
    head = trigger.head
    anchor = _anchor(trigger) or head
    scope = _clause(head) if governed else _clause(anchor) | _clause(head)
    tense = "future" if status == "planned" else "past"
    for ent in head.sent.ents:
        if ent.label_ != "DATE" or ent.root.i not in scope:
            continue
        resolved = resolve_date(ent.text, published, tense=tense)
        if resolved is not None:
            return resolved
    return None


def _statement_date(trigger: _Trigger, article: _Article) -> ResolvedDate | None:
    """The date of the statement a demand, proposal, acceptance or rejection is made in,
    where the article dates the statement ("Russia said Tuesday that the truce would only
    start once …": a demand made on Tuesday)."""
    where = trigger.span.start_char
    for quote in article.quotes:
        if quote.date and quote.date_precision and quote.start <= where < quote.end:
            precision = cast(Precision, quote.date_precision)
            return ResolvedDate(date.fromisoformat(quote.date), precision, quote.cue or "")
    return None


class IssueMatcher:
    """The case's issue cue phrases, ready to find in documents (built once per pipeline:
    `make_doc` is the pipeline's tokenizer, so "cease-fire" splits as in the text)."""

    def __init__(self, make_doc: Callable[[str], Doc], case: Case) -> None:
        self.matcher: PhraseMatcher | None = None
        self.patterns = {issue.id: [make_doc(cue) for cue in issue.cues] for issue in case.issues}

    def __call__(self, doc: Doc) -> IssuesFound:
        if self.matcher is None:
            self.matcher = PhraseMatcher(doc.vocab, attr="LOWER")
            for issue, patterns in self.patterns.items():
                self.matcher.add(issue, patterns)
        found = [
            (doc[start].idx, doc.vocab.strings[match_id])
            for match_id, start, _end in self.matcher(doc)
        ]
        return IssuesFound(found)


@dataclass(frozen=True)
class IssuesFound:
    """Where a document names each issue: (character offset, issue id) pairs."""

    matches: list[tuple[int, str]]

    def of(self, sent: Span) -> set[str]:
        """The issues a sentence is about."""
        return self.between(sent.start_char, sent.end_char)

    def between(self, start: int, end: int) -> set[str]:
        """The issues named between two character offsets."""
        return {issue for at, issue in self.matches if start <= at < end}


# -------------------------------------------------------------------------- extract


def _governor(trigger: _Trigger, kinds: dict[int, str]) -> str | None:
    """The speech act a content event is the object of, within its clause: "offered to
    host a new round of talks", "agreed to a truce", "rejected talks in Gomel"."""
    word = trigger.head
    for ancestor in trigger.head.ancestors:
        if word.dep_ not in _OBJECT_PATH:
            return None  # "was not invited, and has rejected": coordinated, not governed
        word = ancestor
        if ancestor.dep_ == "prep" and _lemma(ancestor) in _SETTING_PREPOSITIONS:
            return None  # "in Istanbul talks, Russia proposed …": the setting, no object
        kind = kinds.get(ancestor.i)
        if kind in SPEECH_ACTS or kind == "agreement":
            return kind
        if ancestor.dep_ in {"ROOT", "ccomp", "advcl", "relcl", "parataxis"}:
            break
    return None


def _happens(noun: Token) -> bool:
    """Whether a truce or exchange noun is said to happen (begin, hold, take effect, be
    carried out, be violated …), not just named."""
    verb = noun.head
    while verb.dep_ in {"prep", "conj", "pobj"} and verb.head is not verb:
        verb = verb.head
    return _lemma(verb) in _HAPPENING_VERBS


def _generic(noun: Token, kind: str) -> bool:
    """A kind of thing, not one event: "such agreements", "any deal", bare "agreements"."""
    determiners = {_lemma(c) for c in noun.children if c.dep_ in {"det", "predet", "amod"}}
    if determiners & {"such", "any", "every", "all", "each"}:
        return True
    if kind in {"meeting", "call"} or noun.tag_ != "NNS" or _lemma(noun.head) in _LIGHT_VERBS:
        return False  # "Ukraine put forward proposals" is one act
    return not any(c.dep_ in {"det", "poss", "nummod", "compound", "amod"} for c in noun.children)


def _in_passing(noun: Token) -> bool:
    """Whether a noun trigger is only named in passing, not reported as happening."""
    word = noun
    while word.dep_ in {"conj", "appos"} and word.head is not word:
        word = word.head
    if word.dep_ == "pobj" and _lemma(word.head) in _PASSING:
        return True
    if word.dep_ == "dobj" and _lemma(word.head) in {"include", "mention", "cite"}:
        return True
    return (
        word.dep_ == "pobj"
        and word.head.dep_ == "prep"
        and _lemma(word.head.head)
        in {
            "point",
            "part",
            "element",
            "basis",
        }
    )


def _conditional_clause(clause: Token) -> bool:
    """Whether an adverbial clause sets a condition: "if", "unless", "as soon as", "once",
    "provided that", "before", "until"."""
    text = " ".join(t.lower_ for t in list(clause.subtree)[:4])
    return any(_lemma(c) in _CONDITIONS for c in clause.children if c.dep_ == "mark") or (
        text.startswith(("as soon as", "provided", "on condition"))
    )


def _offered(anchor: Token) -> bool:
    """Whether a verb is what someone is ready or willing to do ("ready to hold talks")."""
    while anchor.dep_ == "conj" and anchor.head is not anchor:
        anchor = anchor.head  # "ready to stop hostilities and begin negotiations"
    if anchor.dep_ != "xcomp":
        return False
    head = anchor.head
    return _lemma(head) in _READY_WORDS or any(
        _lemma(c) in _READY_WORDS for c in head.children if c.dep_ in {"acomp", "attr"}
    )


def _names(entries: Iterable[Entry]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(e.name for e in entries))


def _is_reported_event(
    trigger: _Trigger, kind: str, kinds: dict[int, str], governor: str | None
) -> bool:
    """Whether a trigger reports an event of its own, rather than naming what another
    event is about, naming an event in passing, or a kind of thing."""
    head = trigger.head
    if head.dep_ == "compound" and head.head.i in kinds:
        return False  # "ceasefire proposal": the proposal, about a ceasefire
    if not trigger.verbal and kinds.get(head.head.i) == kind:
        return False  # "signed an agreement": one event, told by its verb
    if governor == "reject" and kind in _GATHERINGS | {"accept", "proposal"}:
        return False  # "rejected talks in Gomel", "refused to accept": the rejection
    if governor == "agreement" and kind == "meeting":
        return False  # "agreed to start negotiations": the agreement
    if governor in {"accept", "proposal", "demand"} and kind == "agreement":
        return False  # "accepting the deal": the acceptance, about the deal
    if governor in SPEECH_ACTS and kind == "ceasefire":
        return False  # "proposed a ceasefire": the proposal, about the ceasefire
    if trigger.verbal:
        return True
    if kind != "mediation" and _in_passing(head):
        return False  # (a mediation named at all took place: "under Türkiye's mediation")
    if kind in _GATHERINGS and any(
        kinds.get(c.i) in SPEECH_ACTS for c in head.children if c.dep_ in _MODIFIERS
    ):
        return False  # "the ceasefire that Ukraine accepted": the acceptance
    if _generic(head, kind):
        return False  # "such agreements"
    # "monitor the ceasefire", "reaching a ceasefire": an issue, not an event
    return not (kind in _HAPPENING and not _happens(head))


def extract_events(
    doc: Doc,
    mentions: Sequence[Mention],
    quotes: Sequence[Quote],
    published: date | None,
    case: Case,
    *,
    issues: IssuesFound,
) -> list[Event]:
    """Every distinct negotiation event of a parsed document, in order of first mention.

    `issues` is where the document names each of the case's issues (`IssueMatcher`).
    """
    types = load_event_types()
    article = _Article(doc, mentions, quotes, published, case)
    triggers: list[tuple[_Trigger, str]] = []
    for trigger in _noun_triggers(doc, types) + _verb_triggers(doc, types):
        kind = _fits(trigger)
        if kind is not None:
            triggers.append((trigger, kind))
    kinds = {trigger.head.i: kind for trigger, kind in triggers}
    events: list[tuple[Event, MergeKey]] = []
    for trigger, kind in sorted(triggers, key=lambda pair: pair[0].head.i):
        head = trigger.head
        governor = _governor(trigger, kinds)
        if not _is_reported_event(trigger, kind, kinds, governor):
            continue
        status, negated = _status(trigger, kind, governor)
        if status == "hypothetical":
            continue  # "if Kyiv withdraws, talks could start": no event (yet)
        roles = _roles(trigger, kind, article)
        weak = False
        if kind in _GATHERINGS and not roles.participants:
            roles.participants = _sentence_parties(head.sent, article, roles)
            weak = True
        if kind in SPEECH_ACTS and trigger.verbal and not roles.source:
            speaker = article.speaker_party(head)
            if speaker is not None:
                roles.source = [speaker]
        venue = _venue(trigger, article) if kind in _GATHERINGS | {"mediation"} else None
        if venue is not None and kind in {"meeting", "exchange", "agreement"}:
            host = _host_state(venue, case)
            if host is not None and roles.participants and host not in roles.participants:
                roles.mediators.append(host)
        if kind == "accept" and negated:
            kind, negated = "reject", False  # "will never accept" rejects
        partyless = not (roles.source or roles.target or roles.participants or roles.mediators)
        if partyless and kind not in _GATHERINGS:
            continue  # an act with nobody acting is too vague to keep
        resolved = _date(trigger, status, published, governed=governor is not None)
        if resolved is None and kind in SPEECH_ACTS and status == "occurred":
            resolved = _statement_date(trigger, article)  # "Russia said Tuesday that …"
        if (
            resolved is not None
            and published is not None
            and status == "occurred"
            and resolved.value > published
        ):
            status = "planned"
        found_issues = _issues_of(trigger, issues) | set(_DEFAULT_ISSUES.get(kind, ()))
        event_type = types[kind]
        weak = weak or partyless
        key = MergeKey(
            ordinal=_ordinal(trigger),
            topic=_topic(trigger) if kind in SPEECH_ACTS | {"agreement"} else None,
            weak=weak,
        )
        events.append(
            (
                Event(
                    type=kind,
                    status=status,
                    trigger=trigger.span.text,
                    start=trigger.span.start_char,
                    end=trigger.span.end_char,
                    sentence_start=head.sent.start_char,
                    sentence_end=head.sent.end_char,
                    negated=negated,
                    source=_names(roles.source),
                    target=_names(roles.target),
                    participants=_names(roles.participants),
                    mediators=_names(roles.mediators),
                    people=tuple(dict.fromkeys(roles.people)),
                    venue=venue.name if venue else None,
                    date=resolved.iso() if resolved else None,
                    date_precision=resolved.precision if resolved else None,
                    issues=tuple(sorted(found_issues)),
                    cameo=event_type.cameo,
                    plover=event_type.plover,
                ),
                key,
            )
        )
    return merge_mentions(events, case.located_in())


def _ordinal_word(word: Token) -> str | None:
    """ "second" and "2nd" alike ("2nd"); "next", "new" as they are; else None."""
    lemma = _lemma(word)
    if lemma in _NUMBERED:
        return _NUMBERED[lemma]
    if lemma in _ORDINALS or re.fullmatch(r"\d+(st|nd|rd|th)", lemma):
        return lemma
    return None


def _ordinal(trigger: _Trigger) -> str | None:
    nouns = [trigger.head] if not trigger.verbal else _objects(trigger.head)
    for noun in nouns:
        for word in noun.lefts:
            if _ordinal_word(word):
                return _ordinal_word(word)
        if _lemma(noun) == "talk" and noun.head.dep_ == "prep" and _lemma(noun.head) == "of":
            # "a third round of talks": the ordinal sits on "round".
            for word in noun.head.head.lefts:
                if _ordinal_word(word):
                    return _ordinal_word(word)
    return None


def _topic(trigger: _Trigger) -> str | None:
    """The head word of what a demand, proposal, acceptance or rejection is about."""
    head = trigger.head
    if trigger.verbal:
        for deps in (("xcomp",), ("dobj", "obj"), ("ccomp",)):
            found = _children(head, *deps)
            if found:
                return _lemma(found[0])
        objects = _prep_objects(head, "for", "to", "on")
        return _lemma(objects[0]) if objects else None
    objects = _prep_objects(head, "for", "on", "to", "of")
    if objects:
        return _lemma(objects[0])
    compounds = _children(head, "compound")
    return _lemma(compounds[0]) if compounds else None
