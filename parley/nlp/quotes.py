"""Who said what: direct, partial and indirect quotes with their speakers (SPEC §2).

`extract_quotes(doc, mentions, published)` is the logic, a plain function over a parsed
Doc and the linker's mentions:

1. Quotation marks are paired per paragraph by their context (an opening mark follows a
   space or the start, a closing mark precedes a space or punctuation), so curly,
   straight, low-9 and guillemet marks all work, a mark lost to damage still yields its
   quote (to the end of the paragraph, or from the start of the sentence), and
   apostrophes are never taken for single quotation marks.
2. Each quoted span is a `direct` quote when it stands as an utterance (at the start of
   a sentence, after a colon, or after a cue's comma) and a `partial` one when it sits
   inside the sentence's syntax; names and scare quotes (the "peace formula", the
   "special military operation", a "fuel and energy" complex) are dropped.
3. Reported speech (`indirect`) is the clause a speech or cognition verb governs ("X said
   (that) …", "…, X said", "X told Y that …") or the clause "according to X" qualifies.
4. The speaker is the cue's subject, resolved through the linked mentions, pronouns
   ("he said" → the last fitting named person) and descriptions ("the official" → the
   person being quoted; "a senior official" → unidentified). A quote with no cue in its
   sentence continues the previous speaker. The addressee ("told reporters") and the
   statement's date ("said on Friday") come from the cue's dependents.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from spacy.tokens import Doc, Span, Token

from parley.nlp.dates import resolve_date
from parley.nlp.quote_marks import _CLOSING_GLYPHS, QuotationSpan, find_quotation_spans
from parley.nlp.speakers import _Context, _Speaker
from parley.types import Mention, Quote

__all__ = ["QUOTES_COMPONENT", "SPEECH_VERBS", "extract_quotes", "find_quotation_spans"]

QUOTES_COMPONENT = "parley.quotes.v1"

# Lemmas of verbs that report speech or thought ("cues").
SPEECH_VERBS = frozenset(
    {
        "say",
        "tell",
        "state",
        "stress",
        "insist",
        "claim",
        "deny",
        "accuse",
        "warn",
        "write",
        "post",
        "add",
        "note",
        "announce",
        "declare",
        "confirm",
        "emphasize",
        "emphasise",
        "explain",
        "argue",
        "assert",
        "allege",
        "underline",
        "underscore",
        "reiterate",
        "assure",
        "promise",
        "vow",
        "acknowledge",
        "admit",
        "suggest",
        "indicate",
        "report",
        "recall",
        "reply",
        "respond",
        "comment",
        "remark",
        "tweet",
        "signal",
        "point",
        "believe",
        "hope",
        "fear",
        "doubt",
        "expect",
        "predict",
        "urge",
        "demand",
        "quote",
        "cite",
        "call",
        "describe",
        "reveal",
        "disclose",
        "specify",
        "clarify",
        "inform",
        "brief",
        "complain",
        "concede",
        "contend",
        "maintain",
        "observe",
        "mention",
    }
)
# Cues that only report when they govern a clause, never on their own ("called it …").
_CLAUSE_ONLY = frozenset({"call", "describe", "point", "urge", "demand"})
_ADDRESSEE_VERBS = frozenset({"tell", "inform", "assure", "brief", "warn", "urge"})
# Words in a quoted span that make it the name of a plan, format or operation.
_NAME_WORDS = re.compile(
    r"\b(formula|plan|initiative|format|deal|agreement|accord|treaty|corridor|process|"
    r"operation|summit|group|coalition|communiqu[eé]|memorandum|doctrine|roadmap|road map|"
    r"package|mission|platform|declaration|charter|framework|program|programme|project|"
    r"zone|line|party|movement|battalion|brigade|company|complex|union|pact|bloc)s?\b",
    re.I,
)
_NAMED_BEFORE = re.compile(
    r"\b(so[- ]called|dubbed|named|titled|entitled|code-?named|termed|known as|labell?ed)"
    r"\s*[\"“‘'«„]?$",
    re.I,
)
_NOUN_MODIFIERS = {"acl", "relcl", "amod"}


# ------------------------------------------------------------------------------ cues


def _is_cue(token: Token) -> bool:
    return token.lemma_.lower() in SPEECH_VERBS and token.pos_ in {"VERB", "AUX"}


def _subject(verb: Token) -> Token | None:
    """Who a cue verb's action belongs to: its subject, a passive's agent, or the subject
    of the verb it is coordinated with."""
    # The subject nearest the verb: in "the deputy head of the office, Igor Zhovkva, has
    # said" a parser may make both nouns subjects; the name is the closer one.
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "csubj"} and c.lower_ != "there"]
    if subjects:
        child = min(subjects, key=lambda c: abs(c.i - verb.i))
        if child.lower_ in {"which", "who", "that"} and verb.dep_ == "relcl":
            return verb.head  # "Beijing, which says it is neutral"
        return child
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    if verb.dep_ == "acl" and verb.tag_ == "VBD":
        return verb.head  # "Beijing, which …, announced …" misread as a noun's modifier
    if verb.dep_ == "advcl" and verb.tag_ == "VBG":
        # "Peskov reported that the delegation included diplomats, stating, “…”": the
        # participle belongs to whoever reports, wherever the parser attached it.
        for ancestor in verb.ancestors:
            if _is_cue(ancestor):
                return _subject(ancestor)
    if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head is not verb:
        return _subject(verb.head)
    return None


def _according_to(token: Token) -> Token | None:
    """The object of "according to X" when `token` is "according"."""
    if token.lower_ != "according":
        return None
    for child in token.children:
        if child.lower_ == "to":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def _span_of(tokens: Iterable[Token]) -> tuple[int, int] | None:
    listed = sorted(tokens, key=lambda t: t.i)
    if not listed:
        return None
    return listed[0].idx, listed[-1].idx + len(listed[-1].text)


def _addressee(verb: Token, context: _Context) -> tuple[str | None, str | None]:
    """Whom a statement was made to: "told reporters", "in an interview with Interfax"."""
    target: Token | None = None
    if verb.lower_ == "according":
        return None, None
    if verb.lemma_.lower() in _ADDRESSEE_VERBS:
        for child in verb.children:
            if child.dep_ in {"dobj", "dative"}:
                target = child
                break
    if target is None:
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in {"in", "to"}:
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    if child.lower_ == "to" and pobj.pos_ in {"PROPN", "NOUN", "PRON"}:
                        target = pobj
                    elif pobj.lemma_.lower() in {"interview", "conversation", "call"}:
                        for prep in pobj.children:
                            if prep.lower_ == "with":
                                target = next((t for t in prep.children if t.dep_ == "pobj"), None)
    if target is None:
        return None, None
    text = target.doc[target.left_edge.i : target.right_edge.i + 1].text
    inner = context.mentions_in(
        target.left_edge.idx, target.right_edge.idx + len(target.right_edge.text)
    )
    return (inner[0].entity_id if inner else None), text


def _statement_date(verb: Token, published: date | None) -> tuple[str | None, str | None]:
    """When a cue says the statement was made ("said on Friday", "told reporters Tuesday")."""
    doc = verb.doc
    candidates: list[Token] = []
    for child in verb.children:
        if child.ent_type_ == "DATE" and child.dep_ in {"npadvmod", "nmod", "tmod", "obl"}:
            candidates.append(child)
        elif child.dep_ == "prep" and child.lower_ in {"on", "in"}:
            candidates.extend(t for t in child.children if t.ent_type_ == "DATE")
    for token in candidates:
        for ent in doc.ents:
            if ent.label_ == "DATE" and ent.start <= token.i < ent.end:
                resolved = resolve_date(ent.text, published, tense="past")
                if resolved is not None:
                    return resolved.iso(), resolved.precision
    return None, None


# ---------------------------------------------------------------------------- kinds


def _is_name(doc: Doc, span: QuotationSpan, tokens: Span) -> bool:
    """A quoted name or scare quote: the "peace formula", the so-called "referendums"."""
    text = doc.text[span.start : span.end].strip()
    words = text.split()
    if not words or len(words) > 6 or any(t.pos_ in {"VERB", "AUX"} for t in tokens):
        return False
    before = [t for t in doc[max(tokens.start - 3, 0) : tokens.start] if not t.is_quote]
    if _NAMED_BEFORE.search(doc.text, max(span.start - 30, 0), span.start):
        return True
    after = doc[tokens.end] if tokens.end < len(doc) else None
    while after is not None and after.is_punct and after.i + 1 < len(doc):
        if after.idx >= span.end + 2:
            break
        after = doc[after.i + 1]
    if (
        after is not None
        and after.pos_ in {"NOUN", "PROPN"}
        and after.idx <= span.end + 2
        and tokens.root.head == after
    ):
        return True  # the "fuel and energy" complex
    titled = all(w[:1].isupper() for w in words if len(w) > 3) and (
        len(words) > 1 or all(t.pos_ == "PROPN" for t in tokens if t.is_alpha)
    )
    determined = bool(before) and (
        before[-1].lower_ in {"the", "its", "his", "her", "their", "our"}
        or before[-1].dep_ == "case"
    )
    # "the 'peace formula'", "the 'special military operation'" — but "the 'robust plans'"
    # is someone's judgement, not a name.
    nominal = len(words) >= 3 or all(t.pos_ in {"NOUN", "PROPN"} for t in tokens if t.is_alpha)
    return (titled and not text.endswith((".", ",", "!", "?"))) or (
        determined and nominal and bool(_NAME_WORDS.search(text))
    )


def _preceding(text: str, at: int) -> str:
    """The last non-space character before `at` ("" at a paragraph start)."""
    position = at - 1
    while position >= 0 and text[position] in " \t":
        position -= 1
    return text[position] if position >= 0 and text[position] != "\n" else ""


def _is_direct(doc: Doc, span: QuotationSpan, tokens: Span) -> bool:
    text = doc.text
    opening = span.start - 1 if span.opened else span.start
    before = _preceding(text, opening)
    content = text[span.start : span.end].strip()
    if not span.opened:
        return True
    if before in {"", ".", "!", "?", ":", "—", "–", "(", "…"} or before in _CLOSING_GLYPHS + '"':
        return True
    if before == ",":
        return content[:1].isupper() or len(tokens) >= 6
    previous = doc[tokens.start - 1] if tokens.start > 0 else None
    while previous is not None and previous.is_punct and previous.i > 0:
        previous = doc[previous.i - 1]
    if previous is not None and _is_cue(previous) and content[:1].isupper():
        return True  # said "We are ready…"
    if previous is not None and previous.lower_ in {"but", "and"} and len(tokens) >= 8:
        return any(_is_cue(t) for t in doc[tokens.sent.start : previous.i])
    return False


# ------------------------------------------------------------------------- extraction


def _cues_for(
    doc: Doc, span: QuotationSpan, tokens: Span, context: _Context, *, direct: bool
) -> list[Token]:
    """The speech verbs a quotation may belong to, best first. For a direct quotation: one
    just after it (", he said", ", said Peskov"), then one before it in its sentence
    ("said:"); for a partial one: the verb that governs it, then one before or after it."""
    first_sent = doc[tokens.start].sent
    last_sent = doc[tokens.end - 1].sent
    after_tokens = [
        t
        for t in doc[tokens.end : min(last_sent.end + 1, len(doc))]
        if not context.inside_quote(t.idx, t.idx + len(t))
    ]
    before_tokens = [
        t
        for t in doc[first_sent.start : tokens.start]
        if not context.inside_quote(t.idx, t.idx + len(t))
    ]

    def adjacent_after() -> Token | None:
        for token in after_tokens[:10]:
            if token.text in {".", "!", "?"} and token.i > tokens.end + 1:
                break
            if _is_cue(token) and token.lemma_.lower() not in _CLAUSE_ONLY:
                return token
            if _according_to(token) is not None:
                return token
        return None

    def before() -> Token | None:
        for token in reversed(before_tokens):
            if _according_to(token) is not None:
                return token
            # "conditions announced by Putin" is not who speaks in the sentence.
            if _is_cue(token) and (direct or token.dep_ not in _NOUN_MODIFIERS):
                return token
        return None

    def governing() -> Token | None:
        for ancestor in tokens.root.ancestors:
            if (
                _is_cue(ancestor)
                and not context.inside_quote(ancestor.idx, ancestor.idx + 1)
                and (direct or ancestor.dep_ not in _NOUN_MODIFIERS)
            ):
                return ancestor
        return None

    def anywhere_after() -> Token | None:
        for token in after_tokens:
            if _is_cue(token) and token.lemma_.lower() not in _CLAUSE_ONLY:
                return token
        return None

    order = (
        (adjacent_after, before, governing, anywhere_after)
        if direct
        else (governing, before, adjacent_after, anywhere_after)
    )
    found = [cue for find in order if (cue := find()) is not None]
    return list(dict.fromkeys(found))


def _attributed(cues: list[Token], context: _Context) -> tuple[Token | None, _Speaker | None]:
    """The first cue whose speaker is a known actor ("The meeting underscores…" has none),
    else the first cue with whatever speaker it has."""
    attributed = [(cue, _speaker_of_cue(cue, context)) for cue in cues]
    for cue, speaker in attributed:
        if speaker is not None and speaker.entity_id is not None:
            return cue, speaker
    return attributed[0] if attributed else (None, None)


def _speaker_of_cue(cue: Token, context: _Context) -> _Speaker | None:
    target = _according_to(cue)
    if target is None:
        target = _subject(cue)
    if target is None:
        return None
    return context.speaker_of(target)


def _sentence_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    first = doc.char_span(start, max(start + 1, end), alignment_mode="expand")
    if first is None or len(first) == 0:
        return start, end
    return doc[first.start].sent.start_char, doc[first.end - 1].sent.end_char


def _quote(
    doc: Doc,
    start: int,
    end: int,
    kind: str,
    speaker: _Speaker | None,
    cue: Token | None,
    context: _Context,
    published: date | None,
) -> Quote:
    text = doc.text[start:end].strip()
    lead = len(doc.text[start:end]) - len(doc.text[start:end].lstrip())
    start += lead
    end = start + len(text)
    sentence_start, sentence_end = _sentence_bounds(doc, start, end)
    addressee_id, addressee_text = _addressee(cue, context) if cue is not None else (None, None)
    day, precision = _statement_date(cue, published) if cue is not None else (None, None)
    return Quote(
        start=start,
        end=end,
        text=text,
        kind=kind,
        sentence_start=sentence_start,
        sentence_end=sentence_end,
        speaker_id=speaker.entity_id if speaker else None,
        speaker_name=speaker.name if speaker else None,
        speaker_text=speaker.text if speaker else None,
        cue=_cue_text(cue),
        addressee_id=addressee_id,
        addressee_text=addressee_text,
        date=day,
        date_precision=precision,
    )


def _cue_text(cue: Token | None) -> str | None:
    if cue is None:
        return None
    if cue.lower_ == "according":
        return "according to"
    return cue.text


def _marked_quotes(
    doc: Doc, spans: list[QuotationSpan], context: _Context, published: date | None
) -> list[Quote]:
    quotes: list[Quote] = []
    for span in spans:
        tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
        if tokens is None or len(tokens) == 0:
            continue
        if span.nested:
            quote = _nested_quote(doc, span, tokens, context, published)
            if quote is not None:
                quotes.append(quote)
            continue
        if _is_name(doc, span, tokens):
            continue
        kind = "direct" if _is_direct(doc, span, tokens) else "partial"
        cue, speaker = _attributed(
            _cues_for(doc, span, tokens, context, direct=kind == "direct"), context
        )
        if speaker is None and kind == "partial":
            verb = next(
                (
                    t
                    for t in tokens.root.ancestors
                    if t.pos_ in {"VERB", "AUX"} and not context.inside_quote(t.idx, t.idx + 1)
                ),
                None,
            )
            subject = _subject(verb) if verb is not None else None
            if subject is not None and not context.inside_quote(subject.idx, subject.idx + 1):
                speaker = context.speaker_of(subject)
        if cue is None and kind == "direct":
            # A quotation standing alone continues a speaker: one newly introduced as a
            # sentence's subject since the last quotation, else the last one quoted.
            speaker = (
                context.fitting_person(span.start, after=context.last_quote_at(span.start))
                or context.last_speaker(span.start)
                or context.fitting_person(span.start)
            )
        elif speaker is None or (speaker.entity_id is None and cue is None):
            speaker = context.last_speaker(span.start) or speaker
        quotes.append(_quote(doc, span.start, span.end, kind, speaker, cue, context, published))
        if speaker is not None:
            bisect.insort(context.speakers, (span.start, speaker), key=lambda pair: pair[0])
    return quotes


def _nested_quote(
    doc: Doc, span: QuotationSpan, tokens: Span, context: _Context, published: date | None
) -> Quote | None:
    """A quotation inside a quotation, kept when its own speaker is stated there."""
    for token in reversed(list(doc[tokens.sent.start : tokens.start])):
        if _is_cue(token) and context.inside_quote(token.idx, token.idx + len(token)):
            subject = _subject(token)
            if subject is None:
                return None
            mention = context.covering(subject)
            if mention is None:
                return None
            speaker = _Speaker(mention.entity_id, mention.entity_name, mention.text, mention.kind)
            kind = "direct" if _is_direct(doc, span, tokens) else "partial"
            return _quote(doc, span.start, span.end, kind, speaker, token, context, published)
    return None


def _complement(verb: Token) -> Token | None:
    """The clause a cue reports: its complement, or the "that" clause a parser hung on the
    medium ("said in a statement that …")."""
    for child in verb.children:
        if child.dep_ == "ccomp":
            return child
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        for medium in prep.children:
            for clause in medium.children:
                if clause.dep_ in {"acl", "relcl"} and any(
                    c.dep_ == "mark" and c.lower_ == "that" for c in clause.children
                ):
                    return clause
    return None


def _clause_tokens(head: Token, exclude: Token | None = None) -> list[Token]:
    """The words of a clause, without its "that", its edge punctuation, and `exclude`'s
    subtree (the "according to X" phrase)."""
    skip = set(exclude.subtree) if exclude is not None else set()
    tokens = [t for t in head.subtree if t not in skip]
    while tokens and (tokens[0].is_punct or (tokens[0].dep_ == "mark" and tokens[0].head == head)):
        tokens.pop(0)
    while tokens and (
        tokens[-1].is_space or (tokens[-1].is_punct and tokens[-1].text not in {"”", '"'})
    ):
        tokens.pop()
    return tokens


def _mostly_quoted(tokens: list[Token], context: _Context) -> bool:
    inside = sum(1 for t in tokens if context.inside_quote(t.idx, t.idx + len(t)))
    return inside * 2 > len(tokens)


def _reported_quotes(
    doc: Doc, context: _Context, published: date | None
) -> list[tuple[int, Quote]]:
    found: list[tuple[int, Quote]] = []
    for token in doc:
        if context.inside_quote(token.idx, token.idx + len(token)):
            continue
        clause: list[Token] = []
        cue: Token | None = None
        target = _according_to(token)
        if target is not None and token.head is not token:
            clause = _clause_tokens(token.head, exclude=token)
            cue = token
        elif _is_cue(token):
            complement = _complement(token)
            # "…, Markarova stated, “…”, the ambassador said": the inner report is its own.
            nested_report = complement is not None and (
                _is_cue(complement) and _complement(complement) is not None
            )
            if complement is not None and not nested_report:
                clause = [t for t in _clause_tokens(complement) if t.i != token.i]
                cue = token
        # "According to AP, X said that …": X's own record says it.
        if (
            cue is not None
            and target is not None
            and any(_is_cue(t) and not context.inside_quote(t.idx, t.idx + 1) for t in clause)
        ):
            continue
        if cue is None or len(clause) < 3 or _mostly_quoted(clause, context):
            continue
        bounds = _span_of(clause)
        if bounds is None:
            continue
        speaker = context.speaker_of(target) if target is not None else None
        if target is None:
            subject = _subject(cue)
            speaker = context.speaker_of(subject) if subject is not None else None
        quote = _quote(doc, bounds[0], bounds[1], "indirect", speaker, cue, context, published)
        found.append((cue.idx, quote))
    # A clause that holds another report ("The call, which the Kremlin said lasted an hour,
    # was productive, the Post said") is not one statement: the inner report is kept.
    return [
        (at, quote)
        for at, quote in found
        if not any(
            other is not quote and quote.start <= other.start and other.end <= quote.end
            for _, other in found
        )
    ]


def _speakers(quotes: list[Quote], mentions: Sequence[Mention]) -> list[tuple[int, _Speaker]]:
    """Who spoke where, in text order, for resolving later pronouns and descriptions."""
    kinds = {m.entity_id: m.kind for m in mentions}
    found = [
        (
            q.start,
            _Speaker(q.speaker_id, q.speaker_name, q.speaker_text or "", kinds.get(q.speaker_id)),
        )
        for q in quotes
        if q.speaker_id
    ]
    return sorted(found, key=lambda pair: pair[0])


def extract_quotes(
    doc: Doc,
    mentions: Sequence[Mention],
    published: date | None,
    *,
    parties: Mapping[str, tuple[str, str]] | None = None,
) -> list[Quote]:
    """Every direct, partial and indirect quote of a parsed document, in text order.

    Args:
        doc: a parsed Doc.
        mentions: the linker's mentions of it.
        published: the publication date, against which statement dates are resolved.
        parties: each person's party (entity id -> (id, name)), so that "his
            administration said" is attributed to the state the person acts for.
    """
    spans = find_quotation_spans(doc.text)
    context = _Context(
        doc, mentions, [(s.start, s.end) for s in spans if not s.nested], parties or {}
    )
    marked = _marked_quotes(doc, spans, context, published)
    # Reported speech is resolved knowing who was quoted before it ("he" finds the last
    # person quoted), then the quotations again knowing who was reported speaking between
    # them ("his office said in a statement … “…,” the statement says").
    context.speakers = _speakers(marked, mentions)
    reported = [quote for _, quote in _reported_quotes(doc, context, published)]
    context.speakers = _speakers(reported, mentions)
    marked = _marked_quotes(doc, spans, context, published)
    quotes = marked + reported
    return sorted(quotes, key=lambda q: (q.start, q.kind))
