"""Tests for parley.wikidata: a case gazetteer imported from a Wikidata JSON export.

tests/data/wikidata-sample.json is a hand-made export, in the format of Wikidata's
latest-all.json, of a fictional conflict (Norland and Sudmark, QIDs Q990000001…).
"""

from __future__ import annotations

import bz2
import gzip
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from parley.case import load_case, validate_case
from parley.errors import InputError
from parley.wikidata import ImportResult, import_wikidata, write_gazetteer

SAMPLE = Path(__file__).parent / "data" / "wikidata-sample.json"


def _sample_entities() -> list[dict[str, Any]]:
    entities = json.loads(SAMPLE.read_text(encoding="utf-8"))
    assert isinstance(entities, list)
    return entities


@pytest.fixture(scope="module")
def sample() -> ImportResult:
    return import_wikidata(SAMPLE)


def _by_name(result: ImportResult) -> dict[str, dict[str, Any]]:
    return {record["name"]: record for record in result.records}


# --- Hand-built entities for single behaviours ------------------------------------------------


def _item_snak(prop: str, qid: str) -> dict[str, Any]:
    return {
        "snaktype": "value",
        "property": prop,
        "datavalue": {
            "value": {"entity-type": "item", "numeric-id": int(qid[1:]), "id": qid},
            "type": "wikibase-entityid",
        },
    }


def _time_snak(prop: str, time: str, precision: int) -> dict[str, Any]:
    value = {"time": time, "timezone": 0, "before": 0, "after": 0, "precision": precision}
    return {
        "snaktype": "value",
        "property": prop,
        "datavalue": {"value": value, "type": "time"},
    }


def _statement(snak: dict[str, Any], *qualifiers: dict[str, Any]) -> dict[str, Any]:
    statement: dict[str, Any] = {"mainsnak": snak, "type": "statement", "rank": "normal"}
    if qualifiers:
        statement["qualifiers"] = {q["property"]: [q] for q in qualifiers}
    return statement


def _entity(
    qid: str,
    label: str,
    *,
    instance_of: str | None = None,
    claims: dict[str, list[dict[str, Any]]] | None = None,
    aliases: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    all_claims = dict(claims or {})
    if instance_of:
        all_claims["P31"] = [_statement(_item_snak("P31", instance_of))]
    return {
        "type": "item",
        "id": qid,
        "labels": {"en": {"language": "en", "value": label}},
        "aliases": {
            language: [{"language": language, "value": v} for v in values]
            for language, values in (aliases or {}).items()
        },
        "claims": all_claims,
    }


def _jsonl(path: Path, entities: list[dict[str, Any]]) -> Path:
    path.write_text(
        "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entities), encoding="utf-8"
    )
    return path


def _role_result(tmp_path: Path, *qualifiers: dict[str, Any]) -> dict[str, Any]:
    """The one role of a person holding a position of Norland, with these qualifiers."""
    entities = [
        _entity("Q990000001", "Norland", instance_of="Q3624078"),
        _entity(
            "Q990000020",
            "President of Norland",
            instance_of="Q4164871",
            claims={"P1001": [_statement(_item_snak("P1001", "Q990000001"))]},
        ),
        _entity(
            "Q990000006",
            "Ivo Brandt",
            instance_of="Q5",
            claims={"P39": [_statement(_item_snak("P39", "Q990000020"), *qualifiers)]},
        ),
    ]
    result = import_wikidata(_jsonl(tmp_path / "roles.jsonl", entities))
    (role,) = _by_name(result)["Ivo Brandt"]["roles"]
    assert isinstance(role, dict)
    return role


# --- Kinds, names, aliases ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Norland", "state"),  # sovereign state
        ("Sudmark", "state"),  # country
        ("Concord Mediation Council", "organization"),  # international organization
        ("Ivo Brandt", "person"),
        ("Anaïs Delorme", "person"),
        ("Nordhaven (city)", "place"),
        ("Lower March", "place"),
        ("Grenz (river)", "place"),
        ("Palace of Accord", "place"),
        ("Varn Nuclear Power Plant", "place"),
    ],
)
def test_wikidata_kinds_from_p31(sample: ImportResult, name: str, kind: str) -> None:
    assert _by_name(sample)[name]["kind"] == kind


def test_wikidata_record_fields(sample: ImportResult) -> None:
    record = _by_name(sample)["Ivo Brandt"]
    assert record["qid"] == "Q990000006"
    assert record["id"] == "ivo-brandt"
    assert record["note"] == "fictional President of Norland"
    assert set(record) == {
        "id", "name", "kind", "qid", "aliases", "shared_aliases", "roles", "affiliation",
        "side", "located_in", "place_type", "stands_for", "demonyms", "note",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("name", "alias"),
    [
        ("Norland", "Kingdom of Norland"),  # en alias
        ("Norland", "Норландія"),  # uk label
        ("Norland", "Норландия"),  # ru label
        ("Norland", "Королевство Норландия"),  # ru alias
        ("Norland", "Norlande"),  # fr label
        ("Norland", "Royaume de Norlande"),  # fr alias
        ("Sudmark", "Republik Südmark"),  # de alias
        ("Ivo Brandt", "Іво Брандт"),
        ("Anaïs Delorme", "Анаис Делорм"),
        ("Palace of Accord", "Palast der Eintracht"),
    ],
)
def test_wikidata_aliases_in_several_languages(sample: ImportResult, name: str, alias: str) -> None:
    assert alias in _by_name(sample)[name]["aliases"]


def test_wikidata_aliases_deduplicated_without_the_name(sample: ImportResult) -> None:
    records = _by_name(sample)
    # "Судмарк" is Sudmark's uk label, uk alias and ru label.
    assert records["Sudmark"]["aliases"].count("Судмарк") == 1
    assert records["Concord Mediation Council"]["aliases"].count("CMC") == 1
    for record in sample.records:
        assert record["name"] not in record["aliases"]
        assert len(record["aliases"]) == len(set(record["aliases"]))


def test_wikidata_aliases_only_in_requested_languages(tmp_path: Path) -> None:
    result = import_wikidata(SAMPLE, languages=("en",))
    norland = _by_name(result)["Norland"]
    assert norland["aliases"] == ["Kingdom of Norland"]
    assert norland["demonyms"] == ["Norlandic", "Norlander"]


def test_wikidata_enwiki_title_preferred_as_name(sample: ImportResult) -> None:
    records = _by_name(sample)
    city = records["Nordhaven (city)"]
    assert city["id"] == "nordhaven-city"
    assert "Nordhaven" in city["aliases"]  # the English label stays an alias
    assert "Nordhaven" not in records
    # Without a sitelink, the English label is the name.
    assert records["Lower March"]["qid"] == "Q990000012"


def test_wikidata_label_language(tmp_path: Path) -> None:
    entity = _entity("Q990000001", "Norland", instance_of="Q3624078")
    entity["labels"]["fr"] = {"language": "fr", "value": "Norlande"}
    entity["sitelinks"] = {"enwiki": {"site": "enwiki", "title": "Norland"}}
    result = import_wikidata(_jsonl(tmp_path / "fr.jsonl", [entity]), label_language="fr")
    (record,) = result.records
    assert record["name"] == "Norlande"
    assert record["aliases"] == ["Norland"]


def test_wikidata_demonyms_for_states(sample: ImportResult) -> None:
    records = _by_name(sample)
    assert records["Norland"]["demonyms"] == ["Norlandic", "Norlander", "norlandais"]
    assert records["Sudmark"]["demonyms"] == ["Sudmarkish"]


# --- Roles ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "roles"),
    [
        (
            "Ivo Brandt",
            [
                {
                    "title": "President of Norland",
                    "of": "Norland",
                    "start": "2019-05-20",
                    "end": None,
                }
            ],
        ),
        (
            # `of` through the position's P17 (country): it has no P1001.
            "Mira Kessel",
            [
                {
                    "title": "Minister of Foreign Affairs of Sudmark",
                    "of": "Sudmark",
                    "start": "2020-03-01",
                    "end": "2024-09-05",
                },
                {"title": "Q990000098", "of": None, "start": "2016-01-01", "end": "2019-11-30"},
            ],
        ),
        (
            "Tomas Vell",
            [
                {
                    "title": "Minister of Foreign Affairs of Sudmark",
                    "of": "Sudmark",
                    "start": "2024-09-01",
                    "end": None,
                }
            ],
        ),
        (
            # `of` through P1001 (applies to jurisdiction), naming an organization.
            "Anaïs Delorme",
            [
                {
                    "title": "Chief Mediator of the Concord Mediation Council",
                    "of": "Concord Mediation Council",
                    "start": "2022-01-01",
                    "end": None,
                }
            ],
        ),
    ],
)
def test_wikidata_roles_from_position_held(
    sample: ImportResult, name: str, roles: list[dict[str, Any]]
) -> None:
    assert _by_name(sample)[name]["roles"] == roles


@pytest.mark.parametrize(
    ("prop", "time", "precision", "expected"),
    [
        ("P580", "+2019-05-20T00:00:00Z", 11, "2019-05-20"),
        ("P582", "+2019-05-20T00:00:00Z", 11, "2019-05-20"),
        ("P580", "+2019-05-00T00:00:00Z", 10, "2019-05-01"),
        ("P582", "+2019-05-00T00:00:00Z", 10, "2019-05-31"),
        ("P582", "+2024-02-00T00:00:00Z", 10, "2024-02-29"),
        ("P580", "+2019-00-00T00:00:00Z", 9, "2019-01-01"),
        ("P582", "+2019-00-00T00:00:00Z", 9, "2019-12-31"),
        ("P580", "+2019-05-20T13:45:00Z", 14, "2019-05-20"),  # finer than a day
        ("P580", "+2010-00-00T00:00:00Z", 8, None),  # a decade: too coarse
        ("P580", "-0044-03-15T00:00:00Z", 11, None),  # BCE
        ("P580", "not a time", 11, None),
    ],
)
def test_wikidata_role_dates_by_precision(
    tmp_path: Path, prop: str, time: str, precision: int, expected: str | None
) -> None:
    role = _role_result(tmp_path, _time_snak(prop, time, precision))
    assert role[{"P580": "start", "P582": "end"}[prop]] == expected
    assert role["title"] == "President of Norland"
    assert role["of"] == "Norland"


def test_wikidata_role_of_unknown_without_jurisdiction_in_file(tmp_path: Path) -> None:
    entities = [
        _entity(
            "Q990000020",
            "President of Norland",
            instance_of="Q4164871",
            claims={"P1001": [_statement(_item_snak("P1001", "Q990000001"))]},
        ),
        _entity(
            "Q990000006",
            "Ivo Brandt",
            instance_of="Q5",
            claims={"P39": [_statement(_item_snak("P39", "Q990000020"))]},
        ),
    ]
    result = import_wikidata(_jsonl(tmp_path / "roles.jsonl", entities))
    assert _by_name(result)["Ivo Brandt"]["roles"] == [
        {"title": "President of Norland", "of": None, "start": None, "end": None}
    ]
    assert result.warnings == []


def test_wikidata_missing_position_warns(sample: ImportResult) -> None:
    assert any("Q990000098" in w and "Mira Kessel" in w for w in sample.warnings)


def test_wikidata_role_ending_before_it_starts_left_out(tmp_path: Path) -> None:
    entities = [
        _entity("Q990000020", "President of Norland", instance_of="Q4164871"),
        _entity(
            "Q990000006",
            "Ivo Brandt",
            instance_of="Q5",
            claims={
                "P39": [
                    _statement(
                        _item_snak("P39", "Q990000020"),
                        _time_snak("P580", "+2020-01-01T00:00:00Z", 11),
                        _time_snak("P582", "+2019-01-01T00:00:00Z", 11),
                    )
                ]
            },
        ),
    ]
    result = import_wikidata(_jsonl(tmp_path / "roles.jsonl", entities))
    assert _by_name(result)["Ivo Brandt"]["roles"] == []
    assert any("ends (2019-01-01) before it starts" in w for w in result.warnings)


# --- Affiliation, places -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "affiliation"),
    [
        ("Ivo Brandt", "Norland"),  # a deprecated P27 (Sudmark) is ignored
        ("Mira Kessel", "Sudmark"),
        ("Anaïs Delorme", None),  # her P27 is not in the file
        ("Concord Mediation Council", None),
    ],
)
def test_wikidata_affiliation_from_citizenship(
    sample: ImportResult, name: str, affiliation: str | None
) -> None:
    assert _by_name(sample)[name]["affiliation"] == affiliation


@pytest.mark.parametrize(
    ("name", "located_in"),
    [
        ("Palace of Accord", "Nordhaven (city)"),  # P131
        ("Nordhaven (city)", "Norland"),  # its P131 is not in the file: P17
        ("Sudby", "Lower March"),
        ("Lower March", "Sudmark"),
        ("Varn Nuclear Power Plant", "Lower March"),
        ("Grenz (river)", "Norland"),  # the first of two P17
        ("Norland", None),
        ("Ivo Brandt", None),
    ],
)
def test_wikidata_located_in(sample: ImportResult, name: str, located_in: str | None) -> None:
    assert _by_name(sample)[name]["located_in"] == located_in


def test_wikidata_located_in_chain(sample: ImportResult) -> None:
    located = {r["name"]: r["located_in"] for r in sample.records if r["located_in"]}
    chain = ["Palace of Accord"]
    while chain[-1] in located:
        chain.append(located[chain[-1]])
    assert chain == ["Palace of Accord", "Nordhaven (city)", "Norland"]


def test_wikidata_located_in_cycle_broken(tmp_path: Path) -> None:
    def place(qid: str, label: str, inside: str) -> dict[str, Any]:
        return _entity(
            qid,
            label,
            instance_of="Q515",
            claims={"P131": [_statement(_item_snak("P131", inside))]},
        )

    entities = [
        place("Q990000003", "Nordhaven", "Q990000004"),
        place("Q990000004", "Sudby", "Q990000003"),
    ]
    result = import_wikidata(_jsonl(tmp_path / "cycle.jsonl", entities))
    located = [r["located_in"] for r in result.records]
    assert located.count(None) == 1
    assert any("cycle" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("name", "place_type"),
    [
        ("Nordhaven (city)", "city"),
        ("Sudby", "city"),  # human settlement
        ("Lower March", "region"),
        ("Grenz (river)", "river"),
        ("Palace of Accord", "building"),
        ("Varn Nuclear Power Plant", "plant"),
        ("Norland", "country"),
        ("Ivo Brandt", None),
    ],
)
def test_wikidata_place_type(sample: ImportResult, name: str, place_type: str | None) -> None:
    assert _by_name(sample)[name]["place_type"] == place_type


@pytest.mark.parametrize(
    ("claims", "place_type"),
    [
        ({"P625": [_statement({"snaktype": "value", "property": "P625"})]}, "area"),
        ({"P131": [_statement(_item_snak("P131", "Q990000001"))]}, "area"),
    ],
)
def test_wikidata_located_item_of_unknown_class_is_an_area(
    tmp_path: Path, claims: dict[str, list[dict[str, Any]]], place_type: str
) -> None:
    entity = _entity("Q990000030", "Nordfield", instance_of="Q990000031", claims=claims)
    (record,) = import_wikidata(_jsonl(tmp_path / "area.jsonl", [entity])).records
    assert (record["kind"], record["place_type"]) == ("place", place_type)


# --- What is skipped ---------------------------------------------------------------------------


def test_wikidata_unknown_kind_skipped_with_reason(sample: ImportResult) -> None:
    skipped = dict(sample.skipped)
    assert skipped["Q990000013"] == "unknown kind: instance of Q131569"  # a treaty
    assert "position" in skipped["Q990000020"]  # used for role titles only
    assert skipped["P39"] == "not an item (property)"
    assert "Treaty of Nordhaven" not in _by_name(sample)


@pytest.mark.parametrize(
    ("entity", "reason"),
    [
        ({"type": "item", "id": "Q990000040", "labels": {}, "claims": {}}, "unknown kind"),
        ({"id": "Q990000041", "missing": ""}, "missing entity"),
        ({"type": "lexeme", "id": "L990000042"}, "not an item (lexeme)"),
        ({"type": "item", "id": "Q990000043", "claims": "none"}, "'claims' is not an object"),
        ({"type": "item", "labels": {}}, "no id"),
    ],
)
def test_wikidata_entity_skipped(tmp_path: Path, entity: dict[str, Any], reason: str) -> None:
    good = _entity("Q990000001", "Norland", instance_of="Q3624078")
    result = import_wikidata(_jsonl(tmp_path / "mixed.jsonl", [good, entity]))
    assert [r["name"] for r in result.records] == ["Norland"]
    ((_, why),) = result.skipped
    assert reason in why


def test_wikidata_malformed_jsonl_line_skipped(tmp_path: Path) -> None:
    lines = [json.dumps(e, ensure_ascii=False) for e in _sample_entities()]
    lines[3] = lines[3][: len(lines[3]) // 2]  # a line cut in half
    path = tmp_path / "sample.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = import_wikidata(path)
    assert any(
        where == "line 4" and why.startswith("malformed JSON (") for where, why in result.skipped
    )
    assert len(result.records) == len(import_wikidata(SAMPLE).records) - 1


def test_wikidata_malformed_first_line_skipped(tmp_path: Path) -> None:
    lines = [json.dumps(e, ensure_ascii=False) for e in _sample_entities()]
    path = tmp_path / "sample.jsonl"
    path.write_text("{not json\n" + "\n".join(lines[1:]) + "\n", encoding="utf-8")
    result = import_wikidata(path)
    assert result.skipped[0][0] == "line 1"
    assert "Norland" in _by_name(result)


def test_wikidata_empty_maps_written_as_lists(tmp_path: Path) -> None:
    """Wikibase writes an empty map as []."""
    entity = _entity("Q990000001", "Norland", instance_of="Q3624078")
    entity.update(aliases=[], descriptions=[], sitelinks=[])
    (record,) = import_wikidata(_jsonl(tmp_path / "empty.jsonl", [entity])).records
    assert (record["name"], record["aliases"], record["note"]) == ("Norland", [], None)


# --- Formats -----------------------------------------------------------------------------------


def _dump_array(path: Path) -> Path:
    path.write_bytes(SAMPLE.read_bytes())
    return path


def _json_lines(path: Path) -> Path:
    return _jsonl(path, _sample_entities())


def _one_line_array(path: Path) -> Path:
    path.write_text(json.dumps(_sample_entities(), ensure_ascii=False), encoding="utf-8")
    return path


def _entity_data(path: Path) -> Path:
    entities = {e["id"]: e for e in _sample_entities()}
    path.write_text(json.dumps({"entities": entities}, ensure_ascii=False), encoding="utf-8")
    return path


def _entity_data_pretty(path: Path) -> Path:
    entities = {e["id"]: e for e in _sample_entities()}
    path.write_text(json.dumps({"entities": entities}, indent=2), encoding="utf-8-sig")
    return path


def _entity_data_per_line(path: Path) -> Path:
    """Several Special:EntityData answers, one a line."""
    lines = [json.dumps({"entities": {e["id"]: e}}) for e in _sample_entities()]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _gzipped(write: Callable[[Path], Path]) -> Callable[[Path], Path]:
    def gzipped(path: Path) -> Path:
        plain = write(path.with_name("plain"))
        path.write_bytes(gzip.compress(plain.read_bytes()))
        return path

    return gzipped


def _bzipped(write: Callable[[Path], Path]) -> Callable[[Path], Path]:
    def bzipped(path: Path) -> Path:
        plain = write(path.with_name("plain"))
        path.write_bytes(bz2.compress(plain.read_bytes()))
        return path

    return bzipped


@pytest.mark.parametrize(
    ("filename", "write"),
    [
        ("latest-all.json", _dump_array),
        ("entities.jsonl", _json_lines),
        ("array.json", _one_line_array),
        ("Q990000001.json", _entity_data),
        ("pretty.json", _entity_data_pretty),
        ("answers.jsonl", _entity_data_per_line),
        ("latest-all.json.gz", _gzipped(_dump_array)),
        ("entities.jsonl.gz", _gzipped(_json_lines)),
        ("Q990000001.json.gz", _gzipped(_entity_data_pretty)),
        ("latest-all.json.bz2", _bzipped(_dump_array)),
        ("no-suffix", _gzipped(_json_lines)),  # gzip is found by content
    ],
)
def test_wikidata_formats(
    sample: ImportResult, tmp_path: Path, filename: str, write: Callable[[Path], Path]
) -> None:
    result = import_wikidata(write(tmp_path / filename))
    assert result.records == sample.records
    assert sorted(result.skipped) == sorted(sample.skipped)
    assert result.warnings == sample.warnings


def test_wikidata_references_resolve_in_any_order(sample: ImportResult, tmp_path: Path) -> None:
    """A person before the state of their role, a place before its city: the same records."""
    result = import_wikidata(_jsonl(tmp_path / "reversed.jsonl", _sample_entities()[::-1]))
    assert sorted(result.records, key=lambda r: r["qid"]) == sorted(
        sample.records, key=lambda r: r["qid"]
    )


def test_wikidata_single_entity_document(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    entity = _entity("Q990000001", "Norland", instance_of="Q3624078")
    path.write_text(json.dumps(entity, indent=1), encoding="utf-8")
    assert [r["name"] for r in import_wikidata(path).records] == ["Norland"]


def _not_json(path: Path) -> Path:
    path.write_text("this is not JSON at all\nnor this\n", encoding="utf-8")
    return path


def _truncated_gzip(path: Path) -> Path:
    data = gzip.compress(SAMPLE.read_bytes())
    path.write_bytes(data[: len(data) // 2])
    return path


def _not_gzip(path: Path) -> Path:
    path.write_bytes(SAMPLE.read_bytes())
    return path


def _not_entities(path: Path) -> Path:
    path.write_text('{"query": {"search": []}}\n[1, 2, 3]\n', encoding="utf-8")
    return path


def _empty(path: Path) -> Path:
    path.write_text("\n", encoding="utf-8")
    return path


def _latin1(path: Path) -> Path:
    path.write_bytes('[{"id": "Q990000001", "labels": {"fr": "Norlandé"}}]'.encode("latin-1"))
    return path


def _truncated_pretty(path: Path) -> Path:
    text = json.dumps({"entities": {e["id"]: e for e in _sample_entities()}}, indent=2)
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    return path


def _missing(path: Path) -> Path:
    return path


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


@pytest.mark.parametrize(
    ("filename", "write", "reason"),
    [
        ("notes.json", _not_json, "not JSON"),
        ("latest-all.json.gz", _truncated_gzip, "truncated gzip data"),
        ("sample.json.gz", _not_gzip, "not gzip-compressed"),
        ("search.json", _not_entities, "no Wikidata entities"),
        ("empty.json", _empty, "no Wikidata entities"),
        ("latin1.json", _latin1, "not UTF-8"),
        ("cut.json", _truncated_pretty, "not JSON"),
        ("missing.json", _missing, "no such file"),
        ("folder.json", _folder, "a folder"),
    ],
)
def test_wikidata_bad_input_raises(
    tmp_path: Path, filename: str, write: Callable[[Path], Path], reason: str
) -> None:
    path = write(tmp_path / filename)
    with pytest.raises(InputError) as raised:
        import_wikidata(path)
    message = str(raised.value)
    assert raised.value.source == str(path)
    assert reason in raised.value.reason
    assert message.startswith(f"{path}: ")
    assert "\n" not in message


# --- Uniqueness --------------------------------------------------------------------------------


def test_wikidata_names_and_ids_unique(tmp_path: Path) -> None:
    entities = [
        _entity("Q990000003", "Nordhaven", instance_of="Q515"),
        _entity("Q990000050", "Nordhaven", instance_of="Q4022"),
        _entity("Q990000051", "Nordhaven!", instance_of="Q16560"),
        _entity("Q990000052", "Нордгавен", instance_of="Q515"),
    ]
    result = import_wikidata(_jsonl(tmp_path / "same.jsonl", entities))
    assert [(r["id"], r["name"]) for r in result.records] == [
        ("nordhaven", "Nordhaven"),
        ("nordhaven-q990000050", "Nordhaven (Q990000050)"),
        ("nordhaven-q990000051", "Nordhaven!"),
        ("q990000052", "Нордгавен"),
    ]
    assert any("Q990000050" in w for w in result.warnings)
    write_gazetteer(result, tmp_path / "case", name="same", title="Same names")
    assert validate_case(load_case(tmp_path / "case")) == []


def test_wikidata_shared_aliases_declared(tmp_path: Path) -> None:
    entities = [
        _entity("Q990000006", "Ivo Brandt", instance_of="Q5", aliases={"en": ["Brandt"]}),
        _entity("Q990000060", "Ola Brandt", instance_of="Q5", aliases={"en": ["Brandt"]}),
        _entity("Q990000061", "Brandt", instance_of="Q515"),
    ]
    result = import_wikidata(_jsonl(tmp_path / "shared.jsonl", entities))
    records = _by_name(result)
    assert records["Ivo Brandt"]["shared_aliases"] == ["Brandt"]
    assert records["Ola Brandt"]["shared_aliases"] == ["Brandt"]
    assert records["Brandt"]["shared_aliases"] == []
    folder = tmp_path / "case"
    write_gazetteer(result, folder, name="brandts", title="Brandts")
    assert validate_case(load_case(folder)) == []


# --- Writing a case ----------------------------------------------------------------------------


def test_wikidata_write_gazetteer_loads_and_validates(sample: ImportResult, tmp_path: Path) -> None:
    folder = tmp_path / "norland-sudmark"
    written = write_gazetteer(sample, folder, name="norland-sudmark", title="Norland–Sudmark")
    assert written == folder / "gazetteer" / "wikidata.jsonl"
    lines = written.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(sample.records)
    assert "Норландія" in lines[0]  # UTF-8, not \u escapes
    case = load_case(folder)
    assert (case.name, case.title) == ("norland-sudmark", "Norland–Sudmark")
    assert validate_case(case) == []
    brandt = case.entry("Ivo Brandt")
    assert brandt is not None
    assert brandt.party_on(None) == "Norland"
    kessel = case.entry("mira-kessel")
    assert kessel is not None
    assert kessel.roles[0].end is not None
    assert kessel.roles[0].end.isoformat() == "2024-09-05"


def test_wikidata_write_gazetteer_refuses_overwrite(sample: ImportResult, tmp_path: Path) -> None:
    folder = tmp_path / "case"
    written = write_gazetteer(sample, folder, name="case", title="First")
    before = written.read_bytes()
    smaller = ImportResult(records=sample.records[:2])
    with pytest.raises(InputError, match="overwrite=True"):
        write_gazetteer(smaller, folder, name="case", title="Second")
    assert written.read_bytes() == before
    write_gazetteer(smaller, folder, name="case", title="Second", overwrite=True)
    case = load_case(folder)
    assert len(case.entries) == 2
    assert case.title == "Second"


def test_wikidata_write_gazetteer_keeps_existing_case_toml(
    sample: ImportResult, tmp_path: Path
) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "case.toml").write_text('name = "mine"\ntitle = "Mine"\n', encoding="utf-8")
    (folder / "gazetteer").mkdir()
    (folder / "gazetteer" / "wikidata.jsonl").write_text("", encoding="utf-8")  # empty: replaced
    write_gazetteer(sample, folder, name="theirs", title='Quotes " and \\ back')
    case = load_case(folder)
    assert (case.name, case.title) == ("mine", "Mine")
    write_gazetteer(sample, folder, name="theirs", title='Quotes " and \\ back', overwrite=True)
    assert load_case(folder).title == 'Quotes " and \\ back'
