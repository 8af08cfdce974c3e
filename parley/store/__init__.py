"""parley's store: one interface over SQLite (the default, a file) and PostgreSQL.

Every document is written in one transaction together with its dedup keys, so a run
killed at any point leaves whole documents only, and the same command run again adds
what is missing.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from parley import __version__
from parley.case import Case
from parley.dedup import Fingerprint
from parley.errors import StoreError
from parley.settings import Settings
from parley.store.schema import (
    SCHEMA_VERSION,
    analyses,
    dedup_bands,
    document_signatures,
    documents,
    entities,
    events,
    mentions,
    migrate,
    positions,
    quotes,
    run_problems,
    runs,
    schema_migrations,
)
from parley.types import Document, Event, Mention, Position, Quote, Removal

__all__ = ["DocumentSummary", "Store", "database_url", "open_store"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def database_url(db: str) -> str:
    """A SQLAlchemy URL for a setting that is either a URL or a SQLite file path."""
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser()}"


@dataclass(frozen=True)
class DocumentSummary:
    """One line of a document listing."""

    id: str
    external_id: str | None
    published: date | None
    outlet: str | None
    lang: str | None
    title: str | None
    words: int
    duplicate_of: str | None
    duplicate_kind: str | None
    source: str


class AnalysisStore:
    """The analysis half of the store: entities, mentions and which version analyzed what."""

    engine: sa.Engine

    def sync_entities(self, case: Case) -> int:
        """Write the case's gazetteer entries as entities (new ones added, changed ones updated)."""
        with self.engine.begin() as conn:
            stored = {
                row.id: row
                for row in conn.execute(sa.select(entities).where(entities.c.source == "gazetteer"))
            }
            changed = 0
            for entry in case.entries:
                values = {
                    "case_name": case.name,
                    "kind": entry.kind,
                    "name": entry.name,
                    "qid": entry.qid,
                    "aliases": list(entry.aliases),
                    "side": entry.side,
                    "source": "gazetteer",
                }
                row = stored.get(entry.id)
                if row is None:
                    conn.execute(entities.insert().values(id=entry.id, **values))
                    changed += 1
                elif any(getattr(row, k) != v for k, v in values.items()):
                    conn.execute(
                        entities.update().where(entities.c.id == entry.id).values(**values)
                    )
                    changed += 1
            return changed

    def documents_to_analyze(
        self, version: str, *, redo: bool = False, duplicates: bool = False
    ) -> list[Document]:
        """Documents no analysis of this version covers (every one with `redo`); originals
        only unless `duplicates`."""
        d = documents.c
        query = sa.select(documents)
        if not duplicates:
            query = query.where(d.duplicate_of.is_(None))
        if not redo:
            current = sa.select(analyses.c.document_id).where(analyses.c.version == version)
            query = query.where(d.id.not_in(current))
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(d.ingested_at, d.id)).mappings().all()
        return [_document(row) for row in rows]

    def replace_analysis(
        self,
        document_id: str,
        found: list[Mention],
        *,
        version: str,
        model: str,
        mode: str,
        case_name: str,
        component: str,
        run_id: int | None,
        found_quotes: Iterable[Quote] = (),
        quote_component: str = "",
        found_events: Iterable[Event] = (),
        event_component: str = "",
        found_positions: Iterable[Position] = (),
        position_component: str = "",
    ) -> None:
        """Replace a document's analysis in one transaction (never duplicating records)."""
        with self.engine.begin() as conn:
            for table in (positions, events, quotes):
                conn.execute(table.delete().where(table.c.document_id == document_id))
            conn.execute(mentions.delete().where(mentions.c.document_id == document_id))
            conn.execute(analyses.delete().where(analyses.c.document_id == document_id))
            new_ids = {m.entity_id: m for m in found if m.entity_id.startswith("nil:")}
            if new_ids:
                known = set(
                    conn.scalars(sa.select(entities.c.id).where(entities.c.id.in_(list(new_ids))))
                )
                for entity_id, mention in new_ids.items():
                    if entity_id not in known:
                        conn.execute(
                            entities.insert().values(
                                id=entity_id,
                                case_name=None,
                                kind=mention.kind,
                                name=mention.entity_name,
                                qid=None,
                                aliases=[],
                                side=None,
                                source="discovered",
                            )
                        )
            if found:
                conn.execute(
                    mentions.insert(),
                    [
                        {
                            "document_id": document_id,
                            "start": m.start,
                            "end": m.end,
                            "text": m.text,
                            "entity_id": m.entity_id,
                            "label": m.label,
                            "role": m.role,
                            "score": m.score,
                            "method": m.method,
                            "component": component,
                        }
                        for m in found
                    ],
                )
            quote_rows = [
                {
                    "document_id": document_id,
                    **{f.name: getattr(q, f.name) for f in dataclasses.fields(q)},
                    "component": quote_component,
                }
                for q in found_quotes
            ]
            for row in quote_rows:
                del row["speaker_name"]
            if quote_rows:
                conn.execute(quotes.insert(), quote_rows)
            for table, records, component_name in (
                (events, list(found_events), event_component),
                (positions, list(found_positions), position_component),
            ):
                if records:
                    conn.execute(
                        table.insert(),
                        [
                            {
                                "document_id": document_id,
                                **{
                                    f.name: _jsonable_field(getattr(r, f.name))
                                    for f in dataclasses.fields(r)
                                },
                                "component": component_name,
                            }
                            for r in records
                        ],
                    )
            conn.execute(
                analyses.insert().values(
                    document_id=document_id,
                    version=version,
                    model=model,
                    mode=mode,
                    case_name=case_name,
                    analyzed_at=_now(),
                    run_id=run_id,
                )
            )

    def document_mentions(self, document_id: str) -> list[dict[str, Any]]:
        """A document's mentions with their entities, in text order."""
        query = (
            sa.select(
                mentions.c.start,
                mentions.c.end,
                mentions.c.text,
                mentions.c.role,
                mentions.c.score,
                mentions.c.method,
                mentions.c.label,
                entities.c.id.label("entity_id"),
                entities.c.name,
                entities.c.kind,
                entities.c.qid,
                entities.c.aliases,
                entities.c.source,
            )
            .join(entities, entities.c.id == mentions.c.entity_id)
            .where(mentions.c.document_id == document_id)
            .order_by(mentions.c.start)
        )
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def list_quotes(
        self,
        *,
        document_id: str | None = None,
        speaker_ids: Iterable[str] | None = None,
        about_ids: Iterable[str] | None = None,
        since: date | None = None,
        kind: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Quotes with their speaker, outlet and date, in publication and text order.

        `about_ids` keeps quotes whose words mention one of those entities; `since` keeps
        statements made (or, undated, published) on or after a day.
        """
        q, d = quotes.c, documents.c
        speaker = entities.alias("speaker")
        addressee = entities.alias("addressee")
        query = (
            sa.select(
                q.document_id,
                d.external_id,
                d.outlet,
                d.published,
                d.title,
                q.start,
                q.end,
                q.text,
                q.kind,
                q.sentence_start,
                q.sentence_end,
                q.speaker_id,
                speaker.c.name.label("speaker"),
                speaker.c.kind.label("speaker_kind"),
                q.speaker_text,
                q.cue,
                q.addressee_id,
                addressee.c.name.label("addressee"),
                q.addressee_text,
                q.date,
                q.date_precision,
                q.component,
            )
            .join(documents, d.id == q.document_id)
            .outerjoin(speaker, speaker.c.id == q.speaker_id)
            .outerjoin(addressee, addressee.c.id == q.addressee_id)
            .order_by(d.published, q.document_id, q.start, q.kind)
        )
        if document_id is not None:
            query = query.where(q.document_id == document_id)
        if speaker_ids is not None:
            query = query.where(q.speaker_id.in_(list(speaker_ids)))
        if about_ids is not None:
            m = mentions.c
            inside = sa.exists().where(
                m.document_id == q.document_id,
                m.start >= q.start,
                m.end <= q.end,
                m.entity_id.in_(list(about_ids)),
            )
            query = query.where(inside)
        if since is not None:
            day = since.isoformat()
            query = query.where(
                sa.or_(q.date >= day, sa.and_(q.date.is_(None), d.published >= since))
            )
        if kind is not None:
            query = query.where(q.kind == kind)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def list_events(
        self,
        *,
        document_id: str | None = None,
        type: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Events with their document's outlet and date, in publication and text order."""
        e, d = events.c, documents.c
        query = (
            sa.select(events, d.external_id, d.outlet, d.published, d.title)
            .join(documents, d.id == e.document_id)
            .order_by(d.published, e.document_id, e.start)
        )
        if document_id is not None:
            query = query.where(e.document_id == document_id)
        if type is not None:
            query = query.where(e.type == type)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def list_positions(
        self,
        *,
        document_id: str | None = None,
        holder: str | None = None,
        issue: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Positions with their document's outlet and date, in publication and text order."""
        p, d = positions.c, documents.c
        query = (
            sa.select(positions, d.external_id, d.outlet, d.published, d.title)
            .join(documents, d.id == p.document_id)
            .order_by(d.published, p.document_id, p.start)
        )
        if document_id is not None:
            query = query.where(p.document_id == document_id)
        if holder is not None:
            query = query.where(p.holder == holder)
        if issue is not None:
            query = query.where(p.issue == issue)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def analysis_of(self, document_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = (
                conn.execute(sa.select(analyses).where(analyses.c.document_id == document_id))
                .mappings()
                .first()
            )
            return dict(row) if row else None

    def list_entities(
        self, *, kind: str | None = None, side: str | None = None, name: str | None = None
    ) -> list[dict[str, Any]]:
        """Entities that have mentions, with counts and the dates they were first and last seen."""
        e, m, d = entities.c, mentions.c, documents.c
        query = (
            sa.select(
                e.id,
                e.name,
                e.kind,
                e.side,
                e.qid,
                e.source,
                e.aliases,
                sa.func.count(m.id).label("mentions"),
                sa.func.count(sa.distinct(m.document_id)).label("documents"),
                sa.func.min(d.published).label("first_seen"),
                sa.func.max(d.published).label("last_seen"),
            )
            .join(mentions, m.entity_id == e.id)
            .join(documents, d.id == m.document_id)
            .group_by(e.id, e.name, e.kind, e.side, e.qid, e.source, e.aliases)
            .order_by(sa.func.count(m.id).desc(), e.name)
        )
        if kind:
            query = query.where(e.kind == kind)
        if side:
            query = query.where(sa.func.lower(e.side) == side.lower())
        if name:
            query = query.where(e.id == name)
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def find_entity(self, name: str) -> dict[str, Any] | None:
        """An entity by id, canonical name, or alias (case-insensitive)."""
        with self.engine.connect() as conn:
            row = (
                conn.execute(
                    sa.select(entities).where(
                        sa.or_(
                            entities.c.id == name, sa.func.lower(entities.c.name) == name.lower()
                        )
                    )
                )
                .mappings()
                .first()
            )
            if row is None:
                folded = name.casefold()
                for candidate in conn.execute(sa.select(entities)).mappings():
                    if any(alias.casefold() == folded for alias in candidate["aliases"] or []):
                        row = candidate
                        break
            return dict(row) if row else None

    def entity_surfaces(self, entity_id: str) -> list[dict[str, Any]]:
        m = mentions.c
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(m.text, sa.func.count().label("count"))
                .where(m.entity_id == entity_id)
                .group_by(m.text)
                .order_by(sa.func.count().desc())
            ).mappings()
            return [dict(row) for row in rows]

    def entity_documents(self, entity_id: str) -> list[dict[str, Any]]:
        m, d = mentions.c, documents.c
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(
                    d.id, d.published, d.outlet, d.title, sa.func.count(m.id).label("mentions")
                )
                .join(mentions, m.document_id == d.id)
                .where(m.entity_id == entity_id)
                .group_by(d.id, d.published, d.outlet, d.title)
                .order_by(d.published)
            ).mappings()
            return [dict(row) for row in rows]

    def co_occurring(self, entity_id: str, *, limit: int = 15) -> list[dict[str, Any]]:
        """Entities mentioned in the same documents, by how many documents they share."""
        m, e = mentions.c, entities.c
        own_documents = sa.select(m.document_id).where(m.entity_id == entity_id).distinct()
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(
                    e.name, e.kind, sa.func.count(sa.distinct(m.document_id)).label("documents")
                )
                .join(entities, e.id == m.entity_id)
                .where(m.document_id.in_(own_documents), m.entity_id != entity_id)
                .group_by(e.name, e.kind)
                .order_by(sa.func.count(sa.distinct(m.document_id)).desc(), e.name)
                .limit(limit)
            ).mappings()
            return [dict(row) for row in rows]


class Store(AnalysisStore):
    """Read and write parley's records in one database."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ runs

    def start_run(self, command: str, settings: Settings, inputs: Iterable[str]) -> int:
        """Record the start of a run: package version, settings and their hash, inputs."""
        with self.engine.begin() as conn:
            result = conn.execute(
                runs.insert().values(
                    command=command,
                    started_at=_now(),
                    status="running",
                    package_version=__version__,
                    settings_hash=settings.digest(),
                    settings={k: v for k, v in dataclasses.asdict(settings).items() if k != "db"},
                    inputs=list(inputs),
                )
            )
            key = result.inserted_primary_key
            assert key is not None
            return int(key[0])

    def finish_run(self, run_id: int, counts: dict[str, int], *, status: str = "finished") -> None:
        with self.engine.begin() as conn:
            conn.execute(
                runs.update()
                .where(runs.c.id == run_id)
                .values(finished_at=_now(), status=status, counts=counts)
            )

    def record_problem(self, run_id: int, source: str, line: int | None, reason: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                run_problems.insert().values(run_id=run_id, source=source, line=line, reason=reason)
            )

    def list_runs(self, *, limit: int = 20) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(runs).order_by(runs.c.id.desc()).limit(limit)).mappings()
            return [dict(row) for row in rows]

    def run_problems(self, run_id: int) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(run_problems)
                .where(run_problems.c.run_id == run_id)
                .order_by(run_problems.c.id)
            ).mappings()
            return [dict(row) for row in rows]

    # ------------------------------------------------------------------ documents

    def has_document(self, document_id: str) -> bool:
        with self.engine.connect() as conn:
            found = conn.scalar(sa.select(documents.c.id).where(documents.c.id == document_id))
            return found is not None

    def find_original_by_hash(self, text_hash: str) -> str | None:
        """The id of the original document whose normalized text has this hash, if any."""
        with self.engine.connect() as conn:
            return conn.scalar(
                sa.select(documents.c.id)
                .where(documents.c.text_hash == text_hash, documents.c.duplicate_of.is_(None))
                .limit(1)
            )

    def near_candidates(self, band_keys: Iterable[str]) -> list[tuple[str, bytes]]:
        """Originals sharing at least one LSH band key, with their signatures."""
        keys = list(band_keys)
        if not keys:
            return []
        with self.engine.connect() as conn:
            ids = (
                sa.select(dedup_bands.c.document_id)
                .where(dedup_bands.c.band_key.in_(keys))
                .distinct()
            )
            rows = conn.execute(
                sa.select(document_signatures.c.document_id, document_signatures.c.signature)
                .where(document_signatures.c.document_id.in_(ids))
                .order_by(document_signatures.c.document_id)
            )
            return [(row[0], bytes(row[1])) for row in rows]

    def add_document(
        self, document: Document, fingerprint: Fingerprint, *, run_id: int | None
    ) -> None:
        """Write one document, and for an original its dedup keys, in a single transaction."""
        values = {
            f.name: getattr(document, f.name)
            for f in dataclasses.fields(document)
            if f.name not in ("removed", "extra")
        }
        values["removed"] = [dataclasses.asdict(removal) for removal in document.removed]
        values["extra"] = _jsonable(document.extra)
        values["ingested_at"] = _now()
        values["run_id"] = run_id
        with self.engine.begin() as conn:
            conn.execute(documents.insert().values(**values))
            if document.duplicate_of is None and fingerprint.signature is not None:
                conn.execute(
                    document_signatures.insert().values(
                        document_id=document.id, signature=fingerprint.signature
                    )
                )
                conn.execute(
                    dedup_bands.insert(),
                    [{"band_key": key, "document_id": document.id} for key in fingerprint.bands],
                )

    def get_document(self, ref: str) -> Document | None:
        """A document by its id, its input's own id, or an unambiguous id prefix."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(documents).where(documents.c.id == ref)).mappings().first()
            if row is None:
                found = (
                    conn.execute(
                        sa.select(documents).where(documents.c.external_id == ref).limit(2)
                    )
                    .mappings()
                    .all()
                )
                if len(found) > 1:
                    raise StoreError(f"several documents have the id {ref!r}; use parley's own id")
                row = found[0] if found else None
            if row is None and len(ref) >= 4:
                found = (
                    conn.execute(
                        sa.select(documents)
                        .where(documents.c.id.startswith(ref, autoescape=True))
                        .limit(2)
                    )
                    .mappings()
                    .all()
                )
                if len(found) > 1:
                    raise StoreError(f"{ref!r} starts several document ids; give more characters")
                row = found[0] if found else None
        return _document(row) if row is not None else None

    def iter_documents(self, *, originals_only: bool = True) -> Iterator[Document]:
        with self.engine.connect() as conn:
            query = sa.select(documents).order_by(documents.c.ingested_at, documents.c.id)
            if originals_only:
                query = query.where(documents.c.duplicate_of.is_(None))
            for row in conn.execute(query).mappings():
                yield _document(row)

    def duplicates_of(self, document_id: str) -> list[DocumentSummary]:
        return self.list_documents(duplicate_of=document_id)

    def list_documents(
        self,
        *,
        outlet: str | None = None,
        lang: str | None = None,
        since: date | None = None,
        until: date | None = None,
        duplicates: bool | None = None,
        duplicate_of: str | None = None,
        limit: int | None = None,
    ) -> list[DocumentSummary]:
        """Documents in publication order; `duplicates` True keeps duplicates, False originals."""
        d = documents.c
        query = sa.select(
            d.id,
            d.external_id,
            d.published,
            d.outlet,
            d.lang,
            d.title,
            d.clean_text,
            d.duplicate_of,
            d.duplicate_kind,
            d.source,
        ).order_by(d.published.is_(None), d.published, d.ingested_at, d.id)
        if outlet:
            query = query.where(sa.func.lower(d.outlet) == outlet.lower())
        if lang:
            query = query.where(d.lang == lang)
        if since:
            query = query.where(d.published >= since)
        if until:
            query = query.where(d.published <= until)
        if duplicates is True:
            query = query.where(d.duplicate_of.is_not(None))
        elif duplicates is False:
            query = query.where(d.duplicate_of.is_(None))
        if duplicate_of:
            query = query.where(d.duplicate_of == duplicate_of)
        if limit:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [
                DocumentSummary(
                    id=row.id,
                    external_id=row.external_id,
                    published=row.published,
                    outlet=row.outlet,
                    lang=row.lang,
                    title=row.title,
                    words=len(row.clean_text.split()),
                    duplicate_of=row.duplicate_of,
                    duplicate_kind=row.duplicate_kind,
                    source=row.source,
                )
                for row in conn.execute(query)
            ]

    def stats(self) -> dict[str, Any]:
        """Counts an analyst asks first: documents, duplicates, outlets, languages, dates, runs."""
        d = documents.c
        with self.engine.connect() as conn:
            total = conn.scalar(sa.select(sa.func.count()).select_from(documents)) or 0
            kinds: dict[str, int] = dict(
                conn.execute(
                    sa.select(d.duplicate_kind, sa.func.count())
                    .where(d.duplicate_of.is_not(None))
                    .group_by(d.duplicate_kind)
                ).all()
            )
            outlets = conn.scalar(sa.select(sa.func.count(sa.distinct(d.outlet)))) or 0
            languages: dict[str, int] = dict(
                conn.execute(
                    sa.select(sa.func.coalesce(d.lang, "unknown"), sa.func.count())
                    .group_by(d.lang)
                    .order_by(sa.func.count().desc())
                ).all()
            )
            first, last = conn.execute(
                sa.select(sa.func.min(d.published), sa.func.max(d.published))
            ).one()
            undated = (
                conn.scalar(
                    sa.select(sa.func.count()).select_from(documents).where(d.published.is_(None))
                )
                or 0
            )
            run_count = conn.scalar(sa.select(sa.func.count()).select_from(runs)) or 0
            interrupted = (
                conn.scalar(
                    sa.select(sa.func.count()).select_from(runs).where(runs.c.status == "running")
                )
                or 0
            )
            version = conn.scalar(sa.select(sa.func.max(schema_migrations.c.version)))
        duplicates = sum(kinds.values())
        return {
            "documents": total,
            "originals": total - duplicates,
            "duplicates": duplicates,
            "exact_duplicates": kinds.get("exact", 0),
            "near_duplicates": kinds.get("near", 0),
            "outlets": outlets,
            "languages": languages,
            "first_published": first.isoformat() if first else None,
            "last_published": last.isoformat() if last else None,
            "undated": undated,
            "runs": run_count,
            "unfinished_runs": interrupted,
            "schema_version": version,
            "store": self.url,
        }


def _jsonable_field(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def _document(row: Any) -> Document:
    names = {f.name for f in dataclasses.fields(Document)}
    values = {k: v for k, v in dict(row).items() if k in names}
    values["removed"] = [Removal(**item) for item in (row["removed"] or [])]
    return Document(**values)


def open_store(db: str, *, create: bool = True) -> Store:
    """Open (and create or migrate) the store at a SQLite path or SQLAlchemy URL."""
    url = database_url(db)
    if (
        url.startswith("sqlite:///")
        and not create
        and not Path(url.removeprefix("sqlite:///")).exists()
    ):
        raise StoreError(f"no store at {db} (ingest something first, or name one with --db)")
    if url.startswith("sqlite:///"):
        folder = Path(url.removeprefix("sqlite:///")).parent
        if not folder.is_dir():
            raise StoreError(f"cannot create the store {db}: folder {folder} does not exist")
    try:
        engine = sa.create_engine(url)
    except (sa.exc.ArgumentError, ImportError) as e:
        hint = " (install parley[postgres])" if "postgres" in url else ""
        raise StoreError(f"cannot use the database {db!r}: {e}{hint}") from e
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    try:
        with engine.connect() as conn:
            if sa.inspect(conn).has_table("schema_migrations"):
                newest = conn.scalar(sa.select(sa.func.max(schema_migrations.c.version)))
                if newest and newest > SCHEMA_VERSION:
                    raise StoreError(
                        f"the store {db} was made by a newer parley (schema {newest}, "
                        f"this one knows {SCHEMA_VERSION}); upgrade parley"
                    )
        migrate(engine)
    except sa.exc.DatabaseError as e:
        raise StoreError(f"cannot open the store {db}: {e.orig}") from e
    except sa.exc.OperationalError as e:
        raise StoreError(f"cannot open the store {db}: {e.orig}") from e
    return Store(engine)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL: readers never block the writer, and a killed writer loses only uncommitted work.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()
