"""Tests for parley.readers: every input format, and every way an input can be unreadable.

Each bad input must come back as an InputError item from read_source (naming the file,
and the line for line formats), never as an exception that stops a batch.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import logging
import signal
import time
import tracemalloc
import warnings
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from parley.clean import guess_headline
from parley.errors import InputError
from parley.readers import (
    ReadOptions,
    Source,
    decode_bytes,
    find_sources,
    format_of,
    html_to_text,
    read_source,
)
from parley.settings import Settings
from parley.types import RawDocument

# ---------------------------------------------------------------------------- helpers


def _source(path: Path) -> Source:
    return Source(str(path), path=path, size=path.stat().st_size)


def _write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def _read(path: Path, options: ReadOptions | None = None) -> list[RawDocument | InputError]:
    return list(read_source(_source(path), options))


def _docs(items: list[RawDocument | InputError]) -> list[RawDocument]:
    return [item for item in items if isinstance(item, RawDocument)]


def _errors(items: list[RawDocument | InputError]) -> list[InputError]:
    return [item for item in items if isinstance(item, InputError)]


def _only_doc(items: list[RawDocument | InputError]) -> RawDocument:
    assert len(items) == 1, items
    assert isinstance(items[0], RawDocument), items[0]
    return items[0]


def _only_error(items: list[RawDocument | InputError]) -> InputError:
    assert len(items) == 1, items
    assert isinstance(items[0], InputError), items[0]
    assert "\n" not in str(items[0])
    return items[0]


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Fail instead of hanging: raise TimeoutError if the block runs longer than `seconds`."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# ---------------------------------------------------------------------------- sample inputs

GRAIN_TXT = (
    "Russia and Ukraine sign grain deal in Istanbul\n"
    "\n"
    "ISTANBUL, July 22, 2022 — Russia and Ukraine signed separate agreements with Turkey "
    "and the United Nations on Friday to reopen Ukraine's Black Sea ports for grain exports.\n"
    "\n"
    "The documents were signed at Dolmabahce Palace in the presence of the UN Secretary-General.\n"
)

MD_LINK = "[Bürgenstock resort](https://www.buergenstock.example)"

SUMMIT_MD = f"""---
title: "Peace summit opens at Bürgenstock"
outlet: Parley Wire
published: 2024-06-15
url: https://www.parleywire.example/world/buergenstock-opens
---
# Peace summit opens at Bürgenstock

Leaders from **more than 90 countries** gathered at the {MD_LINK} in Switzerland on *15 June 2024*.

![Delegates arriving at the resort](https://www.parleywire.example/img/arrival.jpg)

Russia was _not invited_ to the summit, and China stayed away.
"""

ISTANBUL_HTML = """<!DOCTYPE html>
<html lang="en"><head>
<title>Russia and Ukraine hold talks in Istanbul | Parley News</title>
<meta property="og:title" content="Russia and Ukraine hold talks in Istanbul">
<meta property="article:published_time" content="2022-03-29T18:00:00+03:00">
<link rel="canonical" href="https://www.parleynews.example/world/istanbul-talks">
<script>var tracker = "ANALYTICS_TOKEN_HEAD"; function track() { return 42; }</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Russia and Ukraine hold talks in Istanbul</h1>
<p>Russian and Ukrainian negotiators met at the Dolmabahce Palace in Istanbul on Tuesday,
the first face-to-face talks in more than two weeks.</p>
<p>Ukraine proposed a neutral status in exchange for security guarantees from a group of
countries, its negotiators told reporters after the meeting.</p>
<script>document.write("INLINE_SCRIPT_MARKER");</script>
<p>Russia's deputy defence minister said Moscow would drastically reduce military activity
around Kyiv and Chernihiv.</p>
</article>
<footer>Contact us</footer>
</body></html>
"""

SWAP_HTML = (
    "<html><head><title>Prisoner exchange agreed in Istanbul</title>"
    '<meta property="article:published_time" content="2025-05-16T20:00:00Z"></head>'
    "<body><article><h1>Prisoner exchange agreed in Istanbul</h1>"
    "<p>Russia and Ukraine agreed on Friday in Istanbul to exchange one thousand prisoners "
    "of war each, the largest swap of the war.</p>"
    "<p>The talks at Dolmabahce Palace lasted less than two hours, according to a Turkish "
    "diplomatic source.</p>"
    "<p>Both delegations said they would present detailed visions of a possible ceasefire.</p>"
    "</article></body></html>"
)

RSS_CONTENT_1 = (
    "<p>Russia and Ukraine signed separate deals with Turkey and the United Nations.</p>"
    "<p>The agreements aim to reopen three Black Sea ports.</p>"
)
RSS_DESCRIPTION_2 = (
    "&lt;p&gt;Delegations met at Dolmabahce Palace.&lt;/p&gt;"
    "&lt;p&gt;Ukraine proposed neutrality.&lt;/p&gt;"
)

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Parley Wire</title><link>https://www.parleywire.example/</link>
<description>Diplomacy</description>
<item>
  <title>Grain deal signed in Istanbul</title>
  <link>https://www.parleywire.example/grain-deal</link>
  <guid>gw-1</guid>
  <pubDate>Fri, 22 Jul 2022 15:30:00 +0300</pubDate>
  <description>A short summary that content:encoded replaces.</description>
  <content:encoded><![CDATA[{RSS_CONTENT_1}]]></content:encoded>
</item>
<item>
  <title>Talks in Istanbul</title>
  <link>https://www.parleywire.example/2022/03/29/istanbul</link>
  <guid>gw-2</guid>
  <pubDate>Tue, 29 Mar 2022 18:00:00 +0300</pubDate>
  <description>{RSS_DESCRIPTION_2}</description>
</item>
</channel>
</rss>
"""

ATOM_CONTENT = (
    "&lt;p&gt;The summit on peace in Ukraine ended on Sunday.&lt;/p&gt;"
    "&lt;p&gt;Most participants endorsed the joint communiqué.&lt;/p&gt;"
)

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Summit News</title><link href="https://summit.example/"/><id>urn:summit</id>
<updated>2024-06-16T12:00:00Z</updated>
<entry>
  <title>Summit ends at Bürgenstock</title>
  <link href="https://summit.example/news/buergenstock-ends"/>
  <id>urn:summit:1</id>
  <updated>2024-06-16T12:00:00Z</updated>
  <content type="html">{ATOM_CONTENT}</content>
</entry>
</feed>
"""


def _jsonl_record(number: int, **changes: object) -> dict[str, object]:
    record: dict[str, object] = {
        "id": f"pw-{number}",
        "url": f"https://www.parleywire.example/world/istanbul-{number}",
        "outlet": "Parley Wire",
        "published": "2025-05-16",
        "lang": "en",
        "title": f"Istanbul talks, report {number}",
        "text": (
            f"Russian and Ukrainian delegations met in Istanbul on 16 May 2025 (report {number})."
        ),
        "garbled": False,
    }
    record.update(changes)
    return record


def _jsonl(*records: dict[str, object]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


# ---------------------------------------------------------------------------- format_of


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.JSONL", "jsonl"),
        ("b.warc.gz", "warc"),
        ("c.txt.gz", "text"),
        ("d.unknown", None),
        ("e.json.gz", "json"),
        ("f.ndjson", "jsonl"),
        ("g.md", "markdown"),
        ("h.htm", "html"),
        ("i.CSV.GZ", "csv"),
        ("j.atom", "feed"),
        ("k.rss", "feed"),
        ("l.arc.gz", "warc"),
        ("folder.v2/README", None),
    ],
)
def test_readers_format_of(name: str, expected: str | None) -> None:
    assert format_of(name) == expected


# ---------------------------------------------------------------------------- find_sources


def test_readers_find_sources_walks_folder_with_include_and_exclude(
    tmp_path: Path, settings: Settings
) -> None:
    root = tmp_path / "in"
    for relative in (
        "a.txt",
        "README.md",
        "readme.txt",
        "sub/b.jsonl",
        "sub/F.JSONL",
        "sub/g.jsonl.gz",
        "sub/deeper/c.html",
        "sub/notes.docx",
        ".secret.txt",
        ".hidden/d.txt",
        "sub/.git/e.txt",
    ):
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Delegations met in Istanbul.\n", encoding="utf-8")
    found = list(
        find_sources([str(root)], include=settings.include.split(","), exclude=["README*"])
    )
    assert all(isinstance(s, Source) for s in found)
    assert [Path(s.name).relative_to(root).as_posix() for s in found] == [
        "a.txt",
        "sub/F.JSONL",
        "sub/b.jsonl",
        "sub/deeper/c.html",
        "sub/g.jsonl.gz",
    ]
    first = found[0]
    assert isinstance(first, Source)
    assert first.path == root / "a.txt"
    assert first.size == len("Delegations met in Istanbul.\n")


def test_readers_find_sources_include_patterns_only(tmp_path: Path) -> None:
    for name in ("a.txt", "b.jsonl", "c.csv"):
        (tmp_path / name).write_text("Talks in Istanbul.\n", encoding="utf-8")
    found = list(find_sources([str(tmp_path)], include=["*.jsonl", "*.csv"]))
    assert [Path(s.name).name for s in found] == ["b.jsonl", "c.csv"]


def test_readers_find_sources_named_file_stdin_and_url(tmp_path: Path) -> None:
    named = _write(tmp_path / "notes.docx", "Talks in Istanbul.\n")
    found = list(
        find_sources([str(named), "-", "https://www.parleywire.example/a"], include=["*.txt"])
    )
    assert found == [
        Source(str(named), path=named, size=named.stat().st_size),
        Source("-"),
        Source("https://www.parleywire.example/a", url="https://www.parleywire.example/a"),
    ]


def test_readers_find_sources_missing_path_is_an_error_item(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    found = list(find_sources([str(missing)], include=["*.txt"]))
    assert len(found) == 1
    error = found[0]
    assert isinstance(error, InputError)
    assert error.source == str(missing)
    assert error.reason == "no such file or folder"
    assert str(error) == f"{missing}: no such file or folder"


# ---------------------------------------------------------------------------- text and markdown


def test_readers_txt_headline_and_dateline(tmp_path: Path) -> None:
    path = _write(tmp_path / "grain.txt", GRAIN_TXT)
    doc = _only_doc(_read(path))
    assert doc.text == GRAIN_TXT  # the headline stays in the text
    assert doc.format == "text"
    assert doc.source == str(path)
    assert doc.published == date(2022, 7, 22)
    assert doc.published_from == "dateline"
    # The reader leaves the title to the pipeline, which takes the headline line.
    assert doc.title in (None, "Russia and Ukraine sign grain deal in Istanbul")
    assert guess_headline(doc.text) == "Russia and Ukraine sign grain deal in Istanbul"


def test_readers_txt_without_headline_or_dateline(tmp_path: Path) -> None:
    text = "Delegations met in Istanbul on 16 May 2025, their first direct talks since 2022.\n"
    doc = _only_doc(_read(_write(tmp_path / "plain.txt", text)))
    assert doc.text == text
    assert doc.title is None
    assert doc.published is None
    assert doc.published_from is None


def test_readers_md_front_matter_and_markdown_stripped(tmp_path: Path) -> None:
    path = _write(tmp_path / "summit.md", SUMMIT_MD)
    doc = _only_doc(_read(path))
    assert doc.format == "markdown"
    assert doc.title == "Peace summit opens at Bürgenstock"
    assert doc.outlet == "Parley Wire"
    assert doc.published == date(2024, 6, 15)
    assert doc.published_from == "field"
    assert doc.url == "https://www.parleywire.example/world/buergenstock-opens"
    paragraphs = [p for p in doc.text.split("\n") if p.strip()]
    assert paragraphs == [
        "Peace summit opens at Bürgenstock",
        "Leaders from more than 90 countries gathered at the Bürgenstock resort in "
        "Switzerland on 15 June 2024.",
        "Russia was not invited to the summit, and China stayed away.",
    ]
    for syntax in ("---", "#", "**", "](", "![", "_not", "*15"):
        assert syntax not in doc.text


def test_readers_md_only_front_matter_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "empty.md", "---\ntitle: Istanbul talks\n---\n\n")
    error = _only_error(_read(path))
    assert error.source == str(path)
    assert "no article text" in error.reason


def test_readers_txt_gz(tmp_path: Path) -> None:
    path = _write(tmp_path / "grain.txt.gz", gzip.compress(GRAIN_TXT.encode()))
    doc = _only_doc(_read(path))
    assert doc.text == GRAIN_TXT
    assert doc.published == date(2022, 7, 22)


# ---------------------------------------------------------------------------- HTML


def test_readers_html_page_extracted(tmp_path: Path) -> None:
    path = _write(tmp_path / "istanbul.html", ISTANBUL_HTML)
    doc = _only_doc(_read(path))
    assert doc.format == "html"
    assert doc.source == str(path)
    assert doc.title == "Russia and Ukraine hold talks in Istanbul"
    assert doc.published == date(2022, 3, 29)
    assert doc.published_from == "html metadata"
    assert doc.url == "https://www.parleynews.example/world/istanbul-talks"
    assert doc.outlet == "parleynews.example"
    assert "Ukraine proposed a neutral status in exchange for security guarantees" in doc.text
    assert "reduce military activity" in doc.text
    for script in ("ANALYTICS_TOKEN_HEAD", "INLINE_SCRIPT_MARKER", "document.write", "tracker"):
        assert script not in doc.text


def test_readers_html_emits_no_deprecation_warning(tmp_path: Path) -> None:
    path = _write(tmp_path / "istanbul.html", ISTANBUL_HTML)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        items = _read(path)
    assert isinstance(items[0], RawDocument)
    assert [str(w.message) for w in caught if issubclass(w.category, DeprecationWarning)] == []


def test_readers_html_many_scripts_never_in_text(tmp_path: Path) -> None:
    head_scripts = "".join(
        f"<script>var leak{i} = 'JS_SECRET_{i}'; window.track{i}();</script>" for i in range(300)
    )
    body = "".join(
        f"<p>Paragraph {i}: Russian and Ukrainian delegations discussed a ceasefire and "
        f"prisoner exchanges in Istanbul on 16 May 2025.</p>"
        f"<script>document.write('JS_SECRET_BODY_{i}'); if (a < b && c > d) {{ x(); }}</script>"
        for i in range(10)
    )
    html = (
        f"<html><head><title>Istanbul talks resume</title>{head_scripts}</head>"
        f"<body><article><h1>Istanbul talks resume</h1>{body}</article></body></html>"
    )
    doc = _only_doc(_read(_write(tmp_path / "scripts.html", html)))
    assert "Paragraph 9: Russian and Ukrainian delegations" in doc.text
    for fragment in ("JS_SECRET", "window.", "document.write", "leak", "x();"):
        assert fragment not in doc.text


def test_readers_html_deeply_nested_divs_no_exception_no_hang(tmp_path: Path) -> None:
    depth = 100_000
    html = (
        "<html><body>"
        + "<div>" * depth
        + "<p>Delegations met in Istanbul on 29 March 2022 and discussed Ukrainian neutrality.</p>"
        + "</div>" * depth
        + "</body></html>"
    )
    path = _write(tmp_path / "nested.html", html)
    with _deadline(30):
        items = _read(path)
    assert len(items) == 1
    item = items[0]
    if isinstance(item, InputError):
        assert item.source == str(path)
        assert "\n" not in str(item)
    else:
        assert "<div" not in item.text
        assert "Istanbul" in item.text


def test_readers_html_to_text_paragraphs_and_no_script() -> None:
    fragment = (
        "<p>Delegations met in Istanbul.</p><script>alert('x')</script>"
        "<p>Ukraine proposed neutrality.<br>Russia promised to scale back.</p>"
    )
    text = html_to_text(fragment)
    assert [p for p in text.split("\n") if p] == [
        "Delegations met in Istanbul.",
        "Ukraine proposed neutrality.",
        "Russia promised to scale back.",
    ]
    assert "\n\n" in text
    assert "alert" not in text
    assert html_to_text("No markup in Istanbul.") == "No markup in Istanbul."


# ---------------------------------------------------------------------------- JSON


def test_readers_json_list(tmp_path: Path) -> None:
    records = [
        {
            "title": "Grain deal signed",
            "text": "Russia and Ukraine signed deals with Turkey and the UN on 22 July 2022.",
            "url": "https://www.un.example/2022/07/22/grain",
            "published": "2022-07-22",
        },
        {
            "headline": "Istanbul talks",
            "body": "Delegations met in Istanbul on 29 March 2022.",
            "date": "29 March 2022",
            "outlet": "Parley Wire",
        },
    ]
    path = _write(tmp_path / "list.json", json.dumps(records))
    first, second = _docs(_read(path))
    assert first.source == f"{path} item 1"
    assert first.format == "json"
    assert first.title == "Grain deal signed"
    assert first.text == records[0]["text"]
    assert first.outlet == "un.example"
    assert first.published == date(2022, 7, 22)
    assert first.published_from == "field"
    assert second.source == f"{path} item 2"
    assert second.title == "Istanbul talks"
    assert second.text == "Delegations met in Istanbul on 29 March 2022."
    assert second.outlet == "Parley Wire"
    assert second.published == date(2022, 3, 29)


def test_readers_json_articles_wrapper(tmp_path: Path) -> None:
    data = {
        "count": 1,
        "articles": [
            {
                "title": "Summit at Bürgenstock",
                "text": "Leaders met at Bürgenstock on 15 June 2024.",
            }
        ],
    }
    doc = _only_doc(_read(_write(tmp_path / "wrap.json", json.dumps(data, ensure_ascii=False))))
    assert doc.title == "Summit at Bürgenstock"
    assert doc.text == "Leaders met at Bürgenstock on 15 June 2024."


def test_readers_json_single_object(tmp_path: Path) -> None:
    data = {
        "id": 17,
        "title": "Talks in Istanbul",
        "text": "ISTANBUL, 16 May 2025 — Delegations met in Istanbul.",
        "url": "https://kyivindependent.example/talks-in-istanbul",
    }
    path = _write(tmp_path / "one.json", json.dumps(data))
    doc = _only_doc(_read(path))
    assert doc.source == f"{path} item 1"
    assert doc.title == "Talks in Istanbul"
    assert doc.external_id == "17"
    assert doc.outlet == "kyivindependent.example"
    assert doc.published == date(2025, 5, 16)
    assert doc.published_from == "dateline"


def test_readers_json_non_object_item_and_malformed_file(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "mixed.json",
        json.dumps(["just a string", {"text": "Delegations met in Istanbul."}]),
    )
    items = _read(path)
    assert [type(i) for i in items] == [InputError, RawDocument]
    error = items[0]
    assert isinstance(error, InputError)
    assert error.source == f"{path} item 1"
    assert error.reason == "not a JSON object"

    broken = _write(tmp_path / "broken.json", '[\n  {"text": "Talks in Istanbul"\n')
    error = _only_error(_read(broken))
    assert error.source == str(broken)
    assert error.reason.startswith("malformed JSON")


# ---------------------------------------------------------------------------- JSON lines


def test_readers_jsonl_records(tmp_path: Path) -> None:
    records = [
        _jsonl_record(1),
        _jsonl_record(
            2,
            url="https://www.reuters.example/world/2025/05/16/istanbul-talks",
            outlet=None,
            published=None,
        ),
        _jsonl_record(
            3,
            url="https://tass.example/politics/1",
            published=None,
            lang="ru",
            text="Делегации России и Украины встретились в Стамбуле.",
            garbled=True,
        ),
        _jsonl_record(4, published="sometime in May"),
    ]
    path = _write(tmp_path / "articles.jsonl", _jsonl(*records))
    one, two, three, four = _docs(_read(path))

    assert one == RawDocument(
        text=str(records[0]["text"]),
        source=f"{path}:1",
        format="jsonl",
        title="Istanbul talks, report 1",
        url="https://www.parleywire.example/world/istanbul-1",
        outlet="Parley Wire",
        published=date(2025, 5, 16),
        published_from="field",
        lang="en",
        external_id="pw-1",
        extra={},
    )
    # outlet null: the URL's host; published null: the URL's date.
    assert two.source == f"{path}:2"
    assert two.outlet == "reuters.example"
    assert two.published == date(2025, 5, 16)
    assert two.published_from == "url"
    # published null and no date anywhere.
    assert three.source == f"{path}:3"
    assert three.text == "Делегации России и Украины встретились в Стамбуле."
    assert three.lang == "ru"
    assert three.published is None
    assert three.published_from is None
    # An unreadable date is kept for the analyst, not guessed.
    assert four.published is None
    assert four.extra == {"published_unreadable": "sometime in May"}


def test_readers_jsonl_field_mapping(tmp_path: Path) -> None:
    record = {
        "body": "Leaders met at Bürgenstock on 15 June 2024.",
        "date": "2024-06-15",
        "text": "Not the article text.",
        "published": "1999-01-01",
    }
    path = _write(tmp_path / "mapped.jsonl", _jsonl(record))
    doc = _only_doc(_read(path, ReadOptions(fields={"text": "body", "published": "date"})))
    assert doc.text == "Leaders met at Bürgenstock on 15 June 2024."
    assert doc.published == date(2024, 6, 15)
    assert doc.published_from == "field"


def test_readers_jsonl_field_mapping_missing_field_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "mapped.jsonl", _jsonl(_jsonl_record(1)))
    error = _only_error(_read(path, ReadOptions(fields={"text": "body"})))
    assert error.source == str(path)
    assert error.line == 1
    assert "'body'" in error.reason


def test_readers_jsonl_gz(tmp_path: Path) -> None:
    data = _jsonl(_jsonl_record(1), _jsonl_record(2)).encode()
    path = _write(tmp_path / "articles.jsonl.gz", gzip.compress(data))
    docs = _read(path)
    assert [d.external_id for d in _docs(docs)] == ["pw-1", "pw-2"]
    assert [d.source for d in _docs(docs)] == [f"{path}:1", f"{path}:2"]
    assert _errors(docs) == []


@pytest.mark.parametrize(
    ("bad_line", "reason_start"),
    [
        ("{not json", "malformed JSON"),
        ('["a", "list", "not", "an", "object"]', "not a JSON object"),
        ('{"id": "x", "title": "A record with no text field"}', "no text"),
        ('{"id": "x", "text": "   "}', "no text"),
        ('{"id": "x", "text": null}', "no text"),
    ],
)
def test_readers_jsonl_bad_line_is_an_error_other_lines_read(
    tmp_path: Path, bad_line: str, reason_start: str
) -> None:
    content = (
        json.dumps(_jsonl_record(1)) + "\n" + bad_line + "\n" + json.dumps(_jsonl_record(3)) + "\n"
    )
    path = _write(tmp_path / "articles.jsonl", content)
    items = _read(path)
    assert [type(i) for i in items] == [RawDocument, InputError, RawDocument]
    error = items[1]
    assert isinstance(error, InputError)
    assert error.source == str(path)
    assert error.line == 2
    assert error.reason.startswith(reason_start)
    assert str(error).startswith(f"{path}:2: ")
    assert "\n" not in str(error)
    assert [d.external_id for d in _docs(items)] == ["pw-1", "pw-3"]


def test_readers_jsonl_truncated_gzip_reads_earlier_lines_then_one_error(tmp_path: Path) -> None:
    records = [
        _jsonl_record(n, text=f"Delegations met in Istanbul, report {n}. " * 20)
        for n in range(1, 301)
    ]
    compressed = gzip.compress(_jsonl(*records).encode())
    path = _write(tmp_path / "cut.jsonl.gz", compressed[:-40])
    items = _read(path)
    docs, errors = _docs(items), _errors(items)
    assert len(errors) == 1
    assert items[-1] is errors[0]
    assert 0 < len(docs) < 300
    assert [d.external_id for d in docs] == [f"pw-{n}" for n in range(1, len(docs) + 1)]
    error = errors[0]
    assert error.source == str(path)
    assert "truncated" in error.reason
    assert f"after line {len(docs)} " in error.reason
    assert "\n" not in str(error)


# ---------------------------------------------------------------------------- CSV


def test_readers_csv_with_header_and_multiline_quoted_text(tmp_path: Path) -> None:
    content = (
        "title,text,url,published\n"
        '"Grain deal signed","ISTANBUL — Russia and Ukraine signed deals, with Turkey and the UN, '
        'to resume grain exports.\nThe first ship left Odesa on 1 August.",'
        "https://www.un.example/grain,2022-07-22\n"
        'Istanbul talks,"Delegations met in Istanbul, again.",,2022-03-29\n'
    )
    path = _write(tmp_path / "articles.csv", content)
    items = _read(path)
    first, second = _docs(items)
    assert _errors(items) == []
    assert first.format == "csv"
    assert first.title == "Grain deal signed"
    assert first.text == (
        "ISTANBUL — Russia and Ukraine signed deals, with Turkey and the UN, "
        "to resume grain exports.\nThe first ship left Odesa on 1 August."
    )
    assert first.url == "https://www.un.example/grain"
    assert first.outlet == "un.example"
    assert first.published == date(2022, 7, 22)
    assert first.source.startswith(f"{path}:")
    assert second.title == "Istanbul talks"
    assert second.text == "Delegations met in Istanbul, again."
    assert second.url is None
    assert second.published == date(2022, 3, 29)
    assert second.source == f"{path}:4"


def test_readers_csv_field_mapping(tmp_path: Path) -> None:
    content = "headline,body,date,text\nSummit,Leaders met at Bürgenstock.,2024-06-16,not this\n"
    path = _write(tmp_path / "mapped.csv", content)
    doc = _only_doc(_read(path, ReadOptions(fields={"text": "body", "published": "date"})))
    assert doc.title == "Summit"
    assert doc.text == "Leaders met at Bürgenstock."
    assert doc.published == date(2024, 6, 16)


def test_readers_csv_row_with_more_values_than_header(tmp_path: Path) -> None:
    content = (
        "title,text\n"
        'A,"Delegations met in Istanbul.",an extra value\n'
        'B,"Talks resumed in Istanbul on 16 May 2025."\n'
    )
    path = _write(tmp_path / "wide.csv", content)
    items = _read(path)
    assert [type(i) for i in items] == [InputError, RawDocument]
    error = items[0]
    assert isinstance(error, InputError)
    assert error.source == str(path)
    assert error.line == 2
    assert error.reason == "more values than header columns"
    assert str(error) == f"{path}:2: more values than header columns"
    doc = items[1]
    assert isinstance(doc, RawDocument)
    assert doc.title == "B"
    assert doc.source == f"{path}:3"


def test_readers_csv_closes_its_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "one.csv", 'title,text\nA,"Delegations met in Istanbul."\n')
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        items = _read(path)
    assert len(_docs(items)) == 1
    assert [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)] == []


# ---------------------------------------------------------------------------- feeds


def test_readers_rss_items(tmp_path: Path) -> None:
    path = _write(tmp_path / "wire.rss", RSS)
    first, second = _docs(_read(path))
    assert first.source == f"{path} item 1"
    assert first.format == "feed"
    assert first.title == "Grain deal signed in Istanbul"
    assert first.url == "https://www.parleywire.example/grain-deal"
    assert first.outlet == "parleywire.example"
    assert first.external_id == "gw-1"
    assert first.published == date(2022, 7, 22)
    assert first.published_from == "feed"
    assert first.text.strip() == (
        "Russia and Ukraine signed separate deals with Turkey and the United Nations.\n\n"
        "The agreements aim to reopen three Black Sea ports."
    )
    assert "summary" not in first.text
    assert second.source == f"{path} item 2"
    assert second.published == date(2022, 3, 29)
    assert (
        second.text.strip()
        == "Delegations met at Dolmabahce Palace.\n\nUkraine proposed neutrality."
    )


def test_readers_atom_entry(tmp_path: Path) -> None:
    path = _write(tmp_path / "summit.atom", ATOM)
    doc = _only_doc(_read(path))
    assert doc.source == f"{path} item 1"
    assert doc.title == "Summit ends at Bürgenstock"
    assert doc.url == "https://summit.example/news/buergenstock-ends"
    assert doc.outlet == "summit.example"
    assert doc.external_id == "urn:summit:1"
    assert doc.published == date(2024, 6, 16)
    assert doc.published_from == "feed"
    assert doc.text.strip() == (
        "The summit on peace in Ukraine ended on Sunday.\n\n"
        "Most participants endorsed the joint communiqué."
    )
    assert "<p>" not in doc.text


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notfeed.rss", "Delegations met in Istanbul on 16 May 2025; this is not a feed.\n"),
        ("page.xml", "<html><body><p>Delegations met in Istanbul.</p></body></html>\n"),
        (
            "empty-channel.rss",
            '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>',
        ),
    ],
)
def test_readers_feed_that_is_not_a_feed_is_an_error(
    tmp_path: Path, name: str, content: str
) -> None:
    path = _write(tmp_path / name, content)
    error = _only_error(_read(path))
    assert error.source == str(path)
    assert error.reason.startswith("not an RSS/Atom feed")


# ---------------------------------------------------------------------------- WARC


def _warc(path: Path, *records: tuple[str, str, bytes]) -> Path:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=path.name.endswith(".gz"))
    for uri, content_type, payload in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(payload), length=len(payload), http_headers=headers
        )
        writer.write_record(record)
    return _write(path, buffer.getvalue())


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_readers_warc_html_response_read_other_records_ignored(tmp_path: Path, name: str) -> None:
    uri = "https://www.parleynews.example/world/2025/05/16/prisoner-swap"
    path = _warc(
        tmp_path / name,
        ("https://www.parleynews.example/img/palace.jpg", "image/jpeg", b"\xff\xd8\xff\xe0JPEG"),
        (uri, "text/html; charset=utf-8", SWAP_HTML.encode()),
    )
    doc = _only_doc(_read(path))
    assert doc.format == "warc"
    assert doc.source == f"{path} record 2 ({uri})"
    assert doc.url == uri
    assert doc.outlet == "parleynews.example"
    assert doc.title == "Prisoner exchange agreed in Istanbul"
    assert doc.published == date(2025, 5, 16)
    assert "exchange one thousand prisoners of war each" in doc.text
    assert "JPEG" not in doc.text


def test_readers_warc_without_html_is_an_error(tmp_path: Path) -> None:
    path = _warc(
        tmp_path / "images.warc",
        ("https://www.parleynews.example/img/palace.jpg", "image/jpeg", b"\xff\xd8\xff\xe0JPEG"),
    )
    error = _only_error(_read(path))
    assert error.source == str(path)
    assert error.reason == "WARC holds no HTML responses"


# ---------------------------------------------------------------------------- gzip hygiene


@pytest.mark.parametrize("name", ["one.jsonl.gz", "one.txt.gz"])
def test_readers_gzip_closes_its_file(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path / name, gzip.compress(_jsonl(_jsonl_record(1)).encode()))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        items = _read(path)
    assert len(_docs(items)) == 1
    assert [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)] == []


# ---------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("text", "encoding", "guessed"),
    [
        (
            "Les délégations se sont réunies à Istanbul le 29 mars 2022. Elles ont évoqué la "
            "neutralité de l'Ukraine et les garanties de sécurité.\n",
            "cp1252",
            "cp1252",
        ),
        (
            "Делегации России и Украины встретились в Стамбуле 29 марта 2022 года. Стороны "
            "обсудили нейтральный статус Украины и гарантии безопасности.\n",
            "cp1251",
            "cp1251",
        ),
        (
            "Делегації України та Росії зустрілися в Стамбулі 16 травня 2025 року. Сторони "
            "домовилися про обмін полоненими.\n",
            "cp1251",
            "cp1251",
        ),
    ],
)
def test_readers_legacy_encoding_decoded(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, text: str, encoding: str, guessed: str
) -> None:
    path = _write(tmp_path / "legacy.txt", text.encode(encoding))
    with caplog.at_level(logging.WARNING, logger="parley.readers"):
        doc = _only_doc(_read(path))
    assert doc.text == text
    assert f"read as {guessed}" in caplog.text
    assert decode_bytes(text.encode(encoding), "legacy.txt") == text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Стамбул, 16 травня 2025".encode(), "Стамбул, 16 травня 2025"),
        ("\ufeffСтамбул".encode(), "Стамбул"),
        ("Bürgenstock".encode("utf-16"), "Bürgenstock"),
        ("Bürgenstock".encode("utf-32"), "Bürgenstock"),
    ],
)
def test_readers_decode_bytes_utf(data: bytes, expected: str) -> None:
    assert decode_bytes(data, "f.txt") == expected


def test_readers_decode_bytes_forced_encoding() -> None:
    data = "Переговоры в Стамбуле.".encode("cp1251")
    assert decode_bytes(data, "f.txt", encoding="cp1251") == "Переговоры в Стамбуле."
    with pytest.raises(InputError) as wrong:
        decode_bytes(data, "f.txt", encoding="utf-8")
    assert wrong.value.source == "f.txt"
    assert wrong.value.reason == "not valid utf-8 (byte 0)"
    with pytest.raises(InputError) as unknown:
        decode_bytes(b"Istanbul", "f.txt", encoding="klingon")
    assert unknown.value.reason == "unknown encoding 'klingon'"


def test_readers_forced_encoding_option(tmp_path: Path) -> None:
    text = "Переговоры в Стамбуле завершились.\n"
    path = _write(tmp_path / "ru.txt", text.encode("cp1251"))
    assert _only_doc(_read(path, ReadOptions(encoding="cp1251"))).text == text


# ---------------------------------------------------------------------------- whole-file errors


def test_readers_empty_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "empty.txt", b"")
    error = _only_error(_read(path))
    assert error.source == str(path)
    assert error.reason == "empty file"
    assert str(error) == f"{path}: empty file"


@pytest.mark.parametrize("name", ["blank.txt", "blank.jsonl", "blank.json"])
def test_readers_whitespace_only_file_has_no_article(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path / name, "  \n\n  \n")
    items = _read(path)
    assert _docs(items) == []
    if name != "blank.jsonl":
        error = _only_error(items)
        assert error.source == str(path)


def test_readers_binary_file_named_txt(tmp_path: Path) -> None:
    path = _write(tmp_path / "scan.txt", b"PK\x03\x04\x00\x00\x08\x00" * 200)
    error = _only_error(_read(path))
    assert error.source == str(path)
    assert error.reason == "binary data, not text"


def test_readers_undecodable_text(tmp_path: Path) -> None:
    data = bytes(range(0x80, 0x100)) * 20
    path = _write(tmp_path / "mangled.txt", data)
    error = _only_error(_read(path))
    assert error.source == str(path)
    assert error.reason.startswith("not valid UTF-8 (byte 0)")
    assert "--encoding" in error.reason
    with pytest.raises(InputError):
        decode_bytes(data, str(path))


def test_readers_unknown_extension(tmp_path: Path) -> None:
    path = _write(tmp_path / "talks.docx", "Delegations met in Istanbul.\n")
    error = _only_error(_read(path))
    assert error.source == str(path)
    assert error.reason.startswith("unknown format")


def test_readers_txt_larger_than_max_document_bytes(tmp_path: Path) -> None:
    text = ("Delegations met in Istanbul on 16 May 2025. " * 120)[:5000]
    path = _write(tmp_path / "long.txt", text)
    assert path.stat().st_size == 5000
    error = _only_error(_read(path, ReadOptions(max_document_bytes=1000)))
    assert error.source == str(path)
    assert "larger than 1,000 bytes" in error.reason
    assert "max_document_bytes" in error.reason


def test_readers_limit_named_correctly_in_message(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    with path.open("wb") as f:
        f.write(b"Delegations met in Istanbul. ")
        f.truncate(2_500_000)
    error = _only_error(_read(path, ReadOptions(max_document_bytes=2_000_000)))
    assert error.source == str(path)
    assert "larger than 2000000 bytes" in error.reason or "larger than 2 MB" in error.reason


def test_readers_sparse_200_mb_txt_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as f:
        f.truncate(200_000_000)
    source = next(iter(find_sources([str(path)], include=["*.txt"])))
    assert isinstance(source, Source)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with _deadline(10):
            items = list(read_source(source))
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    error = _only_error(items)
    assert error.source == str(path)
    assert "200 MB" in error.reason
    assert "max_document_bytes" in error.reason
    assert elapsed < 2.0
    assert peak < 1024 * 1024  # never read into memory
