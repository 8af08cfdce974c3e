"""Export the record as files: JSON lines, CSV or Parquet, one file per kind of record.

`export_records(store, what, fmt, out)` writes `documents`, `entities`, `mentions`,
`quotes`, `events` (with their CAMEO and PLOVER codes), `positions` and `episodes`
(each with its reports' documents) as `<out>/<what>.<ext>`; JSON lines and CSV can also
go to one stream. Parquet needs pyarrow (`pip install 'parley[parquet]'`).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import sqlalchemy as sa

from parley.errors import SettingsError
from parley.store import Store
from parley.store.schema import documents, entities, events, mentions, positions, quotes

__all__ = ["EXPORTS", "FORMATS", "columns_of", "export_records", "records"]

EXPORTS = ("documents", "entities", "mentions", "quotes", "events", "positions", "episodes")
FORMATS = ("jsonl", "csv", "parquet")
_TABLES = {
    "documents": documents,
    "entities": entities,
    "mentions": mentions,
    "quotes": quotes,
    "events": events,
    "positions": positions,
}
# Large or internal columns an export leaves out.
_LEFT_OUT = {"documents": {"raw_text", "removed", "extra"}}


def records(store: Store, what: str) -> Iterator[dict[str, Any]]:
    """The rows of one kind of record, as plain values."""
    if what == "episodes":
        from parley.consolidate import episode_summaries

        for summary in episode_summaries(store):
            yield summary.as_dict()
        return
    table = _TABLES[what]
    columns = [c for c in table.c if c.name not in _LEFT_OUT.get(what, set())]
    order = [table.c[name] for name in ("document_id", "start", "id") if name in table.c]
    with store.engine.connect() as conn:
        for row in conn.execute(sa.select(*columns).order_by(*order)).mappings():
            yield {key: _plain(value) for key, value in row.items()}


def _plain(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _cell(value: Any) -> Any:
    """A CSV cell: lists and objects as JSON, the rest as they are."""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_jsonl(rows: Iterator[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def columns_of(what: str) -> list[str]:
    """The fields one kind of record has, for a CSV header even when there are no rows."""
    if what == "episodes":
        from parley.consolidate import EPISODE_FIELDS

        return list(EPISODE_FIELDS)
    table = _TABLES[what]
    return [c.name for c in table.c if c.name not in _LEFT_OUT.get(what, set())]


def write_csv(rows: Iterator[dict[str, Any]], out: TextIO, columns: list[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
        count += 1
    return count


def write_parquet(rows: Iterator[dict[str, Any]], path: Path) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as e:
        raise SettingsError(
            "Parquet export needs pyarrow: pip install 'parley[parquet]' (or use jsonl or csv)"
        ) from e
    listed = [{k: _cell(v) if isinstance(v, dict) else v for k, v in r.items()} for r in rows]
    pq.write_table(pa.Table.from_pylist(listed), path)
    return len(listed)


def export_records(store: Store, what: list[str], fmt: str, out: Path) -> dict[str, int]:
    """Write each kind of record to `out/<kind>.<fmt>`; returns the rows written per kind."""
    unknown = [w for w in what if w not in EXPORTS]
    if unknown:
        raise SettingsError(f"cannot export {unknown[0]!r}: choose from {', '.join(EXPORTS)}")
    if fmt not in FORMATS:
        raise SettingsError(f"unknown format {fmt!r}: choose jsonl, csv or parquet")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise SettingsError(f"cannot create {out}: {e.strerror or e}") from e
    written: dict[str, int] = {}
    for kind in what:
        path = out / f"{kind}.{fmt}"
        try:
            if fmt == "parquet":
                written[kind] = write_parquet(records(store, kind), path)
                continue
            with path.open("w", encoding="utf-8", newline="") as handle:
                if fmt == "jsonl":
                    written[kind] = write_jsonl(records(store, kind), handle)
                else:
                    written[kind] = write_csv(records(store, kind), handle, columns_of(kind))
        except OSError as e:
            raise SettingsError(f"cannot write {path}: {e.strerror or e}") from e
    return written
