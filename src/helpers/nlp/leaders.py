"""People in an article: every mention resolved to one person, and the two leaders.

A mention is a name ("Vladimir Putin", "Putin"), a title with a name
("Russian President Vladimir Putin", "Mr. Trump"), a role phrase the article
ties to one person ("the Russian president", "his US counterpart", "the
Kremlin leader") or a pronoun ("he", "his"). Each comes with the rule that
resolved it, so every count can be checked against its sentence.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pandas as pd
from spacy.tokens import Doc, Span, Token

from ..read import ArticleWarning, paragraph_at
from .entities import clean_name, person_aliases
from .lexicon import (
    COUNTRY_WORDS,
    DEFINITE_WORDS,
    FEMALE_TITLES,
    GENERIC,
    HONORIFICS,
    MALE_TITLES,
    OFFICES,
    PRONOUNS,
    RELATIONAL,
    TOP_OFFICES,
)
from .marks import doc_quote_spans, inside_quotes
from .pipeline import (
    doc_ents,
    require_article,
    rows_frame,
    sentence_index,
    sentence_spans,
    span_text,
    token_sentence,
    token_table,
)
from .schema import MENTION_COLUMNS, MENTION_RULES, NAME_RULES

# --------------------------------------------------------------------------- vocabularies

_SUBJECT_DEPS = {"nsubj", "nsubjpass"}


@dataclass(frozen=True)
class Mention:
    """One mention of a person: ``text[start:end]`` of the article, who it is, and how that was decided."""

    start: int
    end: int
    person: str
    rule: str
    token_start: int
    token_end: int
    head: int  # index of the mention's head token in the doc


@dataclass(frozen=True)
class Leader:
    """A leader the analysis follows: canonical name, the forms used for them, and how often they are named."""

    name: str
    aliases: tuple[str, ...] = ()
    mentions: int = 0


@dataclass
class _Person:
    name: str
    countries: set[str] = field(default_factory=set)
    offices: set[str] = field(default_factory=set)
    gender: str | None = None


# --------------------------------------------------------------------------- small token helpers


def _country_of(tokens: list[Token]) -> str | None:
    """The country named by modifier tokens ("Russian", "US", "the White House", "Kremlin")."""
    words = [t.text.lower().strip(".") if t.text.lower() not in ("u.s.", "u.k.") else t.text.lower() for t in tokens]
    for n in (2, 1):
        for i in range(len(words) - n + 1):
            key = " ".join(words[i : i + n])
            if key in COUNTRY_WORDS:
                return COUNTRY_WORDS[key]
    return None


def _office_at(doc: Doc, i: int) -> tuple[str, int] | None:
    """The office noun phrase ending at token ``i`` ("prime minister"), with its first token index."""
    tt = token_table(doc)
    lower = tt.lower
    if tt.pos[i] not in ("NOUN", "PROPN"):
        return None
    low = lower[i]
    if i >= 1:
        two = f"{lower[i - 1]} {low}"
        if two in OFFICES or two in RELATIONAL:
            return two, i - 1
    if i >= 2 and lower[i - 1] == "of":
        three = f"{lower[i - 2]} of {low}"
        if three in OFFICES:
            return three, i - 2
    lemma = tt.lemma[i]
    if low in OFFICES or low in RELATIONAL:
        return low, i
    if lemma in OFFICES or lemma in RELATIONAL:
        return lemma, i
    return None


def _modifiers_before(doc: Doc, start: int, limit: int = 4) -> tuple[int, list[Token], Token | None]:
    """Walk left from ``start`` over country/adjective modifiers; returns new start, modifiers, determiner."""
    i = start - 1
    mods: list[Token] = []
    det = None
    while i >= 0 and start - i <= limit:
        t = doc[i]
        if t.is_space or t.is_punct and t.text not in (".",):
            break
        low = t.lower_
        if low in DEFINITE_WORDS or t.dep_ == "poss" and t.tag_ == "PRP$":
            det = t
            i -= 1
            break
        if low in ("a", "an", "one", "another", "some", "any"):
            det = t
            i -= 1
            break
        if t.ent_type_ in ("NORP", "GPE", "ORG", "LOC") or t.pos_ in ("ADJ", "PROPN") or low in COUNTRY_WORDS:
            mods.insert(0, t)
            i -= 1
            continue
        if t.dep_ == "poss" and t.ent_type_ == "PERSON":
            break
        break
    return i + 1, mods, det


# --------------------------------------------------------------------------- resolution


def _name_mentions(doc: Doc, aliases: dict[str, str]) -> list[Mention]:
    """Names found by NER (labels corrected) or spelled like a known name, each with its title words."""
    out: list[Mention] = []
    covered: set[int] = set()
    for ent in doc_ents(doc):
        text = span_text(ent)
        if not text.strip():
            continue
        name = clean_name(text)
        if name not in aliases:  # aliases already hold every person, however the tagger labelled them
            continue
        out.append(_with_title(doc, ent, aliases[name]))
        covered.update(range(ent.start, ent.end))
    # names the tagger missed: the same tokens as a known alias, capitalised
    by_first: dict[str, list[list[str]]] = {}
    for alias in aliases:
        words = alias.split()
        by_first.setdefault(words[0], []).append(words)
    texts = token_table(doc).text
    for i, text in enumerate(texts):
        if i in covered or text not in by_first or not text[:1].isupper():
            continue
        for words in sorted(by_first[text], key=len, reverse=True):
            end = i + len(words)
            if end <= len(doc) and texts[i:end] == words and not covered & set(range(i, end)):
                span = doc[i:end]
                out.append(_with_title(doc, span, aliases[" ".join(words)]))
                covered.update(range(i, end))
                break
    return out


def _with_title(doc: Doc, span: Span, person: str) -> Mention:
    """A name mention, widened left over a title ("Russian President", "Mr.") when there is one."""
    name_words = clean_name(span_text(span)).split()
    start = span.start
    # titles inside the entity itself ("President Biden" tagged whole)
    ent_title = len(span) > len(name_words)
    i = start - 1
    title_found = ent_title
    while i >= 0:
        t = doc[i]
        low = t.lower_.rstrip(".")
        office = _office_at(doc, i)
        if office or low in HONORIFICS:
            title_found = True
            i = office[1] - 1 if office else i - 1
            continue
        if title_found and (t.ent_type_ in ("NORP", "GPE") or low in COUNTRY_WORDS) and not t.is_punct:
            i -= 1
            continue
        break
    if title_found:
        start = i + 1
    rule = "title + name" if title_found else ("full name" if len(name_words) >= 2 else "surname")
    head = span.root.i
    return Mention(doc[start].idx, span.end_char, person, rule, start, span.end, head)


def _learn_roles(doc: Doc, names: list[Mention], people: dict[str, _Person]) -> None:
    """Tie countries, offices and genders to people from how the article introduces them.

    "Russian President Vladimir Putin" gives Putin (Russia, president); "his US
    counterpart Joe Biden" gives Biden the United States; "Dmitry Peskov, the
    Kremlin spokesman," gives Peskov (Russia, spokesman); "Mr." a gender.
    """
    for m in names:
        p = people.setdefault(m.person, _Person(m.person))
        title = list(doc[m.token_start : m.head])
        for t in title:
            if t.lower_ in MALE_TITLES:
                p.gender = "m"
            elif t.lower_ in FEMALE_TITLES:
                p.gender = "f"
            office = _office_at(doc, t.i)
            if office and office[0] not in RELATIONAL:
                p.offices.add(office[0])
        country = _country_of(title)
        if country:
            p.countries.add(country)
        if m.token_start >= 2 and doc[m.token_start - 1].text in ("'s", "’s"):  # "Russia's Vladimir Putin"
            country = _country_of([doc[m.token_start - 2]])
            if country:
                p.countries.add(country)
        for child in doc[m.head].children:
            if child.dep_ != "appos":
                continue
            phrase = list(child.subtree)
            offices = [o for o in (_office_at(doc, t.i) for t in phrase) if o and o[0] not in RELATIONAL]
            if offices:
                p.offices.add(offices[-1][0])
                country = _country_of(phrase)
                if country:
                    p.countries.add(country)


def _role_phrases(doc: Doc, covered: set[int]) -> list[dict]:
    """Definite role phrases ("the Russian president", "his counterpart") outside name mentions."""
    found = []
    ent_type = token_table(doc).ent_type
    for i in range(len(doc)):
        if i in covered:
            continue
        office = _office_at(doc, i)
        if not office or (i + 1 < len(doc) and ent_type[i + 1] == "PERSON"):
            continue  # a title before a name is part of the name mention
        title, first = office
        _, mods, det = _modifiers_before(doc, first)
        if det is None or det.lower_ not in DEFINITE_WORDS:
            continue
        found.append({"span": doc[det.i : i + 1], "title": title, "country": _country_of(mods), "det": det})
    return found


def _compatible(p: _Person, title: str) -> bool:
    """Could this person hold ``title``? Yes when the article gives them no office, or a matching one."""
    if not p.offices:
        return True
    return title in p.offices or (title in TOP_OFFICES and bool(p.offices & TOP_OFFICES))


def _resolve_role(info: dict, people: dict[str, _Person], leaders: list[str], context: str | None,
                  salient) -> str | None:
    """The one person a role phrase can name, or None when the article leaves it open.

    Args:
        info: The phrase: ``title`` (office), ``country`` (or None).
        people: What the article says about each person.
        leaders: The leaders; relational phrases ("his counterpart") resolve among them.
        context: The person the possessive refers to ("his" in "his counterpart").
        salient: A callable giving the most salient person before the phrase, used
            like a pronoun's antecedent when the article gives nobody that office
            ("the prime minister" after a paragraph about Rishi Sunak).
    """
    title, country = info["title"], info["country"]
    cands = list(people.values())
    if title in RELATIONAL:
        pool = [people[n] for n in leaders if n in people] or cands
        if country:
            pool = [p for p in pool if country in p.countries]
        else:
            pool = [p for p in pool if p.name != context]
        return pool[0].name if len(pool) == 1 else None
    if country:
        in_country = [p for p in cands if country in p.countries]
        # nobody is tied to that country: the one holder of the office whose country is unknown
        cands = in_country or [p for p in cands if not p.countries and p.offices and _compatible(p, title)]
    if title in GENERIC:
        lead = [p for p in cands if p.name in leaders]
        cands = lead or [p for p in cands if p.offices & TOP_OFFICES]
    else:
        exact = [p for p in cands if title in p.offices]
        if not exact and country and title in TOP_OFFICES:
            # "the Chinese president" for someone introduced as "Chinese leader Xi Jinping"
            exact = [p for p in cands if p.offices & TOP_OFFICES]
        if not exact and not country and not any(title in p.offices for p in people.values()):
            person = salient()
            if person is not None and _compatible(people.setdefault(person, _Person(person)), title):
                return person
        cands = exact
    if len(cands) == 1:
        return cands[0].name
    return None


def _is_subject(tok: Token) -> bool:
    return tok.dep_ in _SUBJECT_DEPS


@dataclass(frozen=True)
class _Found:
    """What a doc says about its people before any leader is chosen (computed once per doc).

    Attributes:
        names: Name mentions, in the order found.
        people: Countries, offices and genders learnt from the name mentions (copy before changing).
        events: Name mentions, role phrases and pronouns to resolve, in text order.
        quoted: Whether a character is inside a quotation.
    """

    names: list[Mention]
    people: dict[str, _Person]
    events: list[tuple[int, str, object]]
    quoted: Callable[[int], bool]


def _found(doc: Doc) -> _Found:
    """The leader-independent part of ``resolve_people``, cached on the doc."""
    key = "leadertone.people_found"
    if key in doc.user_data:
        return doc.user_data[key]
    aliases = person_aliases(doc)
    names = _name_mentions(doc, aliases)
    people: dict[str, _Person] = {}
    _learn_roles(doc, names, people)
    covered = {i for m in names for i in range(m.token_start, m.token_end)}
    quoted = inside_quotes(doc_quote_spans(doc))

    events: list[tuple[int, str, object]] = [(m.token_start, "name", m) for m in names]
    events += [(info["span"].start, "role", info) for info in _role_phrases(doc, covered)]
    # pronouns inside quotations are the speaker's, not the narrator's: left unresolved
    tt = token_table(doc)
    events += [
        (i, "pronoun", doc[i])
        for i, low in enumerate(tt.lower)
        if low in PRONOUNS and tt.pos[i] == "PRON" and i not in covered and not quoted(tt.idx[i])
    ]
    events.sort(key=lambda e: e[0])
    found = doc.user_data[key] = _Found(names, people, events, quoted)
    return found


def resolve_people(doc: Doc, leaders: list[str] | None = None) -> list[Mention]:
    """Every mention of every person in the doc, in text order (cached on the doc per leader list).

    Args:
        doc: A doc from ``helpers.parse``.
        leaders: Canonical names of the leaders; role phrases like "his counterpart"
            resolve among them first.
    """
    key = ("leadertone.people", tuple(leaders or ()))
    if key in doc.user_data:
        return doc.user_data[key]
    found = _found(doc)
    leaders = list(leaders) if leaders else [n for n, _ in Counter(m.person for m in found.names).most_common(2)]
    # the leaders' order never matters (only who they are), so one resolution serves every order
    resolved_key = ("leadertone.people_resolved", tuple(sorted(leaders)))
    if resolved_key not in doc.user_data:
        doc.user_data[resolved_key] = _resolve(doc, found, leaders)
    mentions = doc.user_data[key] = doc.user_data[resolved_key]
    return mentions


def _resolve(doc: Doc, found: _Found, leaders: list[str]) -> list[Mention]:
    """Resolve role phrases and pronouns in text order, given the leaders."""
    people = {name: replace(p, countries=set(p.countries), offices=set(p.offices)) for name, p in found.people.items()}
    quoted = found.quoted
    mentions: list[Mention] = []
    for _, kind, obj in found.events:
        if kind == "name":
            mentions.append(obj)  # type: ignore[arg-type]
            continue
        if kind == "role":
            info = obj  # type: ignore[assignment]
            span: Span = info["span"]
            context = (
                _antecedent(doc, mentions, info["det"], people, quoted) if info["det"].lower_ in PRONOUNS else None
            )
            if context is None:
                context = _last_person(mentions, token_sentence(doc, span.start))
            person = _resolve_role(
                info, people, leaders, context,
                lambda span=span: _antecedent(doc, mentions, span.root, people, quoted),
            )
            if person:
                mentions.append(Mention(span.start_char, span.end_char, person, "role phrase", span.start, span.end,
                                        span.root.i))
            continue
        tok: Token = obj  # type: ignore[assignment]
        person = _antecedent(doc, mentions, tok, people, quoted)
        if person:
            g = PRONOUNS[tok.lower_]
            p = people.setdefault(person, _Person(person))
            if p.gender is None:
                p.gender = g
            mentions.append(Mention(tok.idx, tok.idx + len(tok.text), person, "pronoun", tok.i, tok.i + 1, tok.i))
    mentions.sort(key=lambda m: m.start)
    return mentions


def _last_person(mentions: list[Mention], sent: tuple[int, int]) -> str | None:
    """The person of the last mention starting inside the token range ``sent``."""
    start, end = sent
    inside = [m for m in mentions if start <= m.token_start < end]
    return inside[-1].person if inside else None


def _antecedent(doc: Doc, mentions: list[Mention], pron: Token, people: dict[str, _Person], quoted) -> str | None:
    """The person a pronoun most likely refers to.

    Within its sentence: the nearest earlier subject, else the nearest earlier
    mention (never the subject of the pronoun's own clause for "him"/"her").
    Otherwise, looking back up to three sentences: that sentence's main subject,
    else its first mention. Mentions inside quotations and people of the other
    gender are passed over.
    """
    gender = PRONOUNS.get(pron.lower_)

    def fits(m: Mention) -> bool:
        g = people.get(m.person, _Person(m.person)).gender
        return (g is None or gender is None or g == gender) and not quoted(m.start)

    sents = sentence_spans(doc)
    si = sentence_index(doc, pron.idx)
    if si is None:
        return None
    sent = sents[si]
    same = [m for m in mentions if sent.start <= m.token_start < pron.i and fits(m)]
    if pron.lower_ in ("him", "her") and pron.dep_ != "poss":
        # "Biden would have given him": him is not the subject of its own clause
        same = [m for m in same if not (_is_subject(doc[m.head]) and doc[m.head].head == pron.head)]
    if _is_subject(pron) and pron.head.dep_ == "ROOT":
        # the main clause's subject does not refer into a subordinate clause before it
        # ("Asked whether he believed Xi was a dictator, he replied")
        same = [m for m in same if not (_is_subject(doc[m.head]) and doc[m.head].head.dep_ not in ("ROOT", "conj"))]
    if same:
        subjects = [m for m in same if _is_subject(doc[m.head])]
        return (subjects[-1] if subjects else same[-1]).person
    article = require_article(doc)
    para = paragraph_at(article, pron.idx)
    for back in range(1, 4):
        if si - back < 0:
            break
        prev = sents[si - back]
        prev_para = paragraph_at(article, prev.start_char)
        if para is not None and prev_para is not None and para - prev_para > 2:
            break
        inside = [m for m in mentions if prev.start <= m.token_start < prev.end and fits(m)]
        if not inside:
            continue
        main = [m for m in inside if _is_subject(doc[m.head]) and doc[m.head].head.dep_ in ("ROOT", "conj")]
        subjects = main or [m for m in inside if _is_subject(doc[m.head])]
        return (subjects[0] if subjects else inside[0]).person
    return None


# --------------------------------------------------------------------------- leaders


def _headline_persons(doc: Doc, mentions: list[Mention]) -> Counter:
    article = require_article(doc)
    title = next((p for p in article.paragraphs if p.kind == "title"), None)
    if title is None:
        return Counter()
    return Counter(m.person for m in mentions if title.start <= m.start < title.end and m.rule != "pronoun")


#: Extra weight of a name in the headline when ranking people by prominence.
HEADLINE_WEIGHT = 2


def find_leaders(doc: Doc, k: int = 2, *, leaders: list[str] | None = None) -> list[Leader]:
    """The ``k`` most prominent people, or the people the user names.

    Prominence is the number of name mentions after merging aliases ("Biden",
    "Joe Biden", "President Biden"), a headline mention counting
    ``1 + HEADLINE_WEIGHT``; ties go to the person named first.

    Args:
        doc: A doc from ``helpers.parse``.
        k: How many leaders to pick.
        leaders: Names given by the user (``["Vladimir Putin", "Joe Biden"]``); each is
            matched to the article's own form of the name by full name or surname. A
            name the article never mentions is kept with zero mentions, with a warning.

    Returns:
        Up to ``k`` leaders (fewer when the article names fewer people), or one per
        given name.
    """
    aliases = person_aliases(doc)
    names = [m for m in resolve_people(doc) if m.rule in NAME_RULES]
    counts = Counter(m.person for m in names)
    forms: dict[str, set[str]] = {}
    for alias, person in aliases.items():
        forms.setdefault(person, set()).add(alias)
    if leaders:
        out = []
        for given in leaders:
            person = match_person(given, aliases)
            if person is None:
                warnings.warn(f"{given!r} is not mentioned in the article; counted as zero", ArticleWarning,
                              stacklevel=2)
                out.append(Leader(given, (given,), 0))
            else:
                out.append(Leader(person, tuple(sorted(forms.get(person, {person}))), counts.get(person, 0)))
        return out
    headline = _headline_persons(doc, names)
    first = {}
    for m in names:
        first.setdefault(m.person, m.start)
    ranked = sorted(counts, key=lambda n: (-(counts[n] + HEADLINE_WEIGHT * headline[n]), first[n]))
    return [Leader(n, tuple(sorted(forms[n])), counts[n]) for n in ranked[:k]]


def match_person(given: str, aliases: dict[str, str]) -> str | None:
    """The article's canonical name for a user-given name: same full name, else same surname."""
    cleaned = clean_name(given)
    if cleaned in aliases:
        return aliases[cleaned]
    canon = set(aliases.values())
    low = {c.lower(): c for c in canon}
    if cleaned.lower() in low:
        return low[cleaned.lower()]
    surname = cleaned.split()[-1].lower() if cleaned else ""
    hits = sorted({c for c in canon if c.split()[-1].lower() == surname})
    return hits[0] if len(hits) == 1 else None


def _leader_names(doc: Doc, leaders) -> list[str]:
    if leaders is None:
        return [ld.name for ld in find_leaders(doc)]
    return [ld.name if isinstance(ld, Leader) else ld for ld in leaders]




def leader_mentions(doc: Doc, leaders=None) -> pd.DataFrame:
    """Every mention of each leader, with the rule that resolved it.

    Args:
        doc: A doc from ``helpers.parse``.
        leaders: ``Leader`` records or names; the two most prominent people when omitted.

    Returns:
        A DataFrame with ``leader``, ``text`` (as in the article), ``start``, ``end``,
        ``sentence``, ``paragraph`` and ``rule`` (full name, surname, title + name,
        role phrase, pronoun).
    """
    names = _leader_names(doc, leaders)
    article = require_article(doc)
    rows = [
        {
            "leader": m.person,
            "text": article.text[m.start : m.end],
            "start": m.start,
            "end": m.end,
            "sentence": sentence_index(doc, m.start),
            "paragraph": paragraph_at(article, m.start),
            "rule": m.rule,
        }
        for m in resolve_people(doc, names)
        if m.person in names
    ]
    return rows_frame(rows, MENTION_COLUMNS, {"sentence": "Int64", "paragraph": "Int64"})


def mention_counts(mentions: pd.DataFrame, leaders=None) -> pd.DataFrame:
    """Mentions per leader and rule (a leader with none still gets a row of zeros)."""
    rules = [*NAME_RULES, *(r for r in MENTION_RULES if r not in NAME_RULES)]
    table = pd.crosstab(mentions["leader"], mentions["rule"]) if not mentions.empty else pd.DataFrame()
    names = [ld.name if isinstance(ld, Leader) else ld for ld in (leaders or table.index.tolist())]
    table = table.reindex(index=names, columns=rules, fill_value=0).fillna(0).astype(int)
    table["total"] = table.sum(axis=1)
    table.index.name = "leader"
    return table.reset_index()

