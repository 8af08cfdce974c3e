"""A run killed with SIGKILL leaves whole documents only, and the same command run again
adds exactly what is missing."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from parley.dedup import text_hash
from parley.settings import Settings
from parley.store import open_store

ARTICLES = 4000
KILL_AFTER = 200

PLACES = [
    "Istanbul",
    "Geneva",
    "Riyadh",
    "Jeddah",
    "Doha",
    "Ankara",
    "Vienna",
    "Oslo",
    "Minsk",
    "Bürgenstock",
]
PEOPLE = [
    "Medinsky",
    "Umerov",
    "Fidan",
    "Guterres",
    "Erdoğan",
    "Lavrov",
    "Rubio",
    "Yermak",
    "Witkoff",
    "Kuleba",
]
TOPICS = [
    "grain corridors",
    "prisoner lists",
    "nuclear safety",
    "energy strikes",
    "deported children",
    "maritime security",
    "ceasefire lines",
    "humanitarian access",
    "sanctions relief",
    "security guarantees",
]
# Our own sentence fragments about the shape of peace talks; every slot is filled at random.
FRAGMENTS = [
    "Talks round {serial} opened in {place} with {person} leading one delegation",
    "Negotiators spent {n} hours on {topic} before breaking for consultations",
    "{person} told reporters that draft {n} on {topic} still needed work",
    "Mediators in {place} circulated a paper listing {n} points about {topic}",
    "Officials said {n} detainees could be freed once {topic} were settled",
    "{person} arrived in {place} late on day {n} of the session",
    "A statement from {place} said {topic} would return at round {n}",
    "Observers counted {n} separate proposals on {topic} tabled by {person}",
]


def _vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    letters = "abcdefghiklmnoprstuvy"
    return sorted(
        {"".join(rng.choice(letters) for _ in range(rng.randrange(4, 9))) for _ in range(size)}
    )


def _article(rng: random.Random, words: list[str], serial: int) -> str:
    sentences = [
        fragment.format(
            serial=serial,
            place=rng.choice(PLACES),
            person=rng.choice(PEOPLE),
            topic=rng.choice(TOPICS),
            n=rng.randrange(2, 10_000),
        )
        + " "
        + " ".join(rng.sample(words, 3))
        + "."
        for fragment in rng.sample(FRAGMENTS, 5)
    ]
    sentences.insert(
        rng.randrange(len(sentences)), f"Bulletin {serial} notes {' '.join(rng.sample(words, 6))}."
    )
    return " ".join(sentences)


def _write_articles(path: Path, count: int, seed: int = 20250516) -> list[str]:
    rng = random.Random(seed)
    words = _vocabulary(rng)
    texts = [_article(rng, words, serial) for serial in range(count)]
    with path.open("w", encoding="utf-8") as f:
        for serial, text in enumerate(texts):
            f.write(
                json.dumps(
                    {"id": f"bulletin-{serial}", "text": text, "lang": "en"}, ensure_ascii=False
                )
                + "\n"
            )
    return texts


def _committed(db: Path) -> int | None:
    """Documents committed so far, read-only; None while the store is busy or not made yet."""
    if not db.exists():
        return None
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.5)) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError as e:
        message = str(e)
        if (
            "locked" in message
            or "busy" in message
            or "no such table" in message
            or "unable to open" in message
        ):
            return None
        raise


def _wait_for_documents(db: Path, process: subprocess.Popen[bytes], at_least: int) -> int:
    for _ in range(6000):  # a guard against a hang, not a timing check
        count = _committed(db)
        if count is not None and count >= at_least:
            return count
        if process.poll() is not None:
            pytest.fail(f"ingest ended (exit {process.returncode}) before {at_least} documents")
        time.sleep(0.02)
    pytest.fail(f"fewer than {at_least} documents were committed")


def _check_whole_documents(db: Path) -> None:
    """Every stored document is complete, and the dedup rows match the documents."""
    settings = Settings()
    bands_each = settings.minhash_permutations // 4
    with open_store(str(db), create=False) as store:
        for document in store.iter_documents(originals_only=False):
            assert document.clean_text.strip()
            assert document.raw_text.strip()
            assert document.text_hash == text_hash(document.clean_text)
            assert document.external_id is not None
            assert document.duplicate_of is None, (document.external_id, document.duplicate_of)
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        signatures = conn.execute(
            "SELECT count(*) FROM document_signatures s JOIN documents d ON d.id = s.document_id"
        ).fetchone()[0]
        assert signatures == documents
        assert conn.execute("SELECT count(*) FROM document_signatures").fetchone()[0] == documents
        band_counts = conn.execute(
            "SELECT d.id, count(b.band_key) FROM documents d "
            "LEFT JOIN dedup_bands b ON b.document_id = d.id GROUP BY d.id"
        ).fetchall()
        assert {count for _, count in band_counts} == {bands_each}
        orphans = conn.execute(
            "SELECT count(*) FROM dedup_bands WHERE document_id NOT IN (SELECT id FROM documents)"
        ).fetchone()[0]
        assert orphans == 0


def test_resume_generated_articles_are_distinct(tmp_path: Path) -> None:
    texts = _write_articles(tmp_path / "big.jsonl", ARTICLES)
    assert len(texts) == ARTICLES
    assert len({text_hash(text) for text in texts}) == ARTICLES
    assert all(len(text.split()) >= 60 for text in texts)


@pytest.mark.slow
def test_resume_after_sigkill_adds_only_what_is_missing(tmp_path: Path) -> None:
    big = tmp_path / "big.jsonl"
    _write_articles(big, ARTICLES)
    db = tmp_path / "resume.db"
    env = {**os.environ, "PARLEY_DB": str(db), "COLUMNS": "200"}
    command = [sys.executable, "-m", "parley", "ingest", "--no-analyze", "big.jsonl"]

    process = subprocess.Popen(
        command, env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        _wait_for_documents(db, process, KILL_AFTER)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == -signal.SIGKILL

    # The killed run's store opens, and holds whole documents only.
    _check_whole_documents(db)
    with open_store(str(db), create=False) as store:
        before = store.stats()["documents"]
        (killed,) = store.list_runs()
    assert KILL_AFTER <= before < ARTICLES
    assert killed["status"] == "running"
    assert killed["finished_at"] is None

    # The same command again finishes the job.
    rerun = subprocess.run(
        command, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=600
    )
    assert rerun.returncode == 0, rerun.stderr
    assert "Traceback" not in rerun.stderr
    (summary,) = [line for line in rerun.stderr.splitlines() if "already stored" in line]
    assert f" {before:,} " in summary

    _check_whole_documents(db)
    with closing(sqlite3.connect(db)) as conn:
        total, ids, external = conn.execute(
            "SELECT count(*), count(DISTINCT id), count(DISTINCT external_id) FROM documents"
        ).fetchone()
    assert total == ids == external == ARTICLES

    with open_store(str(db), create=False) as store:
        stats = store.stats()
        second, first = store.list_runs()
    assert second["status"] == "finished"
    assert second["counts"]["already_stored"] == before
    assert second["counts"]["added"] == ARTICLES - before
    assert second["counts"]["exact_duplicates"] == second["counts"]["near_duplicates"] == 0
    assert second["counts"]["skipped"] == 0
    assert first["id"] == killed["id"]
    assert first["status"] == "running"
    assert stats["documents"] == ARTICLES
    assert stats["duplicates"] == 0
    assert stats["runs"] == 2
    assert stats["unfinished_runs"] >= 1
