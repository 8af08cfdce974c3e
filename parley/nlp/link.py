"""Link each entity mention to a case actor or place, or keep it as a named entity of its own.

`link_mentions(doc, gazetteer, published)` is the logic, a plain function: for each
entity span it finds candidates (exact names in any script, then institution names a
spinner or machine translation reworded, then fuzzy names through damage), scores them
with context (the span's label, role words nearby, entities already linked in the
article, the article's date against dated roles, cue words for plants and regions), and
keeps the best above a NIL threshold. It also decides whether a mention
names an actor or a place (SPEC §1): "Moscow rejected" is Russia, "talks in Moscow" is
the city; demonyms with agency ("Russian forces") name their state; a role description
("the Kremlin spokesman") names the person who held that role on the article's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from parley.case import Entry
from parley.nlp.descriptions import described_people, names_a_body, state_body
from parley.nlp.gazetteer import Gazetteer
from parley.nlp.keys import bare_name, normal, similarity
from parley.types import Mention

__all__ = ["LINKER_COMPONENT", "NIL_THRESHOLD", "link_mentions"]

LINKER_COMPONENT = "parley.linker.v1"
NIL_THRESHOLD = 0.84
_REWORDED_SCORE = 0.9  # a reworded institution name: sure of the words, not of the writer
_LINKED_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
_KINDS_FOR_LABEL = {
    "PERSON": {"person"},
    "ORG": {"organization", "state"},
    "GPE": {"state", "place"},
    "LOC": {"place", "state"},
    "FAC": {"place", "organization"},
    "NORP": {"state"},
}
# Prepositions after which a state or city is where something happens, not who acts.
_PLACE_PREPOSITIONS = {
    "in",
    "at",
    "near",
    "inside",
    "within",
    "throughout",
    "across",
    "outside",
    "around",
    "over",
    "via",
    "off",
    "along",
    "beyond",
    "through",
    "toward",
    "towards",
    "into",
    "onto",
}
_MOTION_PREPOSITIONS = {"to", "from"}
# Words whose location a country can be: meetings, talks, visits, signings, travel.
_VENUE_WORDS = {
    "talk",
    "talks",
    "meeting",
    "meet",
    "summit",
    "conference",
    "negotiation",
    "negotiate",
    "round",
    "hold",
    "held",
    "host",
    "gathering",
    "ceremony",
    "forum",
    "visit",
    "sign",
    "signing",
    "session",
    "exchange",
    "swap",
    "arrive",
    "travel",
    "fly",
    "go",
    "come",
    "return",
    "take",
    "place",
    "happen",
    "convene",
    "gather",
    "stay",
    "live",
    "base",
    "consultation",
    "discussion",
    "dialogue",
    "contact",
    "sit",
    "agree",
    "deal",
    "agreement",
    "be",
    "locate",
    "mediate",
    "deploy",
    "station",
}
_MOTION_NOUNS = {
    "flight",
    "trip",
    "visit",
    "journey",
    "travel",
    "return",
    "way",
    "road",
    "route",
    "drive",
    "evacuation",
    "withdrawal",
    "delegation",
    "convoy",
    "shipment",
    "export",
    "corridor",
}
_PLACE_HEADS = re.compile(
    r"^(regions?|oblasts?|provinces?|areas?|districts?|capital|city|border|outskirts|suburbs|"
    r"port|airport|coast|front|directions?|governor|governorate|mayor)$",
    re.IGNORECASE,
)
_VISIT_VERBS = {
    "visit",
    "leave",
    "reach",
    "enter",
    "tour",
    "host",
    "attack",
    "strike",
    "hit",
    "shell",
    "capture",
    "liberate",
    "seize",
}
_ORGANIZATION_WORDS = re.compile(
    r"\b(office|ministry|force|forces|navy|army|council|committee|forum|agency|service|"
    r"department|administration|commission|parliament|assembly|guard|fund|bank|company|"
    r"corporation|directorate|headquarters|staff|command|brigade|regiment|battalion)\b",
    re.IGNORECASE,
)
# Vague groups SPEC §1 says are not entities.
_VAGUE = {"west", "the west", "global south", "global north", "international community", "east"}
_MOTION_VERBS = {
    "travel",
    "fly",
    "arrive",
    "return",
    "go",
    "come",
    "head",
    "move",
    "flee",
    "deploy",
    "send",
    "leave",
    "visit",
    "bring",
    "take",
    "evacuate",
    "withdraw",
    "relocate",
    "drive",
    "export",
    "ship",
    "transfer",
    "launch",
    "fire",
    "retreat",
    "escape",
    "walk",
    "cross",
}
# Nouns that make a demonym name its state as an actor ("the Ukrainian delegation").
_AGENCY_NOUNS = {
    "force",
    "troop",
    "army",
    "military",
    "navy",
    "delegation",
    "side",
    "government",
    "official",
    "authority",
    "president",
    "minister",
    "ministry",
    "diplomat",
    "negotiator",
    "leader",
    "leadership",
    "counterpart",
    "team",
    "envoy",
    "ambassador",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "administration",
    "parliament",
    "lawmaker",
    "soldier",
    "unit",
    "drone",
    "missile",
    "strike",
    "attack",
    "offensive",
    "commander",
    "intelligence",
    "embassy",
    "presidency",
    "office",
    "state",
    "regime",
    "proposal",
    "plan",
    "demand",
    "position",
    "statement",
    "counteroffensive",
    "air",
    "defense",
    "defence",
    "prime",
    "premier",
    "foreign",
    "agency",
    "media",
    "prosecutor",
    "court",
    "company",
    "bank",
    "authorities",
    "partner",
    "ally",
    "propaganda",
    "shelling",
    "occupation",
    "occupier",
    "invasion",
    "aggression",
    "warship",
}
_PLANT_CUES = re.compile(r"\b(nuclear|power plant|power station|plant|npp|reactor)\b", re.I)
_REGION_CUES = re.compile(
    r"^\W*(regions?|oblasts?|provinces?|directions?|governors?|governorates?)\b", re.I
)


@dataclass
class _Linked:
    entry: Entry | None
    name: str
    score: float
    method: str


def _actor_or_place(span: Span, entry: Entry | None) -> str | None:
    """Whether a mention names an actor or a location (None: neither, e.g. "London
    correspondent", where the place only qualifies a noun)."""
    kind = (
        entry.kind
        if entry
        else {"PERSON": "person", "ORG": "organization"}.get(span.label_, "place")
    )
    if entry is not None and entry.kind == "organization" and entry.place_type:
        kind = "state"  # a de facto republic: an actor or a territory, as a state is
    if kind in ("person", "organization"):
        return "actor"
    if entry is None and _ORGANIZATION_WORDS.search(span.text):
        return "actor"  # "the President's Office", "the Air Force": bodies, not places
    seat = entry is not None and entry.stands_for is not None
    root = span.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head  # "in Warsaw, Bratislava or Baku": each is where the first is
    head = root.head
    if root.dep_ == "dobj" and head.lemma_.lower() in _VISIT_VERBS:
        return "place"
    if root.dep_ == "pobj" and head.lower_ in _PLACE_PREPOSITIONS:
        # A country is the location of an event ("talks in Saudi Arabia", "met in
        # Turkey"); elsewhere ("the war in Ukraine", "attacks in Russia") it is the party.
        if kind == "state" and not _about_an_event(head.head):
            return "actor"
        return "place"
    if root.dep_ == "pobj" and head.lower_ in _MOTION_PREPOSITIONS:
        verb = head.head
        moving = verb.lemma_.lower() in _MOTION_VERBS or verb.lemma_.lower() in _MOTION_NOUNS
        return "place" if moving else "actor"
    if (
        root.dep_ in ("compound", "nmod", "amod")
        and _PLACE_HEADS.match(root.head.text)
        and root.head.pos_ == "NOUN"
    ):
        return "place"  # "the Washington, DC area", "the Kyiv region"
    if kind == "state" or seat:
        # A state, or a capital or seat of power that is not where something happens,
        # acts: "Moscow rejected", "Kyiv's position", "the Kremlin spokesman".
        return "actor"
    if root.dep_ == "compound" and root.head.pos_ in ("NOUN", "PROPN"):
        # "the Astrakhan region" names a place; "a London correspondent" does not.
        return "place" if _PLACE_HEADS.match(root.head.text) else None
    return "place"


def _about_an_event(word: Token) -> bool:
    """Whether a word is, or governs, a meeting, talks, a visit…: "planned to meet … in X"."""
    near = [word, word.head, *(c for c in word.children if c.dep_ in ("xcomp", "ccomp", "dobj"))]
    return any(token.lemma_.lower() in _VENUE_WORDS for token in near)


def _context_window(span: Span, width: int = 8) -> str:
    doc = span.doc
    return doc[max(0, span.start - width) : min(len(doc), span.end + width)].text


def _role_bonus(entry: Entry, span: Span, published: date | None) -> float:
    """Reward a person whose dated role the words around the mention name."""
    if entry.kind != "person" or not entry.roles:
        return 0.0
    window = _context_window(span).lower()
    bonus = 0.0
    for role in entry.roles:
        if not role.holds_on(published):
            continue
        bonus = max(bonus, 0.02)
        if role.title.lower() in window:
            bonus = max(bonus, 0.08)
    return bonus


def _region_cue(span: Span) -> bool:
    """ "Kherson region", and "Kherson and Zaporizhzhia regions" for the first name too."""
    doc = span.doc
    for token in doc[span.end : span.end + 6]:
        if _REGION_CUES.match(token.text):
            return True
        passable = token.is_punct or token.lower_ in ("and", "or", "the") or token.norm_ == "'s"
        modifier = token.pos_ == "ADJ" or token.dep_ in ("amod", "compound")
        if not (passable or token.is_title or modifier):
            return False
    return False


def _port_cue(span: Span) -> bool:
    """A city named in a list of ports: "ports: Odesa, Pivdennyi and Chornomorsk", "the
    ports “Odesa” and “Chornomorsk”", "the port of Odesa"."""
    i = span.start - 1
    while i >= 0 and span.start - i <= 12:
        token = span.doc[i]
        if token.lower_ in ("port", "ports"):
            return True
        listed = token.ent_type_ in ("GPE", "LOC", "FAC") or token.is_quote
        if not (token.is_punct or listed or token.lower_ in ("and", "or", "of", "the")):
            return False
        i -= 1
    return False


def _with_regions(entries: list[Entry], gazetteer: Gazetteer) -> list[Entry]:
    """Add the region a city gives its name to ("Chernihiv" → Chernihiv Oblast)."""
    extra: list[Entry] = []
    for entry in entries:
        if entry.place_type != "city":
            continue
        within = gazetteer.case.entry(entry.located_in or "")
        for candidate in (within, *gazetteer.regions_named(entry.name)):
            wanted = (
                candidate is not None
                and candidate.place_type == "region"
                and candidate not in entries + extra
                and normal(candidate.name).startswith(normal(entry.name))
            )
            if wanted and candidate is not None:
                extra.append(candidate)
    return entries + extra


def _place_choice(span: Span, entries: list[Entry]) -> list[Entry]:
    """Order same-named places by cue words: a plant near "nuclear", a region before "region"."""
    region = _region_cue(span)
    window = _context_window(span, 6)

    def rank(entry: Entry) -> int:
        if entry.place_type == "plant" and _PLANT_CUES.search(window):
            return 0
        if entry.place_type == "region" and region:
            return 0
        if normal(entry.name) == normal(span.text):
            return 1
        return 2 + (entry.kind == "state")

    return sorted(entries, key=rank)


def _choose(
    span: Span,
    candidates: list[tuple[Entry, float]],
    published: date | None,
    linked_ids: set[str],
) -> tuple[Entry, float] | None:
    kinds = _KINDS_FOR_LABEL.get(span.label_, {"person", "organization", "state", "place"})
    best: tuple[Entry, float] | None = None
    for entry, base in candidates:
        score = base
        if entry.kind not in kinds:
            # The model's label is least reliable on damaged names; a person is seldom a place.
            score -= 0.12 if "person" in (entry.kind, *kinds) else 0.05
        if entry.id in linked_ids:
            score += 0.05
        score += _role_bonus(entry, span, published)
        if best is None or score > best[1]:
            best = (entry, score)
    return best


def _short_form(span: Span, people: dict[str, _Linked]) -> _Linked | None:
    """A surname alone ("Vinnik") after the full name earlier in the article."""
    if len(span) != 1 or span.label_ not in ("PERSON", "ORG", "GPE"):
        return None
    key = normal(span.text)
    for full, linked in people.items():
        last = full.split()[-1] if full.split() else ""
        if last and (last == key or (len(key) >= 5 and similarity(last, key) >= 0.88)):
            return _Linked(linked.entry, linked.name, linked.score, "short form")
    return None


def _agency_head(token: Token) -> bool:
    if token.dep_ == "conj" and token.head is not token:
        return _agency_head(token.head)  # "Ukrainian and Russian delegations"
    head = token.head
    if token.dep_ in ("amod", "compound", "nmod") and head.lemma_.lower() in _AGENCY_NOUNS:
        return True
    return token.dep_ in ("nsubj", "nsubjpass")  # "the Russians said"


def _demonym_mention(span: Span, gazetteer: Gazetteer) -> Mention | None:
    state = gazetteer.demonym(span.text)
    if state is None or not any(_agency_head(token) for token in span):
        return None
    return _mention(span, _Linked(state, state.name, 1.0, "demonym"), "actor")


_TITLE_WORDS = {
    "governor",
    "aide",
    "adviser",
    "advisor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "president",
    "minister",
    "envoy",
    "ambassador",
    "mayor",
    "secretary",
    "chancellor",
    "regional",
    "deputy",
    "foreign",
    "defence",
    "defense",
    "prime",
    "chief",
    "head",
    "commander",
    "general",
    "ombudsman",
    "senator",
    "speaker",
    "correspondent",
    "director",
}


# Words that alone are no name, whatever the model tagged them as.
_GENERIC_WORDS = _TITLE_WORDS | {
    "defence",
    "defense",
    "interior",
    "justice",
    "finance",
    "state",
    "states",
    "assembly",
    "ministry",
    "office",
    "government",
    "parliament",
    "council",
    "department",
    "agency",
    "army",
    "navy",
    "police",
    "court",
    "republic",
    "federation",
    "union",
    "kingdom",
    "north",
    "south",
    "east",
    "west",
    "central",
    "national",
    "international",
    "federal",
    "security",
    "border",
    "incursion",
    "utc",
    "gmt",
    "am",
    "pm",
    "the",
    "of",
    "and",
}


def _split_titled(span: Span) -> tuple[Span | None, Span]:
    """ "Astrakhan Governor Igor Babushkin" tagged as one person: the owner before the title
    words, and the person after them."""
    if span.label_ != "PERSON" or len(span) < 3:
        return None, span
    titles = [t.i for t in span if t.lower_ in _TITLE_WORDS]
    if not titles or titles[-1] >= span.end - 1:
        return None, span
    name = span.doc[titles[-1] + 1 : span.end]
    owner = span.doc[span.start : titles[0]] if titles[0] > span.start else None
    return owner, name


_ACRONYM = re.compile(
    r"((?:[A-Z][\w'’.\-]*\s+(?:(?:of|the|and|for|de|du)\s+)*){1,7})\(([A-Z]{2,6})\)"
)


def _acronyms(text: str) -> dict[str, str]:
    """Acronyms the article defines: "Saudi Press Agency (SPA)" → {"SPA": "Saudi Press Agency"}."""
    found: dict[str, str] = {}
    for match in _ACRONYM.finditer(text):
        words = match.group(1).split()
        letters = match.group(2)
        # The acronym's letters are the initials of the name's last capitalized words.
        capitals = [w for w in words if w[:1].isupper()]
        if len(capitals) >= len(letters):
            name_words = capitals[-len(letters) :]
            if "".join(w[0] for w in name_words) == letters:
                start = words.index(name_words[0])
                found[letters] = " ".join(words[start:])
    return found


def _with_shared_head(span: Span, gazetteer: Gazetteer) -> list[Entry]:
    """A name completed by a head noun it shares with the names coordinated after it:
    "Kherson and Zaporizhzhia Oblasts" → Kherson Oblast, "Donetsk, Luhansk People's
    Republics" → Donetsk People's Republic."""
    doc = span.doc
    i = span.end
    while i < len(doc) and (doc[i].is_punct or doc[i].lower_ in ("and", "or")):
        i += 1
        # skip one coordinated name
        while i < len(doc) and doc[i].is_title and doc[i].ent_type_ in ("GPE", "LOC", "ORG", ""):
            if _REGION_CUES.match(doc[i].text) or doc[i].lower_ == "people":
                break
            i += 1
    head: list[str] = []
    while i < len(doc) and (doc[i].is_title or doc[i].norm_ == "'s") and len(head) < 4:
        head.append(doc[i].text_with_ws)
        i += 1
    if not head:
        return []
    phrase = "".join(head).strip()
    for candidate in (phrase, phrase[:-1] if phrase.endswith("s") else phrase):
        found = gazetteer.exact(f"{span.text} {candidate}")
        if found:
            return found
    return []


def _entity_spans(doc: Doc) -> list[Span]:
    """The document's entities, with titled person spans split into owner and person."""
    spans: list[Span] = []
    for found in doc.ents:
        start, end = found.start, found.end
        while start < end and doc[start].is_space:
            start += 1
        # A name never runs over a line break ("Border Incursion\n\nTalks" in a headline).
        end = next((t.i for t in doc[start:end] if t.is_space and "\n" in t.text), end)
        while end > start and doc[end - 1].is_space:
            end -= 1
        if start == end:
            continue
        ent = (
            found
            if (start, end) == (found.start, found.end)
            else Span(doc, start, end, found.label_)
        )
        owner, name = _split_titled(ent)
        if owner is not None and owner.text[:1].isupper():
            spans.append(Span(doc, owner.start, owner.end, label="GPE"))
        spans.append(name if name is ent else Span(doc, name.start, name.end, label="PERSON"))
    return spans


def _missed_names(doc: Doc, gazetteer: Gazetteer, taken: set[int]) -> list[Mention]:
    """Damaged names the model did not tag ("Cavusogl"): a proper noun outside every entity
    that is very like a gazetteer person's or place's name."""
    found: list[Mention] = []
    for token in doc:
        name_like = token.pos_ == "PROPN" or (token.pos_ == "NOUN" and not token.is_sent_start)
        if token.i in taken or token.ent_type_ or not name_like or not token.is_title:
            continue
        if len(token.text) < 6 or gazetteer.exact(token.text):
            continue
        hits = [
            (entry, score)
            for entry, score in gazetteer.fuzzy(token.text, minimum=0.9)
            if entry.kind in ("person", "place")
        ]
        span = doc[token.i : token.i + 1]
        if len(hits) > 1 and all(entry.kind == "place" for entry, _ in hits):
            first = _place_choice(span, [entry for entry, _ in hits])[0]
            hits = [(entry, score) for entry, score in hits if entry is first]
        if len(hits) != 1:
            continue  # nothing, or several equally likely people: leave it
        entry, score = hits[0]
        role = "actor" if entry.kind == "person" else (_actor_or_place(span, entry) or "place")
        found.append(_mention(span, _Linked(entry, entry.name, score, "fuzzy"), role))
        taken.add(token.i)
    return found


_SURNAME_SIMILARITY = 0.7


def _surname_alike(text: str, entry: Entry) -> bool:
    """Whether a damaged full name keeps a person's surname recognizable: a shared first
    name does not make "Alexander Vinnik" Alexander Vilkul."""
    words = text.split()
    if entry.kind != "person" or len(words) < 2:
        return True
    full_names = [bare_name(n) for n in entry.names]
    surnames = [n.split()[-1] for n in full_names if len(n.split()) >= 2]
    return not surnames or any(
        similarity(words[-1], surname) >= _SURNAME_SIMILARITY for surname in surnames
    )


def _mention(span: Span, linked: _Linked, role: str) -> Mention:
    entry = linked.entry
    return Mention(
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        entity_id=entry.id if entry else "nil:" + normal(linked.name),
        entity_name=entry.name if entry else linked.name,
        kind=entry.kind
        if entry
        else {"PERSON": "person", "ORG": "organization"}.get(span.label_, "place"),
        label=span.label_,
        role=role,
        score=round(min(linked.score, 1.0), 3),
        method=linked.method,
    )


def _nil_name(span: Span) -> str:
    text = span.text
    return text[4:] if text.startswith(("the ", "The ")) else text


def link_mentions(doc: Doc, gazetteer: Gazetteer, published: date | None) -> list[Mention]:
    """Every linked mention in a parsed document, in text order."""
    mentions: list[Mention] = []
    people: dict[str, _Linked] = {}
    linked_ids: set[str] = set()
    taken: set[int] = set()
    acronyms = _acronyms(doc.text)
    initials: dict[str, str] = {}
    for span in _entity_spans(doc):
        if span.label_ not in _LINKED_LABELS:
            continue
        if span.label_ == "NORP" or gazetteer.demonym(span.text) is not None:
            demonym = _demonym_mention(span, gazetteer)
            if demonym is not None:
                mentions.append(demonym)
                taken.update(range(span.start, span.end))
            continue
        if len(span) > 1 and span[0].lower_ == "the":
            span = Span(doc, span.start + 1, span.end, label=span.label_)
        text = span.text.strip()
        if normal(text) in _VAGUE:
            continue
        if not re.search(r"[^\W\d_]", text):
            continue
        linked = _short_form(span, people)
        expansion = acronyms.get(text)
        if (
            expansion is None
            and text.isupper()
            and 2 <= len(text) <= 6
            and not gazetteer.exact(text)
        ):
            expansion = initials.get(text)  # "SPA" after "the Saudi Press Agency"
        if expansion:
            text = expansion  # "SPA" after "Saudi Press Agency (SPA)"
        if linked is None:
            exact = _with_shared_head(span, gazetteer) or gazetteer.exact(text)
            if exact and _region_cue(span):
                exact = _with_regions(exact, gazetteer)
            candidates = [(entry, 1.0) for entry in _place_choice(span, exact)] if exact else []
            if candidates and len(candidates) > 1:
                # Several entries share this name: the cue-ranked first gets a small edge.
                candidates = [(entry, 1.0 - 0.01 * i) for i, (entry, _) in enumerate(candidates)]
            institution = None if candidates else gazetteer.reworded(text)
            if institution is not None:
                candidates = [(institution, _REWORDED_SCORE)]  # "State Division", "White Home"
            if not candidates and not names_a_body(text, gazetteer):
                # ("the Air Force" is no typo of "US Air Force": the context decides below.)
                single = len(text.split()) == 1
                if not single or len(normal(text)) >= 6:
                    minimum = 0.86 if single else NIL_THRESHOLD
                    candidates = [
                        (entry, score)
                        for entry, score in gazetteer.fuzzy(text, minimum=minimum)
                        if _surname_alike(text, entry)
                    ]
                    if len(candidates) > 1:
                        # Equally alike names (a city, its region, its plant): cue words decide.
                        order = _place_choice(span, [entry for entry, _ in candidates])
                        best = max(score for _, score in candidates)
                        close = {e.id for e, score in candidates if score >= best - 0.02}
                        candidates = [
                            (
                                entry,
                                score + (0.03 if entry is order[0] and entry.id in close else 0.0),
                            )
                            for entry, score in candidates
                        ]
            chosen = _choose(span, candidates, published, linked_ids) if candidates else None
            by_context: Entry | None = None
            if chosen is not None and chosen[0].place_type == "city" and _region_cue(span):
                # "the Kherson region", "Astrakhan Governor": the region named after the city.
                regions = _with_regions([chosen[0]], gazetteer)[1:]
                if regions:
                    chosen = (regions[0], chosen[1])
            if chosen is not None and chosen[0].place_type == "city" and _port_cue(span):
                # "the ports of Odesa, Chornomorsk and Pivdennyi": each city's port.
                port = gazetteer.port_of(chosen[0])
                if port is not None:
                    chosen = (port, chosen[1])
                    by_context = port
            if chosen is not None and chosen[1] >= NIL_THRESHOLD:
                if normal(chosen[0].name) == normal(text) or chosen[0] in gazetteer.exact(text):
                    method = "exact"
                elif chosen[0] is institution:
                    method = "reworded"
                elif chosen[0] is by_context:
                    method = "context"
                else:
                    method = "fuzzy"
                linked = _Linked(chosen[0], chosen[0].name, chosen[1], method)
            elif (body := state_body(span, text, gazetteer, mentions, published)) is not None:
                linked = _Linked(body, body.name, NIL_THRESHOLD, "context")  # "the Air Force"
            else:
                if all(
                    t.is_punct
                    or t.is_space
                    or t.norm_ == "'s"
                    or gazetteer.unswapped(t.lower_) & _GENERIC_WORDS
                    for t in span
                ):
                    continue  # "Defence", "State", "Nationwide Safety": common words, no name
                linked = _Linked(None, expansion or _nil_name(span), 0.0, "unlinked")
        entry = linked.entry
        role = _actor_or_place(span, entry)
        if role is None:
            continue
        if entry is not None and entry.stands_for and role == "actor":
            state = gazetteer.case.entry(entry.stands_for)
            if state is not None:
                linked = _Linked(state, state.name, linked.score, "metonymy")
        capitals = [t.text for t in span if t.text[:1].isupper()]
        if span.label_ == "ORG" and len(capitals) >= 2:
            initials.setdefault("".join(w[0] for w in capitals), linked.name)
        if span.label_ == "PERSON" and linked.method != "short form":
            people[normal(_nil_name(span))] = linked
        if linked.entry is not None:
            linked_ids.add(linked.entry.id)
        mentions.append(_mention(span, linked, role))
        taken.update(range(span.start, span.end))
    mentions.extend(_missed_names(doc, gazetteer, taken))
    for whole, person in described_people(doc, gazetteer, published, taken):
        linked = _Linked(person, person.name, 0.9, "role description")
        mentions.append(_mention(whole, linked, "actor"))
    return sorted(mentions, key=lambda m: m.start)
