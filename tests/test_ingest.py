"""Ingest: reading every format, storing each article once, linking duplicates, and
skipping bad inputs one by one while the rest of the batch is stored."""

from __future__ import annotations

import csv
import gc
import gzip
import io
import json
import random
import warnings
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from parley.errors import InputError
from parley.ingest import IngestReport, document_id, ingest, prepare_document
from parley.settings import Settings
from parley.store import Store
from parley.types import Document, RawDocument
from tests.texts import (
    BURGENSTOCK_2024,
    GRAIN_2022,
    ISTANBUL_2022,
    ISTANBUL_2025,
    ISTANBUL_2025_OTHER,
    SWAP_2022_UK,
    TRUMP_PUTIN_2025,
)

# Our own short reports of public events in Russia–Ukraine diplomacy.
SWAP_2022 = (
    "Ukraine brought home 215 people on 21 September 2022 in its largest prisoner exchange of "
    "the war so far. Among them were commanders of the defence of the Azovstal steel works in "
    "Mariupol. Turkey and Saudi Arabia mediated the deal, under which five of the commanders "
    "were to stay in Turkey until the end of the war. Russia received 55 prisoners and the "
    "politician Viktor Medvedchuk in return."
)
RIYADH_2025 = (
    "Senior American and Russian officials met in Riyadh on 18 February 2025 for their first "
    "extended talks since the full-scale invasion began. Secretary of State Marco Rubio and "
    "Foreign Minister Sergei Lavrov agreed to restore staffing at their embassies and to set "
    "up teams to work towards ending the war. Ukraine was not represented, and President "
    "Zelensky said Kyiv would not accept any outcome agreed without it."
)
JEDDAH_2025 = (
    "At talks in Jeddah on 11 March 2025, Ukraine said it was ready to accept an American "
    "proposal for an immediate thirty-day ceasefire. In return Washington lifted its pause on "
    "military aid and intelligence sharing with Kyiv. Secretary of State Marco Rubio said the "
    "ball was now in Russia's court. Saudi Arabia hosted the meeting, which lasted more than "
    "eight hours."
)
# The same wire story as printed elsewhere: new headline, one sentence reworded, a
# paragraph added.
ISTANBUL_2025_WIRE_COPY = (
    "Istanbul talks yield record swap\n\n"
    + ISTANBUL_2025.replace(
        "The session lasted less than two hours and ended without any agreement on a ceasefire.",
        "The meeting broke up after under two hours with no deal on halting the fighting.",
    )
    + "\n\nKyiv said it was ready for a meeting of presidents."
)
# The same event reported independently.


@pytest.fixture(autouse=True)
def _collect_garbage() -> Iterator[None]:
    """Collect garbage before each test ends, so that a file handle a test leaks warns
    inside that test (under its own warning filters), not in some later test."""
    yield
    gc.collect()


def _jsonl(*records: dict[str, Any]) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def _csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _html_page(title: str, text: str, *, extra_head: str = "", extra_body: str = "") -> str:
    paragraphs = "".join(f"<p>{sentence}.</p>" for sentence in text.rstrip(".").split(". "))
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'{extra_head}</head><body><nav><a href="/">Home</a> | <a href="/world">World</a>'
        f"</nav><article><h1>{title}</h1>{paragraphs}</article>{extra_body}"
        "<footer>All rights reserved.</footer></body></html>"
    )


def _all(store: Store) -> list[Document]:
    return list(store.iter_documents(originals_only=False))


def _by_source(store: Store) -> dict[str, Document]:
    return {doc.source: doc for doc in _all(store)}


def _run(store: Store, settings: Settings, *inputs: Path | str) -> IngestReport:
    return ingest(store, [str(i) for i in inputs], settings=settings)


# ---------------------------------------------------------------------------- formats


@pytest.fixture
def several_formats(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    (folder / "nested").mkdir(parents=True)
    (folder / "istanbul-2022.txt").write_text(
        "Ukraine proposes neutrality at Istanbul talks\n\n" + ISTANBUL_2022, encoding="utf-8"
    )
    (folder / "burgenstock.md").write_text(
        "---\ntitle: Bürgenstock summit ends with communiqué\noutlet: alpine.example\n"
        "published: 2024-06-16\nlang: en\n---\n\n# Bürgenstock summit\n\n" + BURGENSTOCK_2024,
        encoding="utf-8",
    )
    (folder / "grain.html").write_text(
        _html_page("Grain deal signed in Istanbul", GRAIN_2022), encoding="utf-8"
    )
    (folder / "call.json").write_text(
        json.dumps(
            {
                "articles": [
                    {
                        "headline": "Trump and Putin talk",
                        "body": TRUMP_PUTIN_2025,
                        "date": "2025-03-18",
                        "link": "https://capitol.example/call",
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    (folder / "nested" / "talks.jsonl").write_text(
        _jsonl(
            {
                "id": "ist-2025",
                "title": "Istanbul talks",
                "text": ISTANBUL_2025,
                "url": "https://harbour.example/2025/05/16/istanbul",
            },
            {
                "id": "jed-2025",
                "title": "Jeddah talks",
                "text": JEDDAH_2025,
                "published": "2025-03-11",
            },
        ),
        encoding="utf-8",
    )
    (folder / "riyadh.csv").write_text(
        _csv(
            [
                {
                    "title": "Riyadh talks",
                    "text": RIYADH_2025,
                    "published": "2025-02-18",
                    "outlet": "gulf.example",
                }
            ]
        ),
        encoding="utf-8",
    )
    (folder / "swap.rss").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        "<title>Northline</title><link>https://northline.example/</link>"
        "<description>News</description><item><title>Ukraine wins release of 215</title>"
        "<link>https://northline.example/swap</link><guid>swap-2022</guid>"
        "<pubDate>Wed, 21 Sep 2022 22:00:00 GMT</pubDate>"
        f"<description><![CDATA[<p>{SWAP_2022}</p>]]></description></item></channel></rss>",
        encoding="utf-8",
    )
    (folder / "README.md").write_text("# Notes\n\nThese files are test articles, not news.\n")
    (folder / ".hidden.txt").write_text(ISTANBUL_2025_OTHER)
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(200))
    return folder


def test_ingest_folder_of_several_formats_adds_each_article(
    store: Store, settings: Settings, several_formats: Path
) -> None:
    report = _run(store, settings, several_formats)
    assert report.skipped == []
    assert report.complete
    assert (report.sources, report.added, report.duplicates) == (7, 8, 0)

    documents = _all(store)
    formats = sorted(doc.format for doc in documents)
    assert formats == ["csv", "feed", "html", "json", "jsonl", "jsonl", "markdown", "text"]
    texts = {doc.format + ":" + (doc.external_id or ""): doc for doc in documents}
    expected = {
        "text:": ISTANBUL_2022,
        "markdown:": BURGENSTOCK_2024,
        "json:": TRUMP_PUTIN_2025,
        "jsonl:ist-2025": ISTANBUL_2025,
        "jsonl:jed-2025": JEDDAH_2025,
        "csv:": RIYADH_2025,
        "feed:swap-2022": SWAP_2022,
    }
    for key, text in expected.items():
        assert texts[key].clean_text.endswith(text[-60:]), key
        assert text[:50] in texts[key].clean_text, key
    html = texts["html:"]
    assert "Guterres" in html.clean_text
    assert "Home" not in html.clean_text
    assert html.title == "Grain deal signed in Istanbul"


def test_ingest_reads_metadata_of_each_format(
    store: Store, settings: Settings, several_formats: Path
) -> None:
    _run(store, settings, several_formats)
    documents = {(doc.format, doc.external_id): doc for doc in _all(store)}
    text = documents[("text", None)]
    assert text.title == "Ukraine proposes neutrality at Istanbul talks"
    markdown = documents[("markdown", None)]
    assert (markdown.title, markdown.outlet, markdown.published) == (
        "Bürgenstock summit ends with communiqué",
        "alpine.example",
        date(2024, 6, 16),
    )
    assert (markdown.lang, markdown.lang_from) == ("en", "field")
    call = documents[("json", None)]
    assert (call.title, call.outlet, call.published) == (
        "Trump and Putin talk",
        "capitol.example",
        date(2025, 3, 18),
    )
    istanbul = documents[("jsonl", "ist-2025")]
    assert (istanbul.published, istanbul.published_from) == (date(2025, 5, 16), "url")
    assert istanbul.outlet == "harbour.example"
    csv_doc = documents[("csv", None)]
    assert (csv_doc.outlet, csv_doc.published) == ("gulf.example", date(2025, 2, 18))
    feed = documents[("feed", "swap-2022")]
    assert (feed.outlet, feed.published, feed.url) == (
        "northline.example",
        date(2022, 9, 21),
        "https://northline.example/swap",
    )


def test_ingest_html_page_raises_no_warning(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    page = tmp_path / "grain.html"
    page.write_text(_html_page("Grain deal signed in Istanbul", GRAIN_2022), encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report = _run(store, settings, page)
    assert report.added == 1
    assert [str(w.message) for w in caught] == []


def test_ingest_csv_file_raises_no_warning(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    table = tmp_path / "riyadh.csv"
    table.write_text(_csv([{"title": "Riyadh talks", "text": RIYADH_2025}]), encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report = _run(store, settings, table)
        gc.collect()
    assert report.added == 1
    assert [str(w.message) for w in caught] == []


# ---------------------------------------------------------------------------- reruns


@pytest.mark.parametrize("name", ["talks.jsonl.gz", "talks.txt.gz"])
def test_ingest_gzip_file_raises_no_warning(
    store: Store, settings: Settings, tmp_path: Path, name: str
) -> None:
    packed = tmp_path / name
    text = _jsonl({"text": JEDDAH_2025}) if name.startswith("talks.jsonl") else JEDDAH_2025
    packed.write_bytes(gzip.compress(text.encode()))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report = _run(store, settings, packed)
        gc.collect()
    assert report.added == 1
    assert [str(w.message) for w in caught] == []


def test_ingest_same_input_twice_adds_nothing(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        _jsonl(
            {"text": ISTANBUL_2022, "url": "https://a.example/1"},
            {"text": GRAIN_2022, "url": "https://a.example/2"},
            {"text": GRAIN_2022, "url": "https://b.example/2"},
            {"text": RIYADH_2025},
        )
    )
    single = tmp_path / "swap.txt"
    single.write_text(SWAP_2022)
    first = _run(store, settings, batch, single)
    assert (first.added, first.exact_duplicates, first.already_stored) == (4, 1, 0)
    ids = sorted(doc.id for doc in _all(store))

    second = _run(store, settings, batch, single)
    assert (second.added, second.duplicates, second.already_stored) == (0, 0, 5)
    assert second.run_id != first.run_id
    assert sorted(doc.id for doc in _all(store)) == ids
    assert store.stats()["documents"] == 5


def test_ingest_document_id_is_stable_and_depends_on_url_and_text() -> None:
    raw = RawDocument(
        text=GRAIN_2022, source="a.jsonl:1", format="jsonl", url="https://a.example/g"
    )
    same_elsewhere = RawDocument(
        text=GRAIN_2022, source="b.jsonl:9", format="jsonl", url="https://a.example/g"
    )
    other_url = RawDocument(
        text=GRAIN_2022, source="a.jsonl:1", format="jsonl", url="https://b.example/g"
    )
    other_text = RawDocument(
        text=SWAP_2022, source="a.jsonl:1", format="jsonl", url="https://a.example/g"
    )
    by_id = RawDocument(text=GRAIN_2022, source="a.jsonl:1", format="jsonl", external_id="g-1")
    assert document_id(raw) == document_id(same_elsewhere)
    assert len({document_id(d) for d in (raw, other_url, other_text, by_id)}) == 4


# ---------------------------------------------------------------------------- duplicates


@pytest.mark.parametrize(
    "copy_text",
    [
        pytest.param(ISTANBUL_2022, id="identical"),
        pytest.param(
            ISTANBUL_2022.upper().replace(",", "").replace(". ", ".\n\n"), id="case-and-layout"
        ),
    ],
)
def test_ingest_exact_duplicate_is_linked_to_first(
    store: Store, settings: Settings, tmp_path: Path, copy_text: str
) -> None:
    batch = tmp_path / "copies.jsonl"
    batch.write_text(
        _jsonl(
            {"text": ISTANBUL_2022, "url": "https://bosporus.example/talks", "outlet": "Bosporus"},
            {"text": copy_text, "url": "https://mirror.example/talks", "outlet": "Mirror"},
            {"text": copy_text + " ", "url": "https://third.example/talks", "outlet": "Third"},
        )
    )
    report = _run(store, settings, batch)
    assert (report.added, report.exact_duplicates, report.near_duplicates) == (1, 2, 0)
    docs = _by_source(store)
    first, second, third = (docs[f"{batch}:{n}"] for n in (1, 2, 3))
    assert first.duplicate_of is None
    for copy in (second, third):
        assert copy.duplicate_of == first.id
        assert copy.duplicate_kind == "exact"
        assert copy.similarity == 1.0
    assert second.outlet == "Mirror"
    assert {c.id for c in store.duplicates_of(first.id)} == {second.id, third.id}


def test_ingest_near_duplicate_is_linked_with_similarity(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "a-original.jsonl").write_text(
        _jsonl({"text": ISTANBUL_2025, "url": "https://harbour.example/istanbul", "title": "Talks"})
    )
    (tmp_path / "b-copy.txt").write_text(ISTANBUL_2025_WIRE_COPY)
    report = _run(store, settings, tmp_path / "a-original.jsonl", tmp_path / "b-copy.txt")
    assert (report.added, report.near_duplicates, report.exact_duplicates) == (1, 1, 0)
    docs = _by_source(store)
    original = docs[f"{tmp_path / 'a-original.jsonl'}:1"]
    copy = docs[str(tmp_path / "b-copy.txt")]
    assert copy.duplicate_of == original.id
    assert copy.duplicate_kind == "near"
    assert copy.similarity is not None
    assert 0.5 <= copy.similarity < 1.0
    assert copy.title == "Istanbul talks yield record swap"


def test_ingest_near_duplicate_found_across_runs(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "copy.txt").write_text(ISTANBUL_2025_WIRE_COPY)
    (tmp_path / "original.txt").write_text(ISTANBUL_2025)
    assert _run(store, settings, tmp_path / "original.txt").added == 1
    report = _run(store, settings, tmp_path / "copy.txt")
    assert (report.added, report.near_duplicates) == (0, 1)


def test_ingest_independent_reports_of_same_event_are_not_linked(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    batch = tmp_path / "istanbul.jsonl"
    batch.write_text(
        _jsonl(
            {"text": ISTANBUL_2025, "outlet": "harbour.example"},
            {"text": ISTANBUL_2025_OTHER, "outlet": "bosporus.example"},
        )
    )
    report = _run(store, settings, batch)
    assert (report.added, report.duplicates) == (2, 0)
    assert all(doc.duplicate_of is None for doc in _all(store))


# ---------------------------------------------------------------------------- bad inputs


def _truncated_gzip_jsonl(first: str, second: str, lost: str) -> bytes:
    """Two gzip members: the first whole (two lines), the second cut short (one line)."""
    whole = gzip.compress(_jsonl({"text": first}, {"text": second}).encode())
    cut = gzip.compress(_jsonl({"text": lost}).encode())[:-20]
    return whole + cut


def _sparse(path: Path) -> None:
    with path.open("wb") as f:
        f.truncate(200 * 1024 * 1024)


def _write(content: bytes | str | Callable[[Path], None]) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        if callable(content):
            content(path)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    return write


_BOILERPLATE_ONLY = (
    "Advertisement\nShare on Facebook\nSubscribe to our newsletter for daily updates\n"
    "Read more: Talks in Istanbul\nAll rights reserved.\n"
)


def _random_high_bytes(count: int = 3000, seed: int = 5) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(0x80, 0x100) for _ in range(count))


_RANDOM_HIGH_BYTES = _random_high_bytes()

# name, content, expected reason fragment, expected line, articles read from the bad file
BAD_INPUTS = [
    pytest.param(
        "photo.txt",
        b"\x00\x01\x02\x03JFIF" + bytes(range(256)) * 8,
        "binary data",
        None,
        0,
        id="binary",
    ),
    pytest.param(
        "dump.jsonl", b"\x00\x00\x00\x01" * 100 + b"\n", "binary data", None, 0, id="binary-jsonl"
    ),
    pytest.param("empty.txt", b"", "empty file", None, 0, id="empty"),
    pytest.param("blank.md", "  \n\n\t\n", "empty input", None, 0, id="whitespace-only"),
    pytest.param("latin.txt", _RANDOM_HIGH_BYTES, "not valid UTF-8", None, 0, id="undecodable"),
    pytest.param(
        "mixed.jsonl",
        _jsonl({"text": SWAP_2022}).encode() + b'{"text": "Kyiv \xff\xfe\xfa talks"}\n',
        "not valid UTF-8",
        2,
        1,
        id="undecodable-line",
    ),
    pytest.param(
        "cp.csv",
        _csv([{"title": "Swap", "text": SWAP_2022}]).encode() + b'Bad,"\xff\xfe\xfa\xfb"\n',
        "not valid",
        3,
        1,
        id="undecodable-csv",
    ),
    pytest.param(
        "batch.jsonl.gz",
        _truncated_gzip_jsonl(SWAP_2022, RIYADH_2025, JEDDAH_2025),
        "truncated gzip data after line 2",
        None,
        2,
        id="truncated-gzip",
    ),
    pytest.param(
        "batch.jsonl",
        _jsonl({"text": SWAP_2022})
        + '{"text": "Talks in Istanbul", broken\n'
        + _jsonl({"text": RIYADH_2025}),
        "malformed JSON",
        2,
        2,
        id="malformed-json-line",
    ),
    pytest.param(
        "list.jsonl",
        _jsonl({"text": SWAP_2022}) + "[1, 2, 3]\n",
        "not a JSON object",
        2,
        1,
        id="json-line-not-object",
    ),
    pytest.param(
        "notext.jsonl",
        _jsonl({"title": "Talks", "body": ""}, {"text": SWAP_2022}),
        "no text",
        1,
        1,
        id="json-line-without-text",
    ),
    pytest.param(
        "broken.json", '[{"text": "Talks in Istanbul"', "malformed JSON", 1, 0, id="malformed-json"
    ),
    pytest.param(
        "rows.csv",
        _csv([{"title": "Swap", "text": SWAP_2022}])
        + "Oops,too,many,values\n"
        + _csv([{"title": "Riyadh", "text": RIYADH_2025}]).split("\n", 1)[1],
        "more values than header columns",
        3,
        2,
        id="malformed-csv-row",
    ),
    pytest.param("huge.txt", _sparse, "too large", None, 0, id="sparse-200MB"),
    pytest.param(
        "nested.html",
        "<html><body>"
        + "<div>" * 100_000
        + f"<p>{SWAP_2022}</p>"
        + "</div>" * 100_000
        + "</body></html>",
        "HTML",
        None,
        0,
        id="nested-divs",
    ),
    pytest.param(
        "scripts.html",
        "<html><head><script>var a = 1;</script></head><body><script>"
        + "document.write('<p>hello</p>');" * 500
        + "</script></body></html>",
        "no article text",
        None,
        0,
        id="scripts-only-html",
    ),
    pytest.param(
        "boiler.txt",
        _BOILERPLATE_ONLY,
        "no article text after cleaning",
        None,
        0,
        id="all-boilerplate",
    ),
    pytest.param(
        "front.md",
        "---\ntitle: Talks\npublished: 2025-05-16\n---\n\n",
        "no article text",
        None,
        0,
        id="front-matter-only",
    ),
    pytest.param(
        "empty.rss",
        '<rss version="2.0"><channel><title>x</title></channel></rss>',
        "feed",
        None,
        0,
        id="feed-without-items",
    ),
    pytest.param(
        "notes.docx",
        "Talks in Istanbul on 16 May 2025 ended quickly today.",
        "unknown format",
        None,
        0,
        id="unknown-format",
    ),
]


@pytest.mark.parametrize(("name", "content", "reason", "line", "read"), BAD_INPUTS)
def test_ingest_bad_input_is_skipped_and_rest_is_stored(
    store: Store,
    settings: Settings,
    tmp_path: Path,
    name: str,
    content: Any,
    reason: str,
    line: int | None,
    read: int,
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ISTANBUL_2022, encoding="utf-8")
    bad = tmp_path / name
    _write(content)(bad)
    last = tmp_path / "last.txt"
    last.write_text(BURGENSTOCK_2024, encoding="utf-8")

    report = _run(store, settings, good, bad, last)

    assert not report.complete
    assert len(report.skipped) == 1, [str(p) for p in report.skipped]
    (problem,) = report.skipped
    assert isinstance(problem, InputError)
    message = str(problem)
    assert "\n" not in message
    assert problem.source == str(bad)
    assert message.startswith(str(bad))
    assert reason in problem.reason
    assert problem.line == line
    if line is not None:
        assert message.startswith(f"{bad}:{line}: ")
    sources = {doc.source for doc in _all(store)}
    assert {str(good), str(last)} <= sources
    assert len(sources) == 2 + read
    assert report.added == 2 + read


def test_ingest_missing_input_is_skipped(store: Store, settings: Settings, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GRAIN_2022)
    report = _run(store, settings, tmp_path / "missing.jsonl", good)
    assert [str(p) for p in report.skipped] == [
        f"{tmp_path / 'missing.jsonl'}: no such file or folder"
    ]
    assert report.added == 1


def test_ingest_hostile_html_with_scripts_keeps_article_only(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    page = tmp_path / "grain.html"
    page.write_text(
        _html_page(
            "Grain deal signed in Istanbul",
            GRAIN_2022,
            extra_head="<script>var trackingSecret = 'XYZZY'; alert('pwned');</script>"
            "<style>body { color: red }</style>",
            extra_body="<script>document.write('<p>injected paragraph XYZZY</p>');</script>"
            '<iframe src="javascript:alert(1)"></iframe>',
        ),
        encoding="utf-8",
    )
    report = _run(store, settings, page)
    assert report.skipped == []
    (document,) = _all(store)
    assert "Guterres" in document.clean_text
    for leaked in ("XYZZY", "alert", "pwned", "color: red", "document.write"):
        assert leaked not in document.clean_text


def test_ingest_bad_batch_records_problems_and_finishes_run(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a-good.txt").write_text(ISTANBUL_2022)
    (folder / "b-binary.txt").write_bytes(b"\x00" * 64 + b"PK")
    (folder / "c-empty.txt").write_bytes(b"")
    (folder / "d-lines.jsonl").write_text(
        _jsonl({"text": SWAP_2022}) + "{not json}\n" + _jsonl({"text": RIYADH_2025})
    )
    (folder / "e-rows.csv").write_text(_csv([{"text": GRAIN_2022}]) + "x,y,z\n")
    _sparse(folder / "f-huge.txt")
    (folder / "g-boiler.txt").write_text(_BOILERPLATE_ONLY)
    (folder / "h-nested.html").write_text("<div>" * 100_000 + "deep" + "</div>" * 100_000)
    (folder / "i-trunc.jsonl.gz").write_bytes(
        _truncated_gzip_jsonl(JEDDAH_2025, TRUMP_PUTIN_2025, BURGENSTOCK_2024)
    )
    (folder / "j-latin.txt").write_bytes(_RANDOM_HIGH_BYTES)

    report = _run(store, settings, folder)

    assert report.sources == 10
    assert (report.added, report.duplicates) == (6, 0)
    problems = store.run_problems(report.run_id)
    assert [(p["source"], p["line"], p["reason"]) for p in problems] == [
        (p.source, p.line, p.reason) for p in report.skipped
    ]
    assert [(Path(p["source"]).name, p["line"]) for p in problems] == [
        ("b-binary.txt", None),
        ("c-empty.txt", None),
        ("d-lines.jsonl", 2),
        ("e-rows.csv", 3),
        ("f-huge.txt", None),
        ("g-boiler.txt", None),
        ("h-nested.html", None),
        ("i-trunc.jsonl.gz", None),
        ("j-latin.txt", None),
    ]
    (run,) = store.list_runs()
    assert run["id"] == report.run_id
    assert run["status"] == "finished"
    assert run["finished_at"] is not None
    assert run["inputs"] == [str(folder)]
    assert run["counts"] == report.counts()
    assert run["counts"]["skipped"] == 9
    assert store.stats()["unfinished_runs"] == 0


# ---------------------------------------------------------------------------- language, boilerplate


@pytest.mark.parametrize(
    ("record", "lang", "lang_from"),
    [
        pytest.param({"text": SWAP_2022_UK}, "uk", "detected", id="detected-uk"),
        pytest.param({"text": GRAIN_2022}, "en", "detected", id="detected-en"),
        pytest.param({"text": GRAIN_2022, "lang": "EN"}, "en", "field", id="field-upper-case"),
        pytest.param({"text": SWAP_2022_UK, "language": "uk"}, "uk", "field", id="field-language"),
        pytest.param({"text": GRAIN_2022, "lang": "de"}, "de", "field", id="field-wins-over-text"),
    ],
)
def test_ingest_language_detected_or_taken_from_field(
    store: Store,
    settings: Settings,
    tmp_path: Path,
    record: dict[str, str],
    lang: str,
    lang_from: str,
) -> None:
    batch = tmp_path / "one.jsonl"
    batch.write_text(_jsonl(record))
    assert _run(store, settings, batch).added == 1
    (document,) = _all(store)
    assert (document.lang, document.lang_from) == (lang, lang_from)


BOILERPLATE_ARTICLE = (
    "Published: 22 July 2022 14:05\n\n"
    + GRAIN_2022.replace(" A joint", "\n\nAdvertisement\n\nA joint")
    + "\n\nReporting by Olena Kovalenko; editing by Mark Heinrich\n"
    "Read more: Russia quits the grain deal\n"
    "Subscribe to our newsletter for daily updates from Kyiv\n"
    "Share on Facebook\n"
)


def test_ingest_removed_boilerplate_is_stored_with_document(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    page = tmp_path / "grain.txt"
    page.write_text(BOILERPLATE_ARTICLE)
    assert _run(store, settings, page).added == 1
    (document,) = _all(store)
    rules = {removal.rule for removal in document.removed}
    assert {"byline", "timestamp", "page furniture", "read more", "promo", "share buttons"} <= rules
    removed_text = " ".join(removal.text for removal in document.removed)
    for line in (
        "Reporting by Olena",
        "Advertisement",
        "Share on Facebook",
        "Subscribe to our newsletter",
    ):
        assert line in removed_text
        assert line not in document.clean_text
        assert line in document.raw_text
    assert "Guterres called the arrangement" in document.clean_text
    assert store.get_document(document.id).removed == document.removed  # type: ignore[union-attr]


@pytest.mark.parametrize("byline", ["By Olena Kovalenko", "By Olena Kovalenko and Mark Heinrich"])
def test_ingest_byline_is_removed_from_clean_text(settings: Settings, byline: str) -> None:
    raw = RawDocument(text=f"{byline}\n\n{GRAIN_2022}", source="grain.txt", format="text")
    document, _ = prepare_document(raw, settings)
    assert [(r.rule, r.text) for r in document.removed] == [("byline", byline)]
    assert document.clean_text == GRAIN_2022


def test_ingest_prepare_document_rejects_text_of_only_boilerplate(settings: Settings) -> None:
    raw = RawDocument(text=_BOILERPLATE_ONLY, source="boiler.txt", format="text")
    with pytest.raises(InputError, match="no article text after cleaning") as caught:
        prepare_document(raw, settings)
    assert caught.value.source == "boiler.txt"


def test_ingest_prepare_document_cleans_and_fingerprints(settings: Settings) -> None:
    raw = RawDocument(
        text="  " + JEDDAH_2025.replace(". ", ".   \n") + "\n\n",
        source="jeddah.txt",
        format="text",
        title="  Jeddah\u00a0talks  ",
        lang="EN",
        url="https://gulf.example/jeddah",
    )
    document, printed = prepare_document(raw, settings)
    assert document.id == document_id(raw)
    assert document.clean_text.startswith("At talks in Jeddah on 11 March 2025")
    assert "   " not in document.clean_text
    assert document.title == "Jeddah talks"
    assert (document.lang, document.lang_from) == ("en", "field")
    assert document.text_hash == printed.text_hash
    assert printed.signature is not None
    assert document.raw_text == raw.text


def test_ingest_progress_reports_sources_and_documents(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text(_jsonl({"text": SWAP_2022}, {"text": RIYADH_2025}, {"text": "short"}))
    events: list[tuple[str, str | None]] = []
    ingest(
        store,
        [str(batch)],
        settings=settings,
        progress=lambda event, source, _size: events.append((event, source and source.name)),
    )
    assert events == [
        ("source", str(batch)),
        ("document", str(batch)),
        ("document", str(batch)),
        ("document", str(batch)),
        ("done", str(batch)),
    ]
