"""Captions and interpretation: the sentences under each chart and the summaries the notebooks show.

Each caption states what its chart shows in numbers, from the same table the chart
plots; ``describe_*`` summarise an article, its tone or a corpus. All return a
:class:`Sentence`, a plain ``str`` that a notebook shows as Markdown.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..nlp.schema import ASPECTS, NAME_RULES
from .corpus_tables import CORPUS_GROUPS, CorpusTables, corpus_leaders, date_label, is_missing, with_figure
from .counts import plural, say
from .style import method_label, score_label
from .tables import NO_SPEAKER, ArticleTables, article_counts, default_method, leader_names

if TYPE_CHECKING:
    from ..read import Article


class Sentence(str):
    """A sentence of interpretation: a plain ``str`` that a notebook shows as Markdown."""

    def _repr_markdown_(self) -> str:
        return str(self)


def signed(x: float | None) -> str:
    """``x`` with its sign and two decimals (``+0.25``); ``n/a`` when missing."""
    return "n/a" if x is None or pd.isna(x) else f"{x:+.2f}"


def join_words(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def article_counts_line(article: Article) -> Sentence:
    """``15 body paragraphs, 5 subheadings, 6 boilerplate lines set aside``: the counts of ``article_counts``."""
    counts = article_counts(article)
    return Sentence(", ".join(say(c, counts[c]) for c in ("body_paragraphs", "subheadings", "boilerplate"))
                    + " set aside")


def leader_counts_line(row: Mapping[str, Any]) -> Sentence:
    """``named 20 times, 42 mentions, 13 direct quotes (70 quoted words), 7 indirect statements``.

    Args:
        row: One row of ``leader_count_table`` (as a mapping).
    """
    n = {c: int(row[c]) for c in ("name_mentions", "mentions", "direct_quotes", "quoted_words", "indirect")}
    return Sentence(f"{say('name_mentions', n['name_mentions'])}, {say('mentions', n['mentions'])}, "
                    f"{say('direct_quotes', n['direct_quotes'])} ({say('quoted_words', n['quoted_words'])}), "
                    f"{say('indirect', n['indirect'])}")


# --------------------------------------------------------------------------- one article


def describe_article(article: Article) -> Sentence:
    """One sentence on how the article was read."""
    body = article.body_paragraphs()
    counts = article_counts(article)
    words = sum(len(article.text[p.start : p.end].split()) for p in body)
    reasons = pd.Series([b.reason for b in article.boilerplate], dtype=object).value_counts()
    dropped = ", ".join(f"{n} × {r}" for r, n in reasons.items())
    text = (
        f"The reader kept {say('body_paragraphs', counts['body_paragraphs'])} ({plural(words, 'word')}) under "
        f"{say('subheadings', counts['subheadings'])}"
        + (f" and set aside {say('boilerplate', counts['boilerplate'])} ({dropped})." if dropped
           else " and found no boilerplate to set aside.")
    )
    return Sentence(text)


def entity_counts_caption(data: pd.DataFrame) -> Sentence:
    """How many entity mentions of how many types, and the most frequent type (``entity_count_table``)."""
    if data.empty:
        return Sentence("The article names no entities the pipeline recognises.")
    top = data.iloc[0]
    return Sentence(
        f"The article has {plural(int(data['mentions'].sum()), 'entity mention')} of "
        f"{plural(len(data), 'type')}; the most frequent are {top['meaning']} "
        f"({top['label']}, {plural(int(top['mentions']), 'entity mention')} of {plural(int(top['distinct']), 'name')})."
    )


def mentions_caption(data: pd.DataFrame) -> Sentence:
    """Each leader's mentions, and how many name them (``mention_rule_table``; the words of ``counts``)."""
    parts = []
    for n in dict.fromkeys(data["leader"]):
        sub = data[data.leader == n]
        total = int(sub["mentions"].sum())
        by_name = int(sub[sub.rule.isin(NAME_RULES)]["mentions"].sum())
        parts.append(f"{n} has {say('mentions', total)} ({say('name_mentions', by_name)})")
    return Sentence(
        f"{'; '.join(parts)}. The mentions that do not name them are role phrases and pronouns resolved to them."
        if parts else "No leader was found in this article."
    )


def quote_counts_caption(data: pd.DataFrame) -> Sentence:
    """Each leader's direct quotes, the words in them and indirect statements (``quote_count_table``)."""
    parts = [
        f"{r.leader} has {say('direct_quotes', int(r.direct_quotes))} ({say('quoted_words', int(r.quoted_words))}) "
        f"and {say('indirect', int(r.indirect))}"
        for r in data.itertuples()
    ]
    caption = "; ".join(parts) + "." if parts else "No leader was found, so no quotes are counted."
    return Sentence(caption[:1].upper() + caption[1:])


def speakers_caption(data: pd.DataFrame) -> Sentence:
    """Who else the article quotes, and how many quotes have no speaker (``speaker_table``)."""
    if data.empty:
        return Sentence("The article contains no quotes.")
    others = data[~data["is_leader"] & (data["speaker"] != NO_SPEAKER)]
    unknown = int(data.loc[data["speaker"] == NO_SPEAKER, "total"].sum())
    if others.empty:
        caption = "Only the leaders are quoted."
    else:
        caption = f"Besides the leaders, the article quotes {plural(len(others), 'other speaker')}: " + join_words(
            [f"{r.speaker} ({r.total})" for r in others.itertuples()]) + "."
    if unknown:
        caption += f" {plural(unknown, 'quote')} could not be given a speaker."
    return Sentence(caption)


def describe_tone(analysis: ArticleTables, method: str | None = None) -> Sentence:
    """One or two sentences comparing the leaders' coverage and voice under ``method`` (the default method)."""
    tone = analysis.tone
    if tone.empty:
        return Sentence("No tone figures are available for this article.")
    method = method or default_method(tone)
    sub = tone[tone["method"] == method]
    names = leader_names(analysis) or list(dict.fromkeys(sub.loc[~sub["difference"], "leader"]))
    out = []
    for aspect in ASPECTS:
        parts = []
        for n in names:
            row = sub[(sub.leader == n) & (sub.aspect == aspect)]
            if row.empty or pd.isna(row["mean"].iloc[0]):
                parts.append(f"{n} n/a")
                continue
            r = row.iloc[0]
            parts.append(f"{n} {signed(r['mean'])} [{signed(r['low'])}, {signed(r['high'])}], n={int(r['n'])}")
        diff = sub[(sub.aspect == aspect) & sub["difference"]]
        scorers = sub.loc[sub.aspect == aspect, "scored_by"]
        scorer = scorers.iloc[0] if not scorers.empty else method
        clause = f"{aspect.capitalize()} ({method_label(scorer)}): " + "; ".join(parts)
        if not diff.empty and not pd.isna(diff["low"].iloc[0]):
            d = diff.iloc[0]
            verdict = (
                "no clear difference: its interval includes zero"
                if d["low"] <= 0 <= d["high"]
                else "a clear difference: its interval excludes zero"
            )
            clause += f"; difference {d['leader']} {signed(d['mean'])} ({verdict})"
        out.append(clause + ".")
    own = sub[~sub["difference"] & sub.leader.isin(names)]
    notes = [f"{r.leader}'s {r.aspect}: {r.note}" for r in own.itertuples()
             if isinstance(r.note, str) and r.note.strip()]
    if notes:
        out.append("Caution: " + "; ".join(notes) + ".")
    return Sentence(" ".join(out))


def sentence_tone_caption(data: pd.DataFrame, names: list[str], score: str) -> Sentence:
    """How many sentences read positive and negative, and how many mention each leader (``sentence_tone_table``)."""
    if data.empty:
        return Sentence("No sentences to show.")
    neg = int((data[score] < -0.05).sum())
    pos = int((data[score] > 0.05).sum())
    return Sentence(
        f"Of {plural(len(data), 'sentence')}, {pos} read positive and {neg} negative by {score_label(score)}; "
        + join_words([f"{n} is mentioned in {plural(int((data[f'mentions: {n}'] > 0).sum()), 'sentence')}"
                      for n in names])
        + ("." if names else "no leader is mentioned.")
    )


# --------------------------------------------------------------------------- a corpus


def corpus_quote_share_caption(rows: pd.DataFrame, data: pd.DataFrame, names: list[str], by: str) -> Sentence:
    """Each leader's mean quote share over their articles, and the highest group (``corpus_quote_share_table``)."""
    if data.empty:
        return Sentence("No leader was found in any article, so no quotes are compared.")
    parts = []
    for n in names:
        share = pd.to_numeric(rows.loc[rows["leader"] == n, "quote_share"], errors="coerce").dropna()
        parts.append(f"{n} {share.mean():.0%} ({plural(len(share), 'article')})" if len(share) else f"{n} n/a")
    caption = (f"Mean share of an article's direct quotes over the "
               f"{plural(rows['article'].nunique(), 'article')} with these leaders: {join_words(parts)}.")
    shown = data[data["articles"] > 0]
    if data["group"].nunique() > 1 and not shown.empty:
        best = shown.sort_values(["quote_share", "articles"], ascending=[False, False]).iloc[0]
        caption += (f" The highest by {CORPUS_GROUPS[by]} is {best['leader']} in “{best['group']}” "
                    f"({best['quote_share']:.0%}, {plural(int(best['articles']), 'article')}).")
    return Sentence(caption)


def corpus_tone_caption(rows: pd.DataFrame, names: list[str], scored: str) -> Sentence:
    """Each leader's mean voice and coverage over the articles with a figure (``corpus_tone_table``)."""
    parts = []
    for n in names:
        sub = rows[rows["leader"] == n]
        figures = []
        for aspect in ASPECTS:
            values = with_figure(sub, aspect)
            figures.append(f"{aspect} {signed(values.mean())} ({plural(len(values), 'article')})"
                           if len(values) else f"{aspect} n/a")
        parts.append(f"{n} " + ", ".join(figures))
    if not parts:
        return Sentence("No leader was found in any article, so no tone is compared.")
    if all("n/a" in p and p.count("n/a") == 2 for p in parts):
        return Sentence("No article has a tone figure for " + join_words(names) + ".")
    return Sentence(f"Mean tone over the articles with a figure, by the {scored}: " + "; ".join(parts) + ".")


def describe_corpus(corpus: CorpusTables) -> Sentence:
    """One or two sentences on a corpus: how many articles, outlets and leaders, and who is quoted most.

    Args:
        corpus: A ``Corpus`` (``helpers.corpus.analyze_corpus``).

    Returns:
        A ``Sentence`` (Markdown in a notebook).
    """
    articles, leaders = corpus.articles, corpus.leaders
    n_errors = len(corpus.errors)
    failed = f"; {plural(n_errors, 'file')} could not be read" if n_errors else ""
    if articles.empty:
        return Sentence(f"No article was analysed{failed}.")
    n = len(articles)
    outlets = [str(o).strip() for o in articles.get("outlet", pd.Series(dtype=object)) if not is_missing(o)]
    no_outlet = n - len(outlets)
    dates = sorted(d for d in (date_label(v, "published") for v in articles.get("published", [])) if d)
    first = (f"The corpus has {plural(n, 'article')} from {plural(len(set(outlets)), 'named outlet')}"
             + (f" ({no_outlet} without one)" if no_outlet and outlets else "")
             + (f", {len(dates)} dated ({dates[0]}" + (f" to {dates[-1]})" if dates[-1] != dates[0] else ")")
                if dates else "")
             + f", and follows {plural(leaders['leader'].nunique(), 'leader')}"
             + failed + ".")
    if leaders.empty:
        return Sentence(first + " No leader was found in any article.")
    table = leaders.assign(_quotes=pd.to_numeric(leaders["direct_quotes"], errors="coerce").fillna(0))
    per = table.groupby("leader").agg(quotes=("_quotes", "sum"), articles=("article", "nunique")).reset_index()
    per = per.sort_values(["quotes", "articles", "leader"], ascending=[False, False, True])
    top = per.iloc[0]
    most = int(per["articles"].max())
    widest = sorted(per.loc[per["articles"] == most, "leader"], key=corpus_leaders(corpus, top=None).index)
    spread = (f"{widest[0]} appears in the most articles ({most} of {n})" if len(widest) == 1 else
              f"{join_words(widest)} appear in the most articles ({most} of {n} each)")
    if top["quotes"] <= 0:
        second = f"No leader is quoted directly; {spread}."
    else:
        second = (f"{top['leader']} is quoted most ({say('direct_quotes', int(top['quotes']))} in "
                  f"{plural(int(top['articles']), 'article')}); {spread}.")
    return Sentence(f"{first} {second}")
