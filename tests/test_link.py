"""Recognition and linking of actors and places, on our own sentences, with the trained
model (loaded once) and a small case of real names (tests/data/minicase)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from parley.case import load_case, validate_case
from parley.nlp import build_nlp
from parley.nlp.gazetteer import Gazetteer, reworded
from parley.pipeline import analyze_document
from parley.types import Mention

MINICASE = str(Path(__file__).parent / "data" / "minicase")


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline, _ = build_nlp(case=MINICASE)
    return pipeline


def _links(
    nlp: Language, text: str, published: date | None = date(2025, 5, 16), lang: str = "en"
) -> list[Mention]:
    return analyze_document(nlp, text, published=published, lang=lang).mentions


def _find(mentions: list[Mention], text: str) -> Mention:
    found = [m for m in mentions if m.text == text]
    assert found, f"no mention {text!r} in {[m.text for m in mentions]}"
    return found[0]


def test_link_minicase_is_valid() -> None:
    assert validate_case(load_case(MINICASE)) == []


@pytest.mark.parametrize(
    ("sentence", "surface", "name"),
    [
        (
            "Voldimir Zelenki told reporters on Friday that talks would go on.",
            "Voldimir Zelenki",
            "Volodymyr Zelenskyy",
        ),
        (
            "British Prime Minister Kiel Starmer called the proposal serious.",
            "Kiel Starmer",
            "Keir Starmer",
        ),
        ("US envoy Steve Witkov met officials in the Gulf.", "Steve Witkov", "Steve Witkoff"),
        (
            "Delegations met at the Dolmabahce Palace on Friday.",
            "Dolmabahce Palace",
            "Dolmabahçe Palace",
        ),
        ("Володимир Зеленський прибув до Стамбула.", "Володимир Зеленський", "Volodymyr Zelenskyy"),
    ],
)
def test_link_survives_damage_and_transliteration(
    nlp: Language, sentence: str, surface: str, name: str
) -> None:
    mention = _find(_links(nlp, sentence), surface)
    assert mention.entity_name == name
    assert not mention.entity_id.startswith("nil:")


def test_link_gazetteer_wins_over_a_wrong_model_label(nlp: Language) -> None:
    mention = _find(
        _links(nlp, "Officials in Kiev said the talks in Istanbul were useful."), "Kiev"
    )
    assert mention.entity_name == "Kyiv"
    assert mention.role == "place"


@pytest.mark.parametrize(
    ("sentence", "surface", "name", "role"),
    [
        ("The Kremlin said the memorandum was still being drafted.", "Kremlin", "Russia", "actor"),
        ("Moscow rejected the proposal for a thirty-day truce.", "Moscow", "Russia", "actor"),
        ("Kiev cannot accept a demand to withdraw its troops.", "Kiev", "Ukraine", "actor"),
        ("The envoy held three hours of talks in Moscow on Thursday.", "Moscow", "Moscow", "place"),
        ("Ukraine and Russia exchanged prisoners on Friday.", "Ukraine", "Ukraine", "actor"),
        ("Prisoners were exchanged in Ukraine on Friday.", "Ukraine", "Ukraine", "place"),
    ],
)
def test_link_metonymy_and_location(
    nlp: Language, sentence: str, surface: str, name: str, role: str
) -> None:
    mention = _find(_links(nlp, sentence), surface)
    assert (mention.entity_name, mention.role) == (name, role)


def test_link_demonym_with_agency_names_the_state(nlp: Language) -> None:
    mentions = _links(
        nlp, "The Ukrainian delegation arrived late, and Russian forces kept shelling the city."
    )
    assert {m.entity_name for m in mentions if m.method == "demonym"} == {"Ukraine", "Russia"}
    assert all(m.role == "actor" for m in mentions if m.method == "demonym")


def test_link_plain_nationality_adjective_is_not_an_actor(nlp: Language) -> None:
    mentions = _links(nlp, "A Russian-born chef opened a restaurant in Istanbul last year.")
    assert "Russia" not in {m.entity_name for m in mentions}


def test_link_unknown_name_is_kept_as_its_own_entity(nlp: Language) -> None:
    mentions = _links(nlp, "Olena Hrytsenko, a lawyer from Lviv, said the exchange was overdue.")
    mention = _find(mentions, "Olena Hrytsenko")
    assert mention.entity_id == "nil:olena hrytsenko"
    assert mention.entity_name == "Olena Hrytsenko"
    assert mention.method == "unlinked"


def test_link_short_form_follows_the_full_name(nlp: Language) -> None:
    text = "Olena Hrytsenko spoke first. Later, Hrytsenko said the exchange was overdue."
    mentions = [m for m in _links(nlp, text) if m.text in ("Olena Hrytsenko", "Hrytsenko")]
    assert [m.entity_id for m in mentions] == ["nil:olena hrytsenko"] * 2
    assert mentions[1].method == "short form"


@pytest.mark.parametrize(
    ("published", "name"),
    [(date(2023, 6, 1), "Dmytro Kuleba"), (date(2025, 3, 1), "Andrii Sybiha")],
)
def test_link_role_description_depends_on_the_article_date(
    nlp: Language, published: date, name: str
) -> None:
    mentions = _links(nlp, "Ukraine's foreign minister said the talks should continue.", published)
    described = [m for m in mentions if m.method == "role description"]
    assert [m.entity_name for m in described] == [name]


def test_link_shared_name_is_decided_by_context(nlp: Language) -> None:
    plant = _find(
        _links(nlp, "Inspectors visited the nuclear power plant in Zaporizhzhia."), "Zaporizhzhia"
    )
    region = _find(
        _links(nlp, "Troops must leave the Kherson and Zaporizhzhia regions."), "Zaporizhzhia"
    )
    city = _find(_links(nlp, "Missiles hit Zaporizhzhia overnight."), "Zaporizhzhia")
    assert plant.entity_name == "Zaporizhzhia Nuclear Power Plant"
    assert region.entity_name == "Zaporizhzhia Oblast"
    assert city.entity_name == "Zaporizhzhia"


def test_link_non_english_text_gets_gazetteer_matching_only(nlp: Language) -> None:
    mentions = _links(
        nlp,
        "Делегації України та Росії зустрілися в Стамбулі. Київ наполягає на обміні.",
        lang="uk",
    )
    names = {m.entity_name for m in mentions}
    assert "Kyiv" in names or "Ukraine" in names
    assert all(m.method != "unlinked" for m in mentions)  # no statistical NER on this text


def test_link_a_title_word_alone_is_not_an_entity(nlp: Language) -> None:
    mentions = _links(nlp, "The Defence Minister met the State officials. Defence was the topic.")
    assert not [m for m in mentions if m.method == "unlinked" and m.text in ("Defence", "State")]


def test_link_acronym_follows_the_name_the_article_defines(nlp: Language) -> None:
    text = (
        "The Black Sea Monitoring Group (BSMG) inspected the ships in Istanbul. "
        "On Friday, the BSMG said two more vessels had been cleared."
    )
    mentions = [m for m in _links(nlp, text) if m.text in ("BSMG", "Black Sea Monitoring Group")]
    assert mentions and {m.entity_id for m in mentions} == {"nil:black sea monitoring group"}


def test_link_name_completed_by_a_shared_head(nlp: Language) -> None:
    mentions = _links(nlp, "Moscow demands the Zaporozhye and Kherson Oblasts.")
    assert _find(mentions, "Zaporozhye").entity_name == "Zaporizhzhia Oblast"


def test_link_acronym_of_an_organization_named_earlier(nlp: Language) -> None:
    text = (
        "The Gulf Press Service reported that the delegations met in Istanbul. "
        "The GPS said the talks had been constructive."
    )
    mentions = [m for m in _links(nlp, text) if m.text in ("GPS", "Gulf Press Service")]
    assert len(mentions) == 2
    assert {m.entity_id for m in mentions} == {"nil:gulf press service"}


def test_link_hyphenated_name_written_with_a_space(nlp: Language) -> None:
    """A gazetteer's "Congo-Brazzaville" is found where the text writes "Congo Brazzaville"."""
    mentions = _links(nlp, "Leaders of Egypt and Congo Brazzaville travelled to Kyiv.")
    assert _find(mentions, "Congo Brazzaville").entity_name == "Republic of the Congo"


@pytest.mark.parametrize(
    ("sentence", "surface", "name"),
    [
        (
            "State Division spokeswoman Tammy Bruce told reporters the talks would go on.",
            "State Division",
            "United States Department of State",
        ),
        (
            "The White Home said on Monday that the call had gone well.",
            "White Home",
            "United States",
        ),
    ],
)
def test_link_institution_name_reworded_by_a_spinner(
    nlp: Language, sentence: str, surface: str, name: str
) -> None:
    """Spun or machine-translated text swaps the words of institution names."""
    assert _find(_links(nlp, sentence), surface).entity_name == name


def test_link_reworded_name_must_keep_its_capitals(nlp: Language) -> None:
    mentions = _links(nlp, "Officials in Kyiv said the state division of powers was clear.")
    assert not [m for m in mentions if m.entity_name == "United States Department of State"]


def test_reworded_forms_keep_capitals_and_need_two_words() -> None:
    swaps = {"department": ("division",), "house": ("home",)}
    assert reworded("State Department", swaps) == ["State Division"]
    assert reworded("STATE DEPARTMENT", swaps) == ["STATE DIVISION"]
    assert reworded("Department", swaps) == []
    assert reworded("Kremlin Palace", swaps) == []


def test_reworded_form_that_is_another_entrys_name_is_not_used(tmp_path: Path) -> None:
    records = [
        {"id": "energy-agency", "name": "Energy Agency", "kind": "organization"},
        {"id": "energy-company", "name": "Energy Company", "kind": "organization"},
    ]
    (tmp_path / "gazetteer").mkdir()
    (tmp_path / "case.toml").write_text('name = "t"\ntitle = "t"\n', encoding="utf-8")
    (tmp_path / "gazetteer" / "entries.jsonl").write_text(
        "\n".join(json.dumps(r) for r in records), encoding="utf-8"
    )
    gazetteer = Gazetteer(load_case(tmp_path))
    assert gazetteer.reworded("Energy Company") is None
    found = gazetteer.reworded("Vitality Agency")
    assert found is not None and found.name == "Energy Agency"


@pytest.mark.parametrize("mark", ["ʼ", "`", "´", "’", "'"])
def test_link_possessive_with_any_apostrophe(nlp: Language, mark: str) -> None:
    """Ukrainian outlets print the modifier letter apostrophe: "Ukraineʼs" is Ukraine's."""
    mentions = _links(nlp, f"Ukraine{mark}s delegation met Russia{mark}s envoys in Istanbul.")
    assert _find(mentions, "Ukraine").entity_name == "Ukraine"
    assert _find(mentions, "Russia").entity_name == "Russia"


def test_link_spun_title_words_are_no_entity(nlp: Language) -> None:
    """ "Nationwide Safety Advisor" is a spun "National Security Adviser", not a body."""
    mentions = _links(nlp, "Nationwide Safety Advisor Mike Waltz met the Ukrainian delegation.")
    assert not [m for m in mentions if m.method == "unlinked" and "Safety" in m.text]


def test_link_entity_never_runs_over_a_line_break(nlp: Language) -> None:
    text = "Energy Truce Talks Derailed by Cross-Border Raid\n\nTalks were put off."
    assert all("\n" not in m.text for m in _links(nlp, text))


def test_link_de_facto_republic_is_actor_or_territory_by_context(nlp: Language) -> None:
    text = (
        "Putin said talks could start once Ukrainian troops withdraw from the Donetsk "
        "People's Republic. Later the Donetsk People's Republic said it had taken the town."
    )
    roles = [m.role for m in _links(nlp, text) if m.entity_name == "Donetsk People's Republic"]
    assert roles == ["place", "actor"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Ukraine rejected the offer on Monday. The Foreign Ministry said it was a trick.",
            "Ministry of Foreign Affairs (Ukraine)",
        ),
        (
            "Peskov said Russia would answer. The Foreign Ministry called the plan a provocation.",
            "Ministry of Foreign Affairs (Russia)",
        ),
    ],
)
def test_link_body_named_without_its_state_takes_the_state_in_context(
    nlp: Language, text: str, name: str
) -> None:
    assert _find(_links(nlp, text), "Foreign Ministry").entity_name == name


def test_link_body_without_a_state_in_context_stays_unlinked(nlp: Language) -> None:
    mentions = _links(nlp, "The Foreign Ministry said the talks in Geneva had been useful.")
    assert not [m for m in mentions if m.entity_name.startswith("Ministry of Foreign Affairs")]


def test_link_shared_first_name_does_not_make_a_match(nlp: Language) -> None:
    """ "Dmitry Petrov" is as alike to "Dmitry Peskov" as a typo would be, but only through
    the first name: the surname has to be recognizable."""
    mentions = _links(nlp, "Dmitry Petrov, a banker, said the sanctions hurt.")
    assert _find(mentions, "Dmitry Petrov").entity_id == "nil:dmitry petrov"
    damaged = _links(nlp, "Dmitri Pekov told reporters the talks would go on.")
    assert _find(damaged, "Dmitri Pekov").entity_name == "Dmitry Peskov"


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Drones struck the Kyiv area overnight, officials said.", "place"),
        ("Shelling hit the Kyiv suburbs on Friday.", "place"),
        ("Kyiv rejected the offer on Friday.", "actor"),
    ],
)
def test_link_seat_of_power_before_a_place_noun_is_the_place(
    nlp: Language, text: str, role: str
) -> None:
    assert _find(_links(nlp, text), "Kyiv").role == role


def test_link_abbreviation_before_a_hyphen_stands_alone(nlp: Language) -> None:
    """ "U.S.-brokered" splits as "UN-brokered" does, so "U.S." is found."""
    mentions = _links(nlp, "A U.S.-brokered truce took effect in the Black Sea.")
    assert _find(mentions, "U.S.").entity_name == "United States"
