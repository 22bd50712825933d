"""Charts: one function per chart, each reading the Analysis tables (never the text again).

Every function takes an ``Analysis`` and returns a :class:`Chart`: the matplotlib
``Figure``, the exact table plotted (``chart.data``, what ``helpers.export`` writes
as CSV), a file name and a one-sentence ``caption`` that states what the chart
shows in numbers. ``fig, data = chart`` unpacks the first two.

One style for all charts: DejaVu Sans (shipped with matplotlib, so a chart looks
the same on every machine), no top/right spines, each leader in their own
colour-blind-safe colour (Okabe–Ito palette, by leader order) and everyone else
grey, titles that name the article, axis labels with units.

The corpus charts (``chart_corpus_quote_share``, ``chart_corpus_tone``) take a
``Corpus`` instead (``helpers.corpus.analyze_corpus``) and read its ``leaders``
table: one panel per leader followed across the corpus, one row per group of
articles (outlet, publication date, month or article).

Figures are created with ``matplotlib.figure.Figure`` directly: nothing touches
pyplot's global state, nothing needs closing, and nothing pops up.
"""

from __future__ import annotations

import base64
import html
import io
import textwrap
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Annotation

#: Okabe & Ito (2008) colour-blind-safe palette, in the order leaders get them.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
#: Everyone who is not a leader.
OTHER_COLOR = "#8C8C8C"
#: Text and reference lines.
INK = "#333333"
LIGHT_INK = "#767676"

#: The mention rules, in the order they are stacked (most explicit first).
RULE_ORDER = ("full name", "title + name", "surname", "role phrase", "pronoun")
#: Quote kinds as the charts and report name them.
KIND_LABELS = {"direct": "direct quote", "indirect": "indirect statement", "scare": "scare quote"}
#: Human names of the tone methods; unknown methods are shown by their own name.
METHOD_LABELS = {
    "textblob": "TextBlob polarity",
    "vader": "VADER compound (whole sentence)",
    "newsmtsc": "NewsMTSC model (target-aware)",
}
#: What a reader must know about a method, shown under its name in the tone chart.
METHOD_NOTES = {
    "textblob": "the whole sentence, blind to whom it is about",
    "newsmtsc": "tone toward the leader; voice scored by VADER",
}
#: Plain-language names of spaCy's entity labels.
ENTITY_LABELS = {
    "PERSON": "people",
    "NORP": "nationalities, religious, political groups",
    "FAC": "buildings, airports, roads",
    "ORG": "organisations",
    "GPE": "countries, cities, states",
    "LOC": "other places",
    "PRODUCT": "products",
    "EVENT": "events",
    "WORK_OF_ART": "titles of works",
    "LAW": "laws",
    "LANGUAGE": "languages",
    "DATE": "dates",
    "TIME": "times of day",
    "PERCENT": "percentages",
    "MONEY": "sums of money",
    "QUANTITY": "quantities",
    "ORDINAL": "ordinals: first, second …",
    "CARDINAL": "other numbers",
}

#: The style every chart is drawn in.
STYLE: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 10.5,
    "axes.titlesize": 11.5,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10.5,
    "axes.labelcolor": INK,
    "axes.edgecolor": LIGHT_INK,
    "axes.linewidth": 0.8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "axes.axisbelow": True,
    "grid.color": "#E6E6E6",
    "grid.linewidth": 0.8,
    "xtick.color": INK,
    "ytick.color": INK,
    "text.color": INK,
    "legend.frameon": False,
    "legend.fontsize": 9.5,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "figure.dpi": 100,
    "figure.titlesize": 12.5,
    "figure.titleweight": "bold",
    "svg.fonttype": "path",
    "svg.hashsalt": "leadertone",
    "pdf.fonttype": 42,
}


class Sentence(str):
    """A sentence of interpretation: a plain ``str`` that a notebook shows as Markdown."""

    def _repr_markdown_(self) -> str:
        return str(self)


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


# --------------------------------------------------------------------------- colours and names


def _name(leader: Any) -> str:
    return leader if isinstance(leader, str) else str(leader.name)


def leader_colors(leaders: Iterable[Any]) -> dict[str, str]:
    """Each leader's colour, by leader order: the first is blue, the second vermillion, …

    Args:
        leaders: ``Leader`` records or names, in the analysis's order.

    Returns:
        ``{name: "#rrggbb"}``; look up anyone else with :func:`color_of`, which gives grey.
    """
    colors: dict[str, str] = {}
    for leader in leaders:
        name = _name(leader)
        if name not in colors:
            colors[name] = PALETTE[len(colors) % len(PALETTE)]
    return colors


def color_of(name: Any, colors: dict[str, str]) -> str:
    """A leader's colour, grey for anyone else (or nobody)."""
    return colors.get(name, OTHER_COLOR) if isinstance(name, str) else OTHER_COLOR


def tint(color: str, amount: float) -> str:
    """``color`` mixed with white: 0 keeps it, 1 gives white."""
    rgb = np.array(matplotlib.colors.to_rgb(color))
    mixed = rgb + (1.0 - rgb) * float(np.clip(amount, 0.0, 1.0))
    return matplotlib.colors.to_hex(mixed)


def leader_names(analysis: Any) -> list[str]:
    """The analysis's leaders, in order (from ``.leaders``, else from the mentions table)."""
    leaders = getattr(analysis, "leaders", None)
    if leaders is not None:
        return [_name(ld) for ld in leaders]
    mentions = getattr(analysis, "mentions", None)
    if mentions is not None and not mentions.empty:
        return list(dict.fromkeys(mentions["leader"]))
    return []


def article_title(analysis: Any, limit: int = 70) -> str:
    """The article's headline, shortened to ``limit`` characters, for chart titles."""
    article = getattr(analysis, "article", None)
    title = " ".join(str(getattr(article, "title", "") or getattr(analysis, "slug", "")).split())
    if len(title) > limit:
        title = title[: limit - 1].rstrip(" ,;:–—-") + "…"
    return title


def _signed(x: float) -> str:
    return "n/a" if x is None or pd.isna(x) else f"{x:+.2f}"


def _join(items: list[str]) -> str:
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


# --------------------------------------------------------------------------- figure scaffolding


@contextmanager
def _style():
    with matplotlib.rc_context(STYLE):
        yield


def _figure(analysis: Any, what: str, *, width: float = 8.0, height: float = 4.5,
            subtitle: str | None = None) -> Figure:
    fig = Figure(figsize=(width, height), layout="constrained")
    # the suptitle reserves a blank line under the title for each line of the article's headline
    # (or ``subtitle``, wrapped to the width); constrained layout makes room for them, and the
    # headline is drawn there in normal weight, anchored to the suptitle's bottom left
    second = article_title(analysis) if subtitle is None else textwrap.fill(subtitle, max(40, int(width * 10.5)))
    title = fig.suptitle(what + "\n " * (1 + second.count("\n")), x=0.01, ha="left", linespacing=1.45)
    fig.add_artist(Annotation(second, xy=(0, 0), xycoords=title, xytext=(0, 1),
                              textcoords="offset points", fontsize=STYLE["figure.titlesize"] - 1,
                              fontweight="normal", color=INK, ha="left", va="bottom"))
    fig.get_layout_engine().set(h_pad=0.08, w_pad=0.08)
    return fig


def _empty(ax, message: str) -> None:
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color=LIGHT_INK, fontsize=11)


def _label_bars(ax, bars, values, fmt: str = "{:g}", *, horizontal: bool = False, inside: bool = False) -> None:
    for bar, value in zip(bars, values):
        if value is None or pd.isna(value) or value == 0:
            continue
        if horizontal:
            x = bar.get_x() + bar.get_width()
            ax.annotate(fmt.format(value), (x, bar.get_y() + bar.get_height() / 2), xytext=(3, 0),
                        textcoords="offset points", va="center", ha="left", fontsize=9.5)
        else:
            y = bar.get_y() + bar.get_height()
            ax.annotate(fmt.format(value), (bar.get_x() + bar.get_width() / 2, y), xytext=(0, 2),
                        textcoords="offset points", ha="center", va="bottom", fontsize=9.5)


def _table(analysis: Any, name: str) -> pd.DataFrame | None:
    table = getattr(analysis, name, None)
    return table if isinstance(table, pd.DataFrame) else None


# --------------------------------------------------------------------------- 1. entities by type


def chart_entity_counts(analysis: Any) -> Chart:
    """How many named entities of each type the article has (horizontal bars, most frequent on top).

    Data: ``label``, ``meaning``, ``mentions`` (entity occurrences), ``distinct`` (different canonical names).
    """
    entities = _table(analysis, "entities")
    if entities is None or entities.empty:
        data = pd.DataFrame(columns=["label", "meaning", "mentions", "distinct"])
    else:
        data = (
            entities.groupby("label")
            .agg(mentions=("text", "size"), distinct=("canonical", "nunique"))
            .reset_index()
            .sort_values(["mentions", "label"], ascending=[False, True], ignore_index=True)
        )
        data.insert(1, "meaning", [ENTITY_LABELS.get(label, label.lower()) for label in data["label"]])
    with _style():
        fig = _figure(analysis, "Named entities by type", height=max(3.0, 1.4 + 0.32 * len(data)))
        ax = fig.add_subplot()
        if data.empty:
            _empty(ax, "No named entities found")
        else:
            rows = data.iloc[::-1]
            labels = [f"{m} ({lab})" for lab, m in zip(rows["label"], rows["meaning"])]
            bars = ax.barh(labels, rows["mentions"], color=OTHER_COLOR, height=0.7)
            _label_bars(ax, bars, rows["mentions"].tolist(), horizontal=True)
            ax.set_xlabel("mentions in the article (count)")
            ax.tick_params(axis="y", length=0)
            ax.margins(x=0.08)
    if data.empty:
        caption = "The article names no entities the pipeline recognises."
    else:
        top = data.iloc[0]
        caption = (
            f"The article has {_plural(int(data['mentions'].sum()), 'entity mention')} of "
            f"{_plural(len(data), 'type')}; the most frequent are {top['meaning']} "
            f"({top['label']}, {int(top['mentions'])} mentions of {_plural(int(top['distinct']), 'name')})."
        )
    return Chart("entity_counts", fig, data, Sentence(caption))


# --------------------------------------------------------------------------- 2. mentions by rule


def mention_rule_table(analysis: Any) -> pd.DataFrame:
    """Mentions per leader and rule, long form: ``leader``, ``rule``, ``mentions`` (zeros kept)."""
    names = leader_names(analysis)
    mentions = _table(analysis, "mentions")
    if mentions is None:
        mentions = pd.DataFrame(columns=["leader", "rule"])
    extra = [r for r in dict.fromkeys(mentions["rule"]) if r not in RULE_ORDER]
    rules = list(RULE_ORDER) + sorted(extra)
    counts = mentions.groupby(["leader", "rule"]).size() if not mentions.empty else pd.Series(dtype=int)
    rows = [
        {"leader": n, "rule": r, "mentions": int(counts.get((n, r), 0))}
        for n in names + [x for x in dict.fromkeys(mentions["leader"]) if x not in names]
        for r in rules
    ]
    return pd.DataFrame(rows, columns=["leader", "rule", "mentions"])


def chart_mentions(analysis: Any) -> Chart:
    """Mentions per leader, stacked by the rule that found them (full name, title + name, surname, role, pronoun).

    Each leader's bar is in their colour, lighter for the less explicit rules.
    Data: ``leader``, ``rule``, ``mentions``.
    """
    data = mention_rule_table(analysis)
    names = list(dict.fromkeys(data["leader"]))
    rules = list(dict.fromkeys(data["rule"]))
    colors = leader_colors(leader_names(analysis) or names)
    shade = {r: min(0.22 * i, 0.82) for i, r in enumerate(rules)}
    with _style():
        fig = _figure(analysis, "How each leader is mentioned", height=max(3.2, 2.4 + 0.6 * len(names)))
        ax = fig.add_subplot()
        if not names:
            _empty(ax, "No leader found in this article")
        else:
            y = np.arange(len(names))[::-1]
            left = np.zeros(len(names))
            for rule in rules:
                values = np.array([
                    data.loc[(data.leader == n) & (data.rule == rule), "mentions"].sum() for n in names
                ])
                bar_colors = [tint(color_of(n, colors), shade[rule]) for n in names]
                bars = ax.barh(y, values, left=left, color=bar_colors, edgecolor="white", linewidth=1.2, height=0.6)
                scale = max(data.groupby("leader")["mentions"].sum().max(), 1)
                for bar, v, c in zip(bars, values, bar_colors):
                    if v <= 0:
                        continue
                    # the rule's name goes inside the segment when it fits, else just the count
                    label = f"{rule}\n{v:g}" if v / scale >= 0.012 * len(rule) + 0.02 else f"{v:g}"
                    if v / scale >= 0.035:
                        lum = np.dot(matplotlib.colors.to_rgb(c), [0.299, 0.587, 0.114])
                        ax.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2, label,
                                ha="center", va="center", fontsize=8.5, linespacing=1.1,
                                color="white" if lum < 0.55 else INK)
                left = left + values
            for yi, total in zip(y, left):
                ax.annotate(f"{total:g} in all", (total, yi), xytext=(4, 0), textcoords="offset points",
                            va="center", fontsize=9.5)
            ax.set_yticks(y, names)
            for tick, n in zip(ax.get_yticklabels(), names):
                tick.set_color(color_of(n, colors))
                tick.set_fontweight("bold")
            ax.tick_params(axis="y", length=0)
            ax.set_xlabel("mentions in the article (count)")
            ax.margins(x=0.12)
            handles = [Patch(facecolor=tint(INK, 0.1 + 0.85 * shade[r]), edgecolor=LIGHT_INK, linewidth=0.5,
                             label=r) for r in rules]
            ax.legend(handles=handles, title="found by", loc="upper center", bbox_to_anchor=(0.5, -0.22),
                      ncol=min(len(rules), 6), alignment="center", title_fontsize=9.5)
    parts = []
    for n in names:
        sub = data[data.leader == n]
        total = int(sub["mentions"].sum())
        by_name = int(sub[sub.rule.isin(["full name", "title + name", "surname"])]["mentions"].sum())
        parts.append(f"{n} {_plural(total, 'time')} ({by_name} by name)")
    caption = (
        f"The article mentions {_join(parts)}; the rest are role phrases and pronouns resolved to them."
        if parts else "No leader was found in this article."
    )
    return Chart("mentions", fig, data, Sentence(caption))


# --------------------------------------------------------------------------- 3. quote counts


def chart_quote_counts(analysis: Any) -> Chart:
    """Direct quotes and indirect statements per leader (left) and the words inside their direct quotes (right).

    Data: the ``quote_counts`` table (``leader, direct_quotes, quoted_words, share_quoted_words, indirect``).
    """
    counts = _table(analysis, "quote_counts")
    cols = ["leader", "direct_quotes", "quoted_words", "share_quoted_words", "indirect"]
    data = (counts if counts is not None else pd.DataFrame(columns=cols)).copy()
    for c in cols:
        if c not in data:
            data[c] = 0
    data = data[cols].reset_index(drop=True)
    names = data["leader"].tolist()
    colors = leader_colors(leader_names(analysis) or names)
    with _style():
        fig = _figure(analysis, "Who is quoted, and at what length", width=8.5, height=4.4)
        ax1, ax2 = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.25, 1]})
        if data.empty:
            _empty(ax1, "No leader found")
            _empty(ax2, "")
        else:
            x = np.arange(len(names))
            direct = data["direct_quotes"].astype(float).to_numpy()
            indirect = data["indirect"].astype(float).to_numpy()
            base = [color_of(n, colors) for n in names]
            b1 = ax1.bar(x - 0.19, direct, width=0.38, color=base, label="direct quotes")
            b2 = ax1.bar(x + 0.19, indirect, width=0.38, color=[tint(c, 0.6) for c in base], edgecolor=base,
                         hatch="///", linewidth=0.8, label="indirect statements")
            _label_bars(ax1, b1, direct)
            _label_bars(ax1, b2, indirect)
            ax1.set_xticks(x, names)
            ax1.set_ylabel("quotes (count)")
            ax1.set_title("Quotes and indirect statements")
            ax1.legend(handles=[Patch(facecolor=LIGHT_INK, label="direct quotes"),
                                Patch(facecolor=tint(LIGHT_INK, 0.6), edgecolor=LIGHT_INK, hatch="///",
                                      label="indirect statements")], loc="upper right")
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
                for tick, n in zip(ax.get_xticklabels(), names):
                    tick.set_color(color_of(n, colors))
                    tick.set_fontweight("bold")
    parts = [
        f"{r.leader} is quoted directly {_plural(int(r.direct_quotes), 'time')} "
        f"({_plural(int(r.quoted_words), 'word')}) and paraphrased {_plural(int(r.indirect), 'time')}"
        for r in data.itertuples()
    ]
    caption = _join(parts) + "." if parts else "No leader was found, so no quotes are counted."
    return Chart("quote_counts", fig, data, Sentence(caption[:1].upper() + caption[1:]))


# --------------------------------------------------------------------------- 4. who else is quoted

NO_SPEAKER = "(speaker not found)"


def speaker_table(analysis: Any) -> pd.DataFrame:
    """Quotes per speaker: ``speaker``, ``is_leader``, ``direct``, ``indirect``, ``total`` (scare quotes left out)."""
    quotes = _table(analysis, "quotes")
    names = leader_names(analysis)
    cols = ["speaker", "is_leader", "direct", "indirect", "total"]
    if quotes is None or quotes.empty:
        return pd.DataFrame(columns=cols)
    q = quotes[quotes["kind"].isin(["direct", "indirect"])].copy()
    q["speaker"] = q["speaker"].where(q["speaker"].notna() & (q["speaker"].astype(str) != ""), NO_SPEAKER)
    # a quotation that runs over several paragraphs is one quote: count groups, as quote_counts does
    unit = q["group"] if "group" in q else pd.Series(range(len(q)), index=q.index)
    q = q.assign(_unit=unit)
    table = (
        q.groupby(["speaker", "kind"])["_unit"].nunique().unstack(fill_value=0)
        .reindex(columns=["direct", "indirect"], fill_value=0)
    )
    table.columns.name = None
    table = table.reset_index()
    table["total"] = table["direct"] + table["indirect"]
    table["is_leader"] = table["speaker"].isin(names)
    order = {n: i for i, n in enumerate(names)}
    table["_lead"] = table["speaker"].map(lambda s: order.get(s, len(order) + (1 if s == NO_SPEAKER else 0)))
    table = table.sort_values(["_lead", "total", "speaker"], ascending=[True, False, True], ignore_index=True)
    return table[cols].astype({"direct": int, "indirect": int, "total": int, "is_leader": bool})


def chart_speakers(analysis: Any) -> Chart:
    """Everyone the article quotes: the leaders in their colours, everyone else grey (direct + indirect, stacked).

    Data: ``speaker_table(analysis)``.
    """
    data = speaker_table(analysis)
    colors = leader_colors(leader_names(analysis))
    with _style():
        fig = _figure(analysis, "Who is quoted", height=max(3.0, 1.9 + 0.38 * len(data)))
        ax = fig.add_subplot()
        if data.empty:
            _empty(ax, "No quotes found in this article")
        else:
            rows = data.iloc[::-1]
            y = np.arange(len(rows))
            base = [color_of(s, colors) for s in rows["speaker"]]
            ax.barh(y, rows["direct"], color=base, height=0.65)
            ax.barh(y, rows["indirect"], left=rows["direct"], color=[tint(c, 0.6) for c in base], edgecolor=base,
                    hatch="///", linewidth=0.8, height=0.65)
            for yi, total in zip(y, rows["total"]):
                ax.annotate(f"{total:g}", (total, yi), xytext=(3, 0), textcoords="offset points", va="center",
                            fontsize=9.5)
            ax.set_yticks(y, rows["speaker"])
            for tick, s in zip(ax.get_yticklabels(), rows["speaker"]):
                tick.set_color(INK if s not in colors else colors[s])
                tick.set_fontweight("bold" if s in colors else "normal")
            ax.tick_params(axis="y", length=0)
            ax.xaxis.get_major_locator().set_params(integer=True)
            ax.set_xlabel("quotes and indirect statements (count)")
            ax.margins(x=0.08)
            ax.legend(handles=[Patch(facecolor=LIGHT_INK, label="direct quotes"),
                               Patch(facecolor=tint(LIGHT_INK, 0.6), edgecolor=LIGHT_INK, hatch="///",
                                     label="indirect statements")], loc="lower right")
    others = data[~data["is_leader"] & (data["speaker"] != NO_SPEAKER)] if not data.empty else data
    unknown = int(data.loc[data["speaker"] == NO_SPEAKER, "total"].sum()) if not data.empty else 0
    if data.empty:
        caption = "The article contains no quotes."
    elif others.empty:
        caption = "Only the leaders are quoted."
    else:
        caption = f"Besides the leaders, the article quotes {_plural(len(others), 'other speaker')}: " + _join(
            [f"{r.speaker} ({r.total})" for r in others.itertuples()]) + "."
    if unknown:
        caption += f" {_plural(unknown, 'quote')} could not be given a speaker."
    return Chart("speakers", fig, data, Sentence(caption))


# --------------------------------------------------------------------------- 5. voice vs coverage

ASPECTS = ("voice", "coverage")
ASPECT_LABELS = {
    "voice": "voice: tone of their own direct quotes",
    "coverage": "coverage: tone toward them where mentioned",
}


def tone_methods(tone: pd.DataFrame) -> list[str]:
    """The tone methods in a tone table, TextBlob first."""
    methods = list(dict.fromkeys(tone["method"])) if tone is not None and not tone.empty else []
    return sorted(methods, key=lambda m: (m != "textblob", m == "vader", methods.index(m)))


def default_method(tone: pd.DataFrame) -> str | None:
    """The analysis's default (target-aware) tone method: the first one that is not TextBlob or VADER."""
    methods = tone_methods(tone)
    rest = [m for m in methods if m not in ("textblob", "vader")]
    return rest[0] if rest else (methods[0] if methods else None)


def method_label(method: str) -> str:
    """A method's name for people: ``textblob`` → "TextBlob polarity"."""
    return METHOD_LABELS.get(method, f"{method} (target-aware)")


def chart_tone(analysis: Any) -> Chart:
    """Voice vs coverage per leader, mean tone with its 95 % bootstrap interval, one panel per method.

    Voice (filled circle) is the tone of the leader's own direct quotes; coverage
    (open square) the tone toward them in the sentences that mention them. A faded
    point has too few sentences behind it to be read with confidence (see ``note``).
    Data: the tone rows of the leaders (``method, leader, aspect, n, mean, low, high, note``).
    """
    tone = _table(analysis, "tone")
    cols = ["method", "leader", "aspect", "n", "mean", "low", "high", "note"]
    names = leader_names(analysis)
    if tone is None or tone.empty:
        data = pd.DataFrame(columns=cols)
    else:
        names = names or [n for n in dict.fromkeys(tone["leader"]) if "−" not in n and " - " not in n]
        data = tone[tone["leader"].isin(names) & tone["aspect"].isin(ASPECTS)][cols].copy()
        rank = {m: i for i, m in enumerate(tone_methods(tone))}
        data = data.sort_values(
            ["method", "leader", "aspect"],
            key=lambda s: s.map(rank) if s.name == "method" else (
                s.map({n: i for i, n in enumerate(names)}) if s.name == "leader" else s.map(ASPECTS.index)),
            ignore_index=True,
        )
    methods = tone_methods(data)
    colors = leader_colors(names)
    with _style():
        fig = _figure(analysis, "Tone: the leaders' own words (voice) vs how they are covered",
                      width=max(6.0, 4.2 * max(len(methods), 1) + 0.6), height=4.8)
        axes = fig.subplots(1, max(len(methods), 1), sharey=True, squeeze=False)[0]
        if data.empty:
            _empty(axes[0], "No tone figures available")
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
            for tick, n in zip(ax.get_xticklabels(), names):
                tick.set_color(color_of(n, colors))
                tick.set_fontweight("bold")
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
                Line2D([], [], marker="o", ls="", color=INK, ms=7, label=ASPECT_LABELS["voice"]),
                Line2D([], [], marker="s", ls="", color=INK, mfc="white", ms=7, label=ASPECT_LABELS["coverage"]),
                Line2D([], [], marker="|", ls="", color=INK, ms=12, label="95 % interval (bootstrap)"),
            ]
            if data["note"].fillna("").astype(str).str.strip().ne("").any():
                handles.append(Line2D([], [], marker="o", ls="", color=INK, alpha=0.45, ms=7,
                                      label="faded: too few to rely on"))
            fig.legend(handles=handles, loc="outside lower center", ncol=2, fontsize=9)
    return Chart("tone", fig, data.reset_index(drop=True), Sentence(describe_tone(analysis)))


def describe_tone(analysis: Any, method: str | None = None) -> Sentence:
    """One or two sentences comparing the leaders' coverage and voice under ``method`` (the default method)."""
    tone = _table(analysis, "tone")
    if tone is None or tone.empty:
        return Sentence("No tone figures are available for this article.")
    method = method or default_method(tone)
    sub = tone[tone["method"] == method]
    names = leader_names(analysis) or [n for n in dict.fromkeys(sub["leader"]) if "−" not in n]
    out = []
    for aspect in ASPECTS:
        parts = []
        for n in names:
            row = sub[(sub.leader == n) & (sub.aspect == aspect)]
            if row.empty or pd.isna(row["mean"].iloc[0]):
                parts.append(f"{n} n/a")
                continue
            r = row.iloc[0]
            parts.append(f"{n} {_signed(r['mean'])} [{_signed(r['low'])}, {_signed(r['high'])}], n={int(r['n'])}")
        diff = sub[(sub.aspect == aspect) & ~sub.leader.isin(names)]
        clause = f"{aspect.capitalize()} ({method_label(method)}): " + "; ".join(parts)
        if not diff.empty and not pd.isna(diff["low"].iloc[0]):
            d = diff.iloc[0]
            verdict = (
                "no clear difference: its interval includes zero"
                if d["low"] <= 0 <= d["high"]
                else "a clear difference: its interval excludes zero"
            )
            clause += f"; difference {d['leader']} {_signed(d['mean'])} ({verdict})"
        out.append(clause + ".")
    own = sub[sub.leader.isin(names)]
    notes = [f"{r.leader}'s {r.aspect}: {r.note}" for r in own.itertuples()
             if isinstance(r.note, str) and r.note.strip()]
    if notes:
        out.append("Caution: " + "; ".join(notes) + ".")
    return Sentence(" ".join(out))


# --------------------------------------------------------------------------- 6. tone through the article


def sentence_tone_table(analysis: Any, score: str = "polarity") -> pd.DataFrame:
    """One row per sentence: ``sentence, start, end, paragraph, <score>`` and, per leader,
    ``mentions: <name>``, ``quotes: <name>`` (direct quotes starting there) and
    ``tone toward: <name>`` (mean target-aware score, empty where not mentioned)."""
    sentences = _table(analysis, "sentences")
    if sentences is None or sentences.empty:
        return pd.DataFrame(columns=["sentence", "start", "end", "paragraph", score])
    data = sentences[["sentence", "start", "end", "paragraph", score]].copy().reset_index(drop=True)
    mentions = _table(analysis, "mentions")
    quotes = _table(analysis, "quotes")
    targets = _table(analysis, "sentence_targets")
    for n in leader_names(analysis):
        m = mentions[mentions["leader"] == n].groupby("sentence").size() if mentions is not None else pd.Series()
        data[f"mentions: {n}"] = data["sentence"].map(m).fillna(0).astype(int)
        if quotes is not None and not quotes.empty:
            q = quotes[(quotes["speaker"] == n) & (quotes["kind"] == "direct")].groupby("sentence").size()
        else:
            q = pd.Series(dtype=int)
        data[f"quotes: {n}"] = data["sentence"].map(q).fillna(0).astype(int)
        if targets is not None and not targets.empty:
            t = targets[targets["leader"] == n].groupby("sentence")["score"].mean()
        else:
            t = pd.Series(dtype=float)
        data[f"tone toward: {n}"] = data["sentence"].map(t).astype(float)
    return data


def chart_sentence_tone(analysis: Any, score: str = "polarity") -> Chart:
    """The tone of every sentence through the article, with each leader's mentions and quotes marked.

    Top: grey bars = the sentence's tone (TextBlob ``polarity`` by default, or ``vader``);
    coloured diamonds = the target-aware tone toward a leader in a sentence that
    mentions them. Bottom: one row per leader, a tick for every sentence that
    mentions them and a triangle where one of their direct quotes starts.
    Data: ``sentence_tone_table(analysis, score)``.
    """
    data = sentence_tone_table(analysis, score)
    names = leader_names(analysis)
    colors = leader_colors(names)
    score_label = {"polarity": "TextBlob polarity", "vader": "VADER compound"}.get(score, score)
    with _style():
        fig = _figure(analysis, "Tone sentence by sentence, with where each leader is mentioned and quoted",
                      width=9.5, height=5.4)
        ax, rug = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [3.2, max(len(names), 1) * 0.45]})
        if data.empty:
            _empty(ax, "No sentences")
            rug.set_axis_off()
        else:
            x = data["sentence"].astype(int).to_numpy()
            ax.bar(x, data[score].astype(float), width=0.8, color=tint(OTHER_COLOR, 0.35),
                   label=f"sentence tone ({score_label})")
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
            for tick, n in zip(rug.get_yticklabels(), names):
                tick.set_color(colors[n])
                tick.set_fontweight("bold")
            rug.set_ylim(-0.6, max(len(names), 1) - 0.2)
            rug.tick_params(axis="y", length=0)
            rug.spines["left"].set_visible(False)
            rug.set_xlabel("sentence number in the article (0 = headline)")
            rug.set_xlim(x.min() - 1, x.max() + 1)
            if names:
                rug.legend(handles=[Line2D([], [], marker="|", ls="", color=INK, ms=10, mew=2, label="mentioned"),
                                    Line2D([], [], marker="v", ls="", color=INK, ms=6, label="direct quote starts")],
                           loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8.5)
    if data.empty:
        caption = "No sentences to show."
    else:
        neg = int((data[score] < -0.05).sum())
        pos = int((data[score] > 0.05).sum())
        caption = (
            f"Of {_plural(len(data), 'sentence')}, {pos} read positive and {neg} negative by {score_label}; "
            + _join([f"{n} is mentioned in {_plural(int((data[f'mentions: {n}'] > 0).sum()), 'sentence')}"
                     for n in names])
            + ("." if names else "no leader is mentioned.")
        )
    return Chart("sentence_tone", fig, data, Sentence(caption))


# --------------------------------------------------------------------------- 7. across a corpus

#: How a corpus's articles can be grouped, and what each grouping is called on a chart.
CORPUS_GROUPS = {"outlet": "outlet", "published": "publication date", "month": "month", "article": "article"}
#: The group of the articles whose outlet or date is not known.
UNKNOWN = "unknown"
_CORPUS_LEADER_COLUMNS = ["article", "leader", "mentions", "direct_quotes", "quote_share", "voice", "voice_n",
                          "coverage", "coverage_n", "outlet", "published"]


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _date_label(value: Any, by: str) -> str | None:
    """``value`` as an ISO date (``published``) or ``YYYY-MM`` (``month``); None when it is not a date."""
    if _missing(value):
        return None
    if by == "published" and isinstance(value, str):
        return value.strip()
    when = pd.to_datetime(value, errors="coerce")
    if pd.isna(when):
        return str(value).strip() if by == "published" else None
    return when.strftime("%Y-%m-%d" if by == "published" else "%Y-%m")


def corpus_groups(corpus: Any, by: str = "outlet", *, unknown: str = UNKNOWN) -> pd.DataFrame:
    """The corpus's leaders table with a ``group`` column: which group each article falls in.

    Args:
        corpus: A ``Corpus`` (``helpers.corpus.analyze_corpus``) or anything with a
            ``leaders`` table (and, for columns the leaders table lacks, ``articles``).
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
    leaders = _table(corpus, "leaders")
    table = (leaders if leaders is not None else pd.DataFrame(columns=_CORPUS_LEADER_COLUMNS)).copy()
    source = "published" if by == "month" else by
    if source not in table.columns:
        articles = _table(corpus, "articles")
        if articles is not None and source in articles.columns and "article" in articles.columns:
            table[source] = table["article"].map(dict(zip(articles["article"], articles[source])))
        else:
            table[source] = None
    if by in ("published", "month"):
        labels = [_date_label(v, by) for v in table[source]]
    else:
        labels = [None if _missing(v) else str(v).strip() for v in table[source]]
    table["group"] = pd.Series([unknown if lab is None else lab for lab in labels], index=table.index, dtype=object)
    return table.reset_index(drop=True)


def _group_order(table: pd.DataFrame, by: str, corpus: Any, unknown: str = UNKNOWN) -> list[str]:
    """The groups in reading order: outlets by number of articles, dates in time order, articles as in the corpus;
    the unknown group last."""
    groups = [g for g in dict.fromkeys(table["group"]) if g != unknown]
    if by == "article":
        articles = _table(corpus, "articles")
        order = list(articles["article"]) if articles is not None and "article" in articles else []
        rank = {a: i for i, a in enumerate(order)}
        groups.sort(key=lambda g: rank.get(g, len(rank)))
    elif by == "outlet":
        sizes = table.groupby("group")["article"].nunique()
        groups.sort(key=lambda g: (-int(sizes.get(g, 0)), g.lower(), g))
    else:
        groups.sort()
    return groups + ([unknown] if unknown in set(table["group"]) else [])


def corpus_leaders(corpus: Any, *, top: int | None = 4) -> list[str]:
    """The leaders followed across a corpus: those in the most articles first, then the most mentioned.

    Args:
        corpus: A ``Corpus`` (or anything with a ``leaders`` table).
        top: How many to return; None for all of them.

    Returns:
        Leader names, most followed first (ties broken by name).
    """
    leaders = _table(corpus, "leaders")
    if leaders is None or leaders.empty or "leader" not in leaders:
        return []
    table = leaders.assign(
        _mentions=pd.to_numeric(leaders["mentions"], errors="coerce").fillna(0) if "mentions" in leaders else 0)
    stats = table.groupby("leader").agg(articles=("article", "nunique"), mentions=("_mentions", "sum")).reset_index()
    stats = stats.sort_values(["articles", "mentions", "leader"], ascending=[False, False, True])
    names = stats["leader"].tolist()
    return names if top is None else names[: max(int(top), 0)]


def _followed(corpus: Any, by: str, top: int | None) -> tuple[pd.DataFrame, list[str], list[str]]:
    """The leaders table of the ``top`` leaders, grouped (one row per article and leader), with leaders and groups."""
    grouped = corpus_groups(corpus, by)
    names = corpus_leaders(corpus, top=top)
    rows = grouped[grouped["leader"].isin(names)].drop_duplicates(["article", "leader"]).reset_index(drop=True)
    groups = _group_order(rows, by, corpus) if not rows.empty else []
    return rows, names, groups


def corpus_quote_share_table(corpus: Any, *, by: str = "outlet", top: int | None = 4) -> pd.DataFrame:
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
    rows, names, groups = _followed(corpus, by, top)
    out = []
    for g in groups:
        for n in names:
            share = pd.to_numeric(rows.loc[(rows["group"] == g) & (rows["leader"] == n), "quote_share"],
                                  errors="coerce").dropna()
            out.append({"group": g, "leader": n, "articles": len(share),
                        "quote_share": round(float(share.mean()), 4) if len(share) else float("nan")})
    return pd.DataFrame(out, columns=cols).astype({"articles": int, "quote_share": float})


def _with_figure(rows: pd.DataFrame, aspect: str) -> pd.Series:
    """The articles that have a ``voice`` / ``coverage`` figure: a mean, over at least one sentence."""
    values = pd.to_numeric(rows[aspect], errors="coerce") if aspect in rows else pd.Series(np.nan, index=rows.index)
    has = values.notna()
    if f"{aspect}_n" in rows:
        has &= pd.to_numeric(rows[f"{aspect}_n"], errors="coerce").fillna(0) > 0
    return values[has]


def corpus_tone_table(corpus: Any, *, by: str = "outlet", top: int | None = 4) -> pd.DataFrame:
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
    rows, names, groups = _followed(corpus, by, top)
    out = []
    for g in groups:
        for n in names:
            sub = rows[(rows["group"] == g) & (rows["leader"] == n)]
            for aspect in ASPECTS:
                values = _with_figure(sub, aspect)
                out.append({"group": g, "leader": n, "aspect": aspect, "articles": len(values),
                            "mean": round(float(values.mean()), 4) if len(values) else float("nan")})
    return pd.DataFrame(out, columns=cols).astype({"articles": int, "mean": float})


def _corpus_subtitle(corpus: Any, by: str, names: list[str]) -> str:
    articles, leaders = _table(corpus, "articles"), _table(corpus, "leaders")
    if articles is not None:
        n = len(articles)
    else:
        n = leaders["article"].nunique() if leaders is not None and "article" in leaders else 0
    text = f"{_plural(n, 'article')} grouped by {CORPUS_GROUPS[by]}"
    if names:
        text += "; " + ("the leader" if len(names) == 1 else f"the {len(names)} leaders") + " in the most articles"
    return text


def _wrap(name: str, width: int = 22) -> str:
    return textwrap.fill(name, width) if len(name) > width else name


def _corpus_panels(fig: Figure, names: list[str], groups: list[str], by: str,
                   colors: dict[str, str]) -> tuple[list[Any], np.ndarray]:
    """One panel per leader (their name as its title, in their colour), groups down the shared y axis."""
    axes = list(fig.subplots(1, len(names), sharey=True, sharex=True, squeeze=False)[0])
    y = np.arange(len(groups))[::-1].astype(float)
    for ax, n in zip(axes, names):
        ax.set_title(_wrap(n), color=color_of(n, colors), fontweight="bold", fontsize=10.5)
        ax.tick_params(axis="y", length=0)
    axes[0].set_yticks(y, groups)
    for tick, g in zip(axes[0].get_yticklabels(), groups):
        if g == UNKNOWN:
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


def chart_corpus_quote_share(corpus: Any, *, by: str = "outlet", top: int | None = 4) -> Chart:
    """Who is quoted across a corpus: each leader's mean share of an article's direct quotes, per group.

    One panel per leader (the ``top`` leaders in the most articles, see
    :func:`corpus_leaders`), one bar per group of articles (``by``: outlet,
    published, month or article); each bar is labelled with its share and the
    number of articles behind it, and a group without the leader says so.

    Args:
        corpus: A ``Corpus`` (``helpers.corpus.analyze_corpus``).
        by: How to group the articles (see :func:`corpus_groups`).
        top: How many leaders to show.

    Returns:
        A ``Chart`` named ``corpus_quote_share``; its data is
        :func:`corpus_quote_share_table` (``group, leader, articles, quote_share``).
    """
    data = corpus_quote_share_table(corpus, by=by, top=top)
    rows, names, groups = _followed(corpus, by, top)
    colors = leader_colors(names)
    width, height = _corpus_size(names, groups, per_group=0.36)
    with _style():
        fig = _figure(corpus, f"Who is quoted: share of each article's direct quotes, by {CORPUS_GROUPS[by]}",
                      width=width, height=height, subtitle=_corpus_subtitle(corpus, by, names))
        if data.empty:
            _empty(fig.add_subplot(), "No leaders found in this corpus")
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
    return Chart("corpus_quote_share", fig, data, Sentence(_quote_share_caption(rows, data, names, by)))


def _quote_share_caption(rows: pd.DataFrame, data: pd.DataFrame, names: list[str], by: str) -> str:
    if data.empty:
        return "No leader was found in any article, so no quotes are compared."
    parts = []
    for n in names:
        share = pd.to_numeric(rows.loc[rows["leader"] == n, "quote_share"], errors="coerce").dropna()
        parts.append(f"{n} {share.mean():.0%} ({_plural(len(share), 'article')})" if len(share) else f"{n} n/a")
    caption = (f"Mean share of an article's direct quotes over the "
               f"{_plural(rows['article'].nunique(), 'article')} with these leaders: {_join(parts)}.")
    shown = data[data["articles"] > 0]
    if data["group"].nunique() > 1 and not shown.empty:
        best = shown.sort_values(["quote_share", "articles"], ascending=[False, False]).iloc[0]
        caption += (f" The highest by {CORPUS_GROUPS[by]} is {best['leader']} in “{best['group']}” "
                    f"({best['quote_share']:.0%}, {_plural(int(best['articles']), 'article')}).")
    return caption


def chart_corpus_tone(corpus: Any, *, by: str = "outlet", top: int | None = 4) -> Chart:
    """Tone across a corpus: each leader's mean voice and coverage per group of articles (default method).

    One panel per leader, one row per group: voice (filled circle) is the mean of
    the articles' tone of the leader's own direct quotes, coverage (open square)
    the mean of the articles' tone toward them where mentioned. Each article with
    a figure counts once, whatever its number of sentences; ``n`` beside a point is
    the number of articles behind it, and "no data" marks a group without one.

    Args:
        corpus: A ``Corpus`` (``helpers.corpus.analyze_corpus``).
        by: How to group the articles (see :func:`corpus_groups`).
        top: How many leaders to show.

    Returns:
        A ``Chart`` named ``corpus_tone``; its data is :func:`corpus_tone_table`
        (``group, leader, aspect, articles, mean``).
    """
    data = corpus_tone_table(corpus, by=by, top=top)
    rows, names, groups = _followed(corpus, by, top)
    colors = leader_colors(names)
    tone = _table(corpus, "tone")
    method = default_method(tone) if tone is not None and "method" in tone else None
    scored = f"{method_label(method)}, voice by VADER" if method else "the default method"
    present = set(zip(rows["group"], rows["leader"]))
    width, height = _corpus_size(names, groups, per_group=0.5)
    with _style():
        fig = _figure(corpus, f"Tone by {CORPUS_GROUPS[by]}: the leaders' own words (voice) vs their coverage",
                      width=width, height=height + 0.3,
                      subtitle=f"{_corpus_subtitle(corpus, by, names)}; {scored}")
        if data.empty or data["mean"].isna().all():
            _empty(fig.add_subplot(), "No leaders found in this corpus" if data.empty
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
                Line2D([], [], marker="o", ls="", color=INK, ms=7, label=ASPECT_LABELS["voice"]),
                Line2D([], [], marker="s", ls="", color=INK, mfc="white", ms=7, label=ASPECT_LABELS["coverage"]),
            ]
            fig.legend(handles=handles, loc="outside lower center", ncol=2, fontsize=9,
                       title="tone −1 negative, 0 neutral, +1 positive; n = articles with a figure, each counted once",
                       title_fontsize=9)
    return Chart("corpus_tone", fig, data, Sentence(_tone_caption(rows, names, scored)))


def _tone_caption(rows: pd.DataFrame, names: list[str], scored: str) -> str:
    parts = []
    for n in names:
        sub = rows[rows["leader"] == n]
        figures = []
        for aspect in ASPECTS:
            values = _with_figure(sub, aspect)
            figures.append(f"{aspect} {_signed(values.mean())} ({_plural(len(values), 'article')})"
                           if len(values) else f"{aspect} n/a")
        parts.append(f"{n} " + ", ".join(figures))
    if not parts:
        return "No leader was found in any article, so no tone is compared."
    if all("n/a" in p and p.count("n/a") == 2 for p in parts):
        return "No article has a tone figure for " + _join(names) + "."
    return f"Mean tone over the articles with a figure, by the {scored}: " + "; ".join(parts) + "."


def describe_corpus(corpus: Any) -> Sentence:
    """One or two sentences on a corpus: how many articles, outlets and leaders, and who is quoted most.

    Args:
        corpus: A ``Corpus`` (``helpers.corpus.analyze_corpus``).

    Returns:
        A ``Sentence`` (Markdown in a notebook).
    """
    articles = _table(corpus, "articles")
    leaders = _table(corpus, "leaders")
    errors = _table(corpus, "errors")
    n_errors = len(errors) if errors is not None else 0
    failed = f"; {_plural(n_errors, 'file')} could not be read" if n_errors else ""
    if articles is None or articles.empty:
        return Sentence(f"No article was analysed{failed}.")
    n = len(articles)
    outlets = [str(o).strip() for o in articles.get("outlet", pd.Series(dtype=object)) if not _missing(o)]
    no_outlet = n - len(outlets)
    dates = sorted(d for d in (_date_label(v, "published") for v in articles.get("published", [])) if d)
    first = (f"The corpus has {_plural(n, 'article')} from {_plural(len(set(outlets)), 'named outlet')}"
             + (f" ({no_outlet} without one)" if no_outlet and outlets else "")
             + (f", {len(dates)} dated ({dates[0]}" + (f" to {dates[-1]})" if dates[-1] != dates[0] else ")")
                if dates else "")
             + f", and follows {_plural(leaders['leader'].nunique() if leaders is not None else 0, 'leader')}"
             + failed + ".")
    if leaders is None or leaders.empty:
        return Sentence(first + " No leader was found in any article.")
    table = leaders.assign(_quotes=pd.to_numeric(leaders["direct_quotes"], errors="coerce").fillna(0))
    per = table.groupby("leader").agg(quotes=("_quotes", "sum"), articles=("article", "nunique")).reset_index()
    per = per.sort_values(["quotes", "articles", "leader"], ascending=[False, False, True])
    top = per.iloc[0]
    most = int(per["articles"].max())
    widest = sorted(per.loc[per["articles"] == most, "leader"], key=corpus_leaders(corpus, top=None).index)
    spread = (f"{widest[0]} appears in the most articles ({most} of {n})" if len(widest) == 1 else
              f"{_join(widest)} appear in the most articles ({most} of {n} each)")
    if top["quotes"] <= 0:
        second = f"No leader is quoted directly; {spread}."
    else:
        second = (f"{top['leader']} is quoted most ({_plural(int(top['quotes']), 'direct quote')} in "
                  f"{_plural(int(top['articles']), 'article')}); {spread}.")
    return Sentence(f"{first} {second}")


# --------------------------------------------------------------------------- all at once

#: Every chart, in the order the report shows them.
CHARTS = (chart_entity_counts, chart_mentions, chart_quote_counts, chart_speakers, chart_tone, chart_sentence_tone)


def all_charts(analysis: Any) -> list[Chart]:
    """Every chart of an analysis, in report order (a chart whose table is missing is left out)."""
    needs = {
        chart_entity_counts: ("entities",),
        chart_mentions: ("mentions",),
        chart_quote_counts: ("quote_counts",),
        chart_speakers: ("quotes",),
        chart_tone: ("tone",),
        chart_sentence_tone: ("sentences",),
    }
    return [fn(analysis) for fn in CHARTS if all(_table(analysis, t) is not None for t in needs[fn])]
