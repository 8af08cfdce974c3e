"""Case data: the shipped ukraine-russia gazetteer passes its validator, and the validator
catches each kind of problem."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from parley.case import load_case, validate_case


@pytest.fixture(scope="module")
def shipped():  # type: ignore[no-untyped-def]
    return load_case("ukraine-russia")


def test_case_shipped_gazetteer_is_valid(shipped) -> None:  # type: ignore[no-untyped-def]
    assert validate_case(shipped) == []


def test_case_shipped_gazetteer_is_large_and_covers_every_kind(shipped) -> None:  # type: ignore[no-untyped-def]
    assert len(shipped.entries) >= 400
    assert {entry.kind for entry in shipped.entries} == {"person", "organization", "state", "place"}


def test_case_dated_roles_give_the_party_on_a_day(shipped) -> None:  # type: ignore[no-untyped-def]
    kuleba = shipped.entry("Dmytro Kuleba")
    sybiha = shipped.entry("Andrii Sybiha")
    assert kuleba is not None and sybiha is not None
    on = date(2023, 6, 1)
    ministers = [
        e.name
        for e in (kuleba, sybiha)
        if any(
            r.title == "Foreign Minister" and r.of == "Ukraine" and r.holds_on(on) for r in e.roles
        )
    ]
    assert ministers == ["Dmytro Kuleba"]
    assert kuleba.party_on(on) == "Ukraine"


def test_case_places_lie_within_their_country(shipped) -> None:  # type: ignore[no-untyped-def]
    within = shipped.located_in()
    chain, place = [], "Dolmabahçe Palace"
    while place in within and place not in chain:
        chain.append(place)
        place = within[place]
    assert "Istanbul" in chain
    assert place in ("Turkey", "Europe", "Asia")


def _write_case(folder: Path, records: list[dict[str, Any]]) -> Path:
    (folder / "gazetteer").mkdir(parents=True)
    (folder / "case.toml").write_text('name = "broken"\ntitle = "broken"\n', encoding="utf-8")
    (folder / "gazetteer" / "entries.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize(
    ("records", "problem"),
    [
        (
            [{"id": "a", "name": "A", "kind": "state"}, {"id": "a", "name": "B", "kind": "state"}],
            "already used",
        ),
        ([{"id": "A b", "name": "A", "kind": "state"}], "not a lowercase slug"),
        ([{"id": "a", "name": "A", "kind": "country"}], "kind 'country'"),
        ([{"id": "a", "name": "A", "kind": "state", "qid": "Q12x"}], "not of the form Q123"),
        (
            [
                {
                    "id": "a",
                    "name": "A",
                    "kind": "person",
                    "roles": [{"title": "President", "start": "2024-05-01", "end": "2020-01-01"}],
                }
            ],
            "before it starts",
        ),
        (
            [{"id": "a", "name": "A", "kind": "place", "located_in": "Nowhere"}],
            "is not an entry's name",
        ),
        (
            [
                {"id": "a", "name": "A", "kind": "place", "aliases": ["Twin"]},
                {"id": "b", "name": "B", "kind": "place", "aliases": ["Twin"]},
            ],
            "declare it in shared_aliases",
        ),
    ],
)
def test_case_validator_reports_each_problem(
    tmp_path: Path, records: list[dict[str, Any]], problem: str
) -> None:
    problems = validate_case(load_case(_write_case(tmp_path / "case", records)))
    assert any(problem in p for p in problems), problems


def test_case_declared_shared_alias_is_allowed(tmp_path: Path) -> None:
    records = [
        {"id": "a", "name": "Twin", "kind": "place"},
        {
            "id": "b",
            "name": "Twin Oblast",
            "kind": "place",
            "aliases": ["Twin"],
            "shared_aliases": ["Twin"],
        },
    ]
    assert validate_case(load_case(_write_case(tmp_path / "case", records))) == []


def test_case_import_wikidata_command_writes_a_valid_case(run_parley, tmp_path: Path) -> None:
    sample = Path(__file__).parent / "data" / "wikidata-sample.json"
    out = tmp_path / "norland"
    done = run_parley("case", "import-wikidata", str(sample), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "0 validation problems" in done.stderr.replace("\n", " ")
    checked = run_parley("case", "validate", str(out))
    assert checked.returncode == 0, checked.stderr


def test_case_place_hierarchy_helpers() -> None:
    from parley.case import nested_places, place_depth, places_around

    within = {"Dolmabahçe Palace": "Istanbul", "Istanbul": "Turkey"}
    assert places_around("Dolmabahçe Palace", within) == ["Dolmabahçe Palace", "Istanbul", "Turkey"]
    assert nested_places("Turkey", "Dolmabahçe Palace", within)
    assert not nested_places("Istanbul", "Ankara", within)
    assert (place_depth("Dolmabahçe Palace", within), place_depth("Turkey", within)) == (2, 0)
    # A loop in the data ends the walk instead of hanging.
    assert places_around("A", {"A": "B", "B": "A"}) == ["A", "B"]


def test_case_governor_counts_for_the_state_of_the_region(tmp_path: Path) -> None:
    records = [
        {"id": "russia", "name": "Russia", "kind": "state"},
        {"id": "kursk-oblast", "name": "Kursk Oblast", "kind": "place", "located_in": "Russia"},
        {
            "id": "governor",
            "name": "A Governor",
            "kind": "person",
            "roles": [{"title": "Governor", "of": "Kursk Oblast", "start": "2024-12-05"}],
        },
    ]
    case = load_case(_write_case(tmp_path / "case", records))
    governor = case.entry("A Governor")
    assert governor is not None
    party = case.party_of(governor, date(2025, 3, 1))
    assert party is not None and party.name == "Russia"
    assert case.party_of(governor, date(2023, 3, 1)) is None  # before the role, no affiliation
