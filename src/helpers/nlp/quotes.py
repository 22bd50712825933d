"""Quotations and who said them: marks → quoted stretches → cue → speaker.

Each quoted stretch (see ``helpers.marks``) gets a cue and a speaker by the first
rule of ``helpers.nlp.cues`` that names a person:

1. a speech verb governing the quotation (said, added, told, warned, described … as,
   called …, "quoted X as saying", "issued a statement saying"), its subject resolved
   to a person through ``helpers.nlp.people``;
2. "according to X" in the same sentence;
3. a speech verb elsewhere in the sentence ("China, he said, was “…”", "as Lula put it");
4. ``“…?” Okafor asked.``: the cue right after a quotation that ends its sentence;
5. ``X: “…”`` (a person before a colon, as in headlines), or ``X said:`` ending the
   paragraph before the quotation;
6. ``“…” — X`` (a dash and a person after the closing mark), or ``Clinton's “…” remark``;
7. otherwise a *floating* quotation (a clause or more) takes the speaker of the
   quotation or cue just before it in the same or the previous paragraph, and a
   short term nobody is said to have uttered is a *scare* quote.

Reported speech without marks ("Putin says Navalny ignored Russian laws",
"Biden: Russia agreed.") is recorded separately as ``indirect``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import pandas as pd
from spacy.tokens import Doc, Span

from ..read import paragraph_at
from .cues import (
    WORD,
    Attribution,
    according_to,
    by_speech_verb,
    colon_before,
    cue_after,
    dash_after,
    headline_colon_after,
    is_cue_at,
    own_subject_reports,
    paragraph_colon,
    possessive_remark,
    speech_subject,
    speech_verb_in_sentence,
    tokens_in,
)
from .leaders import leader_name, leader_names
from .lexicon import (
    FIRST_PERSON,
    INDEFINITE_WORDS,
    PRONOUNS,
    REPORTING_VERBS,
    THINKING_VERBS,
    TITLING_WORDS,
    WORK_NOUNS,
)
from .marks import QuoteSpan, doc_nested_spans, doc_quote_spans, inside_quotes
from .people import PeopleIndex, gender_of, people_index
from .pipeline import doc_text, require_article, rows_frame, sentence_index, sentence_spans, token_table
from .schema import COUNT_COLUMNS, DIRECT, ECHO_CUE, FLOATING_CUE, INDIRECT, PRONOUN, QUOTE_COLUMNS, SCARE

#: Words in a quotation at or under which it counts as a term rather than a statement.
SCARE_MAX_WORDS = 3

_SO_CALLED = re.compile(r"\bso[- ]called\s*$", re.I)


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
            ":", "—", "floating" for a quotation that takes the speaker of the
            quotation or speech verb before it, "echo" for words repeated from a
            named speaker's quotation), or None.
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


# --------------------------------------------------------------------------- the table


def _attribute(doc: Doc, q: QuoteSpan, people: PeopleIndex) -> Attribution | None:
    """The cue and speaker of one quoted stretch, by the first rule that names a person."""
    article = require_article(doc)
    para = article.paragraphs[q.paragraph]
    lo, hi = q.start - 1, q.end + (1 if q.closed else 0)

    def inside(char: int) -> bool:
        return lo <= char < hi

    sents = sentence_spans(doc)
    found = (sentence_index(doc, max(q.start, q.end - 1)), sentence_index(doc, q.start))
    sentences = [sents[i] for i in dict.fromkeys(found) if i is not None]
    tokens = tokens_in(doc, q.start, q.end)
    if _SO_CALLED.search(doc_text(doc), max(0, q.start - 16), q.start - 1) or _is_title(doc, q):
        return None  # "the so-called “peace formula”", "said on “Meet the Press”": a term, whoever is around
    if re.match(r"[\s,”\"’']*according to\b", doc_text(doc)[q.end : q.end + 24], re.I):
        # "— “most of them twice,” according to her campaign": the source right after the quotation is its own
        found = next((a for a in (according_to(st, people, inside) for st in sentences) if a is not None), None)
        if found is not None:
            return found
    attribution, blocked = by_speech_verb(doc, tokens, inside, people) if tokens else (None, False)
    if attribution is not None and attribution.speaker:
        return attribution
    if blocked and _is_term(doc, q, sentences[-1] if sentences else None):
        return attribution
    # the rules in order, each tried only when the ones before it name nobody
    rules = [lambda st=st: according_to(st, people, inside) for st in sentences]
    settled = attribution is not None and own_subject_reports(doc, attribution, tokens)
    if not settled:  # a speech verb that reports the quotation, with its own subject, settles the rest
        rules += [lambda st=st: speech_verb_in_sentence(doc, st, inside, people) for st in sentences]
        rules += [lambda: cue_after(doc, q, para.end, people)]
        rules += [lambda: colon_before(doc, q, para.start, people), lambda: paragraph_colon(doc, q, people),
                  lambda: headline_colon_after(doc, q, para.end, people)]
        rules += [lambda: dash_after(doc, q, para.end, people)]
    rules += [lambda: possessive_remark(doc, q, people)]
    unnamed = None  # "according to a Downing Street spokesperson": somebody, but nobody named
    for rule in rules:
        found = rule()
        if found is not None and found.speaker:
            return found
        unnamed = unnamed or found
    return attribution or unnamed


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
    cue_chars: list[int | None] = []
    for q in spans:
        attribution = _attribute(doc, q, people)
        sentence = sentence_index(doc, q.start)
        kind = DIRECT
        if attribution is None:
            if _is_term(doc, q, sents[sentence] if sentence is not None else None) or _is_title(doc, q):
                kind = SCARE
            else:  # a floating quotation
                attribution = _previous_speaker(q, quotes, cue_events) or _paragraph_subject(doc, q, people, in_any)
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
        cue_chars.append(attribution.cue_char if attribution else None)
    quotes = _join_interrupted(_share_group_speakers(quotes), cue_chars, doc_text(doc))
    headlines = {i for i, p in enumerate(article.paragraphs) if p.kind != "body"}
    titles = {q.start for q in spans if q.paragraph not in headlines and _is_title(doc, q)}
    nested = _nested_quotes(doc, people, quotes, leader_names(doc, leaders))
    # each nested quotation right after the one that holds it; then the echoes, nested ones too
    quotes = _echoes(sorted(quotes + nested, key=lambda q: q.start), headlines, titles)
    if indirect:
        next_group = max((q.group for q in quotes), default=-1) + 1
        for k, item in enumerate(_indirect_statements(doc, people, in_any)):
            quotes.append(replace(item, group=next_group + k))
        quotes.sort(key=lambda q: q.start)
    return quotes


def _nested_quotes(doc: Doc, people: PeopleIndex, quotes: list[Quote], leaders: list[str]) -> list[Quote]:
    """The quotations nested in another, each its own row: ``“Governor Oduya says, ‘We can't afford it.’ …”``
    gives Oduya the inner words; ``“As I said, ‘…’”`` gives them to the outer speaker, and a leader's ``“She
    told the Inquirer, ‘…’”`` to the other leader when she is the one of that gender; with no cue inside
    the outer quotation, they are nobody's named."""
    genders = {name: gender_of(doc, name) for name in leaders}
    text = require_article(doc).text
    sents = sentence_spans(doc)
    out = []
    for q in doc_nested_spans(doc):
        outer = next((o for o in quotes if o.start <= q.start and q.end <= o.end and o.kind != INDIRECT), None)
        if outer is None:
            continue
        lo, hi = q.start - 1, q.end + (1 if q.closed else 0)
        tokens = tokens_in(doc, q.start, q.end)
        attribution = by_speech_verb(doc, tokens, lambda char, lo=lo, hi=hi: lo <= char < hi, people)[0] \
            if tokens else None
        if attribution is not None and (not outer.start <= attribution.cue_char < outer.end
                                        or doc[_token_at(doc, attribution.cue_char)].lemma_ in THINKING_VERBS):
            attribution = None  # the cue is in the outer speaker's words ("Rishi told me"), and no thought
        said_by = (attribution.mention or "").lower() if attribution is not None and not attribution.speaker else ""
        if said_by in FIRST_PERSON:
            attribution = replace(attribution, speaker=outer.speaker)  # the speaker quoting their own words
        elif said_by in PRONOUNS and outer.speaker in genders:
            other = [n for n, g in genders.items() if n != outer.speaker and g == PRONOUNS[said_by]]
            if len(other) == 1:  # one leader quoting the other
                attribution = replace(attribution, speaker=other[0])
        sentence = sentence_index(doc, q.start)
        kind = DIRECT
        if not (attribution and attribution.speaker) and (
            _is_term(doc, q, sents[sentence] if sentence is not None else None) or _is_title(doc, q)
        ):
            kind = SCARE
        out.append(Quote(
            text=text[q.start : q.end], start=q.start, end=q.end,
            speaker=attribution.speaker if attribution else None,
            speaker_mention=attribution.mention if attribution else None,
            cue=attribution.cue if attribution else None,
            kind=kind, group=q.group, paragraph=q.paragraph, sentence=sentence,
        ))
    return out


#: The longest cue clause that still joins the two parts of a quotation (“…,” Brennan said on a recent
#: afternoon, turning the stamp over in her hand in a campaign office …. “…”).
CUE_CLAUSE_MAX_WORDS = 40


def _join_interrupted(quotes: list[Quote], cue_chars: list[int | None], text: str) -> list[Quote]:
    """One quotation interrupted by its own cue is one group: ``“We have come a long way,” Modi said,
    “and the last mile is the hardest.”`` (or ``… Modi said. “The last mile …”``).

    Two stretches in one paragraph join when both are direct with the same speaker, the
    first ends with punctuation inside its marks, and what stands between them is one
    clause, ending in punctuation, that holds the cue of either.
    """
    groups = [q.group for q in quotes]
    for k in range(1, len(quotes)):
        a, b = quotes[k - 1], quotes[k]
        if a.paragraph != b.paragraph or a.kind != DIRECT or b.kind != DIRECT or not a.speaker:
            continue
        if a.speaker != b.speaker or groups[k] == groups[k - 1]:
            continue
        gap_start, gap_end = a.end + 1, b.start - 1
        cues = [c for c in (cue_chars[k - 1], cue_chars[k]) if c is not None and gap_start <= c < gap_end]
        gap = text[gap_start:gap_end].strip()
        between = gap.rstrip(",.:;—–-").strip()
        # the first part stops at punctuation (“… a long way,”) and the second opens after it (“said Putin. “…”):
        # “constructive” but also said it was “useful” is two quotations
        if not cues or not between or gap == between or a.text.rstrip()[-1:] not in ",.!?…—–-":
            continue
        if re.search(r"[.!?…]", between) or len(WORD.findall(between)) > CUE_CLAUSE_MAX_WORDS:
            continue
        old, new = groups[k], groups[k - 1]
        groups = [new if g == old else g for g in groups]
    # number the groups 0, 1, 2 … again in text order
    order = {g: n for n, g in enumerate(dict.fromkeys(groups))}
    return [replace(q, group=order[g]) for q, g in zip(quotes, groups)]


#: Words a quotation nobody is named for must have to take the speaker of the words it repeats
#: (fewer in a headline, which quotes the body in brief: ``Ferraro: no 'blank cheque'``).
ECHO_MIN_WORDS, HEADLINE_ECHO_MIN_WORDS = 3, 2


def _echoes(quotes: list[Quote], headlines: set[int], titles: set[int]) -> list[Quote]:
    """A quotation without a speaker that repeats words a named speaker says in a quotation of their own
    ("'Ukraine will be rebuilt'" in the headline, “Ukraine will be rebuilt. …,” she said in the body; a
    quotation nested in a critic's, “‘Look at whatever comes to my desk’ is not an answer”) is theirs; a
    title or slogan in the body (``her slogan, "Build It Here"``, starting at one of ``titles``), and words
    a cue gives to somebody unnamed ("a yard sign that says", "a spokeswoman said"), stay nobody's. The
    words must be the source's own: not an echo themselves, nor inside a quotation the source quotes."""
    said = [(" ".join(w.lower() for w in WORD.findall(q.text)), q) for q in quotes
            if q.speaker and q.kind == DIRECT and q.cue != ECHO_CUE]
    texts = [(" ".join(w.lower() for w in WORD.findall(q.text)), q) for q in quotes]

    def quoted_by(src: Quote, phrase: str) -> bool:  # the words are in a quotation nested in ``src``
        return any(o is not src and src.start <= o.start and o.end <= src.end and f" {phrase} " in f" {t} "
                   for t, o in texts)

    out = []
    for q in quotes:
        first = (q.speaker_mention or "").lower().split()[:1]
        unnamed = bool(first) and first[0] in INDEFINITE_WORDS
        if q.speaker is None and not unnamed and q.kind in (DIRECT, SCARE) and q.start not in titles:
            words = [w.lower() for w in WORD.findall(q.text)]
            least = HEADLINE_ECHO_MIN_WORDS if q.paragraph in headlines else ECHO_MIN_WORDS
            phrase = " ".join(words)
            sources = {src.speaker: src for text, src in said
                       if not src.start <= q.start < q.end <= src.end  # not the quotation that holds it
                       and len(words) >= least and f" {phrase} " in f" {text} " and not quoted_by(src, phrase)}
            if len(sources) == 1:
                src = next(iter(sources.values()))
                q = replace(q, speaker=src.speaker, speaker_mention=src.speaker_mention, cue=ECHO_CUE, kind=DIRECT)
        out.append(q)
    return out


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


#: Short words a title may keep in lower case ("King of Boys", "Sunday with Laura Kuenssberg").
_TITLE_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "de",
                      "la", "el", "le", "du", "des", "di", "del"}


def _is_title(doc: Doc, q: QuoteSpan) -> bool:
    """A quotation that is the title of a show, book, film or slogan ("Meet the Press", "King of Boys"):
    two to eight words inside a sentence (twelve after the noun of a work), every one capitalised but the
    small ones, no sentence punctuation (but the comma or full stop American style puts inside the mark, in
    apposition, after a possessive or a work's noun), and not a name the article gives a person."""
    full = doc_text(doc)
    text = full[q.start : q.end].strip()
    lead = full[max(0, q.start - 40) : q.start - 1].rstrip(" ")
    named_work = any(w in WORK_NOUNS or w in TITLING_WORDS for w in WORD.findall(lead.lower())[-3:])
    if text[-1:] in ",." and (lead.endswith((",", "'s", "’s")) or named_work):
        # "his memoir, “The Long Way Home,” recounts"; "On Sunday's “Meet the Press,” he said"; "an ad titled
        # “Two-Truck Garage.”"; "His latest book is “Three Amigos: The Making of North America.”"
        text = text[:-1]
    words = WORD.findall(text)
    if not 2 <= len(words) <= (12 if named_work else 8) or text[-1:] in ".!?,;:" or text.isupper():
        return False
    if any(not (w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_SMALL_WORDS) for w in words):
        return False
    return words[0][:1].isupper() and words[-1][:1].isupper()


def _is_term(doc: Doc, q: QuoteSpan, sent: Span | None) -> bool:
    """A short quotation inside a sentence, not a statement of its own: a term, a title, an epithet."""
    text = doc_text(doc)
    words = WORD.findall(text[q.start : q.end])
    if len(words) > SCARE_MAX_WORDS:
        return False
    starts_sentence = sent is not None and text[sent.start_char : q.start - 1].strip() == ""
    return not (starts_sentence and text[q.start : q.end].rstrip()[-1:] in ".!?,;")


def _speech_events(doc: Doc, people: PeopleIndex, in_any) -> list[tuple[int, int, Attribution]]:
    """(char, paragraph, attribution) for every speech verb outside quotations whose subject is a person."""
    article = require_article(doc)
    tt = token_table(doc)
    out = []
    for i in range(len(doc)):
        if in_any(tt.idx[i]) or not is_cue_at(tt, i):
            continue
        t = doc[i]
        subj = speech_subject(t)
        m = people.person_of(subj) if subj is not None else None
        if m is not None:
            out.append((t.idx, paragraph_at(article, t.idx),
                        Attribution(m.person, article.text[m.start : m.end], t.text, t.idx)))
    return out


def _paragraph_subject(doc: Doc, q: QuoteSpan, people: PeopleIndex, in_any) -> Attribution | None:
    """A quotation with no cue opening its paragraph, after a paragraph whose last sentence is about a
    person ("Afterwards he was blunt." ¶ "“Every president comes to Belém …”"): that person's words."""
    article = require_article(doc)
    if q.paragraph is None or q.paragraph == 0 or q.start - 1 != article.paragraphs[q.paragraph].start:
        return None
    prev = article.paragraphs[q.paragraph - 1]
    if prev.kind != "body":
        return None
    si = sentence_index(doc, max(prev.start, prev.end - 1))
    if si is None:
        return None
    sent = sentence_spans(doc)[si]
    if in_any(sent.start_char):
        return None
    for subj in sent.root.children:
        if subj.dep_ == "nsubj":
            m = people.person_of(subj)
            if m is not None:
                return Attribution(m.person, article.text[m.start : m.end], FLOATING_CUE, subj.idx)
    return None


def _previous_speaker(q: QuoteSpan, quotes: list[Quote], cue_events) -> Attribution | None:
    """The speaker of the quotation or speech verb just before ``q`` in the same or the previous paragraph;
    after a quotation of somebody unnamed ("“…,” he told the BBC", "he" left open), nobody named."""
    cands: list[tuple[int, str | None, str | None]] = [
        (prev.start, prev.speaker, prev.speaker_mention)
        for prev in quotes
        if (prev.speaker or prev.speaker_mention) and prev.kind == DIRECT and prev.paragraph is not None
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
    return Attribution(speaker, mention, FLOATING_CUE, char)


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
            if not (is_cue_at(tt, i) and tt.lemma[i] in REPORTING_VERBS):
                continue
            t = doc[i]
            comp = [c for c in t.children if c.dep_ in ("ccomp",)]
            subj = speech_subject(t)
            m = people.person_of(subj) if subj is not None else None
            if comp and m is not None:
                clause = comp[0]
                lo = min(x.idx for x in clause.subtree)
                hi = max(x.idx + len(x.text) for x in clause.subtree)
                found = (m, t.text, lo, hi)
                break
        if found is None:
            acc = according_to(sent, people, lambda c: False)
            if acc is not None and acc.speaker:  # an unnamed source's statement is nobody's
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
                if lead and len(WORD.findall(text[sent.start_char : colon])) <= 4:
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
    return len(WORD.findall(text))




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
