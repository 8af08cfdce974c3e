"""Dedup primitives: the exact text hash, MinHash fingerprints and their similarity."""

from __future__ import annotations

import pytest

from parley.dedup import fingerprint, similarity, text_hash

# Our own short reports of public events (Istanbul talks, 16 May 2025).
ISTANBUL_2025 = (
    "Delegations from Russia and Ukraine held their first direct talks in more than three "
    "years at the Dolmabahçe Palace in Istanbul on 16 May 2025. Turkish Foreign Minister "
    "Hakan Fidan opened the meeting and asked both teams to seize a window of opportunity "
    "for peace. The session lasted less than two hours and ended without any agreement on a "
    "ceasefire. The two sides did agree to exchange one thousand prisoners of war each, the "
    "largest swap of the war so far. Ukrainian Defence Minister Rustem Umerov led the team "
    "from Kyiv, while presidential aide Vladimir Medinsky headed the Russian delegation. "
    "Both delegations said they would set out their visions of a possible future ceasefire "
    "in writing before meeting again."
)

# The same event told independently, in other words.
ISTANBUL_2025_OTHER = (
    "Envoys sent by Kyiv and Moscow sat across a table from each other on Friday for the "
    "first time since the spring of 2022. Their encounter in an Ottoman-era palace on the "
    "Bosphorus, chaired by Turkey's top diplomat, broke up after roughly ninety minutes. "
    "No truce came out of it, but negotiators settled on a swap of a thousand captives per "
    "side, which officials on both sides called a humanitarian step. Ukrainian sources said "
    "Moscow's team demanded further withdrawals that Kyiv described as unacceptable and "
    "designed to make the meeting fail."
)

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
