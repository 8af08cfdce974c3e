"""Repeated mentions of one event in one article, folded into one record.

Two mentions are one event when they have the same type and negation, overlapping
parties (unless one names none of its own), venues one within the other, and compatible
dates; and when what sets them apart does not differ: "the second round" is not "the
third", a proposal to swap prisoners is not a proposal to return bodies. The first
mention's status and evidence are kept; the rest adds parties, the most specific venue
and the most precise date.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from parley.case import nested_places, place_depth
from parley.types import Event

__all__ = ["MergeKey", "merge_mentions"]

_PRECISION_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3}


def _same_time(a: Event, b: Event) -> bool:
    if a.date is None or b.date is None:
        return True
    coarser = max(
        a.date_precision or "year", b.date_precision or "year", key=lambda p: _PRECISION_ORDER[p]
    )
    da, db = date.fromisoformat(a.date), date.fromisoformat(b.date)
    if coarser == "day":
        return da == db
    if coarser == "week":
        return da.isocalendar()[:2] == db.isocalendar()[:2]
    if coarser == "month":
        return (da.year, da.month) == (db.year, db.month)
    return da.year == db.year


def _same(a: Event, b: Event, within: dict[str, str], *, weak: bool = False) -> bool:
    """Whether two mentions report one event: same type and negation, overlapping parties,
    venues one within the other, compatible dates. Status may differ: an article tells
    of talks that "will be held" and then "are under way"."""
    if a.type != b.type or a.negated != b.negated:
        return False
    if not weak and a.parties and b.parties and not a.parties & b.parties:
        return False
    if a.venue and b.venue and not nested_places(a.venue, b.venue, within):
        return False
    return _same_time(a, b)


def _merge(a: Event, b: Event, within: dict[str, str]) -> Event:
    def union(x: tuple[str, ...], y: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*x, *y)))

    dated = a
    if a.date is None or (
        b.date is not None
        and _PRECISION_ORDER.get(b.date_precision or "year", 3)
        < _PRECISION_ORDER.get(a.date_precision or "year", 3)
    ):
        dated = b
    status = a.status
    venue = a.venue
    if b.venue and (not venue or place_depth(b.venue, within) > place_depth(venue, within)):
        venue = b.venue
    return replace(
        a,
        status=status,
        source=union(a.source, b.source),
        target=union(a.target, b.target),
        participants=union(a.participants, b.participants),
        mediators=union(a.mediators, b.mediators),
        people=union(a.people, b.people),
        venue=venue,
        date=dated.date,
        date_precision=dated.date_precision,
        issues=tuple(sorted({*a.issues, *b.issues})),
        mentions=a.mentions + b.mentions,
    )


@dataclass(frozen=True)
class MergeKey:
    """What tells two mentions of one kind apart: "the second round" is not "the first
    round"; a proposal to swap prisoners is not a proposal to return bodies."""

    ordinal: str | None
    topic: str | None
    weak: bool = False  # parties guessed from the sentence, not read from the parse

    def allows(self, other: MergeKey, *, same_status: bool) -> bool:
        if self.ordinal and other.ordinal and self.ordinal != other.ordinal:
            return False  # the second round is not the third
        if self.ordinal != other.ordinal and not same_status:
            return False  # "talks were held" and "the next round will be"
        return not (self.topic and other.topic and self.topic != other.topic)


def merge_mentions(events: list[tuple[Event, MergeKey]], within: dict[str, str]) -> list[Event]:
    """One record per distinct event: repeated mentions folded into the first."""
    merged: list[tuple[Event, MergeKey]] = []
    for event, key in events:
        for i, (kept, kept_key) in enumerate(merged):
            weak = kept_key.weak or key.weak
            allowed = kept_key.allows(key, same_status=kept.status == event.status)
            if allowed and _same(kept, event, within, weak=weak):
                merged[i] = (_merge(kept, event, within), kept_key)
                break
        else:
            merged.append((event, key))
    # A participant that is also a source or mediator of a speech act stays; a party both
    # mediating and participating in a meeting is a participant.
    # A gathering no sentence gives a party for ("The talks did not take place.") is kept
    # only as a further mention of one that has parties.
    return [
        replace(e, mediators=tuple(m for m in e.mediators if m not in e.participants))
        if e.type != "mediation"
        else e
        for e, _ in merged
        if e.parties
    ]
