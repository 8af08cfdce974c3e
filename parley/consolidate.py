"""The record across outlets: episodes, corroboration, contradictions, position histories.

One article tells one outlet's version; an **episode** is the real event several reports
tell of. `update_episodes(store)` assigns every event record not yet in an episode, in
the order the reports were published, to the episode it matches (same type, shared
parties, dates within three days of each other at their precision, venues one within
the other or, when they differ, the same day; acts and agreements also on a common issue)
or to a new one. It is incremental: what
is assigned stays assigned, so an episode keeps its id as documents arrive and across
reruns; an episode's id is derived from the first report that founded it.

Read functions summarize an episode from its reports (`episode_summaries`): its status
(the latest report's, unless one says it took place), its most precise date, every
party, the most specific venue, every report with its outlet, the first appearance, and
the number of independent sources (a near-duplicate counts with its original). They also
find **contradictions** between reports of one episode (held vs not held, different
dates, different venues, different counts) and build **position histories** (the stances
of a party on an issue over time, and where they changed).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from parley.case import nested_places, place_depth
from parley.store import Store
from parley.store.schema import documents, episode_members, episodes, events, positions

__all__ = [
    "EPISODE_FIELDS",
    "Contradiction",
    "EpisodeSummary",
    "Report",
    "contradictions_of",
    "episode_summaries",
    "position_history",
    "update_episodes",
]

_PRECISION_DAYS = {"day": 1, "week": 7, "month": 31, "year": 366}
# Events that take days and are reported for days: a few days of leeway between reports.
_GATHERING_TYPES = frozenset({"meeting", "call", "exchange", "ceasefire"})
_ROLES = ("source", "target", "participants", "mediators")
_COUNT = re.compile(
    r"\b(\d[\d,]*)\s+(?:more\s+)?(?:\w+\s+)?(prisoners?|pows?|captives?|soldiers|servicemen|"
    r"bodies|people|civilians|detainees)\b",
    re.I,
)


@dataclass(frozen=True)
class Report:
    """One event record as one document reports it."""

    document_id: str
    external_id: str | None
    outlet: str | None
    published: dt.date | None
    original: str  # the document itself, or the original it duplicates
    type: str
    status: str
    negated: bool
    start: int
    parties: dict[str, list[str]]
    people: list[str]
    venue: str | None
    date: str | None
    precision: str | None
    issues: list[str]
    trigger: str
    evidence: str
    cameo: str | None
    plover: str | None

    @property
    def all_parties(self) -> set[str]:
        return {name for role in _ROLES for name in self.parties.get(role, [])}

    @property
    def when(self) -> tuple[dt.date, int] | None:
        """The day the report puts the event on and how many days that day stands for."""
        if self.date:
            return dt.date.fromisoformat(self.date), _PRECISION_DAYS.get(self.precision or "", 366)
        return None

    @property
    def count(self) -> int | None:
        """How many people an exchange report says changed hands, if it says."""
        found = _COUNT.search(self.evidence)
        return int(found.group(1).replace(",", "")) if found else None


@dataclass
class EpisodeSummary:
    """An episode as its reports tell it."""

    id: str
    type: str
    status: str
    negated: bool
    date: str | None
    precision: str | None
    parties: dict[str, list[str]]
    people: list[str]
    venue: str | None
    issues: list[str]
    reports: list[Report] = field(default_factory=list)
    # Near-duplicates of the reporting documents: (document id, outlet). They repeat a
    # report, so they add an outlet but no independent source.
    copies: list[tuple[str, str | None]] = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        """The independent documents: originals, each counted once."""
        return list(dict.fromkeys(r.original for r in self.reports))

    @property
    def outlets(self) -> list[str]:
        """Every outlet that carried a report, copies included."""
        found = [r.outlet for r in self.reports] + [outlet for _, outlet in self.copies]
        return list(dict.fromkeys(o for o in found if o))

    @property
    def first(self) -> Report:
        return self.reports[0]

    @property
    def party_names(self) -> list[str]:
        return list(dict.fromkeys(n for role in _ROLES for n in self.parties.get(role, [])))

    def as_dict(self) -> dict[str, Any]:
        """The JSON form `parley timeline --format json` prints."""
        return {
            "id": self.id,
            "type": self.type,
            "status": self.status,
            "negated": self.negated,
            "date": self.date,
            "precision": self.precision,
            "parties": self.party_names,
            **{role: self.parties.get(role, []) for role in _ROLES},
            "people": self.people,
            "venue": self.venue,
            "issues": self.issues,
            "sources": self.sources,
            "independent_sources": len(self.sources),
            "copies": [document for document, _ in self.copies],
            "outlets": self.outlets,
            "first_report": {
                "document": self.first.external_id or self.first.document_id,
                "outlet": self.first.outlet,
                "published": self.first.published.isoformat() if self.first.published else None,
            },
            "cameo": self.first.cameo,
            "plover": self.first.plover,
        }


# The fields of an episode's JSON form, in order (`EpisodeSummary.as_dict`).
EPISODE_FIELDS = (
    "id",
    "type",
    "status",
    "negated",
    "date",
    "precision",
    "parties",
    "source",
    "target",
    "participants",
    "mediators",
    "people",
    "venue",
    "issues",
    "sources",
    "independent_sources",
    "copies",
    "outlets",
    "first_report",
    "cameo",
    "plover",
)


@dataclass(frozen=True)
class Contradiction:
    """Two reports of one episode that disagree, with both sides' evidence."""

    episode_id: str
    kind: str  # status | date | venue | count
    first: Report
    second: Report
    says: tuple[str, str]


# ------------------------------------------------------------------------- reading


def _reports(store: Store) -> list[Report]:
    """Every event record with its document's metadata, in publication order."""
    e, d = events.c, documents.c
    query = (
        sa.select(
            e.document_id,
            e.type,
            e.status,
            e.negated,
            e.start,
            e.sentence_start,
            e.sentence_end,
            e.source,
            e.target,
            e.participants,
            e.mediators,
            e.people,
            e.venue,
            e.date,
            e.date_precision,
            e.issues,
            e.trigger,
            e.cameo,
            e.plover,
            d.external_id,
            d.outlet,
            d.published,
            d.duplicate_of,
            # Only the evidence sentence, not the whole article for every event.
            sa.func.substr(
                d.clean_text, e.sentence_start + 1, e.sentence_end - e.sentence_start
            ).label("evidence"),
            d.ingested_at,
        )
        .join(documents, d.id == e.document_id)
        .order_by(d.published, d.ingested_at, e.document_id, e.start)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    found = [
        Report(
            document_id=row["document_id"],
            external_id=row["external_id"],
            outlet=row["outlet"],
            published=row["published"],
            original=row["duplicate_of"] or row["document_id"],
            type=row["type"],
            status=row["status"],
            negated=bool(row["negated"]),
            start=row["start"],
            parties={role: list(row[role] or []) for role in _ROLES},
            people=list(row["people"] or []),
            venue=row["venue"],
            date=row["date"],
            precision=row["date_precision"],
            issues=list(row["issues"] or []),
            trigger=row["trigger"],
            evidence=(row["evidence"] or "").strip(),
            cameo=row["cameo"],
            plover=row["plover"],
        )
        for row in rows
    ]
    # Undated documents last, in the order they arrived.
    return sorted(found, key=lambda r: (r.published is None, r.published or date.min))


def _key(report: Report) -> tuple[str, str, int]:
    return (report.document_id, report.type, report.start)


# ------------------------------------------------------------------------ matching


def _days_apart(a: Report, b: Report) -> int | None:
    """How far apart two reports put the event, allowing for their precision (0 when
    their periods overlap); None when either gives no date."""
    wa, wb = a.when, b.when
    if wa is None or wb is None:
        return None
    (da, na), (db, nb) = wa, wb
    if da <= db:
        return max(0, (db - (da + timedelta(days=na - 1))).days)
    return max(0, (da - (db + timedelta(days=nb - 1))).days)


def _published_apart(a: Report, b: Report) -> int | None:
    if a.published is None or b.published is None:
        return None
    return abs((a.published - b.published).days)


def _parties_match(a: Report, b: Report) -> bool:
    pa, pb = a.all_parties, b.all_parties
    shared = pa & pb
    if a.type in {"proposal", "demand", "accept", "reject"}:
        sa_, sb = set(a.parties["source"]), set(b.parties["source"])
        return bool(sa_ & sb) or ((not sa_ or not sb) and bool(shared))
    return len(shared) >= min(2, len(pa), len(pb)) and bool(shared)


def _agrees(report: Report, member: Report, within: Mapping[str, str]) -> bool:
    """Whether a report's date and venue can be those of a report already in an episode:
    dates within three days at their precision (two for acts and agreements), venues
    one within the other — or, where the venues differ, the same day (one meeting, two
    outlets naming the place differently)."""
    apart = _days_apart(report, member)
    same_venue = (
        report.venue is None
        or member.venue is None
        or nested_places(report.venue, member.venue, within)
    )
    if apart is not None:
        if not same_venue:
            return apart == 0  # two places on different days are two meetings
        if report.type not in _GATHERING_TYPES:
            return apart <= 2  # acts and agreements days apart are different acts
        return apart <= 3  # rounds of talks come a few days apart at the closest
    if not same_venue:
        return False
    # One report undated: it is news of the event when it appears, so the other's date
    # must lie near its publication (a 2025 article does not report 2022 talks undated).
    for undated, dated in ((report, member), (member, report)):
        if undated.when is None and dated.when is not None and undated.published is not None:
            start, days = dated.when
            end = start + dt.timedelta(days=days - 1)
            gap = max((start - undated.published).days, (undated.published - end).days, 0)
            return gap <= 14
    published = _published_apart(report, member)
    return published is None or published <= 31


def _same_matter(a: Report, b: Report) -> bool:
    """Agreements and stances on different issues are different acts: the swap agreed in
    Istanbul is not the ceasefire that was not agreed there."""
    if a.type not in {"agreement", "proposal", "demand", "accept", "reject"}:
        return True
    ia, ib = set(a.issues) - {"talks_format"}, set(b.issues) - {"talks_format"}
    return not ia or not ib or bool(ia & ib)


def _fits(report: Report, group: list[Report], within: Mapping[str, str]) -> bool:
    """Whether a report tells of an episode's event: same type, parties shared with one of
    its reports, and a date and venue that agree with every one of them (so that the
    first and the second round of talks never join through a report between them)."""
    return (
        group[0].type == report.type
        and any(_parties_match(report, member) for member in group)
        and all(_agrees(report, member, within) for member in group)
        and all(_same_matter(report, member) for member in group)
    )


def _near(report: Report, group: list[Report]) -> bool:
    """A cheap first test: the report was published within a season of the episode's
    latest report (an event is not news for longer)."""
    if report.published is None:
        return True
    latest = max((m.published for m in group if m.published), default=None)
    return latest is None or abs((report.published - latest).days) <= 120


def _closeness(report: Report, group: list[Report]) -> tuple[int, int]:
    """How well a report fits an episode: days from its date (or publication) to the
    nearest report's, then fewer shared parties last."""

    def day(r: Report) -> dt.date | None:
        return r.when[0] if r.when else r.published

    mine = day(report)
    days = [abs((mine - theirs).days) for m in group if mine and (theirs := day(m))]
    shared = max(len(report.all_parties & m.all_parties) for m in group)
    return (min(days) if days else 9999, -shared)


def _episode_id(report: Report) -> str:
    key = f"{report.type}|{report.document_id}|{report.start}"
    return "ep-" + hashlib.sha1(key.encode()).hexdigest()[:12]


def update_episodes(store: Store, *, located_in: Mapping[str, str] | None = None) -> int:
    """Assign every event record not yet in an episode to one; returns how many were added.

    Records that no longer exist (their document was analyzed again) leave their episode;
    an episode left without reports is removed.
    """
    if located_in is None:
        from parley.case import load_case

        located_in = load_case().located_in()
    reports = _reports(store)
    by_key = {_key(r): r for r in reports}
    now = datetime.now(UTC).isoformat()
    with store.engine.begin() as conn:
        members = conn.execute(sa.select(episode_members)).mappings().all()
        stale = [
            m
            for m in members
            if (m["document_id"], m["event_type"], m["event_start"]) not in by_key
        ]
        for member in stale:
            conn.execute(
                episode_members.delete().where(
                    episode_members.c.document_id == member["document_id"],
                    episode_members.c.event_type == member["event_type"],
                    episode_members.c.event_start == member["event_start"],
                )
            )
        alive = sa.select(episode_members.c.episode_id).distinct()
        conn.execute(episodes.delete().where(episodes.c.id.not_in(alive)))
        gone = {(m["document_id"], m["event_type"], m["event_start"]) for m in stale}
        assigned: dict[tuple[str, str, int], str] = {
            (m["document_id"], m["event_type"], m["event_start"]): m["episode_id"]
            for m in members
            if (m["document_id"], m["event_type"], m["event_start"]) not in gone
        }
        groups: dict[str, list[Report]] = defaultdict(list)
        # Candidate episodes by type and party, so a report is compared only with the
        # episodes it could belong to.
        index: dict[tuple[str, str], set[str]] = defaultdict(set)
        for key, episode_id in assigned.items():
            groups[episode_id].append(by_key[key])
            for party in by_key[key].all_parties:
                index[(by_key[key].type, party)].add(episode_id)
        added = 0
        for report in reports:
            if _key(report) in assigned:
                continue
            candidates = sorted(
                set().union(*(index[(report.type, p)] for p in report.all_parties))
                if report.all_parties
                else set()
            )
            fitting = [
                episode_id
                for episode_id in candidates
                if _near(report, groups[episode_id])
                and _fits(report, groups[episode_id], located_in)
            ]
            # The closest in time, then the one sharing most parties, then the oldest.
            match = min(
                fitting,
                key=lambda episode_id: _closeness(report, groups[episode_id]),
                default=None,
            )
            if match is None:
                match = _episode_id(report)
                conn.execute(episodes.insert().values(id=match, type=report.type, created_at=now))
            conn.execute(
                episode_members.insert().values(
                    episode_id=match,
                    document_id=report.document_id,
                    event_type=report.type,
                    event_start=report.start,
                    added_at=now,
                )
            )
            groups[match].append(report)
            for party in report.all_parties:
                index[(report.type, party)].add(match)
            assigned[_key(report)] = match
            added += 1
    return added


# ---------------------------------------------------------------------- summarizing


def _summarize(
    episode_id: str,
    reports: list[Report],
    within: Mapping[str, str],
    copies: Mapping[str, list[tuple[str, str | None]]],
) -> EpisodeSummary:
    reports = sorted(reports, key=lambda r: (r.published is None, r.published or date.min, r.start))
    occurred = [r for r in reports if r.status == "occurred" and not r.negated]
    latest = reports[-1]
    status = "occurred" if occurred else latest.status
    negated = not occurred and latest.negated
    dated = [r for r in reports if r.date]
    finest = min((_PRECISION_DAYS.get(r.precision or "", 366) for r in dated), default=None)
    best = None
    if dated and finest is not None:
        candidates = [r for r in dated if _PRECISION_DAYS.get(r.precision or "", 366) == finest]
        best = Counter((r.date, r.precision) for r in candidates).most_common(1)[0][0]
    venues = [r.venue for r in reports if r.venue]
    parties = {
        role: list(dict.fromkeys(n for r in reports for n in r.parties.get(role, [])))
        for role in _ROLES
    }
    return EpisodeSummary(
        id=episode_id,
        type=reports[0].type,
        status=status,
        negated=negated,
        date=best[0] if best else None,
        precision=best[1] if best else None,
        parties=parties,
        people=list(dict.fromkeys(p for r in reports for p in r.people)),
        venue=max(venues, key=lambda v: (place_depth(v, within), venues.count(v)))
        if venues
        else None,
        issues=sorted({i for r in reports for i in r.issues}),
        reports=reports,
        copies=[c for r in dict.fromkeys(r.original for r in reports) for c in copies.get(r, [])],
    )


def episode_summaries(
    store: Store, *, located_in: Mapping[str, str] | None = None
) -> list[EpisodeSummary]:
    """Every episode with its reports, in date order (undated ones by first report)."""
    if located_in is None:
        from parley.case import load_case

        located_in = load_case().located_in()
    reports = {_key(r): r for r in _reports(store)}
    copies: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    with store.engine.connect() as conn:
        members = conn.execute(sa.select(episode_members)).mappings().all()
        duplicates = conn.execute(
            sa.select(documents.c.id, documents.c.outlet, documents.c.duplicate_of).where(
                documents.c.duplicate_of.is_not(None)
            )
        ).mappings()
        for row in duplicates:
            copies[row["duplicate_of"]].append((row["id"], row["outlet"]))
    groups: dict[str, list[Report]] = defaultdict(list)
    for m in members:
        report = reports.get((m["document_id"], m["event_type"], m["event_start"]))
        if report is not None:
            groups[m["episode_id"]].append(report)
    summaries = [
        _summarize(episode_id, group, located_in, copies) for episode_id, group in groups.items()
    ]

    def when(summary: EpisodeSummary) -> date:
        if summary.date:
            return date.fromisoformat(summary.date)
        return summary.first.published or date.max

    return sorted(summaries, key=lambda s: (when(s), s.id))


def contradictions_of(
    summary: EpisodeSummary, located_in: Mapping[str, str]
) -> list[Contradiction]:
    """The pairs of reports of one episode that disagree, one pair per kind and values."""
    found: list[Contradiction] = []
    seen: set[tuple[str, str, str]] = set()  # (kind, one value, the other)

    def add(kind: str, a: Report, b: Report, says: tuple[str, str]) -> None:
        low, high = sorted(says)
        key = (kind, low, high)
        if key not in seen and says[0] != says[1]:
            seen.add(key)
            found.append(Contradiction(summary.id, kind, a, b, says))

    reports = summary.reports
    for i, a in enumerate(reports):
        for b in reports[i + 1 :]:
            if a.original == b.original:
                continue  # a copy does not contradict its original
            held_a = a.status == "occurred" and not a.negated
            held_b = b.status == "occurred" and not b.negated
            if (held_a and b.negated) or (held_b and a.negated):
                add("status", a, b, (_status_words(a), _status_words(b)))
            apart = _days_apart(a, b)
            if apart:
                add("date", a, b, (f"{a.date} ({a.precision})", f"{b.date} ({b.precision})"))
            if a.venue and b.venue and not nested_places(a.venue, b.venue, located_in):
                add("venue", a, b, (a.venue, b.venue))
            if a.type == "exchange" and a.count and b.count and a.count != b.count:
                add("count", a, b, (str(a.count), str(b.count)))
    return found


def _status_words(report: Report) -> str:
    return f"not {report.status}" if report.negated else report.status


# ------------------------------------------------------------------------ positions


@dataclass(frozen=True)
class Stance:
    """One position record in a party's history on an issue."""

    stance: str
    day: date | None
    content: str
    speaker: str | None
    document: str
    outlet: str | None
    evidence: str
    changed: bool  # differs from the stance before it


def position_history(
    store: Store, *, holder: str | None = None, issue: str | None = None
) -> dict[tuple[str, str], list[Stance]]:
    """Per (holder, issue): the stances over time with evidence, marking each change."""
    p, d = positions.c, documents.c
    query = sa.select(
        p.holder,
        p.issue,
        p.stance,
        p.content,
        p.speaker,
        p.date,
        p.sentence_start,
        p.sentence_end,
        p.document_id,
        d.external_id,
        d.outlet,
        d.published,
        d.clean_text,
    ).join(documents, d.id == p.document_id)
    if holder is not None:
        query = query.where(p.holder == holder)
    if issue is not None:
        query = query.where(p.issue == issue)
    with store.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[(row["holder"], row["issue"])].append(dict(row))
    history: dict[tuple[str, str], list[Stance]] = {}
    for key, items in sorted(grouped.items()):
        items.sort(key=lambda item: (_day(item), item["document_id"], item["sentence_start"]))
        stances: list[Stance] = []
        for item in items:
            previous = stances[-1].stance if stances else None
            when = _day(item)
            stances.append(
                Stance(
                    stance=item["stance"],
                    day=when if when != date.max else None,
                    content=item["content"],
                    speaker=item["speaker"],
                    document=item["external_id"] or item["document_id"],
                    outlet=item["outlet"],
                    evidence=item["clean_text"][
                        item["sentence_start"] : item["sentence_end"]
                    ].strip(),
                    changed=previous is not None and previous != item["stance"],
                )
            )
        history[key] = stances
    return history


def _day(item: Mapping[str, Any]) -> date:
    """When a position was taken: its own date, else its article's, else last."""
    if item["date"]:
        return date.fromisoformat(item["date"])
    published: date | None = item["published"]
    return published or date.max


def latest_stances(history: Mapping[tuple[str, str], list[Stance]]) -> dict[str, dict[str, str]]:
    """The party × issue matrix of latest stances."""
    matrix: dict[str, dict[str, str]] = defaultdict(dict)
    for (holder, issue), stances in history.items():
        matrix[holder][issue] = stances[-1].stance
    return dict(matrix)


def filter_episodes(
    summaries: Iterable[EpisodeSummary],
    *,
    actor: str | None = None,
    type: str | None = None,
    issue: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[EpisodeSummary]:
    """The episodes a timeline shows, by party, type, issue and date range."""
    kept = []
    for summary in summaries:
        if actor and actor not in summary.party_names and actor not in summary.people:
            continue
        if type and summary.type != type:
            continue
        if issue and issue not in summary.issues:
            continue
        day = date.fromisoformat(summary.date) if summary.date else summary.first.published
        if since and (day is None or day < since):
            continue
        if until and (day is None or day > until):
            continue
        kept.append(summary)
    return kept
