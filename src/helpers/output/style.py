"""One style for every chart: palette, leader colours, labels, the matplotlib settings and figure helpers.

DejaVu Sans (shipped with matplotlib, so a chart looks the same on every machine),
no top/right spines, each leader in their own colour-blind-safe colour (Okabe–Ito
palette, by leader order) and everyone else grey, titles that name the article,
axis labels with units.

Figures are created with ``matplotlib.figure.Figure`` directly: nothing touches
pyplot's global state, nothing needs closing, and nothing pops up.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Iterator, Sequence
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

#: Okabe & Ito (2008) colour-blind-safe palette, in the order leaders get them.
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


def leader_colors(leaders: Iterable[str | Named]) -> dict[str, str]:
    """Each leader's colour, by leader order: the first is blue, the second vermillion, …

    Args:
        leaders: ``Leader`` records or names, in the analysis's order.

    Returns:
        ``{name: "#rrggbb"}``; look up anyone else with :func:`color_of`, which gives grey.
    """
    colors: dict[str, str] = {}
    for leader in leaders:
        name = leader if isinstance(leader, str) else str(leader.name)
        if name not in colors:
            colors[name] = PALETTE[len(colors) % len(PALETTE)]
    return colors


def color_of(name: object, colors: dict[str, str]) -> str:
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


def color_leader_ticks(ticks: Iterable[Text], colors: dict[str, str]) -> None:
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
