"""The tables a notebook shows a reader: only the columns a reader needs, left-aligned, wrapped, never cut.

Each function returns a pandas ``Styler`` over one of the analysis tables (through the
views of ``tables``): text left-aligned and wrapped at its own line breaks and words
(``white-space: pre-wrap``), the whole text of every cell (a ``Styler`` does not apply
pandas' ``display.max_colwidth``, so a long quotation is never cut with "…"), and each
leader's cells tinted in that leader's colour (:func:`~helpers.output.style.chart_colors`).
Rows keep their label in the full table, so ``analysis.quotes.loc[[7]]`` is row 7 with
every column; the notebooks show that full table in the next cell.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd
from pandas.io.formats.style import Styler

from ..nlp.schema import DIRECT, SCARE
from .style import INK, OTHER_COLOR, chart_colors, color_of, method_label, tint
from .tables import ArticleTables, boilerplate_table, leader_names, mention_evidence, paragraph_table, tone_drivers

if TYPE_CHECKING:
    from ..read import Article

#: The quote table as a reader reads it: the column shown (value) for each column of ``analysis.quotes`` (key).
QUOTE_VIEW_COLUMNS = {"speaker": "speaker", "text": "quotation", "cue": "cue", "kind": "kind"}
#: The mention evidence as a reader reads it: ``mention_evidence`` column → column shown.
MENTION_VIEW_COLUMNS = {"leader": "leader", "text": "mention", "rule": "rule", "sentence_text": "evidence"}
#: The tone table as a reader reads it (the ``difference`` flag is left out: those rows are named "A − B").
TONE_VIEW_COLUMNS = {"leader": "leader", "aspect": "aspect", "method": "method", "scored_by": "scored by",
                     "n": "n", "mean": "mean", "low": "low", "high": "high", "note": "note"}
#: The sentences behind the tone figures as a reader reads them.
DRIVER_VIEW_COLUMNS = {"leader": "leader", "aspect": "aspect", "score": "score", "scored_by": "scored by",
                       "text": "text"}

#: Every cell: left-aligned at the top, wrapped at the text's own line breaks and between words.
CELL_CSS = "text-align: left; vertical-align: top; white-space: pre-wrap; word-break: break-word; " \
           "overflow-wrap: anywhere"
#: A column of running text: wide enough to read, never wider than a line of a book.
TEXT_CSS = "min-width: 24em; max-width: 48em"
#: A column of numbers: right-aligned, so the digits line up.
NUMBER_CSS = "text-align: right; white-space: nowrap"


def _uuid(name: str) -> str:
    """A stable id for a table's CSS, so each rerun renders the same HTML and two tables never clash."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-") or "table"


def reading_table(
    frame: pd.DataFrame,
    *,
    name: str,
    text: Sequence[str] = (),
    tinted: Sequence[str] = (),
    colors: Mapping[str, str] | None = None,
    precision: int = 2,
) -> Styler:
    """``frame`` styled for reading: left-aligned, wrapped, whole text, leaders tinted.

    Args:
        frame: The table, with the columns to show (already named for the reader).
        name: What the table is (``"quotes"``): the id of its CSS, so the same table renders the same HTML.
        text: Columns of running text, given a readable width.
        tinted: Columns holding a person's name; a leader's cell gets the leader's colour
            as a tint and a left border, anyone else a grey border.
        colors: ``{leader: colour}`` (a run's registry); the colours of the article's charts when omitted.
        precision: Decimals shown for floats.

    Returns:
        A ``Styler``: shown as a table by Jupyter, ``.to_html()`` for the markup, ``.data`` for the frame.
    """
    colors = dict(colors or {})
    numbers = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])
               and not pd.api.types.is_bool_dtype(frame[c])]
    styles: dict[str, list[dict[str, str]]] = {c: [{"selector": "td", "props": TEXT_CSS}] for c in text}
    for c in numbers:
        styles[c] = [{"selector": "td", "props": NUMBER_CSS}, {"selector": "th", "props": "text-align: right"}]

    def tint_cell(value: object) -> str:
        if not isinstance(value, str) or not value:
            return ""
        if value in colors:
            c = color_of(value, colors)
            return f"background-color: {tint(c, 0.78)}; border-left: 4px solid {c}; color: {INK}; font-weight: bold"
        return f"border-left: 4px solid {OTHER_COLOR}"

    styler = (
        frame.style.set_uuid(_uuid(name))
        .format(na_rep="", escape="html", precision=precision)
        .set_table_styles([
            {"selector": "", "props": "border-collapse: collapse; table-layout: auto"},
            {"selector": "td", "props": CELL_CSS},
            {"selector": "th", "props": "text-align: left; vertical-align: bottom"},
            {"selector": "tbody tr:nth-child(even)", "props": "background-color: rgba(127, 127, 127, 0.07)"},
        ])
    )
    if styles:
        styler = styler.set_table_styles(styles, overwrite=False)
    present = [c for c in tinted if c in frame.columns]
    if present:
        styler = styler.map(tint_cell, subset=present)
    return styler


def _shown(table: pd.DataFrame, columns: Mapping[str, str]) -> pd.DataFrame:
    """The columns of ``table`` a reader sees (in the order of ``columns``), named for the reader."""
    return table.reindex(columns=list(columns)).rename(columns=dict(columns))


def _colors(analysis: ArticleTables, colors: Mapping[str, str] | None) -> dict[str, str]:
    return chart_colors(leader_names(analysis), colors)  # the same colours as the article's charts


def quote_view(analysis: ArticleTables, *kinds: str, colors: Mapping[str, str] | None = None) -> Styler:
    """The quotes of the given kinds (default: direct and scare quotes) for reading: speaker, quotation, cue, kind.

    Args:
        analysis: The analysis (its ``quotes`` table).
        *kinds: The quote kinds to show (``direct``, ``scare``, ``indirect``).
        colors: ``{leader: colour}``; default :func:`~helpers.output.style.leader_colors` of the analysis's leaders.

    Returns:
        A ``Styler`` in text order; each row keeps its label in ``analysis.quotes``, an empty
        speaker is a quotation nobody could be found to have said.
    """
    quotes = analysis.quotes
    kinds = kinds or (DIRECT, SCARE)
    table = quotes[quotes["kind"].isin(kinds)].sort_values("start", kind="stable")
    name = "quotes-" + "-".join(kinds)
    return reading_table(_shown(table, QUOTE_VIEW_COLUMNS), name=name, text=["quotation"], tinted=["speaker"],
                         colors=_colors(analysis, colors))


def mention_view(analysis: ArticleTables, *, colors: Mapping[str, str] | None = None) -> Styler:
    """Every leader mention for reading: leader, the words of the mention, its rule, its sentence (the evidence)."""
    table = _shown(mention_evidence(analysis), MENTION_VIEW_COLUMNS)
    return reading_table(table, name="mentions", text=["evidence"], tinted=["leader"],
                         colors=_colors(analysis, colors))


def tone_view(analysis: ArticleTables, *, colors: Mapping[str, str] | None = None) -> Styler:
    """The tone table for reading: per leader and aspect, each method's mean, interval, n and note."""
    table = _shown(analysis.tone, TONE_VIEW_COLUMNS)
    if not table.empty:
        table["method"] = table["method"].map(method_label)
    return reading_table(table, name="tone", text=["note"], tinted=["leader"], colors=_colors(analysis, colors))


def driver_view(analysis: ArticleTables, *, top: int = 3, colors: Mapping[str, str] | None = None) -> Styler:
    """The sentences behind each tone figure (:func:`~helpers.output.tables.tone_drivers`) for reading."""
    table = _shown(tone_drivers(analysis, top=top), DRIVER_VIEW_COLUMNS)
    return reading_table(table, name="tone-drivers", text=["text"], tinted=["leader"],
                         colors=_colors(analysis, colors))


def paragraph_view(article: Article) -> Styler:
    """Every paragraph (:func:`~helpers.output.tables.paragraph_table`, all its columns) with its whole text."""
    return reading_table(paragraph_table(article), name="paragraphs", text=["text"])


def boilerplate_view(article: Article) -> Styler:
    """What was set aside as boilerplate (:func:`~helpers.output.tables.boilerplate_table`) with its whole text."""
    return reading_table(boilerplate_table(article), name="boilerplate", text=["text"])
