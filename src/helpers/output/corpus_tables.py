"""The tables behind the corpus charts: a corpus's articles grouped, its leaders followed, means per group.

Everything here reads the tables of a corpus (:class:`CorpusTables`, which a
``Corpus`` from ``helpers.corpus.analyze_corpus`` is) and returns a DataFrame.
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np
import pandas as pd

from ..nlp.schema import ASPECTS
from .style import PALETTE, leader_colors


class CorpusTables(Protocol):
    """The tables of a corpus that the corpus charts and tables read: a ``Corpus`` is one."""

    articles: pd.DataFrame
    leaders: pd.DataFrame
    tone: pd.DataFrame
    errors: pd.DataFrame


# --------------------------------------------------------------------------- across a corpus

#: How a corpus's articles can be grouped, and what each grouping is called on a chart.
CORPUS_GROUPS = {"outlet": "outlet", "published": "publication date", "month": "month", "article": "article"}
#: The group of the articles without an outlet or a date, as the charts name it (per grouping).
NOT_GIVEN = {
    "outlet": "outlet not given — add metadata.csv",
    "published": "date not given — add metadata.csv",
    "month": "date not given — add metadata.csv",
    "article": "article not named",
}
#: At most this many leaders are drawn in a corpus chart (one palette colour each); the rest are named in a note.
MAX_LEADERS = len(PALETTE)
#: Where the leaders a corpus chart leaves out can be read (``reports/corpus/tables/``).
LEADERS_TABLE = "tables/leaders.csv"


def not_given(by: str) -> str:
    """The name of the group of articles whose outlet or date (``by``) is missing."""
    return NOT_GIVEN.get(by, f"{by} not given")


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


def corpus_groups(corpus: CorpusTables, by: str = "outlet", *, missing: str | None = None) -> pd.DataFrame:
    """The corpus's leaders table with a ``group`` column: which group each article falls in.

    Args:
        corpus: A ``Corpus`` (``helpers.corpus.analyze_corpus``); the columns its
            ``leaders`` table lacks are taken from its ``articles`` table.
        by: ``"outlet"``, ``"published"`` (the ISO date), ``"month"`` (``YYYY-MM`` of the
            publication date) or ``"article"`` (the article id).
        missing: The group of articles whose outlet or date is missing; by default
            :func:`not_given` (``"outlet not given — add metadata.csv"``). The corpus
            tables themselves keep the missing value.

    Returns:
        A copy of ``corpus.leaders`` (one row per article and leader) with ``group`` added.

    Raises:
        ValueError: ``by`` is not one of the groupings above.
    """
    if by not in CORPUS_GROUPS:
        raise ValueError(f"cannot group a corpus by {by!r}; use one of {', '.join(CORPUS_GROUPS)}")
    missing = not_given(by) if missing is None else missing
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
    table["group"] = pd.Series([missing if lab is None else lab for lab in labels], index=table.index, dtype=object)
    return table.reset_index(drop=True)


def _group_order(table: pd.DataFrame, by: str, corpus: CorpusTables) -> list[str]:
    """The groups in reading order: outlets by number of articles, dates in time order, articles as in the corpus;
    the articles without an outlet or date last."""
    unknown = not_given(by)
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


def _ranked(leaders: pd.DataFrame) -> list[str]:
    """Leader names of a leaders table, those in the most articles first, then the most mentioned, then by name."""
    if leaders.empty or "leader" not in leaders:
        return []
    table = leaders.assign(
        _mentions=pd.to_numeric(leaders["mentions"], errors="coerce").fillna(0) if "mentions" in leaders else 0)
    stats = table.groupby("leader").agg(articles=("article", "nunique"), mentions=("_mentions", "sum")).reset_index()
    stats = stats.sort_values(["articles", "mentions", "leader"], ascending=[False, False, True])
    return stats["leader"].tolist()


def shown_count(top: int | None) -> int:
    """How many leaders a corpus chart draws for ``top``: at most :data:`MAX_LEADERS`, one colour each."""
    return MAX_LEADERS if top is None else max(min(int(top), MAX_LEADERS), 0)


def corpus_leaders(corpus: CorpusTables, *, top: int | None = None) -> list[str]:
    """The leaders followed across a corpus: those in the most articles first, then the most mentioned.

    Args:
        corpus: A ``Corpus``.
        top: How many to return; None for all of them.

    Returns:
        Leader names, most followed first (ties broken by name).
    """
    names = _ranked(corpus.leaders)
    return names if top is None else names[: max(int(top), 0)]


def corpus_colors(leaders: pd.DataFrame | CorpusTables) -> dict[str, str]:
    """One colour per leader of a run, for every chart of it: each article's and the corpus charts'.

    The groups drawn together are the leaders the corpus charts show (the
    :data:`MAX_LEADERS` in the most articles), coloured first, then each article's
    leaders; see :func:`~helpers.output.style.leader_colors`. The report job and the
    corpus charts both call this, so a leader has the same colour in each.

    Args:
        leaders: A ``Corpus`` or a leaders table (``article``, ``leader``, ``mentions``).
    """
    table = leaders if isinstance(leaders, pd.DataFrame) else leaders.leaders
    names = _ranked(table)
    if not names:
        return {}
    articles = [list(g) for _, g in table.groupby("article", sort=True)["leader"]]
    return leader_colors(names, together=[names[:MAX_LEADERS], *articles])


def followed(corpus: CorpusTables, by: str, top: int | None) -> tuple[pd.DataFrame, list[str], list[str]]:
    """The leaders table of the leaders shown (``top``, at most :data:`MAX_LEADERS`), grouped (one row per
    article and leader), with those leaders and the groups."""
    grouped = corpus_groups(corpus, by)
    names = corpus_leaders(corpus, top=shown_count(top))
    rows = grouped[grouped["leader"].isin(names)].drop_duplicates(["article", "leader"]).reset_index(drop=True)
    groups = _group_order(rows, by, corpus) if not rows.empty else []
    return rows, names, groups


def left_out(corpus: CorpusTables, top: int | None) -> list[str]:
    """The leaders of a corpus that a chart with ``top`` does not draw, most followed first."""
    return corpus_leaders(corpus)[shown_count(top):]


def corpus_quote_share_table(corpus: CorpusTables, *, by: str = "outlet",
                             top: int | None = MAX_LEADERS) -> pd.DataFrame:
    """Each followed leader's mean share of an article's direct quotes, per group of articles.

    Args:
        corpus: A ``Corpus``.
        by: The grouping (see :func:`corpus_groups`).
        top: How many leaders (see :func:`corpus_leaders`; at most :data:`MAX_LEADERS`).

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


def corpus_tone_table(corpus: CorpusTables, *, by: str = "outlet", top: int | None = MAX_LEADERS) -> pd.DataFrame:
    """Each followed leader's mean voice and coverage tone (default method) per group of articles.

    Args:
        corpus: A ``Corpus``.
        by: The grouping (see :func:`corpus_groups`).
        top: How many leaders (see :func:`corpus_leaders`; at most :data:`MAX_LEADERS`).

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
