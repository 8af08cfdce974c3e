"""The `parley` command: a thin shell over the library's functions.

Exit status: 0 when everything asked was done, 1 when some inputs were skipped, 2 when
the command could not run at all (bad settings, no store).
"""

from __future__ import annotations

import json
import logging
import sys
import tempfile
from dataclasses import asdict
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.markup import escape
from rich.panel import Panel
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from parley import __version__
from parley.errors import ParleyError, SettingsError
from parley.evaluate import LAYERS, EvalReport, evaluate_folder
from parley.ingest import IngestReport, ingest
from parley.readers import ReadOptions, Source
from parley.render import OutputFormat, emit_object, emit_rows
from parley.settings import SETTINGS, Settings, load_settings
from parley.store import Store, open_store

__all__ = ["SAMPLE_DIR", "app", "main"]

SAMPLE_DIR = Path(__file__).parent / "data" / "sample"

app = typer.Typer(
    name="parley",
    help="parley: a sourced record of a peace process, built from news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)
docs_app = typer.Typer(help="List and read stored documents.", no_args_is_help=True)
app.add_typer(docs_app, name="docs")

err = Console(stderr=True)
log = logging.getLogger("parley")

FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Print as a table, JSON or CSV.")
]


class State:
    """What the global options decide for every command."""

    def __init__(self, settings: Settings, verbose: int) -> None:
        self.settings = settings
        self.verbose = verbose

    def store(self, *, create: bool = False) -> Store:
        return open_store(self.settings.db, create=create)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"parley {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            help="The store: a SQLite file or a database URL. [env: PARLEY_DB; default: parley.db]"
        ),
    ] = None,
    config: Annotated[Path | None, typer.Option(help="A parley.toml settings file.")] = None,
    verbose: Annotated[
        int, typer.Option("--verbose", "-v", count=True, help="Say more; -vv for debugging.")
    ] = 0,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    level = logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING
    logging.basicConfig(
        level=level,
        format="%(message)s",
        handlers=[RichHandler(console=err, show_time=False, show_path=verbose > 1, markup=False)],
        force=True,
    )
    # The libraries parley reads with report in their own terms; parley reports each
    # input's problem itself, in one line. Their messages show with -vv.
    for name in ("trafilatura", "htmldate", "courlan", "charset_normalizer", "httpx"):
        logging.getLogger(name).setLevel(logging.DEBUG if verbose > 1 else logging.ERROR)
    ctx.obj = State(load_settings(config=config, db=db), verbose)


def _state(ctx: typer.Context) -> State:
    state = ctx.obj
    assert isinstance(state, State)
    return state


def _parse_fields(pairs: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    allowed = ("text", "title", "url", "published", "outlet", "lang", "id")
    for pair in pairs:
        name, sep, column = pair.partition("=")
        if not sep or name not in allowed or not column:
            raise SettingsError(
                f"--field takes NAME=COLUMN with NAME one of {', '.join(allowed)}; got {pair!r}"
            )
        fields[name] = column
    return fields


@app.command("ingest")
def ingest_command(
    ctx: typer.Context,
    inputs: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files, folders (read recursively), URLs, or - for standard input.",
            show_default=False,
        ),
    ] = None,
    sample: Annotated[
        bool, typer.Option("--sample", help="Also read the sample articles that ship with parley.")
    ] = False,
    include: Annotated[
        str | None,
        typer.Option(help="Comma-separated file patterns read in folders (e.g. '*.jsonl,*.html')."),
    ] = None,
    field: Annotated[
        list[str] | None,
        typer.Option(
            "--field",
            help="Record field name for JSON/CSV, as NAME=COLUMN (e.g. text=body). Repeatable.",
        ),
    ] = None,
    encoding: Annotated[
        str | None, typer.Option(help="Read files in this encoding instead of detecting it.")
    ] = None,
    no_analyze: Annotated[
        bool, typer.Option("--no-analyze", help="Store only; analyze later with parley analyze.")
    ] = False,
    model: Annotated[str | None, typer.Option(help="The spaCy pipeline for the analysis.")] = None,
    workers: Annotated[int, typer.Option(help="Processes for the analysis.", min=1)] = 1,
    input_format: Annotated[
        str | None,
        typer.Option(
            "--input-format",
            help="Treat every input as: text, markdown, html, json, jsonl, csv, feed or warc.",
        ),
    ] = None,
) -> None:
    """Read articles, clean them, link duplicates, and store them."""
    state = _state(ctx)
    inputs = list(inputs or [])
    if sample:
        inputs.append(str(SAMPLE_DIR))
    if not inputs:
        raise SettingsError("nothing to ingest: name files, folders, URLs or -, or use --sample")
    settings = state.settings.replace(include=include)
    formats = ("text", "markdown", "html", "json", "jsonl", "csv", "feed", "warc")
    if input_format is not None and input_format not in formats:
        raise SettingsError(
            f"--input-format must be one of {', '.join(formats)}; got {input_format!r}"
        )
    options = ReadOptions(
        fields=_parse_fields(field or []),
        encoding=encoding,
        max_document_bytes=settings.max_document_bytes,
        fetch_timeout=settings.fetch_timeout,
        format=input_format,
    )
    with state.store(create=True) as store:
        report = _run_ingest(store, inputs, settings, options)
        _print_ingest_summary(report, store.url)
        if not no_analyze:
            _run_analyze(store, settings, model=model, workers=workers, redo=False, case=CASE)
    raise typer.Exit(0 if report.complete else 1)


CASE = "ukraine-russia"


def _show_analysis(store: Store, document: Any, fmt: OutputFormat) -> None:
    """A document's events and positions with their evidence sentences, for checking."""
    if store.analysis_of(document.id) is None:
        raise ParleyError(f"document {document.id} has not been analyzed yet (run parley analyze)")
    text = document.clean_text
    events = []
    for e in store.list_events(document_id=document.id):
        parties = {
            "source": e["source"],
            "target": e["target"],
            "participants": e["participants"],
            "mediators": e["mediators"],
        }
        events.append(
            {
                "type": e["type"],
                "status": e["status"] + (", not" if e["negated"] else ""),
                "negated": e["negated"],
                "parties": "; ".join(
                    f"{role} {', '.join(names)}" for role, names in parties.items() if names
                ),
                **parties,
                "people": e["people"],
                "date": f"{e['date']} ({e['date_precision']})" if e["date"] else None,
                "venue": e["venue"],
                "issues": ", ".join(e["issues"]) or None,
                "trigger": e["trigger"],
                "cameo": e["cameo"],
                "plover": e["plover"],
                "mentions": e["mentions"],
                "evidence": text[e["sentence_start"] : e["sentence_end"]].strip(),
            }
        )
    positions = [
        {
            "holder": p["holder"],
            "issue": p["issue"],
            "stance": p["stance"],
            "content": p["content"],
            "speaker": p["speaker"],
            "date": p["date"],
            "from": p["basis"],
            "evidence": text[p["sentence_start"] : p["sentence_end"]].strip(),
        }
        for p in store.list_positions(document_id=document.id)
    ]
    title = document.title or document.id
    if fmt is OutputFormat.json:
        emit_object({"document": document.id, "events": events, "positions": positions}, fmt)
        return
    if fmt is OutputFormat.csv:
        rows = [{"record": "event", **e} for e in events] + [
            {"record": "position", **p} for p in positions
        ]
        columns = ["record", "type", "status", "parties", "date", "venue", "issues"]
        columns += ["holder", "issue", "stance", "content", "speaker", "evidence"]
        emit_rows(rows, columns, fmt)
        return
    emit_rows(
        events,
        ["type", "status", "parties", "date", "venue", "evidence"],
        fmt,
        title=f"{_plural(len(events), 'event')} in {title}",
        wrap=True,
    )
    emit_rows(
        positions,
        ["holder", "issue", "stance", "speaker", "evidence"],
        fmt,
        title=f"{_plural(len(positions), 'position')} in {title}",
        wrap=True,
    )


@app.command("analyze")
def analyze_command(
    ctx: typer.Context,
    model: Annotated[
        str | None, typer.Option(help="A spaCy pipeline name (default: the small English model).")
    ] = None,
    workers: Annotated[int, typer.Option(help="Processes to run spaCy in.", min=1)] = 1,
    redo: Annotated[
        bool, typer.Option("--redo", help="Analyze again what this version analyzed.")
    ] = False,
    case: Annotated[str, typer.Option(help="The case whose gazetteer links names.")] = CASE,
) -> None:
    """Find actors, places, quotes, events and positions in every original not yet analyzed."""
    state = _state(ctx)
    with state.store() as store:
        _run_analyze(store, state.settings, model=model, workers=workers, redo=redo, case=case)


def _run_analyze(
    store: Store, settings: Settings, *, model: str | None, workers: int, redo: bool, case: str
) -> None:
    from parley.pipeline import analyze

    columns = (
        SpinnerColumn(),
        TextColumn("[bold]analyzing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err) as bar:
        task = bar.add_task("analyzing", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        report = analyze(
            store,
            settings=settings,
            model=model,
            case=case,
            workers=workers,
            redo=redo,
            progress=progress,
        )
    err.print(
        f"analysis run {report.run_id}: {_plural(report.analyzed, 'document')} analyzed"
        f" ({report.gazetteer_only:,} with the gazetteer only, not in English), "
        f"{_plural(report.mentions, 'mention')} of actors and places, {report.linked:,} linked "
        f"to the case gazetteer, {_plural(report.quotes, 'quote')}, "
        f"{_plural(report.events, 'event')}, {_plural(report.positions, 'position')}; "
        f"{_plural(report.episodes, 'event report')} grouped into episodes "
        f"— {escape(report.model)}"
    )


def _run_ingest(
    store: Store, inputs: list[str], settings: Settings, options: ReadOptions
) -> IngestReport:
    columns = (
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[counts]}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=False) as bar:
        task = bar.add_task("reading", total=None, counts="")
        seen = {"documents": 0}

        def progress(event: str, source: Source | None, _size: int) -> None:
            if event == "document":
                seen["documents"] += 1
                bar.update(task, counts=f"{seen['documents']:,} articles read")
            elif event == "source" and source is not None:
                bar.update(task, description=escape(_short(source.name)))
            elif event == "done":
                bar.advance(task)

        report = ingest(store, inputs, settings=settings, options=options, progress=progress)
        bar.update(task, total=report.sources, completed=report.sources, description="done")
    return report


def _short(name: str, width: int = 40) -> str:
    return name if len(name) <= width else "…" + name[-(width - 1) :]


def _print_ingest_summary(report: IngestReport, store_url: str) -> None:
    table = Table.grid(padding=(0, 2))
    table.add_row("added", f"{_plural(report.added, 'new article')}")
    table.add_row(
        "duplicates",
        f"{report.duplicates:,} stored and linked to their original "
        f"({report.exact_duplicates:,} exact, {report.near_duplicates:,} near)",
    )
    table.add_row("already stored", f"{report.already_stored:,} (read before; nothing added)")
    table.add_row("skipped", f"{len(report.skipped):,}")
    err.print(Panel(table, title=f"ingest run {report.run_id}", subtitle=store_url, expand=False))
    for problem in report.skipped:
        err.print(f"[yellow]skipped[/] {escape(str(problem))}", soft_wrap=True)


@docs_app.command("list")
def docs_list(
    ctx: typer.Context,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet (host name).")] = None,
    lang: Annotated[
        str | None, typer.Option(help="Only this language (ISO code, e.g. en).")
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="Published on or after this date (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Published on or before this date (YYYY-MM-DD).")
    ] = None,
    duplicates: Annotated[
        bool | None,
        typer.Option("--duplicates/--originals", help="Only duplicates, or only originals."),
    ] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List stored documents in publication order."""
    with _state(ctx).store() as store:
        rows = store.list_documents(
            outlet=outlet,
            lang=lang,
            since=_date_option(since, "--since"),
            until=_date_option(until, "--until"),
            duplicates=duplicates,
            limit=limit,
        )
    records = [asdict(row) for row in rows]
    columns = ["id", "published", "outlet", "lang", "words", "title", "duplicate_of"]
    if fmt is OutputFormat.table:
        # Ten characters of an id are enough to name it in `parley docs show`.
        for record in records:
            record["id"] = record["id"][:10]
            record["duplicate_of"] = record["duplicate_of"] and record["duplicate_of"][:10]
    else:
        columns += ["external_id", "duplicate_kind", "source"]
    emit_rows(records, columns, fmt, title=_plural(len(rows), "document"))


@docs_app.command("show")
def docs_show(
    ctx: typer.Context,
    ref: Annotated[
        str,
        typer.Argument(
            help="A document id, its input's own id, or an id prefix.", show_default=False
        ),
    ],
    removed: Annotated[
        bool, typer.Option("--removed", help="List the boilerplate cleaning took out.")
    ] = False,
    raw: Annotated[
        bool, typer.Option("--raw", help="Print the raw text as collected, not the clean text.")
    ] = False,
    analysis: Annotated[
        bool,
        typer.Option(
            "--analysis", help="Show the events and positions found, each with its evidence."
        ),
    ] = False,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Show one document: metadata, duplicates, and its text (or, with --analysis, what
    parley found in it)."""
    with _state(ctx).store() as store:
        document = store.get_document(ref)
        if document is None:
            raise ParleyError(f"no document {ref!r} in {store.url} (see parley docs list)")
        copies = store.duplicates_of(document.id)
        if analysis:
            _show_analysis(store, document, fmt)
            return
    meta: dict[str, Any] = {
        "id": document.id,
        "input id": document.external_id,
        "title": document.title,
        "outlet": document.outlet,
        "published": f"{document.published} (from {document.published_from})"
        if document.published
        else None,
        "language": f"{document.lang} ({document.lang_from})" if document.lang else None,
        "url": document.url,
        "source": f"{document.source} ({document.format})",
        "duplicate of": (
            f"{document.duplicate_of} ({document.duplicate_kind}, similarity {document.similarity})"
            if document.duplicate_of
            else None
        ),
        "duplicates": ", ".join(c.id for c in copies) or None,
        "removed": _plural(len(document.removed), "piece") + " of boilerplate (see --removed)",
    }
    if fmt is OutputFormat.json:
        data = asdict(document)
        data["duplicates"] = [c.id for c in copies]
        if not raw:
            data.pop("raw_text")
        emit_object(data, fmt)
        return
    if removed:
        rows = [{"rule": r.rule, "text": r.text} for r in document.removed]
        emit_rows(rows, ("rule", "text"), fmt, title=f"removed from {document.id}")
        return
    if fmt is OutputFormat.csv:
        emit_object({**meta, "text": document.raw_text if raw else document.clean_text}, fmt)
        return
    emit_object({k: v for k, v in meta.items() if v is not None}, fmt)
    out = Console(soft_wrap=True)
    out.print()
    out.print(escape(document.raw_text if raw else document.clean_text), highlight=False)


@app.command("stats")
def stats_command(ctx: typer.Context, fmt: FormatOption = OutputFormat.table) -> None:
    """Counts of the store: documents, duplicates, outlets, languages, date range, runs."""
    with _state(ctx).store() as store:
        emit_object(store.stats(), fmt, title="parley store")


@app.command("runs")
def runs_command(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(help="At most this many, newest first.")] = 20,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """The runs that wrote to the store: command, version, settings hash, counts."""
    with _state(ctx).store() as store:
        rows = store.list_runs(limit=limit)
    records = []
    for row in rows:
        counts = row["counts"] or {}
        records.append(
            {
                "id": row["id"],
                "command": row["command"],
                "started": row["started_at"][:16].replace("T", " ")
                if fmt is OutputFormat.table
                else row["started_at"],
                "status": row["status"],
                "version": row["package_version"],
                "settings": row["settings_hash"][:12],
                "added": counts.get("added"),
                "duplicates": (counts.get("exact_duplicates", 0) + counts.get("near_duplicates", 0))
                if counts
                else None,
                "seen": counts.get("already_stored"),
                "skipped": counts.get("skipped"),
                "inputs": ", ".join(row["inputs"]),
            }
        )
    emit_rows(records, list(records[0]) if records else ["id"], fmt, title="runs, newest first")


@app.command("eval")
def eval_command(
    folder: Annotated[
        Path,
        typer.Argument(help="A folder holding articles.jsonl and gold.jsonl.", show_default=False),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    layer: Annotated[
        str | None,
        typer.Option("--layer", help=f"Only these layers, comma-separated: {', '.join(LAYERS)}."),
    ] = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain", help="List every miss, false alarm and wrong attribute with its evidence."
        ),
    ] = False,
    per_article: Annotated[
        bool, typer.Option("--per-article", help="Add a row per article.")
    ] = False,
    dump: Annotated[
        Path | None,
        typer.Option("--dump", help="Write the system's output in the gold format to this file."),
    ] = None,
    model: Annotated[str | None, typer.Option(help="The spaCy pipeline for the analysis.")] = None,
) -> None:
    """Score parley's extraction against gold annotations (SPEC.md §5)."""
    layers = [name.strip() for name in layer.split(",")] if layer else list(LAYERS)
    unknown = [name for name in layers if name not in LAYERS]
    if unknown:
        raise SettingsError(f"unknown layer {unknown[0]!r}; layers are {', '.join(LAYERS)}")
    columns = (SpinnerColumn(), TextColumn("[bold]analyzing"), BarColumn(), MofNCompleteColumn())
    with (
        tempfile.TemporaryDirectory(prefix="parley-eval-") as workdir,
        Progress(*columns, console=err, transient=True) as bar,
    ):
        task = bar.add_task("analyzing", total=None)
        report, system = evaluate_folder(
            folder,
            layers=layers,
            workdir=Path(workdir),
            model=model,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    if dump is not None:
        try:
            with dump.open("w", encoding="utf-8") as out:
                for item in system:
                    out.write(json.dumps(item, ensure_ascii=False) + "\n")
        except OSError as e:
            raise SettingsError(f"cannot write {dump}: {e.strerror or e}") from e
    if as_json:
        print(json.dumps(report.as_dict(findings=explain), ensure_ascii=False))
        return
    _print_eval(report, per_article=per_article, explain=explain)


def _figure_cells(layer: str, figures: dict[str, Any] | None) -> dict[str, Any]:
    if figures is None:
        return {"layer": layer, "p": "not available"}
    if layer == "mentions":
        return {"layer": layer, "accuracy": _pct(figures["accuracy"]), "n": figures["n"]}
    extra = [
        f"{name.removesuffix('_accuracy')} {_pct(value)}"
        for name, value in figures.items()
        if name.endswith("_accuracy")
    ]
    return {
        "layer": layer,
        "p": _pct(figures["p"]),
        "r": _pct(figures["r"]),
        "f1": _pct(figures["f1"]),
        "tp": figures["tp"],
        "fp": figures["fp"],
        "fn": figures["fn"],
        "accuracy": ", ".join(extra) or None,
    }


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _print_eval(report: EvalReport, *, per_article: bool, explain: bool) -> None:
    columns = ["layer", "p", "r", "f1", "tp", "fp", "fn", "accuracy", "n"]
    figures = report.as_dict()["layers"]
    rows = [_figure_cells(layer, figures[layer]) for layer in report.layers]
    emit_rows(
        rows,
        columns,
        OutputFormat.table,
        title=f"parley eval: {_plural(report.articles, 'article')}",
        blank="",
        wrap=True,
    )
    if per_article:
        article_rows = []
        for article, scores in report.per_article.items():
            for layer, scored in scores.items():
                article_rows.append(
                    {"article": article, **_figure_cells(layer, scored.figures(layer))}
                )
        emit_rows(
            article_rows, ["article", *columns], OutputFormat.table, title="per article", blank=""
        )
    if explain:
        rows = [
            {
                "article": f.article,
                "layer": f.layer,
                "kind": f.kind,
                "item": f.item,
                "evidence": f.evidence,
            }
            for f in report.findings
        ]
        emit_rows(
            rows,
            ["article", "layer", "kind", "item", "evidence"],
            OutputFormat.table,
            title="misses and false alarms",
            wrap=True,
        )


@app.command("actors")
def actors_command(
    ctx: typer.Context,
    kind: Annotated[
        str | None, typer.Option(help="Only this kind: person, organization, state or place.")
    ] = None,
    side: Annotated[str | None, typer.Option(help="Only this side (e.g. Ukraine, Russia).")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Actors and places found in the documents, most mentioned first."""
    with _state(ctx).store() as store:
        rows = store.list_entities(kind=kind, side=side)
    rows = rows[:limit] if limit else rows
    columns = ["name", "kind", "side", "mentions", "documents", "first_seen", "last_seen", "source"]
    if fmt is not OutputFormat.table:
        columns += ["id", "qid"]
    emit_rows(rows, columns, fmt, title=_plural(len(rows), "actor and place", "actors and places"))


@app.command("actor")
def actor_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A name, alias or id.", show_default=False)],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """One actor or place: the forms it was written in, its documents, who appears with it."""
    with _state(ctx).store() as store:
        entity = _entity(store, name)
        surfaces = store.entity_surfaces(entity["id"])
        documents = store.entity_documents(entity["id"])
        together = store.co_occurring(entity["id"])
    if fmt is OutputFormat.json:
        emit_object(
            {**entity, "surfaces": surfaces, "documents": documents, "co_occurring": together}, fmt
        )
        return
    emit_object(
        {
            "name": entity["name"],
            "kind": entity["kind"],
            "side": entity["side"],
            "qid": entity["qid"],
            "source": entity["source"],
            "aliases": ", ".join(entity["aliases"] or []) or None,
        },
        fmt,
        title=entity["name"],
    )
    emit_rows(surfaces, ["text", "count"], fmt, title="written as")
    emit_rows(documents, ["id", "published", "outlet", "mentions", "title"], fmt, title="documents")
    emit_rows(together, ["name", "kind", "documents"], fmt, title="appears with")


class QuoteKind(StrEnum):
    direct = "direct"
    partial = "partial"
    indirect = "indirect"


@app.command("quotes")
def quotes_command(
    ctx: typer.Context,
    speaker: Annotated[
        str | None, typer.Option(help="Only what this actor said (a name, alias or id).")
    ] = None,
    about: Annotated[
        str | None, typer.Option(help="Only quotes whose words name this actor or place.")
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(help="Only statements made (or, undated, published) on or after YYYY-MM-DD."),
    ] = None,
    kind: Annotated[
        QuoteKind | None, typer.Option(help="Only direct, partial or indirect quotes.")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Who said what: quotes and reported speech with speaker, outlet, date and document."""
    since_day = _date_option(since, "--since")
    with _state(ctx).store() as store:
        speaker_ids = about_ids = None
        if speaker is not None:
            speaker_ids = [_entity_id(store, speaker)]
        if about is not None:
            about_ids = [_entity_id(store, about)]
        rows = store.list_quotes(
            speaker_ids=speaker_ids,
            about_ids=about_ids,
            since=since_day,
            kind=kind.value if kind else None,
            limit=limit,
        )
    for row in rows:
        row["document"] = row["external_id"] or row["document_id"]
        # The statement's own date when the article gives one, else its publication date.
        row["day"] = row["date"] or row["published"]
        if row["speaker"] is None and row["speaker_text"]:
            row["speaker"] = f"({row['speaker_text']})"  # named only as "a senior official"
    if fmt is OutputFormat.table:
        columns = ["day", "speaker", "kind", "text", "outlet", "document"]
    else:
        columns = [
            "document",
            "document_id",
            "outlet",
            "published",
            "date",
            "date_precision",
            "speaker",
            "speaker_id",
            "speaker_text",
            "kind",
            "text",
            "cue",
            "addressee",
            "addressee_text",
            "start",
            "end",
            "component",
        ]
    emit_rows(rows, columns, fmt, title=_plural(len(rows), "quote"), wrap=True)


def _entity(store: Store, name: str) -> dict[str, Any]:
    """The actor or place a user named (by name, alias or id), or a one-line error."""
    entity = store.find_entity(name)
    if entity is None:
        raise ParleyError(f"no actor or place called {name!r} in {store.url} (see parley actors)")
    return entity


def _entity_id(store: Store, name: str) -> str:
    return str(_entity(store, name)["id"])


case_app = typer.Typer(help="Case data: gazetteers of actors and places.", no_args_is_help=True)
app.add_typer(case_app, name="case")


@case_app.command("validate")
def case_validate(
    case: Annotated[str, typer.Argument(help="A shipped case's name or a case folder.")] = CASE,
) -> None:
    """Check a case's gazetteer: ids, kinds, QIDs, dates, references, shared aliases."""
    from parley.case import load_case, validate_case

    data = load_case(case)
    problems = validate_case(data)
    for problem in problems:
        err.print(f"[yellow]problem[/] {escape(problem)}", soft_wrap=True)
    err.print(
        f"{data.name}: {_plural(len(data.entries), 'entry', 'entries')}, "
        f"{_plural(len(problems), 'problem')}"
    )
    raise typer.Exit(1 if problems else 0)


@case_app.command("import-wikidata")
def case_import_wikidata(
    export: Annotated[
        Path,
        typer.Argument(
            help="A Wikidata JSON export (dump, JSON lines or EntityData).", show_default=False
        ),
    ],
    out: Annotated[Path, typer.Option("--out", help="The case folder to write.")],
    name: Annotated[
        str | None, typer.Option(help="The case's name (default: the folder's).")
    ] = None,
    title: Annotated[str | None, typer.Option(help="The case's title.")] = None,
    languages: Annotated[
        str, typer.Option(help="Comma-separated label and alias languages.")
    ] = "en,uk,ru,fr,de",
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace an existing gazetteer.")
    ] = False,
) -> None:
    """Build a case gazetteer from a Wikidata export: labels, aliases, kinds, positions held."""
    from parley.case import load_case, validate_case
    from parley.wikidata import import_wikidata, write_gazetteer

    result = import_wikidata(
        export, languages=[x.strip() for x in languages.split(",") if x.strip()]
    )
    written = write_gazetteer(
        result, out, name=name or out.name, title=title or name or out.name, overwrite=overwrite
    )
    for qid, reason in result.skipped:
        err.print(f"[yellow]skipped[/] {escape(qid)}: {escape(reason)}", soft_wrap=True)
    for warning in result.warnings:
        err.print(f"[yellow]warning[/] {escape(warning)}", soft_wrap=True)
    problems = validate_case(load_case(out))
    err.print(
        f"{written}: {_plural(len(result.records), 'entry', 'entries')}, "
        f"{len(result.skipped):,} skipped, {_plural(len(problems), 'validation problem')}"
    )


@app.command("settings")
def settings_command(ctx: typer.Context, fmt: FormatOption = OutputFormat.table) -> None:
    """Every setting: its value now, its environment variable, and what it does."""
    current = asdict(_state(ctx).settings)
    rows = [
        {
            "name": name,
            "value": current[name],
            "default": default,
            "env": f"PARLEY_{name.upper()}",
            "help": text,
        }
        for name, default, text in SETTINGS
    ]
    emit_rows(rows, ["name", "value", "env", "help"], fmt, title="settings", wrap=True)


def _plural(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def _date_option(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise SettingsError(f"{name} takes a date as YYYY-MM-DD; got {value!r}") from e


def main() -> None:
    """Run the CLI; a user's mistake prints one line, never a traceback (unless -vv)."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("[red]stopped[/]: interrupted; what was stored so far is kept, rerun to finish.")
        sys.exit(130)
    except ParleyError as e:
        if log.isEnabledFor(logging.DEBUG):
            err.print_exception()
        err.print(f"[red]error[/]: {escape(str(e))}", soft_wrap=True)
        sys.exit(2)


# The record-across-outlets commands (timeline, episode, contradictions, positions,
# export) live in their own module and register themselves on `app`.
from parley import cli_record  # noqa: E402, F401  (registers commands; must follow `app`)
