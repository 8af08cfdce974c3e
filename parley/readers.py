"""Read articles from inputs of every format parley takes.

A *source* is one input: a file, standard input or a URL. `read_source` turns it into
`RawDocument`s, one per article, and yields an `InputError` for each part it cannot read
(a whole file, or one line of a JSON-lines or CSV file), so that one bad input never
stops a batch. Formats: plain text and Markdown (the first line may be a headline, an
optional front-matter block gives metadata), HTML (article extraction with
trafilatura), JSON, JSON lines and CSV (a text field plus optional metadata fields),
RSS/Atom feeds, and WARC crawls. Any of them may be gzip-compressed.
"""

from __future__ import annotations

import codecs
import csv
import fnmatch
import gzip
import io
import json
import logging
import re
import sys
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any, BinaryIO

from parley.errors import FetchError, InputError
from parley.metadata import date_from_dateline, date_from_url, outlet_from_url, parse_date
from parley.types import RawDocument

__all__ = [
    "FIELD_NAMES",
    "Source",
    "decode_bytes",
    "find_sources",
    "format_of",
    "html_to_text",
    "read_source",
]

log = logging.getLogger(__name__)

Item = RawDocument | InputError

# The record fields parley reads, and the names it looks for when none is configured.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "maintext", "full_text"),
    "title": ("title", "headline"),
    "url": ("url", "link", "source_url"),
    "published": ("published", "date", "published_at", "pubdate", "publish_date", "date_publish"),
    "outlet": ("outlet", "site", "sitename", "domain", "publisher"),
    "lang": ("lang", "language"),
    "id": ("id", "doc_id", "article_id", "uid"),
}

_SUFFIX_FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".warc": "warc",
    ".arc": "warc",
}
_SNIFF = 8192
_MB = 1024 * 1024


@dataclass(frozen=True)
class Source:
    """One input: a file, standard input ("-") or a URL."""

    name: str
    path: Path | None = None
    url: str | None = None
    size: int | None = None

    @property
    def is_stdin(self) -> bool:
        return self.name == "-"


@dataclass
class ReadOptions:
    """How records and files are read: field names, forced encoding and size limits."""

    fields: Mapping[str, str] = field(default_factory=dict)
    encoding: str | None = None
    max_document_bytes: int = 5_000_000
    fetch_timeout: float = 20.0
    format: str | None = None


# ---------------------------------------------------------------------------- sources


def _matches(name: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatch(name.lower(), p.lower()) for p in patterns)


def find_sources(
    inputs: Iterable[str], *, include: Iterable[str], exclude: Iterable[str] = ()
) -> Iterator[Source | InputError]:
    """Expand the inputs into sources: folders recursively (files matching `include` and
    not `exclude`, hidden files skipped), files as named, "-" for stdin, URLs as given."""
    include, exclude = list(include), list(exclude)
    for given in inputs:
        if given == "-":
            yield Source("-")
        elif re.match(r"^https?://", given, re.IGNORECASE):
            yield Source(given, url=given)
        else:
            path = Path(given)
            if path.is_dir():
                for child in sorted(path.rglob("*")):
                    relative = child.relative_to(path)
                    if any(part.startswith(".") for part in relative.parts):
                        continue
                    wanted = _matches(child.name, include) and not _matches(child.name, exclude)
                    if child.is_file() and wanted:
                        yield Source(str(child), path=child, size=child.stat().st_size)
            elif path.is_file():
                yield Source(given, path=path, size=path.stat().st_size)
            elif path.exists():
                yield InputError(given, "not a regular file or folder")
            else:
                yield InputError(given, "no such file or folder")


def format_of(name: str) -> str | None:
    """The format a file name implies, looking through a .gz suffix; None if unknown."""
    lower = name.lower()
    if lower.endswith((".warc.gz", ".arc.gz")):
        return "warc"
    lower = lower.removesuffix(".gz")
    return _SUFFIX_FORMATS.get(Path(lower).suffix)


def _sniff_format(head: bytes) -> str:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:2048].lower()
    if text.startswith(b"warc/"):
        return "warc"
    if text.startswith(b"["):
        return "json"
    if text.startswith(b"{"):
        return "jsonl"
    if text.startswith(b"<"):
        return "feed" if re.search(rb"<(rss|feed|rdf:rdf)\b", text) else "html"
    return "text"


# ---------------------------------------------------------------------------- bytes


def decode_bytes(data: bytes, source: str, *, encoding: str | None = None) -> str:
    """Decode a file's bytes: UTF-8 (with or without BOM), a UTF-16/32 BOM, or the
    encoding charset-normalizer finds; binary data and undecodable bytes are errors."""
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError as e:
            raise InputError(source, f"unknown encoding {encoding!r}") from e
        except UnicodeDecodeError as e:
            raise InputError(source, f"not valid {encoding} (byte {e.start})") from e
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(name)
            except UnicodeDecodeError as e:
                raise InputError(
                    source, f"starts with a {name} mark but is not valid {name}"
                ) from e
    if b"\x00" in data[:_SNIFF]:
        raise InputError(source, "binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e
    import charset_normalizer

    matches = list(charset_normalizer.from_bytes(data[: 4 * _MB]))
    if not matches or matches[0].chaos > 0.15:
        raise InputError(
            source,
            f"not valid UTF-8 (byte {utf8_error.start}) and no other text encoding fits; "
            "name it with --encoding",
        )
    best = matches[0]
    # Short texts fit several code pages equally well; prefer the commonest for news.
    for preferred in ("cp1252", "cp1251"):
        for match in matches:
            if match.encoding == preferred and match.chaos <= best.chaos:
                best = match
                break
        if best.encoding == preferred:
            break
    log.warning("%s: not UTF-8, read as %s", source, best.encoding)
    return data.decode(best.encoding, errors="strict")


def _size(count: float) -> str:
    """A byte count for a person: "5 MB", "2.5 MB", "800 bytes" (decimal units)."""
    if count < 1_000_000:
        return f"{count:,.0f} bytes"
    return f"{count / 1_000_000:.1f}".removesuffix(".0") + " MB"


def _read_limited(stream: IO[bytes], source: str, limit: int) -> bytes:
    try:
        data = stream.read(limit + 1)
    except (EOFError, gzip.BadGzipFile, zlib.error) as e:
        raise InputError(source, f"damaged or truncated gzip data ({e})") from e
    if len(data) > limit:
        raise InputError(
            source,
            f"larger than {_size(limit)}, the most one article may have (setting "
            "max_document_bytes); split it or use JSON lines",
        )
    return data


def _open_binary(source: Source) -> BinaryIO:
    if source.is_stdin:
        return sys.stdin.buffer
    assert source.path is not None
    try:
        raw: BinaryIO = source.path.open("rb")
    except OSError as e:
        raise InputError(source.name, f"cannot open ({e.strerror or e})") from e
    with raw:
        compressed = raw.read(2) == b"\x1f\x8b"
    try:
        # Opened by name, so that closing the stream closes the file too.
        return gzip.open(source.path, "rb") if compressed else source.path.open("rb")  # type: ignore[return-value]
    except OSError as e:
        raise InputError(source.name, f"cannot open ({e.strerror or e})") from e


def _head(stream: BinaryIO) -> bytes:
    """The first bytes of a stream, leaving it where it was."""
    if hasattr(stream, "peek"):
        return bytes(stream.peek(_SNIFF)[:_SNIFF])
    position = stream.tell()
    head = stream.read(_SNIFF)
    stream.seek(position)
    return head


def _whole_file(source: Source, options: ReadOptions) -> bytes:
    if source.size is not None and source.size > 8 * options.max_document_bytes:
        # Far too large to be one article: refuse without reading it.
        raise InputError(
            source.name,
            f"{_size(source.size)} is too large for one article (setting "
            "max_document_bytes); split it or use JSON lines",
        )
    with _open_binary(source) as stream:
        return _read_limited(stream, source.name, options.max_document_bytes)


# ---------------------------------------------------------------------------- text


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n---[ \t]*\n", re.DOTALL)
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|(?<!\w)_)(?=\S)(.+?)(?<=\S)\1")


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    found = _FRONT_MATTER.match(text)
    if not found:
        return {}, text
    meta: dict[str, str] = {}
    for line in found["body"].split("\n"):
        key, sep, value = line.partition(":")
        if sep and key.strip():
            meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta, text[found.end() :]


def _markdown_to_text(text: str) -> str:
    lines = []
    for line in text.split("\n"):
        line = re.sub(r"^\s{0,3}#{1,6}\s+", "", line)
        line = re.sub(r"^\s{0,3}>\s?", "", line)
        if re.fullmatch(r"\s*([-*_])(\s*\1){2,}\s*", line):
            continue
        line = _MD_IMAGE.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_EMPHASIS.sub(r"\2", line)
        lines.append(line)
    return "\n".join(lines)


def _read_text(source: Source, data: bytes, options: ReadOptions, fmt: str) -> RawDocument:
    text = decode_bytes(data, source.name, encoding=options.encoding)
    meta, body = _front_matter(text.replace("\r\n", "\n"))
    if fmt == "markdown":
        body = _markdown_to_text(body)
    if not body.strip():
        raise InputError(source.name, "no article text (only a front-matter block)")
    return _record_to_document(
        {**meta, "text": body}, source=source.name, fmt=fmt, fields={}, line=None
    )


# ---------------------------------------------------------------------------- HTML

_BLOCKS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "blockquote",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "tr",
        "pre",
        "figure",
        "figcaption",
        "dd",
        "dt",
        "address",
    ]
)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed item's content), one paragraph per block."""
    import lxml.html
    from lxml import etree
    from lxml_html_clean import Cleaner

    if not re.search(r"<[a-zA-Z!/]", fragment):
        return fragment
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        root = Cleaner(scripts=True, javascript=True, style=True, comments=True).clean_html(root)
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", fragment)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag in _BLOCKS:
            element.tail = "\n\n" + (element.tail or "")
    return str(root.text_content())


def _read_html(source: str, html: str, *, url: str | None, fmt: str = "html") -> RawDocument:
    import trafilatura
    from lxml import etree

    try:
        extracted = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    except (RecursionError, etree.LxmlError, ValueError) as e:
        raise InputError(source, f"cannot parse this HTML page ({type(e).__name__})") from e
    if extracted is not None and not isinstance(extracted, dict):
        extracted = extracted.as_dict()
    if not extracted or not (extracted.get("text") or "").strip():
        raise InputError(source, "no article text found in this HTML page")
    page_url = url or extracted.get("url")
    published = parse_date(extracted.get("date"))
    published_from = "html metadata" if published else None
    if published is None and date_from_url(page_url):
        published, published_from = date_from_url(page_url), "url"
    return RawDocument(
        text=extracted["text"],
        source=source,
        format=fmt,
        title=extracted.get("title"),
        url=page_url,
        outlet=outlet_from_url(page_url) or extracted.get("sitename"),
        published=published,
        published_from=published_from,
        lang=None,
        extra={k: extracted[k] for k in ("sitename", "author", "description") if extracted.get(k)},
    )


# ---------------------------------------------------------------------------- records


def _pick(record: Mapping[str, Any], name: str, fields: Mapping[str, str]) -> Any:
    if name in fields:
        return record.get(fields[name])
    for candidate in FIELD_NAMES[name]:
        if candidate in record:
            # A field that is present but empty means "not known", not "look elsewhere".
            return record[candidate]
    return None


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str | int | float):
        return str(value).strip() or None
    return None


def _record_to_document(
    record: Mapping[str, Any],
    *,
    source: str,
    fmt: str,
    fields: Mapping[str, str],
    line: int | None,
) -> RawDocument:
    text = _pick(record, "text", fields)
    if not isinstance(text, str) or not text.strip():
        wanted = fields.get("text") or "/".join(FIELD_NAMES["text"][:3])
        raise InputError(source, f"no text (field {wanted!r} missing or empty)", line=line)
    if re.search(r"<(?:p|div|br|span|a)\b[^>]*>", text[:2000], re.IGNORECASE):
        text = html_to_text(text)
    url = _as_text(_pick(record, "url", fields))
    published_value = _pick(record, "published", fields)
    published, published_from = parse_date(published_value), "field"
    if published is None:
        published, published_from = date_from_url(url), "url"
    if published is None:
        published, published_from = date_from_dateline(text), "dateline"
    where = f"{source}:{line}" if line is not None else source
    external_id = _as_text(_pick(record, "id", fields))
    return RawDocument(
        text=text,
        source=where,
        format=fmt,
        title=_as_text(_pick(record, "title", fields)),
        url=url,
        outlet=_as_text(_pick(record, "outlet", fields)) or outlet_from_url(url),
        published=published,
        published_from=published_from if published else None,
        lang=_as_text(_pick(record, "lang", fields)),
        external_id=external_id,
        extra=(
            {"published_unreadable": str(published_value)}
            if published_value not in (None, "") and parse_date(published_value) is None
            else {}
        ),
    )


def _size_error(source: str, size: int, limit: int, line: int | None) -> InputError:
    return InputError(
        source,
        f"record of {_size(size)} is larger than {_size(limit)}, the most one "
        "article may have (setting max_document_bytes)",
        line=line,
    )


def _read_jsonl(source: Source, stream: BinaryIO, options: ReadOptions) -> Iterator[Item]:
    number = 0
    try:
        for number, raw_line in enumerate(stream, start=1):
            if not raw_line.strip():
                continue
            if number == 1 and b"\x00" in raw_line[:_SNIFF]:
                yield InputError(source.name, "binary data, not JSON lines")
                return
            if len(raw_line) > options.max_document_bytes:
                yield _size_error(source.name, len(raw_line), options.max_document_bytes, number)
                continue
            try:
                line = raw_line.decode(options.encoding or "utf-8-sig")
                record = json.loads(line)
            except UnicodeDecodeError:
                yield InputError(source.name, "not valid UTF-8", line=number)
                continue
            except json.JSONDecodeError as e:
                yield InputError(source.name, f"malformed JSON ({e.msg})", line=number)
                continue
            if not isinstance(record, dict):
                yield InputError(source.name, "not a JSON object", line=number)
                continue
            try:
                yield _record_to_document(
                    record, source=source.name, fmt="jsonl", fields=options.fields, line=number
                )
            except InputError as e:
                yield e
    except (EOFError, gzip.BadGzipFile, zlib.error) as e:
        where = f"after line {number}" if number else "before its first line"
        yield InputError(source.name, f"damaged or truncated gzip data {where} ({e})")


def _read_json(source: Source, data: bytes, options: ReadOptions) -> Iterator[Item]:
    text = decode_bytes(data, source.name, encoding=options.encoding)
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as e:
        if text.lstrip().startswith("{") and "\n{" in text:
            # A JSON-lines file named .json.
            yield from _read_jsonl(source, io.BytesIO(data), options)
            return
        raise InputError(source.name, f"malformed JSON ({e.msg})", line=e.lineno) from e
    records: Any = parsed
    if isinstance(parsed, dict):
        for key in ("articles", "items", "documents", "data", "entries", "results"):
            if isinstance(parsed.get(key), list):
                records = parsed[key]
                break
        else:
            records = [parsed]
    if not isinstance(records, list):
        raise InputError(source.name, "JSON holds neither an article nor a list of articles")
    for number, record in enumerate(records, start=1):
        where = f"{source.name} item {number}"
        if not isinstance(record, dict):
            yield InputError(where, "not a JSON object")
            continue
        try:
            yield _record_to_document(
                record, source=where, fmt="json", fields=options.fields, line=None
            )
        except InputError as e:
            yield e


class _UndecodableLine(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


def _decoded_lines(stream: BinaryIO, encoding: str) -> Iterator[str]:
    """Decode a byte stream one physical line at a time, so an error names its line."""
    for number, raw_line in enumerate(stream, start=1):
        try:
            yield raw_line.decode("utf-8-sig" if number == 1 and encoding == "utf-8" else encoding)
        except UnicodeDecodeError as e:
            raise _UndecodableLine(number) from e


def _read_csv(source: Source, stream: BinaryIO, options: ReadOptions) -> Iterator[Item]:
    if b"\x00" in _head(stream):
        yield InputError(source.name, "binary data, not CSV")
        return
    encoding = codecs.lookup(options.encoding or "utf-8").name
    # Wide encodings cannot be split on newline bytes; they are decoded as one stream.
    lines: Iterable[str] = (
        io.TextIOWrapper(stream, encoding=encoding, newline="")
        if encoding.startswith(("utf-16", "utf-32"))
        else _decoded_lines(stream, encoding)
    )
    csv.field_size_limit(max(options.max_document_bytes, 131072))
    reader = csv.DictReader(lines)
    try:
        if not reader.fieldnames:
            yield InputError(source.name, "no header line naming the columns")
            return
        while True:
            first_line = reader.line_num + 1  # a quoted field may span several lines
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                yield InputError(source.name, f"malformed CSV ({e})", line=reader.line_num)
                if "field larger than field limit" in str(e):
                    return
                continue
            if None in row:
                yield InputError(source.name, "more values than header columns", line=first_line)
                continue
            try:
                yield _record_to_document(
                    row, source=source.name, fmt="csv", fields=options.fields, line=first_line
                )
            except InputError as e:
                yield e
    except (_UndecodableLine, UnicodeDecodeError) as e:
        line = e.line if isinstance(e, _UndecodableLine) else None
        yield InputError(
            source.name,
            f"not valid {encoding}; the rows before this line were read, the rest of the file "
            "was not (name its encoding with --encoding)",
            line=line,
        )
    except (EOFError, gzip.BadGzipFile, zlib.error) as e:
        yield InputError(
            source.name, f"damaged or truncated gzip data after line {reader.line_num} ({e})"
        )
    finally:
        if isinstance(lines, io.TextIOWrapper):
            lines.detach()  # the caller closes the file itself


def _read_feed(source: Source, data: bytes) -> Iterator[Item]:
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None)
        detail = f" ({reason})" if reason else ""
        raise InputError(source.name, f"not an RSS/Atom feed with items{detail}")
    feed_link = parsed.feed.get("link")
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{source.name} item {number}"
        content = entry.get("content") or []
        body = (
            content[0].get("value") if content else entry.get("summary") or entry.get("description")
        )
        if not body or not body.strip():
            yield InputError(where, "feed item has no text")
            continue
        text = html_to_text(body)
        parts = entry.get("published_parsed") or entry.get("updated_parsed")
        published = date(*parts[:3]) if parts else None
        link = entry.get("link")
        yield RawDocument(
            text=text,
            source=where,
            format="feed",
            title=entry.get("title"),
            url=link,
            outlet=outlet_from_url(link) or outlet_from_url(feed_link) or parsed.feed.get("title"),
            published=published or date_from_url(link),
            published_from=("feed" if published else "url" if date_from_url(link) else None),
            external_id=entry.get("id"),
        )


def _read_warc(source: Source, stream: BinaryIO, options: ReadOptions) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = 0
    number = 0
    try:
        for number, record in enumerate(ArchiveIterator(stream), start=1):
            if record.rec_type not in ("response", "resource"):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{source.name} record {number} ({uri})"
            headers = record.http_headers
            content_type = (
                headers.get_header("Content-Type")
                if headers
                else record.rec_headers.get_header("Content-Type")
            ) or ""
            if "html" not in content_type.lower():
                continue
            if headers and not headers.get_statuscode().startswith("2"):
                continue
            found += 1
            try:
                payload = _read_limited(record.content_stream(), where, options.max_document_bytes)
                charset = re.search(r"charset=([\w\-]+)", content_type)
                try:
                    html = decode_bytes(payload, where, encoding=charset[1] if charset else None)
                except InputError:
                    html = decode_bytes(payload, where)
                yield _read_html(where, html, url=uri, fmt="warc")
            except InputError as e:
                yield e
    except (ArchiveLoadFailed, EOFError, zlib.error, gzip.BadGzipFile, ValueError) as e:
        yield InputError(source.name, f"damaged WARC after record {number} ({e})")
        return
    if not found:
        yield InputError(source.name, "WARC holds no HTML responses")


def _fetch(source: Source, options: ReadOptions) -> tuple[bytes, str]:
    import httpx

    assert source.url is not None
    try:
        response = httpx.get(
            source.url,
            timeout=options.fetch_timeout,
            follow_redirects=True,
            headers={"User-Agent": "parley (peace-process tracker)"},
        )
    except httpx.TimeoutException as e:
        raise FetchError(source.name, f"no answer within {options.fetch_timeout:g} s") from e
    except httpx.TransportError as e:
        raise FetchError(source.name, f"cannot reach the site; is there a network? ({e})") from e
    except httpx.InvalidURL as e:
        raise FetchError(source.name, f"not a valid URL ({e})") from e
    if response.status_code >= 400:
        raise FetchError(source.name, f"the site answered HTTP {response.status_code}")
    data = response.content
    if len(data) > options.max_document_bytes:
        raise FetchError(source.name, "page larger than the setting max_document_bytes")
    return data, response.headers.get("content-type", "")


# ---------------------------------------------------------------------------- dispatch


def read_source(source: Source, options: ReadOptions | None = None) -> Iterator[Item]:
    """Yield each article of one source, and an InputError for each part that cannot be read."""
    options = options or ReadOptions()
    found = 0
    try:
        for item in _read_source(source, options):
            found += 1
            yield item
    except InputError as e:
        found += 1
        yield e
    except MemoryError:
        found += 1
        yield InputError(source.name, "too large to read into memory")
    if not found:
        yield InputError(source.name, "no articles found")


def _read_source(source: Source, options: ReadOptions) -> Iterator[Item]:
    if source.url:
        data, content_type = _fetch(source, options)
        fetched = options.format or (
            "feed"
            if re.search(r"rss|atom|xml", content_type)
            else "json"
            if "json" in content_type
            else "text"
            if "text/plain" in content_type
            else "html"
        )
        yield from _read_data(source, data, fetched, options)
        return
    fmt = options.format or format_of(source.name)
    if source.path is not None and source.size == 0:
        raise InputError(source.name, "empty file")
    if fmt is None:
        if not source.is_stdin:
            raise InputError(source.name, "unknown format (use --format to name it)")
        stream = _open_binary(source)
        head = _head(stream)
        fmt = _sniff_format(head)
    if fmt in ("jsonl", "csv", "warc"):
        stream = _open_binary(source)
        try:
            if fmt == "jsonl":
                yield from _read_jsonl(source, stream, options)
            elif fmt == "csv":
                yield from _read_csv(source, stream, options)
            else:
                yield from _read_warc(source, stream, options)
        finally:
            if not source.is_stdin:
                stream.close()
        return
    data = _whole_file(source, options)
    yield from _read_data(source, data, fmt, options)


def _read_data(source: Source, data: bytes, fmt: str, options: ReadOptions) -> Iterator[Item]:
    if not data.strip():
        raise InputError(source.name, "empty input")
    if fmt in ("text", "markdown"):
        yield _read_text(source, data, options, fmt)
    elif fmt == "html":
        html = decode_bytes(data, source.name, encoding=options.encoding)
        yield _read_html(source.name, html, url=source.url)
    elif fmt == "json":
        yield from _read_json(source, data, options)
    elif fmt == "jsonl":
        yield from _read_jsonl(source, io.BytesIO(data), options)
    elif fmt == "csv":
        yield from _read_csv(source, io.BytesIO(data), options)
    elif fmt == "feed":
        if b"\x00" in data[:_SNIFF]:
            raise InputError(source.name, "binary data, not a feed")
        yield from _read_feed(source, data)
    elif fmt == "warc":
        yield from _read_warc(source, io.BytesIO(data), options)
    else:
        raise InputError(source.name, f"unknown format {fmt!r}")
