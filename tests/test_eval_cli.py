"""`parley eval` end to end: a folder of articles and gold, scored by the real command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.texts import GRAIN_2022, ISTANBUL_2022

DEV = Path(__file__).resolve().parents[2] / "shared" / "dev"


@pytest.fixture
def eval_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "gold"
    folder.mkdir()
    articles = [
        {
            "id": "t1",
            "url": None,
            "outlet": "example.org",
            "published": "2022-03-29",
            "lang": "en",
            "title": None,
            "text": ISTANBUL_2022,
            "garbled": False,
        },
        {
            "id": "t2",
            "url": None,
            "outlet": "example.net",
            "published": "2022-07-22",
            "lang": "en",
            "title": None,
            "text": GRAIN_2022,
            "garbled": False,
        },
    ]
    gold = [
        {
            "id": "t1",
            "actors": ["Russia", "Ukraine"],
            "places": ["Istanbul"],
            "mentions": [],
            "quotes": [],
            "events": [],
            "positions": [],
        },
        {
            "id": "t2",
            "actors": ["United Nations"],
            "places": ["Istanbul"],
            "mentions": [],
            "quotes": [],
            "events": [],
            "positions": [],
        },
    ]
    (folder / "articles.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles))
    (folder / "gold.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold))
    return folder


def test_eval_cli_json_is_one_object_with_every_layer(run_parley, eval_folder: Path) -> None:
    done = run_parley("eval", str(eval_folder), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["articles"] == 2
    layers = result["layers"]
    assert set(layers) == {
        "actors",
        "places",
        "mentions",
        "quotes_direct",
        "quotes_indirect",
        "events",
        "positions",
    }
    # Every layer has an extractor now, so every layer has figures (none is null).
    assert all(layers[name] is not None for name in layers)
    assert "findings" not in result
    # Our two articles name Russia, Ukraine and the United Nations, and happen in Istanbul.
    assert layers["actors"]["tp"] == 3
    assert layers["places"]["tp"] == 2
    assert layers["mentions"] == {"accuracy": None, "n": 0}


def test_eval_cli_table_shows_only_the_chosen_layers(run_parley, eval_folder: Path) -> None:
    done = run_parley(
        "eval", str(eval_folder), "--layer", "actors,events", "--per-article", "--explain"
    )
    assert done.returncode == 0, done.stderr
    assert "not available" not in done.stdout
    assert "quotes_direct" not in done.stdout
    assert "actors" in done.stdout and "events" in done.stdout


def test_eval_cli_dump_writes_one_object_per_article(
    run_parley, eval_folder: Path, tmp_path: Path
) -> None:
    dump = tmp_path / "system.jsonl"
    done = run_parley("eval", str(eval_folder), "--json", "--dump", str(dump))
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in dump.read_text().splitlines()]
    assert sorted(record["id"] for record in records) == ["t1", "t2"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--layer", "actors,verbs"], "unknown layer 'verbs'"),
        ([], "no gold.jsonl here"),
    ],
)
def test_eval_cli_mistakes_are_one_line(
    run_parley, eval_folder: Path, args: list[str], message: str
) -> None:
    if not args:
        (eval_folder / "gold.jsonl").unlink()
    done = run_parley("eval", str(eval_folder), *args)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/dev is not beside this checkout")
def test_eval_cli_scores_the_dev_folder(run_parley) -> None:
    done = run_parley("eval", str(DEV), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["articles"] == 18


def test_eval_cli_json_explain_lists_findings(run_parley, eval_folder: Path) -> None:
    done = run_parley("eval", str(eval_folder), "--json", "--explain", "--layer", "actors")
    assert done.returncode == 0, done.stderr
    findings = json.loads(done.stdout)["findings"]
    assert findings, "the system names actors the gold lacks, so there are false alarms"
    assert {"article", "layer", "kind", "item", "evidence"} <= set(findings[0])
    assert {f["layer"] for f in findings} == {"actors"}
