"""The tables behind the corpus charts: a corpus's articles grouped, its leaders followed, means per group.

Everything here reads the tables of a corpus (:class:`CorpusTables`, which a
``Corpus`` from ``helpers.corpus.analyze_corpus`` is) and returns a DataFrame.
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np
import pandas as pd

from ..nlp.schema import ASPECTS


class CorpusTables(Protocol):
    """The tables of a corpus that the corpus charts and tables read: a ``Corpus`` is one."""

    articles: pd.DataFrame
    leaders: pd.DataFrame
    tone: pd.DataFrame
    errors: pd.DataFrame


# --------------------------------------------------------------------------- across a corpus

#: How a corpus's articles can be grouped, and what each grouping is called on a chart.
CORPUS_GROUPS = {"outlet": "outlet", "published": "publication date", "month": "month", "article": "article"}
#: The group of the articles whose outlet or date is not known.
UNKNOWN = "unknown"


def is_missing(value: Any) -> bool:
    """True for None, an empty string and a missing value (NaN, NaT, NA)."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def date_label(value: Any, by: str) -> str | None:
    """``value`` as an ISO date (``published``) or ``YYYY-MM`` (``month``); None when it is not a date."""
    if is_missing(value):
        return None
    if by == "published" and isinstance(value, str):
        return value.strip()
    when = pd.to_datetime(value, errors="coerce")
    if pd.isna(when):
        return str(value).strip() if by == "published" else None
    return when.strftime("%Y-%m-%d" if by == "published" else "%Y-%m")


def corpus_groups(corpus: CorpusTables, by: str = "outlet", *, unknown: str = UNKNOWN) -> pd.DataFrame:
    """The corpus's leaders table with a ``group`` column: which group each article falls in.

    Args:
        corpus: A ``Corpus`` (``helpers.corpus.analyze_corpus``); the columns its
            ``leaders`` table lacks are taken from its ``articles`` table.
        by: ``"outlet"``, ``"published"`` (the ISO date), ``"month"`` (``YYYY-MM`` of the
            publication date) or ``"article"`` (the article id).
        unknown: The group of articles whose outlet or date is missing.

    Returns:
        A copy of ``corpus.leaders`` (one row per article and leader) with ``group`` added.

    Raises:
        ValueError: ``by`` is not one of the groupings above.
    """
    if by not in CORPUS_GROUPS:
        raise ValueError(f"cannot group a corpus by {by!r}; use one of {', '.join(CORPUS_GROUPS)}")
    table = corpus.leaders.copy()
    source = "published" if by == "month" else by
    if source not in table.columns:
        articles = corpus.articles
        if source in articles.columns and "article" in articles.columns:
            table[source] = table["article"].map(dict(zip(articles["article"], articles[source])))
        else:
            table[source] = None
    if by in ("published", "month"):
        labels = [date_label(v, by) for v in table[source]]
    else:
        labels = [None if is_missing(v) else str(v).strip() for v in table[source]]
    table["group"] = pd.Series([unknown if lab is None else lab for lab in labels], index=table.index, dtype=object)
    return table.reset_index(drop=True)


def _group_order(table: pd.DataFrame, by: str, corpus: CorpusTables, unknown: str = UNKNOWN) -> list[str]:
    """The groups in reading order: outlets by number of articles, dates in time order, articles as in the corpus;
    the unknown group last."""
    groups = [g for g in dict.fromkeys(table["group"]) if g != unknown]
    if by == "article":
        articles = corpus.articles
        order = list(articles["article"]) if "article" in articles else []
        rank = {a: i for i, a in enumerate(order)}
        groups.sort(key=lambda g: rank.get(g, len(rank)))
    elif by == "outlet":
        sizes = table.groupby("group")["article"].nunique()
        groups.sort(key=lambda g: (-int(sizes.get(g, 0)), g.lower(), g))
    else:
        groups.sort()
    return groups + ([unknown] if unknown in set(table["group"]) else [])


def corpus_leaders(corpus: CorpusTables, *, top: int | None = 4) -> list[str]:
    """The leaders followed across a corpus: those in the most articles first, then the most mentioned.

    Args:
        corpus: A ``Corpus``.
        top: How many to return; None for all of them.

    Returns:
        Leader names, most followed first (ties broken by name).
    """
    leaders = corpus.leaders
    if leaders.empty or "leader" not in leaders:
        return []
    table = leaders.assign(
        _mentions=pd.to_numeric(leaders["mentions"], errors="coerce").fillna(0) if "mentions" in leaders else 0)
    stats = table.groupby("leader").agg(articles=("article", "nunique"), mentions=("_mentions", "sum")).reset_index()
    stats = stats.sort_values(["articles", "mentions", "leader"], ascending=[False, False, True])
    names = stats["leader"].tolist()
    return names if top is None else names[: max(int(top), 0)]


def followed(corpus: CorpusTables, by: str, top: int | None) -> tuple[pd.DataFrame, list[str], list[str]]:
    """The leaders table of the ``top`` leaders, grouped (one row per article and leader), with leaders and groups."""
    grouped = corpus_groups(corpus, by)
    names = corpus_leaders(corpus, top=top)
    rows = grouped[grouped["leader"].isin(names)].drop_duplicates(["article", "leader"]).reset_index(drop=True)
    groups = _group_order(rows, by, corpus) if not rows.empty else []
    return rows, names, groups


def corpus_quote_share_table(corpus: CorpusTables, *, by: str = "outlet", top: int | None = 4) -> pd.DataFrame:
    """Each followed leader's mean share of an article's direct quotes, per group of articles.

    Args:
        corpus: A ``Corpus``.
        by: The grouping (see :func:`corpus_groups`).
        top: How many leaders (see :func:`corpus_leaders`).

    Returns:
        ``group, leader, articles, quote_share``: one row per group and leader, in
        group order; ``articles`` counts the group's articles that have the leader
        (0 with ``quote_share`` empty when there are none), ``quote_share`` is the mean
        of those articles' ``quote_share`` (each article once).
    """
    cols = ["group", "leader", "articles", "quote_share"]
    rows, names, groups = followed(corpus, by, top)
    out = []
    for g in groups:
        for n in names:
            share = pd.to_numeric(rows.loc[(rows["group"] == g) & (rows["leader"] == n), "quote_share"],
                                  errors="coerce").dropna()
            out.append({"group": g, "leader": n, "articles": len(share),
                        "quote_share": round(float(share.mean()), 4) if len(share) else float("nan")})
    return pd.DataFrame(out, columns=cols).astype({"articles": int, "quote_share": float})


def with_figure(rows: pd.DataFrame, aspect: str) -> pd.Series:
    """The articles that have a ``voice`` / ``coverage`` figure: a mean, over at least one sentence."""
    values = pd.to_numeric(rows[aspect], errors="coerce") if aspect in rows else pd.Series(np.nan, index=rows.index)
    has = values.notna()
    if f"{aspect}_n" in rows:
        has &= pd.to_numeric(rows[f"{aspect}_n"], errors="coerce").fillna(0) > 0
    return values[has]


def corpus_tone_table(corpus: CorpusTables, *, by: str = "outlet", top: int | None = 4) -> pd.DataFrame:
    """Each followed leader's mean voice and coverage tone (default method) per group of articles.

    Args:
        corpus: A ``Corpus``.
        by: The grouping (see :func:`corpus_groups`).
        top: How many leaders (see :func:`corpus_leaders`).

    Returns:
        ``group, leader, aspect, articles, mean``: one row per group, leader and aspect
        (voice, coverage); ``articles`` counts the articles with a figure, each weighed
        once whatever its number of sentences; ``mean`` is empty when there is none.
    """
    cols = ["group", "leader", "aspect", "articles", "mean"]
    rows, names, groups = followed(corpus, by, top)
    out = []
    for g in groups:
        for n in names:
            sub = rows[(rows["group"] == g) & (rows["leader"] == n)]
            for aspect in ASPECTS:
                values = with_figure(sub, aspect)
                out.append({"group": g, "leader": n, "aspect": aspect, "articles": len(values),
                            "mean": round(float(values.mean()), 4) if len(values) else float("nan")})
    return pd.DataFrame(out, columns=cols).astype({"articles": int, "mean": float})
