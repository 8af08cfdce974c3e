"""Ingest: read inputs, clean each article, find duplicates, and store it.

`prepare_document` is the pure part (raw article → cleaned document and fingerprint);
`ingest` drives it over files, folders, stdin and URLs, one transaction per document,
and reports what it added, what duplicated what, and what it skipped and why.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import ftfy

from parley.clean import clean_text, guess_headline, normalize_whitespace
from parley.dedup import Fingerprint, fingerprint, similarity
from parley.errors import InputError
from parley.metadata import detect_language
from parley.readers import ReadOptions, Source, find_sources, read_source
from parley.settings import Settings
from parley.store import Store
from parley.types import Document, RawDocument

__all__ = ["IngestReport", "document_id", "ingest", "prepare_document"]

log = logging.getLogger(__name__)

EXCLUDE = ("readme*", "license*", "licence*", "changelog*")

ProgressCallback = Callable[[str, Source | None, int], None]
"""Called as progress(event, source, bytes) with event "source" when a source starts,
"document" after each article (added, duplicate or skipped) and "done" when a source ends."""


@dataclass
class IngestReport:
    """What one ingest run did."""

    run_id: int
    sources: int = 0
    added: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    already_stored: int = 0
    skipped: list[InputError] = field(default_factory=list)

    @property
    def duplicates(self) -> int:
        return self.exact_duplicates + self.near_duplicates

    @property
    def complete(self) -> bool:
        """True when every input was read in full."""
        return not self.skipped

    def counts(self) -> dict[str, int]:
        return {
            "sources": self.sources,
            "added": self.added,
            "exact_duplicates": self.exact_duplicates,
            "near_duplicates": self.near_duplicates,
            "already_stored": self.already_stored,
            "skipped": len(self.skipped),
        }


def document_id(raw: RawDocument) -> str:
    """A stable id: a hash of the article's identity (URL or input id) and its raw text.

    The same input read twice gets the same id, so a rerun adds nothing; the same text
    published at two URLs gets two ids, and the second is stored as a duplicate.
    """
    key = raw.url or (f"id:{raw.external_id}" if raw.external_id else "")
    return hashlib.sha256(f"{key}\n{raw.text}".encode()).hexdigest()[:16]


def prepare_document(raw: RawDocument, settings: Settings) -> tuple[Document, Fingerprint]:
    """Clean one article and compute its language and fingerprint (no I/O)."""
    cleaned = clean_text(raw.text)
    if len(cleaned.text) < settings.min_text_chars:
        raise InputError(
            raw.source,
            f"no article text after cleaning ({len(cleaned.text)} characters, fewer than "
            f"{settings.min_text_chars})",
        )
    lang, lang_from = (raw.lang.lower(), "field") if raw.lang else (None, None)
    if lang is None:
        lang = detect_language(cleaned.text)
        lang_from = "detected" if lang else None
    document = Document(
        id=document_id(raw),
        raw_text=raw.text,
        clean_text=cleaned.text,
        source=raw.source,
        format=raw.format,
        text_hash="",
        title=(
            normalize_whitespace(ftfy.fix_text(raw.title)) or None
            if raw.title
            else guess_headline(cleaned.text)
        ),
        url=raw.url,
        outlet=raw.outlet,
        published=raw.published,
        published_from=raw.published_from,
        lang=lang,
        lang_from=lang_from,
        external_id=raw.external_id,
        removed=cleaned.removed,
        extra=raw.extra,
    )
    print_ = fingerprint(
        cleaned.text,
        permutations=settings.minhash_permutations,
        shingle_words=settings.shingle_words,
    )
    document.text_hash = print_.text_hash
    return document, print_


def _link_duplicate(
    store: Store, document: Document, print_: Fingerprint, threshold: float
) -> None:
    original = store.find_original_by_hash(print_.text_hash)
    if original is not None:
        document.duplicate_of, document.duplicate_kind, document.similarity = original, "exact", 1.0
        return
    if print_.signature is None:
        return
    best: tuple[float, str] | None = None
    for candidate, signature in store.near_candidates(print_.bands):
        score = similarity(print_.signature, signature)
        if score >= threshold and (best is None or score > best[0]):
            best = (score, candidate)
    if best is not None:
        document.duplicate_of, document.duplicate_kind = best[1], "near"
        document.similarity = round(best[0], 3)


def ingest(
    store: Store,
    inputs: Iterable[str],
    *,
    settings: Settings,
    options: ReadOptions | None = None,
    progress: ProgressCallback | None = None,
) -> IngestReport:
    """Read every input, clean, dedup and store each article; never stop on a bad input.

    Args:
        store: where documents go.
        inputs: file and folder paths, "-" for standard input, or http(s) URLs.
        settings: include patterns, size limits, dedup thresholds.
        options: record field names, a forced encoding or format.
        progress: called as articles are read (see ProgressCallback).

    Returns:
        The run's report; `report.skipped` lists each input (or line) that was not read.
    """
    inputs = list(inputs)
    options = options or ReadOptions(
        max_document_bytes=settings.max_document_bytes, fetch_timeout=settings.fetch_timeout
    )
    run_id = store.start_run("ingest", settings, inputs)
    report = IngestReport(run_id=run_id)
    notify = progress or (lambda event, source, size: None)
    include = [p.strip() for p in settings.include.split(",") if p.strip()]

    def skip(problem: InputError) -> None:
        report.skipped.append(problem)
        store.record_problem(run_id, problem.source, problem.line, problem.reason)
        log.info("skipped %s", problem)
        if problem.__cause__ is not None:
            log.debug("what went wrong reading %s", problem.source, exc_info=problem.__cause__)

    status = "interrupted"
    try:
        for source in find_sources(inputs, include=include, exclude=EXCLUDE):
            if isinstance(source, InputError):
                skip(source)
                continue
            report.sources += 1
            notify("source", source, 0)
            for item in read_source(source, options):
                if isinstance(item, InputError):
                    skip(item)
                else:
                    _store_one(store, item, settings, report, skip)
                notify("document", source, 0)
            notify("done", source, source.size or 0)
        status = "finished"
    finally:
        store.finish_run(run_id, report.counts(), status=status)
    return report


def _store_one(
    store: Store,
    raw: RawDocument,
    settings: Settings,
    report: IngestReport,
    skip: Callable[[InputError], None],
) -> None:
    if store.has_document(document_id(raw)):
        report.already_stored += 1
        return
    try:
        document, print_ = prepare_document(raw, settings)
    except InputError as e:
        skip(e)
        return
    _link_duplicate(store, document, print_, settings.near_duplicate_threshold)
    store.add_document(document, print_, run_id=report.run_id)
    if document.duplicate_kind == "exact":
        report.exact_duplicates += 1
    elif document.duplicate_kind == "near":
        report.near_duplicates += 1
    else:
        report.added += 1
