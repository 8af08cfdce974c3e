"""Print listings as a table, JSON or CSV: the one place the CLI turns rows into text."""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TextIO

from rich import box
from rich.console import Console
from rich.table import Table

__all__ = ["OutputFormat", "emit_json", "emit_object", "emit_rows"]


WIDE_COLUMNS = frozenset(
    {
        "title",
        "text",
        "value",
        "reason",
        "inputs",
        "source",
        "help",
        "item",
        "evidence",
        "parties",
        "content",
        "accuracy",
        "stances",
        "one report",
        "another",
    }
)


class OutputFormat(StrEnum):
    """How a listing command prints: a readable table, JSON, or CSV."""

    table = "table"
    json = "json"
    csv = "csv"


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _cell(value: Any, blank: str = "—") -> str:
    if value is None:
        return blank
    if isinstance(value, Mapping):
        return ", ".join(f"{k} {v}" for k, v in value.items())
    return str(_plain(value))


def emit_rows(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    fmt: OutputFormat,
    *,
    title: str | None = None,
    out: TextIO | None = None,
    wrap: bool = False,
    blank: str = "—",
) -> None:
    """Print rows with the given columns; JSON is a list of objects, CSV has a header line.

    A table keeps each row on one line, cutting long free text with an ellipsis, unless
    `wrap` asks for long text to wrap instead.
    """
    out = out or sys.stdout
    if fmt is OutputFormat.json:
        data = [{c: _plain(row.get(c)) for c in columns} for row in rows]
        out.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    elif fmt is OutputFormat.csv:
        writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: _plain(row.get(c)) for c in columns})
    else:
        console = Console(file=out, soft_wrap=False)
        if not console.is_terminal and "COLUMNS" not in os.environ:
            console.width = 120  # a pipe or file is not an 80-column screen
        table = Table(title=title, box=box.SIMPLE_HEAD, padding=(0, 1), header_style="bold")
        cells = [[_cell(row.get(c), blank) for c in columns] for row in rows]
        headers = [c.replace("_", " ") for c in columns]
        natural = [max([len(h), *(len(line[i]) for line in cells)]) for i, h in enumerate(headers)]
        # Short values keep their full width; free-text columns share what is left.
        cap = 24 if wrap else 22
        fixed = [
            min(n, cap) if c not in WIDE_COLUMNS else 0
            for c, n in zip(columns, natural, strict=True)
        ]
        wide = [c for c in columns if c in WIDE_COLUMNS]
        spare = console.width - sum(fixed) - 3 * len(columns) - 2
        # Free text gets what is left, shared by what each column would take, and never
        # less than a readable width (the table then scrolls rather than crushing it).
        wanted = {c: n for c, n in zip(columns, natural, strict=True) if c in WIDE_COLUMNS}
        total = sum(wanted.values()) or 1
        for column, header, width, want in zip(columns, headers, fixed, natural, strict=True):
            if column in WIDE_COLUMNS:
                share = spare * want // total if len(wide) > 1 else spare
                width = min(want, max(20, share))
            if wrap and column in WIDE_COLUMNS:
                table.add_column(header, overflow="fold", width=width)
            else:
                table.add_column(
                    header, no_wrap=True, overflow="ellipsis", width=width, min_width=min(width, 12)
                )
        for line in cells:
            table.add_row(*line)
        console.print(table)


def emit_json(value: Any, *, out: TextIO | None = None) -> None:
    """Print any JSON value (a list of episodes, a matrix) as `--format json` does."""
    out = out or sys.stdout
    out.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")


def emit_object(
    data: Mapping[str, Any],
    fmt: OutputFormat,
    *,
    title: str | None = None,
    out: TextIO | None = None,
) -> None:
    """Print one record: JSON as one object, CSV as field,value lines, else a two-column table."""
    out = out or sys.stdout
    if fmt is OutputFormat.json:
        out.write(json.dumps(dict(data), ensure_ascii=False, indent=2, default=str) + "\n")
        return
    rows = [{"field": key, "value": _cell(value)} for key, value in data.items()]
    emit_rows(rows, ("field", "value"), fmt, title=title, out=out)
