"""The corpus charts: who is quoted and the tone, per leader, across the groups of a corpus's articles.

They take a ``Corpus`` (``helpers.corpus.analyze_corpus``, any
:class:`~helpers.output.corpus_tables.CorpusTables`) and read its ``leaders`` table:
one panel per leader followed across the corpus, one row per group of articles
(outlet, publication date, month or article). The data plotted comes from
``helpers.output.corpus_tables``, the captions from ``helpers.output.captions``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..nlp.schema import ASPECTS, COVERAGE, VOICE
from .captions import Sentence, corpus_quote_share_caption, corpus_tone_caption, join_words, plural
from .charts import Chart
from .corpus_tables import (
    CORPUS_GROUPS,
    LEADERS_TABLE,
    MAX_LEADERS,
    CorpusTables,
    corpus_colors,
    corpus_quote_share_table,
    corpus_tone_table,
    followed,
    left_out,
    not_given,
)
from .style import (
    ASPECT_LABELS,
    INK,
    LIGHT_INK,
    STYLE,
    chart_colors,
    chart_style,
    color_of,
    empty_axes,
    method_label,
    new_figure,
)
from .tables import default_method


def _corpus_subtitle(corpus: CorpusTables, by: str, names: list[str], top: int | None) -> str:
    """What the chart covers; when it leaves leaders out, how many and where they are: "+K more — see …"."""
    text = f"{plural(len(corpus.articles), 'article')} grouped by {CORPUS_GROUPS[by]}"
    if not names:
        return text
    rest = left_out(corpus, top)
    if not rest:
        return text + "; " + ("the one leader" if len(names) == 1 else f"all {len(names)} leaders")
    named = ", ".join(rest[:3]) + (" …" if len(rest) > 3 else "")
    return text + f"; the {len(names)} leaders in the most articles; {more_note(corpus, top)} ({named})"


def more_note(corpus: CorpusTables, top: int | None) -> str:
    """The note a corpus chart carries when it leaves leaders out ("+2 more — see tables/leaders.csv"), or ""."""
    rest = left_out(corpus, top)
    return f"+{len(rest)} more — see {LEADERS_TABLE}" if rest else ""


def _with_rest(caption: str, corpus: CorpusTables, top: int | None) -> Sentence:
    """The caption, naming the leaders the chart leaves out."""
    rest = left_out(corpus, top)
    if not rest:
        return Sentence(caption)
    return Sentence(f"{caption} Not drawn, to keep one colour per leader: {join_words(rest)} (see {LEADERS_TABLE}).")


def _wrap(name: str, width: int = 22) -> str:
    return textwrap.fill(name, width) if len(name) > width else name


def _corpus_panels(fig: Figure, names: list[str], groups: list[str], by: str,
                   colors: dict[str, str]) -> tuple[list[Axes], np.ndarray]:
    """One panel per leader (their name as its title, in their colour), groups down the shared y axis."""
    axes = list(fig.subplots(1, len(names), sharey=True, sharex=True, squeeze=False)[0])
    y = np.arange(len(groups))[::-1].astype(float)
    for ax, n in zip(axes, names):
        ax.set_title(_wrap(n), color=color_of(n, colors), fontweight="bold", fontsize=10.5)
        ax.tick_params(axis="y", length=0)
    axes[0].set_yticks(y, groups)
    for tick, g in zip(axes[0].get_yticklabels(), groups):
        if g == not_given(by):
            tick.set_color(LIGHT_INK)
            tick.set_fontstyle("italic")
    axes[0].set_ylabel(CORPUS_GROUPS[by])
    axes[0].set_ylim(-0.6, len(groups) - 0.4)
    return axes, y


def _corpus_size(names: list[str], groups: list[str], *, per_group: float) -> tuple[float, float]:
    label = max((len(g) for g in groups), default=8)
    width = max(8.0, 1.3 + 0.075 * label + 2.35 * max(len(names), 1))
    height = max(3.4, 2.3 + per_group * max(len(groups), 1))
    return width, height


def chart_corpus_quote_share(corpus: CorpusTables, *, by: str = "outlet", top: int | None = MAX_LEADERS,
                             colors: Mapping[str, str] | None = None) -> Chart:
    """Who is quoted across a corpus: each leader's mean share of an article's direct quotes, per group.

    One panel per leader (every leader, or when there are more than ``top`` the ``top``
    in the most articles, see :func:`~helpers.output.corpus_tables.corpus_leaders`, and
    the subtitle says "+K more — see tables/leaders.csv"), one bar per group of articles
    (``by``: outlet, published, month or article); each bar is labelled with its share
    and the number of articles behind it, and a group without the leader says so.

    Args:
        corpus: A ``Corpus`` (``helpers.corpus.analyze_corpus``).
        by: How to group the articles (see :func:`~helpers.output.corpus_tables.corpus_groups`).
        top: How many leaders to show at most (None or more than six: six, one colour each).
        colors: The run's leader colours (the report job's registry, a notebook's ``COLORS``);
            by default :func:`~helpers.output.corpus_tables.corpus_colors` of ``corpus``.

    Returns:
        A ``Chart`` named ``corpus_quote_share``; its data is
        :func:`~helpers.output.corpus_tables.corpus_quote_share_table` (``group, leader, articles, quote_share``).
    """
    data = corpus_quote_share_table(corpus, by=by, top=top)
    rows, names, groups = followed(corpus, by, top)
    colors = chart_colors(names, corpus_colors(corpus) if colors is None else colors)
    width, height = _corpus_size(names, groups, per_group=0.36)
    with chart_style():
        fig = new_figure(f"Who is quoted: share of each article's direct quotes, by {CORPUS_GROUPS[by]}",
                         _corpus_subtitle(corpus, by, names, top), width=width, height=height, wrap=True)
        if data.empty:
            empty_axes(fig.add_subplot(), "No leaders found in this corpus")
        else:
            axes, y = _corpus_panels(fig, names, groups, by, colors)
            for ax, n in zip(axes, names):
                sub = data[data["leader"] == n].set_index("group").reindex(groups)
                values = sub["quote_share"].astype(float)
                ax.barh(y, values.fillna(0).to_numpy(), color=color_of(n, colors), height=0.62)
                for yi, v, k in zip(y, values, sub["articles"].fillna(0).astype(int)):
                    if k == 0 or pd.isna(v):
                        ax.text(0.02, yi, "no articles", ha="left", va="center", fontsize=8.5, color=LIGHT_INK)
                    else:
                        ax.annotate(f"{v:.0%} · n={k}", (v, yi), xytext=(3, 0), textcoords="offset points",
                                    ha="left", va="center", fontsize=8.5)
                ax.set_xlim(0, 1.55)
                ax.set_xticks([0, 0.5, 1], ["0%", "50%", "100%"])
                ax.spines["bottom"].set_bounds(0, 1)
                ax.grid(axis="x")
            fig.supxlabel("mean share of an article's direct quotes (n = articles with the leader)",
                          fontsize=STYLE["axes.labelsize"], color=INK)
    return Chart("corpus_quote_share", fig, data,
                 _with_rest(corpus_quote_share_caption(rows, data, names, by), corpus, top))


def chart_corpus_tone(corpus: CorpusTables, *, by: str = "outlet", top: int | None = MAX_LEADERS,
                      colors: Mapping[str, str] | None = None) -> Chart:
    """Tone across a corpus: each leader's mean voice and coverage per group of articles (default method).

    One panel per leader, one row per group: voice (filled circle) is the mean of
    the articles' tone of the leader's own direct quotes, coverage (open square)
    the mean of the articles' tone toward them where mentioned. Each article with
    a figure counts once, whatever its number of sentences; ``n`` beside a point is
    the number of articles behind it, and "no data" marks a group without one.

    Args:
        corpus: A ``Corpus`` (``helpers.corpus.analyze_corpus``).
        by: How to group the articles (see :func:`~helpers.output.corpus_tables.corpus_groups`).
        top: How many leaders to show at most (None or more than six: six, one colour each).
        colors: The run's leader colours (the report job's registry, a notebook's ``COLORS``);
            by default :func:`~helpers.output.corpus_tables.corpus_colors` of ``corpus``.

    Returns:
        A ``Chart`` named ``corpus_tone``; its data is :func:`~helpers.output.corpus_tables.corpus_tone_table`
        (``group, leader, aspect, articles, mean``).
    """
    data = corpus_tone_table(corpus, by=by, top=top)
    rows, names, groups = followed(corpus, by, top)
    colors = chart_colors(names, corpus_colors(corpus) if colors is None else colors)
    method = default_method(corpus.tone) if "method" in corpus.tone else None
    scored = f"{method_label(method)}, voice by VADER" if method else "the default method"
    present = set(zip(rows["group"], rows["leader"]))
    width, height = _corpus_size(names, groups, per_group=0.5)
    with chart_style():
        fig = new_figure(f"Tone by {CORPUS_GROUPS[by]}: the leaders' own words (voice) vs their coverage",
                         f"{_corpus_subtitle(corpus, by, names, top)}; {scored}", width=width, height=height + 0.3,
                         wrap=True)
        if data.empty or data["mean"].isna().all():
            empty_axes(fig.add_subplot(), "No leaders found in this corpus" if data.empty
                       else "No tone figures available for these leaders")
        else:
            axes, y = _corpus_panels(fig, names, groups, by, colors)
            values = data["mean"].dropna().abs()
            span = min(max(float(values.max()), 0.1) * 1.55, 1.6)
            for ax, n in zip(axes, names):
                c = color_of(n, colors)
                ax.axvline(0, color=LIGHT_INK, linewidth=0.8, zorder=0)
                ax.grid(axis="x")
                sub = data[data["leader"] == n]
                for yi, g in zip(y, groups):
                    if (g, n) not in present:
                        ax.text(0, yi, "no articles", ha="center", va="center", fontsize=8, color=LIGHT_INK,
                                bbox={"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none"})
                        continue
                    for j, aspect in enumerate(ASPECTS):
                        yy = yi + (0.17 if j == 0 else -0.17)
                        row = sub[(sub["group"] == g) & (sub["aspect"] == aspect)]
                        if row.empty or int(row["articles"].iloc[0]) == 0 or pd.isna(row["mean"].iloc[0]):
                            ax.text(0, yy, "no data", ha="center", va="center", fontsize=7.5, color=LIGHT_INK,
                                    bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"})
                            continue
                        m, k = float(row["mean"].iloc[0]), int(row["articles"].iloc[0])
                        ax.plot([m], [yy], ls="", marker="o" if j == 0 else "s", color=c,
                                mfc=c if j == 0 else "white", mec=c, mew=1.8, ms=7)
                        ax.annotate(f"n={k}", (m, yy), xytext=(7, 0), textcoords="offset points",
                                    ha="left", va="center", fontsize=8, color=LIGHT_INK)
                ax.set_xlim(-span, span)
                ax.set_xlabel("mean tone (−1 … +1)")
            handles = [
                Line2D([], [], marker="o", ls="", color=INK, ms=7, label=ASPECT_LABELS[VOICE]),
                Line2D([], [], marker="s", ls="", color=INK, mfc="white", ms=7, label=ASPECT_LABELS[COVERAGE]),
            ]
            fig.legend(handles=handles, loc="outside lower center", ncol=2, fontsize=9,
                       title="tone −1 negative, 0 neutral, +1 positive; n = articles with a figure, each counted once",
                       title_fontsize=9)
    return Chart("corpus_tone", fig, data, _with_rest(corpus_tone_caption(rows, names, scored), corpus, top))
