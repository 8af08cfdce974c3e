"""The `parley` command, run as a real process: exit codes, messages, stdin, output formats."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from parley.store import open_store
from tests.conftest import run_cli
from tests.texts import BURGENSTOCK_2024, GRAIN_2022, ISTANBUL_2022, TRUMP_PUTIN_2025

Run = Callable[..., subprocess.CompletedProcess[str]]


def _parley(db: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, db=db, cwd=cwd)


@pytest.fixture(scope="module")
def sample(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """A store holding the shipped sample, ingested once for this module's read-only tests."""
    folder = tmp_path_factory.mktemp("sample")
    db = folder / "sample.db"
    return db, _parley(db, folder, "ingest", "--sample")


@pytest.fixture
def sample_db(sample: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    return sample[0]


def _one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in done.stderr + done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


def _json(done: subprocess.CompletedProcess[str]) -> Any:
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _stored(db: Path) -> list[Any]:
    with open_store(str(db), create=False) as store:
        return list(store.iter_documents(originals_only=False))


# ---------------------------------------------------------------------------- the sample


def test_cli_ingest_sample_exits_zero_with_summary(
    sample: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    _, done = sample
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "added" in done.stderr
    assert "duplicates" in done.stderr
    assert "skipped" in done.stderr
    assert "near)" in done.stderr


def test_cli_sample_has_a_near_duplicate(run_parley: Run, sample_db: Path) -> None:
    stats = _json(run_parley("stats", "--format", "json", db=sample_db))
    assert stats["documents"] >= 15
    assert stats["duplicates"] >= 1
    assert stats["near_duplicates"] >= 1
    assert stats["documents"] == stats["originals"] + stats["duplicates"]
    assert stats["unfinished_runs"] == 0


def test_cli_stats_json_is_exactly_one_object(run_parley: Run, sample_db: Path) -> None:
    done = run_parley("stats", "--format", "json", db=sample_db)
    stats = _json(done)
    assert isinstance(stats, dict)
    assert done.stdout.lstrip().startswith("{")
    assert done.stdout.rstrip().endswith("}")
    assert isinstance(stats["documents"], int)
    assert isinstance(stats["duplicates"], int)
    assert stats["documents"] == len(_stored(sample_db))


# ---------------------------------------------------------------------------- docs list / show


def test_cli_docs_list_json_is_a_list_with_ids(run_parley: Run, sample_db: Path) -> None:
    listed = _json(run_parley("docs", "list", "--format", "json", db=sample_db))
    assert isinstance(listed, list)
    stored = {doc.id for doc in _stored(sample_db)}
    assert {row["id"] for row in listed} == stored
    assert len(listed) == len(stored)
    assert {"id", "published", "outlet", "lang", "title", "duplicate_of", "duplicate_kind"} <= set(
        listed[0]
    )
    published = [row["published"] for row in listed if row["published"]]
    assert published == sorted(published)


def test_cli_docs_list_csv_has_header_line(run_parley: Run, sample_db: Path) -> None:
    done = run_parley("docs", "list", "--format", "csv", db=sample_db)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split(",")[:3] == ["id", "published", "outlet"]
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert {row["id"] for row in rows} == {doc.id for doc in _stored(sample_db)}


def test_cli_docs_list_table_shortens_ids(run_parley: Run, sample_db: Path) -> None:
    done = run_parley("docs", "list", db=sample_db)
    assert done.returncode == 0, done.stderr
    first = sorted(doc.id for doc in _stored(sample_db))[0]
    assert first[:10] in done.stdout
    assert first not in done.stdout
    assert "documents" in done.stdout


@pytest.mark.parametrize(
    ("options", "check"),
    [
        pytest.param(["--lang", "uk"], lambda row: row["lang"] == "uk", id="lang-uk"),
        pytest.param(
            ["--duplicates"], lambda row: row["duplicate_of"] is not None, id="duplicates"
        ),
        pytest.param(
            ["--since", "2025-01-01", "--originals"],
            lambda row: row["published"] >= "2025-01-01" and row["duplicate_of"] is None,
            id="since-originals",
        ),
    ],
)
def test_cli_docs_list_filters(
    run_parley: Run, sample_db: Path, options: list[str], check: Callable[[dict[str, Any]], bool]
) -> None:
    listed = _json(run_parley("docs", "list", *options, "--format", "json", db=sample_db))
    everything = _stored(sample_db)
    assert 1 <= len(listed) < len(everything)
    assert all(check(row) for row in listed)


def test_cli_docs_show_removed_lists_rules(run_parley: Run, sample_db: Path) -> None:
    with_removals = [doc for doc in _stored(sample_db) if doc.removed]
    assert with_removals, "the sample should have an article with boilerplate"
    document = with_removals[0]
    done = run_parley(
        "docs", "show", document.id[:10], "--removed", "--format", "csv", db=sample_db
    )
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [(row["rule"], row["text"]) for row in rows] == [
        (r.rule, r.text) for r in document.removed
    ]

    table = run_parley("docs", "show", document.id, "--removed", db=sample_db)
    assert table.returncode == 0, table.stderr
    for removal in document.removed:
        assert removal.rule in table.stdout


def test_cli_docs_show_json_has_text_and_duplicates(run_parley: Run, sample_db: Path) -> None:
    original = next(doc for doc in _stored(sample_db) if doc.duplicate_of is not None).duplicate_of
    assert original is not None
    shown = _json(run_parley("docs", "show", original, "--format", "json", db=sample_db))
    assert shown["id"] == original
    assert shown["clean_text"]
    assert "raw_text" not in shown
    assert len(shown["duplicates"]) >= 1


# ---------------------------------------------------------------------------- errors


def test_cli_docs_show_unknown_id_exits_2_with_one_line(run_parley: Run, sample_db: Path) -> None:
    done = run_parley("docs", "show", "nosuchid", db=sample_db)
    assert done.returncode == 2
    assert "nosuchid" in _one_line_error(done)
    assert done.stdout == ""


@pytest.mark.parametrize(
    ("args", "words"),
    [
        pytest.param(
            ["ingest", "--field", "text", "x.jsonl"], "--field", id="field-without-column"
        ),
        pytest.param(
            ["ingest", "--field", "colour=body", "x.jsonl"], "colour=body", id="field-unknown-name"
        ),
        pytest.param(
            ["ingest", "--input-format", "pdf", "x.pdf"], "--input-format", id="bad-format"
        ),
    ],
)
def test_cli_bad_option_value_exits_2_with_one_line(
    run_parley: Run, tmp_path: Path, args: list[str], words: str
) -> None:
    done = run_parley(*args)
    assert done.returncode == 2
    assert words in _one_line_error(done)
    assert not (tmp_path / "cli.db").exists()


def test_cli_bad_date_exits_2_with_one_line(run_parley: Run, sample_db: Path) -> None:
    done = run_parley("docs", "list", "--since", "last week", db=sample_db)
    assert done.returncode == 2
    assert "--since" in _one_line_error(done)
    assert done.stdout == ""


@pytest.mark.parametrize("command", [["ingest", "x.txt"], ["stats"]])
def test_cli_db_in_missing_folder_exits_2_with_one_line(
    run_parley: Run, tmp_path: Path, command: list[str]
) -> None:
    (tmp_path / "x.txt").write_text(GRAIN_2022)
    missing = tmp_path / "no" / "such" / "folder" / "parley.db"
    done = run_parley("--db", str(missing), *command)
    assert done.returncode == 2
    assert str(missing) in _one_line_error(done)
    assert not missing.parent.exists()


def test_cli_ingest_good_and_binary_exits_1_and_stores_good(
    run_parley: Run, tmp_path: Path
) -> None:
    good = tmp_path / "grain.txt"
    good.write_text(GRAIN_2022)
    bad = tmp_path / "photo.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    done = run_parley("ingest", str(good), str(bad))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    skipped = [line for line in done.stderr.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == 1
    assert str(bad) in skipped[0]
    assert "binary" in skipped[0]
    (stored,) = _stored(tmp_path / "cli.db")
    assert stored.source == str(good)
    assert "Guterres" in stored.clean_text


def test_cli_ingest_unreachable_url_is_skipped(run_parley: Run, tmp_path: Path) -> None:
    url = "http://127.0.0.1:9/x"
    done = run_parley("ingest", url)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    skipped = [line for line in done.stderr.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == 1
    assert url in skipped[0]
    assert "cannot reach" in skipped[0]
    assert _stored(tmp_path / "cli.db") == []


# ---------------------------------------------------------------------------- stdin, fields


@pytest.mark.parametrize(
    ("data", "source", "expected"),
    [
        pytest.param(
            (
                json.dumps(
                    {"id": "call-2025", "title": "Trump and Putin talk", "text": TRUMP_PUTIN_2025}
                )
                + "\n"
                + json.dumps({"id": "burg-2024", "text": BURGENSTOCK_2024, "lang": "en"})
                + "\n"
            ).encode(),
            "-:1",
            [TRUMP_PUTIN_2025, BURGENSTOCK_2024],
            id="json-lines",
        ),
        pytest.param(
            ("Ukraine proposes neutrality\n\n" + ISTANBUL_2022 + "\n").encode(),
            "-",
            [ISTANBUL_2022],
            id="plain-text",
        ),
    ],
)
def test_cli_ingest_from_stdin(
    run_parley: Run, tmp_path: Path, data: bytes, source: str, expected: list[str]
) -> None:
    done = run_parley("ingest", "-", stdin=data)
    assert done.returncode == 0, done.stderr
    stored = sorted(_stored(tmp_path / "cli.db"), key=lambda doc: doc.source)
    assert len(stored) == len(expected)
    assert stored[0].source == source
    for doc, text in zip(stored, expected, strict=True):
        assert doc.clean_text.endswith(text)


def test_cli_ingest_field_option_names_text_column(run_parley: Run, tmp_path: Path) -> None:
    table = tmp_path / "articles.csv"
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["headline", "text", "body", "when"])
    writer.writerow(["Grain deal signed", "See the body column.", GRAIN_2022, "2022-07-22"])
    table.write_text(out.getvalue())
    done = run_parley(
        "ingest",
        "--field",
        "text=body",
        "--field",
        "published=when",
        "--field",
        "title=headline",
        str(table),
    )
    assert done.returncode == 0, done.stderr
    (stored,) = _stored(tmp_path / "cli.db")
    assert stored.clean_text == GRAIN_2022
    assert stored.title == "Grain deal signed"
    assert str(stored.published) == "2022-07-22"


# ---------------------------------------------------------------------------- runs


def test_cli_runs_json_lists_ingest_runs(run_parley: Run, tmp_path: Path) -> None:
    first = tmp_path / "first.txt"
    first.write_text(GRAIN_2022)
    second = tmp_path / "second.txt"
    second.write_text(TRUMP_PUTIN_2025)
    assert run_parley("ingest", str(first)).returncode == 0
    assert run_parley("ingest", str(first), str(second)).returncode == 0
    every = _json(run_parley("runs", "--format", "json"))
    # Each ingest is followed by an analysis run of what it added.
    assert [run["command"] for run in every] == ["analyze", "ingest", "analyze", "ingest"]
    assert all(run["status"] == "finished" for run in every)
    runs = [run for run in every if run["command"] == "ingest"]
    assert (runs[0]["added"], runs[0]["seen"], runs[0]["skipped"]) == (1, 1, 0)
    assert (runs[1]["added"], runs[1]["seen"]) == (1, 0)
    assert runs[0]["inputs"] == f"{first}, {second}"


def test_cli_version(run_parley: Run) -> None:
    done = run_parley("--version")
    assert done.returncode == 0
    assert done.stdout.startswith("parley ")
