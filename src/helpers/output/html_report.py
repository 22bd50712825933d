"""``report.html``: one self-contained page per article.

The page needs no network: the CSS is inline, the charts are inline base64 PNG
images, and there is no JavaScript. It shows the article with every quote
highlighted in its speaker's colour and every leader mention marked (built from
the offsets into ``article.text``), the quote table, the tone comparison and the
charts. Every piece of article text is HTML-escaped, so an article containing
``<script>`` shows it as text.
"""

from __future__ import annotations

import base64
import html
import os
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from ..files import write_text_atomic
from ..nlp.schema import COUNT_COLUMNS, DIRECT
from .captions import article_counts_line, describe_tone, leader_counts_line
from .charts import Chart, all_charts
from .counts import COUNT_LABELS
from .export import figure_bytes, output_root
from .style import ASPECT_LABELS, KIND_LABELS, OTHER_COLOR, chart_colors, color_of, method_label, tint
from .tables import ArticleTables, leader_count_table, leader_names, tone_methods

#: Resolution of the chart images inlined in the page.
IMAGE_DPI = 150
#: The charts of a page: ``Chart`` records, or ``{name: Figure | Chart | PNG bytes}``.
Figures = Iterable[Chart] | Mapping[str, Figure | Chart | bytes]


def esc(value: Any) -> str:
    """HTML-escape anything (quotes included); missing values become an empty string."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def _css() -> str:
    return resources.files("helpers.output").joinpath("templates", "report.css").read_text(encoding="utf-8")


def _class_token(value: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in value.lower()).strip("-")


# --------------------------------------------------------------------------- the highlighted article


def _spans(table: pd.DataFrame) -> list[dict[str, Any]]:
    if table.empty:
        return []
    return [r._asdict() for r in table.reset_index(drop=True).itertuples()]


def highlighted_article(analysis: ArticleTables, colors: Mapping[str, str] | None = None) -> str:
    """The article's paragraphs as HTML, quotes as ``<mark class="quote">`` and mentions as ``<span class="mention">``.

    Each quote may be cut into several ``mark`` elements (where a mention or a
    paragraph break falls inside it); all pieces carry the same ``data-quote``
    number, and the first has ``id="q<number>"``.
    """
    article = analysis.article
    text = article.text
    colors = chart_colors(leader_names(analysis), colors)
    quotes = _spans(analysis.quotes)
    mentions = _spans(analysis.mentions)
    for i, q in enumerate(quotes):
        q["_id"] = i
    opened: set[int] = set()
    out = []
    for pno, p in enumerate(article.paragraphs):
        bounds = {p.start, p.end}
        for s in quotes + mentions:
            if s["start"] < p.end and s["end"] > p.start:
                bounds.update(x for x in (s["start"], s["end"]) if p.start < x < p.end)
        cuts = sorted(bounds)
        pieces = []
        for a, b in zip(cuts, cuts[1:]):
            piece = esc(text[a:b])
            m = next((m for m in mentions if m["start"] <= a and m["end"] >= b), None)
            if m is not None:
                c = color_of(m["leader"], colors)
                piece = (
                    f'<span class="mention rule-{_class_token(str(m["rule"]))}" data-leader="{esc(m["leader"])}" '
                    f'style="--c:{c}" title="{esc(m["leader"])} — {esc(m["rule"])}">{piece}</span>'
                )
            inside = [q for q in quotes if q["start"] <= a and q["end"] >= b]
            if inside:
                q = min(inside, key=lambda q: q["end"] - q["start"])
                speaker = q.get("speaker")
                has_speaker = isinstance(speaker, str) and speaker != ""
                c = color_of(speaker, colors) if has_speaker else OTHER_COLOR
                kind = str(q.get("kind") or DIRECT)
                tip = f"{KIND_LABELS.get(kind, kind)} · {speaker if has_speaker else 'speaker not found'}"
                if isinstance(q.get("cue"), str) and q["cue"]:
                    tip += f" · cue: {q['cue']}"
                anchor = "" if q["_id"] in opened else f' id="q{q["_id"]}"'
                opened.add(q["_id"])
                classes = f"quote kind-{_class_token(kind)}" + ("" if has_speaker else " no-speaker")
                piece = (
                    f'<mark{anchor} class="{classes}" data-quote="{q["_id"]}" data-speaker="{esc(speaker or "")}" '
                    f'style="--c:{c};--bg:{tint(c, 0.78)}" title="{esc(tip)}">{piece}</mark>'
                )
            pieces.append(piece)
        body = "".join(pieces)
        number = f'<span class="pno">¶{pno}</span>'
        if p.kind == "title":
            out.append(f'<div class="title" data-paragraph="{pno}">{body}</div>')
        elif p.kind == "heading":
            out.append(f'<h3 class="heading" data-paragraph="{pno}">{body}</h3>')
        else:
            out.append(f'<p data-paragraph="{pno}">{number}{body}</p>')
    return "\n".join(out)


# --------------------------------------------------------------------------- tables


def _html_table(rows: list[list[str]], header: list[str], num: Iterable[int] = (), cls: str = "") -> str:
    num = set(num)
    head = "".join(f'<th{" class=num" if i in num else ""}>{esc(h)}</th>' for i, h in enumerate(header))
    body = "".join(
        "<tr>" + "".join(f'<td{" class=num" if i in num else ""}>{cell}</td>' for i, cell in enumerate(r)) + "</tr>"
        for r in rows
    )
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _chip(name: Any, colors: dict[str, str]) -> str:
    if not isinstance(name, str) or not name:
        return f'<span class="chip" style="--c:{OTHER_COLOR}"></span> <em>not found</em>'
    return f'<span class="chip" style="--c:{color_of(name, colors)}"></span> {esc(name)}'


def quote_table_html(analysis: ArticleTables, colors: dict[str, str]) -> str:
    """Every quote: number (linked to the highlight), text, speaker, cue, kind, paragraph."""
    quotes = _spans(analysis.quotes)
    if not quotes:
        return "<p>No quotes were found.</p>"
    rows = [
        [
            f'<a href="#q{i}">{i}</a>',
            f'<span class="quote-text">{esc(q["text"])}</span>',
            _chip(q.get("speaker"), colors),
            esc(q.get("cue")),
            esc(KIND_LABELS.get(str(q.get("kind")), q.get("kind"))),
            esc(q.get("paragraph")),
        ]
        for i, q in enumerate(quotes)
    ]
    return _html_table(rows, ["#", "quote", "speaker", "cue", "kind", "¶"], num=(0, 5), cls="quotes")


def quote_counts_html(analysis: ArticleTables, colors: dict[str, str]) -> str:
    """Direct quotes, quoted words and indirect statements per leader."""
    counts = analysis.quote_counts
    if counts.empty:
        return ""
    rows = []
    for r in counts.itertuples():
        share = float(r.share_quoted_words)
        share = share / 100 if share > 1 else share
        rows.append([_chip(r.leader, colors), esc(r.direct_quotes), esc(r.quoted_words), f"{share:.0%}",
                     esc(r.indirect)])
    return _html_table(rows, ["leader", *(COUNT_LABELS[c] for c in COUNT_COLUMNS[1:])], num=(1, 2, 3, 4))


def tone_html(analysis: ArticleTables, colors: dict[str, str]) -> str:
    """The tone table: each method, leader and aspect with mean, 95 % interval, n and note."""
    tone = analysis.tone
    if tone.empty:
        return "<p>No tone figures are available.</p>"
    rank = {m: i for i, m in enumerate(tone_methods(tone))}
    t = tone.assign(_m=tone["method"].map(rank)).sort_values(["_m"], kind="stable")
    rows = []
    for r in t.itertuples():
        mean = "n/a" if pd.isna(r.mean) else f"{r.mean:+.2f}"
        interval = "" if pd.isna(r.low) else f"{r.low:+.2f} to {r.high:+.2f}"
        rows.append([
            esc(method_label(r.method)),
            esc(r.leader) if r.difference else _chip(r.leader, colors),
            esc(ASPECT_LABELS.get(r.aspect, r.aspect)),
            esc(r.n),
            esc(mean),
            esc(interval),
            f'<span class="note">{esc(r.note)}</span>',
        ])
    return (
        f'<p class="summary">{esc(describe_tone(analysis))}</p>'
        + _html_table(rows, ["method", "leader", "aspect", "n", "mean", "95 % interval", "note"], num=(3, 4, 5))
    )


# --------------------------------------------------------------------------- charts


def _figure_items(figures: Figures | None) -> list[tuple[str, Figure | bytes, str, str]]:
    """(name, figure or PNG bytes, caption, alt text) for every chart given."""
    if figures is None:
        return []
    pairs = figures.items() if isinstance(figures, Mapping) else [(c.name, c) for c in figures]
    items = []
    for name, f in pairs:
        if isinstance(f, Chart):
            items.append((name, f.fig, str(f.caption), f.alt))
        else:
            items.append((name, f, "", f"{name.replace('_', ' ')} chart"))
    return items


def figures_html(figures: Figures | None) -> str:
    """The charts as ``<figure>`` elements with inline base64 PNG images."""
    out = []
    for name, fig, caption, alt in _figure_items(figures):
        png = fig if isinstance(fig, bytes) else figure_bytes(fig, "png", dpi=IMAGE_DPI)
        data = base64.b64encode(png).decode("ascii")
        out.append(
            f'<figure class="chart" id="chart-{esc(name)}"><img alt="{esc(alt)}" '
            f'src="data:image/png;base64,{data}"><figcaption>{esc(caption)}</figcaption></figure>'
        )
    return "\n".join(out)


# --------------------------------------------------------------------------- the page


def render_report(analysis: ArticleTables, figures: Figures | None = None, *,
                  colors: Mapping[str, str] | None = None) -> str:
    """The whole report page as one HTML string.

    Args:
        analysis: An ``Analysis``.
        figures: ``Chart`` records, or ``{name: Figure | Chart | PNG bytes}``; every
            chart of ``helpers.output.all_charts(analysis, colors=colors)`` when omitted.
        colors: The run's leader colours (the report job's registry), so the page's
            highlights match the charts of the run; the article's own when omitted.
    """
    if figures is None:
        figures = all_charts(analysis, colors=colors)
    article = analysis.article
    names = leader_names(analysis)
    colors = chart_colors(names, colors)
    counts = {row["leader"]: leader_counts_line(row) for row in leader_count_table(analysis).to_dict("records")}
    leader_items = "".join(
        f'<li><span class="chip" style="--c:{colors[n]}"></span> <strong>{esc(n)}</strong>'
        + (f" — {esc(counts[n])}" if n in counts else "") + "</li>"
        for n in names
    ) or "<li>No leader was found.</li>"
    boiler = "".join(
        f"<li><strong>{esc(b.reason)}</strong>: {esc(article.text[b.start:b.end])}</li>" for b in article.boilerplate
    )
    warnings = "".join(f"<li>{esc(w)}</li>" for w in analysis.warnings)
    source = article.source_path or ""
    sections = [
        ("article", "The article, quotes and mentions marked", (
            '<div class="legend">'
            '<span><span class="sample-quote">direct quote</span> shaded in the speaker\'s colour</span>'
            '<span><span class="sample-indirect">indirect statement</span></span>'
            '<span><span class="sample-scare">scare quote</span></span>'
            "<span><strong>bold name</strong> / <u>underlined</u> role phrase or pronoun: a leader's mention</span>"
            "</div>"
            f'<div class="article">{highlighted_article(analysis, colors)}</div>'
        )),
        ("quotes", "Quotes", quote_counts_html(analysis, colors) + quote_table_html(analysis, colors)),
        ("tone", "Tone", tone_html(analysis, colors)),
        ("charts", "Charts", figures_html(figures) or "<p>No charts.</p>"),
        ("boilerplate", "Set aside as boilerplate",
         f'<ul class="boilerplate">{boiler}</ul>' if boiler else "<p>Nothing was set aside.</p>"),
    ]
    if warnings:
        sections.append(("warnings", "Warnings", f'<ul class="warnings">{warnings}</ul>'))
    nav = "".join(f'<li><a href="#{sid}">{esc(title)}</a></li>' for sid, title, _ in sections)
    body = "\n".join(f'<section id="{sid}"><h2>{esc(title)}</h2>\n{content}\n</section>'
                     for sid, title, content in sections)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="leadertone">
<title>{esc(article.title)} — Leadertone report</title>
<style>
{_css()}
</style>
</head>
<body>
<main>
<header>
<h1>{esc(article.title)}</h1>
<p class="meta">Leadertone report · {esc(os.path.basename(source)) or esc(analysis.slug)} ·
{esc(article_counts_line(article))}</p>
<ul class="leaders">{leader_items}</ul>
<nav><ol>{nav}</ol></nav>
</header>
{body}
<footer>Every highlight is placed by character offsets into the article text; open the tables in
<code>tables/</code> to check any number against its sentence.</footer>
</main>
</body>
</html>
"""


def write_report(
    analysis: ArticleTables,
    *,
    figures: Figures | None = None,
    out_dir: str | os.PathLike[str] | None = None,
    path: str | os.PathLike[str] | None = None,
    colors: Mapping[str, str] | None = None,
) -> Path:
    """Write ``<out_dir>/<slug>/report.html`` (or ``path``) atomically; returns the file written.

    ``colors`` is the run's registry of leader colours (see :func:`render_report`).
    """
    target = Path(path) if path else output_root(out_dir) / analysis.slug / "report.html"
    return write_text_atomic(target, render_report(analysis, figures, colors=colors))
