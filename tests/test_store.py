"""The SQLite store: migrations, documents, look-ups, listings, stats and runs."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from parley.dedup import Fingerprint
from parley.errors import StoreError
from parley.ingest import prepare_document
from parley.settings import Settings
from parley.store import Store, open_store
from parley.store.schema import MIGRATIONS, SCHEMA_VERSION, migrate, schema_migrations
from parley.types import Document, RawDocument, Removal
from tests.texts import BURGENSTOCK_2024, GRAIN_2022, ISTANBUL_2022, SWAP_2022_UK


def _prepared(
    text: str,
    settings: Settings,
    *,
    external_id: str | None = None,
    outlet: str | None = None,
    lang: str | None = "en",
    published: date | None = None,
    url: str | None = None,
) -> tuple[Document, Fingerprint]:
    raw = RawDocument(
        text=text,
        source="test-input.txt",
        format="text",
        external_id=external_id,
        outlet=outlet,
        lang=lang,
        published=published,
        published_from="field" if published else None,
        url=url,
    )
    return prepare_document(raw, settings)


def _add(store: Store, settings: Settings, text: str, **kwargs: Any) -> Document:
    document, printed = _prepared(text, settings, **kwargs)
    store.add_document(document, printed, run_id=None)
    return document


def _add_copy(
    store: Store, settings: Settings, original: Document, kind: str, **kwargs: Any
) -> Document:
    """Store the original's text again (another URL) as a duplicate of the given kind."""
    document, printed = _prepared(original.raw_text, settings, **kwargs)
    document.duplicate_of, document.duplicate_kind = original.id, kind
    document.similarity = 1.0 if kind == "exact" else 0.8
    store.add_document(document, printed, run_id=None)
    return document


def _migrations(db: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT version, name FROM schema_migrations ORDER BY version"
        ).fetchall()


@pytest.fixture
def populated(store: Store, settings: Settings) -> dict[str, Document]:
    """Six documents: four dated originals, one undated, one exact and one near copy."""
    docs: dict[str, Document] = {}
    docs["istanbul"] = _add(
        store,
        settings,
        ISTANBUL_2022,
        outlet="Bosporus-Times.example",
        published=date(2022, 3, 29),
        url="https://bosporus-times.example/istanbul",
    )
    docs["grain"] = _add(
        store,
        settings,
        GRAIN_2022,
        outlet="agri.example",
        published=date(2022, 7, 22),
        url="https://agri.example/grain",
    )
    docs["swap"] = _add(
        store,
        settings,
        SWAP_2022_UK,
        outlet="kyiv.example",
        lang="uk",
        published=date(2022, 9, 21),
        url="https://kyiv.example/obmin",
    )
    docs["burgenstock"] = _add(store, settings, BURGENSTOCK_2024, url="https://nodate.example/b")
    docs["istanbul_copy"] = _add_copy(
        store,
        settings,
        docs["istanbul"],
        "exact",
        outlet="wire.example",
        published=date(2022, 3, 30),
        url="https://wire.example/istanbul",
    )
    docs["grain_copy"] = _add_copy(
        store,
        settings,
        docs["grain"],
        "near",
        outlet="agri.example",
        published=date(2022, 7, 23),
        url="https://agri.example/grain-2",
    )
    return docs


# ---------------------------------------------------------------------------- migrations


def test_store_new_store_records_migration_one(store: Store) -> None:
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(schema_migrations.c.version, schema_migrations.c.name)).all()
    assert [version for version, _ in rows] == [version for version, _, _ in MIGRATIONS]
    assert all(name for _, name in rows)
    assert store.stats()["schema_version"] == SCHEMA_VERSION == MIGRATIONS[-1][0]


def test_store_reopen_applies_nothing_twice(settings: Settings) -> None:
    for _ in range(3):
        with open_store(settings.db) as opened:
            assert migrate(opened.engine) == []
    assert [version for version, _ in _migrations(Path(settings.db))] == [
        version for version, _, _ in MIGRATIONS
    ]


def test_store_reopen_keeps_documents(settings: Settings) -> None:
    with open_store(settings.db) as first:
        added = _add(first, settings, GRAIN_2022)
    with open_store(settings.db, create=False) as again:
        found = again.get_document(added.id)
    assert found is not None
    assert found.clean_text == added.clean_text


def test_store_newer_schema_is_refused_with_upgrade_hint(settings: Settings) -> None:
    open_store(settings.db).close()
    with sqlite3.connect(settings.db) as conn:
        conn.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
            (SCHEMA_VERSION + 1, "from the future", "2030-01-01T00:00:00+00:00"),
        )
    with pytest.raises(StoreError, match="upgrade"):
        open_store(settings.db)


def test_store_open_missing_file_without_create_raises(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    with pytest.raises(StoreError, match="no store"):
        open_store(str(missing), create=False)
    assert not missing.exists()


def test_store_open_in_missing_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "no" / "such" / "folder" / "parley.db"))


# ---------------------------------------------------------------------------- documents


@pytest.mark.parametrize("how", ["id", "external id", "prefix"])
def test_store_get_document_by_reference(store: Store, settings: Settings, how: str) -> None:
    added = _add(
        store,
        settings,
        ISTANBUL_2022,
        external_id="istanbul-2022-03-29",
        outlet="bosporus-times.example",
        published=date(2022, 3, 29),
    )
    _add(store, settings, GRAIN_2022, external_id="grain-2022-07-22")
    ref = {"id": added.id, "external id": "istanbul-2022-03-29", "prefix": added.id[:6]}[how]
    found = store.get_document(ref)
    assert found is not None
    assert found.id == added.id
    assert found.external_id == "istanbul-2022-03-29"
    assert found.outlet == "bosporus-times.example"
    assert found.published == date(2022, 3, 29)
    assert found.clean_text == added.clean_text
    assert found.text_hash == added.text_hash


def test_store_get_document_unknown_is_none(store: Store, settings: Settings) -> None:
    _add(store, settings, GRAIN_2022, external_id="grain")
    assert store.get_document("nosuchid") is None
    assert store.get_document("gra") is None


def test_store_get_document_ambiguous_external_id_raises(store: Store, settings: Settings) -> None:
    _add(store, settings, ISTANBUL_2022, external_id="article-1", url="https://a.example/1")
    _add(store, settings, GRAIN_2022, external_id="article-1", url="https://b.example/1")
    with pytest.raises(StoreError, match="article-1"):
        store.get_document("article-1")


def test_store_get_document_ambiguous_prefix_raises(store: Store, settings: Settings) -> None:
    first, first_print = _prepared(ISTANBUL_2022, settings)
    second, second_print = _prepared(GRAIN_2022, settings)
    store.add_document(dataclasses.replace(first, id="abcd1111aaaa0000"), first_print, run_id=None)
    store.add_document(
        dataclasses.replace(second, id="abcd2222bbbb0000"), second_print, run_id=None
    )
    with pytest.raises(StoreError, match="abcd"):
        store.get_document("abcd")
    found = store.get_document("abcd2")
    assert found is not None
    assert found.id == "abcd2222bbbb0000"


def test_store_document_round_trips_removed_and_extra(store: Store, settings: Settings) -> None:
    document, printed = _prepared(BURGENSTOCK_2024, settings)
    document.removed = [
        Removal("promo", "Subscribe to our newsletter"),
        Removal("byline", "By Anna Berg"),
    ]
    document.extra = {"author": "Anna Berg", "published_unreadable": "mid-June"}
    store.add_document(document, printed, run_id=None)
    found = store.get_document(document.id)
    assert found is not None
    assert found.removed == document.removed
    assert found.extra == document.extra


def test_store_dedup_keys_are_kept_for_originals_only(
    store: Store, populated: dict[str, Document], settings: Settings
) -> None:
    _, printed = _prepared(ISTANBUL_2022, settings)
    candidates = [doc_id for doc_id, _ in store.near_candidates(printed.bands)]
    assert candidates == [populated["istanbul"].id]
    assert store.find_original_by_hash(printed.text_hash) == populated["istanbul"].id
    assert store.near_candidates([]) == []


# ---------------------------------------------------------------------------- listings


def _names(populated: dict[str, Document], ids: list[str]) -> list[str]:
    by_id = {doc.id: name for name, doc in populated.items()}
    return [by_id[i] for i in ids]


def test_store_list_documents_in_publication_order(
    store: Store, populated: dict[str, Document]
) -> None:
    listed = store.list_documents()
    assert _names(populated, [row.id for row in listed]) == [
        "istanbul",
        "istanbul_copy",
        "grain",
        "grain_copy",
        "swap",
        "burgenstock",
    ]
    first = listed[0]
    assert first.words == len(populated["istanbul"].clean_text.split())
    assert first.duplicate_of is None
    assert listed[1].duplicate_of == populated["istanbul"].id
    assert listed[1].duplicate_kind == "exact"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        pytest.param({"outlet": "BOSPORUS-times.example"}, {"istanbul"}, id="outlet-any-case"),
        pytest.param({"outlet": "agri.example"}, {"grain", "grain_copy"}, id="outlet"),
        pytest.param({"outlet": "nowhere.example"}, set(), id="outlet-unknown"),
        pytest.param({"lang": "uk"}, {"swap"}, id="lang-uk"),
        pytest.param(
            {"lang": "en"},
            {"istanbul", "istanbul_copy", "grain", "grain_copy", "burgenstock"},
            id="lang-en",
        ),
        pytest.param({"since": date(2022, 7, 22)}, {"grain", "grain_copy", "swap"}, id="since"),
        pytest.param(
            {"until": date(2022, 7, 22)}, {"istanbul", "istanbul_copy", "grain"}, id="until"
        ),
        pytest.param(
            {"since": date(2022, 3, 30), "until": date(2022, 7, 22)},
            {"istanbul_copy", "grain"},
            id="since-until",
        ),
        pytest.param({"duplicates": True}, {"istanbul_copy", "grain_copy"}, id="duplicates"),
        pytest.param(
            {"duplicates": False}, {"istanbul", "grain", "swap", "burgenstock"}, id="originals"
        ),
        pytest.param(
            {"duplicates": True, "outlet": "wire.example"}, {"istanbul_copy"}, id="combined"
        ),
    ],
)
def test_store_list_documents_filters(
    store: Store, populated: dict[str, Document], filters: dict[str, Any], expected: set[str]
) -> None:
    listed = store.list_documents(**filters)
    assert set(_names(populated, [row.id for row in listed])) == expected
    assert len(listed) == len(expected)


def test_store_list_documents_limit(store: Store, populated: dict[str, Document]) -> None:
    listed = store.list_documents(limit=2)
    assert _names(populated, [row.id for row in listed]) == ["istanbul", "istanbul_copy"]


def test_store_duplicates_of_lists_linked_copies(
    store: Store, populated: dict[str, Document]
) -> None:
    copies = store.duplicates_of(populated["grain"].id)
    assert [c.id for c in copies] == [populated["grain_copy"].id]
    assert copies[0].duplicate_kind == "near"
    assert store.duplicates_of(populated["swap"].id) == []


# ---------------------------------------------------------------------------- stats and runs


def test_store_stats_of_empty_store(store: Store) -> None:
    stats = store.stats()
    assert {k: stats[k] for k in ("documents", "duplicates", "runs", "unfinished_runs")} == {
        "documents": 0,
        "duplicates": 0,
        "runs": 0,
        "unfinished_runs": 0,
    }
    assert stats["first_published"] is None
    assert stats["languages"] == {}


def test_store_stats_counts(
    store: Store, settings: Settings, populated: dict[str, Document]
) -> None:
    finished = store.start_run("ingest", settings, ["a.jsonl"])
    store.finish_run(finished, {"added": 4})
    store.start_run("ingest", settings, ["b.jsonl"])
    stats = store.stats()
    expected = {
        "documents": 6,
        "originals": 4,
        "duplicates": 2,
        "exact_duplicates": 1,
        "near_duplicates": 1,
        "outlets": 4,
        "languages": {"en": 5, "uk": 1},
        "first_published": "2022-03-29",
        "last_published": "2022-09-21",
        "undated": 1,
        "runs": 2,
        "unfinished_runs": 1,
        "schema_version": SCHEMA_VERSION,
    }
    assert {k: stats[k] for k in expected} == expected
    assert stats["store"] == store.url


def test_store_run_started_and_not_finished_is_unfinished(store: Store, settings: Settings) -> None:
    run_id = store.start_run("ingest", settings, ["articles.jsonl", "-"])
    assert store.stats()["unfinished_runs"] == 1
    (row,) = store.list_runs()
    assert row["id"] == run_id
    assert row["status"] == "running"
    assert row["finished_at"] is None
    assert row["inputs"] == ["articles.jsonl", "-"]
    assert row["settings_hash"] == settings.digest()
    assert "db" not in row["settings"]

    store.finish_run(run_id, {"added": 3, "skipped": 1})
    (row,) = store.list_runs()
    assert row["status"] == "finished"
    assert row["finished_at"] is not None
    assert row["counts"] == {"added": 3, "skipped": 1}
    assert store.stats()["unfinished_runs"] == 0


def test_store_list_runs_newest_first_with_limit(store: Store, settings: Settings) -> None:
    ids = [store.start_run("ingest", settings, [f"batch-{i}.jsonl"]) for i in range(4)]
    assert [row["id"] for row in store.list_runs()] == ids[::-1]
    assert [row["id"] for row in store.list_runs(limit=2)] == ids[:1:-1]


def test_store_run_problems_are_kept_per_run(store: Store, settings: Settings) -> None:
    first = store.start_run("ingest", settings, ["x"])
    second = store.start_run("ingest", settings, ["y"])
    store.record_problem(first, "broken.jsonl", 7, "malformed JSON (Expecting value)")
    store.record_problem(first, "photo.jpg", None, "binary data, not text")
    store.record_problem(second, "empty.txt", None, "empty file")
    problems = store.run_problems(first)
    assert [(p["source"], p["line"], p["reason"]) for p in problems] == [
        ("broken.jsonl", 7, "malformed JSON (Expecting value)"),
        ("photo.jpg", None, "binary data, not text"),
    ]
    assert [p["source"] for p in store.run_problems(second)] == ["empty.txt"]
