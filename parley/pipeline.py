"""Analyze stored documents: the spaCy pipeline with parley's components, one document at
a time, each document's records written in one transaction.

`analyze_document` is the pure part (text, date and language in; records out) that
runs the same in this process, in several (`workers`), or on a cluster. English text
goes through the whole pipeline; text in other languages gets gazetteer matching only,
and its analysis says so.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from parley.case import Case, load_case
from parley.consolidate import update_episodes
from parley.nlp import (
    COMPONENTS,
    build_nlp,
    doc_events,
    doc_mentions,
    doc_positions,
    doc_quotes,
    factory_name,
    make_doc,
)
from parley.nlp.events import EVENTS_COMPONENT
from parley.nlp.gazetteer import GAZETTEER_COMPONENT
from parley.nlp.link import LINKER_COMPONENT
from parley.nlp.positions import POSITIONS_COMPONENT
from parley.nlp.quotes import QUOTES_COMPONENT
from parley.settings import Settings
from parley.store import Store
from parley.types import Document, Event, Mention, Position, Quote

__all__ = ["Analysis", "AnalyzeReport", "analysis_version", "analyze", "analyze_document"]

log = logging.getLogger(__name__)

FULL, GAZETTEER_ONLY = "full", "gazetteer only"


@dataclass(frozen=True)
class Analysis:
    """The records one document yields."""

    mentions: list[Mention]
    quotes: list[Quote]
    events: list[Event]
    positions: list[Position]

    @classmethod
    def of(cls, doc: Doc) -> Analysis:
        return cls(
            mentions=doc_mentions(doc),
            quotes=doc_quotes(doc),
            events=doc_events(doc),
            positions=doc_positions(doc),
        )


@dataclass
class AnalyzeReport:
    """What one analysis run did."""

    run_id: int
    model: str
    version: str
    analyzed: int = 0
    gazetteer_only: int = 0
    mentions: int = 0
    linked: int = 0
    quotes: int = 0
    events: int = 0
    positions: int = 0
    episodes: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "analyzed": self.analyzed,
            "gazetteer_only": self.gazetteer_only,
            "mentions": self.mentions,
            "linked": self.linked,
            "quotes": self.quotes,
            "events": self.events,
            "positions": self.positions,
            "events_grouped": self.episodes,
            "failed": len(self.failed),
        }


def _case_digest(case: Case) -> str:
    digest = hashlib.sha256()
    for path in sorted((case.path / "gazetteer").glob("*.jsonl")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def analysis_version(model_name: str, case: Case) -> str:
    """What an analysis depends on: parley's components, the model, and the case data."""
    return f"{'+'.join(COMPONENTS)}|{model_name}|{case.name}@{_case_digest(case)}"


def _is_english(lang: str | None) -> bool:
    return lang is None or lang == "en"


def _gazetteer_only(nlp: Language, doc: Doc) -> Doc:
    for name in (factory_name(GAZETTEER_COMPONENT), factory_name(LINKER_COMPONENT)):
        doc = nlp.get_pipe(name)(doc)
    return doc


def analyze_document(
    nlp: Language, text: str, *, published: date | None, lang: str | None
) -> Analysis:
    """The records of one text (a pure function of text, date, language and case)."""
    doc = make_doc(nlp, text, published)
    doc = nlp(doc) if _is_english(lang) else _gazetteer_only(nlp, doc)
    return Analysis.of(doc)


def _processed(
    nlp: Language, documents: list[Document], *, workers: int, batch_size: int
) -> Iterator[tuple[Document, Doc, str]]:
    english = [d for d in documents if _is_english(d.lang)]
    others = [d for d in documents if not _is_english(d.lang)]
    stream = nlp.pipe(
        (make_doc(nlp, d.clean_text, d.published) for d in english),
        batch_size=batch_size,
        n_process=workers,
    )
    for document, doc in zip(english, stream, strict=True):
        yield document, doc, FULL
    for document in others:
        yield (
            document,
            _gazetteer_only(nlp, make_doc(nlp, document.clean_text, document.published)),
            GAZETTEER_ONLY,
        )


def analyze(
    store: Store,
    *,
    settings: Settings,
    model: str | None = None,
    case: str = "ukraine-russia",
    workers: int = 1,
    batch_size: int = 32,
    redo: bool = False,
    duplicates: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> AnalyzeReport:
    """Analyze every original document not yet analyzed by this version (all with `redo`).

    Args:
        store: where documents are read and records written.
        settings: recorded with the run.
        model: a spaCy pipeline name; by default the small English model.
        case: the case whose gazetteer links names.
        workers: processes for spaCy (nlp.pipe's n_process).
        batch_size: documents per spaCy batch.
        redo: analyze again even documents this version already analyzed.
        duplicates: analyze duplicates too (eval does: each article has its own gold).
        progress: called as progress(done, total) after each document.
    """
    nlp, model_name = build_nlp(model=model, case=case)
    case_data = load_case(case)
    store.sync_entities(case_data)
    version = analysis_version(model_name, case_data)
    documents = store.documents_to_analyze(version, redo=redo, duplicates=duplicates)
    run_id = store.start_run("analyze", settings, [f"{len(documents)} documents", version])
    report = AnalyzeReport(run_id=run_id, model=model_name, version=version)
    status = "interrupted"
    try:
        for done, (document, doc, mode) in enumerate(
            _processed(nlp, documents, workers=workers, batch_size=batch_size), start=1
        ):
            analysis = Analysis.of(doc)
            found = analysis.mentions
            store.replace_analysis(
                document.id,
                found,
                version=version,
                model=model_name if mode == FULL else "gazetteer",
                mode=mode,
                case_name=case_data.name,
                component=LINKER_COMPONENT,
                run_id=run_id,
                found_quotes=analysis.quotes,
                quote_component=QUOTES_COMPONENT,
                found_events=analysis.events,
                event_component=EVENTS_COMPONENT,
                found_positions=analysis.positions,
                position_component=POSITIONS_COMPONENT,
            )
            report.quotes += len(analysis.quotes)
            report.events += len(analysis.events)
            report.positions += len(analysis.positions)
            report.analyzed += 1
            report.gazetteer_only += mode == GAZETTEER_ONLY
            report.mentions += len(found)
            report.linked += sum(1 for m in found if not m.entity_id.startswith("nil:"))
            if progress:
                progress(done, len(documents))
        # The episodes grow with every analysis: new reports join the events they tell of.
        report.episodes = update_episodes(store, located_in=case_data.located_in())
        status = "finished"
    finally:
        store.finish_run(run_id, report.counts(), status=status)
    return report
