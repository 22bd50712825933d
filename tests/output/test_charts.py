"""Charts: one function per chart, each a Figure plus the exact data plotted, in one style.

The charts only read the Analysis tables. ``make_fake_analysis`` builds those tables by hand
(regular expressions over the default article) so the charts are tested independently of
how the analysis finds leaders, quotes and tone.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from helpers import charts
from helpers.nlp.pipeline import sentence_index
from helpers.read.article import paragraph_at

LEADERS = ("Vladimir Putin", "Joe Biden")
_MENTION = re.compile(
    r"Vladimir Putin|Putin|Joe Biden|Biden|the Russian president|The Russian president|the US president|"
    r"The US president|The American president"
)
_QUOTE = re.compile(r"“([^”]+)”")


def _in_body(article, start: int) -> bool:
    i = paragraph_at(article, start)
    return i is not None and article.paragraphs[i].kind == "body"


def make_fake_analysis(base) -> SimpleNamespace:
    """The Analysis fields the charts read, hand-built over the real article, doc and entities of ``base``."""
    article, doc = base.article, base.doc
    text = article.text
    rows = []
    for m in _MENTION.finditer(text):
        if not _in_body(article, m.start()) and paragraph_at(article, m.start()) != 0:
            continue
        s = m.group()
        leader = LEADERS[0] if ("Putin" in s or "Russian" in s) else LEADERS[1]
        rule = "full name" if " " in s and s[0].isupper() and "president" not in s else (
            "role phrase" if "president" in s else "surname")
        rows.append({"leader": leader, "text": s, "start": m.start(), "end": m.end(),
                     "sentence": sentence_index(doc, m.start()), "paragraph": paragraph_at(article, m.start()),
                     "rule": rule})
    for m in re.finditer(r"\bhe\b", text):
        if _in_body(article, m.start()):
            rows.append({"leader": LEADERS[0], "text": "he", "start": m.start(), "end": m.end(),
                         "sentence": sentence_index(doc, m.start()), "paragraph": paragraph_at(article, m.start()),
                         "rule": "pronoun"})
    mentions = pd.DataFrame(rows).sort_values("start", ignore_index=True)

    qrows = []
    for m in _QUOTE.finditer(text):
        if not _in_body(article, m.start()):
            continue
        before = mentions[(mentions.end <= m.start()) & (mentions.paragraph == paragraph_at(article, m.start()))]
        speaker = before.iloc[-1]["leader"] if not before.empty else None
        words = len(m.group(1).split())
        qrows.append({"text": m.group(1), "start": m.start(1), "end": m.end(1), "speaker": speaker,
                      "speaker_mention": before.iloc[-1]["text"] if speaker else None,
                      "cue": "said" if words >= 4 else None, "kind": "direct" if words >= 4 else "scare",
                      "group": len(qrows), "paragraph": paragraph_at(article, m.start()),
                      "sentence": sentence_index(doc, m.start())})
    for phrase, speaker, cue in [("Navalny deliberately ignored Russian laws", LEADERS[0], "says"),
                                 ("the conversation eventually took 3 hours and 21 minutes", "US delegation",
                                  "reported"),
                                 ("clear agreements were reached on cybersecurity", LEADERS[1], "according to")]:
        start = text.index(phrase)
        qrows.append({"text": phrase, "start": start, "end": start + len(phrase), "speaker": speaker,
                      "speaker_mention": speaker, "cue": cue, "kind": "indirect", "group": len(qrows),
                      "paragraph": paragraph_at(article, start), "sentence": sentence_index(doc, start)})
    quotes = pd.DataFrame(qrows).sort_values("start", ignore_index=True)

    direct = quotes[quotes.kind == "direct"]
    total_words = sum(len(t.split()) for t in direct.text)
    counts = []
    for n in LEADERS:
        d = direct[direct.speaker == n]
        w = sum(len(t.split()) for t in d.text)
        counts.append({"leader": n, "direct_quotes": len(d), "quoted_words": w,
                       "share_quoted_words": w / total_words if total_words else 0.0,
                       "indirect": int(((quotes.kind == "indirect") & (quotes.speaker == n)).sum())})
    quote_counts = pd.DataFrame(counts)

    srows = []
    for i, s in enumerate(doc.sents):
        h = (hash(s.text) % 2000) / 1000 - 1  # stable within a run, enough for a chart
        srows.append({"sentence": i, "start": s.start_char, "end": s.end_char, "text": s.text,
                      "paragraph": paragraph_at(article, s.start_char), "polarity": round(h * 0.6, 3),
                      "subjectivity": 0.5, "vader": round(h * 0.8, 3)})
    sentences = pd.DataFrame(srows)
    trows = []
    for r in mentions.drop_duplicates(["sentence", "leader"]).itertuples():
        pol = float(sentences.loc[sentences.sentence == r.sentence, "polarity"].iloc[0])
        score = float(np.clip(pol + (0.2 if r.leader == LEADERS[1] else -0.2), -1, 1))
        trows.append({"sentence": r.sentence, "leader": r.leader, "start": r.start, "end": r.end,
                      "label": "positive" if score > 0.1 else ("negative" if score < -0.1 else "neutral"),
                      "score": score})
    sentence_targets = pd.DataFrame(trows)

    tone_rows = []
    for method, shift in (("textblob", 0.0), ("newsmtsc", 0.1)):
        for aspect in ("voice", "coverage"):
            means = {}
            for i, n in enumerate(LEADERS):
                k = 3 if aspect == "voice" else 14
                mean = (0.15 if i else -0.1) + shift * (1 if aspect == "coverage" else -1)
                means[n] = mean
                tone_rows.append({"method": method, "leader": n, "aspect": aspect, "n": k, "mean": mean,
                                  "low": mean - 0.3, "high": mean + 0.25,
                                  "note": "only 3 quotes: read with care" if k < 5 else ""})
            d = means[LEADERS[0]] - means[LEADERS[1]]
            tone_rows.append({"method": method, "leader": "Vladimir Putin − Joe Biden", "aspect": aspect, "n": 0,
                              "mean": d, "low": d - 0.4, "high": d + 0.4, "note": ""})
    tone = pd.DataFrame(tone_rows)
    leaders = [SimpleNamespace(name=n, aliases=(n, n.split()[-1]), mentions=int((mentions.leader == n).sum()))
               for n in LEADERS]
    return SimpleNamespace(article=article, doc=doc, entities=base.entities, warnings=list(base.warnings),
                           slug=article.slug, leaders=leaders, mentions=mentions, quotes=quotes,
                           quote_counts=quote_counts, sentences=sentences, sentence_targets=sentence_targets,
                           tone=tone)


@pytest.fixture(scope="module")
def fake(default_analysis):
    return make_fake_analysis(default_analysis)


CHART_FUNCTIONS = [
    charts.chart_entity_counts, charts.chart_mentions, charts.chart_quote_counts, charts.chart_speakers,
    charts.chart_tone, charts.chart_sentence_tone,
]


def test_leader_colors_are_deterministic_and_distinct():
    a = charts.leader_colors(["Xi Jinping", "Narendra Modi"])
    b = charts.leader_colors([SimpleNamespace(name="Xi Jinping"), SimpleNamespace(name="Narendra Modi")])
    assert a == b == {"Xi Jinping": charts.PALETTE[0], "Narendra Modi": charts.PALETTE[1]}
    assert charts.color_of("Someone Else", a) == charts.OTHER_COLOR
    assert charts.color_of(None, a) == charts.OTHER_COLOR
    assert charts.leader_colors([]) == {}


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


def test_mentions_chart_data_sums_to_the_mentions_table(fake):
    chart = charts.chart_mentions(fake)
    assert list(chart.data.columns) == ["leader", "rule", "mentions"]
    totals = chart.data.groupby("leader")["mentions"].sum()
    assert totals.to_dict() == fake.mentions.groupby("leader").size().to_dict()
    assert list(dict.fromkeys(chart.data.leader)) == list(LEADERS)
    # the bars carry the leaders' colours
    ax = chart.fig.axes[0]
    facecolors = {tuple(round(c, 3) for c in p.get_facecolor()[:3]) for p in ax.patches}
    import matplotlib.colors as mc

    for colour in charts.leader_colors(LEADERS).values():
        assert tuple(round(c, 3) for c in mc.to_rgb(colour)) in facecolors


def test_quote_counts_chart_plots_the_quote_counts_table(fake):
    chart = charts.chart_quote_counts(fake)
    pd.testing.assert_frame_equal(chart.data, fake.quote_counts[chart.data.columns])
    assert "quoted directly" in chart.caption


def test_speakers_chart_lists_other_speakers_in_grey(fake):
    chart = charts.chart_speakers(fake)
    data = chart.data
    assert "US delegation" in set(data.speaker)
    assert set(data[data.is_leader].speaker) == set(LEADERS)
    assert (data.total == data.direct + data.indirect).all()
    assert "US delegation" in chart.caption


def test_tone_chart_has_both_methods_and_intervals(fake):
    chart = charts.chart_tone(fake)
    assert list(dict.fromkeys(chart.data.method)) == ["textblob", "newsmtsc"]
    assert set(chart.data.leader) == set(LEADERS)  # the difference rows are not plotted
    assert len([ax for ax in chart.fig.axes if ax.axison]) == 2
    assert "Voice" in chart.caption and "Coverage" in chart.caption


def test_sentence_tone_marks_each_leaders_mentions(fake):
    chart = charts.chart_sentence_tone(fake)
    data = chart.data
    assert len(data) == len(fake.sentences)
    for n in LEADERS:
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
    names = [c.name for c in charts.all_charts(fake)]
    assert names == ["entity_counts", "mentions", "quote_counts", "speakers", "tone", "sentence_tone"]


def test_charts_on_the_real_analysis(default_analysis):
    """The charts whose tables the analysis already has, drawn from the real tables."""
    a = default_analysis
    mentions = charts.chart_mentions(a)
    assert mentions.data.groupby("leader")["mentions"].sum().to_dict() == a.mentions.groupby("leader").size().to_dict()
    counts = charts.chart_quote_counts(a)
    assert counts.data["direct_quotes"].tolist() == a.quote_counts["direct_quotes"].tolist()
    speakers = charts.chart_speakers(a).data
    for r in a.quote_counts.itertuples():
        row = speakers[speakers.speaker == r.leader].iloc[0]
        assert (row.direct, row.indirect) == (r.direct_quotes, r.indirect)


# --------------------------------------------------------------------------- the corpus charts

CORPUS_LEADER_COLUMNS = ["article", "leader", "rank", "aliases", "mentions", "direct_quotes", "quote_share",
                         "quoted_words", "share_quoted_words", "indirect", "voice", "voice_n", "coverage",
                         "coverage_n", "outlet", "published"]
NAN = float("nan")


def make_corpus(leader_rows, article_rows, *, errors=()):
    """A ``Corpus`` built by hand: ``leader_rows`` as (article, leader, mentions, direct_quotes, quote_share,
    voice, voice_n, coverage, coverage_n); ``article_rows`` as (article, outlet, published)."""
    from helpers.corpus import ARTICLE_COLUMNS, Corpus

    meta = {a: (outlet, published) for a, outlet, published in article_rows}
    leaders = pd.DataFrame(
        [{"article": a, "leader": n, "rank": 1, "aliases": n, "mentions": m, "direct_quotes": q, "quote_share": s,
          "quoted_words": 10 * q, "share_quoted_words": s, "indirect": 0, "voice": v, "voice_n": vn,
          "coverage": c, "coverage_n": cn, "outlet": meta[a][0], "published": meta[a][1]}
         for a, n, m, q, s, v, vn, c, cn in leader_rows],
        columns=CORPUS_LEADER_COLUMNS,
    )
    articles = pd.DataFrame(
        [{"article": a, "path": f"/corpus/{a}.txt", "title": a.replace("_", " "), "outlet": outlet,
          "published": published, "format": "txt", "paragraphs": 5, "sentences": 20, "words": 400,
          "leaders": "; ".join(leaders.loc[leaders.article == a, "leader"]),
          "direct_quotes": 8, "indirect": 0, "warnings": ""} for a, outlet, published in article_rows],
        columns=ARTICLE_COLUMNS,
    )
    tone = pd.DataFrame([{"article": a, "method": method, "aspect": "voice", "leader": "x", "n": 1, "mean": 0.0,
                          "low": 0.0, "high": 0.0, "note": ""}
                         for a, _, _ in article_rows for method in ("textblob", "newsmtsc")])
    empty = pd.DataFrame(columns=["article"])
    return Corpus(articles=articles, leaders=leaders, quotes=empty, sentences=empty, targets=empty, tone=tone,
                  errors=pd.DataFrame(list(errors), columns=["path", "error"]))


# Bob is in three articles with 40 mentions, Alice in three with 22, Carol and Dave in one each.
CORPUS_ARTICLES = [("reuters_one", "Reuters", "2024-01-05"), ("reuters_two", "Reuters", "2024-01-20"),
                   ("no_outlet", None, None), ("ap_story", "AP", "2024-02-01")]
CORPUS_LEADERS = [
    ("reuters_one", "Alice Adams", 10, 4, 0.5, 0.2, 3, -0.1, 4),
    ("reuters_one", "Bob Brown", 5, 2, 0.25, NAN, 0, 0.3, 2),
    ("reuters_two", "Alice Adams", 8, 3, 0.3, 0.4, 1, 0.1, 6),
    ("reuters_two", "Bob Brown", 5, 7, 0.7, -0.2, 2, NAN, 0),
    ("no_outlet", "Alice Adams", 4, 6, 0.6, 0.5, 6, 0.2, 3),
    ("no_outlet", "Carol Chen", 7, 2, 0.2, 0.1, 2, 0.0, 1),
    ("ap_story", "Bob Brown", 30, 5, 1.0, 0.3, 5, -0.4, 8),
    ("ap_story", "Dave Diaz", 3, 0, 0.0, NAN, 0, 0.1, 2),
]


@pytest.fixture()
def corpus():
    return make_corpus(CORPUS_LEADERS, CORPUS_ARTICLES)


def _texts(fig) -> list[str]:
    from matplotlib.text import Text

    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def _row(data, **where):
    mask = np.ones(len(data), dtype=bool)
    for col, value in where.items():
        mask &= (data[col] == value).to_numpy()
    assert mask.sum() == 1, where
    return data[mask].iloc[0]


def test_corpus_groups_by_outlet_date_month_and_article(corpus):
    by_outlet = charts.corpus_groups(corpus, "outlet")
    assert len(by_outlet) == len(corpus.leaders)
    assert dict(zip(by_outlet.article, by_outlet.group)) == {
        "reuters_one": "Reuters", "reuters_two": "Reuters", "no_outlet": "unknown", "ap_story": "AP"}
    months = charts.corpus_groups(corpus, "month")
    assert dict(zip(months.article, months.group)) == {
        "reuters_one": "2024-01", "reuters_two": "2024-01", "no_outlet": "unknown", "ap_story": "2024-02"}
    dates = charts.corpus_groups(corpus, "published")
    assert set(dates.group) == {"2024-01-05", "2024-01-20", "2024-02-01", "unknown"}
    assert (charts.corpus_groups(corpus, "article").group == corpus.leaders.article).all()
    with pytest.raises(ValueError, match="outlet"):
        charts.corpus_groups(corpus, "author")


def test_corpus_leaders_by_articles_then_mentions(corpus):
    assert charts.corpus_leaders(corpus) == ["Bob Brown", "Alice Adams", "Carol Chen", "Dave Diaz"]
    assert charts.corpus_leaders(corpus, top=2) == ["Bob Brown", "Alice Adams"]


def test_corpus_quote_share_is_the_mean_over_the_groups_articles(corpus):
    chart = charts.chart_corpus_quote_share(corpus, by="outlet", top=2)
    data = chart.data
    assert chart.name == "corpus_quote_share"
    assert list(data.columns) == ["group", "leader", "articles", "quote_share"]
    # outlets by number of articles, the unknown group last
    assert list(dict.fromkeys(data.group)) == ["Reuters", "AP", "unknown"]
    alice = _row(data, group="Reuters", leader="Alice Adams")
    assert (alice.articles, alice.quote_share) == (2, pytest.approx(0.4))  # mean of 0.5 and 0.3
    assert _row(data, group="Reuters", leader="Bob Brown").quote_share == pytest.approx(0.475)
    assert _row(data, group="unknown", leader="Alice Adams").quote_share == pytest.approx(0.6)
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
    chart = charts.chart_corpus_tone(corpus, by="outlet", top=2)
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
    # Alice: voice and coverage in Reuters and in the unknown group; no AP article
    assert len(filled) == 2 and len(hollow) == 2
    assert all(p.get_markerfacecolor() == "white" for p in hollow)
    assert all(p.get_markerfacecolor() != "white" for p in filled)
    assert sorted(p.get_xdata()[0] for p in filled) == pytest.approx([0.3, 0.5])
    assert "no articles" in [t.get_text() for t in alice_ax.texts]
    zero = [line for line in alice_ax.lines if list(line.get_xdata()) == [0, 0]]
    assert zero, "a reference line at zero tone"
    assert "Alice Adams voice +0.37 (3 articles)" in chart.caption  # (0.2 + 0.4 + 0.5) / 3


def test_corpus_charts_name_the_group_unknown_when_outlets_are_missing():
    corpus = make_corpus(CORPUS_LEADERS, [(a, None, None) for a, _, _ in CORPUS_ARTICLES])
    for fn in (charts.chart_corpus_quote_share, charts.chart_corpus_tone):
        chart = fn(corpus)
        assert set(chart.data.group) == {"unknown"}
        ax = [a for a in chart.fig.axes if a.axison][0]
        assert [t.get_text() for t in ax.get_yticklabels()] == ["unknown"]


def test_corpus_charts_of_one_article_and_one_leader():
    corpus = make_corpus([("solo", "Alice Adams", 5, 3, 1.0, 0.25, 3, -0.5, 4)], [("solo", "Reuters", None)])
    quote = charts.chart_corpus_quote_share(corpus, by="month")
    assert quote.data.to_dict("records") == [
        {"group": "unknown", "leader": "Alice Adams", "articles": 1, "quote_share": 1.0}]
    assert len([ax for ax in quote.fig.axes if ax.axison]) == 1
    tone = charts.chart_corpus_tone(corpus)
    assert tone.data["mean"].tolist() == [0.25, -0.5]
    assert charts.describe_corpus(corpus).startswith("The corpus has 1 article from 1 named outlet")
    for chart in (quote, tone):
        assert chart._repr_png_().startswith(b"\x89PNG")


def test_corpus_tone_chart_without_any_tone_says_so():
    rows = [(a, n, m, q, s, NAN, 0, NAN, 0) for a, n, m, q, s, *_ in CORPUS_LEADERS]
    corpus = make_corpus(rows, CORPUS_ARTICLES)
    chart = charts.chart_corpus_tone(corpus)
    assert chart.data["mean"].isna().all() and (chart.data.articles == 0).all()
    assert "No tone figures available for these leaders" in _texts(chart.fig)
    assert chart.caption.startswith("No article has a tone figure")
    assert chart._repr_png_().startswith(b"\x89PNG")
    # the quote shares do not depend on tone and are still drawn
    assert charts.chart_corpus_quote_share(corpus).data["quote_share"].notna().any()


def test_corpus_charts_of_an_empty_corpus_show_the_empty_message():
    corpus = make_corpus([], [], errors=[("/x/broken.txt", "the file is empty")])
    quote = charts.chart_corpus_quote_share(corpus)
    tone = charts.chart_corpus_tone(corpus)
    for chart in (quote, tone):
        assert chart.data.empty
        assert "No leaders found in this corpus" in _texts(chart.fig)
        assert chart._repr_png_().startswith(b"\x89PNG")
    assert list(quote.data.columns) == ["group", "leader", "articles", "quote_share"]
    assert charts.corpus_leaders(corpus) == []
    assert charts.describe_corpus(corpus) == "No article was analysed; 1 file could not be read."


def test_describe_corpus_states_the_numbers(corpus):
    text = charts.describe_corpus(corpus)
    assert "4 articles from 2 named outlets (1 without one)" in text
    assert "3 dated (2024-01-05 to 2024-02-01)" in text and "follows 4 leaders" in text
    # Bob: 2 + 7 + 5 direct quotes
    assert "Bob Brown is quoted most (14 direct quotes in 3 articles)" in text
    assert "Bob Brown and Alice Adams appear in the most articles (3 of 4 each)" in text


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
@pytest.mark.parametrize("fn", [charts.chart_corpus_quote_share, charts.chart_corpus_tone], ids=lambda f: f.__name__)
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
    from helpers.output.export import export

    chart = charts.chart_corpus_quote_share(corpus)
    files = export(chart, article="corpus", out_dir=tmp_path)
    assert sorted(p.name for p in files) == ["corpus_quote_share." + e for e in ("csv", "pdf", "png", "svg")]
    back = pd.read_csv(tmp_path / "corpus" / "figures" / "corpus_quote_share.csv", keep_default_na=False,
                       na_values=[""])
    pd.testing.assert_frame_equal(back, chart.data, check_dtype=False)
