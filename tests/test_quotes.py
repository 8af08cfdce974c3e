"""Quote extraction on our own sentences about Russia–Ukraine diplomacy: quotation marks
(a pure function of the text) and the direct, partial and indirect records with their
speakers, cues, addressees and dates (the trained model, loaded once)."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from parley.nlp.quotes import find_quotation_spans
from parley.pipeline import analyze_document
from parley.types import Quote

FRIDAY = date(2025, 3, 14)
ZELENSKYY = "Volodymyr Zelenskyy"
PUTIN = "Vladimir Putin"
PESKOV = "Dmitry Peskov"
LAVROV = "Sergey Lavrov"
TRUMP = "Donald Trump"
READY = "We are ready to talk"


def _quotes(nlp: Language, text: str, published: date | None = FRIDAY) -> list[Quote]:
    return analyze_document(nlp, text, published=published, lang="en").quotes


def _bare(text: str) -> str:
    """A quote's words without the punctuation its marks may or may not enclose."""
    return text.strip(" ,.;:!?")


def _find(quotes: list[Quote], text: str, kind: str | None = None) -> Quote:
    found = [q for q in quotes if _bare(q.text) == _bare(text) and kind in {None, q.kind}]
    assert found, f"no {kind or ''} quote {text!r} in {[(q.kind, q.text) for q in quotes]}"
    return found[0]


def _of_kind(quotes: list[Quote], kind: str) -> list[Quote]:
    return [q for q in quotes if q.kind == kind]


# ------------------------------------------------------------------ quotation marks


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We are ready,” he said.", [("We are ready,", True, True, False)]),
        ('"We are ready," he said.', [("We are ready,", True, True, False)]),
        ("‘We are ready,’ he said.", [("We are ready,", True, True, False)]),
        ("'We are ready,' he said.", [("We are ready,", True, True, False)]),
        ("«We are ready», he said.", [("We are ready", True, True, False)]),
        ("„We are ready“, he said.", [("We are ready", True, True, False)]),
        (
            '"One step." Then "another."',
            [("One step.", True, True, False), ("another.", True, True, False)],
        ),
        ('We are ready," Peskov said.', [("We are ready,", False, True, False)]),
        ('Peskov said: "We are ready', [("We are ready", True, False, False)]),
        (
            "“First part.”\n“Second part",
            [("First part.", True, True, False), ("Second part", True, False, False)],
        ),
        (
            "“Putin told me, ‘We want peace,’ and I believe him,” Trump said.",
            [
                ("Putin told me, ‘We want peace,’ and I believe him,", True, True, False),
                ("We want peace,", True, True, True),
            ],
        ),
        (
            "'Ukraine's position is clear,' he said.",
            [("Ukraine's position is clear,", True, True, False)],
        ),
        ("Zelensky's aides don't expect a deal.", []),
        ("The countries' positions remain far apart.", []),
        ("The talks' outcome, he said, was unclear.", []),
    ],
)
def test_quotes_finds_quotation_spans(
    text: str, expected: list[tuple[str, bool, bool, bool]]
) -> None:
    spans = find_quotation_spans(text)
    assert [(text[s.start : s.end], s.opened, s.closed, s.nested) for s in spans] == expected


# ------------------------------------------------------------------------ direct quotes


@pytest.mark.parametrize(
    ("text", "name", "speaker_text"),
    [
        ("“We are ready to talk,” Peskov said.", PESKOV, "Peskov"),
        ('"We are ready to talk," Peskov said.', PESKOV, "Peskov"),
        ("‘We are ready to talk,’ said Peskov.", PESKOV, "Peskov"),
        ("'We are ready to talk,' Peskov said.", PESKOV, "Peskov"),
        ("«We are ready to talk», said Peskov.", PESKOV, "Peskov"),
        ("„We are ready to talk“, said Peskov.", PESKOV, "Peskov"),
        ("Zelensky met Macron in Paris. “We are ready to talk,” he said.", ZELENSKYY, "he"),
        ("Lavrov told reporters: “We are ready to talk.”", LAVROV, "Lavrov"),
    ],
)
def test_quotes_direct_with_every_mark(
    nlp: Language, text: str, name: str, speaker_text: str
) -> None:
    quote = _find(_quotes(nlp, text), READY, "direct")
    assert (quote.speaker_name, quote.speaker_text) == (name, speaker_text)


@pytest.mark.parametrize(
    ("text", "cue", "addressee_text", "addressee_id"),
    [
        ("Lavrov told reporters: “We are ready to talk.”", "told", "reporters", None),
        ("“We are ready to talk,” Zelensky told the BBC.", "told", "the BBC", "bbc"),
        ("“We are ready to talk,” Peskov said.", "said", None, None),
    ],
)
def test_quotes_direct_cue_and_addressee(
    nlp: Language, text: str, cue: str, addressee_text: str | None, addressee_id: str | None
) -> None:
    quote = _find(_quotes(nlp, text), READY, "direct")
    assert (quote.cue, quote.addressee_text, quote.addressee_id) == (
        cue,
        addressee_text,
        addressee_id,
    )


def test_quotes_multi_sentence_quote_is_one_record(nlp: Language) -> None:
    text = "“We want a just peace. We will not give up our land,” Zelensky said."
    quotes = _quotes(nlp, text)
    assert [q.kind for q in quotes] == ["direct"]
    assert quotes[0].text == "We want a just peace. We will not give up our land,"
    assert quotes[0].speaker_name == ZELENSKYY


def test_quotes_split_around_cue_gives_two_records(nlp: Language) -> None:
    text = "“We want a just peace,” Zelensky said. “But we will not give up our land.”"
    quotes = _quotes(nlp, text)
    assert [(q.kind, _bare(q.text)) for q in quotes] == [
        ("direct", "We want a just peace"),
        ("direct", "But we will not give up our land"),
    ]
    assert {q.speaker_name for q in quotes} == {ZELENSKYY}


def test_quotes_quotation_paragraph_continues_speaker(nlp: Language) -> None:
    text = (
        "Zelensky spoke in Kyiv on Thursday. “We want a just peace,” he said.\n\n"
        "“Our partners understand this. The pressure on Moscow must grow.”"
    )
    quote = _find(
        _quotes(nlp, text), "Our partners understand this. The pressure on Moscow must grow"
    )
    assert quote.kind == "direct"
    assert quote.cue is None
    assert quote.speaker_name == ZELENSKYY


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('We are ready to talk," Peskov said.', PESKOV),
        ('Talks stalled in Riyadh. We are ready to talk," Peskov said.', PESKOV),
        ('Peskov said: "We are ready to talk', PESKOV),
        ('Trump said: "We are ready to talk\n\nThe call is set for Tuesday.', TRUMP),
    ],
)
def test_quotes_damaged_marks_still_direct(nlp: Language, text: str, name: str) -> None:
    quote = _find(_quotes(nlp, text), READY, "direct")
    assert quote.speaker_name == name


@pytest.mark.parametrize(
    "text",
    [
        "Zelensky's aides met the envoys, and the countries' positions remain far apart.",
        "Peskov said the Kremlin's position hadn't changed and the allies' offers were vague.",
    ],
)
def test_quotes_apostrophes_are_not_marks(nlp: Language, text: str) -> None:
    quotes = _quotes(nlp, text)
    assert not [q for q in quotes if q.kind != "indirect"]


def test_quotes_apostrophes_kept_inside_indirect_clause(nlp: Language) -> None:
    text = "Peskov said the Kremlin's position hadn't changed and the allies' offers were vague."
    quote = _find(_quotes(nlp, text), text[12:-1], "indirect")
    assert quote.speaker_name == PESKOV


def test_quotes_apostrophes_kept_inside_direct_quote(nlp: Language) -> None:
    quote = _find(
        _quotes(nlp, "“We don't trust Moscow's promises,” Zelensky said."),
        "We don't trust Moscow's promises",
    )
    assert quote.kind == "direct"


# --------------------------------------------------------------- partial and names


@pytest.mark.parametrize(
    ("text", "fragment", "clause", "name"),
    [
        (
            'Zelensky said the talks were "a waste of time".',
            "a waste of time",
            'the talks were "a waste of time"',
            ZELENSKYY,
        ),
        (
            "Lavrov said Moscow would retaliate “in kind” against new sanctions.",
            "in kind",
            "Moscow would retaliate “in kind” against new sanctions",
            LAVROV,
        ),
        (
            "Peskov called the European plan “not serious”.",
            "not serious",
            None,
            PESKOV,
        ),
    ],
)
def test_quotes_partial_inside_reported_speech(
    nlp: Language, text: str, fragment: str, clause: str | None, name: str
) -> None:
    quotes = _quotes(nlp, text)
    partial = _find(quotes, fragment, "partial")
    assert partial.speaker_name == name
    if clause is None:  # "called it …" reports no clause
        assert _of_kind(quotes, "indirect") == []
        return
    indirect = _find(quotes, clause, "indirect")
    assert indirect.speaker_name == name
    assert indirect.start <= partial.start and partial.end <= indirect.end


@pytest.mark.parametrize(
    "text",
    [
        'Kyiv rejected the so-called "peace formula" put forward by Moscow.',
        'Drones struck a "fuel and energy" complex near Moscow.',
        'The "Grain from Ukraine" initiative shipped wheat to Sudan.',
        'Ukraine joined the "Grain from Ukraine" initiative in 2022.',
    ],
)
def test_quotes_names_and_scare_quotes_are_not_quotes(nlp: Language, text: str) -> None:
    assert _quotes(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        'Zelensky\'s "peace formula" has ten points.',
        'Kyiv promoted the "peace formula" at the summit.',
        "Russia launched the “special military operation” in February 2022.",
    ],
)
def test_quotes_determined_scare_quotes_are_not_quotes(nlp: Language, text: str) -> None:
    assert _quotes(nlp, text) == []


# ------------------------------------------------------------------ indirect speech


@pytest.mark.parametrize(
    ("text", "clause", "name", "cue"),
    [
        ("Peskov said that talks would resume soon.", "talks would resume soon", PESKOV, "said"),
        ("Peskov said talks would resume soon.", "talks would resume soon", PESKOV, "said"),
        ("Talks would resume soon, Peskov said.", "Talks would resume soon", PESKOV, "said"),
        ("According to Lavrov, Moscow is ready.", "Moscow is ready", LAVROV, "according to"),
        ("Lavrov told Tass that Moscow was ready.", "Moscow was ready", LAVROV, "told"),
        ("Zelensky wrote on Telegram that Kyiv was ready.", "Kyiv was ready", ZELENSKYY, "wrote"),
        (
            "Peskov warned that sanctions would hurt Europe.",
            "sanctions would hurt Europe",
            PESKOV,
            "warned",
        ),
    ],
)
def test_quotes_indirect_clause(nlp: Language, text: str, clause: str, name: str, cue: str) -> None:
    quotes = _quotes(nlp, text)
    assert [q.kind for q in quotes] == ["indirect"]
    quote = quotes[0]
    assert (quote.text, quote.speaker_name, quote.cue) == (clause, name, cue)
    assert not quote.text.startswith("that ")


def test_quotes_indirect_addressee(nlp: Language) -> None:
    text = "Lavrov told reporters that Moscow was ready for a new round of talks."
    assert _quotes(nlp, text)[0].addressee_text == "reporters"


def test_quotes_according_to_clause_before_paragraph_break(nlp: Language) -> None:
    text = "According to Lavrov, Moscow is ready for talks.\n\nThe delegations left Riyadh."
    assert _quotes(nlp, text)[0].text == "Moscow is ready for talks"


@pytest.mark.parametrize(
    ("text", "clause", "name"),
    [
        ("Peskov said the negotiations would continue.", "the negotiations would continue", PESKOV),
        (
            "Peskov said the Kremlin expected a deal soon.",
            "the Kremlin expected a deal soon",
            PESKOV,
        ),
        (
            "Lavrov said Moscow would answer “in kind” to new sanctions.",
            "Moscow would answer “in kind” to new sanctions",
            LAVROV,
        ),
    ],
)
def test_quotes_indirect_clause_with_cue_like_verb(
    nlp: Language, text: str, clause: str, name: str
) -> None:
    quote = _find(_quotes(nlp, text), clause, "indirect")
    assert quote.speaker_name == name


def test_quotes_partial_speaker_is_the_reporter(nlp: Language) -> None:
    text = "Lavrov said Moscow would answer “in kind” to new sanctions."
    quote = _find(_quotes(nlp, text), "in kind", "partial")
    assert (quote.speaker_name, quote.cue, quote.addressee_text) == (LAVROV, "said", None)


# ------------------------------------------------------------------ speaker resolution


@pytest.mark.parametrize(
    ("text", "name", "speaker_text"),
    [
        ("Dmitry Peskov briefed Vladimir Putin. He said talks would resume.", PESKOV, "He"),
        ("Peskov met Putin on Thursday. He said talks would resume.", PESKOV, "He"),
        (
            "Peskov spoke to Tass. The official stressed that talks would resume.",
            PESKOV,
            "The official",
        ),
        (
            "Peskov spoke to Tass. The Kremlin spokesman said talks would resume.",
            PESKOV,
            "Kremlin spokesman",
        ),
        ("The Kremlin said talks would resume.", "Russia", "Kremlin"),
        ("Kyiv said talks would resume.", "Ukraine", "Kyiv"),
        ("A senior official said talks would resume.", None, "A senior official"),
    ],
)
def test_quotes_speaker_resolution(
    nlp: Language, text: str, name: str | None, speaker_text: str
) -> None:
    quote = _find(_quotes(nlp, text), "talks would resume", "indirect")
    assert (quote.speaker_name, quote.speaker_text) == (name, speaker_text)
    assert (quote.speaker_id is None) == (name is None)


def test_quotes_pronoun_after_quote_names_the_quoted(nlp: Language) -> None:
    text = "Dmitry Peskov spoke after Putin met the envoy. “Nothing has been decided yet,” he said."
    quote = _find(_quotes(nlp, text), "Nothing has been decided yet", "direct")
    assert (quote.speaker_name, quote.speaker_text) == (PESKOV, "he")


def test_quotes_lone_pronoun_without_antecedent_has_no_speaker(nlp: Language) -> None:
    quote = _find(_quotes(nlp, "“We are ready to talk,” he said."), "We are ready to talk")
    assert quote.speaker_id is None


# -------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "day", "precision"),
    [
        ("Peskov said on Friday that the talks would resume.", "2025-03-14", "day"),
        ("Peskov said on Tuesday that the talks would resume.", "2025-03-11", "day"),
        ("Peskov told reporters on Tuesday that the talks would resume.", "2025-03-11", "day"),
        ("“We are ready,” Peskov said on Friday.", "2025-03-14", "day"),
        ("Peskov said that the talks would resume.", None, None),
        ("“We are ready,” Peskov said.", None, None),
    ],
)
def test_quotes_statement_date(
    nlp: Language, text: str, day: str | None, precision: str | None
) -> None:
    quotes = _quotes(nlp, text)
    assert len(quotes) == 1
    assert (quotes[0].date, quotes[0].date_precision) == (day, precision)


def test_quotes_statement_date_needs_publication_date(nlp: Language) -> None:
    quotes = _quotes(nlp, "Peskov said on Friday that the talks would resume.", published=None)
    assert quotes[0].date is None


# ------------------------------------------------------------------------ nesting


@pytest.mark.parametrize("marks", ["‘’", "''"])
def test_quotes_nested_quote_has_its_own_speaker(nlp: Language, marks: str) -> None:
    text = f"“Putin told me, {marks[0]}We want peace,{marks[1]} and I believe him,” Trump said."
    quotes = _quotes(nlp, text)
    assert len(quotes) == 2
    outer = _find(quotes, f"Putin told me, {marks[0]}We want peace,{marks[1]} and I believe him")
    inner = _find(quotes, "We want peace")
    assert (outer.kind, outer.speaker_name) == ("direct", TRUMP)
    assert (inner.speaker_name, inner.cue) == (PUTIN, "told")
    assert outer.start < inner.start and inner.end < outer.end


# ------------------------------------------------------------------- record shape

ARTICLE = (
    "Peskov said on Friday that the talks would resume. “We are open to contacts with "
    "Washington,” he added.\n\n"
    "Zelensky said the proposal was “a trap”. According to Lavrov, Moscow is ready for a new "
    "round of talks.\n\n"
    "“We want a just peace,” Zelensky said. “But we will not give up our land.”"
)


def test_quotes_are_in_text_order(nlp: Language) -> None:
    quotes = _quotes(nlp, ARTICLE)
    assert [(q.kind, _bare(q.text), q.speaker_name) for q in quotes] == [
        ("indirect", "the talks would resume", PESKOV),
        ("direct", "We are open to contacts with Washington", PESKOV),
        ("indirect", "the proposal was “a trap”", ZELENSKYY),
        ("partial", "a trap", ZELENSKYY),
        ("indirect", "Moscow is ready for a new round of talks", LAVROV),
        ("direct", "We want a just peace", ZELENSKYY),
        ("direct", "But we will not give up our land", ZELENSKYY),
    ]
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)


@pytest.mark.parametrize(
    "text",
    [
        ARTICLE,
        "“We want a just peace. We will not give up our land,” Zelensky said.",
        'Zelensky said the talks were "a waste of time".',
        "“Putin told me, ‘We want peace,’ and I believe him,” Trump said.",
        'Trump said: "I will talk to Putin. We want a deal\n\nThe call is set for Tuesday.',
    ],
)
def test_quotes_spans_match_text_and_sentences(nlp: Language, text: str) -> None:
    quotes = _quotes(nlp, text)
    assert quotes
    for quote in quotes:
        assert quote.text == text[quote.start : quote.end]
        assert quote.text == quote.text.strip()
        assert quote.sentence_start <= quote.start < quote.end <= quote.sentence_end
        assert quote.kind in {"direct", "partial", "indirect"}


# ------------------------------------------------------- institutions and documents


def test_quotes_a_persons_office_speaks_for_the_persons_state(nlp: Language) -> None:
    text = (
        "Cyril Ramaphosa arrived in Kyiv on Friday. His office said in a statement that the "
        "African mission would travel on to St Petersburg."
    )
    quote = _of_kind(_quotes(nlp, text), "indirect")[0]
    assert (quote.speaker_name, quote.speaker_text) == ("South Africa", "His office")


def test_quotes_the_statement_speaks_for_whoever_issued_it(nlp: Language) -> None:
    text = (
        "Peskov said in a statement that Moscow had received the proposal.\n\n"
        "“The proposal will be studied carefully,” the statement said."
    )
    quotes = _quotes(nlp, text)
    assert _find(quotes, "The proposal will be studied carefully", "direct").speaker_name == PESKOV


def test_quotes_a_cue_without_an_actor_gives_way_to_one_with_an_actor(nlp: Language) -> None:
    text = 'The summit underscores Kyiv\'s "determination to end the war," Zelensky said.'
    quote = _find(_quotes(nlp, text), "determination to end the war", "partial")
    assert (quote.speaker_name, quote.cue) == (ZELENSKYY, "said")


def test_quotes_a_headline_never_runs_into_the_paragraph_below(nlp: Language) -> None:
    text = "Talks in Riyadh\n\nPeskov said the talks would resume next week."
    quote = _of_kind(_quotes(nlp, text), "indirect")[0]
    assert text[quote.sentence_start :].startswith("Peskov said")
    assert quote.speaker_name == PESKOV
