"""Tests for parley.metadata: outlet, dates and language found in what an article carries."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from parley.metadata import (
    date_from_dateline,
    date_from_url,
    detect_language,
    outlet_from_url,
    parse_date,
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.reuters.com/world/europe/istanbul-talks", "reuters.com"),
        ("https://en.interfax.com.ua/news/general/1.html", "en.interfax.com.ua"),
        ("https://WWW.KyivIndependent.com/talks-in-istanbul/", "kyivindependent.com"),
        ("http://tass.com:8080/politics/1", "tass.com"),
        ("https://wwwhost.example/a", "wwwhost.example"),
        (None, None),
        ("", None),
        ("not a url at all", None),
    ],
)
def test_metadata_outlet_from_url(url: str | None, expected: str | None) -> None:
    assert outlet_from_url(url) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.bbc.example/news/2022/02/28/gomel-talks", date(2022, 2, 28)),
        ("https://www.bbc.example/news/2022/2/28/gomel-talks", date(2022, 2, 28)),
        ("https://tass.example/politics/20220228/gomel-talks/", date(2022, 2, 28)),
        ("https://un.example/2022-07-22-black-sea-grain-initiative", date(2022, 7, 22)),
        ("https://kyivindependent.example/talks-in-istanbul", None),
        ("https://example.org/2022/13/40/invalid-month-and-day", None),
        ("https://example.org/2022/02/30/no-such-day", None),
        # A date in the query string is not the article's path.
        ("https://example.org/search?from=2022/03/29/", None),
        (None, None),
        ("", None),
    ],
)
def test_metadata_date_from_url(url: str | None, expected: date | None) -> None:
    assert date_from_url(url) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-05-16", date(2025, 5, 16)),
        ("2025-05-16T10:30:00+03:00", date(2025, 5, 16)),
        ("2022-03-29T18:00:00Z", date(2022, 3, 29)),
        ("Fri, 22 Jul 2022 14:05:00 GMT", date(2022, 7, 22)),
        ("Sat, 15 Jun 2024 09:00:00 +0200", date(2024, 6, 15)),
        ("16 May 2025", date(2025, 5, 16)),
        ("June 15, 2024", date(2024, 6, 15)),
        (datetime(2022, 7, 22, 14, 5, tzinfo=UTC), date(2022, 7, 22)),
        (date(2024, 6, 16), date(2024, 6, 16)),
        # No year: not guessed.
        ("16 May", None),
        ("May 16", None),
        # Garbage.
        ("garbage", None),
        ("not a date 2022", None),
        ("yesterday", None),
        ("2022-13-45", None),
        ("", None),
        (None, None),
    ],
)
def test_metadata_parse_date(value: object, expected: date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KYIV, May 16, 2025 — Ukraine's delegation left for Istanbul.", date(2025, 5, 16)),
        (
            "ISTANBUL, 16 May 2025 (Reuters) - Russian and Ukrainian delegations met on Friday.",
            date(2025, 5, 16),
        ),
        (
            "GOMEL REGION, Belarus, Feb. 28, 2022 — The first round of talks began.",
            date(2022, 2, 28),
        ),
        (
            "ISTANBUL, march 29, 2022 — The talks at Dolmabahce Palace lasted three hours.",
            date(2022, 3, 29),
        ),
        ("ISTANBUL, July 22, 2022 - The grain deal was signed on Friday.", date(2022, 7, 22)),
        pytest.param(
            "КИЇВ, 25 травня 2025 року — Україна і Росія завершили обмін полоненими.",
            date(2025, 5, 25),
            id="ukrainian-kyiv-25-travnia-2025",
        ),
        pytest.param(
            "МОСКВА, 29 марта 2022 года — Переговоры в Стамбуле завершились.",
            date(2022, 3, 29),
            id="russian-moskva-29-marta-2022",
        ),
        # The dateline may follow a headline line.
        (
            "Grain deal signed in Istanbul\n\nISTANBUL, July 22, 2022 — Russia and Ukraine signed.",
            date(2022, 7, 22),
        ),
        # No year: not guessed.
        ("KYIV, May 16 — Ukraine's delegation left for Istanbul.", None),
        # A date inside a sentence is not a dateline.
        ("The delegations met in Istanbul on 16 May 2025 to discuss a ceasefire.", None),
        ("Talks on the Black Sea grain deal resumed after months of pressure.", None),
        ("", None),
    ],
)
def test_metadata_date_from_dateline(text: str, expected: date | None) -> None:
    assert date_from_dateline(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The delegations met in Istanbul to discuss a ceasefire and an exchange of prisoners.",
            "en",
            id="en",
        ),
        pytest.param(
            "Делегації України та Росії зустрілися в Стамбулі, щоб обговорити обмін полоненими.",
            "uk",
            id="uk",
        ),
        pytest.param(
            "Делегации России и Украины встретились в Стамбуле, чтобы обсудить обмен пленными.",
            "ru",
            id="ru",
        ),
        pytest.param(
            "Les délégations russe et ukrainienne se sont réunies à Istanbul pour discuter "
            "d'un cessez-le-feu.",
            "fr",
            id="fr",
        ),
        pytest.param("123 456", None, id="digits-only"),
        pytest.param("Istanbul talks", None, id="too-short"),
        pytest.param("", None, id="empty"),
    ],
)
def test_metadata_detect_language(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected
