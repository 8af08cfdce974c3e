"""The record-across-outlets commands, run as real processes on the shipped sample:
timeline and its filters, episode, contradictions, positions and export (the sample is
ingested and analyzed once for the module)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from parley.case import load_case
from parley.consolidate import (
    EpisodeSummary,
    contradictions_of,
    episode_summaries,
    latest_stances,
    position_history,
)
from parley.store import Store, open_store
from tests.conftest import run_cli

TIMELINE_KEYS = {"id", "type", "status", "date", "precision", "parties", "venue", "sources"}
STANCES = {"demand", "offer", "accept", "reject", "support", "oppose"}
KINDS = {"status", "date", "venue", "count"}


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the shipped sample, ingested and analyzed once for this module."""
    folder = tmp_path_factory.mktemp("record")
    db = folder / "sample.db"
    done = run_cli("ingest", "--sample", db=db, cwd=folder)
    assert done.returncode == 0, done.stderr
    return db


@pytest.fixture
def sample_store(sample_db: Path) -> Iterator[Store]:
    with open_store(str(sample_db), create=False) as opened:
        yield opened


@pytest.fixture
def summaries(sample_store: Store) -> list[EpisodeSummary]:
    """The episodes the commands should show, read in-process from the same store."""
    return episode_summaries(sample_store)


def _parley(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, db=db, cwd=db.parent)


def _ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


def _json(done: subprocess.CompletedProcess[str]) -> Any:
    return json.loads(_ok(done))


def _csv(done: subprocess.CompletedProcess[str]) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_ok(done))))


def _one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr + done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


def _day(summary: EpisodeSummary) -> date | None:
    """The day a timeline files an episode under: its date, else its first report's."""
    return date.fromisoformat(summary.date) if summary.date else summary.first.published


def _when(row: dict[str, str]) -> date | None:
    """The day in a timeline row's `when`: "2025-05-16 (day)" or "reported 2025-05-16"."""
    words = row["when"].split()
    text = words[1] if words[0] == "reported" else words[0]
    return None if text == "undated" else date.fromisoformat(text)


def _russia_ukraine_meeting(summaries: list[EpisodeSummary]) -> EpisodeSummary:
    return next(
        s for s in summaries if s.type == "meeting" and {"Russia", "Ukraine"} <= set(s.party_names)
    )


# --------------------------------------------------------------------------- timeline


def test_record_cli_timeline_json(sample_db: Path, summaries: list[EpisodeSummary]) -> None:
    items = _json(_parley(sample_db, "timeline", "--format", "json"))
    assert isinstance(items, list)
    assert [item["id"] for item in items] == [s.id for s in summaries]
    for item in items:
        assert set(item) >= TIMELINE_KEYS, item
        assert isinstance(item["parties"], list) and isinstance(item["sources"], list)
    assert any(
        item["type"] == "meeting" and {"Russia", "Ukraine"} <= set(item["parties"])
        for item in items
    )
    dated = [date.fromisoformat(item["date"]) for item in items if item["date"]]
    assert dated == sorted(dated)


def test_record_cli_timeline_json_empty_is_a_list(sample_db: Path) -> None:
    assert _json(_parley(sample_db, "timeline", "--type", "nothing", "--format", "json")) == []


def test_record_cli_timeline_csv(sample_db: Path, summaries: list[EpisodeSummary]) -> None:
    rows = _csv(_parley(sample_db, "timeline", "--format", "csv"))
    assert rows, "the sample has episodes"
    assert [row["id"] for row in rows] == [s.id for s in summaries]
    assert {"id", "when", "type", "status", "parties", "venue", "sources"} <= set(rows[0])
    assert any(
        row["type"] == "meeting" and {"Russia", "Ukraine"} <= set(row["parties"].split(", "))
        for row in rows
    )
    dated = [date.fromisoformat(s.date) for s in summaries if s.date]
    assert dated == sorted(dated)
    assert all(int(row["sources"]) >= 1 for row in rows)


def test_record_cli_timeline_table(sample_db: Path, summaries: list[EpisodeSummary]) -> None:
    out = _ok(_parley(sample_db, "timeline"))
    assert f"{len(summaries)} episodes" in out
    # The table shows an id prefix, which `parley episode` accepts.
    assert _russia_ukraine_meeting(summaries).id[:10] in out


@pytest.mark.parametrize(
    ("args", "keep"),
    [
        pytest.param(("--type", "meeting"), lambda s, _: s.type == "meeting", id="type"),
        pytest.param(
            ("--actor", "Zelensky"),
            lambda s, name: name in s.party_names or name in s.people,
            id="actor-alias",
        ),
        pytest.param(
            ("--from", "2025-01-01", "--to", "2025-12-31"),
            lambda s, _: (
                (day := _day(s)) is not None and date(2025, 1, 1) <= day <= date(2025, 12, 31)
            ),
            id="date-range",
        ),
    ],
)
def test_record_cli_timeline_filters(
    sample_db: Path,
    sample_store: Store,
    summaries: list[EpisodeSummary],
    args: tuple[str, ...],
    keep: Callable[[EpisodeSummary, str], bool],
) -> None:
    zelensky = sample_store.find_entity("Zelensky")
    assert zelensky is not None
    name = str(zelensky["name"])  # the alias resolves to Ukraine's president's canonical name
    items = _json(_parley(sample_db, "timeline", *args, "--format", "json"))
    expected = [s.id for s in summaries if keep(s, name)]
    assert 0 < len(expected) < len(summaries)
    assert [item["id"] for item in items] == expected
    for item in items:
        if args[0] == "--type":
            assert item["type"] == "meeting"
        if args[0] == "--actor":
            assert name in item["parties"] or name in item["people"]
        if args[0] == "--from":
            day = item["date"] or item["first_report"]["published"]
            assert "2025-01-01" <= day <= "2025-12-31"
    # The table shows the same episodes.
    rows = _csv(_parley(sample_db, "timeline", *args, "--format", "csv"))
    assert [row["id"] for row in rows] == expected
    if args[0] == "--from":
        assert all(
            date(2025, 1, 1) <= (_when(row) or date.max) <= date(2025, 12, 31) for row in rows
        )


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("--actor", "Nobody Atall"), id="unknown-actor"),
        pytest.param(("--from", "yesterday"), id="bad-from"),
        pytest.param(("--to", "2025-13-01"), id="bad-to"),
    ],
)
def test_record_cli_timeline_bad_option_exits_2(sample_db: Path, args: tuple[str, ...]) -> None:
    line = _one_line_error(_parley(sample_db, "timeline", *args))
    assert args[1] in line


# ---------------------------------------------------------------------------- episode


def test_record_cli_episode_table(sample_db: Path, summaries: list[EpisodeSummary]) -> None:
    summary = _russia_ukraine_meeting(summaries)
    out = _ok(_parley(sample_db, "episode", summary.id))
    assert summary.id in out
    assert f"{len(summary.reports)} report" in out
    assert all(outlet in out for outlet in summary.outlets)


def test_record_cli_episode_json(sample_db: Path, summaries: list[EpisodeSummary]) -> None:
    summary = _russia_ukraine_meeting(summaries)
    prefix = next(
        summary.id[:n]
        for n in range(4, len(summary.id) + 1)
        if [s.id for s in summaries if s.id.startswith(summary.id[:n])] == [summary.id]
    )
    for ref in (summary.id, prefix):
        data = _json(_parley(sample_db, "episode", ref, "--format", "json"))
        assert data["id"] == summary.id
        assert len(data["reports"]) == len(summary.reports)
        for report in data["reports"]:
            assert {"document", "outlet", "evidence"} <= set(report)
            assert report["evidence"]
        assert isinstance(data["contradictions"], list)
        for contradiction in data["contradictions"]:
            assert contradiction["kind"] in KINDS


@pytest.mark.parametrize("ref", ["ep-000000000000", "nothing", "ep-"])
def test_record_cli_episode_unknown_or_ambiguous_exits_2(sample_db: Path, ref: str) -> None:
    line = _one_line_error(_parley(sample_db, "episode", ref))
    assert repr(ref) in line


# ---------------------------------------------------------------------- contradictions


def test_record_cli_contradictions_json(sample_db: Path, summaries: list[EpisodeSummary]) -> None:
    rows = _json(_parley(sample_db, "contradictions", "--format", "json"))
    assert isinstance(rows, list)
    located = load_case().located_in()
    expected = [(s.id, c.kind) for s in summaries for c in contradictions_of(s, located)]
    assert [(row["episode"], row["kind"]) for row in rows] == expected
    for row in rows:
        assert row["kind"] in KINDS
        assert row["first evidence"] and row["second evidence"]
        assert row["one report"] and row["another"]


# --------------------------------------------------------------------------- positions


def test_record_cli_positions_table(sample_db: Path) -> None:
    out = _ok(_parley(sample_db, "positions"))
    assert "latest stances" in out
    assert "Russia" in out and "Ukraine" in out


def test_record_cli_positions_json(sample_db: Path, sample_store: Store) -> None:
    matrix = _json(_parley(sample_db, "positions", "--format", "json"))
    assert isinstance(matrix, dict) and matrix
    assert matrix == latest_stances(position_history(sample_store))
    for issues in matrix.values():
        assert isinstance(issues, dict) and issues
        assert set(issues.values()) <= STANCES


def test_record_cli_positions_history_of_a_party(sample_db: Path) -> None:
    args = ("positions", "--history", "--party", "Russia", "--format", "json")
    rows = _json(_parley(sample_db, *args))
    assert isinstance(rows, list) and rows
    for row in rows:
        assert row["party"] == "Russia"
        assert row["stance"].split()[0] in STANCES
        assert row["evidence"]


def test_record_cli_positions_unknown_party_exits_2(sample_db: Path) -> None:
    _one_line_error(_parley(sample_db, "positions", "--party", "Nobody Atall"))


# ------------------------------------------------------------------------------ export


def _counts(store: Store) -> dict[str, int]:
    return {
        "documents": len(list(store.iter_documents(originals_only=False))),
        "events": len(store.list_events()),
        "episodes": len(episode_summaries(store)),
    }


def test_record_cli_export_events_jsonl_to_stdout(sample_db: Path, sample_store: Store) -> None:
    out = _ok(_parley(sample_db, "export", "--format", "jsonl", "--what", "events"))
    lines = out.splitlines()
    assert len(lines) == _counts(sample_store)["events"] > 0
    for line in lines:
        record = json.loads(line)
        assert {"cameo", "plover", "document_id", "type"} <= set(record)


def test_record_cli_export_csv_files(sample_db: Path, sample_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    what = "documents,events,episodes"
    done = _parley(sample_db, "export", "--format", "csv", "--what", what, "--out", str(out))
    _ok(done)
    assert sorted(p.name for p in out.iterdir()) == ["documents.csv", "episodes.csv", "events.csv"]
    headers = {"documents": "id", "events": "cameo", "episodes": "sources"}
    for kind, count in _counts(sample_store).items():
        with (out / f"{kind}.csv").open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
        assert headers[kind] in (reader.fieldnames or []), kind
        assert len(rows) == count > 0, kind


def test_record_cli_export_parquet(sample_db: Path, sample_store: Store, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "parquet"
    _ok(_parley(sample_db, "export", "--format", "parquet", "--what", "events", "--out", str(out)))
    table = pq.read_table(out / "events.parquet")
    assert table.num_rows == _counts(sample_store)["events"]
    assert {"cameo", "plover", "document_id"} <= set(table.column_names)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        pytest.param(("--what", "verbs"), "verbs", id="unknown-kind"),
        pytest.param(("--format", "xml"), "xml", id="unknown-format"),
        pytest.param(("--format", "xml", "--what", "events"), "xml", id="unknown-format-one-kind"),
    ],
)
def test_record_cli_export_bad_option_exits_2(
    sample_db: Path, args: tuple[str, ...], says: str
) -> None:
    assert says in _one_line_error(_parley(sample_db, "export", *args))
