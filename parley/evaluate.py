"""Score extraction against gold annotations, exactly as SPEC.md §5 says.

Both sides are in the gold format: one object per article with `id`, `actors`,
`places`, `mentions`, `quotes`, `events` and `positions`. The system side is what
`parley eval --dump` writes, so any scorer can score it and this one can score any
system. A layer the system does not produce (its key absent from every system article)
is "not available", never a zero.

Rules, per SPEC.md §5:
- Items are matched one-to-one (an optimal assignment, not first-come).
- Text comparison folds case, punctuation, and straight/curly quotes and apostrophes.
- A gold name matches a system name when it is the name or one of its aliases (aliases
  come from the system's entity lists and from the case gazetteer, when given).
- An optional gold item is neither a miss when absent nor a false alarm when found;
  attribute accuracies (speaker, status, venue, date) count matched required items only.
- Mentions: a gold surface form is right when the system links that surface (or a
  mention containing it as whole words) to the gold entity; a surface linked to several
  entities counts when one of them is right.
"""

from __future__ import annotations

import dataclasses
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from parley.errors import InputError

__all__ = [
    "LAYERS",
    "EvalReport",
    "Finding",
    "LayerScore",
    "Names",
    "dates_agree",
    "fold",
    "load_gold",
    "score",
]

LAYERS = (
    "actors",
    "places",
    "mentions",
    "quotes_direct",
    "quotes_indirect",
    "events",
    "positions",
)
# The gold-format key each layer reads.
LAYER_KEYS = {
    "actors": "actors",
    "places": "places",
    "mentions": "mentions",
    "quotes_direct": "quotes",
    "quotes_indirect": "quotes",
    "events": "events",
    "positions": "positions",
}
PRECISIONS = ("day", "week", "month", "year")
_PARTY_ROLES = ("source", "target", "participants", "mediators")
_QUOTE_CHARS = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})


def fold(text: str | None) -> str:
    """Case-, punctuation- and quote-insensitive form of a text, for comparison."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_CHARS).casefold()
    return " ".join(re.findall(r"\w+", text))


def _tokens(text: str | None) -> list[str]:
    return fold(text).split()


# ---------------------------------------------------------------------------- names


class Names:
    """Which names denote the same entity: canonical names with their aliases.

    Built from the system's entity lists (each `{"name", "aliases"}`) and, when given, a
    gazetteer's alias table; two names are the same when one is an alias of the other.
    """

    def __init__(self) -> None:
        self._groups: dict[str, set[str]] = defaultdict(set)

    def add(self, name: str, aliases: Iterable[str] = ()) -> None:
        key = fold(name)
        group = self._groups[key]
        group.add(key)
        for alias in aliases:
            folded = fold(alias)
            if folded:
                group.add(folded)

    def same(self, gold: str | None, system: str | None) -> bool:
        if not gold or not system:
            return False
        a, b = fold(gold), fold(system)
        return a == b or a in self._groups.get(b, ()) or b in self._groups.get(a, ())

    def forms(self, name: str) -> set[str]:
        key = fold(name)
        return {key} | self._groups.get(key, set())


# ---------------------------------------------------------------------------- dates


def _parse_gold_date(value: str | None, precision: str | None) -> tuple[date, str] | None:
    if not value:
        return None
    parts = str(value).split("-")
    try:
        if len(parts) == 1:
            return date(int(parts[0]), 1, 1), "year"
        if len(parts) == 2:
            day = date(int(parts[0]), int(parts[1]), 1)
            return day, precision if precision in ("month", "year") else "month"
        day = date(int(parts[0]), int(parts[1]), int(parts[2][:2]))
    except ValueError:
        return None
    return day, precision if precision in PRECISIONS else "day"


def _truncate(day: date, precision: str) -> tuple[int, ...]:
    if precision == "year":
        return (day.year,)
    if precision == "month":
        return (day.year, day.month)
    if precision == "week":
        iso = day.isocalendar()
        return (iso.year, iso.week)
    return (day.year, day.month, day.day)


def dates_agree(
    first: str | None, first_precision: str | None, second: str | None, second_precision: str | None
) -> bool | None:
    """Whether two dates agree within the coarser of their precisions; None if one is missing."""
    a = _parse_gold_date(first, first_precision)
    b = _parse_gold_date(second, second_precision)
    if a is None or b is None:
        return None
    coarser = max(a[1], b[1], key=PRECISIONS.index)
    return _truncate(a[0], coarser) == _truncate(b[0], coarser)


# ---------------------------------------------------------------------------- results


@dataclass
class Finding:
    """One miss or false alarm, for --explain."""

    article: str
    layer: str
    kind: str  # "miss" | "false alarm" | "wrong link" | "wrong speaker" | ...
    item: str
    evidence: str | None = None


@dataclass
class LayerScore:
    """Counts of one layer, summed over articles."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    correct: int = 0  # mentions: right links
    total: int = 0  # mentions: gold surface forms
    attributes: dict[str, list[int]] = field(default_factory=dict)  # name -> [right, counted]

    def add(self, other: LayerScore) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        self.correct += other.correct
        self.total += other.total
        for name, (right, counted) in other.attributes.items():
            mine = self.attributes.setdefault(name, [0, 0])
            mine[0] += right
            mine[1] += counted

    def attribute(self, name: str, right: bool) -> None:
        counts = self.attributes.setdefault(name, [0, 0])
        counts[0] += int(right)
        counts[1] += 1

    def figures(self, layer: str) -> dict[str, Any]:
        if layer == "mentions":
            return {"accuracy": _ratio(self.correct, self.total), "n": self.total}
        # Nothing predicted against a non-empty gold is precision 0, not "undefined"; a
        # layer with nothing on either side has no figures at all.
        p = _ratio(self.tp, self.tp + self.fp) if self.tp + self.fp else (0.0 if self.fn else None)
        r = _ratio(self.tp, self.tp + self.fn) if self.tp + self.fn else (0.0 if self.fp else None)
        if p is None and r is None:
            f1 = None
        elif not p or not r:
            f1 = 0.0
        else:
            f1 = 2 * p * r / (p + r)
        result: dict[str, Any] = {
            "p": _round(p),
            "r": _round(r),
            "f1": _round(f1),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }
        for name, (right, counted) in sorted(self.attributes.items()):
            result[f"{name}_accuracy"] = _ratio(right, counted)
        return result


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


@dataclass
class EvalReport:
    """Scores of every available layer, per article and in all, with the findings."""

    articles: int
    layers: dict[str, LayerScore | None]
    per_article: dict[str, dict[str, LayerScore]]
    findings: list[Finding]

    def as_dict(self, *, findings: bool = False) -> dict[str, Any]:
        """The JSON object `parley eval --json` prints; unavailable layers are null; with
        `findings`, every miss and false alarm too (`--json --explain`)."""
        result: dict[str, Any] = {
            "articles": self.articles,
            "layers": {
                layer: (None if scored is None else scored.figures(layer))
                for layer, scored in self.layers.items()
            },
        }
        if findings:
            result["findings"] = [dataclasses.asdict(f) for f in self.findings]
        return result


# ---------------------------------------------------------------------------- matching


def _match(
    gold: Sequence[Mapping[str, Any]],
    system: Sequence[Mapping[str, Any]],
    compatible: Callable[[Mapping[str, Any], Mapping[str, Any]], float | None],
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """One-to-one matching that maximizes required matches first, then their quality.

    `compatible(gold, system)` returns None when the pair cannot match, else a quality in
    [0, 1]. Returns (pairs, unmatched gold indexes, unmatched system indexes).
    """
    if not gold or not system:
        return [], list(range(len(gold))), list(range(len(system)))
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    weights = np.zeros((len(gold), len(system)))
    for i, g in enumerate(gold):
        base = 1.0 if g.get("optional") else 100.0  # a required match always outweighs
        for j, s in enumerate(system):
            quality = compatible(g, s)
            if quality is not None:
                weights[i, j] = base + 0.5 * quality
    rows, cols = linear_sum_assignment(weights, maximize=True)
    pairs = [(int(i), int(j)) for i, j in zip(rows, cols, strict=True) if weights[i, j] > 0]
    used_gold = {i for i, _ in pairs}
    used_system = {j for _, j in pairs}
    return (
        pairs,
        [i for i in range(len(gold)) if i not in used_gold],
        [j for j in range(len(system)) if j not in used_system],
    )


def _count(
    layer: str,
    article: str,
    gold: Sequence[Mapping[str, Any]],
    system: Sequence[Mapping[str, Any]],
    pairs: list[tuple[int, int]],
    missed: list[int],
    extra: list[int],
    describe: Callable[[Mapping[str, Any]], str],
    findings: list[Finding],
) -> LayerScore:
    result = LayerScore()
    result.tp = sum(1 for i, _ in pairs if not gold[i].get("optional"))
    for i in missed:
        if not gold[i].get("optional"):
            result.fn += 1
            findings.append(Finding(article, layer, "miss", describe(gold[i]), gold[i].get("note")))
    for j in extra:
        result.fp += 1
        findings.append(
            Finding(article, layer, "false alarm", describe(system[j]), system[j].get("evidence"))
        )
    return result


def _as_item(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, Mapping) else {"name": value}


# ---------------------------------------------------------------------------- layers


def _score_entities(
    layer: str,
    article: str,
    gold_items: list[Any],
    system_items: list[Any],
    findings: list[Finding],
) -> LayerScore:
    gold = [_as_item(item) for item in gold_items]
    system = [_as_item(item) for item in system_items]

    def compatible(g: Mapping[str, Any], s: Mapping[str, Any]) -> float | None:
        forms = {fold(s.get("name"))} | {fold(a) for a in s.get("aliases") or []}
        return 1.0 if fold(g.get("name")) in forms else None

    pairs, missed, extra = _match(gold, system, compatible)
    return _count(
        layer, article, gold, system, pairs, missed, extra, lambda x: str(x.get("name")), findings
    )


def _score_mentions(
    article: str,
    gold: list[Mapping[str, Any]],
    system: list[Mapping[str, Any]],
    names: Names,
    findings: list[Finding],
) -> LayerScore:
    linked: dict[str, set[str]] = defaultdict(set)
    for mention in system:
        if mention.get("name"):
            linked[fold(mention.get("surface"))].add(str(mention["name"]))
    result = LayerScore()
    for mention in gold:
        if mention.get("optional"):
            continue
        result.total += 1
        surface = fold(mention.get("surface"))
        candidates = linked.get(surface, set())
        if not candidates and surface:
            # A longer mention holding the surface as whole words ("Oleh Sinegubov" for
            # "Sinegubov") links it too.
            candidates = {
                name
                for text, names in linked.items()
                if f" {surface} " in f" {text} "
                for name in names
            }
        if any(names.same(mention.get("name"), name) for name in candidates):
            result.correct += 1
        else:
            got = ", ".join(sorted(candidates)) or "not linked"
            findings.append(
                Finding(
                    article,
                    "mentions",
                    "wrong link",
                    f"{mention.get('surface')!r} → {mention.get('name')} (system: {got})",
                )
            )
    return result


def _quote_overlap(gold: Mapping[str, Any], system: Mapping[str, Any]) -> float | None:
    a, b = _tokens(gold.get("text")), _tokens(system.get("text"))
    if not a or not b:
        return None
    shared = sum((Counter(a) & Counter(b)).values())
    if shared / min(len(a), len(b)) < 0.5:
        return None
    # Among the quotes that qualify, the one closest in length is the better match: a
    # two-word fragment inside a long gold quote qualifies, the whole quote fits better.
    return shared / max(len(a), len(b))


def _score_quotes(
    layer: str,
    article: str,
    gold_all: list[Mapping[str, Any]],
    system_all: list[Mapping[str, Any]],
    names: Names,
    findings: list[Finding],
) -> LayerScore:
    kinds = ("direct", "partial") if layer == "quotes_direct" else ("indirect",)
    gold = [q for q in gold_all if q.get("kind") in kinds]
    system = [q for q in system_all if q.get("kind") in kinds]
    pairs, missed, extra = _match(gold, system, _quote_overlap)

    def describe(q: Mapping[str, Any]) -> str:
        return f"{q.get('speaker') or 'unknown speaker'}: “{_short(q.get('text'))}”"

    result = _count(layer, article, gold, system, pairs, missed, extra, describe, findings)
    for i, j in pairs:
        if gold[i].get("optional") or gold[i].get("speaker") is None:
            continue
        right = names.same(gold[i]["speaker"], system[j].get("speaker"))
        result.attribute("speaker", right)
        if not right:
            findings.append(
                Finding(
                    article,
                    layer,
                    "wrong speaker",
                    f"{describe(gold[i])} (system: {system[j].get('speaker') or 'none'})",
                    system[j].get("evidence"),
                )
            )
    return result


def _parties(event: Mapping[str, Any]) -> list[str]:
    return [str(p) for role in _PARTY_ROLES for p in event.get(role) or []]


def _venue_right(
    gold: str | None, system: str | None, names: Names, located_in: Mapping[str, str]
) -> bool:
    if not gold:
        return not system
    if not system:
        return False
    if names.same(gold, system):
        return True

    def chain(place: str) -> list[str]:
        seen, current = [], fold(place)
        while current and current not in seen:
            seen.append(current)
            current = fold(located_in.get(current))
        return seen

    return any(names.same(gold, p) for p in chain(system)) or any(
        names.same(p, system) for p in chain(gold)
    )


def _score_events(
    article: str,
    gold: list[Mapping[str, Any]],
    system: list[Mapping[str, Any]],
    names: Names,
    located_in: Mapping[str, str],
    findings: list[Finding],
) -> LayerScore:
    def compatible(g: Mapping[str, Any], s: Mapping[str, Any]) -> float | None:
        if g.get("type") != s.get("type"):
            return None
        gp, sp = _parties(g), _parties(s)
        if (gp or sp) and not any(names.same(a, b) for a in gp for b in sp):
            return None
        agree = dates_agree(g.get("date"), g.get("precision"), s.get("date"), s.get("precision"))
        if agree is False:
            return None
        return 0.5 * (g.get("status") == s.get("status")) + 0.5 * bool(agree)

    def describe(e: Mapping[str, Any]) -> str:
        parties = ", ".join(dict.fromkeys(_parties(e))) or "no parties"
        when = f" {e.get('date')}" if e.get("date") else ""
        return f"{e.get('type')} [{e.get('status')}] {parties}{when}"

    pairs, missed, extra = _match(gold, system, compatible)
    result = _count("events", article, gold, system, pairs, missed, extra, describe, findings)
    for i, j in pairs:
        g, s = gold[i], system[j]
        if g.get("optional"):
            continue
        status_right = g.get("status") == s.get("status") and bool(g.get("negated")) == bool(
            s.get("negated")
        )
        result.attribute("status", status_right)
        if not status_right:
            findings.append(
                Finding(
                    article,
                    "events",
                    "wrong status",
                    f"{describe(g)} (system: {s.get('status')}"
                    f"{', negated' if s.get('negated') else ''})",
                    s.get("evidence"),
                )
            )
        venue_right = _venue_right(g.get("venue"), s.get("venue"), names, located_in)
        result.attribute("venue", venue_right)
        if not venue_right:
            findings.append(
                Finding(
                    article,
                    "events",
                    "wrong venue",
                    f"{describe(g)} at {g.get('venue') or 'no venue'} "
                    f"(system: {s.get('venue') or 'no venue'})",
                    s.get("evidence"),
                )
            )
        if g.get("date"):
            date_right = bool(
                dates_agree(g.get("date"), g.get("precision"), s.get("date"), s.get("precision"))
            )
            result.attribute("date", date_right)
            if not date_right:
                findings.append(
                    Finding(
                        article,
                        "events",
                        "wrong date",
                        f"{describe(g)} ({g.get('precision') or 'day'}; system: "
                        f"{s.get('date') or 'no date'} {s.get('precision') or ''})".rstrip(),
                        s.get("evidence"),
                    )
                )
    return result


def _score_positions(
    article: str,
    gold: list[Mapping[str, Any]],
    system: list[Mapping[str, Any]],
    names: Names,
    findings: list[Finding],
) -> LayerScore:
    def compatible(g: Mapping[str, Any], s: Mapping[str, Any]) -> float | None:
        same = (
            g.get("issue") == s.get("issue")
            and g.get("stance") == s.get("stance")
            and names.same(g.get("holder"), s.get("holder"))
        )
        return 1.0 if same else None

    def describe(p: Mapping[str, Any]) -> str:
        return f"{p.get('holder')} {p.get('stance')} {p.get('issue')}: {_short(p.get('content'))}"

    pairs, missed, extra = _match(gold, system, compatible)
    return _count("positions", article, gold, system, pairs, missed, extra, describe, findings)


def _short(value: Any, width: int = 90) -> str:
    text = str(value or "")
    return text if len(text) <= width else text[: width - 1] + "…"


# ---------------------------------------------------------------------------- scoring


def score(
    gold: Mapping[str, Mapping[str, Any]],
    system: Mapping[str, Mapping[str, Any]],
    *,
    layers: Iterable[str] = LAYERS,
    aliases: Mapping[str, Iterable[str]] | None = None,
    located_in: Mapping[str, str] | None = None,
) -> EvalReport:
    """Score system output against gold, both as {article id: gold-format object}.

    Args:
        gold: the gold annotations by article id.
        system: the system's output by article id; a layer whose key no article has is
            not available.
        layers: the layers to score.
        aliases: extra canonical name → aliases (a case gazetteer), beside the system's
            own entity aliases.
        located_in: place → the place it lies within, for venue accuracy.
    """
    wanted = [layer for layer in LAYERS if layer in set(layers)]
    names = Names()
    for name, forms in (aliases or {}).items():
        names.add(name, forms)
    for article in system.values():
        for key in ("actors", "places"):
            for entity in article.get(key) or []:
                item = _as_item(entity)
                names.add(str(item.get("name")), item.get("aliases") or [])
    located = {fold(k): v for k, v in (located_in or {}).items()}

    available = {
        layer
        for layer in wanted
        if any(LAYER_KEYS[layer] in article for article in system.values())
    }
    totals: dict[str, LayerScore | None] = {
        layer: (LayerScore() if layer in available else None) for layer in wanted
    }
    per_article: dict[str, dict[str, LayerScore]] = {}
    findings: list[Finding] = []
    for article_id, gold_article in gold.items():
        produced = system.get(article_id, {})
        scores: dict[str, LayerScore] = {}
        for layer in wanted:
            if layer not in available:
                continue
            key = LAYER_KEYS[layer]
            g_items = list(gold_article.get(key) or [])
            s_items = list(produced.get(key) or [])
            if layer in ("actors", "places"):
                result = _score_entities(layer, article_id, g_items, s_items, findings)
            elif layer == "mentions":
                result = _score_mentions(article_id, g_items, s_items, names, findings)
            elif layer.startswith("quotes"):
                result = _score_quotes(layer, article_id, g_items, s_items, names, findings)
            elif layer == "events":
                result = _score_events(article_id, g_items, s_items, names, located, findings)
            else:
                result = _score_positions(article_id, g_items, s_items, names, findings)
            scores[layer] = result
            total = totals[layer]
            assert total is not None
            total.add(result)
        per_article[article_id] = scores
    return EvalReport(len(gold), totals, per_article, findings)


def load_gold(path: Path) -> dict[str, dict[str, Any]]:
    """Read a gold (or dumped system) JSON-lines file into {article id: object}."""
    articles: dict[str, dict[str, Any]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise InputError(str(path), f"cannot read ({e.strerror or e})") from e
    except UnicodeDecodeError as e:
        raise InputError(str(path), "not valid UTF-8") from e
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(str(path), f"malformed JSON ({e.msg})", line=number) from e
        if not isinstance(record, dict) or not record.get("id"):
            raise InputError(str(path), "not an object with an id", line=number)
        articles[str(record["id"])] = record
    return articles


# ---------------------------------------------------------------------------- running


def system_output(store: Any, document: Any) -> dict[str, Any]:
    """A stored document's analysis in the gold format, keyed by the input's own id.

    Every layer appears once the document is analyzed (actors, places, mentions, quotes,
    events, positions); before that only the id, so every layer is "not available".
    """
    output: dict[str, Any] = {"id": document.external_id or document.id}
    if store.analysis_of(document.id) is None:
        return output
    found = store.document_mentions(document.id)
    for role, key in (("actor", "actors"), ("place", "places")):
        entities: dict[str, dict[str, Any]] = {}
        for mention in found:
            if mention["role"] == role and mention["entity_id"] not in entities:
                entities[mention["entity_id"]] = {
                    "name": mention["name"],
                    "aliases": list(mention["aliases"] or []),
                    "qid": mention["qid"],
                }
        output[key] = list(entities.values())
    output["mentions"] = [
        {"surface": m["text"], "name": m["name"], "start": m["start"], "end": m["end"]}
        for m in found
    ]
    output["quotes"] = [
        {
            "speaker": q["speaker"],
            "text": q["text"],
            "kind": q["kind"],
            "cue": q["cue"],
            "addressee": q["addressee"] or q["addressee_text"],
            "date": q["date"],
            "precision": q["date_precision"],
            "start": q["start"],
            "end": q["end"],
            "evidence": document.clean_text[q["sentence_start"] : q["sentence_end"]],
        }
        for q in store.list_quotes(document_id=document.id)
    ]
    output["events"] = [
        {
            "type": e["type"],
            "status": e["status"],
            "negated": e["negated"],
            "source": e["source"],
            "target": e["target"],
            "participants": e["participants"],
            "mediators": e["mediators"],
            "people": e["people"],
            "venue": e["venue"],
            "date": e["date"],
            "precision": e["date_precision"],
            "issues": e["issues"],
            "trigger": e["trigger"],
            "cameo": e["cameo"],
            "plover": e["plover"],
            "evidence": document.clean_text[e["sentence_start"] : e["sentence_end"]],
        }
        for e in store.list_events(document_id=document.id)
    ]
    output["positions"] = [
        {
            "holder": p["holder"],
            "issue": p["issue"],
            "stance": p["stance"],
            "content": p["content"],
            "speaker": p["speaker"],
            "date": p["date"],
            "evidence": document.clean_text[p["sentence_start"] : p["sentence_end"]],
        }
        for p in store.list_positions(document_id=document.id)
    ]
    return output


def evaluate_folder(
    folder: Path,
    *,
    layers: Iterable[str] = LAYERS,
    workdir: Path,
    model: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[EvalReport, list[dict[str, Any]]]:
    """Ingest `folder/articles.jsonl` into a new store in `workdir`, analyze it, and score
    it against `folder/gold.jsonl`. Returns the report and the system output."""
    from parley.case import load_case
    from parley.ingest import ingest
    from parley.pipeline import analyze
    from parley.settings import Settings
    from parley.store import open_store

    articles, gold_path = folder / "articles.jsonl", folder / "gold.jsonl"
    for needed in (articles, gold_path):
        if not needed.is_file():
            raise InputError(
                str(folder),
                f"no {needed.name} here (an eval folder holds articles.jsonl and gold.jsonl)",
            )
    gold = load_gold(gold_path)
    settings = Settings(db=str(workdir / "eval.db"))
    with open_store(settings.db) as store:
        report = ingest(store, [str(articles)], settings=settings)
        if report.skipped:
            raise InputError(
                str(articles),
                f"{len(report.skipped)} articles could not be read: {report.skipped[0]}",
            )
        # Every article is analyzed and scored, duplicates too: each has its own gold.
        analyze(store, settings=settings, model=model, duplicates=True, progress=progress)
        system = [
            system_output(store, document)
            for document in store.iter_documents(originals_only=False)
        ]
    by_id = {str(item["id"]): item for item in system}
    case = load_case()
    missing = sorted(set(gold) - set(by_id))
    if missing:
        raise InputError(
            str(gold_path), f"gold articles missing from articles.jsonl: {', '.join(missing[:5])}"
        )
    return score(
        gold, by_id, layers=layers, aliases=case.aliases(), located_in=case.located_in()
    ), system
