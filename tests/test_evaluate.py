"""The scorer of SPEC.md §5 on small hand-made gold/system pairs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from parley.errors import InputError
from parley.evaluate import Names, dates_agree, fold, load_gold, score


def _score(gold: dict[str, Any], system: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    gold.setdefault("id", "x")
    system.setdefault("id", "x")
    return score({"x": gold}, {"x": system}, **kwargs).as_dict()["layers"]


# ---------------------------------------------------------------------------- basics


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("“We want peace,” he said.", '"we want peace" he said'),
        ("Kyiv’s delegation", "Kyiv's delegation"),
        ("«Absurd»", '"absurd"'),
        ("  Erdoğan  ", "erdoğan"),
    ],
)
def test_evaluate_fold_ignores_case_punctuation_and_quote_style(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_evaluate_names_match_through_aliases_either_way() -> None:
    names = Names()
    names.add("Volodymyr Zelenskyy", ["Zelensky", "Volodymyr Zelensky"])
    assert names.same("Zelensky", "Volodymyr Zelenskyy")
    assert names.same("Volodymyr Zelenskyy", "zelensky")
    assert not names.same("Vladimir Putin", "Volodymyr Zelenskyy")
    assert not names.same(None, "Volodymyr Zelenskyy")


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (("2025-05-16", "day"), ("2025-05-16", "day"), True),
        (("2025-05-16", "day"), ("2025-05-17", "day"), False),
        # Week precision: the ISO week (Monday to Sunday) of the date.
        (("2024-06-15", "week"), ("2024-06-10", "day"), True),
        (("2024-06-15", "week"), ("2024-06-16", "day"), True),
        (("2024-06-15", "week"), ("2024-06-17", "day"), False),
        (("2025-03", "month"), ("2025-03-31", "day"), True),
        (("2025-03", "month"), ("2025-04-01", "day"), False),
        (("2024", "year"), ("2024-12-31", "day"), True),
        (("2024", "year"), ("2025-01-01", "week"), False),
        # Across a year boundary, the ISO week still holds the two days together.
        (("2024-12-30", "week"), ("2025-01-02", "day"), True),
        ((None, None), ("2025-01-02", "day"), None),
    ],
)
def test_evaluate_dates_agree_within_the_coarser_precision(
    first: tuple[str | None, str | None], second: tuple[str, str], expected: bool | None
) -> None:
    assert dates_agree(*first, *second) is expected


# ---------------------------------------------------------------------------- entities


def test_evaluate_actor_matches_canonical_name_or_alias() -> None:
    gold = {"actors": ["Volodymyr Zelenskyy", "Russia", "Recep Tayyip Erdoğan"]}
    system = {
        "actors": [
            {"name": "Zelensky", "aliases": ["Volodymyr Zelenskyy"]},
            {"name": "Russia", "aliases": []},
            {"name": "Rustem Umerov", "aliases": []},
        ]
    }
    actors = _score(gold, system)["actors"]
    assert (actors["tp"], actors["fp"], actors["fn"]) == (2, 1, 1)
    assert actors["p"] == actors["r"] == actors["f1"] == pytest.approx(2 / 3, abs=1e-4)


def test_evaluate_entity_matching_is_one_to_one() -> None:
    # Two gold names that are aliases of one system entity: one match, one miss.
    gold = {"places": ["Kyiv", "Kiev"]}
    system = {"places": [{"name": "Kyiv", "aliases": ["Kiev"]}]}
    places = _score(gold, system)["places"]
    assert (places["tp"], places["fp"], places["fn"]) == (1, 0, 1)


def test_evaluate_optional_items_are_neither_missed_nor_false_alarms() -> None:
    gold = {
        "actors": [
            "Russia",
            {"name": "Saudi Arabia", "optional": True},
            {"name": "Qatar", "optional": True},
        ]
    }
    system = {"actors": [{"name": "Russia"}, {"name": "Saudi Arabia"}]}
    actors = _score(gold, system)["actors"]
    assert (actors["tp"], actors["fp"], actors["fn"]) == (1, 0, 0)


def test_evaluate_required_match_wins_over_optional_one() -> None:
    # The single system entity could match either; it must be counted for the required one.
    gold = {"actors": [{"name": "Kiev", "optional": True}, "Ukraine"]}
    system = {"actors": [{"name": "Ukraine", "aliases": ["Kiev"]}]}
    actors = _score(gold, system)["actors"]
    assert (actors["tp"], actors["fp"], actors["fn"]) == (1, 0, 0)


def test_evaluate_mentions_accuracy_uses_aliases() -> None:
    gold = {
        "mentions": [
            {"surface": "Igor Zhovkva", "name": "Ihor Zhovkva"},
            {"surface": "Kiev", "name": "Ukraine"},
            {"surface": "Zaporozhye", "name": "Zaporizhzhia Oblast"},
        ]
    }
    system = {
        "actors": [{"name": "Ihor Zhovkva", "aliases": ["Igor Zhovkva"]}],
        "mentions": [
            {"surface": "Igor Zhovkva", "name": "Ihor Zhovkva"},
            {"surface": "kiev", "name": "Kyiv"},
        ],
    }
    mentions = _score(gold, system)["mentions"]
    assert mentions == {"accuracy": pytest.approx(1 / 3, abs=1e-4), "n": 3}


# ---------------------------------------------------------------------------- quotes


def test_evaluate_quotes_overlap_half_of_the_shorter_with_quote_folding() -> None:
    gold = {
        "quotes": [
            {
                "speaker": "Ihor Zhovkva",
                "text": "We want to hold the second peace summit",
                "kind": "direct",
            },
            {
                "speaker": "Dmitry Peskov",
                "text": "Moscow’s position is well known",
                "kind": "direct",
            },
        ]
    }
    system = {
        "quotes": [
            # A longer quote containing the gold prefix: overlap over the shorter text.
            {
                "speaker": "Ihor Zhovkva",
                "text": "“We want to hold the second peace summit before the end of the year.”",
                "kind": "direct",
            },
            {"speaker": "Dmitry Peskov", "text": "The weather in Moscow is cold", "kind": "direct"},
        ]
    }
    direct = _score(gold, system)["quotes_direct"]
    assert (direct["tp"], direct["fp"], direct["fn"]) == (1, 1, 1)
    assert direct["speaker_accuracy"] == 1.0


def test_evaluate_direct_and_partial_score_together_indirect_apart() -> None:
    gold = {
        "quotes": [
            {
                "speaker": "Ihor Zhovkva",
                "text": "definitely does not want peace",
                "kind": "partial",
            },
            {
                "speaker": "Ihor Zhovkva",
                "text": "his country wanted a follow-up",
                "kind": "indirect",
            },
        ]
    }
    system = {
        "quotes": [
            {"speaker": "Ihor Zhovkva", "text": "definitely does not want peace", "kind": "direct"},
            {
                "speaker": "Volodymyr Zelenskyy",
                "text": "his country wanted a follow-up",
                "kind": "direct",
            },
        ]
    }
    layers = _score(gold, system)
    assert (layers["quotes_direct"]["tp"], layers["quotes_direct"]["fp"]) == (1, 1)
    assert (layers["quotes_indirect"]["tp"], layers["quotes_indirect"]["fn"]) == (0, 1)


def test_evaluate_speaker_accuracy_skips_unnamed_speakers_and_counts_wrong_ones() -> None:
    gold = {
        "quotes": [
            {"speaker": None, "text": "the talks were difficult but useful", "kind": "indirect"},
            {
                "speaker": "Russia",
                "text": "Moscow was ready to resume the talks",
                "kind": "indirect",
            },
        ]
    }
    system = {
        "actors": [{"name": "Russia", "aliases": ["Kremlin", "Moscow"]}],
        "quotes": [
            {
                "speaker": "Rustem Umerov",
                "text": "the talks were difficult but useful",
                "kind": "indirect",
            },
            {
                "speaker": "Kremlin",
                "text": "Moscow was ready to resume the talks",
                "kind": "indirect",
            },
        ],
    }
    indirect = _score(gold, system)["quotes_indirect"]
    assert indirect["tp"] == 2
    assert indirect["speaker_accuracy"] == 1.0  # the null-speaker quote is not counted


def test_evaluate_one_system_quote_matches_one_gold_quote() -> None:
    gold = {
        "quotes": [
            {
                "speaker": "Rustem Umerov",
                "text": "a meeting of the leaders is the next step",
                "kind": "direct",
            }
        ]
    }
    system = {
        "quotes": [
            {
                "speaker": "Rustem Umerov",
                "text": "a meeting of the leaders is the next step",
                "kind": "direct",
            },
            {
                "speaker": "Rustem Umerov",
                "text": "a meeting of the leaders is the next step",
                "kind": "direct",
            },
        ]
    }
    direct = _score(gold, system)["quotes_direct"]
    assert (direct["tp"], direct["fp"], direct["fn"]) == (1, 1, 0)


# ---------------------------------------------------------------------------- events


def _event(**fields: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        "type": "meeting",
        "status": "occurred",
        "source": [],
        "target": [],
        "participants": [],
        "mediators": [],
        "venue": None,
        "date": None,
        "precision": None,
    }
    event.update(fields)
    return event


def test_evaluate_events_match_on_type_shared_party_and_compatible_date() -> None:
    gold = {
        "events": [
            _event(
                participants=["Russia", "Ukraine"],
                mediators=["Turkey"],
                venue="Istanbul",
                date="2025-05-16",
                precision="day",
            ),
            _event(
                type="call",
                participants=["United States", "Russia"],
                date="2025-03-18",
                precision="day",
            ),
            _event(
                type="exchange",
                participants=["Russia", "Ukraine"],
                date="2022-09",
                precision="month",
            ),
        ]
    }
    system = {
        "places": [{"name": "Dolmabahçe Palace"}],
        "events": [
            # Same meeting, party named by an alias, venue more specific.
            _event(
                participants=["Kremlin"],
                venue="Dolmabahçe Palace",
                date="2025-05-16",
                precision="day",
            ),
            # A call on another day: dates disagree, so no match.
            _event(type="call", participants=["Russia"], date="2025-02-12", precision="day"),
            # Right exchange but stated as planned.
            _event(
                type="exchange",
                status="planned",
                participants=["Ukraine"],
                date="2022-09-21",
                precision="day",
            ),
        ],
    }
    layers = _score(
        gold,
        system,
        aliases={"Russia": ["Kremlin", "Moscow"]},
        located_in={"Dolmabahçe Palace": "Istanbul", "Istanbul": "Turkey"},
    )
    events = layers["events"]
    assert (events["tp"], events["fp"], events["fn"]) == (2, 1, 1)
    assert events["venue_accuracy"] == 1.0  # the palace lies within Istanbul
    assert events["status_accuracy"] == 0.5
    assert events["date_accuracy"] == 1.0


def test_evaluate_events_without_parties_match_only_each_other() -> None:
    gold = {"events": [_event(type="ceasefire")]}
    system = {"events": [_event(type="ceasefire"), _event(type="ceasefire", source=["Russia"])]}
    events = _score(gold, system)["events"]
    assert (events["tp"], events["fp"], events["fn"]) == (1, 1, 0)


def test_evaluate_negation_counts_for_status() -> None:
    gold = {"events": [_event(participants=["Ukraine"], negated=True)]}
    system = {"events": [_event(participants=["Ukraine"])]}
    events = _score(gold, system)["events"]
    assert events["tp"] == 1
    assert events["status_accuracy"] == 0.0


def test_evaluate_wrong_venue_and_missing_date_are_counted() -> None:
    gold = {
        "events": [
            _event(participants=["Ukraine"], venue="Geneva", date="2025-02", precision="month")
        ]
    }
    system = {"events": [_event(participants=["Ukraine"], venue="Riyadh")]}
    events = _score(gold, system)["events"]
    assert events["tp"] == 1
    assert events["venue_accuracy"] == 0.0
    assert events["date_accuracy"] == 0.0
    report = score({"x": {"id": "x", **gold}}, {"x": {"id": "x", **system}}, layers=["events"])
    explained = {f.kind: f.item for f in report.findings}
    assert "at Geneva (system: Riyadh)" in explained["wrong venue"]
    assert "system: no date" in explained["wrong date"]


# ---------------------------------------------------------------------------- positions


def test_evaluate_positions_match_on_holder_issue_and_stance() -> None:
    gold = {
        "positions": [
            {"holder": "Russia", "issue": "territory", "stance": "demand", "content": "withdrawal"},
            {"holder": "Ukraine", "issue": "nato", "stance": "reject", "content": "neutrality"},
            {"holder": "Ukraine", "issue": "ceasefire", "stance": "accept", "optional": True},
        ]
    }
    system = {
        "positions": [
            {"holder": "Moscow", "issue": "territory", "stance": "demand"},
            {"holder": "Ukraine", "issue": "nato", "stance": "support"},
            {"holder": "Ukraine", "issue": "ceasefire", "stance": "accept"},
        ]
    }
    positions = _score(gold, system, aliases={"Russia": ["Moscow"]})["positions"]
    assert (positions["tp"], positions["fp"], positions["fn"]) == (1, 1, 1)


# ---------------------------------------------------------------------------- layers


def test_evaluate_layer_without_extractor_is_not_available_not_zero() -> None:
    layers = _score({"actors": ["Russia"], "events": [_event()]}, {"actors": [{"name": "Russia"}]})
    assert layers["events"] is None
    assert layers["quotes_direct"] is None
    assert layers["actors"]["f1"] == 1.0


def test_evaluate_empty_layers_have_no_figures_and_empty_output_scores_zero() -> None:
    gold = {"events": [], "positions": [{"holder": "Russia", "issue": "nato", "stance": "demand"}]}
    layers = _score(gold, {"events": [], "positions": []})
    assert layers["events"] == {"p": None, "r": None, "f1": None, "tp": 0, "fp": 0, "fn": 0}
    assert (layers["positions"]["p"], layers["positions"]["r"], layers["positions"]["f1"]) == (
        0.0,
        0.0,
        0.0,
    )


def test_evaluate_micro_averages_over_articles() -> None:
    gold = {"a": {"actors": ["Russia", "Ukraine"]}, "b": {"actors": ["Turkey"]}}
    system = {
        "a": {"actors": [{"name": "Russia"}]},
        "b": {"actors": [{"name": "Turkey"}, {"name": "Qatar"}]},
    }
    report = score(gold, system, layers=["actors"])
    actors = report.as_dict()["layers"]["actors"]
    assert (actors["tp"], actors["fp"], actors["fn"]) == (2, 1, 1)
    assert set(report.as_dict()["layers"]) == {"actors"}
    assert report.per_article["b"]["actors"].fp == 1
    kinds = sorted((f.article, f.kind, f.item) for f in report.findings)
    assert kinds == [("a", "miss", "Ukraine"), ("b", "false alarm", "Qatar")]


def test_evaluate_load_gold_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "a1", "actors": []}) + "\n{broken\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_gold(path)
    assert caught.value.line == 2
    assert str(path) in str(caught.value)


def test_evaluate_mention_inside_a_longer_linked_mention_counts() -> None:
    gold = {"mentions": [{"surface": "Sinegubov", "name": "Oleh Syniehubov"}]}
    system = {"mentions": [{"surface": "Oleh Sinegubov", "name": "Oleh Syniehubov"}]}
    assert _score(gold, system)["mentions"] == {"accuracy": 1.0, "n": 1}
    # Whole words only: "Sinegubova" does not hold "Sinegubov".
    system = {"mentions": [{"surface": "Anna Sinegubova", "name": "Oleh Syniehubov"}]}
    assert _score(gold, system)["mentions"] == {"accuracy": 0.0, "n": 1}
