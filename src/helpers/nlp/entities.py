"""Named entities of an article, with one canonical name per person and per place."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import pandas as pd
from spacy.tokens import Doc, Span, Token

from ..read import QUOTE_MARKS, paragraph_at
from .lexicon import (
    CORPORATE_FORMS,
    COUNTRY_WORDS,
    OFFICES,
    ORGANISATION_WORDS,
    PARTY_WORDS,
    PLACE_ALIASES,
    PLACE_LABELS,
    SHORT_HONORIFICS,
    SPEECH_VERBS,
    STREET_WORDS,
    TITLES,
)
from .marks import doc_quote_spans
from .memo import Memo, memo
from .pipeline import doc_ents, doc_text, require_article, rows_frame, sentence_index, span_text, token_table
from .schema import ENTITY_COLUMNS

_TITLE_RE = re.compile(
    r"^(?:(?:" + "|".join(sorted((re.escape(t) for t in TITLES), key=len, reverse=True)) + r")\s+)+",
    re.I,
)
#: What is stripped from both ends of a name: quotation marks and punctuation.
_QUOTES_AND_PUNCT = "".join(sorted(QUOTE_MARKS)) + "`.,;:!?()[]{}|*–—-"
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")

def is_place_name(text: str) -> bool:
    """True for a country, demonym, capital or seat of government ("Italy", "the Kremlin", "US")."""
    key = re.sub(r"^the\s+", "", clean_name(text), flags=re.I).lower()
    return key in COUNTRY_WORDS or key in PLACE_ALIASES


@lru_cache(maxsize=8192)  # a pure function of the text, asked for the same names again and again
def clean_name(text: str) -> str:
    """A mention without titles, possessive, quotation marks or a leading "the".

    >>> clean_name("Russian President Vladimir Putin’s")
    'Russian President Vladimir Putin'
    >>> clean_name("President Joe Biden")
    'Joe Biden'
    """
    s = re.sub(r"\s+", " ", text).strip(_QUOTES_AND_PUNCT + " ")
    s = _POSSESSIVE.sub("", s).strip(_QUOTES_AND_PUNCT + " ")
    s = re.sub(r"^the\s+", "", s, flags=re.I)
    stripped = _TITLE_RE.sub("", s).strip()
    return stripped if stripped else s


def canonical_place(text: str) -> str:
    """One name for a place: "the US", "U.S." and "The United States" all give "United States"."""
    s = re.sub(r"\s+", " ", text).strip(_QUOTES_AND_PUNCT + " ")
    s = _POSSESSIVE.sub("", s)
    key = re.sub(r"^the\s+", "", s, flags=re.I).lower()
    if key in PLACE_ALIASES:
        return PLACE_ALIASES[key]
    return re.sub(r"^the\s+", "", s, flags=re.I) if s.lower().startswith("the ") else s


#: Words that, standing right before a name, make it a person's ("Chancellor", "Minister", "Mr.").
_TITLE_WORDS = {t.split()[-1] for t in TITLES} - {"former", "late", "then"}
_NON_PERSON_LABELS = ("ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "FAC", "LOC", "EVENT")


def _titled(ent: Span) -> bool:
    """True when a title stands right before the entity ("Chancellor Olaf Scholz", "Mr. Trump")."""
    prev = ent.doc[ent.start - 1] if ent.start > 0 else None
    if prev is not None and ent.label_ in PLACE_LABELS and not prev.text[:1].isupper():
        return False  # "the most partisan senator Nevada has ever sent": a place after a common noun
    return prev is not None and prev.lower_ in _TITLE_WORDS and not prev.is_sent_start or (
        prev is not None and prev.text[:1].isupper() and prev.text.rstrip(".").lower() in SHORT_HONORIFICS
    )


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and not any(c.isdigit() for c in text)


@lru_cache(maxsize=1)
def _gender_detector():
    import gender_guesser.detector  # a first-name list (about 40,000 names); loaded once, on first use

    return gender_guesser.detector.Detector(case_sensitive=False)


def first_name_gender(name: str) -> str | None:
    """"m" or "f" when the first word of a full name is a first name given to one gender
    ("Angela Whitlock" → "f"); None for a single name, an initial or a name given to both."""
    words = name.split()
    if len(words) < 2 or len(words[0].rstrip(".")) < 2:
        return None
    guess = _gender_detector().get_gender(words[0])
    return {"male": "m", "female": "f"}.get(guess)  # "mostly_…" names (Kim, Jean) are left open


def _not_a_person(text: str) -> bool:
    """A PERSON entity that names no person: a place ("Italy"), a party ("Labour"), lower-case words,
    a time zone or other short capitals ("ET"), places joined by a hyphen ("Nigeria-South Africa")."""
    name = clean_name(text)
    if is_place_name(text) or name.lower() in PARTY_WORDS or not any(w[:1].isupper() for w in name.split()):
        return True  # a place, a party, or words in lower case ("the endless jollof wars")
    if name.isupper() and (len(name) <= 3 or len(name.split()) > 1):
        return True  # "ET"; a dateline in capitals ("CHIPPEWA FALLS, Wis. —")
    if len(name.split()) > 1 and name.split()[-1].lower().rstrip(".") in STREET_WORDS:
        return True  # "Fourth Street", "Pennsylvania Ave."
    parts = [p for p in re.split(r"[-–]", name) if p.strip()]
    return len(parts) > 1 and all(is_place_name(p) for p in parts)


def _named_as_organisation(ent: Span) -> bool:
    """A PERSON entity the sentence or its own words make an organisation: in apposition to one ("the
    news agency, Agência Brasil"), with a company form ("PT Sawit Raya Lestari"), or a country as its last
    word after a word that is no first name ("Greenpeace Brazil", but "Michael Jordan")."""
    head = ent.root.head
    if ent.root.dep_ == "appos" and head.lemma_.lower() in ORGANISATION_WORDS:
        return True
    if any(c.dep_ == "appos" and c.lemma_.lower() in ORGANISATION_WORDS for c in ent.root.children):
        return True
    words = clean_name(span_text(ent)).split()
    doc = ent.doc
    around = [doc[ent.start - 1].lower_.strip(".") if ent.start else "",
              doc[ent.end].lower_.strip(".") if ent.end < len(doc) else ""]
    if any(w in CORPORATE_FORMS for w in [*around, *(w.lower().strip(".") for w in words)]):
        return True  # "PT Sawit Raya Lestari"
    return len(words) >= 2 and is_place_name(words[-1]) and first_name_gender(" ".join(words)) is None


def _speaks(ent: Span) -> bool:
    """The name is the subject of a verb of saying ("Calloway told reporters")."""
    root = ent.root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in SPEECH_VERBS


def _surname_speaks(ent: Span, surname: str) -> bool:
    """The surname alone is, somewhere in the article, the subject of a verb of saying ("Reyes said")."""
    return any(
        e.text == surname and _speaks(e) for e in doc_ents(ent.doc) if e.start != ent.start
    )


def _is_place_only(ent: Span, ents: list[Span]) -> bool:
    """A "person" that only ever stands after "in", "of", "from" … ("his hometown of Tifton"), or, when it
    has several words and no first name, after "for" too ("the Labour MP for Bolton North East")."""
    text = span_text(ent)
    preps = _PLACE_PREPOSITIONS
    if len(text.split()) != 1:
        if first_name_gender(clean_name(text)):
            return False
        preps = preps | {"for"}
    same = [e for e in ents if span_text(e) == text]
    return all(e.root.dep_ == "pobj" and e.root.head.lower_ in preps for e in same)


def _only_a_modifier(ent: Span, ents: tuple[Span, ...]) -> bool:
    """A one-word "person" that only ever modifies a noun ("the Teesta agreement") or takes "the" ("the
    Teesta"), as no person's name does."""
    text = span_text(ent)
    if len(text.split()) != 1:
        return False
    same = [e for e in ents if span_text(e) == text]
    return all(e.root.dep_ == "compound" or any(c.lower_ == "the" for c in e.root.children) or
               e.start > 0 and e.doc[e.start - 1].lower_ == "the" for e in same)


_PLACE_PREPOSITIONS = {"in", "of", "from", "at", "near", "to", "outside", "across", "around"}


def _described_as_person(ent: Span) -> bool:
    """A name the tagger labelled otherwise that the sentence describes as a person: an apposition
    that is a common noun with an article ("Adebayo Ogunleye, an economist at …") or an age
    ("Chinedu Okafor, 41, runs …")."""
    words = clean_name(span_text(ent)).split()
    if not 2 <= len(words) <= 4 or not _looks_like_name(" ".join(words)):
        return False
    if any(w.lower().strip(".") in ORGANISATION_WORDS for w in words) or is_place_name(" ".join(words)):
        return False  # "New Zealand, a country with …"
    before = ent.doc[ent.start - 1] if ent.start else None
    if before is not None and before.text[:1].isupper() and before.lower_ in PARTY_WORDS:
        return True  # "Republican Brett Calloway"
    if first_name_gender(" ".join(words)):
        if _speaks(ent) or _surname_speaks(ent, words[-1]):
            return True  # "Brett Calloway told reporters"; "Jamal Reyes … Reyes said"
        head = ent.root.head
        if ent.root.dep_ == "appos" and head.pos_ == "NOUN" and head.i < ent.start:
            return True  # "her Democratic challenger, Jamal Reyes"
    head = ent.root.head
    if ent.root.dep_ == "appos" and head.i < ent.start and head.lower_ in OFFICES:
        return True  # "Nigeria's president, Aminu Ladan": an office is held by a person, whatever the first name
    for child in ent.root.children:
        if child.i < ent.end or child.dep_ != "appos":
            continue
        if child.like_num or (child.pos_ == "NOUN" and any(d.lower_ in ("a", "an", "the") for d in child.children)):
            return True
        if child.lower_ in OFFICES:
            return True  # "Li Jingyi, China's president,"
    return False


def _is_age(tok: Token) -> bool:
    """A bare number that can be an age in an apposition ("Obi, 47,")."""
    return tok.dep_ == "appos" and tok.like_num and tok.text.isdigit() and 16 <= int(tok.text) <= 110


def _name_run(doc: Doc, tok: Token) -> Span | None:
    """The capitalised proper nouns ending at ``tok`` ("Ikenna Obi"), two to four of them, or None."""
    start = tok.i
    while start > 0 and tok.i - start < 3:
        prev = doc[start - 1]
        if prev.pos_ != "PROPN" or not prev.text[:1].isupper() or prev.head.i != tok.i or prev.is_sent_start:
            break
        start -= 1
    if start == tok.i:
        return None
    span = doc[start : tok.i + 1]
    return span if _looks_like_name(span_text(span)) else None


def _aged_names(doc: Doc) -> list[Span]:
    """Names the tagger left untagged (or tagged as a place) that an age apposition marks as a person:
    "Ikenna Obi sold phone chargers … said Obi, 47," gives "Ikenna Obi"."""
    aged = {t.head.text for t in doc if _is_age(t) and t.head.pos_ == "PROPN" and t.head.text[:1].isupper()}
    if not aged:
        return []
    out = []
    for tok in doc:
        if tok.text in aged and tok.ent_type_ not in ("PERSON",) \
                and (run := _name_run(doc, tok) or _first_name_before(doc, tok)) is not None:
            if not any(w.ent_type_ == "PERSON" for w in run) and not is_place_name(span_text(run)):
                out.append(Span(doc, run.start, run.end, label="PERSON"))
    return out


def _first_name_before(doc: Doc, tok: Token) -> Span | None:
    """A first name of known gender right before ``tok``, untagged ("Jamal Pierce, 34,", "Rachel Hartley went
    …" even when the parser makes "Rachel" a sentence of its own): the two words as a name."""
    if tok.i == 0:
        return None
    first = doc[tok.i - 1]
    if first.pos_ == "PROPN" and first.text[:1].isupper() and not first.ent_type_ \
            and first_name_gender(f"{first.text} {tok.text}"):
        return doc[first.i : tok.i + 1]
    return None


def _with_second_surname(ent: Span) -> Span:
    """A name the tagger cut before a second surname it hangs on ("Tomás Ortega" of "Tomás Ortega Ruiz"),
    made whole."""
    doc = ent.doc
    end = ent.end
    if end < len(doc) and ent.root.dep_ == "compound" and ent.root.head.i == end and doc[end].pos_ == "PROPN" \
            and doc[end].text[:1].isupper() and not doc[end].ent_type_ and len(ent) < 4:
        return Span(doc, ent.start, end + 1, label="PERSON")
    return ent


#: Words at or under which a quoted stretch can be a title rather than somebody's words.
_TITLE_MAX_WORDS = 4


def _only_in_short_quotes(doc: Doc, ents: tuple[Span, ...]) -> set[str]:
    """Texts of PERSON entities that stand only inside short quoted stretches (titles of ads, shows, books)."""
    text = doc_text(doc)
    short = [(q.start, q.end) for q in doc_quote_spans(doc) if len(text[q.start : q.end].split()) <= _TITLE_MAX_WORDS]
    if not short:
        return set()
    inside, outside = set(), set()
    for e in ents:
        if e.label_ == "PERSON":
            titled = any(s <= e.start_char and e.end_char <= end for s, end in short)
            (inside if titled else outside).add(span_text(e))
    return inside - outside


def _untagged_speakers(doc: Doc) -> set[str]:
    """Capitalised words the tagger left untagged that are the subject of a verb of saying ("Vandermolen
    said"): surnames, when a first name stands before them elsewhere ("Curtis Vandermolen")."""
    tt = token_table(doc)
    text, lemma, head = tt.text, tt.lemma, tt.head
    return {
        text[i] for i, (pos, dep, ent) in enumerate(zip(tt.pos, tt.dep, tt.ent_type))
        if pos == "PROPN" and dep in ("nsubj", "nsubjpass") and not ent and lemma[head[i]] in SPEECH_VERBS
        and text[i][:1].isupper() and not text[i].isupper() and text[i].isalpha() and not is_place_name(text[i])
    }


def _person_spans(doc: Doc) -> list[Span]:
    """PERSON entities, plus names the tagger labelled otherwise (or missed) but a title, an apposition or an
    age marks as a person."""
    out = []
    ents = doc_ents(doc)
    labels = Counter((span_text(e), e.label_ == "PERSON") for e in ents
                     if e.label_ == "PERSON" or e.label_ in PLACE_LABELS)
    in_full_names = {w for e in ents if e.label_ == "PERSON" and len(clean_name(span_text(e)).split()) > 1
                     for w in clean_name(span_text(e)).split()}
    titled_only = _only_in_short_quotes(doc, ents)
    for e in ents:
        text = span_text(e)
        if e.label_ == "PERSON" and labels[text, False] > labels[text, True] and text not in in_full_names:
            continue  # tagged a place more often than a person ("Tulsa is badly run"), and no one's surname
        if e.label_ == "PERSON" and text in titled_only:
            continue  # a word of a title in marks ("is airing “His Agenda,” which warns …")
        if e.label_ == "PERSON" and text not in in_full_names and _only_a_modifier(e, ents):
            continue  # "the Teesta agreement", "the Teesta": a river, a treaty, a brand
        if e.label_ == "PERSON" and not _not_a_person(text) and not _is_place_only(e, ents) \
                and not _named_as_organisation(e):
            out.append(_with_second_surname(e))
        elif e.label_ in _NON_PERSON_LABELS and _looks_like_name(clean_name(text)) and not _not_a_person(text) and (
            _titled(e) or _described_as_person(e)
        ):
            if canonical_place(text) == clean_name(text) and clean_name(text).lower() not in PLACE_ALIASES:
                out.append(e)
    # a full name tagged otherwise whose surname the article gives a title elsewhere ("Helena Duarte" tagged
    # ORG, "Ms Duarte said")
    titled = {clean_name(span_text(e)) for e in out if _titled(e) or span_text(e) != clean_name(span_text(e))}
    titled = {n for n in titled if len(n.split()) == 1}
    taken = {e.start for e in out}
    for e in ents:
        words = clean_name(span_text(e)).split()
        if e.start not in taken and e.label_ in _NON_PERSON_LABELS and 2 <= len(words) <= 4 \
                and words[-1] in titled and _looks_like_name(" ".join(words)) and not is_place_name(" ".join(words)):
            out.append(e)
    # a full name the tagger missed, a first name before a surname it found ("Rachel Hartley went …",
    # "Hartley said")
    singles = {clean_name(span_text(e)) for e in out}
    singles = {n for n in singles if len(n.split()) == 1} | _untagged_speakers(doc)
    taken = {i for e in out for i in range(e.start, e.end)}
    for tok in doc:
        if tok.text in singles and tok.i not in taken and (run := _first_name_before(doc, tok)) is not None \
                and run.start not in taken:
            out.append(Span(doc, run.start, run.end, label="PERSON"))
    return out + _aged_names(doc)


def person_aliases(doc: Doc) -> dict[str, str]:
    """Map every way a person is named in the doc to their fullest name.

    "Biden" and "Joe Biden" map to "Joe Biden"; a single name that matches the
    last (or first) word of several full names goes to the most frequent one.
    A name the tagger labelled as a place or organisation still counts when a
    title stands before it ("Chancellor Olaf Scholz") or when it is the surname
    of a person named in full elsewhere ("Scholz" tagged GPE).
    """
    return memo(doc, Memo.PERSON_ALIASES, lambda: _person_aliases(doc))


def _person_aliases(doc: Doc) -> dict[str, str]:
    spans = _person_spans(doc)
    names = Counter(clean_name(span_text(e)) for e in spans)
    names.pop("", None)
    first_seen: dict[str, int] = {}
    for e in spans:
        first_seen.setdefault(clean_name(span_text(e)), e.start)

    def likelier(m: str) -> tuple[int, int]:
        # named in full more often, else named first: a relative who shares the surname is
        # introduced after the person the story is about, and called by first name after that
        return names[m], -first_seen.get(m, 0)

    full = [n for n in names if len(n.split()) >= 2]
    surnames = {n.split()[-1] for n in full}
    for e in doc_ents(doc):
        n = clean_name(span_text(e))
        if e.label_ in _NON_PERSON_LABELS and n in surnames and n not in names:
            names[n] += 1
    aliases: dict[str, str] = {}
    for n in full:
        # a longer full name that ends with this one ("Joseph R. Biden" vs "Biden") is preferred
        longer = [m for m in full if m != n and m.endswith(" " + n)]
        aliases[n] = max(longer, key=lambda m: (names[m], len(m))) if longer else n
    for n in names:
        if n in aliases:
            continue
        parts = n.split()
        # the same surname, else (a single name) the first name or any inner word: "Lula" in
        # "Luiz Inácio Lula da Silva"
        matches = [m for m in full if m.split()[-1] == parts[-1]]
        if not matches and len(parts) == 1:
            matches = [m for m in full if n in m.split()[:-1]]
        if matches:
            aliases[n] = aliases[max(matches, key=likelier)]
        else:
            aliases[n] = n
    # a surname the tagger never marked ("Sunak said") still names the person who has it (the likelier
    # one when relatives share it)
    by_surname: dict[str, list[str]] = {}
    for n in full:
        by_surname.setdefault(n.split()[-1], []).append(n)
    for surname, holders in by_surname.items():
        if surname not in aliases and surname[:1].isupper() and len(surname) > 2:
            aliases[surname] = aliases[max(holders, key=likelier)]
    return aliases


def _label(ent: Span, aliases: dict[str, str]) -> str:
    """spaCy's label, corrected to PERSON when the text is a name the article gives a person."""
    if ent.label_ in ("ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART") and clean_name(span_text(ent)) in aliases:
        return "PERSON"
    return ent.label_


def entity_table(doc: Doc) -> pd.DataFrame:
    """Every named entity outside boilerplate, with where it stands and its canonical name.

    Returns:
        A DataFrame with ``text`` (as in the article), ``label`` (spaCy's, corrected
        to PERSON for a name the article gives a person), ``start``/``end``
        (offsets into ``article.text``), ``sentence`` and ``paragraph`` (indices),
        and ``canonical``: one name per person ("Biden" → "Joe Biden") and per
        place ("US" → "United States").
    """
    article = require_article(doc)
    aliases = person_aliases(doc)
    rows = []
    for ent in doc_ents(doc):
        text = span_text(ent)
        if not text.strip():
            continue
        label = _label(ent, aliases)
        if label == "PERSON":
            canonical = aliases.get(clean_name(text), clean_name(text))
        elif label in PLACE_LABELS:
            canonical = canonical_place(text)
        else:
            canonical = re.sub(r"^the\s+", "", text.strip(_QUOTES_AND_PUNCT + " "), flags=re.I)
        rows.append(
            {
                "text": article.text[ent.start_char : ent.end_char],
                "label": label,
                "start": ent.start_char,
                "end": ent.end_char,
                "sentence": sentence_index(doc, ent.start_char),
                "paragraph": paragraph_at(article, ent.start_char),
                "canonical": canonical,
            }
        )
    return rows_frame(rows, ENTITY_COLUMNS, {"sentence": "Int64", "paragraph": "Int64"})


def entity_counts(entities: pd.DataFrame) -> pd.DataFrame:
    """Mentions per canonical entity and label, most frequent first."""
    if entities.empty:
        return pd.DataFrame(columns=["canonical", "label", "mentions"])
    return (
        entities.groupby(["canonical", "label"], as_index=False)
        .size()
        .rename(columns={"size": "mentions"})
        .sort_values(["mentions", "canonical"], ascending=[False, True], ignore_index=True)
    )
