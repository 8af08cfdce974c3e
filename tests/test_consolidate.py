"""The record across outlets on small hand-built stores: episodes grouped across outlets and
date precisions, rounds kept apart, near-duplicates counted once, contradictions, stable
ids, re-analysis, position histories and the JSON form of an episode (no spaCy model)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from parley.consolidate import (
    EpisodeSummary,
    contradictions_of,
    episode_summaries,
    latest_stances,
    position_history,
    update_episodes,
)
from parley.ingest import prepare_document
from parley.settings import Settings
from parley.store import Store, open_store
from parley.store.schema import episodes
from parley.types import Document, Event, Position, RawDocument

LOCATED_IN = {
    "Dolmabahçe Palace": "Istanbul",
    "Çırağan Palace": "Istanbul",
    "Istanbul": "Turkey",
    "Ankara": "Turkey",
    "Gomel Region": "Belarus",
    "Belovezhskaya Pushcha National Park": "Belarus",
    "Riyadh": "Saudi Arabia",
    "Bürgenstock": "Switzerland",
}
FILLER = (
    "Officials from both delegations spoke to reporters afterwards. "
    "Further talks were expected in the coming weeks."
)


@dataclass(frozen=True)
class Said:
    """One event an article reports: the evidence sentence, its trigger, the record's fields."""

    sentence: str
    trigger: str
    fields: dict[str, Any]


def _meeting(sentence: str, **fields: Any) -> Said:
    values = {
        "type": "meeting",
        "status": "occurred",
        "participants": ("Russia", "Ukraine"),
        **fields,
    }
    return Said(sentence, "talks", values)


def _add(
    store: Store,
    settings: Settings,
    url: str,
    *said: Said,
    outlet: str | None,
    published: date | None,
    duplicate_of: Document | None = None,
) -> Document:
    """Store an article made of the sentences its events cite, with those events recorded."""
    text = " ".join([*(s.sentence for s in said), FILLER])
    raw = RawDocument(
        text=text,
        source="test-input.txt",
        format="text",
        outlet=outlet,
        lang="en",
        published=published,
        published_from="field" if published else None,
        url=url,
    )
    document, printed = prepare_document(raw, settings)
    if duplicate_of is not None:
        document.duplicate_of, document.duplicate_kind = duplicate_of.id, "near"
        document.similarity = 0.8
    store.add_document(document, printed, run_id=None)
    _analyze(store, document, [_event(document, s) for s in said])
    return document


def _event(document: Document, said: Said) -> Event:
    text = document.clean_text
    sentence_start = text.index(said.sentence)
    start = text.index(said.trigger, sentence_start)
    return Event(
        trigger=said.trigger,
        start=start,
        end=start + len(said.trigger),
        sentence_start=sentence_start,
        sentence_end=sentence_start + len(said.sentence),
        **said.fields,
    )


def _analyze(
    store: Store,
    document: Document,
    found_events: Iterable[Event] = (),
    found_positions: Iterable[Position] = (),
) -> None:
    store.replace_analysis(
        document.id,
        [],
        version="test",
        model="none",
        mode="full",
        case_name="ukraine-russia",
        component="parley.linker.v1",
        run_id=None,
        found_events=list(found_events),
        event_component="parley.events.v1",
        found_positions=list(found_positions),
        position_component="parley.positions.v1",
    )


def _summaries(store: Store) -> list[EpisodeSummary]:
    update_episodes(store, located_in=LOCATED_IN)
    return episode_summaries(store)


def _only(summaries: list[EpisodeSummary]) -> EpisodeSummary:
    assert len(summaries) == 1, [(s.id, s.type, s.date, s.venue) for s in summaries]
    return summaries[0]


@pytest.fixture
def other_store(tmp_path: Path) -> Iterator[Store]:
    """A second, empty SQLite store, for rebuilding the same data from scratch."""
    with open_store(str(tmp_path / "other.db")) as opened:
        yield opened


# --------------------------------------------------------------------------- grouping


def _istanbul_2025(store: Store, settings: Settings) -> dict[str, Document]:
    """Three outlets on the Istanbul meeting of 16 May 2025, stored latest-published first."""
    docs: dict[str, Document] = {}
    docs["c"] = _add(
        store,
        settings,
        "https://c.example/istanbul",
        _meeting(
            "Russian and Ukrainian delegations held talks at the Dolmabahçe Palace.",
            venue="Dolmabahçe Palace",
        ),
        outlet="c.example",
        published=date(2025, 5, 17),
    )
    docs["b"] = _add(
        store,
        settings,
        "https://b.example/istanbul",
        _meeting(
            "Russia and Ukraine held talks this week.",
            date="2025-05-12",
            date_precision="week",
        ),
        outlet="b.example",
        published=date(2025, 5, 19),
    )
    docs["a"] = _add(
        store,
        settings,
        "https://a.example/istanbul",
        _meeting(
            "Russia and Ukraine held talks in Istanbul on Friday.",
            venue="Istanbul",
            date="2025-05-16",
            date_precision="day",
        ),
        outlet="a.example",
        published=date(2025, 5, 16),
    )
    return docs


def test_consolidate_groups_reports_across_outlets_and_precisions(
    store: Store, settings: Settings
) -> None:
    docs = _istanbul_2025(store, settings)
    summary = _only(_summaries(store))
    assert summary.type == "meeting"
    assert len(summary.reports) == 3
    assert (summary.date, summary.precision) == ("2025-05-16", "day")
    assert summary.venue == "Dolmabahçe Palace"
    assert sorted(summary.sources) == sorted(d.id for d in docs.values())
    assert sorted(summary.outlets) == ["a.example", "b.example", "c.example"]
    assert summary.first.document_id == docs["a"].id
    assert summary.first.published == date(2025, 5, 16)


@pytest.mark.parametrize(
    ("venues", "expected"),
    [
        pytest.param(("Istanbul", "Dolmabahçe Palace"), "Dolmabahçe Palace", id="palace"),
        pytest.param(("Turkey", "Istanbul"), "Istanbul", id="city-in-country"),
        pytest.param(
            ("Switzerland", "Bürgenstock"),
            "Bürgenstock",
            id="resort-in-country-same-length",
        ),
        pytest.param(
            ("Riyadh", "Saudi Arabia"),
            "Riyadh",
            id="short-city-in-long-country",
        ),
    ],
)
def test_consolidate_venue_is_the_most_specific(
    store: Store, settings: Settings, venues: tuple[str, str], expected: str
) -> None:
    for number, venue in enumerate(venues):
        _add(
            store,
            settings,
            f"https://v{number}.example/talks",
            _meeting(
                f"Russia and Ukraine held talks in {venue} on Friday.",
                venue=venue,
                date="2025-05-16",
                date_precision="day",
            ),
            outlet=f"v{number}.example",
            published=date(2025, 5, 16 + number),
        )
    assert _only(_summaries(store)).venue == expected


def test_consolidate_different_rounds_stay_apart(store: Store, settings: Settings) -> None:
    gomel = _add(
        store,
        settings,
        "https://a.example/gomel",
        _meeting(
            "Russia and Ukraine held talks in the Gomel Region on Monday.",
            venue="Gomel Region",
            date="2022-02-28",
            date_precision="day",
        ),
        outlet="a.example",
        published=date(2022, 2, 28),
    )
    undated = _add(
        store,
        settings,
        "https://b.example/between",
        _meeting("Russia and Ukraine have held talks."),
        outlet="b.example",
        published=date(2022, 3, 1),
    )
    belovezhskaya = _add(
        store,
        settings,
        "https://c.example/second-round",
        _meeting(
            "Russia and Ukraine held a second round of talks in the Belovezhskaya Pushcha "
            "National Park on Thursday.",
            venue="Belovezhskaya Pushcha National Park",
            date="2022-03-03",
            date_precision="day",
        ),
        outlet="c.example",
        published=date(2022, 3, 3),
    )
    summaries = _summaries(store)
    assert len(summaries) == 2, [(s.date, s.venue, s.sources) for s in summaries]
    first, second = summaries
    assert (first.date, first.venue) == ("2022-02-28", "Gomel Region")
    assert (second.date, second.venue) == ("2022-03-03", "Belovezhskaya Pushcha National Park")
    assert gomel.id in first.sources and belovezhskaya.id in second.sources
    assert gomel.id not in second.sources and belovezhskaya.id not in first.sources
    # The undated report joins one of the rounds, never both.
    assert [undated.id in s.sources for s in summaries].count(True) == 1


def test_consolidate_near_duplicate_counts_once(store: Store, settings: Settings) -> None:
    sentence = "Russia and Ukraine held talks in Istanbul on Friday."
    fields = {"venue": "Istanbul", "date": "2025-05-16", "date_precision": "day"}
    original = _add(
        store,
        settings,
        "https://a.example/istanbul",
        _meeting(sentence, **fields),
        outlet="a.example",
        published=date(2025, 5, 16),
    )
    other = _add(
        store,
        settings,
        "https://b.example/istanbul",
        _meeting("The Russian and Ukrainian delegations met for talks in Istanbul.", **fields),
        outlet="b.example",
        published=date(2025, 5, 16),
    )
    before = _only(_summaries(store))
    copy = _add(
        store,
        settings,
        "https://d.example/istanbul-copy",
        _meeting(sentence, **fields),
        outlet="d.example",
        published=date(2025, 5, 17),
        duplicate_of=original,
    )
    after = _only(_summaries(store))
    assert after.id == before.id
    assert len(after.reports) == 3
    assert copy.id in {r.document_id for r in after.reports}
    assert sorted(after.sources) == sorted([original.id, other.id])
    assert len(after.sources) == len(before.sources) == 2
    assert "d.example" in after.outlets
    assert after.as_dict()["independent_sources"] == 2


# --------------------------------------------------------------------- contradictions

DAY = {"date": "2025-05-16", "date_precision": "day"}
CONTRADICTIONS = [
    pytest.param(
        "status",
        _meeting("Russia and Ukraine held talks in Istanbul on Friday.", venue="Istanbul", **DAY),
        _meeting(
            "Russia and Ukraine did not hold talks in Istanbul on Friday.",
            venue="Istanbul",
            negated=True,
            **DAY,
        ),
        {"occurred", "not occurred"},
        id="status",
    ),
    pytest.param(
        "date",
        _meeting("Russia and Ukraine held talks in Istanbul on Friday.", venue="Istanbul", **DAY),
        _meeting(
            "Russia and Ukraine held talks in Istanbul on Thursday.",
            venue="Istanbul",
            date="2025-05-15",
            date_precision="day",
        ),
        {"2025-05-16 (day)", "2025-05-15 (day)"},
        id="date",
    ),
    pytest.param(
        "venue",
        _meeting("Russia and Ukraine held talks in Istanbul on Friday.", venue="Istanbul", **DAY),
        _meeting("Russia and Ukraine held talks in Ankara on Friday.", venue="Ankara", **DAY),
        {"Istanbul", "Ankara"},
        id="venue",
    ),
    pytest.param(
        "count",
        Said(
            "Russia and Ukraine exchanged 200 prisoners on Friday.",
            "exchanged",
            {
                "type": "exchange",
                "status": "occurred",
                "participants": ("Russia", "Ukraine"),
                **DAY,
            },
        ),
        Said(
            "Russia and Ukraine swapped 215 prisoners on Friday.",
            "swapped",
            {
                "type": "exchange",
                "status": "occurred",
                "participants": ("Russia", "Ukraine"),
                **DAY,
            },
        ),
        {"200", "215"},
        id="count",
    ),
]


@pytest.mark.parametrize(("kind", "first", "second", "says"), CONTRADICTIONS)
def test_consolidate_finds_contradictions(
    store: Store, settings: Settings, kind: str, first: Said, second: Said, says: set[str]
) -> None:
    one = _add(
        store,
        settings,
        "https://a.example/report",
        first,
        outlet="a.example",
        published=date(2025, 5, 16),
    )
    another = _add(
        store,
        settings,
        "https://b.example/report",
        second,
        outlet="b.example",
        published=date(2025, 5, 17),
    )
    summary = _only(_summaries(store))
    found = contradictions_of(summary, LOCATED_IN)
    assert [c.kind for c in found] == [kind]
    contradiction = found[0]
    assert set(contradiction.says) == says
    assert contradiction.episode_id == summary.id
    assert {contradiction.first.document_id, contradiction.second.document_id} == {
        one.id,
        another.id,
    }
    assert {contradiction.first.evidence, contradiction.second.evidence} == {
        first.sentence,
        second.sentence,
    }


@pytest.mark.parametrize(("kind", "first", "second", "says"), CONTRADICTIONS)
def test_consolidate_duplicate_never_contradicts_its_original(
    store: Store, settings: Settings, kind: str, first: Said, second: Said, says: set[str]
) -> None:
    original = _add(
        store,
        settings,
        "https://a.example/report",
        first,
        outlet="a.example",
        published=date(2025, 5, 16),
    )
    _add(
        store,
        settings,
        "https://d.example/copy",
        second,
        outlet="d.example",
        published=date(2025, 5, 17),
        duplicate_of=original,
    )
    summary = _only(_summaries(store))
    assert len(summary.reports) == 2
    assert contradictions_of(summary, LOCATED_IN) == []


def test_consolidate_agreeing_reports_have_no_contradiction(
    store: Store, settings: Settings
) -> None:
    _istanbul_2025(store, settings)
    assert contradictions_of(_only(_summaries(store)), LOCATED_IN) == []


# ------------------------------------------------------------------------ stable ids


def _ids(store: Store) -> list[str]:
    return [s.id for s in episode_summaries(store)]


def _stable_ids_data(store: Store, settings: Settings, *, late: bool) -> list[Document]:
    """Two outlets on the Istanbul meeting and a call; with `late`, a third outlet's report."""
    fields = {"venue": "Istanbul", **DAY}
    docs = [
        _add(
            store,
            settings,
            "https://a.example/istanbul",
            _meeting("Russia and Ukraine held talks in Istanbul on Friday.", **fields),
            Said(
                "Putin and Trump spoke by phone on Friday.",
                "spoke by phone",
                {"type": "call", "status": "occurred", "participants": ("Russia", "United States")},
            ),
            outlet="a.example",
            published=date(2025, 5, 16),
        ),
        _add(
            store,
            settings,
            "https://b.example/istanbul",
            _meeting("The Russian and Ukrainian delegations met for talks in Istanbul.", **fields),
            outlet="b.example",
            published=date(2025, 5, 16),
        ),
    ]
    if late:
        docs.append(
            _add(
                store,
                settings,
                "https://c.example/istanbul-later",
                _meeting("Last week's talks in Istanbul between Russia and Ukraine.", **fields),
                outlet="c.example",
                published=date(2025, 5, 23),
            )
        )
    return docs


def test_consolidate_ids_are_stable(store: Store, settings: Settings, other_store: Store) -> None:
    _stable_ids_data(store, settings, late=False)
    assert update_episodes(store, located_in=LOCATED_IN) == 3
    ids = _ids(store)
    assert len(ids) == 2
    assert update_episodes(store, located_in=LOCATED_IN) == 0
    assert _ids(store) == ids

    late = _add(
        store,
        settings,
        "https://c.example/istanbul-later",
        _meeting(
            "Last week's talks in Istanbul between Russia and Ukraine.",
            venue="Istanbul",
            **DAY,
        ),
        outlet="c.example",
        published=date(2025, 5, 23),
    )
    assert update_episodes(store, located_in=LOCATED_IN) == 1
    assert _ids(store) == ids
    meeting = next(s for s in episode_summaries(store) if s.type == "meeting")
    assert late.id in meeting.sources
    assert len(meeting.reports) == 3

    _stable_ids_data(other_store, settings, late=True)
    assert update_episodes(other_store, located_in=LOCATED_IN) == 4
    assert _ids(other_store) == ids


# ------------------------------------------------------------------------ re-analysis


def test_consolidate_reanalysis_removes_reports(store: Store, settings: Settings) -> None:
    first, second = _stable_ids_data(store, settings, late=False)
    before = {s.type: s for s in _summaries(store)}
    assert set(before) == {"meeting", "call"}
    assert len(before["meeting"].reports) == 2

    _analyze(store, first)  # analyzed again, it reports nothing
    update_episodes(store, located_in=LOCATED_IN)
    after = {s.type: s for s in episode_summaries(store)}
    assert set(after) == {"meeting"}  # the call had one report, now gone
    assert after["meeting"].id == before["meeting"].id
    assert [r.document_id for r in after["meeting"].reports] == [second.id]
    with store.engine.connect() as conn:
        stored = set(conn.scalars(sa.select(episodes.c.id)))
    assert stored == {before["meeting"].id}

    _analyze(store, second)
    update_episodes(store, located_in=LOCATED_IN)
    assert episode_summaries(store) == []
    with store.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(episodes)) == 0


# -------------------------------------------------------------------------- positions


def _position(document: Document, sentence: str, stance: str) -> Position:
    text = document.clean_text
    start = text.index(sentence)
    return Position(
        holder="Russia",
        issue="territory",
        stance=stance,
        content=sentence,
        start=start,
        end=start + len(sentence),
        sentence_start=start,
        sentence_end=start + len(sentence),
        basis="statement",
        speaker="Vladimir Putin",
    )


def test_consolidate_position_history(store: Store, settings: Settings) -> None:
    said = [
        (date(2025, 5, 16), "offer", "Moscow offered to freeze the front line where it stands."),
        (date(2022, 3, 29), "demand", "Moscow demanded that Kyiv recognise Crimea as Russian."),
        (date(2024, 6, 14), "demand", "Putin demanded that Ukraine withdraw from four regions."),
    ]
    for number, (published, stance, sentence) in enumerate(said):
        raw = RawDocument(
            text=f"{sentence} {FILLER}",
            source="test-input.txt",
            format="text",
            outlet=f"o{number}.example",
            lang="en",
            published=published,
            published_from="field",
            url=f"https://o{number}.example/position",
        )
        document, printed = prepare_document(raw, settings)
        store.add_document(document, printed, run_id=None)
        _analyze(store, document, found_positions=[_position(document, sentence, stance)])

    history = position_history(store)
    assert list(history) == [("Russia", "territory")]
    stances = history[("Russia", "territory")]
    assert [(s.day, s.stance, s.changed) for s in stances] == [
        (date(2022, 3, 29), "demand", False),
        (date(2024, 6, 14), "demand", False),
        (date(2025, 5, 16), "offer", True),
    ]
    assert stances[0].evidence == said[1][2]
    assert stances[-1].outlet == "o0.example"
    assert latest_stances(history) == {"Russia": {"territory": "offer"}}
    assert position_history(store, holder="Ukraine") == {}
    assert list(position_history(store, holder="Russia", issue="territory")) == [
        ("Russia", "territory")
    ]


# -------------------------------------------------------------------------- JSON form


def test_consolidate_summary_as_dict(store: Store, settings: Settings) -> None:
    docs = _istanbul_2025(store, settings)
    _add(
        store,
        settings,
        "https://e.example/istanbul",
        _meeting(
            "Russia and Ukraine held talks in Istanbul on Friday, hosted by Turkey.",
            source=("Russia",),
            target=("Ukraine",),
            participants=("Russia", "Ukraine"),
            mediators=("Turkey",),
            venue="Istanbul",
            **DAY,
        ),
        outlet="e.example",
        published=date(2025, 5, 16),
    )
    data = _only(_summaries(store)).as_dict()
    assert {
        "id",
        "type",
        "status",
        "date",
        "precision",
        "parties",
        "venue",
        "sources",
    } <= set(data)
    assert data["id"].startswith("ep-")
    assert (data["type"], data["status"]) == ("meeting", "occurred")
    assert date.fromisoformat(data["date"]) == date(2025, 5, 16)
    assert data["precision"] == "day"
    assert set(data["parties"]) == {"Russia", "Ukraine", "Turkey"}
    assert len(data["parties"]) == 3
    assert data["venue"] == "Dolmabahçe Palace"
    assert {d.id for d in docs.values()} < set(data["sources"])
    assert len(data["sources"]) == 4


def test_consolidate_summary_as_dict_undated(store: Store, settings: Settings) -> None:
    _add(
        store,
        settings,
        "https://a.example/undated",
        _meeting("Russia and Ukraine have held talks."),
        outlet="a.example",
        published=None,
    )
    data = _only(_summaries(store)).as_dict()
    assert data["date"] is None and data["precision"] is None
    assert data["venue"] is None
    assert data["parties"] == ["Russia", "Ukraine"]
    assert data["first_report"]["published"] is None


def test_consolidate_unanalyzed_copy_adds_its_outlet_not_a_source(
    store: Store, settings: Settings
) -> None:
    """parley analyzes originals only: a near-duplicate has no reports of its own, yet the
    episode lists the outlet that republished it."""
    sentence = "Russia and Ukraine held talks in Istanbul on Friday."
    fields = {"venue": "Istanbul", "date": "2025-05-16", "date_precision": "day"}
    original = _add(
        store,
        settings,
        "https://a.example/istanbul",
        _meeting(sentence, **fields),
        outlet="a.example",
        published=date(2025, 5, 16),
    )
    copy = _add(
        store,
        settings,
        "https://e.example/istanbul-copy",
        outlet="e.example",
        published=date(2025, 5, 17),
        duplicate_of=original,
    )
    summary = _only(_summaries(store))
    assert summary.sources == [original.id]
    assert summary.copies == [(copy.id, "e.example")]
    assert summary.outlets == ["a.example", "e.example"]
    assert summary.as_dict()["copies"] == [copy.id]


def test_consolidate_meetings_in_two_cities_on_two_days_stay_apart(
    store: Store, settings: Settings
) -> None:
    for number, (city, day) in enumerate((("Ankara", 15), ("Istanbul", 16))):
        _add(
            store,
            settings,
            f"https://{number}.example/talks",
            _meeting(
                f"Russia and Ukraine held talks in {city}.",
                venue=city,
                date=f"2025-05-{day}",
                date_precision="day",
            ),
            outlet=f"{number}.example",
            published=date(2025, 5, 16),
        )
    assert sorted(s.venue or "" for s in _summaries(store)) == ["Ankara", "Istanbul"]


def test_consolidate_agreements_on_different_issues_stay_apart(
    store: Store, settings: Settings
) -> None:
    """The swap agreed in Istanbul is not the ceasefire that was not agreed there."""
    swap = Said(
        "Russia and Ukraine agreed to swap 1,000 prisoners each.",
        "agreed",
        {
            "type": "agreement",
            "status": "occurred",
            "participants": ("Russia", "Ukraine"),
            "issues": ("prisoners",),
        },
    )
    truce = Said(
        "The meeting produced no agreement on a ceasefire.",
        "agreement",
        {
            "type": "agreement",
            "status": "occurred",
            "negated": True,
            "participants": ("Russia", "Ukraine"),
            "issues": ("ceasefire",),
        },
    )
    _add(
        store,
        settings,
        "https://a.example/swap",
        swap,
        outlet="a.example",
        published=date(2025, 5, 16),
    )
    _add(
        store,
        settings,
        "https://b.example/truce",
        truce,
        outlet="b.example",
        published=date(2025, 5, 16),
    )
    summaries = _summaries(store)
    assert len(summaries) == 2
    assert all(not contradictions_of(s, {}) for s in summaries)


def test_consolidate_undated_report_joins_the_episode_of_its_time(
    store: Store, settings: Settings
) -> None:
    """An undated report published in 2025 is news of 2025 talks, not of the 2022 talks
    another 2025 article recalls with their date."""
    recalled = _meeting(
        "Russia and Ukraine last met at the Dolmabahçe Palace in March 2022.",
        venue="Dolmabahçe Palace",
        date="2022-03-01",
        date_precision="month",
    )
    _add(
        store,
        settings,
        "https://a.example/recall",
        recalled,
        outlet="a.example",
        published=date(2025, 5, 15),
    )
    undated = _add(
        store,
        settings,
        "https://b.example/today",
        _meeting("Russia and Ukraine held talks, their first in three years."),
        outlet="b.example",
        published=date(2025, 5, 16),
    )
    _add(
        store,
        settings,
        "https://c.example/today",
        _meeting(
            "Russia and Ukraine held talks at the Dolmabahçe Palace on Friday.",
            venue="Dolmabahçe Palace",
            date="2025-05-16",
            date_precision="day",
        ),
        outlet="c.example",
        published=date(2025, 5, 16),
    )
    by_year = {s.date[:4] if s.date else "": s for s in _summaries(store)}
    assert undated.id not in by_year["2022"].sources


def test_consolidate_episode_fields_are_the_json_keys(store: Store, settings: Settings) -> None:
    from parley.consolidate import EPISODE_FIELDS

    _istanbul_2025(store, settings)
    assert tuple(_only(_summaries(store)).as_dict()) == EPISODE_FIELDS


def test_consolidate_csv_export_of_nothing_still_has_a_header(store: Store, tmp_path: Path) -> None:
    from parley.export import export_records

    written = export_records(store, ["events", "episodes"], "csv", tmp_path)
    assert written == {"events": 0, "episodes": 0}
    assert (tmp_path / "episodes.csv").read_text().startswith("id,type,status,")
    assert "cameo" in (tmp_path / "events.csv").read_text().splitlines()[0]
