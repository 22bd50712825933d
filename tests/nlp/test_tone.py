"""Tone: sentence and quote scores, tone toward a leader, and the voice/coverage comparison."""

from __future__ import annotations

import math

import pandas as pd

from helpers import article_from_text, parse
from helpers.nlp.schema import TONE_COLUMNS
from helpers.nlp.tone import (
    DEFAULT_METHOD,
    MIN_N,
    bootstrap_difference,
    bootstrap_mean,
    leader_tone,
    sentence_tone,
    text_tone,
    tone_comparison,
)


def test_text_tone_reads_the_whole_string_without_nltk():
    scores = text_tone("It was a great and wonderful meeting. It was also a terrible, awful day.")
    assert set(scores) == {"polarity", "subjectivity", "vader"}
    assert -1 <= scores["polarity"] <= 1 and 0 <= scores["subjectivity"] <= 1 and -1 <= scores["vader"] <= 1
    assert text_tone("a wonderful, excellent result")["polarity"] > 0.5
    assert text_tone("a horrible, disastrous result")["vader"] < -0.5


def test_sentence_tone_covers_every_sentence_with_offsets(nlp):
    a = article_from_text("Leaders meet\n\nThe talks were excellent. The weather was awful.")
    table = sentence_tone(parse(a, nlp))
    assert list(table.text) == ["Leaders meet", "The talks were excellent.", "The weather was awful."]
    for row in table.itertuples():
        assert a.text[row.start : row.end] == row.text
    assert table.polarity.iloc[1] > 0 > table.polarity.iloc[2]
    assert list(table.kind) == ["title", "body", "body"]


def test_murderer_reads_negative_toward_putin(nlp):
    doc = parse(article_from_text("Headline\n\nBiden said Putin is a murderer."), nlp)
    sent = [s for s in doc.sents if "murderer" in s.text][0]
    putin = [t for t in sent if t.text == "Putin"][0]
    tone = leader_tone(sent, doc[putin.i : putin.i + 1])
    assert tone.label == "negative" and tone.score < 0
    assert text_tone(sent.text)["polarity"] == 0.0  # TextBlob alone sees nothing here


def test_default_article_murderer_sentence_and_comparison(default_analysis):
    a = default_analysis
    sent = a.sentences[a.sentences.text.str.contains("murderer")].iloc[0]
    toward = a.sentence_targets[(a.sentence_targets.sentence == sent.sentence)].set_index("leader")
    assert toward.loc["Vladimir Putin", "label"] == "negative"
    tone = a.tone
    for method in ("textblob", DEFAULT_METHOD):
        for aspect in ("voice", "coverage"):
            rows = tone[(tone.method == method) & (tone.aspect == aspect)].set_index("leader")
            for leader in ("Vladimir Putin", "Joe Biden"):
                r = rows.loc[leader]
                assert r["n"] > 0 and r["low"] <= r["mean"] <= r["high"]
            assert "Vladimir Putin − Joe Biden" in rows.index
    voice = tone[(tone.method == "textblob") & (tone.aspect == "voice")].set_index("leader")
    assert voice.loc["Vladimir Putin", "n"] == 13 and voice.loc["Joe Biden", "n"] == 5


def test_coverage_leaves_out_the_leaders_own_quotes(default_analysis):
    t = default_analysis.sentence_targets
    tone = default_analysis.tone
    n_cov = tone[(tone.method == "textblob") & (tone.aspect == "coverage")].set_index("leader").loc["Joe Biden", "n"]
    assert n_cov == len(t[(t.leader == "Joe Biden") & ~t.own_quote])
    assert t[t.leader == "Joe Biden"].own_quote.any()


def test_bootstrap_is_deterministic_and_brackets_the_mean():
    values = [0.1, 0.4, -0.2, 0.3, 0.0, 0.25]
    m, lo, hi = bootstrap_mean(values)
    assert (m, lo, hi) == bootstrap_mean(values)
    assert lo <= m <= hi and math.isclose(m, sum(values) / len(values))
    d, dlo, dhi = bootstrap_difference([0.5] * 6, [-0.5] * 6)
    assert d == 1.0 and dlo == dhi == 1.0
    assert all(math.isnan(x) for x in bootstrap_mean([]))


def test_small_samples_are_flagged():
    sentences = pd.DataFrame({"sentence": [0], "text": ["x"]})
    targets = pd.DataFrame(
        {"sentence": [0, 1], "leader": ["A", "B"], "score": [0.5, -0.5], "polarity": [0.1, -0.1],
         "own_quote": [False, False], "label": ["positive", "negative"]}
    )
    quotes = pd.DataFrame({"kind": ["direct"], "speaker": ["A"], "group": [0], "polarity": [0.2], "vader": [0.3]})
    table = tone_comparison(sentences, targets, quotes, ["A", "B"])
    notes = table.set_index(["method", "aspect", "leader"]).note
    assert notes[("textblob", "coverage", "A")].startswith(f"too few to say anything (n=1; at least {MIN_N}")
    assert notes[("textblob", "voice", "B")] == "no data"
    assert notes[("textblob", "coverage", "A − B")].startswith("too few")
    # the difference rows say so in their own column; the leaders' rows do not
    assert list(table.columns) == TONE_COLUMNS and table["difference"].dtype == bool
    assert (table["difference"] == (table["leader"] == "A − B")).all() and table["difference"].sum() == 4
    assert tone_comparison(sentences, targets, quotes, [])["difference"].dtype == bool
