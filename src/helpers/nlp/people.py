"""People in an article: every mention of a person (name, title, role phrase, pronoun) resolved to one person.

A mention is a name ("Vladimir Putin", "Putin"), a title with a name
("Russian President Vladimir Putin", "Mr. Trump"), a role phrase the article
ties to one person ("the Russian president", "his US counterpart", "the
Kremlin leader") or a pronoun ("he", "his"). Each comes with the rule that
resolved it, so every count can be checked against its sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..read import paragraph_at
from .entities import clean_name, person_aliases
from .lexicon import (
    COUNTRY_WORDS,
    FEMALE_TITLES,
    FIRST_PERSON,
    HONORIFICS,
    INDEFINITE_WORDS,
    KIN_MODIFIERS,
    MALE_TITLES,
    OFFICES,
    PRONOUNS,
    UNNAMED_PERSON_NOUNS,
)
from .marks import doc_quote_spans, inside_quotes
from .memo import Memo, memo
from .pipeline import doc_ents, require_article, sentence_index, sentence_spans, span_text, token_sentence, token_table
from .roles import PersonFacts, RolePhrase, learn_roles, office_at, resolve_role, role_phrases
from .schema import FULL_NAME, PRONOUN, ROLE_PHRASE, SURNAME, TITLE_NAME
from .turns import interviewee, paragraph_turns, turn_pronouns

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
class PronounMention:
    """A personal pronoun in the narrator's text, waiting for its antecedent."""

    token: Token

    @property
    def token_start(self) -> int:
        """Its token index, as for a ``Mention``."""
        return self.token.i


#: What the resolver walks through in text order: names (already resolved), role phrases, pronouns.
PersonEvent = Mention | RolePhrase | PronounMention


# --------------------------------------------------------------------------- names


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
        office = office_at(doc, i)
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
    rule = TITLE_NAME if title_found else (FULL_NAME if len(name_words) >= 2 else SURNAME)
    head = span.root.i
    return Mention(doc[start].idx, span.end_char, person, rule, start, span.end, head)


# --------------------------------------------------------------------------- resolution


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
    people: dict[str, PersonFacts]
    events: list[PersonEvent]
    quoted: Callable[[int], bool]


def _found(doc: Doc) -> _Found:
    """The leader-independent part of ``resolve_people`` (kept in the doc's memo)."""
    return memo(doc, Memo.PEOPLE_FOUND, lambda: _find(doc))


def _find(doc: Doc) -> _Found:
    aliases = person_aliases(doc)
    names = _name_mentions(doc, aliases)
    people: dict[str, PersonFacts] = {}
    shared = _shared_names(doc, names)
    learn_roles(doc, [m for i, m in enumerate(names) if i not in shared], people)
    names = [_which_holder(doc, m, shared[i], people, names[:i]) if i in shared else m
             for i, m in enumerate(names)]
    learn_roles(doc, [names[i] for i in shared], people)
    covered = {i for m in names for i in range(m.token_start, m.token_end)}
    quoted = inside_quotes(doc_quote_spans(doc))

    descriptions = frozenset(d for p in people.values() for d in p.descriptions)
    events: list[PersonEvent] = [*names, *role_phrases(doc, covered, descriptions)]
    # pronouns inside quotations are the speaker's, not the narrator's: left unresolved
    tt = token_table(doc)
    events += [
        PronounMention(doc[i])
        for i, low in enumerate(tt.lower)
        if low in PRONOUNS and tt.pos[i] == "PRON" and i not in covered and not quoted(tt.idx[i])
    ]
    events.sort(key=lambda e: e.token_start)  # stable: at one token, a name before a role phrase before a pronoun
    return _Found(names, people, events, quoted)


def _shared_names(doc: Doc, names: list[Mention]) -> dict[int, set[str]]:
    """Mentions by a one-word name that several people named in full share ("Kim" for Kim Min-seo and
    Kim Jae-won), each with those people."""
    by_word: dict[str, set[str]] = {}
    for person in {m.person for m in names}:
        if len(person.split()) > 1:
            for word in person.split():
                by_word.setdefault(word, set()).add(person)
    out = {}
    for i, m in enumerate(names):
        words = clean_name(doc[m.token_start : m.token_end].text).split()
        if len(words) == 1 and len(by_word.get(words[0], ())) > 1:
            out[i] = by_word[words[0]]
    return out


def _which_holder(doc: Doc, m: Mention, holders: set[str], people: dict[str, PersonFacts],
                  before: list[Mention]) -> Mention:
    """"President Kim" is the Kim who is president, when only one of them is; "Mrs. Castellanos" the
    Castellanos who is a woman (of two whose genders are not known, the one named in full just before, in
    the same paragraph: "Yaw Amankwah, a retired diplomat. Mr. Amankwah said"); and "the elder Harlan",
    of two Harlans, the one "Harlan" alone does not name."""
    titles = {o[0] for o in (office_at(doc, i) for i in range(m.token_start, m.token_end)) if o}
    fit = [h for h in sorted(holders) if titles & people.get(h, PersonFacts(h)).offices]
    if len(fit) == 1:
        return replace(m, person=fit[0])
    title = doc[m.token_start].lower_
    gender = "m" if title in MALE_TITLES else "f" if title in FEMALE_TITLES else None
    fit = [h for h in sorted(holders) if gender and people.get(h, PersonFacts(h)).gender == gender]
    if len(fit) == 1:
        return replace(m, person=fit[0])
    if gender and not fit and before:
        # of holders whose genders are not known, one named in full in this sentence or the one before
        open_ = {h for h in holders if people.get(h, PersonFacts(h)).gender is None}
        last, article = before[-1], require_article(doc)
        si, prev = sentence_index(doc, m.start), sentence_index(doc, last.start)
        if last.person in open_ and last.rule != SURNAME and si is not None and prev is not None \
                and si - prev <= 1 and paragraph_at(article, m.start) == paragraph_at(article, last.start):
            return replace(m, person=last.person)
    if m.token_start > 0 and doc[m.token_start - 1].lower_ in KIN_MODIFIERS and len(holders) == 2 \
            and m.person in holders:
        return replace(m, person=next(h for h in holders if h != m.person))
    return m


def gender_of(doc: Doc, person: str) -> str | None:
    """"m", "f" or None: what the article (titles, first name, its own "herself") says of a person's gender."""
    facts = _found(doc).people.get(person)
    return facts.gender if facts is not None else None


def resolve_people(doc: Doc, leaders: list[str] | None = None) -> list[Mention]:
    """Every mention of every person in the doc, in text order (kept in the doc's memo per leader set).

    Args:
        doc: A doc from ``helpers.parse``.
        leaders: Canonical names of the leaders; role phrases like "his counterpart"
            resolve among them first.
    """
    found = _found(doc)
    key = _leader_set(found, leaders)
    return memo(doc, Memo.PEOPLE, lambda: _resolve(doc, found, list(key)), arg=key)


def _leader_set(found: _Found, leaders: list[str] | None) -> tuple[str, ...]:
    """The leaders a resolution depends on, sorted: their order never matters, only who they are.

    Without leaders, the two people named most often.
    """
    names = list(leaders) if leaders else [n for n, _ in Counter(m.person for m in found.names).most_common(2)]
    return tuple(sorted(names))


class PeopleIndex:
    """The resolved person mentions of a doc, looked up by token (one per doc and leader set)."""

    def __init__(self, mentions: list[Mention]):
        """Index ``mentions`` (from ``resolve_people``) by every token they cover."""
        self.mentions = mentions
        self.by_token: dict[int, Mention] = {}
        for m in mentions:
            for i in range(m.token_start, m.token_end):
                self.by_token[i] = m

    def person_of(self, tok: Token) -> Mention | None:
        """The person a noun phrase headed by ``tok`` names (a single person only, not "X and Y")."""
        if any(c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN", "PRON") for c in tok.children):
            return None  # a verb hung on the name by a misparse ("Brandl … and accused") is no second person
        m = self.by_token.get(tok.i)
        if m is not None:
            return m
        # "spokesman Dmitry Peskov", "the Kremlin's Peskov": the name inside the phrase; a name before
        # its noun names somebody else ("a Dunmore adviser", "the Biden administration")
        for child in tok.children:
            if child.dep_ in ("appos", "compound") and child.i in self.by_token and child.i > tok.i:
                return self.by_token[child.i]
        return None


def people_index(doc: Doc, leaders: list[str] | None = None) -> PeopleIndex:
    """``resolve_people`` indexed by token (kept in the doc's memo per leader set), with the "I" and
    "you" of an interview's or transcript's turns: they tie words to speakers but are no mentions
    of a leader in the narrator's text."""
    found = _found(doc)
    key = _leader_set(found, leaders)
    return memo(doc, Memo.PEOPLE_INDEX,
                lambda: PeopleIndex(resolve_people(doc, list(key)) + _turn_mentions(doc, found)), arg=key)


def _turn_mentions(doc: Doc, found: _Found) -> list[Mention]:
    """"I" and "you" in the turns of an interview or transcript, as mentions of who speaks and who is spoken
    to; in an article with none, the narrator's "I" is its author's (an op-ed: "In January I wrote …")."""
    by_surname = {m.person.split()[-1].lower(): m.person for m in found.names}
    article = require_article(doc)
    titles = {k for k, p in enumerate(article.paragraphs) if p.kind == "title"}
    in_title = [m.person for m in found.names if paragraph_at(article, m.start) in titles]
    turns = paragraph_turns(doc, by_surname, interviewee(in_title, Counter(m.person for m in found.names)))
    pronouns = turn_pronouns(doc, turns)
    author = article_author(article)
    if not turns and author is not None:
        tt = token_table(doc)
        pronouns = [(i, author) for i, low in enumerate(tt.lower)
                    if low in FIRST_PERSON and tt.pos[i] == "PRON" and not found.quoted(tt.idx[i])]
    return [Mention(doc[i].idx, doc[i].idx + len(doc[i]), person, PRONOUN, i, i + 1, i)
            for i, person in pronouns]


_BYLINE_NAME = re.compile(r"^(?:by\s+)?([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3})\b", re.I)


def article_author(article) -> str | None:
    """The author's name from the article's byline ("By Martin Leclerc"), or None."""
    for b in article.boilerplate:
        if b.reason != "author byline":
            continue
        line = article.text[b.start : b.end].strip()
        if not line.lower().startswith("by "):
            continue
        m = _BYLINE_NAME.match(line)
        if m and all(w[:1].isupper() for w in m.group(1).split()):
            return m.group(1)
    return None


def _resolve(doc: Doc, found: _Found, leaders: list[str]) -> list[Mention]:
    """Resolve role phrases and pronouns in text order, given the leaders."""
    people = {name: replace(p, countries=set(p.countries), offices=set(p.offices), parties=set(p.parties),
                            descriptions=set(p.descriptions), places=set(p.places))
              for name, p in found.people.items()}
    quoted = found.quoted
    # a role phrase names somebody named before it or in its own sentence ("The opposition leader, Angela
    # Morcombe, rose"), never somebody the article has yet to introduce
    in_sentence: dict[int | None, set[str]] = {}
    for m in found.names:
        in_sentence.setdefault(sentence_index(doc, m.start), set()).add(m.person)
    mentions: list[Mention] = []
    seen: set[str] = set()  # the people named so far (role phrases and pronouns only name them again)
    for event in found.events:
        if isinstance(event, Mention):
            mentions.append(event)
            seen.add(event.person)
        elif isinstance(event, RolePhrase):
            named = seen | in_sentence.get(sentence_index(doc, event.span.start_char), set())
            mention = _resolve_role_phrase(doc, event, mentions, {n: p for n, p in people.items() if n in named},
                                           leaders, quoted)
            if mention is not None:
                mentions.append(mention)
        else:
            mention = _resolve_pronoun(doc, event.token, mentions, people, quoted)
            if mention is not None:
                mentions.append(mention)
    mentions.sort(key=lambda m: m.start)
    return mentions


def _resolve_role_phrase(doc: Doc, info: RolePhrase, mentions: list[Mention], people: dict[str, PersonFacts],
                         leaders: list[str], quoted: Callable[[int], bool]) -> Mention | None:
    """The mention a role phrase makes, given the mentions resolved before it (None when left open)."""
    span = info.span
    context = _antecedent(doc, mentions, info.det, people, quoted) if info.det.lower_ in PRONOUNS else None
    if context is None:
        context = _last_person(mentions, token_sentence(doc, span.start))
    person = resolve_role(
        info, people, leaders, context,
        lambda: _antecedent(doc, mentions, span.root, people, quoted),
        lambda: _recent_people(doc, mentions, span.start, quoted),
    )
    if not person:
        return None
    return Mention(span.start_char, span.end_char, person, ROLE_PHRASE, span.start, span.end, span.root.i)


def _resolve_pronoun(doc: Doc, tok: Token, mentions: list[Mention], people: dict[str, PersonFacts],
                     quoted: Callable[[int], bool]) -> Mention | None:
    """The mention a pronoun makes (its antecedent's person), learning that person's gender from it."""
    person = _antecedent(doc, mentions, tok, people, quoted)
    if not person:
        return None
    p = people.setdefault(person, PersonFacts(person))
    if p.gender is None:
        p.gender = PRONOUNS[tok.lower_]
    return Mention(tok.idx, tok.idx + len(tok.text), person, PRONOUN, tok.i, tok.i + 1, tok.i)


def _recent_people(doc: Doc, mentions: list[Mention], token: int, quoted) -> set[str]:
    """The people named, outside quotations, in the narrator's sentence before ``token`` and in its own
    sentence up to it."""
    sents = sentence_spans(doc)
    si = sentence_index(doc, doc[token].idx)
    if si is None:
        return set()
    before = si - 1
    while before > 0 and _all_quoted(sents[before], quoted):
        before -= 1  # a quoted sentence is the speaker's words: the narrator's sentence is the one before it
    lo = sents[max(0, before)].start
    return {m.person for m in mentions if lo <= m.token_start < token and not quoted(m.start)}


def _last_person(mentions: list[Mention], sent: tuple[int, int]) -> str | None:
    """The person of the last mention starting inside the token range ``sent``."""
    start, end = sent
    inside = [m for m in mentions if start <= m.token_start < end]
    return inside[-1].person if inside else None


def _all_quoted(sent: Span, quoted: Callable[[int], bool]) -> bool:
    """Whether every word of a sentence is inside a quotation."""
    return all(quoted(t.idx) for t in sent if not (t.is_punct or t.is_space))


def _modifies(clause: Token, verb: Token) -> bool:
    """The clause is an adverbial clause of ``verb`` ("When Putin arrived" of "said")."""
    return clause.dep_ == "advcl" and clause.head == verb


def _in_fronted_modifier(tok: Token, pron: Token) -> bool:
    """A non-subject inside a phrase that modifies the pronoun's verb from before the pronoun
    ("beside Wirasena" in "Standing beside Wirasena, he …"); "According to X, he …" is not one."""
    if _is_subject(tok):
        return False
    verb = pron.head
    for node in (tok, *tok.ancestors):
        if node.head == verb and node != verb:
            return node.i < pron.i and node.dep_ in _FRONTED_DEPS and node.lower_ != "according"
    return False


_FRONTED_DEPS = {"advcl", "prep", "npadvmod"}


def _unnamed_subject(sent: Span, before: int) -> bool:
    """The sentence's main subject, before token ``before``, is somebody left unnamed ("A senior Colombian
    official", "another aide"): a person noun with an indefinite determiner."""
    root = sent.root
    subjects = [c for tok in (root, *(c for c in root.children if c.dep_ == "conj"))
                for c in tok.children if c.dep_ in _SUBJECT_DEPS]
    if root.pos_ == "NOUN":
        subjects.append(root)  # the parser made the subject the root ("A senior official, who …, admitted")
    elif root.pos_ not in ("VERB", "AUX"):
        # no verb at the root ("Outside a coffee shop on Fourth Street, a man … shrugged"): appositions too
        subjects += [t for t in sent if t.dep_ == "appos"]
    return any(
        subj.i < before and subj.pos_ == "NOUN" and (subj.lemma_ in UNNAMED_PERSON_NOUNS or subj.lemma_ in OFFICES)
        and any(c.dep_ == "det" and c.lower_ in INDEFINITE_WORDS for c in subj.children)
        for subj in subjects
    )


def _antecedent(doc: Doc, mentions: list[Mention], pron: Token, people: dict[str, PersonFacts], quoted) -> str | None:
    """The person a pronoun most likely refers to.

    Within its sentence: the nearest earlier subject, else the nearest earlier
    mention (never the subject of the pronoun's own clause for "him"/"her").
    Otherwise, looking back up to three sentences: that sentence's main subject,
    else its first mention. Mentions inside quotations and people of the other
    gender are passed over.
    """
    gender = PRONOUNS.get(pron.lower_)

    def fits(m: Mention) -> bool:
        g = people.get(m.person, PersonFacts(m.person)).gender
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
        # ("Asked whether he believed Xi was a dictator, he replied"), but does to the subject of
        # a clause that modifies its own verb ("When Putin arrived, he said")
        same = [m for m in same if not (_is_subject(doc[m.head]) and doc[m.head].head.dep_ not in ("ROOT", "conj")
                                        and not _modifies(doc[m.head].head, pron.head))]
    if _is_subject(pron):
        # nor to the object of a phrase fronted before it: "Standing beside Wirasena, he declared …"
        same = [m for m in same if not _in_fronted_modifier(doc[m.head], pron)]
    if same:
        subjects = [m for m in same if _is_subject(doc[m.head])]
        return (subjects[-1] if subjects else same[-1]).person
    if _unnamed_subject(sent, pron.i):
        return None  # "A senior official, who asked not to be named because he …"
    article = require_article(doc)
    para = paragraph_at(article, pron.idx)
    back = 0
    quoted_paras: set[int] = set()  # paragraphs passed over that hold only quoted sentences, so far
    narrated_paras: set[int] = set()
    for prev_i in range(si - 1, max(-1, si - 12), -1):
        prev = sents[prev_i]
        prev_para = paragraph_at(article, prev.start_char)
        if _all_quoted(prev, quoted):
            quoted_paras.add(prev_para)
            continue  # a quoted sentence is the speaker's words, not the narrator's: look past it
        narrated_paras.add(prev_para)
        back += 1
        if back > 3:
            break
        # paragraphs of a quotation running over several do not count toward the distance
        between = len(quoted_paras - narrated_paras)
        if para is not None and prev_para is not None and para - prev_para - between > 2:
            break
        inside = [m for m in mentions if prev.start <= m.token_start < prev.end and fits(m)]
        if not inside and _unnamed_subject(prev, prev.end):
            return None  # "A senior official admitted as much. “…,” he told the BBC."
        if not inside:
            continue
        main = [m for m in inside if _is_subject(doc[m.head]) and doc[m.head].head.dep_ in ("ROOT", "conj")]
        subjects = main or [m for m in inside if _is_subject(doc[m.head])]
        return (subjects[0] if subjects else inside[0]).person
    return None
