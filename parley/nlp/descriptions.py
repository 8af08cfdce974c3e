"""People and bodies a text names by description rather than by name.

- `described_people`: a role with its owner ("the Ukrainian President", "Russia's
  foreign minister", "the Kremlin spokesman", "the Kursk governor", "Kharkiv's mayor")
  is the one person who held that role on the article's date, by the gazetteer's dated
  roles; none when several did or the article has no date.
- `state_body`: a state's body named without its state ("the Air Force said", "the
  Foreign Ministry") is that of the state the sentence, or the one before it, last
  named as an actor; none when no such state is near.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from spacy.tokens import Doc, Span, Token

from parley.case import Entry
from parley.nlp.gazetteer import Gazetteer
from parley.nlp.keys import normal
from parley.types import Mention

__all__ = ["actors_before", "described_people", "names_a_body", "state_body"]

# Role words: the title parley's gazetteer uses for each way the text says it.
_ROLE_WORDS = {
    "president": "President",
    "prime minister": "Prime Minister",
    "premier": "Prime Minister",
    "foreign minister": "Foreign Minister",
    "top diplomat": "Foreign Minister",
    "defence minister": "Defence Minister",
    "defense minister": "Defence Minister",
    "spokesman": "Spokesperson",
    "spokeswoman": "Spokesperson",
    "spokesperson": "Spokesperson",
    "press secretary": "Spokesperson",
    "secretary of state": "Secretary of State",
    "chancellor": "Chancellor",
    "secretary-general": "Secretary-General",
    "secretary general": "Secretary-General",
    "national security adviser": "National Security Adviser",
    "special envoy": "Special Envoy",
    "envoy": "Special Envoy",
    "aide": "Presidential Aide",
    "ombudsman": "Ombudsman",
    "governor": "Governor",
    "mayor": "Mayor",
}
# Roles of a region or a city rather than of a state ("the Kursk governor").
_LOCAL_ROLES = {"Governor": ("region",), "Mayor": ("city",)}
_ROLE_PATTERN = re.compile(
    r"\b(" + "|".join(sorted((re.escape(w) for w in _ROLE_WORDS), key=len, reverse=True)) + r")\b",
    re.I,
)

# Last words of a state's body named without its state ("the Air Force", "the Ministry").
_BODY_HEADS = {
    "ministry",
    "office",
    "force",
    "forces",
    "staff",
    "service",
    "council",
    "government",
    "department",
    "guard",
    "fleet",
    "navy",
    "army",
    "intelligence",
    "directorate",
    "administration",
    "committee",
    "parliament",
    "affairs",
    "defence",
    "defense",
    "command",
}


def described_people(
    doc: Doc, gazetteer: Gazetteer, published: date | None, taken: set[int]
) -> list[tuple[Span, Entry]]:
    """People named by their role alone, each with the words that name them: "the
    Ukrainian President", "Russia's foreign minister", "the Kremlin spokesman", "the Kursk
    governor". Tokens in `taken` (already a mention) are skipped, and the found ones added."""
    found_people: list[tuple[Span, Entry]] = []
    if published is None or not doc.has_annotation("SENT_START"):
        return found_people
    for sent in doc.sents:
        for found in _ROLE_PATTERN.finditer(sent.text):
            start = sent.start_char + found.start()
            end = sent.start_char + found.end()
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or any(i in taken for i in range(span.start, span.end)):
                continue
            # A name right after the role ("President Volodymyr Zelensky") is linked itself.
            following = doc[span.end : span.end + 1]
            if len(following) and following[0].ent_type_ == "PERSON":
                continue
            owner_token = doc[span.start - 1] if span.start > 0 else None
            if owner_token is not None and owner_token.norm_ == "'s" and span.start > 1:
                owner_token = doc[span.start - 2]
            if owner_token is None:
                continue
            title = _ROLE_WORDS[found.group(1).lower()]
            if title in _LOCAL_ROLES:
                holder = _local_holder(doc, owner_token, title, gazetteer, published)
                if holder is not None:
                    whole = doc[owner_token.i : span.end]
                    found_people.append((whole, holder))
                    taken.update(range(whole.start, whole.end))
                continue
            owner = gazetteer.demonym(owner_token.text)
            seat = False
            if owner is None:
                exact = gazetteer.exact(owner_token.text)
                owner = exact[0] if exact else None
                if owner is not None and owner.stands_for:
                    owner = gazetteer.case.entry(owner.stands_for)
                    seat = True
            if owner is None or owner.kind not in ("state", "organization"):
                continue
            holders = gazetteer.holders(title, owner.name, published)
            if not holders and seat:
                # "the Kremlin spokesman": the role in the head of state's own office.
                holders = [
                    entry
                    for entry in gazetteer.holders(title, None, published)
                    if entry.affiliation == owner.name
                    and any(
                        role.of is not None and "president" in role.of.lower()
                        for role in entry.roles
                        if normal(role.title) == normal(title)
                    )
                ]
            if len(holders) != 1:
                continue
            whole = doc[owner_token.i : span.end]
            found_people.append((whole, holders[0]))
            taken.update(range(whole.start, whole.end))
    return found_people


def _local_holder(
    doc: Doc, owner_token: Token, title: str, gazetteer: Gazetteer, published: date | None
) -> Entry | None:
    """Who governed the region, or was mayor of the city, named before the role on the
    article's date ("the Kursk governor", "Kharkiv's mayor"), when exactly one did."""
    start = owner_token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1  # the whole name the owner word ends ("Nizhny Novgorod governor")
    text = doc[start : owner_token.i + 1].text if owner_token.ent_type_ else owner_token.text
    found = gazetteer.exact(text)
    if title == "Governor":
        found = [*found, *gazetteer.regions_named(text)]
    owners = {e.name for e in found if e.place_type in _LOCAL_ROLES[title]}
    holders = {h.id: h for owner in owners for h in gazetteer.holders(title, owner, published)}
    return next(iter(holders.values())) if len(holders) == 1 else None


def names_a_body(text: str, gazetteer: Gazetteer) -> bool:
    """Whether a name is a state's body without its state ("Air Force", "Foreign Ministry")."""
    words = normal(text).split()
    return bool(words) and words[-1] in _BODY_HEADS and bool(gazetteer.bodies(text))


def actors_before(word: Token, mentions: Sequence[Mention]) -> list[Mention]:
    """The actors named before a word in its sentence or the one before, in text order:
    where a description ("the Air Force", "the paper") finds whose it is."""
    sentence = word.sent
    start = sentence.start_char
    if sentence.start > 0:
        start = word.doc[sentence.start - 1].sent.start_char
    return [m for m in mentions if start <= m.start < word.idx and m.role == "actor"]


def state_body(
    span: Span, text: str, gazetteer: Gazetteer, before: list[Mention], published: date | None
) -> Entry | None:
    """A body named without its state ("the Air Force said", "the Foreign Ministry"): that
    of the state the sentence, or the one before it, last named as an actor."""
    if not names_a_body(text, gazetteer):
        return None
    bodies = gazetteer.bodies(text)
    case = gazetteer.case
    for mention in reversed(actors_before(span[0], before)):
        entry = case.by_id.get(mention.entity_id)
        party = case.party_of(entry, published) if entry else None
        if party is not None and party.name in bodies:
            return bodies[party.name]
    return None
