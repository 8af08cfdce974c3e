"""Case data: the gazetteer of one conflict's actors and places, loaded and validated.

A case is a folder (`parley/cases/<name>/` ships with parley; any folder can be named):

    case.toml                 name, title, and the language the case's text is in
    gazetteer/*.jsonl         one entry a line (fields below)
    issues.toml               the issues events and positions are about: for each id a
                              label, a description and cue phrases (matched as words)

An entry:

    id            stable slug, unique in the case ("volodymyr-zelenskyy")
    name          canonical name: the English Wikipedia title ("Volodymyr Zelenskyy")
    kind          person | organization | state | place
    qid           Wikidata id ("Q3874799"), only where certain; else null
    aliases       other spellings, romanizations, Cyrillic forms, short forms
    shared_aliases  aliases another entry also has, on purpose: context decides
    roles         [{"title", "of", "start", "end"}]: dated positions (ISO dates or null)
    affiliation   the state or organization a person or an organ acts for (canonical name)
    org_type      for organizations: government, military, legislature,
                  intergovernmental, media, ngo, company, party or other; media,
                  NGOs and companies report or trade but are not parties to the talks
    side          the side of the conflict, where one applies
    located_in    for places: the canonical name of the place it lies within
    place_type    for places: country, region, city, river, building, venue, plant, area;
                  also for an organization that is a territory too (a de facto
                  republic): the text then names it as an actor or as a place by context
    stands_for    for seats of power used as actors ("Kremlin"): the state's name
    demonyms      for states: adjectives and nouns for its people ("Ukrainian")
    note          a human hint, not used for linking
"""

from __future__ import annotations

import json
import re
import tomllib
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from parley.errors import InputError

__all__ = [
    "KINDS",
    "NOT_PARTIES",
    "ORG_TYPES",
    "Case",
    "Entry",
    "Issue",
    "Role",
    "case_path",
    "load_case",
    "nested_places",
    "place_depth",
    "places_around",
    "validate_case",
]

KINDS = ("person", "organization", "state", "place")
PLACE_TYPES = (
    "country",
    "region",
    "city",
    "district",
    "river",
    "sea",
    "building",
    "venue",
    "plant",
    "area",
    "continent",
    "island",
    "peninsula",
    "facility",
)
ORG_TYPES = (
    "government",
    "military",
    "legislature",
    "intergovernmental",
    "media",
    "ngo",
    "company",
    "party",
    "other",
)
CASES_DIR = Path(__file__).parent / "cases"
_QID = re.compile(r"^Q[1-9]\d*$")
_ID = re.compile(r"^[a-z0-9][a-z0-9\-]*$")


@dataclass(frozen=True)
class Role:
    """A dated position: "Minister of Foreign Affairs" of "Ukraine" from … to …."""

    title: str
    of: str | None = None
    start: date | None = None
    end: date | None = None

    def holds_on(self, day: date | None) -> bool:
        """Whether the role was held on that day (True for any day when the day is unknown)."""
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Entry:
    """One actor or place of the case."""

    id: str
    name: str
    kind: str
    qid: str | None = None
    aliases: tuple[str, ...] = ()
    shared_aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    affiliation: str | None = None
    side: str | None = None
    located_in: str | None = None
    place_type: str | None = None
    stands_for: str | None = None
    demonyms: tuple[str, ...] = ()
    org_type: str | None = None
    note: str | None = None
    source: str = field(default="", compare=False)

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name and every alias."""
        return (self.name, *self.aliases)

    def party_on(self, day: date | None) -> str | None:
        """The state or organization this entry acts for on a day (itself for states/orgs)."""
        if self.kind in ("state", "organization"):
            return self.name
        for role in self.roles:
            if role.of and role.holds_on(day):
                return role.of
        return self.affiliation


NOT_PARTIES = frozenset({"media", "ngo", "company"})


@dataclass(frozen=True)
class Issue:
    """One issue of the case's taxonomy and the words that show a sentence is about it."""

    id: str
    label: str
    description: str = ""
    cues: tuple[str, ...] = ()


@dataclass
class Case:
    """A conflict's case data: its gazetteer entries, indexed, and its issues."""

    name: str
    title: str
    path: Path
    entries: list[Entry]
    issues: list[Issue] = field(default_factory=list)
    by_id: dict[str, Entry] = field(default_factory=dict)
    by_name: dict[str, Entry] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {entry.id: entry for entry in self.entries}
        self.by_name = {entry.name: entry for entry in self.entries}

    def entry(self, name: str) -> Entry | None:
        """An entry by its canonical name or id."""
        return self.by_name.get(name) or self.by_id.get(name)

    def parties(self) -> dict[str, tuple[str, str]]:
        """Each person's party, the state or organization they act for: id -> (id, name)."""
        result: dict[str, tuple[str, str]] = {}
        for entry in self.entries:
            if entry.kind != "person":
                continue
            party = self.party_of(entry, None)
            if party is not None:
                result[entry.id] = (party.id, party.name)
        return result

    def party_of(self, entry: Entry, day: date | None) -> Entry | None:
        """The party an actor counts for in the talks on a day: a state itself; an
        intergovernmental organization itself; a ministry, army or parliament its state;
        a person the state or organization of the role held that day (else their
        affiliation), or the state of the region or city they govern; a seat of power
        its state. Media, NGOs and companies are no party."""
        seen: set[str] = set()
        current: Entry | None = entry
        while current is not None and current.id not in seen:
            seen.add(current.id)
            if current.kind == "state":
                return current
            if current.kind == "place":
                current = self.entry(current.stands_for) if current.stands_for else None
            elif current.kind == "organization":
                if current.org_type in NOT_PARTIES:
                    return None
                if not current.affiliation:
                    return current
                current = self.entry(current.affiliation)
            else:
                held = [r.of for r in current.roles if r.of and r.holds_on(day)]
                if day is None:
                    held = []
                target = next((name for name in held if self.entry(name)), None)
                target = target or current.affiliation
                current = self.entry(target) if target else None
                while current is not None and current.kind == "place" and not current.stands_for:
                    # A governor or mayor acts for the state their region or city lies in.
                    current = self.entry(current.located_in) if current.located_in else None
        return None

    def located_in(self) -> dict[str, str]:
        """Place → the place it lies within, by canonical names."""
        return {e.name: e.located_in for e in self.entries if e.located_in}

    def aliases(self) -> dict[str, tuple[str, ...]]:
        """Canonical name → its aliases."""
        return {e.name: e.aliases for e in self.entries}


def places_around(place: str, located_in: Mapping[str, str]) -> list[str]:
    """A place and every place it lies within, innermost first (palace, city, country)."""
    found = [place]
    while (place := located_in.get(place, "")) and place not in found:
        found.append(place)
    return found


def nested_places(a: str, b: str, located_in: Mapping[str, str]) -> bool:
    """Whether one place lies within the other (or they are the same)."""
    return a in places_around(b, located_in) or b in places_around(a, located_in)


def place_depth(place: str, located_in: Mapping[str, str]) -> int:
    """How many places a place lies within: a palace is deeper than its city."""
    return len(places_around(place, located_in)) - 1


def case_path(name_or_path: str | Path) -> Path:
    """The folder of a shipped case by name, or any case folder by path."""
    path = Path(name_or_path)
    if path.is_dir():
        return path
    shipped = CASES_DIR / str(name_or_path)
    if shipped.is_dir():
        return shipped
    known = ", ".join(sorted(p.name for p in CASES_DIR.iterdir() if p.is_dir()))
    raise InputError(str(name_or_path), f"no such case (shipped cases: {known})")


def _date(value: Any, where: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as e:
        raise InputError(where, f"not an ISO date: {value!r}") from e


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value if str(v).strip())


def _entry(record: dict[str, Any], where: str) -> Entry:
    roles = tuple(
        Role(
            title=str(role.get("title") or ""),
            of=role.get("of"),
            start=_date(role.get("start"), where),
            end=_date(role.get("end"), where),
        )
        for role in record.get("roles") or []
    )
    return Entry(
        id=str(record.get("id") or ""),
        name=str(record.get("name") or ""),
        kind=str(record.get("kind") or ""),
        qid=record.get("qid") or None,
        aliases=_strings(record.get("aliases")),
        shared_aliases=_strings(record.get("shared_aliases")),
        roles=roles,
        affiliation=record.get("affiliation") or None,
        side=record.get("side") or None,
        located_in=record.get("located_in") or None,
        place_type=record.get("place_type") or None,
        stands_for=record.get("stands_for") or None,
        demonyms=_strings(record.get("demonyms")),
        org_type=record.get("org_type") or None,
        note=record.get("note") or None,
        source=where,
    )


def _read_entries(folder: Path) -> Iterator[Entry]:
    files = sorted((folder / "gazetteer").glob("*.jsonl"))
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(str(path), f"malformed JSON ({e.msg})", line=number) from e
            if not isinstance(record, dict):
                raise InputError(str(path), "not a JSON object", line=number)
            yield _entry(record, where)


def load_case(name_or_path: str | Path = "ukraine-russia") -> Case:
    """Load a case's gazetteer (not validated: see validate_case)."""
    folder = case_path(name_or_path)
    meta: dict[str, Any] = {}
    if (folder / "case.toml").is_file():
        try:
            meta = tomllib.loads((folder / "case.toml").read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as e:
            raise InputError(str(folder / "case.toml"), f"malformed TOML ({e})") from e
    entries = list(_read_entries(folder))
    return Case(
        name=str(meta.get("name") or folder.name),
        title=str(meta.get("title") or folder.name),
        path=folder,
        entries=entries,
        issues=_read_issues(folder / "issues.toml"),
    )


def _read_issues(path: Path) -> list[Issue]:
    if not path.is_file():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise InputError(str(path), f"malformed TOML ({e})") from e
    issues = data.get("issues")
    if not isinstance(issues, dict):
        raise InputError(str(path), "no [issues.<id>] tables")
    return [
        Issue(
            id=str(issue_id),
            label=str(body.get("label") or issue_id),
            description=str(body.get("description") or ""),
            cues=_strings(body.get("cues")),
        )
        for issue_id, body in issues.items()
        if isinstance(body, dict)
    ]


def _fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def validate_case(case: Case) -> list[str]:
    """Every problem in the case data, one line each: ids, kinds, QIDs, dates, references,
    and aliases shared by entries that do not both declare them as shared."""
    problems: list[str] = []
    seen_ids: dict[str, str] = {}
    seen_names: dict[str, str] = {}
    for entry in case.entries:
        where = entry.source
        if not _ID.match(entry.id):
            problems.append(f"{where}: id {entry.id!r} is not a lowercase slug")
        if entry.id in seen_ids:
            problems.append(f"{where}: id {entry.id!r} already used at {seen_ids[entry.id]}")
        seen_ids.setdefault(entry.id, where)
        if not entry.name.strip():
            problems.append(f"{where}: no name")
        if entry.name in seen_names:
            problems.append(
                f"{where}: name {entry.name!r} already used at {seen_names[entry.name]}"
            )
        seen_names.setdefault(entry.name, where)
        if entry.kind not in KINDS:
            problems.append(f"{where}: kind {entry.kind!r} is not one of {', '.join(KINDS)}")
        if entry.qid is not None and not _QID.match(entry.qid):
            problems.append(f"{where}: QID {entry.qid!r} is not of the form Q123")
        if entry.place_type is not None and entry.place_type not in PLACE_TYPES:
            problems.append(
                f"{where}: place_type {entry.place_type!r} is not one of {', '.join(PLACE_TYPES)}"
            )
        if entry.org_type is not None and entry.org_type not in ORG_TYPES:
            problems.append(
                f"{where}: org_type {entry.org_type!r} is not one of {', '.join(ORG_TYPES)}"
            )
        for role in entry.roles:
            if not role.title:
                problems.append(f"{where}: a role without a title")
            if role.start and role.end and role.start > role.end:
                problems.append(
                    f"{where}: role {role.title!r} ends ({role.end}) "
                    f"before it starts ({role.start})"
                )
        for alias in entry.shared_aliases:
            if alias not in entry.aliases:
                problems.append(f"{where}: shared alias {alias!r} is not among its aliases")
    names = {entry.name for entry in case.entries}
    for entry in case.entries:
        references = [
            ("located_in", entry.located_in),
            ("stands_for", entry.stands_for),
            ("affiliation", entry.affiliation),
            *(("role of", role.of) for role in entry.roles),
        ]
        for label, target in references:
            if target and target not in names:
                problems.append(f"{entry.source}: {label} {target!r} is not an entry's name")
    seen_issues: set[str] = set()
    for issue in case.issues:
        where = f"{case.path / 'issues.toml'} [{issue.id}]"
        if not re.match(r"^[a-z][a-z0-9_]*$", issue.id):
            problems.append(f"{where}: issue id {issue.id!r} is not a lowercase_identifier")
        if issue.id in seen_issues:
            problems.append(f"{where}: issue id {issue.id!r} appears twice")
        seen_issues.add(issue.id)
        if not issue.cues:
            problems.append(f"{where}: no cue phrases")
        if len(set(issue.cues)) != len(issue.cues):
            problems.append(f"{where}: a cue phrase appears twice")
    owners: dict[str, list[Entry]] = defaultdict(list)
    for entry in case.entries:
        for form in {_fold(name) for name in entry.names}:
            owners[form].append(entry)
    for form, holders in sorted(owners.items()):
        if len(holders) < 2:
            continue
        undeclared = [
            e
            for e in holders
            if not any(_fold(a) == form for a in e.shared_aliases) and _fold(e.name) != form
        ]
        if undeclared:
            listed = ", ".join(f"{e.name} ({e.source})" for e in holders)
            problems.append(
                f"alias {form!r} belongs to {listed}; declare it in shared_aliases where context "
                "should decide, or remove it"
            )
    return problems
