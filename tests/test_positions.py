"""Position extraction on our own sentences about Russia–Ukraine diplomacy: stances from
speech-act and mediation events, stances from direct and indirect quotes, one position
per (holder, issue, stance), and none without an issue (the trained model, loaded once)."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from parley.pipeline import analyze_document
from parley.types import Position

FRIDAY = date(2025, 5, 16)
ZELENSKYY = "Volodymyr Zelenskyy"


def _positions(nlp: Language, text: str) -> list[Position]:
    return analyze_document(nlp, text, published=FRIDAY, lang="en").positions


def _keys(positions: list[Position]) -> set[tuple[str, str, str]]:
    return {(p.holder, p.issue, p.stance) for p in positions}


def _one(positions: list[Position], holder: str, issue: str, stance: str) -> Position:
    found = [p for p in positions if (p.holder, p.issue, p.stance) == (holder, issue, stance)]
    assert len(found) == 1, f"want one {(holder, issue, stance)}, got {_keys(positions)}"
    return found[0]


# --------------------------------------------------------------------- from events


@pytest.mark.parametrize(
    ("text", "holder", "issue", "speaker"),
    [
        (
            "Russia demanded that Ukraine withdraw its troops from four regions.",
            "Russia",
            "territory",
            None,
        ),
        ("Russia demanded Ukraine's neutrality.", "Russia", "nato", None),
        (
            "Guterres urged Russia to withdraw its troops from the Zaporizhzhia nuclear plant.",
            "United Nations",
            "nuclear_safety",
            "António Guterres",
        ),
        (
            "Guterres called for a ceasefire between Russia and Ukraine.",
            "United Nations",
            "ceasefire",
            "António Guterres",
        ),
    ],
)
def test_positions_demand_event_gives_demand(
    nlp: Language, text: str, holder: str, issue: str, speaker: str | None
) -> None:
    position = _one(_positions(nlp, text), holder, issue, "demand")
    assert (position.basis, position.speaker) == ("event", speaker)
    assert position.content.startswith(text.split()[0])


@pytest.mark.parametrize(
    ("text", "holder", "issue", "stance"),
    [
        ("Turkey proposed a 30-day ceasefire.", "Turkey", "ceasefire", "offer"),
        ("Turkey offered to host a new round of talks.", "Turkey", "talks_format", "offer"),
        (
            "Ukraine accepted the US proposal for a 30-day ceasefire.",
            "Ukraine",
            "ceasefire",
            "accept",
        ),
        (
            "Russia rejected the US proposal for a 30-day ceasefire.",
            "Russia",
            "ceasefire",
            "reject",
        ),
    ],
)
def test_positions_speech_act_events_give_stances(
    nlp: Language, text: str, holder: str, issue: str, stance: str
) -> None:
    assert _one(_positions(nlp, text), holder, issue, stance).basis == "event"


def test_positions_accept_of_proposal_gives_both_sides(nlp: Language) -> None:
    text = "Ukraine accepted the US proposal for a 30-day ceasefire."
    assert _keys(_positions(nlp, text)) == {
        ("Ukraine", "ceasefire", "accept"),
        ("United States", "ceasefire", "offer"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Turkey hosted the talks between Russia and Ukraine.",
        "The exchange of prisoners between Russia and Ukraine was brokered by the "
        "United Arab Emirates.",
    ],
)
def test_positions_hosting_or_brokering_is_an_act_not_a_stance(nlp: Language, text: str) -> None:
    """A mediation is recorded as an event; only an offer to mediate is a position."""
    assert _positions(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Russia did not demand Ukraine's neutrality.",
        "Russia could demand Ukraine's neutrality.",
    ],
)
def test_positions_negated_or_hypothetical_event_gives_none(nlp: Language, text: str) -> None:
    assert _positions(nlp, text) == []


# ---------------------------------------------------------------------- from quotes


@pytest.mark.parametrize(
    "text",
    [
        '"We will never accept the occupation of our territory," Zelensky said.',
        '"We will never accept the occupation of Crimea," Zelensky said.',
        '"We will never give up the occupied territories," Zelensky said.',
        '"We will never recognise the annexation of our land," Zelensky said.',
    ],
)
def test_positions_direct_quote_never_rejects(nlp: Language, text: str) -> None:
    position = _one(_positions(nlp, text), "Ukraine", "territory", "reject")
    assert (position.basis, position.speaker) == ("quote", ZELENSKYY)
    assert position.content in text


@pytest.mark.parametrize(
    ("text", "holder", "issue", "stance", "speaker"),
    [
        (
            "Zelensky said Russia must withdraw its troops from the occupied territories.",
            "Ukraine",
            "territory",
            "demand",
            ZELENSKYY,
        ),
        (
            '"Russia must withdraw its troops from Ukraine," Guterres said.',
            "United Nations",
            "territory",
            "demand",
            "António Guterres",
        ),
        (
            "Peskov said Moscow was ready to discuss a ceasefire.",
            "Russia",
            "ceasefire",
            "offer",
            "Dmitry Peskov",
        ),
        (
            "Erdoğan said Turkey was ready to host a prisoner exchange.",
            "Turkey",
            "prisoners",
            "offer",
            "Recep Tayyip Erdoğan",
        ),
        (
            "Sybiha said Kyiv welcomed the 30-day ceasefire.",
            "Ukraine",
            "ceasefire",
            "support",
            "Andrii Sybiha",
        ),
        (
            "Witkoff said the United States welcomed the prisoner exchange.",
            "United States",
            "prisoners",
            "support",
            "Steve Witkoff",
        ),
        (
            "Sybiha said Ukraine would never give up its NATO membership bid.",
            "Ukraine",
            "nato",
            "reject",
            "Andrii Sybiha",
        ),
    ],
)
def test_positions_quote_cue_gives_stance(
    nlp: Language, text: str, holder: str, issue: str, stance: str, speaker: str
) -> None:
    position = _one(_positions(nlp, text), holder, issue, stance)
    assert (position.basis, position.speaker) == ("quote", speaker)


# --------------------------------------------------------------------- one per key


@pytest.mark.parametrize(
    ("text", "key", "basis"),
    [
        (
            "Russia demanded that Ukraine withdraw its troops from four regions. "
            "Russia demanded that Ukraine withdraw its troops from four regions.",
            ("Russia", "territory", "demand"),
            "event",
        ),
        (
            "Russia demanded that Ukraine withdraw its troops from four regions. "
            "Later, Lavrov insisted that Kyiv must withdraw its troops from the four regions.",
            ("Russia", "territory", "demand"),
            "event",
        ),
        (
            '"Russia must withdraw its troops from the occupied territories," Zelensky said. '
            "Zelensky said again that Russia must withdraw its troops from the occupied "
            "territories.",
            ("Ukraine", "territory", "demand"),
            "quote",
        ),
    ],
)
def test_positions_one_per_holder_issue_stance(
    nlp: Language, text: str, key: tuple[str, str, str], basis: str
) -> None:
    positions = _positions(nlp, text)
    assert [(p.holder, p.issue, p.stance) for p in positions] == [key]
    assert positions[0].basis == basis
    assert positions[0].start < text.index(".")  # the first evidence is kept


# ------------------------------------------------------------------------ no issue


@pytest.mark.parametrize(
    "text",
    [
        '"We are ready to talk," Peskov said.',
        '"This is unacceptable," Peskov said.',
        '"We want peace," Zelensky said.',
        "Zelensky said Russia must stop the war.",
        "Guterres called for calm.",
    ],
)
def test_positions_none_without_issue(nlp: Language, text: str) -> None:
    assert _positions(nlp, text) == []


def test_positions_agreement_is_accepted_by_each_side(nlp: Language) -> None:
    text = "Russia and Ukraine signed the grain deal in Istanbul on Friday."
    keys = _keys(_positions(nlp, text))
    assert {("Russia", "food_security", "accept"), ("Ukraine", "food_security", "accept")} <= keys


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("China opposes armed attacks against nuclear power plants.", "oppose"),
        ("The European Union welcomed the prisoner exchange.", "support"),
    ],
)
def test_positions_stated_stance_verbs(nlp: Language, text: str, stance: str) -> None:
    stated = [p for p in _positions(nlp, text) if p.basis == "statement"]
    assert stated and {p.stance for p in stated} == {stance}


def test_positions_condition_is_a_demand(nlp: Language) -> None:
    text = (
        '"We are ready to start peace talks as soon as Ukraine withdraws its troops from the '
        'occupied territories," Putin said.'
    )
    keys = _keys(_positions(nlp, text))
    assert ("Russia", "territory", "demand") in keys
    assert ("Russia", "talks_format", "offer") in keys


def test_positions_each_sentence_of_a_quote_has_its_own_stance(nlp: Language) -> None:
    text = (
        '"We are ready to sit down at the negotiating table tomorrow. Ukrainian troops must '
        'withdraw from the occupied territories," Putin said.'
    )
    keys = _keys(_positions(nlp, text))
    assert ("Russia", "territory", "demand") in keys
    assert ("Russia", "territory", "offer") not in keys


def test_positions_a_foreseen_contingency_is_no_demand(nlp: Language) -> None:
    text = (
        '"We will support Ukraine if the ceasefire breaks down," Starmer told reporters in London.'
    )
    assert ("United Kingdom", "ceasefire", "demand") not in _keys(_positions(nlp, text))


@pytest.mark.parametrize(
    ("text", "holder", "issue", "stance"),
    [
        ("China urged an immediate ceasefire in Ukraine.", "China", "ceasefire", "support"),
        (
            "Ukraine called for a full withdrawal of Russian troops from occupied territory.",
            "Ukraine",
            "territory",
            "demand",
        ),
        (
            "At the talks, Russia advocated declaring short ceasefires to collect the wounded.",
            "Russia",
            "ceasefire",
            "offer",
        ),
    ],
)
def test_positions_calls_demand_from_a_side_and_support_from_others(
    nlp: Language, text: str, holder: str, issue: str, stance: str
) -> None:
    _one(_positions(nlp, text), holder, issue, stance)


def test_positions_a_paper_speaks_for_whoever_issued_it(nlp: Language) -> None:
    text = (
        "The Chinese Foreign Ministry released a position paper on Friday. "
        "The paper calls for ceasing hostilities and resuming peace talks."
    )
    _one(_positions(nlp, text), "China", "ceasefire", "support")


def test_positions_calling_something_a_name_is_no_call(nlp: Language) -> None:
    positions = _positions(nlp, "China called the ceasefire talks a useful first step.")
    assert not [p for p in positions if p.stance in {"demand", "support"} and p.holder == "China"]
