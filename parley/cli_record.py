"""The commands that read the record across outlets: timeline, episode, contradictions,
positions and export. A thin shell over `parley.consolidate` and `parley.export`;
registered on the main app when `parley.cli` loads."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from parley.case import load_case
from parley.cli import CASE, FormatOption, _date_option, _entity, _plural, _state, app, err
from parley.consolidate import (
    EpisodeSummary,
    contradictions_of,
    episode_summaries,
    filter_episodes,
    latest_stances,
    position_history,
)
from parley.errors import ParleyError, SettingsError
from parley.export import (
    EXPORTS,
    FORMATS,
    columns_of,
    export_records,
    records,
    write_csv,
    write_jsonl,
)
from parley.render import OutputFormat, emit_json, emit_object, emit_rows

__all__: list[str] = []


def _when(summary: EpisodeSummary) -> str:
    if summary.date:
        return f"{summary.date} ({summary.precision})"
    published = summary.first.published
    return f"reported {published}" if published else "undated"


def _status(summary: EpisodeSummary) -> str:
    return f"not {summary.status}" if summary.negated else summary.status


def _timeline_row(summary: EpisodeSummary) -> dict[str, Any]:
    return {
        "id": summary.id,
        "when": _when(summary),
        "type": summary.type,
        "status": _status(summary),
        "parties": ", ".join(summary.party_names),
        "venue": summary.venue,
        "sources": len(summary.sources),
        "outlets": ", ".join(summary.outlets) or None,
        "first report": summary.first.external_id or summary.first.document_id,
        "evidence": summary.first.evidence,
    }


@app.command("timeline")
def timeline_command(
    ctx: typer.Context,
    actor: Annotated[
        str | None, typer.Option(help="Only episodes with this party or person (a name or alias).")
    ] = None,
    type: Annotated[
        str | None, typer.Option("--type", help="Only this type: meeting, call, proposal, …")
    ] = None,
    issue: Annotated[str | None, typer.Option(help="Only episodes about this issue.")] = None,
    since: Annotated[
        str | None, typer.Option("--from", help="Only from this day on (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--to", help="Only up to this day (YYYY-MM-DD).")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """The process in date order: episodes with status, parties, venue, sources, outlets."""
    start, end = _date_option(since, "--from"), _date_option(until, "--to")
    with _state(ctx).store() as store:
        name = str(_entity(store, actor)["name"]) if actor is not None else None
        summaries = filter_episodes(
            episode_summaries(store), actor=name, type=type, issue=issue, since=start, until=end
        )
    if fmt is OutputFormat.json:
        emit_json([s.as_dict() for s in summaries])
        return
    rows = [_timeline_row(s) for s in summaries]
    if fmt is OutputFormat.table:
        for row in rows:
            row["id"] = row["id"][:10]  # a prefix is enough for `parley episode`
    columns = ["id", "when", "type", "status", "parties", "venue", "sources"]
    if fmt is OutputFormat.csv:
        columns = [*columns, "first report", "outlets", "evidence"]
    emit_rows(rows, columns, fmt, title=_plural(len(rows), "episode"), wrap=True)


@app.command("episode")
def episode_command(
    ctx: typer.Context,
    episode_id: Annotated[str, typer.Argument(help="An episode id (ep-…), or a prefix.")],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """One episode: every report with its evidence, outlet and date, and contradictions."""
    with _state(ctx).store() as store:
        found = [s for s in episode_summaries(store) if s.id.startswith(episode_id)]
    if len(found) != 1:
        raise ParleyError(
            f"no episode {episode_id!r} (see parley timeline)"
            if not found
            else f"{episode_id!r} matches {len(found)} episodes; give more of the id"
        )
    summary = found[0]
    located = load_case(CASE).located_in()
    contradictions = contradictions_of(summary, located)
    reports = [
        {
            "document": r.external_id or r.document_id,
            "outlet": r.outlet,
            "published": r.published,
            "status": f"not {r.status}" if r.negated else r.status,
            "date": f"{r.date} ({r.precision})" if r.date else None,
            "venue": r.venue,
            "trigger": r.trigger,
            "evidence": r.evidence,
        }
        for r in summary.reports
    ]
    disagreements = [
        {
            "kind": c.kind,
            "one report": f"{c.says[0]} — {c.first.outlet or c.first.document_id}",
            "another": f"{c.says[1]} — {c.second.outlet or c.second.document_id}",
            "evidence": f"{c.first.evidence}  ||  {c.second.evidence}",
        }
        for c in contradictions
    ]
    if fmt is OutputFormat.json:
        emit_object({**summary.as_dict(), "reports": reports, "contradictions": disagreements}, fmt)
        return
    emit_object(
        {
            "episode": summary.id,
            "type": summary.type,
            "status": _status(summary),
            "when": _when(summary),
            "parties": ", ".join(summary.party_names),
            "people": ", ".join(summary.people) or None,
            "venue": summary.venue,
            "issues": ", ".join(summary.issues) or None,
            "independent sources": len(summary.sources),
            "codes": f"CAMEO {summary.first.cameo}, PLOVER {summary.first.plover}",
        },
        fmt,
        title=f"{summary.type} {summary.id}",
    )
    emit_rows(
        reports,
        ["published", "outlet", "status", "date", "evidence"]
        if fmt is OutputFormat.table
        else ["published", "outlet", "document", "status", "date", "venue", "trigger", "evidence"],
        fmt,
        title=_plural(len(reports), "report"),
        wrap=True,
    )
    if disagreements or fmt is not OutputFormat.table:
        emit_rows(
            disagreements,
            ["kind", "one report", "another"]
            if fmt is OutputFormat.table
            else ["kind", "one report", "another", "evidence"],
            fmt,
            title=_plural(len(disagreements), "contradiction"),
            wrap=True,
        )
    else:
        Console().print("no contradictions between the reports")


@app.command("contradictions")
def contradictions_command(ctx: typer.Context, fmt: FormatOption = OutputFormat.table) -> None:
    """Reports of one episode that disagree: held vs not, dates, venues, counts."""
    located = load_case(CASE).located_in()
    with _state(ctx).store() as store:
        summaries = episode_summaries(store)
    rows = [
        {
            "episode": c.episode_id,
            "type": s.type,
            "kind": c.kind,
            "one report": f"{c.says[0]} ({c.first.outlet or c.first.document_id}, "
            f"{c.first.published})",
            "another": f"{c.says[1]} ({c.second.outlet or c.second.document_id}, "
            f"{c.second.published})",
            "first evidence": c.first.evidence,
            "second evidence": c.second.evidence,
        }
        for s in summaries
        for c in contradictions_of(s, located)
    ]
    columns = ["episode", "type", "kind", "one report", "another"]
    if fmt is not OutputFormat.table:
        columns += ["first evidence", "second evidence"]
    emit_rows(rows, columns, fmt, title=_plural(len(rows), "contradiction"), wrap=True)


@app.command("positions")
def positions_command(
    ctx: typer.Context,
    party: Annotated[str | None, typer.Option(help="Only this party (a name or alias).")] = None,
    issue: Annotated[str | None, typer.Option(help="Only this issue (e.g. territory).")] = None,
    history: Annotated[
        bool, typer.Option("--history", help="Every stance over time, and where it changed.")
    ] = False,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Who wants what: the party × issue matrix of latest stances, or their history."""
    with _state(ctx).store() as store:
        holder = str(_entity(store, party)["name"]) if party is not None else None
        stances = position_history(store, holder=holder, issue=issue)
    if history:
        rows = [
            {
                "party": key[0],
                "issue": key[1],
                "day": s.day,
                "stance": s.stance
                + (" (changed)" if s.changed and fmt is OutputFormat.table else ""),
                "changed": s.changed,
                "speaker": s.speaker,
                "outlet": s.outlet,
                "document": s.document,
                "content": s.content,
                "evidence": s.evidence,
            }
            for key, items in stances.items()
            for s in items
        ]
        columns = ["day", "party", "issue", "stance", "document", "evidence"]
        if fmt is not OutputFormat.table:
            columns += ["changed", "speaker", "outlet", "content"]
        emit_rows(rows, columns, fmt, title=_plural(len(rows), "stance"), wrap=True)
        return
    matrix = latest_stances(stances)
    issues = sorted({i for row in matrix.values() for i in row})
    if fmt is OutputFormat.json:
        emit_json(matrix)
        return
    if fmt is OutputFormat.csv:
        rows = [{"party": holder, **row} for holder, row in sorted(matrix.items())]
        emit_rows(rows, ["party", *issues], fmt)
        return
    # A screen is too narrow for a column per issue: one line of stances per party.
    rows = [
        {
            "party": holder,
            "stances": " · ".join(f"{issue} {row[issue]}" for issue in issues if issue in row),
        }
        for holder, row in sorted(matrix.items())
    ]
    emit_rows(
        rows,
        ["party", "stances"],
        fmt,
        wrap=True,
        title=f"latest stances: {_plural(len(rows), 'party', 'parties')} × "
        f"{_plural(len(issues), 'issue')}",
        blank="",
    )


@app.command("export")
def export_command(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
    what: Annotated[str, typer.Option(help=f"Comma-separated: {','.join(EXPORTS)}.")] = ",".join(
        EXPORTS
    ),
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="A folder for <what>.<format> files (for one kind of record in jsonl or "
            "csv, standard output when left out).",
        ),
    ] = None,
) -> None:
    """Export the record as JSON lines, CSV or Parquet (events carry CAMEO and PLOVER)."""
    kinds = [w.strip() for w in what.split(",") if w.strip()]
    if fmt not in FORMATS:
        raise SettingsError(f"unknown format {fmt!r}: choose {', '.join(FORMATS)}")
    with _state(ctx).store() as store:
        if out is None:
            if len(kinds) != 1 or fmt == "parquet":
                raise SettingsError(
                    "give --out FOLDER to export several kinds of record or Parquet"
                )
            if kinds[0] not in EXPORTS:
                raise SettingsError(f"cannot export {kinds[0]!r}: choose from {', '.join(EXPORTS)}")
            if fmt == "jsonl":
                write_jsonl(records(store, kinds[0]), sys.stdout)
            else:
                write_csv(records(store, kinds[0]), sys.stdout, columns_of(kinds[0]))
            return
        written = export_records(store, kinds, fmt, out)
    for kind, count in written.items():
        err.print(f"{out / f'{kind}.{fmt}'}: {_plural(count, 'record')}")
