"""Quotations and who said them: marks → quoted stretches → cue → speaker.

Each quoted stretch (see ``helpers.marks``) gets a cue and a speaker, tried in
this order:

1. a speech verb governing the quotation (said, added, told, warned, described … as,
   called …), its subject resolved to a person through ``helpers.leaders``;
2. "according to X" in the same sentence;
3. ``X: “…”`` (a person before a colon, as in headlines);
4. ``“…” — X`` (a dash and a person after the closing mark);
5. otherwise a *floating* quotation (a clause or more) takes the speaker of the
   quotation or cue just before it in the same or the previous paragraph, and a
   short term nobody is said to have uttered is a *scare* quote.

Reported speech without marks ("Putin says Navalny ignored Russian laws",
"Biden: Russia agreed.") is recorded separately as ``indirect``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

import pandas as pd
from spacy.tokens import Doc, Span, Token

from ..read import paragraph_at
from .leaders import leader_name, leader_names
from .lexicon import REPORTING_VERBS, SPEECH_VERBS
from .marks import QuoteSpan, doc_quote_spans, inside_quotes
from .people import PeopleIndex, people_index
from .pipeline import TokenTable, doc_text, require_article, rows_frame, sentence_index, sentence_spans, token_table
from .schema import COUNT_COLUMNS, DIRECT, FLOATING_CUE, INDIRECT, PRONOUN, QUOTE_COLUMNS, SCARE

#: Words in a quotation at or under which it counts as a term rather than a statement.
SCARE_MAX_WORDS = 3

_WORD = re.compile(r"\w+(?:['’]\w+)?", re.UNICODE)
_SO_CALLED = re.compile(r"\bso[- ]called\s*$", re.I)
_DASHES = ("—", "–", "--", "-")


@dataclass(frozen=True)
class Quote:
    """One quoted stretch or indirect statement.

    Attributes:
        text: Exactly the characters between the marks (``article.text[start:end]``);
            for an indirect statement, the reported clause.
        start: Offset of the first character in ``article.text``.
        end: Offset after the last character.
        speaker: The speaker's full canonical name, or None when no person said it.
        speaker_mention: How the speaker is named where the cue is ("he", "the
            Russian president"), or None.
        cue: The word that ties the words to the speaker ("said", "according to",
            ":", "—", or "floating" for a quotation that takes the speaker of the
            quotation or speech verb before it), or None.
        kind: ``direct``, ``scare`` or ``indirect``.
        group: Stretches of one quotation share it (a quotation over several paragraphs).
        paragraph: Index into ``article.paragraphs``.
        sentence: Index into the doc's sentences (``helpers.nlp.sentence_spans``).
    """

    text: str
    start: int
    end: int
    speaker: str | None
    speaker_mention: str | None
    cue: str | None
    kind: str
    group: int
    paragraph: int | None
    sentence: int | None


#: The number columns of the quote table (the others hold objects: None stays None).
_QUOTE_DTYPES = {"start": "int64", "end": "int64", "paragraph": "Int64", "sentence": "Int64", "group": "int64"}


# --------------------------------------------------------------------------- who is this token?


def _subject(verb: Token, is_person=None) -> Token | None:
    """The subject of a verb, inherited through conjunction, xcomp and advcl ("said … and added").

    With several candidate subjects (a misparsed dateline, "PALM BEACH — Trudeau
    says"), the one ``is_person`` accepts wins, else the one nearest the verb.
    """
    doc = verb.doc
    tt = token_table(doc)
    dep, head = tt.dep, tt.head
    v = verb.i
    for _ in range(6):
        children = tt.children(v)
        subjects = [c for c in children if dep[c] in ("nsubj", "nsubjpass")]
        subjects += [g for c in children if dep[c] == "agent" for g in tt.children(c) if dep[g] == "pobj"]
        if subjects:
            people = [c for c in subjects if is_person and is_person(doc[c])]
            return doc[(people or sorted(subjects, key=lambda c: abs(c - v)))[0]]
        up = head[v]
        if dep[v] == "pcomp" and tt.lower[up] == "as" and tt.lemma[head[up]] == "quote":
            # "KCNA quoted Kim as saying": the one quoted speaks
            quoted = [c for c in tt.children(head[up]) if dep[c] == "dobj"]
            return doc[quoted[0]] if quoted else None
        if dep[v] == "pcomp" and dep[up] == "prep" and tt.pos[head[up]] in ("VERB", "AUX"):
            v = head[up]  # "ended the speech by saying", "after telling reporters"
            continue
        if dep[v] == "acl" and tt.lemma[up] in _SAYING_NOUNS and dep[up] in ("dobj", "nsubjpass"):
            v = head[up]  # "issued a statement saying"
            continue
        if dep[v] in ("conj", "xcomp", "advcl"):
            v = up
            continue
        return None
    return None


#: What a person issues that then "says" something ("issued a statement saying …").
_SAYING_NOUNS = {"statement", "message", "letter", "post", "tweet", "note", "communique", "communiqué", "video"}


_VERB_TAGS = ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB")


def _is_cue_at(tt: TokenTable, i: int) -> bool:
    """Whether token ``i`` is a speech verb ("said", "pointed out")."""
    if tt.pos[i] not in ("VERB", "AUX") and tt.tag[i] not in _VERB_TAGS:
        return False
    lemma = tt.lemma[i]
    if lemma == "point":  # "pointed out"
        return any(tt.dep[c] == "prt" and tt.lower[c] == "out" for c in tt.children(i))
    return lemma in SPEECH_VERBS


# --------------------------------------------------------------------------- attribution rules


@dataclass
class _Attribution:
    speaker: str | None
    mention: str | None
    cue: str
    cue_char: int


#: Clause boundaries the walk from a quotation to its cue does not cross: a quotation inside
#: "as he and Yoon held talks and pledged to restore “shuttle diplomacy”" is not what "said" reports.
_BOUNDARIES = {"advcl", "relcl", "acl"}


def _by_speech_verb(doc: Doc, tokens: range, inside, people: PeopleIndex) -> tuple[_Attribution | None, bool]:
    """Walk up the parse from the quotation (its ``tokens``) to the nearest speech verb outside it.

    A verb reached through an open clausal complement ("would continue to
    “compete”", "agreed to “consult”") is not the cue: the walk goes on above it.
    Any verb that characterises something *as* the quotation ("mocked his guest as
    “Governor Trudeau”") is a cue. The walk stops at a subordinate clause boundary.

    Returns:
        The attribution (or None) and whether the walk stopped at a boundary.
    """
    tt = token_table(doc)
    head, idx, dep = tt.head, tt.idx, tt.dep
    words = [i for i in tokens if not (tt.is_punct[i] or tt.is_space[i])] or list(tokens)
    heads = [i for i in words if not inside(idx[head[i]])]  # where the quotation hangs from the sentence
    best: tuple[int, int] | None = None
    blocked = False
    for h in heads:
        node, steps = h, 0
        # a root is its own head: the walk stays there, and a speech verb at the root is the cue
        # whichever way it was reached
        while steps < 8:
            came_from = node
            if dep[node] in _BOUNDARIES and not inside(idx[head[node]]) and steps > 0:
                blocked = True
                break
            node, steps = head[node], steps + 1
            characterises = tt.lower[came_from] == "as" and dep[came_from] == "prep" and tt.pos[node] == "VERB"
            if not inside(idx[node]) and (_is_cue_at(tt, node) and dep[came_from] != "xcomp" or characterises):
                if best is None or steps < best[0]:
                    best = (steps, node)
                break
    if best is None:
        return None, blocked
    return _attribute_to_subject(doc, doc[best[1]], inside, people), False


def _attribute_to_subject(doc: Doc, verb: Token, inside, people: PeopleIndex) -> _Attribution | None:
    subj = _subject(verb, lambda t: people.person_of(t) is not None)
    if subj is None or inside(subj.idx):
        return None
    m = people.person_of(subj)
    text = require_article(doc).text
    if m is not None:
        return _Attribution(m.person, text[m.start : m.end], verb.text, verb.idx)
    phrase = doc[subj.left_edge.i : subj.i + 1]
    return _Attribution(None, text[phrase.start_char : phrase.end_char], verb.text, verb.idx)


def _speech_verb_in_sentence(doc: Doc, sent: Span, inside, people: PeopleIndex) -> _Attribution | None:
    """A main or parenthetical speech verb in the sentence with a person subject ("China and India, he
    said, were “…”"), or one right next to the quotation."""
    tt = token_table(doc)
    lo, hi = None, None
    for i in range(sent.start, sent.end):
        if inside(tt.idx[i]):
            lo = i if lo is None else lo
            hi = i
    for i in range(sent.start, sent.end):
        if inside(tt.idx[i]) or not _is_cue_at(tt, i):
            continue
        near = lo is not None and (lo - 4 <= i < lo or hi < i <= hi + 4)
        if tt.dep[i] in ("ROOT", "parataxis") or near:
            att = _attribute_to_subject(doc, doc[i], inside, people)
            if att is not None and att.speaker:
                return att
    return None


def _according_to(sent: Span, people: PeopleIndex, inside) -> _Attribution | None:
    """"according to X" anywhere in the sentence, outside the quotation; X is the head of the phrase.

    "According to Scholz's spokesman Steffen Hebestreit" names Hebestreit, not Scholz.
    """
    doc = sent.doc
    text = require_article(doc).text
    lower = token_table(doc).lower
    for i in range(sent.start, sent.end):
        if lower[i] != "according":
            continue
        t = doc[i]
        if t.i + 2 >= len(doc) or t.nbor(1).lower_ != "to" or inside(t.idx):
            continue
        objects = [c for c in t.nbor(1).children if c.dep_ == "pobj"] + [
            c for c in t.children if c.dep_ == "pobj"
        ]
        for obj in objects:
            m = people.person_of(obj)
            if m is not None:
                return _Attribution(m.person, text[m.start : m.end], "according to", t.idx)
        for cand in doc[t.i + 2 : min(t.i + 8, sent.end)]:
            if cand.is_punct and cand.text != "'s":
                break
            m = people.by_token.get(cand.i)
            if m is not None and not (cand.i + 1 < len(doc) and doc[cand.i + 1].text in ("'s", "’s")):
                return _Attribution(m.person, text[m.start : m.end], "according to", t.idx)
    return None


def _colon(doc: Doc, q: QuoteSpan, para_start: int, people: PeopleIndex) -> _Attribution | None:
    """``X: “…”``: a person in the short stretch before a colon that opens the quotation."""
    text = doc_text(doc)
    head = text[para_start : q.start - 1].rstrip()
    if not head.endswith(":"):
        return None
    colon = para_start + len(head) - 1
    lead_start = max(para_start, text.rfind(".", para_start, colon) + 1)
    lead = [m for m in people.mentions if lead_start <= m.start < colon and m.rule != PRONOUN]
    if not lead or len(_WORD.findall(text[lead_start:colon])) > 10:
        return None
    first = lead[0]
    return _Attribution(first.person, require_article(doc).text[first.start : first.end], ":", colon)


def _paragraph_colon(doc: Doc, q: QuoteSpan, people: PeopleIndex) -> _Attribution | None:
    """``Starmer set it out in a speech:`` ¶ ``“…”``: a paragraph that opens with the quotation after one
    that ends with a colon; the cue is the last sentence of that paragraph (its speech verb, or the
    person it names first)."""
    article = require_article(doc)
    if q.paragraph is None or q.paragraph == 0:
        return None
    para, prev = article.paragraphs[q.paragraph], article.paragraphs[q.paragraph - 1]
    text = doc_text(doc)
    if q.start - 1 != para.start or not text[prev.start : prev.end].rstrip().endswith(":"):
        return None
    colon = prev.start + len(text[prev.start : prev.end].rstrip()) - 1
    si = sentence_index(doc, colon)
    if si is None:
        return None
    sent = sentence_spans(doc)[si]
    quoted = inside_quotes(doc_quote_spans(doc), with_marks=True)
    att = _speech_verb_in_sentence(doc, sent, quoted, people)
    if att is not None:
        return replace(att, cue=f"{att.cue}:")
    named = [m for m in people.mentions if sent.start_char <= m.start < colon and not quoted(m.start)]
    if not named:
        return None
    first = min(named, key=lambda m: (m.rule == PRONOUN, m.start))
    return _Attribution(first.person, article.text[first.start : first.end], ":", colon)


def _dash_after(doc: Doc, q: QuoteSpan, para_end: int, people: PeopleIndex) -> _Attribution | None:
    """``“…” — X``: a dash and a person right after the closing mark."""
    text = doc_text(doc)
    after = text[q.end + 1 : para_end].lstrip()
    if not after.startswith(_DASHES):
        return None
    pos = para_end - len(text[q.end + 1 : para_end].lstrip())
    for m in people.mentions:
        if pos <= m.start <= pos + 4 and m.rule != PRONOUN:
            return _Attribution(m.person, require_article(doc).text[m.start : m.end], "—", pos)
    return None


#: Tokens after a closing mark within which the cue of ``“…?” X asked`` must come.
_CUE_AFTER_TOKENS = 6


def _cue_after(doc: Doc, q: QuoteSpan, para_end: int, people: PeopleIndex) -> _Attribution | None:
    """``“…?” Okafor asked.``: a quotation that ends its own sentence (?, ! or .) with the cue right after it.

    The parser starts a new sentence after the closing mark, so the cue is looked for in the first
    few tokens there: a speech verb whose subject, or the person right after it ("said Okafor"), is named.
    """
    text = doc_text(doc)
    if not q.closed or q.end >= para_end or text[q.start : q.end].rstrip()[-1:] not in "?!.…":
        return None
    tt = token_table(doc)
    first = bisect.bisect_left(tt.idx, q.end + 1)
    while first < len(doc) and (tt.is_punct[first] or tt.is_space[first]) and tt.idx[first] < para_end:
        first += 1
    if first >= len(doc) or tt.idx[first] >= para_end or tt.idx[first] - q.end > 3:
        return None

    def outside(char: int) -> bool:  # the words after the quotation, up to the next punctuation
        return not (q.start - 1 <= char <= q.end)

    stop = first
    while stop < min(len(doc), first + _CUE_AFTER_TOKENS) and not tt.is_punct[stop] and tt.idx[stop] < para_end:
        stop += 1
    for i in range(first, stop):
        if not _is_cue_at(tt, i):
            continue
        att = _attribute_to_subject(doc, doc[i], lambda c: not outside(c), people)
        if att is not None and att.speaker:
            return att
        after = people.by_token.get(i + 1)  # "said Okafor", "asked the senator"
        if after is None and i + 2 < stop:
            after = people.by_token.get(i + 2)
        if after is not None:
            return _Attribution(after.person, require_article(doc).text[after.start : after.end], tt.text[i], tt.idx[i])
    return None


def _tokens_in(doc: Doc, start: int, end: int) -> range:
    """The indices of the tokens overlapping characters [start, end)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)


# --------------------------------------------------------------------------- the table


def _attribute(doc: Doc, q: QuoteSpan, people: PeopleIndex) -> _Attribution | None:
    """The cue and speaker of one quoted stretch, by the first rule that names a person."""
    article = require_article(doc)
    para = article.paragraphs[q.paragraph]
    lo, hi = q.start - 1, q.end + (1 if q.closed else 0)

    def inside(char: int) -> bool:
        return lo <= char < hi

    sents = sentence_spans(doc)
    found = (sentence_index(doc, max(q.start, q.end - 1)), sentence_index(doc, q.start))
    sentences = [sents[i] for i in dict.fromkeys(found) if i is not None]
    tokens = _tokens_in(doc, q.start, q.end)
    if _SO_CALLED.search(doc_text(doc), max(0, q.start - 16), q.start - 1):
        return None  # "the so-called “peace formula”": a term, whoever is around
    attribution, blocked = _by_speech_verb(doc, tokens, inside, people) if tokens else (None, False)
    if attribution is not None and attribution.speaker:
        return attribution
    if blocked and _is_term(doc, q, sentences[-1] if sentences else None):
        return attribution
    # the rules in order, each tried only when the ones before it name nobody
    rules = [lambda st=st: _according_to(st, people, inside) for st in sentences]
    rules += [lambda st=st: _speech_verb_in_sentence(doc, st, inside, people) for st in sentences]
    rules += [lambda: _cue_after(doc, q, para.end, people)]
    rules += [lambda: _colon(doc, q, para.start, people), lambda: _paragraph_colon(doc, q, people)]
    rules += [lambda: _dash_after(doc, q, para.end, people)]
    return next((c for c in (rule() for rule in rules) if c is not None and c.speaker), attribution)


def find_quotes(doc: Doc, leaders=None, *, indirect: bool = True) -> list[Quote]:
    """Every quotation in the doc with its speaker, and (optionally) indirect statements.

    Args:
        doc: A doc from ``helpers.parse``.
        leaders: ``Leader`` records or names, used to resolve role phrases like
            "his counterpart"; the two most prominent people when omitted.
        indirect: Also return reported speech without quotation marks.
    """
    article = require_article(doc)
    people = people_index(doc, leader_names(doc, leaders))
    spans = doc_quote_spans(doc)
    in_any = inside_quotes(spans, with_marks=True)
    sents = sentence_spans(doc)
    cue_events = _speech_events(doc, people, in_any)
    quotes: list[Quote] = []
    for q in spans:
        attribution = _attribute(doc, q, people)
        sentence = sentence_index(doc, q.start)
        kind = DIRECT
        if attribution is None:
            if _is_term(doc, q, sents[sentence] if sentence is not None else None):
                kind = SCARE
            else:  # a floating quotation
                attribution = _previous_speaker(q, quotes, cue_events)
        quotes.append(
            Quote(
                text=article.text[q.start : q.end],
                start=q.start,
                end=q.end,
                speaker=attribution.speaker if attribution else None,
                speaker_mention=attribution.mention if attribution else None,
                cue=attribution.cue if attribution else None,
                kind=kind,
                group=q.group,
                paragraph=q.paragraph,
                sentence=sentence,
            )
        )
    quotes = _share_group_speakers(quotes)
    if indirect:
        next_group = max((q.group for q in quotes), default=-1) + 1
        for k, item in enumerate(_indirect_statements(doc, people, in_any)):
            quotes.append(replace(item, group=next_group + k))
        quotes.sort(key=lambda q: q.start)
    return quotes


def _share_group_speakers(quotes: list[Quote]) -> list[Quote]:
    """Parts of a quotation that runs over several paragraphs take the speaker its cue names."""
    named: dict[int, Quote] = {}
    for q in quotes:
        if q.speaker and q.cue != FLOATING_CUE:
            named.setdefault(q.group, q)
    for q in quotes:
        if q.speaker:
            named.setdefault(q.group, q)
    out = []
    for q in quotes:
        src = named.get(q.group)
        if src is not None and src is not q and q.speaker != src.speaker:
            q = replace(q, speaker=src.speaker, speaker_mention=src.speaker_mention, cue=src.cue, kind=DIRECT)
        out.append(q)
    return out


def _is_term(doc: Doc, q: QuoteSpan, sent: Span | None) -> bool:
    """A short quotation inside a sentence, not a statement of its own: a term, a title, an epithet."""
    text = doc_text(doc)
    words = _WORD.findall(text[q.start : q.end])
    if len(words) > SCARE_MAX_WORDS:
        return False
    starts_sentence = sent is not None and text[sent.start_char : q.start - 1].strip() == ""
    return not (starts_sentence and text[q.start : q.end].rstrip()[-1:] in ".!?,;")


def _speech_events(doc: Doc, people: PeopleIndex, in_any) -> list[tuple[int, int, _Attribution]]:
    """(char, paragraph, attribution) for every speech verb outside quotations whose subject is a person."""
    article = require_article(doc)
    tt = token_table(doc)
    out = []
    for i in range(len(doc)):
        if in_any(tt.idx[i]) or not _is_cue_at(tt, i):
            continue
        t = doc[i]
        subj = _subject(t)
        m = people.person_of(subj) if subj is not None else None
        if m is not None:
            out.append((t.idx, paragraph_at(article, t.idx),
                        _Attribution(m.person, article.text[m.start : m.end], t.text, t.idx)))
    return out


def _previous_speaker(q: QuoteSpan, quotes: list[Quote], cue_events) -> _Attribution | None:
    """The speaker of the quotation or speech verb just before ``q`` in the same or the previous paragraph."""
    cands: list[tuple[int, str, str | None]] = [
        (prev.start, prev.speaker, prev.speaker_mention)
        for prev in quotes
        if prev.speaker and prev.kind == DIRECT and prev.paragraph is not None
        and q.paragraph - 1 <= prev.paragraph <= q.paragraph
    ]
    cands += [
        (char, att.speaker, att.mention)
        for char, para, att in cue_events
        if para is not None and q.paragraph - 1 <= para <= q.paragraph
    ]
    cands = [c for c in cands if c[0] < q.start]
    if not cands:
        return None
    char, speaker, mention = max(cands, key=lambda c: c[0])
    return _Attribution(speaker, mention, FLOATING_CUE, char)


def _indirect_statements(doc: Doc, people: PeopleIndex, in_any) -> list[Quote]:
    """Reported speech without marks: "X says …", "According to X, …", "X: …"."""
    article = require_article(doc)
    text = article.text
    tt = token_table(doc)
    out: list[Quote] = []
    for si, sent in enumerate(sentence_spans(doc)):
        para = paragraph_at(article, sent.start_char)
        if para is None or article.paragraphs[para].kind != "body":
            continue
        if any(in_any(tt.idx[i]) for i in range(sent.start, sent.end)):
            continue  # a sentence with a quotation is attributed through the quotation
        found = None
        for i in range(sent.start, sent.end):
            if not (_is_cue_at(tt, i) and tt.lemma[i] in REPORTING_VERBS):
                continue
            t = doc[i]
            comp = [c for c in t.children if c.dep_ in ("ccomp",)]
            subj = _subject(t)
            m = people.person_of(subj) if subj is not None else None
            if comp and m is not None:
                clause = comp[0]
                lo = min(x.idx for x in clause.subtree)
                hi = max(x.idx + len(x.text) for x in clause.subtree)
                found = (m, t.text, lo, hi)
                break
        if found is None:
            acc = _according_to(sent, people, lambda c: False)
            if acc is not None:
                # the statement is the sentence without the "according to X, who …" phrase
                phrase = list(doc[_token_at(doc, acc.cue_char)].subtree)
                p_lo, p_hi = phrase[0].idx, phrase[-1].idx + len(phrase[-1].text)
                lo, hi = (p_hi, sent.end_char) if p_lo - sent.start_char < sent.end_char - p_hi else (
                    sent.start_char, p_lo)
                m = next(x for x in people.mentions if x.start >= acc.cue_char and x.person == acc.speaker)
                found = (m, "according to", lo, hi)
        if found is None:
            colon = text.find(":", sent.start_char, sent.end_char)
            if colon != -1:
                lead = [x for x in people.mentions if sent.start_char <= x.start < colon and x.rule != PRONOUN]
                if lead and len(_WORD.findall(text[sent.start_char : colon])) <= 4:
                    found = (lead[0], ":", colon + 1, sent.end_char)
        if found is None:
            continue
        m, cue, lo, hi = found
        lo, hi = _strip(text, lo, hi)
        if hi <= lo:
            continue
        out.append(Quote(text[lo:hi], lo, hi, m.person, text[m.start : m.end], cue, INDIRECT, -1, para, si))
    return out


def _token_at(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else 0


def _strip(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Trim spaces and punctuation, and a leading complementizer ("that …"), from a reported clause."""
    while lo < hi and (text[lo].isspace() or text[lo] in ",;:"):
        lo += 1
    if text[lo : lo + 5].lower() == "that ":
        lo += 5
    while hi > lo and (text[hi - 1].isspace() or text[hi - 1] in ".,;:"):
        hi -= 1
    return lo, hi


def quote_table(doc: Doc, leaders=None, *, indirect: bool = True) -> pd.DataFrame:
    """Every quotation (and indirect statement) with its speaker, cue and kind.

    Returns:
        A DataFrame with ``text``, ``start``, ``end`` (offsets into ``article.text``),
        ``speaker`` (full canonical name or None), ``speaker_mention``, ``cue``,
        ``kind`` (direct, scare, indirect), ``group``, ``paragraph``, ``sentence``.
    """
    rows = [{c: getattr(q, c) for c in QUOTE_COLUMNS} for q in find_quotes(doc, leaders, indirect=indirect)]
    # object columns keep None as None (not NaN) for a missing speaker or cue
    return rows_frame(rows, QUOTE_COLUMNS, _QUOTE_DTYPES, dtype=object)


def count_words(text: str) -> int:
    """Words in a quotation (letters and digits; "don't" is one word)."""
    return len(_WORD.findall(text))




def quote_counts(quotes: pd.DataFrame | Doc, leaders=None) -> pd.DataFrame:
    """Per leader: direct quotations (a quotation over several paragraphs counts once),
    quoted words, their share of all directly quoted words, and indirect statements.

    Args:
        quotes: A ``quote_table`` (or a doc, whose table is computed).
        leaders: ``Leader`` records or names (a leader never quoted gets zeros); every
            quoted person when omitted.
    """
    if isinstance(quotes, Doc):
        leaders = leaders if leaders is not None else leader_names(quotes)
        quotes = quote_table(quotes, leaders)
    table = list(zip(*(quotes[c].tolist() for c in ("kind", "speaker", "group", "text"))))
    direct = [(speaker, group, text) for kind, speaker, group, text in table if kind == DIRECT and pd.notna(speaker)]
    total_words = sum(count_words(text) for kind, _, _, text in table if kind == DIRECT)
    names = [leader_name(ld) for ld in leaders] if leaders is not None else sorted(
        {speaker for speaker, _, _ in direct})
    rows = []
    for name in names:
        mine = [(group, text) for speaker, group, text in direct if speaker == name]
        words = sum(count_words(text) for _, text in mine)
        rows.append(
            {
                "leader": name,
                "direct_quotes": len({group for group, _ in mine}),
                "quoted_words": words,
                "share_quoted_words": round(words / total_words, 4) if total_words else 0.0,
                "indirect": sum(1 for kind, speaker, _, _ in table if kind == INDIRECT and speaker == name),
            }
        )
    return pd.DataFrame(rows, columns=COUNT_COLUMNS)


def other_speakers(quotes: pd.DataFrame, leaders) -> pd.DataFrame:
    """People quoted directly who are not leaders, with their quotation counts."""
    names = {leader_name(ld) for ld in leaders}
    direct = quotes[(quotes.kind == DIRECT) & quotes.speaker.notna() & ~quotes.speaker.isin(names)]
    return (
        direct.groupby("speaker").agg(direct_quotes=("group", "nunique"),
                                      quoted_words=("text", lambda s: sum(count_words(t) for t in s)))
        .reset_index().sort_values(["direct_quotes", "speaker"], ascending=[False, True], ignore_index=True)
    )
