"""Tests for parley.clean: boilerplate removed with its rule named, prose always kept."""

from __future__ import annotations

import pytest

from parley.clean import clean_text, guess_headline, normalize_whitespace
from parley.types import Removal

BEFORE = (
    "Russian and Ukrainian delegations met in Istanbul on 16 May 2025, "
    "their first direct talks since March 2022."
)
EXPIRED = "Russia withdrew from the grain deal in July 2023."
AFTER = "The meeting at Dolmabahce Palace ended after less than two hours, Turkish officials said."


def _between(line: str) -> str:
    """An article with `line` as a paragraph between two paragraphs of prose."""
    return f"{BEFORE}\n\n{line}\n\n{AFTER}"


# ---------------------------------------------------------------------------- removal rules


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        pytest.param(
            "FILE PHOTO: Russian and Ukrainian negotiators at Dolmabahce Palace in Istanbul, "
            "Turkey, March 29, 2022. © Murad Sezer via Getty Images",
            "photo caption",
            id="file-photo-caption",
        ),
        pytest.param("Photo: Reuters", "photo caption", id="credit-photo-colon"),
        pytest.param("Murad Sezer | AFP | Getty Images", "photo caption", id="credit-agency-pipes"),
        pytest.param(
            "Read more: Grain deal signed in Istanbul", "read more", id="read-more-with-headline"
        ),
        pytest.param(
            "Tuning in to Parley Radio for the first time? Click here to find out how to listen.",
            "promo",
            id="promo-first-time",
        ),
        pytest.param("Subscribe to our newsletter", "promo", id="promo-newsletter"),
        pytest.param("Source link", "source link", id="source-link"),
        pytest.param("Share on Facebook", "share buttons", id="share-facebook"),
        pytest.param("Share Tweet Email", "share buttons", id="share-row"),
        pytest.param("Tweet 12 Share", "share buttons", id="share-counts"),
        pytest.param(
            "We use cookies to improve your experience. By continuing you accept our cookies.",
            "page furniture",
            id="cookie-banner",
        ),
        pytest.param("Accept all cookies", "page furniture", id="cookie-button"),
        pytest.param("Home | World | Europe | Politics", "menu", id="menu"),
        pytest.param(
            "By Jane Smith",
            "byline",
            id="byline-by",
        ),
        pytest.param(
            "By Jane Smith and Olena Kovalenko",
            "byline",
            id="byline-two-names",
        ),
        pytest.param(
            "Reporting by Jane Smith in Istanbul; Editing by John Doe",
            "byline",
            id="byline-reporting-editing",
        ),
        pytest.param("Published: Feb 24, 2023 09:13 AM", "timestamp", id="timestamp-published"),
        pytest.param("22:45", "timestamp", id="timestamp-clock"),
    ],
)
def test_clean_removes_boilerplate_line(line: str, rule: str) -> None:
    cleaned = clean_text(_between(line))
    assert cleaned.text == f"{BEFORE}\n\n{AFTER}"
    assert cleaned.removed == [Removal(rule, line)]


@pytest.mark.parametrize(
    ("headline", "caption"),
    [
        pytest.param(
            "Ukraine and Russia swap 1,000 prisoners each after Istanbul talks",
            "FILE PHOTO: Freed Ukrainian prisoners of war pose for a picture after a swap in "
            "the Chernihiv region, Ukraine, May 23, 2025. © Ukrainian Presidential Press "
            "Service via Getty Images",
            id="long-caption",
        ),
        pytest.param(
            "Russia and Ukraine hold first direct talks in three years",
            "FILE PHOTO: Delegations meet in Istanbul. © Murad Sezer via Getty Images",
            id="short-caption",
        ),
    ],
)
def test_clean_caption_glued_to_headline_keeps_headline(headline: str, caption: str) -> None:
    cleaned = clean_text(f"{headline} {caption}\n\n{BEFORE}")
    assert cleaned.text == f"{headline}\n\n{BEFORE}"
    assert cleaned.removed == [Removal("photo caption", caption)]


def test_clean_inline_photo_credit_at_end_of_paragraph() -> None:
    cleaned = clean_text(f"{BEFORE} Photo: Reuters\n\n{AFTER}")
    assert cleaned.text == f"{BEFORE}\n\n{AFTER}"
    assert cleaned.removed == [Removal("photo caption", "Photo: Reuters")]


def test_clean_read_more_headline_and_its_repeat_removed() -> None:
    headline = "Grain deal signed in Istanbul"
    raw = f"{BEFORE}\n\nRead more: {headline}\n\n{AFTER}\n\n{headline}\n\n{EXPIRED}"
    cleaned = clean_text(raw)
    assert cleaned.text == f"{BEFORE}\n\n{AFTER}\n\n{EXPIRED}"
    assert cleaned.removed == [
        Removal("read more", f"Read more: {headline}"),
        Removal("repeated headline", headline),
    ]


def test_clean_bare_read_more_takes_the_next_line_and_its_repeat() -> None:
    headline = "Grain deal signed in Istanbul"
    raw = f"{BEFORE}\n\nREAD MORE\n{headline}\n\n{AFTER}\n\n{headline}\n\n{EXPIRED}"
    cleaned = clean_text(raw)
    assert cleaned.text == f"{BEFORE}\n\n{AFTER}\n\n{EXPIRED}"
    assert cleaned.removed == [
        Removal("read more", "READ MORE"),
        Removal("read more", headline),
        Removal("repeated headline", headline),
    ]


@pytest.mark.parametrize("separator", [" ", "\n", "\n\n"])
def test_clean_trailing_agency_tag_removed(separator: str) -> None:
    cleaned = clean_text(f"{BEFORE}\n\n{AFTER}{separator}(RT)")
    assert cleaned.text == f"{BEFORE}\n\n{AFTER}"
    assert cleaned.removed == [Removal("agency tag", "(RT)")]


# ---------------------------------------------------------------------------- prose kept


@pytest.mark.parametrize(
    "sentence",
    [
        "Read the memorandum closely, Medinsky told reporters, and you will see that Russia "
        "wants Ukraine to withdraw its troops.",
        "A source in the Ukrainian delegation said the talks lasted less than two hours.",
        "The source of the disagreement is the status of Crimea.",
        "By Tuesday, the delegations had agreed to exchange 1,000 prisoners each.",
        "Follow-up talks are expected in June.",
        "Share of grain shipped through the corridor rose to 3 million tonnes in October.",
        "Russia's share of the world wheat market made the grain deal a global concern.",
        "Related talks were held in Riyadh in March 2025 between American and Russian officials.",
        "Ukraine asked for guarantees modelled on the North Atlantic Treaty Organization (NATO) "
        "and its Article 5.",
        "Kyiv wanted a role for the North Atlantic Treaty Organization (NATO).",
    ],
)
def test_clean_keeps_prose_that_looks_like_boilerplate(sentence: str) -> None:
    between = clean_text(_between(sentence))
    assert sentence in between.text
    assert between.text == _between(sentence)
    assert between.removed == []
    alone = clean_text(sentence)
    assert alone.text == sentence
    assert alone.removed == []


def test_clean_keeps_parenthesised_acronym_opening_a_paragraph() -> None:
    raw = _between("(NATO) members were not at the table in Istanbul.")
    cleaned = clean_text(raw)
    assert cleaned.text == raw
    assert cleaned.removed == []


# ---------------------------------------------------------------------------- characters


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "Zelenskyâ€™s delegation arrived in Istanbul.",
            "Zelensky’s delegation arrived in Istanbul.",
        ),
        (
            "The summit at BÃ¼rgenstock opened on 15 June.",
            "The summit at Bürgenstock opened on 15 June.",
        ),
        ("Zelensky’s aide said “no” to the demand.", "Zelensky’s aide said “no” to the demand."),
        (
            'Medinsky said "the talks were constructive".',
            'Medinsky said "the talks were constructive".',
        ),
    ],
)
def test_clean_fixes_mojibake_and_keeps_quotes(raw: str, expected: str) -> None:
    cleaned = clean_text(raw)
    assert cleaned.text == expected
    assert cleaned.removed == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("The  talks\u00a0\u00a0began   at noon.", "The talks began at noon."),
        ("The talks began.\n\n\n\n\nThey ended at two.", "The talks began.\n\nThey ended at two."),
        ("  The talks began.  \r\n\r\n\r\n  They ended.\t", "The talks began.\n\nThey ended."),
        ("The talks\u200b began.\nThey ended.", "The talks began.\nThey ended."),
        ("\n\n\nThe talks began.\n\n\n", "The talks began."),
    ],
)
def test_clean_normalizes_whitespace(raw: str, expected: str) -> None:
    assert normalize_whitespace(raw) == expected
    cleaned = clean_text(raw)
    assert cleaned.text == expected
    assert cleaned.removed == []


def test_clean_at_most_one_blank_line_after_removals() -> None:
    raw = f"{BEFORE}\n\n\nShare on Facebook\n\n\n\nSubscribe to our newsletter\n\n\n{AFTER}"
    cleaned = clean_text(raw)
    assert cleaned.text == f"{BEFORE}\n\n{AFTER}"
    assert [r.rule for r in cleaned.removed] == ["share buttons", "promo"]


# ---------------------------------------------------------------------------- headline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russia and Ukraine sign grain deal in Istanbul\n\nRussia and Ukraine signed deals.",
            "Russia and Ukraine sign grain deal in Istanbul",
        ),
        ("Delegations met in Istanbul on Friday.\n\nThe talks were short.", None),
        ("Talks\n\nThe talks were short.", None),
        ("Russia and Ukraine sign grain deal in Istanbul", None),
    ],
)
def test_clean_guess_headline(text: str, expected: str | None) -> None:
    assert guess_headline(text) == expected
