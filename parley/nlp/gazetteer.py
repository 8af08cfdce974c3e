"""The case gazetteer as a spaCy component and as a look-up index.

`Gazetteer` indexes every entry's names by their normal form (exact look-up, any
script), by their skeleton (fuzzy look-up through damage), in the forms a spinner or
machine translation gives institution names (`lexicon/reworded.toml`: "State Division"),
and, for a state's bodies, by the name left without the state ("Air Force", which the
linker settles by the state in context). The component
`parley.gazetteer.v1` marks every gazetteer name in a text as an entity with the label its
kind implies, and these spans win over the statistical model's where they overlap
("Kiev" tagged PERSON by the model is a place here).
"""

from __future__ import annotations

import itertools
import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path

from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from parley.case import Case, Entry
from parley.nlp.keys import bare_name, normal, similarity, skeleton

__all__ = ["GAZETTEER_COMPONENT", "Gazetteer", "GazetteerRuler", "label_of"]

GAZETTEER_COMPONENT = "parley.gazetteer.v1"
REWORDED = Path(__file__).parent / "lexicon" / "reworded.toml"
_ARTICLE = ("the ", "The ")
_MOST_REWORDINGS = 16
_FUZZY_REMEMBERED = 50_000


def _swaps() -> dict[str, tuple[str, ...]]:
    with REWORDED.open("rb") as handle:
        table = tomllib.load(handle)["swaps"]
    return {word.lower(): tuple(others) for word, others in table.items()}


def _as_written(word: str, like: str) -> str:
    """`word` with the capitals of the word it stands in for ("division" like "Department")."""
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def reworded(name: str, swaps: Mapping[str, tuple[str, ...]]) -> list[str]:
    """The forms a spinner or machine translation gives a name of several words, each with
    at least one word swapped ("State Department" → "State Division", "State Section")."""
    words = re.split(r"(\W+)", name)
    options = [
        [word, *(_as_written(other, word) for other in swaps.get(word.lower(), ()))]
        for word in words
    ]
    if sum(len(choice) > 1 for choice in options) == 0 or len(name.split()) < 2:
        return []
    forms = ("".join(combination) for combination in itertools.product(*options))
    return [form for form in itertools.islice(forms, _MOST_REWORDINGS + 1) if form != name]


def _without_middle_names(names: Iterable[str]) -> list[str]:
    """A person's names of three or more capitalized words as first and last name only
    ("Recep Tayyip Erdoğan" → "Recep Erdoğan"): texts often drop the middle name or the
    patronymic. Names with lower-case particles ("Ursula von der Leyen") are left alone."""
    shortened = []
    for name in names:
        words = bare_name(name).split()
        if len(words) >= 3 and all(word[:1].isupper() for word in words):
            shortened.append(f"{words[0]} {words[-1]}")
    return shortened


def label_of(entry: Entry) -> str:
    """The spaCy entity label an entry's kind implies."""
    if entry.kind == "person":
        return "PERSON"
    if entry.kind == "organization":
        return "ORG"
    if entry.kind == "state" or entry.place_type in ("city", "region", "country", "district"):
        return "GPE"
    if entry.place_type in ("building", "venue", "plant", "facility"):
        return "FAC"
    return "LOC"


def _bodies_by_state(case: Case) -> dict[str, dict[str, Entry]]:
    """Each body of a state by its name without the state ("Ukrainian Air Force" and "Air
    Force of Ukraine" → "air force"), kept only where one body of that state has it."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for entry in case.entries:
        state = case.entry(entry.affiliation) if entry.affiliation else None
        if entry.kind != "organization" or state is None or state.kind != "state":
            continue
        qualifiers = sorted(
            {normal(q) for q in (*state.names, *state.demonyms) if normal(q)}, key=len, reverse=True
        )
        for name in entry.names:
            key = normal(name)
            for qualifier in qualifiers:
                for rest in (
                    key.removeprefix(qualifier + " s ").removeprefix(qualifier + " "),
                    key.removesuffix(" of " + qualifier).removesuffix(" " + qualifier),
                ):
                    if rest != key and rest and len(rest.split()) <= 4:
                        found[rest][state.name].add(entry.id)
    # A body of no state with the same ending ("United Nations Security Council") makes
    # the short name ambiguous beyond what a nearby state can settle.
    stateless = [
        normal(name)
        for entry in case.entries
        if entry.kind == "organization" and entry.affiliation is None
        for name in entry.names
    ]
    return {
        rest: {state: case.by_id[next(iter(ids))] for state, ids in states.items() if len(ids) == 1}
        for rest, states in found.items()
        if not any(name == rest or name.endswith(" " + rest) for name in stateless)
    }


class Gazetteer:
    """Every name of the case, found exactly (any script) or fuzzily (through damage)."""

    def __init__(self, case: Case) -> None:
        self.case = case
        self._exact: dict[str, list[Entry]] = defaultdict(list)
        self._demonyms: dict[str, Entry] = {}
        fuzzy_keys: dict[str, list[tuple[Entry, str]]] = defaultdict(list)
        for entry in case.entries:
            for name in entry.names:
                key = normal(name)
                if key and entry not in self._exact[key]:
                    self._exact[key].append(entry)
                fuzzy_keys[skeleton(name)].append((entry, name))
            if entry.kind == "person":
                for name in _without_middle_names(entry.names):
                    fuzzy_keys[skeleton(name)].append((entry, name))
            for demonym in entry.demonyms:
                self._demonyms[normal(demonym)] = entry
        self._fuzzy_keys = fuzzy_keys
        self._fuzzy_choices = list(fuzzy_keys)
        # Names recur within and across articles: each is looked up once.
        self._fuzzy_seen: dict[tuple[str, float, int], list[tuple[Entry, float]]] = {}
        # Reworded institution names, where no entry has the reworded form as its own name.
        self._reworded: dict[str, tuple[str, Entry]] = {}
        swaps = _swaps()
        self._unswap: dict[str, list[str]] = defaultdict(list)
        for word, others in swaps.items():
            for other in others:
                self._unswap[other].append(word)
        for entry in case.entries:
            if entry.kind != "organization" and entry.stands_for is None:
                continue
            for name in entry.names:
                for form in reworded(name, swaps):
                    key = normal(form)
                    if key not in self._exact:
                        self._reworded.setdefault(key, (form, entry))
        self._bodies = _bodies_by_state(case)
        self._located: dict[str, list[Entry]] = defaultdict(list)
        for entry in case.entries:
            if entry.located_in:
                self._located[entry.located_in].append(entry)
        self._roles: dict[str, list[Entry]] = defaultdict(list)
        for entry in case.entries:
            for role in entry.roles:
                self._roles[normal(role.title)].append(entry)

    def names(self) -> Iterable[tuple[str, Entry]]:
        for entry in self.case.entries:
            for name in entry.names:
                yield name, entry

    def exact(self, text: str) -> list[Entry]:
        """Entries with this name or alias (case, script and punctuation folded)."""
        key = normal(text)
        found = self._exact.get(key)
        if not found and text.startswith(_ARTICLE):
            found = self._exact.get(normal(text[4:]))
        return list(found or ())

    def fuzzy(self, text: str, *, minimum: float, limit: int = 8) -> list[tuple[Entry, float]]:
        """Entries whose names are alike to `text`, best first, at least `minimum` alike."""
        remembered = self._fuzzy_seen.get((text, minimum, limit))
        if remembered is None:
            if len(self._fuzzy_seen) >= _FUZZY_REMEMBERED:
                self._fuzzy_seen.clear()
            remembered = self._fuzzy_seen[text, minimum, limit] = self._fuzzy(text, minimum, limit)
        return list(remembered)

    def _fuzzy(self, text: str, minimum: float, limit: int) -> list[tuple[Entry, float]]:
        key = skeleton(text)
        if not key:
            return []
        hits = process.extract(
            key, self._fuzzy_choices, scorer=fuzz.ratio, limit=limit, score_cutoff=minimum * 90
        )
        best: dict[str, tuple[Entry, float]] = {}
        for choice, _, _ in hits:
            for entry, name in self._fuzzy_keys[choice]:
                score = similarity(text, name)
                if score >= minimum and score > best.get(entry.id, (entry, 0.0))[1]:
                    best[entry.id] = (entry, score)
        return sorted(best.values(), key=lambda pair: -pair[1])

    def bodies(self, text: str) -> dict[str, Entry]:
        """A state's body named without its state ("the Air Force", "Foreign Ministry"):
        for each state that has one, the body ({"Ukraine": Ukrainian Air Force, …})."""
        key = normal(text[4:] if text.startswith(_ARTICLE) else text)
        return dict(self._bodies.get(key, {}))

    def unswapped(self, word: str) -> set[str]:
        """A lower-case word and every word of a name it may stand in for ("safety" →
        {"safety", "security"})."""
        return {word, *self._unswap.get(word, ())}

    def reworded_names(self) -> Iterable[tuple[str, Entry]]:
        """Every reworded institution name ("State Division") with the entry it names."""
        return self._reworded.values()

    def reworded(self, text: str) -> Entry | None:
        """The institution a reworded name stands for ("White Home" → White House)."""
        key = normal(text[4:] if text.startswith(_ARTICLE) else text)
        found = self._reworded.get(key)
        return found[1] if found else None

    def port_of(self, city: Entry) -> Entry | None:
        """The seaport or river port in a city, where the gazetteer has it ("Port of Odesa")."""
        ports = [
            entry
            for entry in self._located.get(city.name, ())
            if entry.place_type in ("facility", "building") and "port" in normal(entry.name).split()
        ]
        return ports[0] if len(ports) == 1 else None

    def regions_named(self, name: str) -> list[Entry]:
        """Regions whose name starts with a city's ("Kyiv" → Kyiv Oblast)."""
        key = normal(name)
        return [
            entry
            for entry in self.case.entries
            if entry.place_type == "region" and normal(entry.name).split()[:1] == key.split()[:1]
        ]

    def demonym(self, text: str) -> Entry | None:
        """The state a demonym or adjective names ("Ukrainian" → Ukraine)."""
        return self._demonyms.get(normal(text))

    def holders(self, title: str, of: str | None, on: date | None) -> list[Entry]:
        """Persons who held a role (by title, of a state or organization) on a day."""
        return [
            entry
            for entry in self._roles.get(normal(title), [])
            if any(
                normal(role.title) == normal(title)
                and (of is None or role.of == of)
                and role.holds_on(on)
                for role in entry.roles
            )
        ]


def _names_more(ent: Span, inside: list[Span]) -> bool:
    """Whether a model entity is a fuller name around one gazetteer name ("Kiel Starmer"
    around "Starmer", "Radio France International" around "France"): the extra words are
    capitalized name words."""
    if len(inside) != 1:
        return False
    same_person = inside[0].label_ == ent.label_ == "PERSON"
    named_body = ent.label_ == "ORG" and inside[0].label_ in (
        "GPE",
        "LOC",
    )  # "Radio France International"
    if not (same_person or named_body):
        return False
    span = inside[0]
    if not (ent.start <= span.start and span.end <= ent.end) or len(ent) == len(span):
        return False
    extra = [t for t in ent if not (span.start <= t.i < span.end)]
    return all(t.is_title and t.is_alpha for t in extra)


# Capitalized words before a surname that are no given name ("President Zelensky").
with (Path(__file__).parent / "lexicon" / "names.toml").open("rb") as _handle:
    _NO_GIVEN_NAMES = frozenset(tomllib.load(_handle)["not_given_names"])


def _with_given_names(span: Span) -> Span:
    """A surname the gazetteer knows, with the given names the text writes before it and
    the model left untagged ("Rustam Umerov" around "Umerov"), so the linker sees the whole
    name and can tell a namesake from the person."""
    if span.label_ != "PERSON" or len(span) != 1:
        return span
    doc, start = span.doc, span.start
    while (
        start > 0
        and span.start - start < 2
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].is_title
        and (doc[start - 1].ent_type_ in ("", "PERSON") or doc[start].ent_iob_ == "I")
        and doc[start - 1].lower_.rstrip(".") not in _NO_GIVEN_NAMES
    ):
        start -= 1
    return span if start == span.start else Span(doc, start, span.end, label="PERSON")


class GazetteerRuler:
    """spaCy component: mark gazetteer names as entities, overriding the model's spans."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        # Short all-capital names ("US", "EU", "UN") match case-sensitively; others not;
        # reworded institution names only as capitalized as the name itself.
        self._folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        folded: dict[str, set[str]] = defaultdict(set)
        exact: dict[str, set[str]] = defaultdict(set)
        for name, entry in gazetteer.names():
            strict = len(name) <= 4 or (name.isupper() and len(name) <= 6)
            (exact if strict else folded)[label_of(entry)].add(name)
            if not strict and "-" in name:
                # "Congo-Brazzaville" is also written "Congo Brazzaville".
                folded[label_of(entry)].add(name.replace("-", " "))
        for form, entry in gazetteer.reworded_names():
            exact[label_of(entry)].add(form)
        for label, names in folded.items():
            self._folded.add(label, [nlp.make_doc(name) for name in sorted(names)])
        for label, names in exact.items():
            self._exact.add(label, [nlp.make_doc(name) for name in sorted(names)])

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for matcher in (self._folded, self._exact):
            for label, start, end in matcher(doc, as_spans=False):
                if end - start > 1 and doc[start].lower_ == "the":
                    start += 1  # "the Kremlin": the name is "Kremlin"
                spans.append(Span(doc, start, end, label=label))
        found = [_with_given_names(span) for span in filter_spans(spans)]
        kept_model: list[Span] = []
        for ent in doc.ents:
            inside = [s for s in found if s.start < ent.end and ent.start < s.end]
            if not inside:
                kept_model.append(ent)
            elif _names_more(ent, inside):
                kept_model.append(ent)
                found = [s for s in found if s not in inside]
        doc.ents = filter_spans([*found, *kept_model])
        return doc
