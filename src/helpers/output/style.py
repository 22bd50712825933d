"""One style for every chart: palette, leader colours, labels, the matplotlib settings and figure helpers.

DejaVu Sans (shipped with matplotlib, so a chart looks the same on every machine),
no top/right spines, each leader in their own colour-blind-safe colour (Okabe–Ito
palette) and everyone else grey, titles that name the article, axis labels with units.

A person keeps one colour everywhere. :func:`leader_colors` gives each name the
palette colour picked by a stable hash of the name (SHA-256, so the same on every
machine and every run), and only moves a name to the next free colour when someone
drawn together with it already has that one. The leaders are coloured in a fixed
order (the groups drawn together first, each sorted by name, then the rest by name),
so the answer depends on the set of names and groups, never on the order they come
in. The report job colours every leader of its run once, with each article's
leaders and the leaders the corpus charts show as the groups drawn together
(``helpers.output.corpus_tables.corpus_colors``), and hands that one registry to
every chart, page and notebook of the run: the same person has the same colour in
each article's charts, its ``report.html`` and the corpus charts, and two leaders
drawn in one chart never share a colour (up to the palette's six; the corpus
charts show at most six leaders). A chart drawn without a registry colours its
own leaders the same way, which gives each their hash colour unless two collide.

Figures are created with ``matplotlib.figure.Figure`` directly: nothing touches
pyplot's global state, nothing needs closing, and nothing pops up.
"""

from __future__ import annotations

import hashlib
import textwrap
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.text import Annotation, Text

from ..nlp.schema import COVERAGE, DIRECT, INDIRECT, MINILM, NEWSMTSC, SCARE, TEXTBLOB, VADER, VOICE

#: Okabe & Ito (2008) colour-blind-safe palette (without black and yellow); a leader's colour is one of these.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
#: Everyone who is not a leader.
OTHER_COLOR = "#8C8C8C"
#: Text and reference lines.
INK = "#333333"
LIGHT_INK = "#767676"

#: Quote kinds as the charts and report name them.
KIND_LABELS = {DIRECT: "direct quote", INDIRECT: "indirect statement", SCARE: "scare quote"}
#: Human names of the tone methods; unknown methods are shown by their own name.
METHOD_LABELS = {
    TEXTBLOB: "TextBlob polarity",
    VADER: "VADER compound (whole sentence)",
    NEWSMTSC: "NewsMTSC linear model (target-aware)",
    MINILM: "MiniLM fine-tuned on NewsMTSC (target-aware)",
}
#: What a reader must know about a method, shown under its name in the tone chart.
METHOD_NOTES = {
    TEXTBLOB: "the whole sentence, blind to whom it is about",
    NEWSMTSC: "coverage: tone toward the leader; voice: VADER",
    MINILM: "coverage: tone toward the leader; voice: VADER",
}
#: The tone aspects as the charts and report explain them.
ASPECT_LABELS = {
    VOICE: "voice: tone of their own direct quotes",
    COVERAGE: "coverage: tone toward them where mentioned",
}
#: The sentence scores the sentence-by-sentence chart can draw.
SCORE_LABELS = {"polarity": "TextBlob polarity", VADER: "VADER compound"}
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


# --------------------------------------------------------------------------- colours and names


class Named(Protocol):
    """A leader record: anything with a ``name`` (``helpers.Leader`` is one)."""

    @property
    def name(self) -> str: ...


def _name(leader: str | Named) -> str:
    return leader if isinstance(leader, str) else str(leader.name)


def color_slot(name: str) -> int:
    """The palette index a name asks for: a stable hash of the name (the same on every machine and run)."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % len(PALETTE)


def leader_colors(leaders: Iterable[str | Named], *,
                  together: Iterable[Iterable[str | Named]] | None = None) -> dict[str, str]:
    """Each leader's colour: the one their name hashes to, the next free one if a leader drawn with them has it.

    Args:
        leaders: ``Leader`` records or names: one article's, or every leader of a run.
        together: The groups of leaders drawn in one chart (each article's leaders, the
            leaders of the corpus charts); two leaders of one group never share a colour
            while the group has no more leaders than the palette has colours. None: all
            ``leaders`` are drawn together.

    Returns:
        ``{name: "#rrggbb"}``, the same whatever order ``leaders`` come in; look up anyone
        else with :func:`color_of`, which gives grey.
    """
    names = sorted({_name(ld) for ld in leaders})
    groups = [sorted({_name(ld) for ld in g}) for g in together] if together is not None else [names]
    colors = _assign(dict.fromkeys([n for g in groups for n in g] + names), groups, {})
    return {n: colors[n] for n in names}


def _assign(order: Iterable[str], groups: list[list[str]], fixed: Mapping[str, str]) -> dict[str, str]:
    """Colour ``order`` one name after the other around the colours already ``fixed``."""
    near: dict[str, set[str]] = {}
    for group in groups:
        for n in group:
            near.setdefault(n, set()).update(m for m in group if m != n)
    colors = dict(fixed)
    for name in order:
        if name in colors:
            continue
        slot = color_slot(name)
        probe = [PALETTE[(slot + i) % len(PALETTE)] for i in range(len(PALETTE))]
        used = Counter(colors[m] for m in near.get(name, ()) if m in colors)
        # the first colour nobody drawn with them has; with every colour taken, the least used
        colors[name] = min(probe, key=lambda c: (used[c], probe.index(c)))
    return colors


def chart_colors(names: Iterable[str], colors: Mapping[str, str] | None = None) -> dict[str, str]:
    """The colours a chart draws ``names`` in: ``colors`` (a run's registry) where it has them.

    Args:
        names: The chart's leaders.
        colors: A registry from :func:`leader_colors` (the report job's, a notebook's
            ``COLORS``); None colours ``names`` on their own.
    """
    names = sorted(set(names))
    if colors is None:
        return leader_colors(names)
    # a leader the registry lacks gets a colour none of the chart's other leaders has
    return _assign(names, [names], {n: c for n, c in colors.items()})


def color_of(name: object, colors: Mapping[str, str]) -> str:
    """A leader's colour, grey for anyone else (or nobody)."""
    return colors.get(name, OTHER_COLOR) if isinstance(name, str) else OTHER_COLOR


def tint(color: str, amount: float) -> str:
    """``color`` mixed with white: 0 keeps it, 1 gives white."""
    rgb = np.array(matplotlib.colors.to_rgb(color))
    mixed = rgb + (1.0 - rgb) * float(np.clip(amount, 0.0, 1.0))
    return matplotlib.colors.to_hex(mixed)


def method_label(method: str) -> str:
    """A method's name for people: ``textblob`` → "TextBlob polarity"."""
    return METHOD_LABELS.get(method, f"{method} (target-aware)")


def score_label(score: str) -> str:
    """A sentence score's name for people: ``polarity`` → "TextBlob polarity"."""
    return SCORE_LABELS.get(score, score)


# --------------------------------------------------------------------------- figure scaffolding


@contextmanager
def chart_style() -> Iterator[None]:
    """Draw in :data:`STYLE` (matplotlib's settings are restored afterwards)."""
    with matplotlib.rc_context(STYLE):
        yield


def new_figure(what: str, second: str, *, width: float = 8.0, height: float = 4.5, wrap: bool = False) -> Figure:
    """A figure titled ``what`` in bold with ``second`` (the article's headline, or a subtitle) under it.

    Args:
        what: What the chart shows.
        second: The line under the title, drawn in normal weight.
        width, height: The figure size in inches.
        wrap: Wrap ``second`` to the figure's width (a subtitle) instead of keeping its lines.
    """
    fig = Figure(figsize=(width, height), layout="constrained")
    # the suptitle reserves a blank line under the title for each line of ``second`` (wrapped
    # to the width when asked); constrained layout makes room for them, and ``second`` is
    # drawn there in normal weight, anchored to the suptitle's bottom left
    if wrap:
        second = textwrap.fill(second, max(40, int(width * 10.5)))
    title = fig.suptitle(what + "\n " * (1 + second.count("\n")), x=0.01, ha="left", linespacing=1.45)
    fig.add_artist(Annotation(second, xy=(0, 0), xycoords=title, xytext=(0, 1),
                              textcoords="offset points", fontsize=STYLE["figure.titlesize"] - 1,
                              fontweight="normal", color=INK, ha="left", va="bottom"))
    fig.get_layout_engine().set(h_pad=0.08, w_pad=0.08)
    return fig


def empty_axes(ax: Axes, message: str) -> None:
    """An axes with nothing to show: no frame, ``message`` in its middle."""
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color=LIGHT_INK, fontsize=11)


def label_bars(ax: Axes, bars: BarContainer, values: Sequence[float], fmt: str = "{:g}", *,
               horizontal: bool = False) -> None:
    """Each bar's value at its end (zero and missing values are left unlabelled)."""
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


def color_leader_ticks(ticks: Iterable[Text], colors: Mapping[str, str]) -> None:
    """Tick labels that name a leader in the leader's colour and bold; any other label stays in ink.

    Args:
        ticks: The tick labels (``ax.get_xticklabels()`` / ``ax.get_yticklabels()``), each a name.
        colors: :func:`leader_colors` of the chart's leaders.
    """
    for tick in ticks:
        name = tick.get_text()
        if name in colors:
            tick.set_color(colors[name])
            tick.set_fontweight("bold")
        else:
            tick.set_color(INK)
            tick.set_fontweight("normal")
