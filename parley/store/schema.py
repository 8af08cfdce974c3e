"""The store's tables and the migrations that create them, recorded in `schema_migrations`.

A migration is applied once, in its own transaction, and recorded with its version. A
change to a table that already exists goes in a new migration; migration 1 is never
edited after release.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "metadata", "migrate"]

metadata = sa.MetaData()

schema_migrations = sa.Table(
    "schema_migrations",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("applied_at", sa.String(40), nullable=False),
)

runs = sa.Table(
    "runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("command", sa.String(40), nullable=False),
    sa.Column("started_at", sa.String(40), nullable=False),
    sa.Column("finished_at", sa.String(40)),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("package_version", sa.String(40), nullable=False),
    sa.Column("settings_hash", sa.String(64), nullable=False),
    sa.Column("settings", sa.JSON, nullable=False),
    sa.Column("inputs", sa.JSON, nullable=False),
    sa.Column("counts", sa.JSON),
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("external_id", sa.Text, index=True),
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.String(200), index=True),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.Date, index=True),
    sa.Column("published_from", sa.String(40)),
    sa.Column("lang", sa.String(16), index=True),
    sa.Column("lang_from", sa.String(40)),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("format", sa.String(20), nullable=False),
    sa.Column("raw_text", sa.Text, nullable=False),
    sa.Column("clean_text", sa.Text, nullable=False),
    sa.Column("text_hash", sa.String(64), nullable=False, index=True),
    sa.Column("duplicate_of", sa.String(32), sa.ForeignKey("documents.id"), index=True),
    sa.Column("duplicate_kind", sa.String(10)),
    sa.Column("similarity", sa.Float),
    sa.Column("removed", sa.JSON, nullable=False),
    sa.Column("extra", sa.JSON, nullable=False),
    sa.Column("ingested_at", sa.String(40), nullable=False),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id")),
)

document_signatures = sa.Table(
    "document_signatures",
    metadata,
    sa.Column("document_id", sa.String(32), sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("signature", sa.LargeBinary, nullable=False),
)

dedup_bands = sa.Table(
    "dedup_bands",
    metadata,
    sa.Column("band_key", sa.String(40), primary_key=True),
    sa.Column("document_id", sa.String(32), sa.ForeignKey("documents.id"), primary_key=True),
)

run_problems = sa.Table(
    "run_problems",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=False, index=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("line", sa.Integer),
    sa.Column("reason", sa.Text, nullable=False),
)


entities = sa.Table(
    "entities",
    metadata,
    sa.Column("id", sa.String(200), primary_key=True),
    sa.Column("case_name", sa.String(80)),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("qid", sa.String(20)),
    sa.Column("aliases", sa.JSON, nullable=False),
    sa.Column("side", sa.String(80)),
    sa.Column("source", sa.String(20), nullable=False),  # gazetteer | discovered
)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "document_id", sa.String(32), sa.ForeignKey("documents.id"), nullable=False, index=True
    ),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column(
        "entity_id", sa.String(200), sa.ForeignKey("entities.id"), nullable=False, index=True
    ),
    sa.Column("label", sa.String(20), nullable=False),
    sa.Column("role", sa.String(10), nullable=False),
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("method", sa.String(30), nullable=False),
    sa.Column("component", sa.String(60), nullable=False),
)

analyses = sa.Table(
    "analyses",
    metadata,
    sa.Column("document_id", sa.String(32), sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("version", sa.String(200), nullable=False),
    sa.Column("model", sa.String(120), nullable=False),
    sa.Column("mode", sa.String(20), nullable=False),  # full | gazetteer only
    sa.Column("case_name", sa.String(80), nullable=False),
    sa.Column("analyzed_at", sa.String(40), nullable=False),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id")),
)


quotes = sa.Table(
    "quotes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "document_id", sa.String(32), sa.ForeignKey("documents.id"), nullable=False, index=True
    ),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("kind", sa.String(10), nullable=False),  # direct | partial | indirect
    sa.Column("sentence_start", sa.Integer, nullable=False),
    sa.Column("sentence_end", sa.Integer, nullable=False),
    sa.Column("speaker_id", sa.String(200), sa.ForeignKey("entities.id"), index=True),
    sa.Column("speaker_text", sa.Text),
    sa.Column("cue", sa.String(60)),
    sa.Column("addressee_id", sa.String(200), sa.ForeignKey("entities.id")),
    sa.Column("addressee_text", sa.Text),
    sa.Column("date", sa.String(10)),
    sa.Column("date_precision", sa.String(5)),
    sa.Column("component", sa.String(60), nullable=False),
)


events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "document_id", sa.String(32), sa.ForeignKey("documents.id"), nullable=False, index=True
    ),
    sa.Column("type", sa.String(20), nullable=False, index=True),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("negated", sa.Boolean, nullable=False),
    sa.Column("trigger", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("sentence_start", sa.Integer, nullable=False),
    sa.Column("sentence_end", sa.Integer, nullable=False),
    sa.Column("source", sa.JSON, nullable=False),
    sa.Column("target", sa.JSON, nullable=False),
    sa.Column("participants", sa.JSON, nullable=False),
    sa.Column("mediators", sa.JSON, nullable=False),
    sa.Column("people", sa.JSON, nullable=False),
    sa.Column("venue", sa.String(200)),
    sa.Column("date", sa.String(10)),
    sa.Column("date_precision", sa.String(5)),
    sa.Column("issues", sa.JSON, nullable=False),
    sa.Column("cameo", sa.String(8)),
    sa.Column("plover", sa.String(20)),
    sa.Column("mentions", sa.Integer, nullable=False),
    sa.Column("component", sa.String(60), nullable=False),
)

positions = sa.Table(
    "positions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "document_id", sa.String(32), sa.ForeignKey("documents.id"), nullable=False, index=True
    ),
    sa.Column("holder", sa.String(200), nullable=False, index=True),
    sa.Column("issue", sa.String(60), nullable=False),
    sa.Column("stance", sa.String(10), nullable=False),
    sa.Column("content", sa.Text, nullable=False),
    sa.Column("speaker", sa.String(200)),
    sa.Column("basis", sa.String(10), nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("sentence_start", sa.Integer, nullable=False),
    sa.Column("sentence_end", sa.Integer, nullable=False),
    sa.Column("date", sa.String(10)),
    sa.Column("date_precision", sa.String(5)),
    sa.Column("component", sa.String(60), nullable=False),
)


episodes = sa.Table(
    "episodes",
    metadata,
    sa.Column("id", sa.String(20), primary_key=True),
    sa.Column("type", sa.String(20), nullable=False, index=True),
    sa.Column("created_at", sa.String(40), nullable=False),
)

episode_members = sa.Table(
    "episode_members",
    metadata,
    sa.Column(
        "episode_id", sa.String(20), sa.ForeignKey("episodes.id"), nullable=False, index=True
    ),
    # An event record is named by what survives re-analysis with the same version: its
    # document, its type and where its trigger starts.
    sa.Column("document_id", sa.String(32), sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("event_type", sa.String(20), nullable=False),
    sa.Column("event_start", sa.Integer, nullable=False),
    sa.Column("added_at", sa.String(40), nullable=False),
    sa.UniqueConstraint("document_id", "event_type", "event_start", name="uq_episode_member"),
)


def _initial(conn: sa.Connection) -> None:
    metadata.create_all(
        conn, tables=[runs, documents, document_signatures, dedup_bands, run_problems]
    )


Migration = tuple[int, str, Callable[[sa.Connection], None]]


def _analysis(conn: sa.Connection) -> None:
    metadata.create_all(conn, tables=[entities, mentions, analyses])


def _quotes(conn: sa.Connection) -> None:
    metadata.create_all(conn, tables=[quotes])


def _events(conn: sa.Connection) -> None:
    metadata.create_all(conn, tables=[events, positions])


def _episodes(conn: sa.Connection) -> None:
    metadata.create_all(conn, tables=[episodes, episode_members])


MIGRATIONS: tuple[Migration, ...] = (
    (1, "documents, runs, dedup signatures and bands, run problems", _initial),
    (2, "entities, mentions and the analysis of each document", _analysis),
    (3, "quotes and reported speech with their speakers", _quotes),
    (4, "negotiation events and positions", _events),
    (5, "episodes: the events different reports tell of", _episodes),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]


def migrate(engine: sa.Engine) -> list[int]:
    """Apply the migrations the database lacks, each in its own transaction; return them."""
    with engine.begin() as conn:
        schema_migrations.create(conn, checkfirst=True)
        done = set(conn.scalars(sa.select(schema_migrations.c.version)))
    applied = []
    for version, name, apply in MIGRATIONS:
        if version in done:
            continue
        with engine.begin() as conn:
            apply(conn)
            conn.execute(
                schema_migrations.insert().values(
                    version=version, name=name, applied_at=datetime.now(UTC).isoformat()
                )
            )
        applied.append(version)
    return applied
