"""The one-article charts: one function per chart, each reading the Analysis tables (never the text again).

Every function takes an ``Analysis`` (any :class:`~helpers.output.tables.ArticleTables`)
and returns a :class:`Chart`: the matplotlib ``Figure``, the exact table plotted
(``chart.data``, from ``helpers.output.tables``, what ``export`` writes as CSV), a file
name and a one-sentence ``caption`` (``helpers.output.captions``) that states what the
chart shows in numbers. ``fig, data = chart`` unpacks the first two. The style is
``helpers.output.style``; the corpus charts are in ``helpers.output.corpus_charts``.

Every chart that draws leaders takes ``colors=``: the run's registry of leader colours
(``helpers.output.corpus_tables.corpus_colors``), so a leader is drawn in the same colour
in every article of a run and in the corpus charts; without it the chart colours the
article's own leaders (:func:`~helpers.output.style.leader_colors`).
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..nlp.schema import ASPECTS, COVERAGE, DIRECT, INDIRECT, VOICE
from .captions import (
    Sentence,
    describe_tone,
    entity_counts_caption,
    mentions_caption,
    quote_counts_caption,
    sentence_tone_caption,
    speakers_caption,
)
from .style import (
    ASPECT_LABELS,
    INK,
    LIGHT_INK,
    METHOD_NOTES,
    OTHER_COLOR,
    STYLE,
    chart_colors,
    chart_style,
    color_leader_ticks,
    color_of,
    empty_axes,
    label_bars,
    method_label,
    new_figure,
    score_label,
    tint,
)
from .tables import (
    ArticleTables,
    entity_count_table,
    leader_names,
    leader_tone_table,
    mention_rule_table,
    quote_count_table,
    sentence_tone_table,
    speaker_table,
    tone_leaders,
    tone_methods,
)

#: A registry of leader colours, ``{name: "#rrggbb"}``.
Colors = Mapping[str, str]


@dataclass(frozen=True, eq=False, repr=False)
class Chart:
    """One chart: the figure, the exact data plotted, a file name and a caption.

    ``fig, data = chart`` unpacks the figure and the data. In a notebook a
    ``Chart`` shows itself as the picture.
    """

    name: str
    fig: Figure
    data: pd.DataFrame
    caption: Sentence = field(default_factory=lambda: Sentence(""))

    def __repr__(self) -> str:
        return f"Chart({self.name!r}, data: {len(self.data)} rows × {len(self.data.columns)} columns)"

    def __iter__(self) -> Iterator[Any]:
        yield self.fig
        yield self.data

    @property
    def alt(self) -> str:
        """A text alternative for the picture: the chart's title and its caption."""
        title = self.fig.get_suptitle().strip()
        return f"{title}. {self.caption}".strip()

    def _repr_png_(self) -> bytes:
        buf = io.BytesIO()
        with matplotlib.rc_context(STYLE):
            self.fig.savefig(buf, format="png", dpi=110, metadata={"Software": None})
        return buf.getvalue()

    def _repr_mimebundle_(self, include=None, exclude=None):
        # the HTML form carries the alt text (nbconvert's HTML and JupyterLab show it); the PNG is for the rest
        png = self._repr_png_()
        img = (f'<img alt="{html.escape(self.alt, quote=True)}" '
               f'src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}">')
        return {"text/html": img, "image/png": png, "text/plain": repr(self)}, {"image/png": {"alt": self.alt}}


def article_title(analysis: ArticleTables, limit: int = 70) -> str:
    """The article's headline, shortened to ``limit`` characters, for chart titles."""
    title = " ".join(str(analysis.article.title or analysis.slug).split())
    if len(title) > limit:
        title = title[: limit - 1].rstrip(" ,;:–—-") + "…"
    return title


def _figure(analysis: ArticleTables, what: str, *, width: float = 8.0, height: float = 4.5) -> Figure:
    return new_figure(what, article_title(analysis), width=width, height=height)


def _legend_direct_indirect() -> list[Patch]:
    return [Patch(facecolor=LIGHT_INK, label="direct quotes"),
            Patch(facecolor=tint(LIGHT_INK, 0.6), edgecolor=LIGHT_INK, hatch="///", label="indirect statements")]


# --------------------------------------------------------------------------- 1. entities by type


def chart_entity_counts(analysis: ArticleTables, *, colors: Colors | None = None) -> Chart:
    """How many named entities of each type the article has (horizontal bars, most frequent on top).

    Data: ``label``, ``meaning``, ``mentions`` (entity occurrences), ``distinct`` (different canonical names).
    ``colors`` is accepted like every chart's and unused: the bars are entity types, in grey.
    """
    data = entity_count_table(analysis)
    with chart_style():
        fig = _figure(analysis, "Named entities by type", height=max(3.0, 1.4 + 0.32 * len(data)))
        ax = fig.add_subplot()
        if data.empty:
            empty_axes(ax, "No named entities found")
        else:
            rows = data.iloc[::-1]
            labels = [f"{m} ({lab})" for lab, m in zip(rows["label"], rows["meaning"])]
            bars = ax.barh(labels, rows["mentions"], color=OTHER_COLOR, height=0.7)
            label_bars(ax, bars, rows["mentions"].tolist(), horizontal=True)
            ax.set_xlabel("entity mentions in the article (count)")
            ax.tick_params(axis="y", length=0)
            ax.margins(x=0.08)
    return Chart("entity_counts", fig, data, entity_counts_caption(data))


# --------------------------------------------------------------------------- 2. mentions by rule


def chart_mentions(analysis: ArticleTables, *, colors: Colors | None = None) -> Chart:
    """Mentions per leader, stacked by the rule that found them (full name, title + name, surname, role, pronoun).

    Each leader's bar is in their colour, lighter for the less explicit rules. A segment
    wide enough is labelled with its rule and count (or its count); the legend has one
    row per leader with a swatch in the exact colour of each of their segments and its
    count, so every segment can be told apart, however small.
    Data: ``leader``, ``rule``, ``mentions``.
    """
    data = mention_rule_table(analysis)
    names = list(dict.fromkeys(data["leader"]))
    rules = list(dict.fromkeys(data["rule"]))
    colors = chart_colors(leader_names(analysis) or names, colors)
    shade = {r: min(0.22 * i, 0.82) for i, r in enumerate(rules)}
    counts = {(n, r): float(v) for n, r, v in zip(data["leader"], data["rule"], data["mentions"])}
    used = [r for r in rules if any(counts.get((n, r), 0) > 0 for n in names)]
    with chart_style():
        fig = _figure(analysis, "How each leader is mentioned", height=max(3.2, 2.4 + 0.85 * len(names)))
        ax = fig.add_subplot()
        if not names or not used:
            empty_axes(ax, "No leader found in this article" if not names else "No leader is mentioned")
        else:
            y = np.arange(len(names))[::-1]
            left = np.zeros(len(names))
            scale = max(data.groupby("leader")["mentions"].sum().max(), 1)
            for rule in used:
                values = np.array([counts.get((n, rule), 0.0) for n in names])
                bar_colors = [segment_color(n, rule, colors, shade) for n in names]
                bars = ax.barh(y, values, left=left, color=bar_colors, edgecolor="white", linewidth=1.2, height=0.6)
                for bar, v, c in zip(bars, values, bar_colors):
                    if v <= 0 or v / scale < 0.035:
                        continue  # too narrow for text: the legend names it
                    # the rule's name goes inside the segment when it fits, else just the count
                    label = f"{rule}\n{v:g}" if v / scale >= 0.012 * len(rule) + 0.02 else f"{v:g}"
                    lum = np.dot(matplotlib.colors.to_rgb(c), [0.299, 0.587, 0.114])
                    ax.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2, label,
                            ha="center", va="center", fontsize=8.5, linespacing=1.1,
                            color="white" if lum < 0.55 else INK)
                left = left + values
            for yi, total in zip(y, left):
                ax.annotate(f"{total:g} in all", (total, yi), xytext=(4, 0), textcoords="offset points",
                            va="center", fontsize=9.5)
            ax.set_yticks(y, names)
            color_leader_ticks(ax.get_yticklabels(), colors)
            ax.tick_params(axis="y", length=0)
            ax.set_xlabel("mentions in the article (count)")
            ax.margins(x=0.12)
            _mentions_legend(fig, names, used, counts, colors, shade)
    return Chart("mentions", fig, data, mentions_caption(data))


def segment_color(name: str, rule: str, colors: Mapping[str, str], shade: Mapping[str, float]) -> str:
    """The colour of a leader's segment in the mentions chart: their colour, lighter for a less explicit rule."""
    return tint(color_of(name, colors), shade[rule])


def _mentions_legend(fig: Figure, names: list[str], rules: list[str], counts: Mapping[tuple[str, str], float],
                     colors: Mapping[str, str], shade: Mapping[str, float]) -> None:
    """One legend row per leader: their name, then a swatch of each segment's colour with its rule and count."""
    # matplotlib fills a legend column by column: the names first, then one column per rule
    handles = [Patch(facecolor="none", edgecolor="none", label=n) for n in names]
    for rule in rules:
        handles += [Patch(facecolor=segment_color(n, rule, colors, shade), edgecolor=LIGHT_INK, linewidth=0.5,
                          label=f"{rule}: {counts.get((n, rule), 0):g}") for n in names]
    legend = fig.legend(handles=handles, title="found by (left to right in each bar)", loc="outside lower center",
                        ncol=1 + len(rules), fontsize=8.5, title_fontsize=9.5, handlelength=1.4,
                        handletextpad=0.4, columnspacing=1.0)
    for text, n in zip(legend.get_texts(), names):
        text.set_color(color_of(n, colors))
        text.set_fontweight("bold")


# --------------------------------------------------------------------------- 3. quote counts


def chart_quote_counts(analysis: ArticleTables, *, colors: Colors | None = None) -> Chart:
    """Direct quotes and indirect statements per leader (left) and the words inside their direct quotes (right).

    Data: the ``quote_counts`` table (``leader, direct_quotes, quoted_words, share_quoted_words, indirect``).
    """
    data = quote_count_table(analysis)
    names = data["leader"].tolist()
    colors = chart_colors(leader_names(analysis) or names, colors)
    with chart_style():
        fig = _figure(analysis, "Who is quoted, and at what length", width=8.5, height=4.4)
        ax1, ax2 = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.25, 1]})
        if data.empty:
            empty_axes(ax1, "No leader found")
            empty_axes(ax2, "")
        else:
            x = np.arange(len(names))
            direct = data["direct_quotes"].astype(float).to_numpy()
            indirect = data["indirect"].astype(float).to_numpy()
            base = [color_of(n, colors) for n in names]
            b1 = ax1.bar(x - 0.19, direct, width=0.38, color=base, label="direct quotes")
            b2 = ax1.bar(x + 0.19, indirect, width=0.38, color=[tint(c, 0.6) for c in base], edgecolor=base,
                         hatch="///", linewidth=0.8, label="indirect statements")
            label_bars(ax1, b1, direct)
            label_bars(ax1, b2, indirect)
            ax1.set_xticks(x, names)
            ax1.set_ylabel("quotes (count)")
            ax1.set_title("Quotes and indirect statements")
            ax1.legend(handles=_legend_direct_indirect(), loc="upper right")
            words = data["quoted_words"].astype(float).to_numpy()
            share = data["share_quoted_words"].astype(float).to_numpy()
            share = share / 100 if np.nanmax(np.nan_to_num(share)) > 1 else share
            b3 = ax2.bar(x, words, width=0.55, color=base)
            for bar, w, s in zip(b3, words, share):
                if w > 0:
                    ax2.annotate(f"{w:g}\n({s:.0%} of all)" if not pd.isna(s) else f"{w:g}",
                                 (bar.get_x() + bar.get_width() / 2, w), xytext=(0, 2), textcoords="offset points",
                                 ha="center", va="bottom", fontsize=9.5)
            ax2.set_xticks(x, names)
            ax2.set_ylabel("words inside direct quotes (count)")
            ax2.set_title("Quoted words")
            for ax in (ax1, ax2):
                top = max(ax.get_ylim()[1], 1)
                ax.set_ylim(0, top * 1.25)
                ax.yaxis.get_major_locator().set_params(integer=True)
                ax.tick_params(axis="x", length=0)
                color_leader_ticks(ax.get_xticklabels(), colors)
    return Chart("quote_counts", fig, data, quote_counts_caption(data))


# --------------------------------------------------------------------------- 4. who else is quoted


def chart_speakers(analysis: ArticleTables, *, colors: Colors | None = None) -> Chart:
    """Everyone the article quotes: the leaders in their colours, everyone else grey (direct + indirect, stacked).

    Data: ``speaker_table(analysis)``.
    """
    data = speaker_table(analysis)
    colors = chart_colors(leader_names(analysis), colors)
    with chart_style():
        fig = _figure(analysis, "Who is quoted", height=max(3.0, 1.9 + 0.38 * len(data)))
        ax = fig.add_subplot()
        if data.empty:
            empty_axes(ax, "No quotes found in this article")
        else:
            rows = data.iloc[::-1]
            y = np.arange(len(rows))
            base = [color_of(s, colors) for s in rows["speaker"]]
            ax.barh(y, rows[DIRECT], color=base, height=0.65)
            ax.barh(y, rows[INDIRECT], left=rows[DIRECT], color=[tint(c, 0.6) for c in base], edgecolor=base,
                    hatch="///", linewidth=0.8, height=0.65)
            for yi, total in zip(y, rows["total"]):
                ax.annotate(f"{total:g}", (total, yi), xytext=(3, 0), textcoords="offset points", va="center",
                            fontsize=9.5)
            ax.set_yticks(y, rows["speaker"])
            color_leader_ticks(ax.get_yticklabels(), colors)
            ax.tick_params(axis="y", length=0)
            ax.xaxis.get_major_locator().set_params(integer=True)
            ax.set_xlabel("quotes and indirect statements (count)")
            ax.margins(x=0.08)
            ax.legend(handles=_legend_direct_indirect(), loc="lower right")
    return Chart("speakers", fig, data, speakers_caption(data))


# --------------------------------------------------------------------------- 5. voice vs coverage


def chart_tone(analysis: ArticleTables, *, colors: Colors | None = None) -> Chart:
    """Voice vs coverage per leader, mean tone with its 95 % bootstrap interval, one panel per method.

    Voice (filled circle) is the tone of the leader's own direct quotes; coverage
    (open square) the tone toward them in the sentences that mention them. A faded
    point has too few sentences behind it to be read with confidence (see ``note``).
    Data: the tone rows of the leaders (``method, leader, aspect, n, mean, low, high, note``).
    """
    data = leader_tone_table(analysis)
    names = tone_leaders(analysis)
    methods = tone_methods(data)
    colors = chart_colors(names, colors)
    with chart_style():
        fig = _figure(analysis, "Tone: the leaders' own words (voice) vs how they are covered",
                      width=max(6.0, 4.2 * max(len(methods), 1) + 0.6), height=4.8)
        axes = fig.subplots(1, max(len(methods), 1), sharey=True, squeeze=False)[0]
        if data.empty:
            empty_axes(axes[0], "No tone figures available")
        for ax, method in zip(axes, methods):
            sub = data[data["method"] == method]
            ax.axhline(0, color=LIGHT_INK, linewidth=0.8, zorder=0)
            ax.grid(axis="y")
            for i, n in enumerate(names):
                for j, aspect in enumerate(ASPECTS):
                    row = sub[(sub.leader == n) & (sub.aspect == aspect)]
                    x = i + (-0.17 if j == 0 else 0.17)
                    if row.empty or pd.isna(row["mean"].iloc[0]):
                        ax.text(x, 0, "no\ndata", ha="center", va="center", fontsize=8, color=LIGHT_INK)
                        continue
                    r = row.iloc[0]
                    weak = isinstance(r["note"], str) and r["note"].strip() != ""
                    c = color_of(n, colors)
                    lo = r["mean"] - r["low"] if not pd.isna(r["low"]) else 0
                    hi = r["high"] - r["mean"] if not pd.isna(r["high"]) else 0
                    ax.errorbar([x], [r["mean"]], yerr=[[max(lo, 0)], [max(hi, 0)]], fmt="o" if j == 0 else "s",
                                color=c, mfc=c if j == 0 else "white", mec=c, mew=1.8, ms=8, capsize=4,
                                elinewidth=1.6, alpha=0.45 if weak else 1.0)
                    top = r["high"] if not pd.isna(r["high"]) else r["mean"]
                    ax.annotate(f"n={int(r['n'])}", (x, top), xytext=(0, 4), textcoords="offset points",
                                ha="center", va="bottom", fontsize=8.5, color=LIGHT_INK)
            ax.set_xticks(range(len(names)), names)
            ax.set_xlim(-0.6, len(names) - 0.4)
            color_leader_ticks(ax.get_xticklabels(), colors)
            ax.tick_params(axis="x", length=0)
            note = METHOD_NOTES.get(method)
            ax.set_title(method_label(method) + (f"\n{note}" if note else ""), fontsize=10, linespacing=1.3)
        if not data.empty:
            lows = data["low"].fillna(data["mean"])
            highs = data["high"].fillna(data["mean"])
            span = max(abs(lows.min()), abs(highs.max()), 0.1)
            axes[0].set_ylim(-span * 1.3, span * 1.3)
            axes[0].set_ylabel("mean tone (−1 negative, 0 neutral, +1 positive)")
            handles = [
                Line2D([], [], marker="o", ls="", color=INK, ms=7, label=ASPECT_LABELS[VOICE]),
                Line2D([], [], marker="s", ls="", color=INK, mfc="white", ms=7, label=ASPECT_LABELS[COVERAGE]),
                Line2D([], [], marker="|", ls="", color=INK, ms=12, label="95 % interval (bootstrap)"),
            ]
            if data["note"].fillna("").astype(str).str.strip().ne("").any():
                handles.append(Line2D([], [], marker="o", ls="", color=INK, alpha=0.45, ms=7,
                                      label="faded: too few to rely on"))
            fig.legend(handles=handles, loc="outside lower center", ncol=2, fontsize=9)
    return Chart("tone", fig, data.reset_index(drop=True), describe_tone(analysis))


# --------------------------------------------------------------------------- 6. tone through the article


def chart_sentence_tone(analysis: ArticleTables, score: str = "polarity", *,
                        colors: Colors | None = None) -> Chart:
    """The tone of every sentence through the article, with each leader's mentions and quotes marked.

    Top: grey bars = the sentence's tone (TextBlob ``polarity`` by default, or ``vader``);
    coloured diamonds = the target-aware tone toward a leader in a sentence that
    mentions them. Bottom: one row per leader, a tick for every sentence that
    mentions them and a triangle where one of their direct quotes starts.
    Data: ``sentence_tone_table(analysis, score)``.
    """
    data = sentence_tone_table(analysis, score)
    names = leader_names(analysis)
    colors = chart_colors(names, colors)
    with chart_style():
        fig = _figure(analysis, "Tone sentence by sentence, with where each leader is mentioned and quoted",
                      width=9.5, height=5.4)
        ax, rug = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [3.2, max(len(names), 1) * 0.45]})
        if data.empty:
            empty_axes(ax, "No sentences")
            rug.set_axis_off()
        else:
            x = data["sentence"].astype(int).to_numpy()
            ax.bar(x, data[score].astype(float), width=0.8, color=tint(OTHER_COLOR, 0.35),
                   label=f"sentence tone ({score_label(score)})")
            ax.axhline(0, color=LIGHT_INK, linewidth=0.8)
            for n in names:
                col = f"tone toward: {n}"
                if col in data and data[col].notna().any():
                    ax.plot(x, data[col], ls="", marker="D", ms=6, color=colors[n], mec="white", mew=0.6,
                            label=f"tone toward {n} (target-aware)")
            ax.set_ylim(-1.05, 1.05)
            ax.set_ylabel("tone (−1 negative … +1 positive)")
            ax.grid(axis="y")
            ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=2, fontsize=9,
                      borderaxespad=0.2)
            for i, n in enumerate(names):
                yi = len(names) - 1 - i
                ment = data[data[f"mentions: {n}"] > 0]
                quot = data[data[f"quotes: {n}"] > 0]
                rug.plot(ment["sentence"], [yi] * len(ment), ls="", marker="|", ms=14, mew=2, color=colors[n])
                rug.plot(quot["sentence"], [yi + 0.28] * len(quot), ls="", marker="v", ms=7, color=colors[n])
            rug.set_yticks([len(names) - 1 - i for i in range(len(names))], names)
            color_leader_ticks(rug.get_yticklabels(), colors)
            rug.set_ylim(-0.6, max(len(names), 1) - 0.2)
            rug.tick_params(axis="y", length=0)
            rug.spines["left"].set_visible(False)
            rug.set_xlabel("sentence number in the article (0 = headline)")
            rug.set_xlim(x.min() - 1, x.max() + 1)
            if names:
                rug.legend(handles=[Line2D([], [], marker="|", ls="", color=INK, ms=10, mew=2, label="mentioned"),
                                    Line2D([], [], marker="v", ls="", color=INK, ms=6, label="direct quote starts")],
                           loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8.5)
    return Chart("sentence_tone", fig, data, sentence_tone_caption(data, names, score))


# --------------------------------------------------------------------------- all at once

#: Every chart, in the order the report shows them.
CHARTS = (chart_entity_counts, chart_mentions, chart_quote_counts, chart_speakers, chart_tone, chart_sentence_tone)


def all_charts(analysis: ArticleTables, *, colors: Colors | None = None) -> list[Chart]:
    """Every chart of an analysis, in report order, the leaders in ``colors`` (a run's registry) when given."""
    return [fn(analysis, colors=colors) for fn in CHARTS]
