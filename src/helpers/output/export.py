"""Writing figures and tables out of an analysis, byte-for-byte the same on every rerun.

``export(chart, article=analysis)`` writes ``reports/<slug>/figures/<name>.png``
(200 dpi), ``.svg``, ``.pdf`` and ``<name>.csv`` (the exact data plotted);
``export_tables(analysis)`` writes ``reports/<slug>/tables/*.csv``. Every file
goes through ``helpers.files.write_bytes_atomic`` and carries no timestamp, so
rerunning on the same article gives identical bytes; every CSV through
``helpers.files.csv_bytes``, so a spreadsheet never runs a cell as a formula.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import matplotlib
import pandas as pd
from matplotlib.figure import Figure

from .. import config
from ..files import csv_bytes, write_bytes_atomic
from .charts import Chart
from .style import STYLE
from .tables import ArticleTables

#: Figure formats written by ``export``.
FORMATS = ("png", "svg", "pdf")
#: Resolution of the PNG files.
PNG_DPI = 200
#: Per-format metadata with every timestamp and version string removed.
METADATA: dict[str, dict[str, Any]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
}
#: rcParams that make saved files reproducible.
SAVE_RC = {**STYLE, "svg.hashsalt": "leadertone", "svg.id": "leadertone", "path.simplify": True}


@runtime_checkable
class Slugged(Protocol):
    """Anything with a report folder name: an ``Analysis``, an ``Article``."""

    @property
    def slug(self) -> str: ...


# --------------------------------------------------------------------------- where things go


def article_slug(article: Slugged | str | os.PathLike[str]) -> str:
    """The report folder name of an ``Analysis``, an ``Article`` or a slug string."""
    if isinstance(article, str | os.PathLike):
        name = Path(article).stem if Path(article).suffix else str(article)
        return config.slugify(name)
    if isinstance(article, Slugged) and article.slug:
        return config.slugify(str(article.slug))
    raise TypeError(f"article must be an Analysis, an Article or a slug string, not {type(article).__name__}")


def output_root(out_dir: str | os.PathLike[str] | None = None) -> Path:
    """The reports root: ``out_dir`` (relative paths resolve from the project root) or ``config.REPORTS_DIR``."""
    if out_dir is None or str(out_dir) == "":
        return config.REPORTS_DIR
    p = Path(out_dir).expanduser()
    return p if p.is_absolute() else config.PROJ_ROOT / p


def figures_dir(article: Slugged | str | os.PathLike[str], out_dir: str | os.PathLike[str] | None = None) -> Path:
    """``<out_dir>/<slug>/figures/``."""
    return output_root(out_dir) / article_slug(article) / "figures"


def tables_dir(article: Slugged | str | os.PathLike[str], out_dir: str | os.PathLike[str] | None = None) -> Path:
    """``<out_dir>/<slug>/tables/``."""
    return output_root(out_dir) / article_slug(article) / "tables"


# --------------------------------------------------------------------------- bytes


def figure_bytes(fig: Figure, fmt: str, *, dpi: int = PNG_DPI) -> bytes:
    """The figure saved as ``fmt`` (png, svg, pdf) with no timestamps or version strings."""
    if fmt not in METADATA:
        raise ValueError(f"unknown figure format {fmt!r}; use one of {', '.join(METADATA)}")
    buf = io.BytesIO()
    with matplotlib.rc_context(SAVE_RC):
        fig.savefig(buf, format=fmt, dpi=dpi, metadata=METADATA[fmt], facecolor="white")
    return buf.getvalue()


# --------------------------------------------------------------------------- writing


def export(
    fig: Figure | Chart,
    name: str | None = None,
    data: pd.DataFrame | None = None,
    *,
    article: Slugged | str | os.PathLike[str],
    out_dir: str | os.PathLike[str] | None = None,
    formats: tuple[str, ...] = FORMATS,
    dpi: int = PNG_DPI,
) -> list[Path]:
    """Write a figure as PNG, SVG and PDF, and the data it plots as CSV, beside each other.

    Args:
        fig: A matplotlib ``Figure``, or a ``Chart`` (whose name and data are used
            when ``name``/``data`` are not given).
        name: File name without extension (``quote_counts``).
        data: The exact data plotted; written as ``<name>.csv``.
        article: An ``Analysis``, an ``Article`` or a slug string: picks ``reports/<slug>/``.
        out_dir: The reports root (default ``helpers.config.REPORTS_DIR``).
        formats: Figure formats to write.
        dpi: PNG resolution (at least 150).

    Returns:
        The files written: ``<out_dir>/<slug>/figures/<name>.{png,svg,pdf,csv}``.
    """
    if isinstance(fig, Chart):
        name = name or fig.name
        data = fig.data if data is None else data
        fig = fig.fig
    if not name:
        raise ValueError("export needs a name for the files")
    if dpi < 150:
        raise ValueError("PNG exports need at least 150 dpi")
    safe = config.slugify(name)
    folder = figures_dir(article, out_dir)
    written = [write_bytes_atomic(folder / f"{safe}.{fmt}", figure_bytes(fig, fmt, dpi=dpi)) for fmt in formats]
    if data is not None:
        written.append(write_bytes_atomic(folder / f"{safe}.csv", csv_bytes(data)))
    return written


def analysis_tables(analysis: ArticleTables) -> dict[str, pd.DataFrame]:
    """The tables ``export_tables`` writes, by name and in this order: ``entities, mentions, quotes,
    quote_counts, sentences, tone``."""
    return {
        "entities": analysis.entities,
        "mentions": analysis.mentions,
        "quotes": analysis.quotes,
        "quote_counts": analysis.quote_counts,
        "sentences": analysis.sentences,
        "tone": analysis.tone,
    }


def export_tables(analysis: ArticleTables, *, out_dir: str | os.PathLike[str] | None = None) -> list[Path]:
    """Write ``<out_dir>/<slug>/tables/<name>.csv`` for every table of the analysis; returns the files."""
    folder = tables_dir(analysis, out_dir)
    return [write_bytes_atomic(folder / f"{name}.csv", csv_bytes(t)) for name, t in analysis_tables(analysis).items()]
