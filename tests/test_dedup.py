"""Dedup primitives: the exact text hash, MinHash fingerprints and their similarity."""

from __future__ import annotations

import pytest

from parley.dedup import fingerprint, similarity, text_hash
from tests.texts import ISTANBUL_2025, ISTANBUL_2025_OTHER

REWORDED = ISTANBUL_2025.replace(
    "The session lasted less than two hours and ended without any agreement on a ceasefire.",
    "The meeting broke up after under two hours with no deal on halting the fighting.",
)
PARAGRAPH_ADDED = (
    ISTANBUL_2025
    + "\n\nPresident Volodymyr Zelensky said later that Kyiv was ready for a meeting of leaders."
)


def _signature(text: str) -> bytes:
    signature = fingerprint(text).signature
    assert signature is not None
    return signature


@pytest.mark.parametrize(
    "edited",
    [
        pytest.param(ISTANBUL_2025.upper(), id="upper-case"),
        pytest.param(ISTANBUL_2025.lower(), id="lower-case"),
        pytest.param(ISTANBUL_2025.replace(". ", "! "), id="punctuation"),
        pytest.param(ISTANBUL_2025.replace(",", ""), id="commas-dropped"),
        pytest.param(ISTANBUL_2025.replace(" ", "  \n\t "), id="whitespace"),
        pytest.param("  " + ISTANBUL_2025 + "\n\n", id="surrounding-space"),
    ],
)
def test_dedup_text_hash_ignores_case_punctuation_and_whitespace(edited: str) -> None:
    assert edited != ISTANBUL_2025
    assert text_hash(edited) == text_hash(ISTANBUL_2025)


@pytest.mark.parametrize(
    "edited",
    [
        pytest.param(ISTANBUL_2025.replace("one thousand", "one hundred"), id="word-changed"),
        pytest.param(ISTANBUL_2025 + " Talks resume.", id="sentence-added"),
        pytest.param(ISTANBUL_2025.replace("Istanbul ", ""), id="word-dropped"),
    ],
)
def test_dedup_text_hash_differs_when_words_change(edited: str) -> None:
    assert text_hash(edited) != text_hash(ISTANBUL_2025)


@pytest.mark.parametrize(
    "short",
    [
        "Talks in Istanbul ended.",
        "Russia and Ukraine agreed to swap prisoners in Istanbul on Friday.",
    ],
)
def test_dedup_fingerprint_of_short_text_has_no_signature(short: str) -> None:
    printed = fingerprint(short)
    assert printed.signature is None
    assert printed.bands == ()
    assert printed.text_hash == text_hash(short)


def test_dedup_fingerprint_of_article_has_signature_and_bands() -> None:
    printed = fingerprint(ISTANBUL_2025)
    assert printed.signature is not None
    assert len(printed.bands) > 0
    assert printed == fingerprint(ISTANBUL_2025)


def test_dedup_similarity_of_identical_texts_is_one() -> None:
    assert similarity(_signature(ISTANBUL_2025), _signature(ISTANBUL_2025)) == 1.0


@pytest.mark.parametrize(
    "edited",
    [
        pytest.param(REWORDED, id="sentence-reworded"),
        pytest.param(PARAGRAPH_ADDED, id="paragraph-added"),
    ],
)
def test_dedup_similarity_of_light_edit_is_high(edited: str) -> None:
    score = similarity(_signature(ISTANBUL_2025), _signature(edited))
    assert 0.5 <= score < 1.0


def test_dedup_similarity_of_independent_reports_is_low() -> None:
    assert similarity(_signature(ISTANBUL_2025), _signature(ISTANBUL_2025_OTHER)) < 0.2
