"""The tables the notebooks show a reader: the reader's columns, left-aligned, wrapped, whole text, leaders tinted."""

from __future__ import annotations

import html
import re
from types import SimpleNamespace

import pandas as pd
import pytest

from helpers.output import (
    DRIVER_VIEW_COLUMNS,
    MENTION_VIEW_COLUMNS,
    QUOTE_VIEW_COLUMNS,
    TONE_VIEW_COLUMNS,
    boilerplate_view,
    driver_view,
    leader_colors,
    mention_view,
    paragraph_view,
    quote_view,
    tint,
    tone_view,
)

READER_COLUMNS = ["speaker", "quotation", "cue", "kind"]


def css_rules(markup: str) -> dict[str, str]:
    """Every CSS selector of a rendered Styler and its declarations (a rule naming several selectors gives each)."""
    style = re.search(r"<style[^>]*>(.*?)</style>", markup, re.S)
    rules: dict[str, str] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", style.group(1) if style else ""):
        for selector in selectors.split(","):
            key = " ".join(selector.split())
            rules[key] = rules.get(key, "") + " ".join(body.split())
    return rules


def cell_css(styler, markup: str, row: int, col: int) -> str:
    """The declarations of one body cell (by position), from its id's rule."""
    return css_rules(markup).get(f"#T_{styler.uuid}_row{row}_col{col}", "")


def headers(markup: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'<th [^>]*class="col_heading[^"]*"\s*>([^<]*)</th>', markup)]


def cells(markup: str, col: int) -> list[str]:
    return [html.unescape(c) for c in re.findall(rf'<td [^>]*class="data row\d+ col{col}"\s*>(.*?)</td>', markup,
                                                 re.S)]


def with_quotes(analysis, quotes: pd.DataFrame) -> SimpleNamespace:
    return SimpleNamespace(**{**vars(analysis), "quotes": quotes})


@pytest.fixture(scope="module")
def long_quote_analysis(fake, fake_leaders):
    """The fake analysis with one long direct quote of the first leader, holding HTML and a line break."""
    text = ("We will not accept <any> conditions & we will say so again and again, " * 4).strip() + "\nEnd."
    row = {"text": text, "start": 10**6, "end": 10**6 + len(text), "speaker": fake_leaders[0],
           "speaker_mention": fake_leaders[0], "cue": "said", "kind": "direct", "group": 999, "paragraph": 3,
           "sentence": 5}
    quotes = pd.concat([fake.quotes, pd.DataFrame([row])], ignore_index=True)
    return with_quotes(fake, quotes)


def test_a_long_quotation_is_shown_whole_whatever_pandas_truncates(long_quote_analysis):
    quotes = long_quote_analysis.quotes
    long_text = quotes["text"].iloc[-1]
    assert len(long_text) > 50
    with pd.option_context("display.max_colwidth", 50):
        assert "…" in repr(quotes) or "..." in repr(quotes)  # what the plain table does to it
        markup = quote_view(long_quote_analysis).to_html()
    shown = cells(markup, 1)
    assert long_text in shown  # every character, the line break kept
    assert not any(c.endswith(("…", "...")) for c in shown)
    assert "&lt;any&gt; conditions &amp; we" in markup and "<any>" not in markup  # escaped, never markup


def test_the_quote_view_has_exactly_the_readers_columns_and_keeps_the_row_labels(default_analysis):
    styler = quote_view(default_analysis)
    markup = styler.to_html()
    assert headers(markup) == READER_COLUMNS == list(QUOTE_VIEW_COLUMNS.values())
    quotes = default_analysis.quotes
    shown = styler.data
    assert set(shown.index) == set(quotes.index[quotes["kind"].isin(["direct", "scare"])])
    assert list(quotes.loc[shown.index, "start"]) == sorted(quotes.loc[shown.index, "start"])  # text order
    for label, row in shown.iterrows():  # each row is the same quote as that row of the full table
        assert row["quotation"] == quotes.loc[label, "text"] and row["kind"] == quotes.loc[label, "kind"]
    assert cells(markup, 1) == list(shown["quotation"])


def test_the_indirect_view_lists_only_indirect_statements(default_analysis):
    shown = quote_view(default_analysis, "indirect").data
    quotes = default_analysis.quotes
    assert len(shown) == (quotes["kind"] == "indirect").sum() > 0
    assert set(shown["kind"]) == {"indirect"}


def test_every_cell_is_left_aligned_and_wrapped(default_analysis):
    styler = quote_view(default_analysis)
    rules = css_rules(styler.to_html())
    td = rules[f"#T_{styler.uuid} td"]
    assert "text-align: left" in td and "white-space: pre-wrap" in td and "word-break: break-word" in td
    assert "text-align: left" in rules[f"#T_{styler.uuid} th"]
    assert not [r for r in rules.values() if "text-align: right" in r]  # the reader's columns are all text


def test_speaker_cells_are_tinted_in_their_leaders_colour(default_analysis):
    styler = quote_view(default_analysis)
    markup = styler.to_html()
    colors = leader_colors(default_analysis.leaders)
    seen = set()
    for row, speaker in enumerate(styler.data["speaker"]):
        css = cell_css(styler, markup, row, 0)
        if speaker in colors:
            assert f"background-color: {tint(colors[speaker], 0.78)}" in css
            assert f"border-left: 4px solid {colors[speaker]}" in css
            seen.add(speaker)
        else:  # someone else, or nobody: no leader's colour
            assert not any(c in css for c in colors.values())
        assert not any(c in cell_css(styler, markup, row, 1) for c in colors.values())  # the quotation is not tinted
    assert seen == set(colors)


def test_the_colours_passed_in_are_the_ones_used(default_analysis):
    first = default_analysis.leaders[0].name
    styler = quote_view(default_analysis, colors={first: "#123456"})
    markup = styler.to_html()
    rows = [i for i, s in enumerate(styler.data["speaker"]) if s == first]
    assert rows and all("border-left: 4px solid #123456" in cell_css(styler, markup, r, 0) for r in rows)


def test_two_views_in_one_notebook_never_share_css(default_analysis):
    a, b = quote_view(default_analysis), quote_view(default_analysis, "indirect")
    assert a.uuid != b.uuid
    assert quote_view(default_analysis).to_html() == a.to_html()  # a rerun renders the same markup


def test_mention_view_shows_each_mention_with_its_whole_sentence(default_analysis):
    styler = mention_view(default_analysis)
    markup = styler.to_html()
    assert headers(markup) == list(MENTION_VIEW_COLUMNS.values())
    texts = dict(zip(default_analysis.sentences["sentence"], default_analysis.sentences["text"]))
    shown = cells(markup, 3)
    assert len(shown) == len(default_analysis.mentions)
    assert shown == [texts[s] for s in default_analysis.mentions["sentence"]]
    assert max(len(s) for s in shown) > 160  # longer than the notebooks' display.max_colwidth, and whole
    colors = leader_colors(default_analysis.leaders)
    for row, leader in enumerate(styler.data["leader"]):
        assert f"border-left: 4px solid {colors[leader]}" in cell_css(styler, markup, row, 0)


def test_tone_view_keeps_every_row_and_the_readers_columns(default_analysis):
    styler = tone_view(default_analysis)
    markup = styler.to_html()
    tone = default_analysis.tone
    assert headers(markup) == list(TONE_VIEW_COLUMNS.values())
    assert len(styler.data) == len(tone)
    assert "difference" not in headers(markup)
    assert cells(markup, 8) == [n if isinstance(n, str) else "" for n in tone["note"]]
    means = cells(markup, 5)
    assert [float(m) for m in means if m] == pytest.approx([round(x, 2) for x in tone["mean"].dropna()], abs=0.006)
    rules = css_rules(markup)
    assert "text-align: right" in rules[f"#T_{styler.uuid} td.col5"]  # numbers line up


def test_driver_view_shows_the_sentences_behind_the_figures(default_analysis):
    from helpers.output import tone_drivers

    styler = driver_view(default_analysis)
    markup = styler.to_html()
    assert headers(markup) == list(DRIVER_VIEW_COLUMNS.values())
    assert cells(markup, 4) == list(tone_drivers(default_analysis)["text"])


def test_paragraph_and_boilerplate_views_show_every_text_whole(default_analysis):
    article = default_analysis.article
    with pd.option_context("display.max_colwidth", 50):
        paragraphs = cells(paragraph_view(article).to_html(), 5)
        boilerplate = cells(boilerplate_view(article).to_html(), 3)
    assert paragraphs == [article.text[p.start : p.end] for p in article.paragraphs]
    assert boilerplate == [article.text[b.start : b.end] for b in article.boilerplate]
    assert max(len(p) for p in paragraphs) > 50
