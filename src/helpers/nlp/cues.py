"""Cues: how a quotation is tied to its speaker, one rule per sentence shape.

Each rule takes a quoted stretch (or the sentence around it) and returns an
``Attribution`` (speaker, how they are named, the cue word and where it stands) or
None: a speech verb governing the quotation, a speech verb elsewhere in the
sentence, "according to X", ``X: “…”``, ``X said:`` ending the paragraph before,
``“…?” X asked`` after a quotation that ends its sentence, and ``“…” — X``.
``helpers.nlp.quotes`` tries them in order.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..read import QUOTE_MARKS
from .lexicon import (
    COMMISSIVE_VERBS,
    NAMING_VERBS,
    OBJECT_CONTROL_VERBS,
    PARTICLE_SPEECH_VERBS,
    SAYING_NOUNS,
    SPEECH_VERBS,
    UTTERANCE_NOUNS,
)
from .marks import QuoteSpan, doc_quote_spans, inside_quotes
from .people import PeopleIndex
from .pipeline import TokenTable, doc_text, require_article, sentence_index, sentence_spans, token_table
from .schema import PRONOUN

#: A word: letters and digits, with an inner apostrophe ("don't" is one word).
WORD = re.compile(r"\w+(?:['’]\w+)?", re.UNICODE)
#: Dashes that stand between a quotation and its speaker (``“…” — X``).
DASHES = ("—", "–", "--", "-")

# --------------------------------------------------------------------------- who is this token?


def speech_subject(verb: Token, is_person=None) -> Token | None:
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
        subjects = [c for c in children if dep[c] == "nsubj"]  # "he was asked": the one asked does not speak
        subjects += [g for c in children if dep[c] == "agent" for g in tt.children(c) if dep[g] == "pobj"]
        if subjects:
            people = [c for c in subjects if is_person and is_person(doc[c])]
            subject = (people or sorted(subjects, key=lambda c: abs(c - v)))[0]
            if tt.lower[subject] in _RELATIVE and dep[v] == "relcl":
                # "Weber, who said …": the one the clause is about; "Mike Radtke, president of the local at a
                # mill, who called …": the person the phrase it hangs on describes
                noun = head[v]
                for _ in range(6):
                    if is_person and is_person(doc[noun]) or \
                            dep[noun] not in ("pobj", "prep", "appos", "compound", "amod"):
                        break
                    noun = head[noun]
                return doc[noun] if is_person and is_person(doc[noun]) else doc[head[v]]
            return doc[subject]
        # a name the parser hung elsewhere before its verb ("Yoon, presiding over …, called"): the first
        # person among the clause's words before the verb
        misparsed = [c for c in children if c < v and dep[c] in ("advmod", "npadvmod", "dep", "nmod")
                     and is_person and is_person(doc[c])]
        if misparsed:
            return doc[misparsed[0]]
        if dep[v] == "ROOT" and is_person:
            # a subject the parser hung on a phrase before it ("Back in Canberra, the opposition leader,
            # Karen Pike, dismissed …"): the name that stands right before the verb, commas aside
            j = v - 1
            while j >= 0 and tt.text[j] == ",":
                j -= 1
            if j < v - 1 and is_person(doc[j]):
                return doc[j]
            # a subject the parser hung on the phrase before it ("After the rally, Castellano, whose memoir
            # …, told the Register"): the one person standing free before the verb
            sent = verb.sent
            free = [k for k in range(sent.start, v) if dep[k] not in _NOT_FREE and is_person(doc[k])]
            if len(free) == 1:
                return doc[free[0]]
        up = head[v]
        if dep[v] == "pcomp" and tt.lower[up] == "as" and tt.lemma[head[up]] == "quote":
            # "KCNA quoted Kim as saying", "Kim was quoted as saying": the one quoted speaks
            quoted = [c for c in tt.children(head[up]) if dep[c] in ("dobj", "nsubjpass")]
            return doc[quoted[0]] if quoted else None
        if dep[v] == "pcomp" and dep[up] == "prep" and tt.pos[head[up]] in ("VERB", "AUX"):
            v = head[up]  # "ended the speech by saying", "after telling reporters"
            continue
        if dep[v] == "acl" and tt.lemma[up] in SAYING_NOUNS and dep[up] in ("dobj", "nsubjpass"):
            v = head[up]  # "issued a statement saying"
            continue
        if dep[v] == "xcomp" and tt.lemma[up] in OBJECT_CONTROL_VERBS:
            objects = [c for c in tt.children(up) if dep[c] == "dobj" and c < v]
            if objects:  # "prompting the prime minister to promise “…”": the one prompted speaks
                return doc[objects[0]]
        if dep[v] == "conj" and _joins_the_reporting_verb(tt, v):
            # "the office said the president had raised the issue and called the talks “a real step”": the
            # tense says "called" goes with "said", not with "had raised"
            v = head[up]
            continue
        if dep[v] in ("conj", "xcomp", "advcl"):
            v = up
            continue
        break
    # a sentence the parser hung on its subject's name ("Markus Brandl, defence spokesman …, called the
    # package “thin on detail”" parsed with "Brandl" as the root): that name speaks
    root = verb.sent.root
    if is_person and root.pos_ == "PROPN" and root.i < verb.i and is_person(root):
        return root
    return None



def _joins_the_reporting_verb(tt: TokenTable, v: int) -> bool:
    """A verb in the simple past joined to a perfect ("had raised … and called", "has been clear … and
    accused"), or a naming verb joined to a verb of no speech ("had “a record” and called her …"), that a
    speech verb reports: the parser hung it on the reported clause, but it is the reporter's second act."""
    up = tt.head[v]
    perfect = any(tt.lower[c] in ("had", "has", "have") and tt.dep[c] == "aux" for c in tt.children(up))
    speech_after_other = tt.lemma[v] in NAMING_VERBS and not is_cue_at(tt, up)
    own_aux = any(tt.dep[c] in ("aux", "auxpass") for c in tt.children(v))
    return ((perfect or speech_after_other) and not own_aux and tt.tag[v] == "VBD" and tt.dep[up] == "ccomp"
            and is_cue_at(tt, tt.head[up]) and tt.head[up] != up)


#: Where a name before a subjectless verb is not its subject: a possessive, an object, a name's first word.
_NOT_FREE = {"poss", "pobj", "dobj", "compound", "nsubj", "nsubjpass"}


_VERB_TAGS = ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB")


def is_cue_at(tt: TokenTable, i: int) -> bool:
    """Whether token ``i`` is a speech verb ("said", "pointed out")."""
    if tt.pos[i] not in ("VERB", "AUX") and tt.tag[i] not in _VERB_TAGS:
        return False
    lemma = tt.lemma[i]
    if lemma in PARTICLE_SPEECH_VERBS:  # "pointed out", "shot back"
        particle = PARTICLE_SPEECH_VERBS[lemma]
        return any(tt.dep[c] in ("prt", "advmod") and tt.lower[c] == particle for c in tt.children(i))
    if lemma == "put":  # "as Lula put it"
        return as_put_it(tt, i)
    return lemma in SPEECH_VERBS


def as_put_it(tt: TokenTable, i: int) -> bool:
    """"as X put it", "X put it bluntly", "put it to me": ``put`` with the object "it" and the marker "as",
    a manner adverb or "to" someone."""
    kids = tt.children(i)
    return any(tt.lower[c] == "it" and tt.dep[c] == "dobj" for c in kids) and any(
        tt.lower[c] == "as" and tt.dep[c] in ("mark", "advmod", "prep")
        or tt.dep[c] == "advmod" and tt.lower[c].endswith("ly")
        or tt.dep[c] in ("prep", "dative") and tt.lower[c] == "to"
        for c in kids)


# --------------------------------------------------------------------------- attribution rules


@dataclass
class Attribution:
    speaker: str | None
    mention: str | None
    cue: str
    cue_char: int


#: Clause boundaries the walk from a quotation to its cue does not cross: a quotation inside
#: "as he and Yoon held talks and pledged to restore “shuttle diplomacy”" is not what "said" reports.
_BOUNDARIES = {"advcl", "relcl", "acl"}


def by_speech_verb(doc: Doc, tokens: range, inside, people: PeopleIndex) -> tuple[Attribution | None, bool]:
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
                namer = _naming_verb_above(tt, node)
                if namer is not None and (best is None or steps < best[0]):
                    best = (steps, namer)
                    break
                blocked = True
                break
            node, steps = head[node], steps + 1
            characterises = tt.lower[came_from] == "as" and dep[came_from] == "prep" and tt.pos[node] == "VERB"
            # "promising to “build it here”" is the promise; "pledged to restore “shuttle diplomacy”" is not
            spoken = dep[came_from] != "xcomp" or tt.lemma[node] in COMMISSIVE_VERBS and inside(idx[came_from])
            if not inside(idx[node]) and (is_cue_at(tt, node) and spoken or characterises):
                if best is None or steps < best[0]:
                    best = (steps, node)
                break
    if best is None:
        return None, blocked
    verb = best[1]
    if any(tt.dep[c] == "mark" and tt.lower[c] in ("whether", "if") for c in tt.children(verb)) \
            and is_cue_at(tt, head[verb]) and not inside(idx[head[verb]]):
        # "Reid wondered whether Hartley agreed that Scotland had “already solved” it": a question asked, so
        # the words are the asker's
        best = (best[0], head[verb])
    outer = _unnamed_reporter(doc, doc[best[1]], inside, people)
    if outer is not None:
        return outer, False
    return attribute_to_subject(doc, doc[best[1]], inside, people), False


def _naming_verb_above(tt: TokenTable, node: int) -> int | None:
    """The naming verb ("called") whose object holds the clause at ``node`` ("the plan to raise the rate"),
    when the verb has no complement of its own: the quotation the parser hung in that clause is the name."""
    n = node
    while tt.dep[n] not in ("dobj", "ROOT"):
        n = tt.head[n]
    verb = tt.head[n]
    if tt.dep[n] != "dobj" or tt.lemma[verb] not in NAMING_VERBS or tt.pos[verb] != "VERB":
        return None
    if any(tt.dep[c] in ("oprd", "ccomp", "xcomp", "attr") for c in tt.children(verb)):
        return None
    return verb


#: Auxiliaries of speech not yet made ("he would thank", "she will tell").
_NOT_YET = {"would", "will", "'ll", "’ll", "shall", "may", "might", "could", "can"}


def _unnamed_reporter(doc: Doc, verb: Token, inside, people: PeopleIndex) -> Attribution | None:
    """"His office said he would thank the EU for its “unwavering support”": words someone *will* say, as an
    unnamed source (an office, a statement, an aide) announces them, are that source's so far. What the
    source reports as said ("the ministry said Xi had told …") stays the speaker's."""
    tt = token_table(doc)
    v = verb.i
    if not any(tt.dep[c] == "aux" and tt.lower[c] in _NOT_YET for c in tt.children(v)):
        return None
    for _ in range(4):
        if tt.dep[v] not in ("ccomp", "xcomp", "conj") or tt.head[v] == v:
            return None
        v = tt.head[v]
        if not is_cue_at(tt, v):
            continue
        subj = speech_subject(doc[v])
        if subj is None or inside(subj.idx) or subj.pos_ == "PRON" or people.person_of(subj) is not None:
            return None
        phrase = doc[subj.left_edge.i : subj.i + 1]
        text = require_article(doc).text
        return Attribution(None, text[phrase.start_char : phrase.end_char], tt.text[v], tt.idx[v])
    return None


#: How a quotation hangs from the verb that reports it ("said “…”", "called it “reckless”").
_REPORTED_DEPS = {"ccomp", "dobj", "oprd", "attr", "xcomp", "parataxis"}
#: Relative pronouns: a subject that stands for a noun elsewhere.
_RELATIVE = {"who", "which", "that", "whom"}


def own_subject_reports(doc: Doc, att: Attribution, tokens: range) -> bool:
    """Whether the cue verb has its own subject (not inherited, not "who") and the quotation is what it
    reports: "his critics have called “reckless”", "She said, “It's over.”" name their speaker, even when
    the article does not name them, and no other verb in the sentence does."""
    tt = token_table(doc)
    verb = bisect.bisect_left(tt.idx, att.cue_char)
    if verb >= len(doc) or tt.idx[verb] != att.cue_char:
        return False
    kids = tt.children(verb)
    if not any(tt.dep[c] == "nsubj" and tt.lower[c] not in _RELATIVE for c in kids):
        return False
    return any(tt.head[i] == verb and tt.dep[i] in _REPORTED_DEPS
               or tt.dep[i] == "pobj" and tt.lower[tt.head[i]] == "as" and tt.head[tt.head[i]] == verb
               for i in tokens)  # "a position his campaign describes as “mainstream”"


def attribute_to_subject(doc: Doc, verb: Token, inside, people: PeopleIndex) -> Attribution | None:
    subj = speech_subject(verb, lambda t: people.person_of(t) is not None and not inside(t.idx))
    if subj is None or inside(subj.idx):
        return None
    m = people.person_of(subj)
    text = require_article(doc).text
    if m is not None:
        return Attribution(m.person, text[m.start : m.end], verb.text, verb.idx)
    phrase = doc[subj.left_edge.i : subj.i + 1]
    return Attribution(None, text[phrase.start_char : phrase.end_char], verb.text, verb.idx)


def speech_verb_in_sentence(doc: Doc, sent: Span, inside, people: PeopleIndex) -> Attribution | None:
    """A main or parenthetical speech verb in the sentence with a person subject ("China and India, he
    said, were “…”"), or one right next to the quotation; else, the unnamed subject of a speech verb right
    next to it (an attribution with no speaker)."""
    tt = token_table(doc)
    lo, hi = None, None
    for i in range(sent.start, sent.end):
        if inside(tt.idx[i]):
            lo = i if lo is None else lo
            hi = i
    unnamed = None
    for i in range(sent.start, sent.end):
        if inside(tt.idx[i]) or not is_cue_at(tt, i):
            continue
        near = lo is not None and (lo - 4 <= i < lo or hi < i <= hi + 4 or i < lo and _colon_between(tt, i, lo))
        if tt.dep[i] in ("ROOT", "parataxis") or near or tt.lemma[i] == "put":
            att = attribute_to_subject(doc, doc[i], inside, people)
            if att is not None and att.speaker:
                return att
            if near and att is not None and unnamed is None and not _pronoun_subject(doc[i]):
                unnamed = att  # "The former prosecutor shot back: “…”": somebody the article does not name
    return unnamed


def _colon_between(tt: TokenTable, i: int, lo: int) -> bool:
    """The cue at ``i`` ends its clause with a colon that opens the quotation at ``lo``, a dozen words on at
    most ("put it to me bluntly over coffee in Ottawa: “…”")."""
    j = lo - 1
    while j > i and (tt.is_punct[j] and tt.text[j] != ":" or tt.is_space[j]):
        j -= 1
    return tt.text[j] == ":" and sum(not tt.is_punct[k] for k in range(i, j)) <= 12


def _pronoun_subject(verb: Token) -> bool:
    """The verb's subject is a pronoun (left open, it may still be the previous speaker)."""
    subj = speech_subject(verb)
    return subj is not None and subj.pos_ == "PRON"


def according_to(sent: Span, people: PeopleIndex, inside) -> Attribution | None:
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
                return Attribution(m.person, text[m.start : m.end], "according to", t.idx)
        for cand in doc[t.i + 2 : min(t.i + 8, sent.end)]:
            if cand.is_punct and cand.text != "'s":
                break
            m = people.by_token.get(cand.i)
            # a possessive names the owner, not the source: "according to her campaign", "Scholz's spokesman"
            owner = cand.dep_ == "poss" or cand.i + 1 < len(doc) and doc[cand.i + 1].text in ("'s", "’s")
            if m is not None and not owner:
                return Attribution(m.person, text[m.start : m.end], "according to", t.idx)
        if objects:  # "according to a Downing Street spokesperson": a source, unnamed
            phrase = doc[objects[0].left_edge.i : objects[0].i + 1]
            return Attribution(None, text[phrase.start_char : phrase.end_char], "according to", t.idx)
    return None


def colon_before(doc: Doc, q: QuoteSpan, para_start: int, people: PeopleIndex) -> Attribution | None:
    """``X: “…”``: a person in the short stretch before a colon that opens the quotation."""
    text = doc_text(doc)
    head = text[para_start : q.start - 1].rstrip()
    if not head.endswith(":"):
        return None
    colon = para_start + len(head) - 1
    lead_start = max(para_start, text.rfind(".", para_start, colon) + 1)
    lead = [m for m in people.mentions if lead_start <= m.start < colon and m.rule != PRONOUN]
    if not lead:
        return _label_before(doc, text[lead_start:colon], colon, people)
    if len(WORD.findall(text[lead_start:colon])) > 10:
        return None
    tt = token_table(doc)
    verbs = range(bisect.bisect_left(tt.idx, lead_start), bisect.bisect_left(tt.idx, colon))
    if any(tt.tag[i] in ("VBZ", "VBD", "VBP") and not is_cue_at(tt, i) for i in verbs):
        return None  # "New poll finds Whitaker, Ellington deadlocked: '…'": a sentence about them, no label
    first = lead[0]
    return Attribution(first.person, require_article(doc).text[first.start : first.end], ":", colon)


def _label_before(doc: Doc, lead: str, colon: int, people: PeopleIndex) -> Attribution | None:
    """``HENSLEY: “…”``, as fact checks and transcripts label a speaker: one word before the colon, in
    capitals or not, that is the surname of one person the article names."""
    words = WORD.findall(lead)
    if len(words) != 1:
        return None
    by_surname = {m.person.split()[-1].lower(): m.person for m in people.mentions if m.rule != PRONOUN}
    person = by_surname.get(words[0].lower())
    if person is None:
        return None
    return Attribution(person, words[0], ":", colon)


def headline_colon_after(doc: Doc, q: QuoteSpan, para_end: int, people: PeopleIndex) -> Attribution | None:
    """A headline ``'…': Canada's Gauthier on tariffs``: the person named first in the few words after
    the colon that closes the quotation."""
    article = require_article(doc)
    if q.paragraph is None or article.paragraphs[q.paragraph].kind == "body":
        return None
    text = doc_text(doc)
    tail = text[q.end + 1 : para_end]
    if not tail.lstrip().startswith(":"):
        return None
    colon = q.end + 1 + tail.index(":")
    named = [m for m in people.mentions if colon < m.start < para_end and m.rule != PRONOUN]
    if not named or len(WORD.findall(text[colon : named[0].start])) > 3:
        return None
    first = named[0]
    return Attribution(first.person, article.text[first.start : first.end], ":", colon)


def paragraph_colon(doc: Doc, q: QuoteSpan, people: PeopleIndex) -> Attribution | None:
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
    att = speech_verb_in_sentence(doc, sent, quoted, people)
    if att is not None and att.speaker:
        return replace(att, cue=f"{att.cue}:")
    named = [m for m in people.mentions if sent.start_char <= m.start < colon and not quoted(m.start)]
    if not named:
        return None
    first = min(named, key=lambda m: (m.rule == PRONOUN, m.start))
    return Attribution(first.person, article.text[first.start : first.end], ":", colon)


def possessive_remark(doc: Doc, q: QuoteSpan, people: PeopleIndex) -> Attribution | None:
    """``Clinton's “basket of deplorables” remark``: a person's possessive before the quotation and a noun
    for words (remark, comments, jibe …) right after it; or the quotation inside what such a noun says."""
    tt = token_table(doc)
    before = bisect.bisect_left(tt.idx, q.start - 1) - 1  # the token before the opening mark
    after = bisect.bisect_left(tt.idx, q.end + 1)  # the token after the closing mark
    if before < 1 or after >= len(doc) or tt.lower[before] not in ("'s", "’s", "'", "’") \
            or tt.lower[after] not in UTTERANCE_NOUNS:
        return _possessive_remark_before(doc, q, people)
    m = people.by_token.get(before - 1)
    if m is None:
        return None
    return Attribution(m.person, require_article(doc).text[m.start : m.end], tt.text[after], tt.idx[after])


def _possessive_remark_before(doc: Doc, q: QuoteSpan, people: PeopleIndex) -> Attribution | None:
    """``Hartley's reply – that Osei had sat in “the cabinet that …”``: the quotation inside what a person's
    noun for words (reply, remark, claim …) says."""
    tt = token_table(doc)
    outside = [tt.head[i] for i in tokens_in(doc, q.start, q.end)
               if not tt.is_punct[i] and not q.start <= tt.idx[tt.head[i]] < q.end]
    if not outside:
        return None
    node = outside[0]  # where the quotation hangs from the sentence
    for _ in range(5):
        if tt.lower[node] in UTTERANCE_NOUNS and tt.idx[node] < q.start:
            if tt.dep[node] == "dobj" and is_cue_at(tt, tt.head[node]):
                return None  # "called Thiel's answer “the same dance”": the caller's words
            owner = [c for c in tt.children(node) if tt.dep[c] == "poss"]
            m = people.by_token.get(owner[0]) if owner else None
            if m is not None and tt.pos[owner[0]] == "PROPN":
                return Attribution(m.person, require_article(doc).text[m.start : m.end], tt.text[node], tt.idx[node])
            return None
        if tt.head[node] == node:
            return None
        node = tt.head[node]
    return None


def dash_after(doc: Doc, q: QuoteSpan, para_end: int, people: PeopleIndex) -> Attribution | None:
    """``“…” — X``: a dash and a person right after the closing mark."""
    text = doc_text(doc)
    after = text[q.end + 1 : para_end].lstrip()
    if not after.startswith(DASHES):
        return None
    pos = para_end - len(text[q.end + 1 : para_end].lstrip())
    for m in people.mentions:
        if pos <= m.start <= pos + 4 and m.rule != PRONOUN:
            return Attribution(m.person, require_article(doc).text[m.start : m.end], "—", pos)
    return None


#: Tokens after a closing mark within which the cue of ``“…?” X asked`` must come.
_CUE_AFTER_TOKENS = 8


def cue_after(doc: Doc, q: QuoteSpan, para_end: int, people: PeopleIndex) -> Attribution | None:
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

    def quoted(char: int) -> bool:  # the quotation with its marks
        return q.start - 1 <= char <= q.end

    stop = first  # the words after the quotation, up to the next punctuation
    while stop < min(len(doc), first + _CUE_AFTER_TOKENS) and not tt.is_punct[stop] and tt.idx[stop] < para_end:
        stop += 1
    # after a full stop inside the marks, only a short cue ends the sentence (``“….” he said.``): in
    # ``“….” Vandermolen has taken to calling …`` the next sentence has begun
    full_stop = text[q.start : q.end].rstrip()[-1:] == "."
    unnamed = None
    for i in range(first, stop):
        if not is_cue_at(tt, i) or any(tt.dep[c] == "neg" for c in tt.children(i)):
            continue  # "“…” I didn't believe her." reports no speech
        if full_stop and (i - first > 2 or stop - i > 4 or stop < len(doc) and tt.text[stop] in QUOTE_MARKS):
            continue
        att = attribute_to_subject(doc, doc[i], quoted, people)
        if att is not None and att.speaker:
            return att
        named = _named_after(doc, i, stop, people)
        if named is not None:
            return named
        if att is not None and unnamed is None and not _pronoun_subject(doc[i]):
            unnamed = att  # "“…?” a reporter from German broadcaster ARD asked": somebody not named
    return unnamed


def _named_after(doc: Doc, verb: int, stop: int, people: PeopleIndex) -> Attribution | None:
    """The one named right after an inverted cue ("said Okafor", "asked the senator"). A possessive
    there names somebody else: "asked Okafor's spokeswoman, Ngozi Eze" is Eze's, and "said Okafor's
    spokeswoman" an unnamed source's."""
    tt = token_table(doc)
    text = require_article(doc).text
    for j in [verb + 1] + ([verb + 2] if verb + 2 < stop else []):
        m = people.by_token.get(j)
        if m is None:
            continue
        if tt.dep[j] == "poss" and tt.head[j] != j:
            owner = doc[tt.head[j]]
            named = people.person_of(owner)
            if named is not None and named.person != m.person:
                return Attribution(named.person, text[named.start : named.end], tt.text[verb], tt.idx[verb])
            phrase = doc[owner.left_edge.i : owner.i + 1]
            return Attribution(None, text[phrase.start_char : phrase.end_char], tt.text[verb], tt.idx[verb])
        return Attribution(m.person, text[m.start : m.end], tt.text[verb], tt.idx[verb])
    return None


def tokens_in(doc: Doc, start: int, end: int) -> range:
    """The indices of the tokens overlapping characters [start, end)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)
