"""A case gazetteer from a Wikidata export: items become entries in the case format.

Input is Wikidata's own JSON for entities, in any of the shapes it comes in:

    latest-all.json            a JSON array, one entity a line, each followed by a comma
    entities.jsonl             one entity object a line
    Special:EntityData/Q1.json {"entities": {"Q1": {...}}}, on one line or pretty-printed

each of them optionally gzip- or bzip2-compressed (recognized by content, not name).

Each item becomes one record (see parley.case for the fields):

    name          the English Wikipedia title (sitelink), else the English label
    kind          from P31 (instance of): person, state, organization, place; items of no
                  known kind that have coordinates (P625) or a location (P131) are places;
                  the rest are skipped, each with its reason
    aliases       labels and aliases in the requested languages (and "mul")
    roles         P39 (position held), dated by its P580/P582 qualifiers; the title is the
                  position item's label and `of` its P1001 (jurisdiction) or P17 (country)
    affiliation   P27 (country of citizenship), for people
    located_in    P131 (located in), else P17 (country), for places
    place_type    from P31
    demonyms      P1549, for states
    note          the English description

References (role `of`, affiliation, located_in) name other records of the same import, by
their canonical names, or are left empty: a case's references must resolve within the case.
The items an export needs only to resolve those references (positions, mostly) are read
but not imported unless their own kind is known.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import logging
import re
import unicodedata
import zlib
from calendar import monthrange
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from parley.errors import InputError

__all__ = ["ImportResult", "import_wikidata", "write_gazetteer"]

log = logging.getLogger(__name__)

# --- Wikidata classes (values of P31, instance of) -------------------------------------------

PERSON_CLASSES = frozenset({"Q5"})  # human
STATE_CLASSES = frozenset(
    {
        "Q3624078",  # sovereign state
        "Q6256",  # country
        "Q7275",  # state
        "Q15634554",  # state with limited recognition
    }
)
ORGANIZATION_CLASSES = frozenset(
    {
        "Q43229",  # organization
        "Q327333",  # government agency
        "Q7188",  # government
        "Q484652",  # international organization
        "Q245065",  # intergovernmental organization
        "Q1335818",  # supranational union
        "Q1127126",  # military alliance
        "Q2659904",  # government organization
        "Q192350",  # ministry
        "Q7210356",  # political organization
        "Q7278",  # political party
        "Q163740",  # nonprofit organization
        "Q79913",  # non-governmental organization
        "Q17149090",  # armed organization
        "Q176799",  # military unit
        "Q8473",  # military
        "Q35535",  # police
        "Q4830453",  # business
        "Q783794",  # company
        "Q891723",  # public company
        "Q1331793",  # media company
        "Q1193236",  # news agency
        "Q11032",  # newspaper
        "Q1110794",  # daily newspaper
        "Q1002697",  # periodical
        "Q1616075",  # television station
    }
)
PLACE_CLASSES: Mapping[str, str] = {
    # plant
    "Q134447": "plant",  # nuclear power plant
    "Q159719": "plant",  # power station
    # venue
    "Q27686": "venue",  # hotel
    "Q483110": "venue",  # stadium
    # building
    "Q41176": "building",  # building
    "Q16560": "building",  # palace
    "Q811979": "building",  # architectural structure
    "Q23413": "building",  # castle
    "Q1021645": "building",  # office building
    "Q16970": "building",  # church building
    "Q3947": "building",  # house
    # facility
    "Q13226383": "facility",  # facility
    "Q1248784": "facility",  # airport
    "Q44782": "facility",  # port
    "Q12323": "facility",  # dam
    "Q12280": "facility",  # bridge
    # water, land
    "Q4022": "river",  # river
    "Q165": "sea",  # sea
    "Q23442": "island",  # island
    "Q34763": "peninsula",  # peninsula
    "Q5107": "continent",  # continent
    # city
    "Q515": "city",  # city
    "Q486972": "city",  # human settlement
    "Q1549591": "city",  # big city
    "Q1637706": "city",  # city with millions of inhabitants
    "Q200250": "city",  # metropolis
    "Q5119": "city",  # capital city
    "Q5124045": "city",  # city with special status
    "Q3957": "city",  # town
    "Q532": "city",  # village
    "Q7930989": "city",  # city or town
    "Q2264924": "city",  # port settlement
    # district
    "Q149621": "district",  # district
    # region
    "Q10864048": "region",  # first-level administrative country subdivision
    "Q13220204": "region",  # second-level administrative country subdivision
    "Q3455524": "region",  # administrative region
    "Q56061": "region",  # administrative territorial entity
    "Q3348196": "region",  # oblast of Ukraine
    "Q835714": "region",  # oblast of Russia
    "Q43263": "region",  # federal subject of Russia
    "Q41162": "region",  # republic of Russia
    "Q107390": "region",  # federated state
    "Q34876": "region",  # province
    "Q35657": "region",  # state of the United States
    "Q82794": "region",  # geographic region
    # country (as a place: states are their own kind)
    "Q3024240": "country",  # historical country
    "Q161243": "country",  # dependent territory
}
# When an item is of several place classes, the most specific type wins.
PLACE_TYPE_ORDER = (
    "plant", "venue", "building", "facility", "river", "sea", "island", "peninsula",
    "continent", "city", "district", "region", "country",
)  # fmt: skip
# Items with coordinates that are still not places.
NOT_PLACE_CLASSES = frozenset(
    {
        "Q1656682",  # event
        "Q1190554",  # occurrence
        "Q178561",  # battle
        "Q198",  # war
        "Q645883",  # military operation
        "Q131569",  # treaty
        "Q4164871",  # position
        "Q4167410",  # Wikimedia disambiguation page
        "Q4167836",  # Wikimedia category
        "Q13406463",  # Wikimedia list article
    }
)
POSITION_CLASS = "Q4164871"

# Properties read from each item; others are dropped as the file is read.
_PROPERTIES = ("P31", "P39", "P27", "P131", "P17", "P1001", "P625", "P1549")
_QID = re.compile(r"^Q[1-9]\d*$")
_TIME = re.compile(r"^([+-])(\d{1,16})-(\d\d)-(\d\d)T")
_DAY, _MONTH, _YEAR = 11, 10, 9  # Wikidata time precisions


@dataclass
class ImportResult:
    """What an import made: gazetteer records in the case format, and what it left out.

    `skipped` holds (QID, reason) for each entity not imported; the first element is
    "line N" instead for a line of the file that held no readable entity.
    """

    records: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --- Reading the file -------------------------------------------------------------------------


@dataclass
class _Item:
    """One item, trimmed to what an import uses."""

    qid: str
    labels: dict[str, str]
    aliases: dict[str, list[str]]
    description: str | None
    sitelink: str | None
    claims: dict[str, list[dict[str, Any]]]


class _Reader:
    """Collects items from parsed JSON values, and the reasons for what it leaves out."""

    def __init__(self, languages: Sequence[str], label_language: str) -> None:
        self.languages = tuple(dict.fromkeys([label_language, *languages, "mul"]))
        self.label_language = label_language
        self.items: dict[str, _Item] = {}
        self.skipped: list[tuple[str, str]] = []
        self.entities = 0  # values that looked like entities, readable or not
        self.malformed = 0  # lines that were not JSON

    def value(self, value: Any, where: str) -> None:
        """Take any JSON value: an entity, a list of them, or an EntityData document."""
        if isinstance(value, list):
            for element in value:
                self.value(element, where)
        elif isinstance(value, dict) and "entities" in value and "id" not in value:
            entities = value["entities"]
            if isinstance(entities, dict):
                entities = list(entities.values())
            self.value(entities if isinstance(entities, list) else None, where)
        elif isinstance(value, dict) and ("id" in value or "claims" in value or "labels" in value):
            self.entities += 1
            self.entity(value, where)
        else:
            self.skipped.append((where, "not a Wikidata entity"))

    def entity(self, raw: dict[str, Any], where: str) -> None:
        qid = raw.get("id")
        if not isinstance(qid, str) or not qid:
            self.skipped.append((where, "malformed entity: no id"))
            return
        kind = raw.get("type", "item" if qid.startswith("Q") else None)
        reason = None
        if "missing" in raw:
            reason = "missing entity (deleted or never created)"
        elif kind != "item":
            reason = f"not an item ({kind})"
        elif not _QID.match(qid):
            reason = f"malformed entity: id {qid!r} is not a QID"
        elif qid in self.items:
            reason = "duplicate entity: the first one is kept"
        else:
            for key in ("labels", "aliases", "descriptions", "sitelinks", "claims"):
                # Wikibase writes an empty map as [].
                if raw.get(key) not in (None, []) and not isinstance(raw.get(key), dict):
                    reason = f"malformed entity: {key!r} is not an object"
                    break
        if reason is not None:
            self.skipped.append((qid, reason))
            return
        self.items[qid] = self._trim(qid, raw)

    def _trim(self, qid: str, raw: dict[str, Any]) -> _Item:
        labels: dict[str, str] = {}
        all_labels = _mapping(raw.get("labels"))
        for language, label in all_labels.items():
            text = _text(label)
            if text and (language in self.languages or not labels):
                labels[language] = text  # wanted languages, and one other as a last resort
        aliases = {
            language: [t for t in (_text(a) for a in _list(forms)) if t]
            for language, forms in _mapping(raw.get("aliases")).items()
            if language in self.languages
        }
        sitelink = _mapping(_mapping(raw.get("sitelinks")).get(f"{self.label_language}wiki"))
        claims = _mapping(raw.get("claims"))
        return _Item(
            qid=qid,
            labels=labels,
            aliases=aliases,
            description=_text(_mapping(raw.get("descriptions")).get(self.label_language)),
            sitelink=_clean(sitelink.get("title")),
            claims={
                prop: [s for s in _list(claims.get(prop)) if isinstance(s, dict)]
                for prop in _PROPERTIES
                if prop in claims
            },
        )


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _text(value: Any) -> str | None:
    """The text of a label, alias or description ({"language": …, "value": …})."""
    return _clean(_mapping(value).get("value"))


def _compression(path: Path) -> str | None:
    try:
        with path.open("rb") as probe:
            magic = probe.read(3)
    except FileNotFoundError as e:
        raise InputError(str(path), "no such file") from e
    except IsADirectoryError as e:
        raise InputError(str(path), "a folder, not a file") from e
    except OSError as e:
        raise InputError(str(path), f"cannot be read ({e.strerror or e})") from e
    if magic[:2] == b"\x1f\x8b":
        return "gzip"
    if magic == b"BZh":
        return "bzip2"
    if path.suffix == ".gz":
        raise InputError(str(path), "named .gz but not gzip-compressed")
    if path.suffix == ".bz2":
        raise InputError(str(path), "named .bz2 but not bzip2-compressed")
    return None


def _binary(path: Path, compression: str | None) -> io.BufferedIOBase:
    if compression == "gzip":
        return gzip.open(path, "rb")
    if compression == "bzip2":
        return bz2.open(path, "rb")
    return path.open("rb")


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """The file's lines, numbered, decompressed and decoded; InputError when it cannot be."""
    compression = _compression(path)
    number = 0
    try:
        with _binary(path, compression) as raw:
            for number, line in enumerate(raw, start=1):
                yield number, line.decode("utf-8-sig" if number == 1 else "utf-8")
    except EOFError as e:
        raise InputError(str(path), f"truncated {compression} data after line {number}") from e
    except (zlib.error, OSError) as e:
        what = f"damaged {compression} data" if compression else "cannot be read"
        raise InputError(str(path), f"{what} after line {number} ({e})") from e
    except UnicodeDecodeError as e:
        raise InputError(str(path), f"not UTF-8 text (line {number})") from e


def _read_lines(path: Path, reader: _Reader, *, whole_on_failure: bool) -> bool:
    """Read the file as one JSON value a line (JSON lines; a dump's array, an entity and a
    comma a line). False when its first line is no JSON value and `whole_on_failure`."""
    first = True
    for number, line in _lines(path):
        text = line.strip().removesuffix(",").strip()
        if not text or text in ("[", "]"):
            continue
        try:
            value = json.loads(text)
        except json.JSONDecodeError as e:
            if first and whole_on_failure:
                return False
            reader.malformed += 1
            reader.skipped.append((f"line {number}", f"malformed JSON ({e.msg})"))
            continue
        first = False
        reader.value(value, f"line {number}")
    return True


def _read(path: Path, reader: _Reader) -> None:
    """Read every entity of the file into `reader`: line by line where its first line is a
    JSON value of its own, else as one JSON document (pretty-printed), else line by line
    with its unreadable lines skipped."""
    if not _read_lines(path, reader, whole_on_failure=True):
        document = "".join(line for _, line in _lines(path))
        try:
            reader.value(json.loads(document), "document")
        except json.JSONDecodeError as e:
            _read_lines(path, reader, whole_on_failure=False)
            if reader.entities == 0:
                raise InputError(
                    str(path), f"not JSON ({e.msg} at line {e.lineno} column {e.colno})"
                ) from e
    if reader.entities == 0:
        raise InputError(
            str(path),
            "no Wikidata entities (expected a JSON dump array, JSON lines of entities, "
            'or Special:EntityData JSON {"entities": …})',
        )


# --- Reading statements -----------------------------------------------------------------------


def _statements(item: _Item, prop: str) -> list[dict[str, Any]]:
    """An item's statements of a property, preferred first, deprecated ones left out."""
    statements = [s for s in item.claims.get(prop, []) if s.get("rank") != "deprecated"]
    return sorted(statements, key=lambda s: s.get("rank") != "preferred")


def _datavalue(snak: Any) -> Any:
    snak = _mapping(snak)
    if snak.get("snaktype", "value") != "value":
        return None
    return _mapping(snak.get("datavalue")).get("value")


def _item_id(snak: Any) -> str | None:
    """The QID a snak's value names, if it names an item."""
    value = _mapping(_datavalue(snak))
    qid = value.get("id")
    if not isinstance(qid, str) and isinstance(value.get("numeric-id"), int):
        qid = f"Q{value['numeric-id']}"
    return qid if isinstance(qid, str) and _QID.match(qid) else None


def _items(item: _Item, prop: str) -> list[str]:
    """The QIDs an item's statements of a property name, preferred first."""
    found = (_item_id(s.get("mainsnak")) for s in _statements(item, prop))
    return list(dict.fromkeys(q for q in found if q))


def _time(snak: Any, *, end: bool) -> date | None:
    """A Wikidata time value as a date: the first day of its month or year for a start,
    the last for an end; None for BCE dates and precisions coarser than a year."""
    value = _mapping(_datavalue(snak))
    match = _TIME.match(str(value.get("time") or ""))
    precision = value.get("precision")
    if not match or not isinstance(precision, int) or match[1] == "-":
        return None
    year, month, day = int(match[2]), int(match[3]), int(match[4])
    if not 1 <= year <= 9999:
        return None
    if precision >= _DAY and month and day:
        pass
    elif precision >= _MONTH and month:
        day = monthrange(year, month)[1] if end else 1
    elif precision >= _YEAR:
        month, day = (12, 31) if end else (1, 1)
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _qualifier_date(statement: dict[str, Any], prop: str, *, end: bool) -> date | None:
    for snak in _list(_mapping(statement.get("qualifiers")).get(prop)):
        day = _time(snak, end=end)
        if day is not None:
            return day
    return None


# --- Building records -------------------------------------------------------------------------


def _kind(item: _Item) -> tuple[str | None, str | None, str]:
    """(kind, place type, reason if neither)."""
    classes = set(_items(item, "P31"))
    if classes & PERSON_CLASSES:
        return "person", None, ""
    if classes & STATE_CLASSES:
        return "state", "country", ""
    if classes & ORGANIZATION_CLASSES:
        return "organization", None, ""
    types = {PLACE_CLASSES[c] for c in classes if c in PLACE_CLASSES}
    if types:
        return "place", next(t for t in PLACE_TYPE_ORDER if t in types), ""
    listed = ", ".join(sorted(classes, key=lambda q: int(q[1:])))
    if POSITION_CLASS in classes:
        return None, None, f"a position (instance of {listed}): used for role titles only"
    located = any(_statements(item, p) for p in ("P625", "P131"))
    if located and not classes & NOT_PLACE_CLASSES:
        return "place", "area", ""
    if not classes:
        return None, None, "unknown kind: no instance of (P31), coordinates or location"
    return None, None, f"unknown kind: instance of {listed}"


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _fold(text: str) -> str:
    """The form parley.case.validate_case compares aliases by."""
    return " ".join(re.findall(r"\w+", text.casefold()))


class _Builder:
    def __init__(self, reader: _Reader) -> None:
        self.reader = reader
        self.items = reader.items
        self.result = ImportResult(skipped=list(reader.skipped))
        self.names: dict[str, str] = {}  # QID → canonical name, for imported items

    def label(self, item: _Item) -> str | None:
        """An item's label: in the label language, else "mul", else any the file has."""
        labels = item.labels
        for language in self.reader.languages:
            if language in labels:
                return labels[language]
        return next(iter(labels.values()), None)

    def build(self) -> ImportResult:
        ids: set[str] = set()
        used: set[str] = set()
        named: list[tuple[_Item, str, str, str, str | None]] = []
        # Every imported item is named first, so that references can name any of them.
        for qid, item in self.items.items():
            kind, place_type, reason = _kind(item)
            name = item.sitelink or self.label(item)
            if kind is None:
                self.result.skipped.append((qid, reason))
                continue
            if name is None:
                self.result.skipped.append((qid, "no label or Wikipedia title"))
                continue
            if name in used:
                self.result.warnings.append(
                    f"{qid}: name {name!r} is taken by another item; named {name} ({qid})"
                )
                name = f"{name} ({qid})"
            self.names[qid] = name
            used.add(name)
            slug = _slug(name) or qid.lower()
            if slug in ids:
                slug = f"{slug}-{qid.lower()}"
            ids.add(slug)
            named.append((item, slug, name, kind, place_type))
        for item, slug, name, kind, place_type in named:
            record = self.record(item, slug, name, kind, place_type)
            self.locate(record)
            self.result.records.append(record)
        self.break_cycles()
        self.share_aliases()
        for qid, reason in self.result.skipped:
            log.debug("%s: skipped: %s", qid, reason)
        return self.result

    def record(
        self, item: _Item, slug: str, name: str, kind: str, place_type: str | None
    ) -> dict[str, Any]:
        aliases: list[str] = []
        for language in self.reader.languages:
            label = item.labels.get(language)
            aliases.extend([label] if label else [])
            aliases.extend(item.aliases.get(language, []))
        if name.endswith(f" ({item.qid})"):
            aliases.append(name.removesuffix(f" ({item.qid})"))
        demonyms = [
            text
            for value in (_datavalue(s.get("mainsnak")) for s in _statements(item, "P1549"))
            if _mapping(value).get("language") in self.reader.languages
            and (text := _clean(_mapping(value).get("text")))
        ]
        return {
            "id": slug,
            "name": name,
            "kind": kind,
            "qid": item.qid,
            "aliases": [a for a in dict.fromkeys(aliases) if a != name and _fold(a)],
            "shared_aliases": [],
            "roles": self.roles(item, name) if kind == "person" else [],
            "affiliation": self.resolve(_items(item, "P27")) if kind == "person" else None,
            "side": None,
            "located_in": None,  # set once every record is named: see locate
            "place_type": place_type,
            "stands_for": None,
            "demonyms": list(dict.fromkeys(demonyms)) if kind == "state" else [],
            "note": item.description,
        }

    def resolve(self, qids: Sequence[str]) -> str | None:
        """The canonical name of the first of these items that is imported."""
        return next((self.names[q] for q in qids if q in self.names), None)

    def roles(self, item: _Item, name: str) -> list[dict[str, Any]]:
        roles: list[dict[str, Any]] = []
        for statement in _statements(item, "P39"):
            position = _item_id(statement.get("mainsnak"))
            if position is None:
                continue
            start = _qualifier_date(statement, "P580", end=False)
            end = _qualifier_date(statement, "P582", end=True)
            held = self.items.get(position)
            if held is None:
                title, of = position, None
                self.result.warnings.append(
                    f"{item.qid} ({name}): position {position} is not in the file; "
                    "its QID is the role's title"
                )
            else:
                title = self.label(held) or held.sitelink or position
                of = self.resolve([*_items(held, "P1001"), *_items(held, "P17")])
            if start and end and start > end:
                self.result.warnings.append(
                    f"{item.qid} ({name}): role {title!r} ends ({end}) before it starts "
                    f"({start}); left out"
                )
                continue
            role = {
                "title": title,
                "of": of,
                "start": start.isoformat() if start else None,
                "end": end.isoformat() if end else None,
            }
            if role not in roles:
                roles.append(role)
        return roles

    def locate(self, record: dict[str, Any]) -> None:
        if record["kind"] != "place":
            return
        item = self.items[record["qid"]]
        candidates = [*_items(item, "P131"), *_items(item, "P17")]
        record["located_in"] = self.resolve([q for q in candidates if q != item.qid])

    def break_cycles(self) -> None:
        by_name = {r["name"]: r for r in self.result.records}
        for record in self.result.records:
            seen = {record["name"]}
            current = record["located_in"]
            while current:
                if current in seen:
                    self.result.warnings.append(
                        f"{record['qid']} ({record['name']}): located in {record['located_in']!r}"
                        " closes a cycle of locations; left out"
                    )
                    record["located_in"] = None
                    break
                seen.add(current)
                current = by_name[current]["located_in"]

    def share_aliases(self) -> None:
        """Mark aliases that several records have (or that are another's name) as shared:
        the linker decides between them by context."""
        owners: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for record in self.result.records:
            for form in {_fold(n) for n in (record["name"], *record["aliases"])}:
                owners[form].append(record)
        for form, holders in owners.items():
            if len(holders) < 2:
                continue
            for record in holders:
                if _fold(record["name"]) == form:
                    continue
                for alias in record["aliases"]:
                    if _fold(alias) == form and alias not in record["shared_aliases"]:
                        record["shared_aliases"].append(alias)
            names = ", ".join(repr(r["name"]) for r in holders)
            self.result.warnings.append(f"alias {form!r} is shared by {names}")


def import_wikidata(
    path: Path,
    *,
    languages: Sequence[str] = ("en", "uk", "ru", "fr", "de"),
    label_language: str = "en",
) -> ImportResult:
    """Gazetteer records from a Wikidata JSON export (see the module's docstring).

    Raises InputError when the file is missing, damaged, not JSON, or holds no entities;
    a malformed line among readable ones is skipped, with its reason, instead.
    """
    reader = _Reader(languages, label_language)
    _read(path, reader)
    result = _Builder(reader).build()
    log.info(
        "%s: %d records from %d items, %d skipped, %d warnings",
        path,
        len(result.records),
        len(reader.items),
        len(result.skipped),
        len(result.warnings),
    )
    return result


# --- Writing a case ---------------------------------------------------------------------------


def _toml_string(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's, but for DEL)."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def write_gazetteer(
    result: ImportResult, folder: Path, *, name: str, title: str, overwrite: bool = False
) -> Path:
    """Write the records as a case: `folder/gazetteer/wikidata.jsonl`, and `folder/case.toml`
    where there is none yet (or overwrite=True). Returns the gazetteer file's path.

    Refuses, with InputError, to replace a gazetteer file that has content unless
    overwrite=True.
    """
    gazetteer = folder / "gazetteer" / "wikidata.jsonl"
    meta = folder / "case.toml"
    try:
        if not overwrite and gazetteer.is_file() and gazetteer.stat().st_size > 0:
            raise InputError(str(gazetteer), "already has entries; pass overwrite=True to replace")
        gazetteer.parent.mkdir(parents=True, exist_ok=True)
        if overwrite or not meta.exists():
            meta.write_text(
                f'name = {_toml_string(name)}\ntitle = {_toml_string(title)}\nlanguage = "en"\n',
                encoding="utf-8",
            )
        else:
            log.info("%s: kept as it is", meta)
        partial = gazetteer.with_name(gazetteer.name + ".partial")
        with partial.open("w", encoding="utf-8", newline="\n") as out:
            for record in result.records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        partial.replace(gazetteer)
    except OSError as e:
        raise InputError(str(folder), f"cannot be written ({e.strerror or e})") from e
    log.info("%s: %d entries", gazetteer, len(result.records))
    return gazetteer
