"""Linking with the shipped ukraine-russia gazetteer, on our own sentences: damaged and
re-romanized names of people across its categories, and local roles resolved by date."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from parley.pipeline import analyze_document
from parley.types import Mention


def _links(nlp: Language, text: str, published: date = date(2025, 5, 16)) -> list[Mention]:
    return analyze_document(nlp, text, published=published, lang="en").mentions


@pytest.mark.parametrize(
    ("sentence", "surface", "name"),
    [
        (
            "Bryansk governor Aleksandr Bogomas said two drones were downed.",
            "Aleksandr Bogomas",
            "Alexander Bogomaz",
        ),
        (
            "Air Force spokesman Yuriy Ignat said 40 drones were shot down.",
            "Yuriy Ignat",
            "Yurii Ihnat",
        ),
        (
            "Commander-in-chief Oleksandr Sirsky visited the front.",
            "Oleksandr Sirsky",
            "Oleksandr Syrskyi",
        ),
        (
            "Ukrainian lawmaker Oleksiy Goncharenko said the vote failed.",
            "Oleksiy Goncharenko",
            "Oleksiy Honcharenko",
        ),
        (
            "Yaroslav Zheleznyak wrote on Telegram that the bill passed.",
            "Yaroslav Zheleznyak",
            "Yaroslav Zhelezniak",
        ),
        ("Steve Rozenberg of the BBC reported from Moscow.", "Steve Rozenberg", "Steve Rosenberg"),
        (
            "Kharkiv governor Oleg Sinegubov said three were injured.",
            "Oleg Sinegubov",
            "Oleh Syniehubov",
        ),
        (
            "Ukrainian Interior Minister Igor Klimenko said rescuers were working.",
            "Igor Klimenko",
            "Ihor Klymenko",
        ),
        (
            "Ukraine's digital minister Mikhail Fedorov said drones were key.",
            "Mikhail Fedorov",
            "Mykhailo Fedorov",
        ),
    ],
)
def test_shipped_case_links_damaged_names(
    nlp: Language, sentence: str, surface: str, name: str
) -> None:
    found = [m for m in _links(nlp, sentence) if m.text == surface]
    assert found, f"no mention {surface!r}"
    assert found[0].entity_name == name


@pytest.mark.parametrize(
    ("text", "published", "name"),
    [
        ("The Kursk governor said two people were hurt.", date(2024, 8, 10), "Alexei Smirnov"),
        ("The Kursk governor said two people were hurt.", date(2025, 3, 10), "Khinshtein"),
        ("Kharkiv's mayor said the city was hit overnight.", date(2025, 3, 10), "Terekhov"),
    ],
)
def test_shipped_case_local_role_is_the_holder_on_the_article_date(
    nlp: Language, text: str, published: date, name: str
) -> None:
    described = [m for m in _links(nlp, text, published) if m.method == "role description"]
    assert len(described) == 1
    assert name in described[0].entity_name


def test_shipped_case_mayor_without_a_city_is_nobody(nlp: Language) -> None:
    mentions = _links(nlp, "The mayor said the city was hit overnight.")
    assert not [m for m in mentions if m.method == "role description"]


def test_shipped_case_bare_air_force_is_the_state_in_context_never_a_fuzzy_match(
    nlp: Language,
) -> None:
    text = (
        "Russia launched 90 drones at Ukraine overnight. Sixty were shot down, the Air Force said."
    )
    found = [m for m in _links(nlp, text) if m.text == "Air Force"]
    assert [m.entity_name for m in found] == ["Ukrainian Air Force"]
    alone = [m for m in _links(nlp, "The Air Force said the drones came from the north.")]
    assert not [
        m for m in alone if m.entity_name.endswith("Air Force") and m.entity_id[:4] != "nil:"
    ]


def test_shipped_case_city_in_a_list_of_ports_is_its_port(nlp: Language) -> None:
    text = (
        "The deal reopens three Black Sea ports: Odesa, Pivdennyi and Chornomorsk. "
        "Officials met in Odesa on Friday."
    )
    names = [(m.text, m.entity_name) for m in _links(nlp, text) if m.role == "place"]
    assert ("Odesa", "Port of Odesa") in names
    assert ("Chornomorsk", "Port of Chornomorsk") in names
    assert names[-1] == ("Odesa", "Odesa")


@pytest.mark.parametrize(
    ("sentence", "surface", "name"),
    [
        ("Rustam Umerov led the Ukrainian delegation.", "Rustam Umerov", "Rustem Umerov"),
        ("Recep Erdogan hosted the talks.", "Recep Erdogan", "Recep Tayyip Erdoğan"),
        ("Delegations gathered in Jedda on Tuesday.", "Jedda", "Jeddah"),
        ("President Zelensky thanked the mediators.", "Zelensky", "Volodymyr Zelenskyy"),
    ],
)
def test_shipped_case_whole_names_and_common_spellings(
    nlp: Language, sentence: str, surface: str, name: str
) -> None:
    found = [m for m in _links(nlp, sentence) if m.text == surface]
    assert found, [m.text for m in _links(nlp, sentence)]
    assert found[0].entity_name == name


def test_shipped_case_namesake_with_another_given_name_is_not_the_person(nlp: Language) -> None:
    mentions = _links(nlp, "Andrei Umerov, a Moscow businessman, denied the report.")
    assert not [m for m in mentions if m.entity_name == "Rustem Umerov"]
