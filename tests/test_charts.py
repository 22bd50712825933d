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
from helpers.article import paragraph_at
from helpers.nlp import sentence_index

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
