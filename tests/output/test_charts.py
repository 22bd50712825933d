"""The one-article charts: one function per chart, each a Figure plus the exact data plotted, in one style.

The charts only read the Analysis tables; ``fake`` (tests/conftest.py) builds those tables
by hand, so the charts are tested independently of how the analysis finds leaders, quotes and tone.
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest
from matplotlib.figure import Figure

from helpers import output
from helpers.nlp.schema import DEFAULT_METHOD

CHART_FUNCTIONS = [
    output.chart_entity_counts, output.chart_mentions, output.chart_quote_counts, output.chart_speakers,
    output.chart_tone, output.chart_sentence_tone,
]


@pytest.mark.parametrize("fn", CHART_FUNCTIONS, ids=lambda f: f.__name__)
def test_every_chart_is_a_figure_with_its_data_and_the_article_title(fn, fake):
    chart = fn(fake)
    fig, data = chart
    assert isinstance(fig, Figure) and isinstance(data, pd.DataFrame)
    assert not data.empty
    assert chart.name and chart.caption
    titles = [fig.get_suptitle()] + [a.get_text() for a in fig.artists if hasattr(a, "get_text")]
    assert "Putin after meeting Biden" in " ".join(titles)
    for ax in fig.axes:
        if ax.axison:
            assert not ax.spines["top"].get_visible() and not ax.spines["right"].get_visible()
            assert ax.get_xlabel() or ax.get_ylabel() or ax.get_title("left") or len(ax.get_yticklabels())
    assert chart._repr_png_().startswith(b"\x89PNG")


def test_mentions_chart_data_sums_to_the_mentions_table(fake, fake_leaders):
    chart = output.chart_mentions(fake)
    assert list(chart.data.columns) == ["leader", "rule", "mentions"]
    totals = chart.data.groupby("leader")["mentions"].sum()
    assert totals.to_dict() == fake.mentions.groupby("leader").size().to_dict()
    assert list(dict.fromkeys(chart.data.leader)) == list(fake_leaders)
    # the bars carry the leaders' colours
    ax = chart.fig.axes[0]
    facecolors = {tuple(round(c, 3) for c in p.get_facecolor()[:3]) for p in ax.patches}
    import matplotlib.colors as mc

    for colour in output.leader_colors(fake_leaders).values():
        assert tuple(round(c, 3) for c in mc.to_rgb(colour)) in facecolors


def test_quote_counts_chart_plots_the_quote_counts_table(fake):
    chart = output.chart_quote_counts(fake)
    pd.testing.assert_frame_equal(chart.data, fake.quote_counts[chart.data.columns])
    for r in fake.quote_counts.itertuples():  # each leader's numbers, in the words of every other output
        assert f"{r.leader} has {r.direct_quotes} direct quote" in chart.caption
        assert f"({r.quoted_words} quoted words) and {r.indirect} indirect statement" in chart.caption


def test_speakers_chart_lists_other_speakers_in_grey(fake, fake_leaders):
    chart = output.chart_speakers(fake)
    data = chart.data
    assert "US delegation" in set(data.speaker)
    assert set(data[data.is_leader].speaker) == set(fake_leaders)
    assert (data.total == data.direct + data.indirect).all()
    assert "US delegation" in chart.caption


def test_tone_chart_has_both_methods_and_intervals(fake, fake_leaders):
    chart = output.chart_tone(fake)
    assert list(dict.fromkeys(chart.data.method)) == ["textblob", DEFAULT_METHOD]
    assert set(chart.data.leader) == set(fake_leaders)  # the difference rows are not plotted
    assert len([ax for ax in chart.fig.axes if ax.axison]) == 2
    assert "Voice" in chart.caption and "Coverage" in chart.caption


def test_tone_chart_and_caption_find_the_difference_rows_by_their_column(fake, fake_leaders):
    renamed = SimpleNamespace(**{**vars(fake)})
    renamed.tone = fake.tone.assign(leader=fake.tone["leader"].where(~fake.tone["difference"], "Putin vs Biden"))
    renamed.leaders = []  # the leaders come from the tone table's rows that are no difference
    chart = output.chart_tone(renamed)
    assert list(dict.fromkeys(chart.data.leader)) == list(fake_leaders)
    assert "difference" not in chart.data.columns
    assert "difference Putin vs Biden" in output.describe_tone(renamed)


def test_sentence_tone_marks_each_leaders_mentions(fake, fake_leaders):
    chart = output.chart_sentence_tone(fake)
    data = chart.data
    assert len(data) == len(fake.sentences)
    for n in fake_leaders:
        assert data[f"mentions: {n}"].sum() == (fake.mentions.leader == n).sum()
    assert chart.fig.axes[1].get_xlabel().startswith("sentence number")


def test_charts_cope_with_an_article_without_leaders_or_quotes(fake):
    empty = SimpleNamespace(**{**vars(fake)})
    empty.leaders = []
    empty.mentions = fake.mentions.iloc[0:0]
    empty.quotes = fake.quotes.iloc[0:0]
    empty.quote_counts = fake.quote_counts.iloc[0:0]
    empty.sentence_targets = fake.sentence_targets.iloc[0:0]
    empty.tone = fake.tone.iloc[0:0]
    for fn in CHART_FUNCTIONS:
        chart = fn(empty)
        assert isinstance(chart.fig, Figure) and chart.caption
        chart._repr_png_()


def test_all_charts_in_report_order(fake):
    names = [c.name for c in output.all_charts(fake)]
    assert names == ["entity_counts", "mentions", "quote_counts", "speakers", "tone", "sentence_tone"]


def test_charts_on_the_real_analysis(default_analysis):
    """The charts whose tables the analysis already has, drawn from the real tables."""
    a = default_analysis
    mentions = output.chart_mentions(a)
    assert mentions.data.groupby("leader")["mentions"].sum().to_dict() == a.mentions.groupby("leader").size().to_dict()
    counts = output.chart_quote_counts(a)
    assert counts.data["direct_quotes"].tolist() == a.quote_counts["direct_quotes"].tolist()
    speakers = output.chart_speakers(a).data
    for r in a.quote_counts.itertuples():
        row = speakers[speakers.speaker == r.leader].iloc[0]
        assert (row.direct, row.indirect) == (r.direct_quotes, r.indirect)


def _rgb(colour) -> tuple[float, ...]:
    import matplotlib.colors as mc

    return tuple(round(c, 3) for c in mc.to_rgb(colour))


def test_mentions_chart_legend_names_every_segment_in_its_own_colour(fake, fake_leaders):
    chart = output.chart_mentions(fake)
    ax, legend = chart.fig.axes[0], chart.fig.legends[0]
    entries = [(t.get_text(), h) for t, h in zip(legend.get_texts(), legend.legend_handles)]
    swatches = {(label, _rgb(h.get_facecolor())) for label, h in entries if h.get_facecolor()[3] > 0}
    data = chart.data
    segments = [p for p in ax.patches if p.get_width() > 0]
    assert len(segments) == int((data.mentions > 0).sum())
    # every segment drawn, however narrow, has a legend swatch of exactly its colour, with its rule and count
    for p in segments:
        matching = [label for label, rgb in swatches if rgb == _rgb(p.get_facecolor())]
        assert any(label.endswith(f": {p.get_width():g}") for label in matching), (p.get_width(), matching)
    for r in data[data.mentions > 0].itertuples():
        assert any(label == f"{r.rule}: {r.mentions}" for label, _ in swatches), r
    # one row per leader, named in their colour; no grey swatch stands for a tinted bar
    colours = output.chart_colors(fake_leaders)
    names = {t.get_text(): t.get_color() for t in legend.get_texts() if t.get_text() in fake_leaders}
    assert names == {n: colours[n] for n in fake_leaders}
    assert _rgb(output.OTHER_COLOR) not in {rgb for _, rgb in swatches}
    # within a leader's bar the segments can be told apart
    rows = {t.get_text(): y for t, y in zip(ax.get_yticklabels(), ax.get_yticks())}
    for n in fake_leaders:
        mine = [p for p in segments if abs(p.get_y() + p.get_height() / 2 - rows[n]) < 0.01]
        assert len({_rgb(p.get_facecolor()) for p in mine}) == len(mine) >= 2


def test_every_chart_draws_each_leader_in_the_colour_given_for_the_run(fake, fake_leaders):
    # a run's registry in which these leaders do not have the colours they would get on their own
    own = output.chart_colors(fake_leaders)
    registry = dict(zip(fake_leaders, [c for c in output.PALETTE if c not in own.values()]))
    assert len(set(registry.values())) == len(fake_leaders) and all(registry[n] != own[n] for n in fake_leaders)
    for chart in output.all_charts(fake, colors=registry):
        ticks = [t for ax in chart.fig.axes for t in ax.get_xticklabels() + ax.get_yticklabels()]
        drawn = {t.get_text(): t.get_color() for t in ticks if t.get_text() in fake_leaders}
        if chart.name != "entity_counts":
            assert drawn and drawn == {n: registry[n] for n in drawn}, chart.name
    mentions = output.chart_mentions(fake, colors=registry)
    colours = {_rgb(p.get_facecolor()) for p in mentions.fig.axes[0].patches}
    assert {_rgb(registry[n]) for n in fake_leaders} <= colours
    assert not {_rgb(own[n]) for n in fake_leaders} & colours
