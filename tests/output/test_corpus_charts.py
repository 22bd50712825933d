"""The corpus charts: one panel per leader followed, one row per group of articles, over a hand-built corpus.

``corpus``, ``make_corpus`` and ``corpus_rows`` are in tests/conftest.py.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers import output

NAN = float("nan")
NO_OUTLET = "outlet not given — add metadata.csv"


def _texts(fig) -> list[str]:
    from matplotlib.text import Text

    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def _row(data, **where):
    mask = np.ones(len(data), dtype=bool)
    for col, value in where.items():
        mask &= (data[col] == value).to_numpy()
    assert mask.sum() == 1, where
    return data[mask].iloc[0]


def test_corpus_quote_share_is_the_mean_over_the_groups_articles(corpus):
    chart = output.chart_corpus_quote_share(corpus, by="outlet", top=2)
    data = chart.data
    assert chart.name == "corpus_quote_share"
    assert list(data.columns) == ["group", "leader", "articles", "quote_share"]
    # outlets by number of articles, the articles without an outlet last
    assert list(dict.fromkeys(data.group)) == ["Reuters", "AP", NO_OUTLET]
    alice = _row(data, group="Reuters", leader="Alice Adams")
    assert (alice.articles, alice.quote_share) == (2, pytest.approx(0.4))  # mean of 0.5 and 0.3
    assert _row(data, group="Reuters", leader="Bob Brown").quote_share == pytest.approx(0.475)
    assert _row(data, group=NO_OUTLET, leader="Alice Adams").quote_share == pytest.approx(0.6)
    # Alice has no AP article: a row with no articles, and the chart says so instead of drawing a bar
    missing = _row(data, group="AP", leader="Alice Adams")
    assert missing.articles == 0 and pd.isna(missing.quote_share)
    bob_ax, alice_ax = [ax for ax in chart.fig.axes if ax.axison]
    assert "no articles" in [t.get_text() for t in alice_ax.texts]
    widths = sorted(round(p.get_width(), 4) for p in alice_ax.patches if p.get_width() > 0)
    assert widths == sorted(data.loc[(data.leader == "Alice Adams") & (data.articles > 0), "quote_share"])
    assert "40% · n=2" in [t.get_text() for t in alice_ax.texts]
    # the caption states each leader's mean over all their articles
    assert "Bob Brown 65% (3 articles)" in chart.caption and "Alice Adams 47% (3 articles)" in chart.caption


def test_corpus_tone_weighs_each_article_once_and_marks_voice_and_coverage(corpus):
    chart = output.chart_corpus_tone(corpus, by="outlet", top=2)
    data = chart.data
    assert list(data.columns) == ["group", "leader", "aspect", "articles", "mean"]
    voice = _row(data, group="Reuters", leader="Alice Adams", aspect="voice")
    # 0.2 over 3 sentences and 0.4 over 1: each article once gives 0.3 (by sentences it would be 0.25)
    assert (voice.articles, voice["mean"]) == (2, pytest.approx(0.3))
    # an article without a figure (NaN, n = 0) is left out rather than counted as zero
    bob_voice = _row(data, group="Reuters", leader="Bob Brown", aspect="voice")
    assert (bob_voice.articles, bob_voice["mean"]) == (1, pytest.approx(-0.2))
    bob_cov = _row(data, group="Reuters", leader="Bob Brown", aspect="coverage")
    assert (bob_cov.articles, bob_cov["mean"]) == (1, pytest.approx(0.3))
    bob_ax, alice_ax = [ax for ax in chart.fig.axes if ax.axison]
    points = [line for line in alice_ax.lines if line.get_marker() in ("o", "s")]
    filled = [p for p in points if p.get_marker() == "o"]
    hollow = [p for p in points if p.get_marker() == "s"]
    # Alice: voice and coverage in Reuters and among the articles without an outlet; no AP article
    assert len(filled) == 2 and len(hollow) == 2
    assert all(p.get_markerfacecolor() == "white" for p in hollow)
    assert all(p.get_markerfacecolor() != "white" for p in filled)
    assert sorted(p.get_xdata()[0] for p in filled) == pytest.approx([0.3, 0.5])
    assert "no articles" in [t.get_text() for t in alice_ax.texts]
    zero = [line for line in alice_ax.lines if list(line.get_xdata()) == [0, 0]]
    assert zero, "a reference line at zero tone"
    assert "Alice Adams voice +0.37 (3 articles)" in chart.caption  # (0.2 + 0.4 + 0.5) / 3


def test_corpus_charts_say_the_outlet_is_not_given_and_how_to_add_it(make_corpus, corpus_rows):
    leader_rows, article_rows = corpus_rows
    corpus = make_corpus(leader_rows, [(a, None, None) for a, _, _ in article_rows])
    for fn in (output.chart_corpus_quote_share, output.chart_corpus_tone):
        for by, label in (("outlet", NO_OUTLET), ("month", "date not given — add metadata.csv")):
            chart = fn(corpus, by=by)
            assert set(chart.data.group) == {label}
            ax = [a for a in chart.fig.axes if a.axison][0]
            assert [t.get_text() for t in ax.get_yticklabels()] == [label]
            assert not [t for t in _texts(chart.fig) if "unknown" in t.lower()]


def test_corpus_charts_of_one_article_and_one_leader(make_corpus):
    corpus = make_corpus([("solo", "Alice Adams", 5, 3, 1.0, 0.25, 3, -0.5, 4)], [("solo", "Reuters", None)])
    quote = output.chart_corpus_quote_share(corpus, by="month")
    assert quote.data.to_dict("records") == [
        {"group": "date not given — add metadata.csv", "leader": "Alice Adams", "articles": 1, "quote_share": 1.0}]
    assert len([ax for ax in quote.fig.axes if ax.axison]) == 1
    tone = output.chart_corpus_tone(corpus)
    assert tone.data["mean"].tolist() == [0.25, -0.5]
    assert output.describe_corpus(corpus).startswith("The corpus has 1 article from 1 named outlet")
    for chart in (quote, tone):
        assert chart._repr_png_().startswith(b"\x89PNG")


def test_corpus_tone_chart_without_any_tone_says_so(make_corpus, corpus_rows):
    leader_rows, article_rows = corpus_rows
    rows = [(a, n, m, q, s, NAN, 0, NAN, 0) for a, n, m, q, s, *_ in leader_rows]
    corpus = make_corpus(rows, article_rows)
    chart = output.chart_corpus_tone(corpus)
    assert chart.data["mean"].isna().all() and (chart.data.articles == 0).all()
    assert "No tone figures available for these leaders" in _texts(chart.fig)
    assert chart.caption.startswith("No article has a tone figure")
    assert chart._repr_png_().startswith(b"\x89PNG")
    # the quote shares do not depend on tone and are still drawn
    assert output.chart_corpus_quote_share(corpus).data["quote_share"].notna().any()


def test_corpus_charts_of_an_empty_corpus_show_the_empty_message(make_corpus):
    corpus = make_corpus([], [], errors=[("/x/broken.txt", "the file is empty")])
    quote = output.chart_corpus_quote_share(corpus)
    tone = output.chart_corpus_tone(corpus)
    for chart in (quote, tone):
        assert chart.data.empty
        assert "No leaders found in this corpus" in _texts(chart.fig)
        assert chart._repr_png_().startswith(b"\x89PNG")
    assert list(quote.data.columns) == ["group", "leader", "articles", "quote_share"]
    assert output.corpus_leaders(corpus) == []
    assert output.describe_corpus(corpus) == "No article was analysed; 1 file could not be read."


def _visible_texts(fig):
    """Every piece of text drawn, with its box in pixels (tick labels outside the axis range are not drawn)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    hidden = set()
    for ax in fig.axes:
        (x0, x1), (y0, y1) = sorted(ax.get_xlim()), sorted(ax.get_ylim())
        hidden |= {id(t) for t in ax.get_xticklabels() if not x0 <= t.get_position()[0] <= x1}
        hidden |= {id(t) for t in ax.get_yticklabels() if not y0 <= t.get_position()[1] <= y1}
    return [(t.get_text(), t.get_window_extent(renderer)) for t in fig.findobj(Text)
            if t.get_visible() and t.get_text().strip() and id(t) not in hidden and t is not fig._suptitle]


@pytest.mark.parametrize("by", ["outlet", "article", "month"])
@pytest.mark.parametrize("fn", [output.chart_corpus_quote_share, output.chart_corpus_tone], ids=lambda f: f.__name__)
def test_corpus_chart_text_is_inside_the_figure_and_never_overlaps(fn, by, corpus):
    chart = fn(corpus, by=by)
    texts = _visible_texts(chart.fig)
    frame = chart.fig.bbox
    for text, box in texts:
        inside = frame.x0 - 1 <= box.x0 and box.x1 <= frame.x1 + 1 and frame.y0 - 1 <= box.y0 <= box.y1 <= frame.y1 + 1
        assert inside, f"cut off: {text!r}"
    for ax in chart.fig.axes:  # labels beside bars and points stay inside their leader's panel
        panel = ax.get_window_extent()
        for t in ax.texts:
            box = t.get_window_extent()
            assert panel.x0 - 1 <= box.x0 and box.x1 <= panel.x1 + 1, f"{t.get_text()!r} leaves its panel"
    for i, (t1, b1) in enumerate(texts):
        for t2, b2 in texts[i + 1:]:
            overlap = (min(b1.x1, b2.x1) - max(b1.x0, b2.x0)) * (min(b1.y1, b2.y1) - max(b1.y0, b2.y0))
            assert not (b1.overlaps(b2) and overlap > 4), f"{t1!r} overlaps {t2!r}"


def test_corpus_chart_exports_the_data_it_plots(corpus, tmp_path):
    from helpers.output import export

    chart = output.chart_corpus_quote_share(corpus)
    files = export(chart, article="corpus", out_dir=tmp_path)
    assert sorted(p.name for p in files) == ["corpus_quote_share." + e for e in ("csv", "pdf", "png", "svg")]
    back = pd.read_csv(tmp_path / "corpus" / "figures" / "corpus_quote_share.csv", keep_default_na=False,
                       na_values=[""])
    pd.testing.assert_frame_equal(back, chart.data, check_dtype=False)


def _panels(chart) -> dict[str, str]:
    """Each drawn panel's leader and the colour of its title."""
    titles = [next(t for t in (ax.title, ax._left_title, ax._right_title) if t.get_text())
              for ax in chart.fig.axes if ax.axison]
    return {t.get_text().replace("\n", " "): t.get_color() for t in titles}


def _pairs(n_articles: int):
    """``n_articles`` articles with a pair of leaders each, nobody in two: (leader rows, article rows)."""
    leaders = [(f"story_{i}", f"Leader {chr(65 + 2 * i)}{j}", 10 - i, 2, 0.5, 0.1, 2, 0.2, 3)
               for i in range(n_articles) for j in (1, 2)]
    return leaders, [(f"story_{i}", "Reuters", None) for i in range(n_articles)]


@pytest.mark.parametrize("fn", [output.chart_corpus_quote_share, output.chart_corpus_tone], ids=lambda f: f.__name__)
def test_corpus_charts_draw_every_leader_of_three_articles(fn, make_corpus):
    corpus = make_corpus(*_pairs(3))
    chart = fn(corpus)
    everyone = set(corpus.leaders.leader)
    assert set(_panels(chart)) == everyone and set(chart.data.leader) == everyone
    assert not [t for t in _texts(chart.fig) if "more —" in t]


@pytest.mark.parametrize("fn", [output.chart_corpus_quote_share, output.chart_corpus_tone], ids=lambda f: f.__name__)
@pytest.mark.parametrize("top", [None, 4, 20])
def test_corpus_charts_that_leave_leaders_out_say_so_on_the_chart(fn, top, make_corpus):
    corpus = make_corpus(*_pairs(5))  # ten leaders: more than the six colours
    chart = fn(corpus, top=top)
    drawn = set(_panels(chart))
    shown = min(top or output.MAX_LEADERS, output.MAX_LEADERS)
    assert len(drawn) == shown and drawn == set(output.corpus_leaders(corpus, top=shown))
    rest = len(set(corpus.leaders.leader)) - shown
    notes = [t for t in _texts(chart.fig) if f"+{rest} more — see tables/leaders.csv" in t]
    assert notes, _texts(chart.fig)
    left_out = [n for n in output.corpus_leaders(corpus) if n not in drawn]
    assert all(n in chart.caption for n in left_out)


@pytest.mark.parametrize("fn", [output.chart_corpus_quote_share, output.chart_corpus_tone], ids=lambda f: f.__name__)
def test_corpus_charts_draw_each_leader_in_the_runs_colour(fn, corpus):
    colours = output.corpus_colors(corpus)
    panels = _panels(fn(corpus))
    assert panels == {n: colours[n] for n in panels}
    assert len(set(panels.values())) == len(panels)  # drawn together, never the same colour
    # each article's own charts, given the run's registry, draw its leaders in the same colours
    for _, leaders in corpus.leaders.groupby("article")["leader"]:
        assert {n: output.chart_colors(leaders, colours)[n] for n in leaders} == {n: colours[n] for n in leaders}
    # a registry handed in (the report job's) is the one drawn
    given = dict(zip(sorted(colours), output.PALETTE[::-1]))
    assert _panels(fn(corpus, colors=given)) == {n: given[n] for n in panels}
