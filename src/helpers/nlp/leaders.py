"""The leaders of an article: the two most prominent people (or those the user names) and their mentions."""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from spacy.tokens import Doc

from ..read import ArticleWarning, paragraph_at
from .entities import clean_name, person_aliases
from .people import Mention, resolve_people
from .pipeline import require_article, rows_frame, sentence_index
from .schema import MENTION_COLUMNS, MENTION_RULES, NAME_RULES, PRONOUN


@dataclass(frozen=True)
class Leader:
    """A leader the analysis follows: canonical name, the forms used for them, and how often they are named."""

    name: str
    aliases: tuple[str, ...] = ()
    mentions: int = 0


def _headline_persons(doc: Doc, mentions: list[Mention]) -> Counter:
    article = require_article(doc)
    title = next((p for p in article.paragraphs if p.kind == "title"), None)
    if title is None:
        return Counter()
    return Counter(m.person for m in mentions if title.start <= m.start < title.end and m.rule != PRONOUN)


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


def leader_name(leader: Leader | str) -> str:
    """The canonical name of a leader given as a ``Leader`` record or as a name."""
    return leader.name if isinstance(leader, Leader) else leader


def leader_names(doc: Doc, leaders: Sequence[Leader | str] | None = None) -> list[str]:
    """The names of the leaders given (records or names), or of the two most prominent people when None."""
    if leaders is None:
        return [ld.name for ld in find_leaders(doc)]
    return [leader_name(ld) for ld in leaders]


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
    names = leader_names(doc, leaders)
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
    names = [leader_name(ld) for ld in (leaders or table.index.tolist())]
    table = table.reindex(index=names, columns=rules, fill_value=0).fillna(0).astype(int)
    table["total"] = table.sum(axis=1)
    table.index.name = "leader"
    return table.reset_index()
