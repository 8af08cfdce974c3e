"""Shared fixtures: a fresh store per test, default settings, and a way to run the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language

from parley.nlp import build_nlp
from parley.settings import Settings
from parley.store import Store, open_store
from parley.store.schema import metadata


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The trained model with parley's components and the shipped case, loaded once per
    test session (test_link.py uses its own, with a small test case)."""
    pipeline, _ = build_nlp()
    return pipeline


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Default settings with the store in the test's own folder."""
    return Settings(db=str(tmp_path / "parley.db"))


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    """A new, migrated store: SQLite in a temporary folder, or the PostgreSQL database that
    PARLEY_TEST_DATABASE_URL names (emptied after each test), so the same tests cover both."""
    url = os.environ.get("PARLEY_TEST_DATABASE_URL")
    with open_store(url or settings.db) as opened:
        try:
            yield opened
        finally:
            if url:
                with opened.engine.begin() as conn:
                    metadata.drop_all(conn)


def run_cli(
    *args: str, db: Path, cwd: Path, stdin: bytes | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real `parley` command in a subprocess on the store `db`."""
    env = {**os.environ, "PARLEY_DB": str(db), "COLUMNS": "200"}
    done = subprocess.run(
        [sys.executable, "-m", "parley", *args],
        input=stdin,
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=300,
    )
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(), done.stderr.decode()
    )


@pytest.fixture
def run_parley(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Run the real `parley` command with a store of the test's own."""

    def run(
        *args: str, stdin: bytes | None = None, db: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, db=db or tmp_path / "cli.db", cwd=tmp_path, stdin=stdin)

    return run
