"""What an article says about each person's office and country, and the role phrases that name them.

"Russian President Vladimir Putin" ties Putin to Russia and the presidency; "his US
counterpart Joe Biden" ties Biden to the United States; later, "the Russian president"
or "the Kremlin leader" can be resolved to the one person who fits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from .entities import first_name_gender
from .lexicon import (
    CAMPAIGN_ROLES,
    COUNTRY_WORDS,
    DEFINITE_WORDS,
    FEMALE_TITLES,
    GENERIC,
    MALE_TITLES,
    OFFICE_ALIASES,
    OFFICES,
    PARTY_MEMBER,
    PARTY_WORDS,
    PAST_WORDS,
    PLACE_LABELS,
    PLACE_NOUNS,
    PRONOUNS,
    RELATIONAL,
    REPLY_VERBS,
    STAFF_OFFICES,
    TITLES,
    TOP_OFFICES,
)
from .pipeline import token_table

if TYPE_CHECKING:
    from .people import Mention


@dataclass
class PersonFacts:
    name: str
    countries: set[str] = field(default_factory=set)
    offices: set[str] = field(default_factory=set)
    gender: str | None = None
    parties: set[str] = field(default_factory=set)
    #: What the article calls them besides an office: "a pediatrician", "CNN host", "a former councillor".
    descriptions: set[str] = field(default_factory=set)
    #: Capitalised words of the places the article ties them to below a country: "Dane County Circuit Judge
    #: Annemarie Kowalczyk", "Sen. Dana Kowalczyk of Michigan", "a Brooklyn Democrat" (lower-cased).
    places: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class RolePhrase:
    """A definite role phrase ("the Russian president", "his counterpart") waiting to be tied to a person.

    Attributes:
        span: The phrase, from its determiner to the office noun.
        title: The office it names ("president", "counterpart").
        country: The country its modifiers name, or None.
        det: Its determiner or possessive ("the", "his").
        party: The party its modifiers name ("the Democratic nominee"), or None.
        places: The capitalised words of a place below a country its modifiers name ("the Dane County judge").
        anaphoric: A description no one was given that a past or an age makes somebody's already named ("the
            former prosecutor said", "the 44-year-old teacher said"): the salient person's.
        described: Whether it names a description the article gave someone ("the pediatrician",
            "the CNN host") rather than an office.
    """

    span: Span
    title: str
    country: str | None
    det: Token
    party: str | None = None
    described: bool = False  # a description the article gave someone ("the CNN host"), not an office
    places: frozenset[str] = frozenset()  # "the Dane County judge", "the Michigan Democrat"
    anaphoric: bool = False  # "the former prosecutor said": a description of somebody just named

    @property
    def token_start(self) -> int:
        """Where the phrase starts (a token index), as for a ``Mention``."""
        return self.span.start


# --------------------------------------------------------------------------- small token helpers


def _in_organisation_name(tok: Token) -> bool:
    """The token is part of a longer organisation's name ("the Ghana Retail Traders Council"), which
    ties nobody to the country: "the Kremlin" and "the White House" are seats of government, not such names."""
    if tok.ent_type_ != "ORG":
        return False
    doc = tok.doc
    start, end = tok.i, tok.i + 1
    while doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    name = doc[start:end].text.lower().removeprefix("the ")
    return end - start > 1 and name not in COUNTRY_WORDS


def country_of(tokens: list[Token]) -> str | None:
    """The country named by modifier tokens ("Russian", "US", "the White House", "Kremlin")."""
    tokens = [t for t in tokens if not _in_organisation_name(t)]
    words = [t.text.lower().strip(".") if t.text.lower() not in ("u.s.", "u.k.") else t.text.lower() for t in tokens]
    for n in (2, 1):
        for i in range(len(words) - n + 1):
            key = " ".join(words[i : i + n])
            if key in COUNTRY_WORDS:
                return COUNTRY_WORDS[key]
    return None


def places_of(tokens: list[Token]) -> set[str]:
    """The capitalised words of a place below a country among modifier tokens, lower-cased: "Dane County" of
    "Dane County Circuit Judge", "Michigan" of "the Michigan Democrat" (no country, party or title word)."""
    return {
        t.lower_ for t in tokens
        if t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_ not in COUNTRY_WORDS and t.lower_ not in PARTY_WORDS
        and t.lower_ not in TITLES and not office_at(t.doc, t.i) and not _in_organisation_name(t)
        and (t.ent_type_ in PLACE_LABELS or t.lower_ in PLACE_NOUNS or t.head.lower_ in PLACE_NOUNS)
    }


def party_of(tokens: list[Token]) -> str | None:
    """The party named by modifier tokens ("Republican", "the Michigan Democrat")."""
    for t in tokens:
        if t.text[:1].isupper() and t.lower_ in PARTY_WORDS:
            return PARTY_WORDS[t.lower_]
    return None


def office_at(doc: Doc, i: int) -> tuple[str, int] | None:
    """The office noun phrase ending at token ``i`` ("prime minister"), with its first token index."""
    tt = token_table(doc)
    lower = tt.lower
    if tt.pos[i] not in ("NOUN", "PROPN"):
        return None
    low = lower[i]
    if i >= 1:
        two = f"{lower[i - 1]} {low}"
        if two in OFFICE_ALIASES:
            return OFFICE_ALIASES[two], i - 1
        if two in OFFICES or two in RELATIONAL:
            return two, i - 1
    if i >= 2 and lower[i - 1] == "of":
        three = f"{lower[i - 2]} of {low}"
        if three in OFFICES:
            return three, i - 2
    if i >= 3 and lower[i - 2] == "of" and lower[i - 1] == "the":
        four = f"{lower[i - 3]} of the {low}"  # "leader of the opposition"
        if four in OFFICE_ALIASES:
            return OFFICE_ALIASES[four], i - 3
    lemma = tt.lemma[i]
    if low in OFFICE_ALIASES:
        return OFFICE_ALIASES[low], i
    if low in OFFICES or low in RELATIONAL:
        return low, i
    if lemma in OFFICES or lemma in RELATIONAL:
        return lemma, i
    return None


def modifiers_before(doc: Doc, start: int, limit: int = 8) -> tuple[int, list[Token], Token | None]:
    """Walk left from ``start`` over country/adjective modifiers ("the 63-year-old Brazilian"); returns new
    start, modifiers, determiner."""
    i = start - 1
    mods: list[Token] = []
    det = None
    while i >= 0 and start - i <= limit:
        t = doc[i]
        if t.text in ("-", "–") and i > 0 and not doc[i - 1].is_space:  # "the 63-year-old senator"
            mods.insert(0, t)
            i -= 1
            continue
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
        if t.ent_type_ in ("NORP", "GPE", "ORG", "LOC") or t.pos_ in ("ADJ", "PROPN", "NUM") or low in COUNTRY_WORDS \
                or t.nbor(1).text in ("-", "–") or t.dep_ == "compound" and start <= t.head.i <= start + 1:
            mods.insert(0, t)
            i -= 1
            continue
        if t.dep_ == "poss" and t.ent_type_ == "PERSON":
            break
        break
    return i + 1, mods, det


# --------------------------------------------------------------------------- learning and resolving roles


def learn_roles(doc: Doc, names: list[Mention], people: dict[str, PersonFacts]) -> None:
    """Tie countries, offices and genders to people from how the article introduces them.

    "Russian President Vladimir Putin" gives Putin (Russia, president); "his US
    counterpart Joe Biden" gives Biden the United States; "Dmitry Peskov, the
    Kremlin spokesman," gives Peskov (Russia, spokesman); "Mr." a gender.
    """
    for m in names:
        p = people.setdefault(m.person, PersonFacts(m.person))
        title = list(doc[m.token_start : m.head])
        for t in title:
            if t.lower_ in MALE_TITLES:
                p.gender = "m"
            elif t.lower_ in FEMALE_TITLES:
                p.gender = "f"
            _learn_office(doc, t.i, p)
        country = country_of(title)
        if country:
            p.countries.add(country)
        head = doc[m.head]
        # the name's own pre-modifiers ("Republican state Senate Majority Leader Doug Brandt") and, for a
        # name in apposition, the phrase it stands beside ("his Democratic challenger, state Rep. Lucia Ybarra")
        lead = min(head.left_edge.i, m.token_start)
        described = list(doc[lead : m.token_start])
        before = lead - 2  # the noun right before the comma: the parser may hang the name elsewhere
        if head.dep_ == "appos" and before >= 0 and doc[before + 1].text == "," and doc[before].pos_ == "NOUN":
            noun = doc[before]
            phrase = list(doc[noun.left_edge.i : noun.i + 1])
            described += phrase
            _learn_office(doc, noun.i, p)
            relation = office_at(doc, noun.i)
            if relation and relation[0] in RELATIONAL:
                # "President Bola Tinubu received his South African counterpart, Cyril Ramaphosa": the
                # counterpart holds the same office, in the country the phrase names
                _learn_counterpart(doc, m, names, people, p, country_of(phrase))
            elif relation and (country := country_of(phrase)):
                p.countries.add(country)  # "Ghana's president, Efua Amankwah"
        party = party_of(described)
        if party:
            p.parties.add(party)
        p.places |= places_of([*title, *described])
        p.places |= {w for c in head.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == head.i + 1
                     for w in places_of(list(c.subtree))}  # "Sen. Joel Castellano of Colorado"
        if m.token_start >= 2 and doc[m.token_start - 1].text in ("'s", "’s"):  # "Russia's Vladimir Putin"
            country = country_of([doc[m.token_start - 2]])
            if country:
                p.countries.add(country)
        # the noun right before the name, inside the mention's title or just outside it: "CNN host Jake Tapper"
        for t in [*title, *doc[max(0, m.token_start - 1) : m.token_start]]:
            if t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN":
                _learn_description(t, p, before_name=True)
        for child in doc[m.head].children:
            if child.dep_ != "appos":
                continue
            _learn_description(child, p)  # "Daniel Castellanos, a pediatrician,"
            phrase = list(child.subtree)
            offices = [o for o in (office_at(doc, t.i) for t in phrase) if o and o[0] not in RELATIONAL]
            if offices:
                p.offices.add(offices[-1][0])
                country = country_of(phrase)
                if country:
                    p.countries.add(country)
            party = party_of(phrase)  # "Elaine Marchetti, the 57-year-old Michigan Democrat"
            if party:
                p.parties.add(party)
            p.places |= places_of(phrase)
    for m in names:
        gender = _reflexive_gender(doc[m.head])
        if gender:  # "Oduya … has cast herself as": the article's own word beats a first-name guess
            people[m.person].gender = gender
    for p in people.values():
        if p.gender is None:
            p.gender = first_name_gender(p.name)


def _reflexive_gender(name: Token) -> str | None:
    """The gender of "herself"/"himself" as the object of the verb the name is the subject of."""
    if name.dep_ != "nsubj":
        return None
    for child in name.head.children:
        if child.lower_.endswith("self") and child.lower_ in PRONOUNS \
                and child.dep_ in ("dobj", "pobj", "npadvmod", "appos"):
            return PRONOUNS[child.lower_]
    return None


def _media_modified(noun: Token) -> bool:
    """A noun with a proper-noun modifier ("CNN host", "the NBC host")."""
    return any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in noun.children)


def _learn_counterpart(doc: Doc, m: Mention, names: list[Mention], people: dict[str, PersonFacts],
                       p: PersonFacts, country: str | None) -> None:
    """Give ``p`` the top offices of the person named before them in the sentence, and ``country``."""
    sent = doc[m.token_start].sent
    before = [n for n in names if sent.start <= n.token_start < m.token_start and n.person != p.name]
    if before:
        p.offices |= people.get(before[-1].person, PersonFacts(before[-1].person)).offices & TOP_OFFICES
    if country:
        p.countries.add(country)


def _learn_description(noun: Token, p: PersonFacts, *, before_name: bool = False) -> None:
    """Remember a common noun the article describes a person with, when it is no office: the noun of an
    indefinite apposition ("a pediatrician", "a former councillor") or one standing right before the name
    ("CNN host Jake Tapper"); "the pediatrician said" can then name them."""
    if noun.pos_ != "NOUN" or not noun.text.islower() or noun.tag_ in ("NNS", "NNPS"):
        return
    office = office_at(noun.doc, noun.i)
    if office and not (office[0] in RELATIONAL and _media_modified(noun)) or noun.lemma_ in OFFICES:
        return  # offices are learnt as offices; "CNN host" is a description, "his host" a relation
    if before_name or any(c.lower_ in ("a", "an") for c in noun.children):
        p.descriptions.add(noun.lemma_.lower())


def _learn_office(doc: Doc, i: int, p: PersonFacts) -> None:
    """Give ``p`` the office whose noun ends at token ``i``, if any (a relation such as "counterpart" is no post)."""
    office = office_at(doc, i)
    if office and office[0] not in RELATIONAL:
        p.offices.add(office[0])


def role_phrases(doc: Doc, covered: set[int], descriptions: frozenset[str] = frozenset()) -> list[RolePhrase]:
    """Definite role phrases ("the Russian president", "his counterpart", and "the pediatrician" when the
    article has described someone so) outside name mentions."""
    found = []
    tt = token_table(doc)
    ent_type, tags = tt.ent_type, tt.tag
    for i in range(len(doc)):
        if i in covered:
            continue
        office = office_at(doc, i) or _party_member_at(doc, i)
        described = tt.pos[i] == "NOUN" and tt.lemma[i] in descriptions and (
            not office or office[0] in RELATIONAL and _media_modified(doc[i]))
        if described:
            office = tt.lemma[i], i
        if not office and (anaphor := _anaphoric_description(doc, i)) is not None:
            mods, det = anaphor
            found.append(RolePhrase(doc[det.i : i + 1], tt.lemma[i], country_of(mods), det, party_of(mods), True,
                                    frozenset(places_of(mods)), anaphoric=True))
            continue
        if not office or (i + 1 < len(doc) and ent_type[i + 1] == "PERSON"):
            continue  # a title before a name is part of the name mention
        if tags[i] in ("NNS", "NNPS"):
            continue  # "the two leaders", "the Republicans": more than one person
        title, first = office
        _, mods, det = modifiers_before(doc, first)
        if det is None or det.lower_ not in DEFINITE_WORDS:
            continue
        party = PARTY_WORDS[doc[i].lower_] if title == PARTY_MEMBER else party_of(mods)
        found.append(RolePhrase(doc[det.i : i + 1], title, country_of(mods), det, party, described,
                                frozenset(places_of(mods))))
    return found


def _anaphoric_description(doc: Doc, i: int) -> tuple[list[Token], Token] | None:
    """"the former prosecutor" or "the 44-year-old teacher" as a subject, a singular common noun after "the"
    and a word of a past ("former", "retired") or an age: its modifiers and determiner, else None."""
    tok = doc[i]
    if tok.tag_ != "NN" or not tok.text.islower() or tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = tok.head
    if verb.lemma_ in REPLY_VERBS or any(c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in verb.children):
        return None  # "Brannigan called the plan reckless. The former prosecutor shot back": the other one
    _, mods, det = modifiers_before(doc, i)
    if det is None or det.lower_ != "the":
        return None
    words = [m.lower_ for m in mods]
    return (mods, det) if any(w in PAST_WORDS for w in words) or "year" in words and "old" in words else None


def _party_member_at(doc: Doc, i: int) -> tuple[str, int] | None:
    """"the Republican" standing alone as a noun phrase's head names a member of the party."""
    t = doc[i]
    if not t.text[:1].isupper() or t.lower_ not in PARTY_WORDS or t.dep_ in ("amod", "compound"):
        return None
    return PARTY_MEMBER, i


def could_hold(p: PersonFacts, title: str) -> bool:
    """Could this person hold ``title``? Yes when the article gives them no office, or a matching one."""
    posts = p.offices - CAMPAIGN_ROLES  # a nominee holds, or held, a post as well
    if not posts:
        return True
    return title in p.offices or (title in TOP_OFFICES and bool(p.offices & TOP_OFFICES))


def resolve_role(info: RolePhrase, people: dict[str, PersonFacts], leaders: list[str], context: str | None,
                  salient, recent=None) -> str | None:
    """The one person a role phrase can name, or None when the article leaves it open.

    Args:
        info: The phrase.
        people: What the article says about each person.
        leaders: The leaders; relational phrases ("his counterpart") resolve among them.
        context: The person the possessive refers to ("his" in "his counterpart").
        salient: A callable giving the most salient person before the phrase, used
            like a pronoun's antecedent when the article gives nobody that office
            ("the prime minister" after a paragraph about Rishi Sunak).
        recent: A callable giving the people named in the sentence before the phrase and in its
            own; with two holders of the office, the salient one wins only when the other is not
            among them.
    """
    title, country = info.title, info.country
    cands = list(people.values())
    if info.places:
        # "the Dane County judge": the one person the article ties to that place, who could be one
        placed = [p for p in cands if info.places <= p.places and (info.described and title in p.descriptions
                                                                  or not info.described and could_hold(p, title))]
        if len(placed) == 1:
            return placed[0].name
    if info.described:
        # a description ("the pediatrician"): the one person described so, else the salient one of them
        described = {p.name for p in cands if title in p.descriptions}
        if len(described) == 1:
            return next(iter(described))
        person = salient()
        return person if person in described or info.anaphoric and not described else None
    if info.party:
        # "the Republican", "the Democratic nominee": the one person of that party, when the article says
        members = [p for p in cands if info.party in p.parties]
        if not members:
            # "Sen. Carol Whitaker and her Democratic challenger, Jamal Reyes … the Republican said": of two
            # leaders, the one with no party named when the other's is another one
            lead = [people[n] for n in leaders if n in people]
            open_ = [p for p in lead if not p.parties]
            if len(lead) == 2 and len(open_) == 1 and all(p.parties - {info.party} for p in lead if p.parties):
                return open_[0].name
            if not any(p.parties for p in cands):
                # the article gives nobody a party: the salient person, as for an office nobody holds, when
                # nobody else is named just before ("Castellano waved off the interruption. “…,” the Democrat said")
                return _salient_holder({p.name for p in cands}, salient, recent)
        if members or title == PARTY_MEMBER:
            if title == PARTY_MEMBER or not any(title in p.offices for p in members):
                if len(members) == 1:
                    return members[0].name
                # two Democrats: "the Democrat said" right after a sentence about one of them is that one
                return _salient_holder({p.name for p in members}, salient, recent)
            cands = members
        # else nobody is known to be of that party: "the Democratic state treasurer" is found by the office
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
        cands = in_country or [p for p in cands if not p.countries and title in p.offices]
    if title in GENERIC:
        lead = [p for p in cands if p.name in leaders]
        cands = lead or [p for p in cands if p.offices & TOP_OFFICES]
    else:
        exact = [p for p in cands if title in p.offices]
        if not exact and country and title in TOP_OFFICES:
            # "the Chinese president" for someone introduced as "Chinese leader Xi Jinping"
            exact = [p for p in cands if p.offices & TOP_OFFICES]
        nobody_there = not country or not any(country in p.countries for p in people.values())
        if not exact and nobody_there and (country or not any(title in p.offices for p in people.values())):
            # the article gives nobody the office, or ties nobody to the country: the salient person, when
            # tied to no other country ("When Lachlan Doyle landed, the Australian prime minister said …";
            # "Helena Duarte walked off the stage. The 63-year-old Brazilian president had just told …")
            person = salient()
            facts = people.setdefault(person, PersonFacts(person)) if person is not None else None
            if facts is not None and could_hold(facts, title) and not facts.countries - {country} \
                    and not (title in STAFF_OFFICES and person in leaders):
                return person  # "the spokesperson said" is not the leader the article is about
        cands = exact
    if len(cands) == 1:
        return cands[0].name
    if len(cands) > 1:
        # two presidents: "the president said" right after a sentence about one of them is that one
        return _salient_holder({p.name for p in cands}, salient, recent)
    return None


def _salient_holder(holders: set[str], salient, recent) -> str | None:
    """Of several people a role phrase fits, the salient one, when the other is not named just before."""
    person = salient()
    if person is not None and person in holders and (recent is None or recent() & holders == {person}):
        return person
    return None
