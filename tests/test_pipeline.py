"""The analysis run: what it stores, what it skips, how re-analysis replaces records."""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

import parley.nlp as parley_nlp
from parley.cli import SAMPLE_DIR
from parley.errors import SettingsError
from parley.ingest import ingest
from parley.pipeline import GAZETTEER_ONLY, analyze
from parley.settings import Settings
from parley.store import Store, open_store
from parley.store.schema import analyses, events, mentions, positions, quotes


@pytest.fixture(scope="module")
def analyzed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, Settings]:
    """The shipped sample, ingested and analyzed once for this module."""
    folder = tmp_path_factory.mktemp("pipeline")
    settings = Settings(db=str(folder / "parley.db"))
    store = open_store(settings.db)
    ingest(store, [str(SAMPLE_DIR)], settings=settings)
    analyze(store, settings=settings)
    return store, settings


def _count(store: Store, table: sa.Table) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(sa.select(sa.func.count()).select_from(table)) or 0)


def test_pipeline_analyzes_every_original_and_no_duplicate(
    analyzed: tuple[Store, Settings],
) -> None:
    store, _ = analyzed
    originals = store.list_documents(duplicates=False)
    duplicates = store.list_documents(duplicates=True)
    assert duplicates, "the sample holds a near-duplicate"
    assert all(store.analysis_of(d.id) is not None for d in originals)
    assert all(store.analysis_of(d.id) is None for d in duplicates)


def test_pipeline_marks_non_english_documents_gazetteer_only(
    analyzed: tuple[Store, Settings],
) -> None:
    store, _ = analyzed
    ukrainian = store.list_documents(lang="uk")
    assert len(ukrainian) == 1
    analysis = store.analysis_of(ukrainian[0].id)
    assert analysis is not None and analysis["mode"] == GAZETTEER_ONLY
    names = {m["name"] for m in store.document_mentions(ukrainian[0].id)}
    assert {"Ukraine", "Russia"} <= names


def test_pipeline_links_the_damaged_copy(analyzed: tuple[Store, Settings]) -> None:
    store, _ = analyzed
    damaged = next(d for d in store.list_documents() if "machine-translated" in d.source)
    linked = {(m["text"], m["name"]) for m in store.document_mentions(damaged.id)}
    assert ("Voldimir Zelenki", "Volodymyr Zelenskyy") in linked


def test_pipeline_rerun_adds_nothing_and_redo_replaces(analyzed: tuple[Store, Settings]) -> None:
    store, settings = analyzed
    tables = (mentions, analyses, quotes, events, positions)
    before = tuple(_count(store, table) for table in tables)
    assert all(before), "the sample yields records of every kind"
    again = analyze(store, settings=settings)
    assert again.analyzed == 0
    redone = analyze(store, settings=settings, redo=True)
    assert redone.analyzed == before[1]
    assert tuple(_count(store, table) for table in tables) == before


def test_pipeline_new_version_replaces_a_documents_records(
    analyzed: tuple[Store, Settings],
) -> None:
    store, _ = analyzed
    document = next(
        d for d in store.list_documents(duplicates=False) if store.list_quotes(document_id=d.id)
    )
    found = store.document_mentions(document.id)
    before = _count(store, mentions)
    store.replace_analysis(
        document.id,
        [],
        version="test.v2",
        model="none",
        mode="full",
        case_name="x",
        component="parley.linker.v2",
        run_id=None,
    )
    assert store.document_mentions(document.id) == []
    assert store.list_quotes(document_id=document.id) == []
    assert store.list_events(document_id=document.id) == []
    assert store.list_positions(document_id=document.id) == []
    assert _count(store, mentions) == before - len(found)
    assert store.analysis_of(document.id)["version"] == "test.v2"  # type: ignore[index]


def test_pipeline_stores_quotes_with_their_evidence(analyzed: tuple[Store, Settings]) -> None:
    store, _ = analyzed
    stored = store.list_quotes()
    assert stored, "the sample reports what negotiators said"
    assert {"Volodymyr Zelenskyy", "Mykhailo Podolyak"} <= {q["speaker"] for q in stored}
    for quote in stored:
        document = store.get_document(quote["document_id"])
        assert document is not None
        text = document.clean_text
        assert text[quote["start"] : quote["end"]] == quote["text"]
        assert quote["sentence_start"] <= quote["start"] < quote["end"] <= quote["sentence_end"]
        assert quote["component"] == "parley.quotes.v1"
        assert quote["kind"] in {"direct", "partial", "indirect"}


def test_pipeline_quote_filters(analyzed: tuple[Store, Settings]) -> None:
    store, _ = analyzed
    everything = store.list_quotes()
    zelensky = store.find_entity("Zelensky")
    assert zelensky is not None
    his = store.list_quotes(speaker_ids=[zelensky["id"]])
    assert his and all(q["speaker"] == "Volodymyr Zelenskyy" for q in his)
    assert len(his) < len(everything)
    indirect = store.list_quotes(kind="indirect")
    assert indirect and all(q["kind"] == "indirect" for q in indirect)
    later = store.list_quotes(since=date(2025, 1, 1))
    assert later and len(later) < len(everything)
    assert all((q["date"] or q["published"].isoformat()) >= "2025-01-01" for q in later)
    russia = store.find_entity("Russia")
    assert russia is not None
    about = store.list_quotes(about_ids=[russia["id"]])
    assert about and all(
        any(
            m["entity_id"] == russia["id"] and q["start"] <= m["start"] and m["end"] <= q["end"]
            for m in store.document_mentions(q["document_id"])
        )
        for q in about
    )


def test_pipeline_stores_events_and_positions(analyzed: tuple[Store, Settings]) -> None:
    store, _ = analyzed
    stored = store.list_events()
    assert {"meeting", "exchange"} <= {e["type"] for e in stored}
    for event in stored:
        document = store.get_document(event["document_id"])
        assert document is not None
        evidence = document.clean_text[event["sentence_start"] : event["sentence_end"]]
        assert document.clean_text[event["start"] : event["end"]] == event["trigger"]
        assert event["trigger"] in evidence
        assert event["status"] in {"occurred", "planned", "proposed", "hypothetical"}
        assert event["cameo"] and event["plover"]
        assert event["source"] or event["target"] or event["participants"] or event["mediators"]
        assert event["component"] == "parley.events.v1"
    talks = [e for e in stored if e["type"] == "meeting" and e["venue"]]
    assert any({"Russia", "Ukraine"} <= set(e["participants"]) for e in talks)
    held = store.list_positions()
    assert held and all(
        p["stance"] in {"demand", "offer", "accept", "reject", "support", "oppose"} for p in held
    )
    assert ("Ukraine", "ceasefire", "demand") in {
        (p["holder"], p["issue"], p["stance"]) for p in held
    }


def test_pipeline_runs_are_recorded(analyzed: tuple[Store, Settings]) -> None:
    store, _ = analyzed
    commands = [run["command"] for run in store.list_runs()]
    assert "analyze" in commands and "ingest" in commands


def test_pipeline_unknown_model_is_a_clear_error() -> None:
    with pytest.raises(SettingsError, match="cannot load the spaCy pipeline 'no_such_model'"):
        parley_nlp.load_model("no_such_model")


def test_pipeline_without_any_model_uses_a_blank_pipeline_and_warns(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(parley_nlp, "MODEL_CANDIDATES", ("no_such_model_a", "no_such_model_b"))
    with caplog.at_level(logging.WARNING):
        nlp, name = parley_nlp.build_nlp(case=str(Path(__file__).parent / "data" / "minicase"))
    assert name == "blank:en"
    assert "no English spaCy model" in caplog.text
    doc = nlp(parley_nlp.make_doc(nlp, "Talks in Istanbul with Ukraine went on.", None))
    assert {m.entity_name for m in parley_nlp.doc_mentions(doc)} == {"Istanbul", "Ukraine"}
    assert parley_nlp.doc_quotes(doc) == []  # no parser, no cues: nothing is guessed


def test_pipeline_report_commands(run_parley, tmp_path: Path) -> None:
    db = tmp_path / "actors.db"
    assert run_parley("ingest", "--sample", db=db).returncode == 0
    listed = run_parley("actors", "--kind", "person", "--format", "json", db=db)
    assert listed.returncode == 0, listed.stderr
    people = json.loads(listed.stdout)
    assert {"Volodymyr Zelenskyy", "Vladimir Putin"} <= {p["name"] for p in people}
    assert all(p["kind"] == "person" for p in people)
    one = run_parley("actor", "Zelensky", "--format", "json", db=db)
    assert one.returncode == 0, one.stderr
    detail = json.loads(one.stdout)
    assert detail["name"] == "Volodymyr Zelenskyy"
    assert detail["documents"] and detail["surfaces"] and detail["co_occurring"]
    missing = run_parley("actor", "Nobody Atall", db=db)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    said = run_parley("quotes", "--speaker", "Zelensky", "--format", "json", db=db)
    assert said.returncode == 0, said.stderr
    his = json.loads(said.stdout)
    assert his and {q["speaker"] for q in his} == {"Volodymyr Zelenskyy"}
    assert {"text", "kind", "outlet", "document", "date", "published"} <= set(his[0])
    table = run_parley("quotes", "--kind", "indirect", "--limit", "3", db=db)
    assert table.returncode == 0 and "3 quotes" in table.stdout
    for bad in (("--speaker", "Nobody Atall"), ("--since", "last week"), ("--kind", "rumour")):
        refused = run_parley("quotes", *bad, db=db)
        assert refused.returncode == 2 and "Traceback" not in refused.stderr, bad
    gomel = run_parley("docs", "list", "--format", "json", db=db)
    first = json.loads(gomel.stdout)[0]["id"]
    shown = run_parley("docs", "show", first, "--analysis", "--format", "json", db=db)
    assert shown.returncode == 0, shown.stderr
    found = json.loads(shown.stdout)
    assert found["events"] and all(e["evidence"] and e["type"] for e in found["events"])
    assert all(p["evidence"] for p in found["positions"])
    table = run_parley("docs", "show", first, "--analysis", db=db)
    assert table.returncode == 0 and "events in" in table.stdout and "evidence" in table.stdout
