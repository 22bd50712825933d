"""Writing figures and tables out of an analysis, byte-for-byte the same on every rerun.

``export(chart, article=analysis)`` writes ``reports/<slug>/figures/<name>.png``
(200 dpi), ``.svg``, ``.pdf`` and ``<name>.csv`` (the exact data plotted);
``export_tables(analysis)`` writes ``reports/<slug>/tables/*.csv``. Every file
goes through ``helpers.files.write_bytes_atomic`` and carries no timestamp, so
rerunning on the same article gives identical bytes.

The small table helpers below (``paragraph_table``, ``boilerplate_table``,
``mention_evidence``, ``tone_drivers`` …) are the views the notebooks show.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import matplotlib
import pandas as pd
from matplotlib.figure import Figure

from .. import config
from ..files import write_bytes_atomic
from .charts import STYLE, Chart, Sentence, default_method, leader_names, method_label, tone_methods

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

#: The tables written by ``export_tables``, in order: name → Analysis attribute.
TABLES = {
    "entities": "entities",
    "mentions": "mentions",
    "quotes": "quotes",
    "quote_counts": "quote_counts",
    "sentences": "sentences",
    "tone": "tone",
}


# --------------------------------------------------------------------------- where things go


def article_slug(article: Any) -> str:
    """The report folder name of an ``Analysis``, an ``Article`` or a slug string."""
    if isinstance(article, str | os.PathLike):
        name = Path(article).stem if Path(article).suffix else str(article)
        return config.slugify(name)
    slug = getattr(article, "slug", None)
    if slug:
        return config.slugify(str(slug))
    raise TypeError(f"article must be an Analysis, an Article or a slug string, not {type(article).__name__}")


def output_root(out_dir: str | os.PathLike[str] | None = None) -> Path:
    """The reports root: ``out_dir`` (relative paths resolve from the project root) or ``config.REPORTS_DIR``."""
    if out_dir is None or str(out_dir) == "":
        return config.REPORTS_DIR
    p = Path(out_dir).expanduser()
    return p if p.is_absolute() else config.PROJ_ROOT / p


def figures_dir(article: Any, out_dir: str | os.PathLike[str] | None = None) -> Path:
    """``<out_dir>/<slug>/figures/``."""
    return output_root(out_dir) / article_slug(article) / "figures"


def tables_dir(article: Any, out_dir: str | os.PathLike[str] | None = None) -> Path:
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


def csv_bytes(data: pd.DataFrame) -> bytes:
    """A table as UTF-8 CSV with ``\\n`` line ends and no index."""
    return data.to_csv(index=False, lineterminator="\n").encode("utf-8")


# --------------------------------------------------------------------------- writing


def export(
    fig: Figure | Chart,
    name: str | None = None,
    data: pd.DataFrame | None = None,
    *,
    article: Any,
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


def analysis_tables(analysis: Any) -> dict[str, pd.DataFrame]:
    """The analysis's tables by name (``entities, mentions, quotes, quote_counts, sentences, tone``).

    A table the analysis does not have is left out.
    """
    tables = {}
    for name, attr in TABLES.items():
        table = getattr(analysis, attr, None)
        if isinstance(table, pd.DataFrame):
            tables[name] = table
    return tables


def export_tables(analysis: Any, *, out_dir: str | os.PathLike[str] | None = None) -> list[Path]:
    """Write ``<out_dir>/<slug>/tables/<name>.csv`` for every table of the analysis; returns the files."""
    folder = tables_dir(analysis, out_dir)
    return [write_bytes_atomic(folder / f"{name}.csv", csv_bytes(t)) for name, t in analysis_tables(analysis).items()]


# --------------------------------------------------------------------------- views for the notebooks


def display_options(max_colwidth: int = 160, max_rows: int = 200) -> None:
    """Pandas display settings for the notebooks: whole sentences in table cells, long tables shown."""
    pd.set_option("display.max_colwidth", max_colwidth)
    pd.set_option("display.max_rows", max_rows)
    pd.set_option("display.min_rows", min(max_rows, 40))


def paragraph_table(article: Any) -> pd.DataFrame:
    """The article as read: one row per paragraph with ``kind`` (title / heading / body), offsets, words, text."""
    rows = [
        {
            "paragraph": i,
            "kind": p.kind,
            "start": p.start,
            "end": p.end,
            "words": len(article.text[p.start : p.end].split()),
            "text": article.text[p.start : p.end],
        }
        for i, p in enumerate(article.paragraphs)
    ]
    return pd.DataFrame(rows, columns=["paragraph", "kind", "start", "end", "words", "text"])


def boilerplate_table(article: Any) -> pd.DataFrame:
    """What was set aside as boilerplate, each with its reason and offsets."""
    rows = [
        {"start": b.start, "end": b.end, "reason": b.reason, "text": article.text[b.start : b.end]}
        for b in article.boilerplate
    ]
    return pd.DataFrame(rows, columns=["start", "end", "reason", "text"])


def describe_article(article: Any) -> Sentence:
    """One sentence on how the article was read."""
    body = [p for p in article.paragraphs if p.kind == "body"]
    words = sum(len(article.text[p.start : p.end].split()) for p in body)
    reasons = pd.Series([b.reason for b in article.boilerplate], dtype=object).value_counts()
    dropped = ", ".join(f"{n} × {r}" for r, n in reasons.items())
    text = (
        f"The reader kept {len(body)} body paragraphs ({words} words) under {len(article.headings)} subheadings"
        + (f" and set aside {len(article.boilerplate)} pieces of page furniture ({dropped})." if dropped
           else " and found no page furniture to set aside.")
    )
    return Sentence(text)


class HtmlView(str):
    """A piece of HTML that a notebook shows rendered."""

    def _repr_html_(self) -> str:
        return str(self)


def entity_view(analysis: Any) -> HtmlView:
    """The article with every named entity marked in displaCy's style, drawn from the entity table.

    It needs no Doc, so an analysis read from the cache shows it without parsing again.
    """
    from spacy import displacy

    ents = [{"start": int(r.start), "end": int(r.end), "label": r.label} for r in analysis.entities.itertuples()]
    doc = {"text": analysis.article.text, "ents": ents, "title": None}
    return HtmlView(displacy.render(doc, style="ent", manual=True, jupyter=False))


def _sentence_texts(analysis: Any) -> dict[int, str]:
    sentences = getattr(analysis, "sentences", None)
    if isinstance(sentences, pd.DataFrame) and not sentences.empty:
        return dict(zip(sentences["sentence"].astype(int), sentences["text"]))
    doc = getattr(analysis, "doc", None)
    if doc is None:
        return {}
    return {i: s.text for i, s in enumerate(doc.sents)}


def mention_evidence(analysis: Any) -> pd.DataFrame:
    """Every leader mention with the rule behind it and the sentence it stands in (the evidence)."""
    mentions = getattr(analysis, "mentions", None)
    cols = ["leader", "text", "rule", "start", "end", "paragraph", "sentence", "sentence_text"]
    if not isinstance(mentions, pd.DataFrame) or mentions.empty:
        return pd.DataFrame(columns=cols)
    texts = _sentence_texts(analysis)
    table = mentions.copy()
    table["sentence_text"] = [texts.get(int(s), "") if pd.notna(s) else "" for s in table["sentence"]]
    return table[cols].reset_index(drop=True)


def quotes_of_kind(analysis: Any, *kinds: str) -> pd.DataFrame:
    """The quotes of the given kinds (``direct``, ``scare``, ``indirect``), in text order; all when none given."""
    quotes = getattr(analysis, "quotes", None)
    if not isinstance(quotes, pd.DataFrame):
        return pd.DataFrame(columns=["text", "speaker", "cue", "kind", "start", "end", "paragraph", "sentence"])
    table = quotes[quotes["kind"].isin(kinds)] if kinds else quotes
    first = ["text", "speaker", "cue", "kind"]
    return table[first + [c for c in table.columns if c not in first]].sort_values("start", ignore_index=True)


def method_comparison(analysis: Any) -> pd.DataFrame:
    """The tone table side by side: one row per leader and aspect, one ``mean [low, high] (n)`` column per method."""
    tone = getattr(analysis, "tone", None)
    if not isinstance(tone, pd.DataFrame) or tone.empty:
        return pd.DataFrame(columns=["leader", "aspect"])
    t = tone.copy()

    def cell(r) -> str:
        if pd.isna(r["mean"]):
            return f"n/a (n={int(r['n'])})"
        return f"{r['mean']:+.2f} [{r['low']:+.2f}, {r['high']:+.2f}] (n={int(r['n'])})"

    t["value"] = t.apply(cell, axis=1)
    order = {n: i for i, n in enumerate(leader_names(analysis))}
    table = t.pivot_table(index=["leader", "aspect"], columns="method", values="value", aggfunc="first")
    table = table.reindex(columns=tone_methods(tone)).reset_index()
    table.columns.name = None
    table = table.rename(columns={m: method_label(m) for m in tone_methods(tone)})
    table["_o"] = table["leader"].map(lambda n: order.get(n, len(order)))
    table["_a"] = table["aspect"].map({"voice": 0, "coverage": 1}).fillna(2)
    return table.sort_values(["_o", "leader", "_a"], ignore_index=True).drop(columns=["_o", "_a"])


def tone_drivers(analysis: Any, *, top: int = 3, method: str | None = None) -> pd.DataFrame:
    """The sentences that drive each leader's tone figures: the ``top`` strongest per leader and aspect.

    Coverage rows come from ``sentence_targets`` (the target-aware score toward the
    leader; sentences holding the leader's own quotation are left out, as in the tone
    table); voice rows are the leader's direct quotes, scored by their own VADER
    compound when the quote table has it, else by their sentence's TextBlob polarity.
    Each row keeps offsets and the text.
    """
    cols = ["leader", "aspect", "score", "scored_by", "sentence", "start", "end", "text"]
    rows: list[dict[str, Any]] = []
    texts = _sentence_texts(analysis)
    sentences = getattr(analysis, "sentences", None)
    targets = getattr(analysis, "sentence_targets", None)
    quotes = getattr(analysis, "quotes", None)
    tone = getattr(analysis, "tone", None)
    method = method or (default_method(tone) if isinstance(tone, pd.DataFrame) else None) or "target-aware"
    polarity = (
        dict(zip(sentences["sentence"].astype(int), sentences["polarity"]))
        if isinstance(sentences, pd.DataFrame) and "polarity" in sentences else {}
    )
    for name in leader_names(analysis):
        if isinstance(targets, pd.DataFrame) and not targets.empty:
            t = targets[targets["leader"] == name]
            if "own_quote" in t:
                t = t[~t["own_quote"].astype(bool)]
            t = t.assign(_abs=t["score"].abs()).sort_values(["_abs", "sentence"], ascending=[False, True]).head(top)
            for r in t.itertuples():
                rows.append({"leader": name, "aspect": "coverage", "score": float(r.score), "scored_by": method,
                             "sentence": int(r.sentence), "start": int(r.start), "end": int(r.end),
                             "text": texts.get(int(r.sentence), "")})
        if isinstance(quotes, pd.DataFrame) and not quotes.empty:
            q = quotes[(quotes["speaker"] == name) & (quotes["kind"] == "direct")]
            picked = []
            for r in q.itertuples():
                if "vader" in q:
                    score, by = float(r.vader), "vader"
                elif pd.notna(r.sentence) and int(r.sentence) in polarity:
                    score, by = float(polarity[int(r.sentence)]), "textblob (sentence)"
                else:
                    continue
                picked.append({"leader": name, "aspect": "voice", "score": score, "scored_by": by,
                               "sentence": int(r.sentence) if pd.notna(r.sentence) else None,
                               "start": int(r.start), "end": int(r.end), "text": str(r.text)})
            picked.sort(key=lambda d: (-abs(d["score"]), d["start"]))
            rows.extend(picked[:top])
    return pd.DataFrame(rows, columns=cols)
