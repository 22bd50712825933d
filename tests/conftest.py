"""Shared fixtures: the spaCy pipeline and the default article are loaded once per test session.

The output band's tests also share two hand-built inputs: ``fake``, the tables of an
Analysis built by regular expressions over the default article (so the charts are tested
independently of how the analysis finds leaders, quotes and tone), and ``corpus``, a
``Corpus`` of four articles and four leaders written out below.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

# The suite never reads or fills the user's analysis cache: it gets its own, shared by the
# notebooks it runs (their kernels inherit the environment), and gone with the session.
_CACHE = tempfile.TemporaryDirectory(prefix="leadertone-test-cache-")
os.environ["LEADERTONE_CACHE_DIR"] = _CACHE.name

import helpers  # noqa: E402
from helpers.nlp.pipeline import sentence_index  # noqa: E402
from helpers.nlp.schema import DEFAULT_METHOD  # noqa: E402
from helpers.read import paragraph_at  # noqa: E402

TESTS_DIR = Path(__file__).resolve().parent
DEFAULT_ARTICLE = helpers.config.DEFAULT_ARTICLE
GOLD = TESTS_DIR / "data" / "putin_biden_geneva_2021.gold.json"


@pytest.fixture(scope="session")
def nlp():
    return helpers.nlp.pipeline.load_pipeline()


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def default_article():
    return helpers.load_article(DEFAULT_ARTICLE)


@pytest.fixture(scope="session")
def default_analysis(nlp, default_article):
    return helpers.analyze(default_article, nlp=nlp)


# --------------------------------------------------------------------------- the output band's inputs

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
    for method, shift in (("textblob", 0.0), (DEFAULT_METHOD, 0.1)):
        for aspect in ("voice", "coverage"):
            scored_by = "textblob" if method == "textblob" else "vader" if aspect == "voice" else method
            means = {}
            for i, n in enumerate(LEADERS):
                k = 3 if aspect == "voice" else 14
                mean = (0.15 if i else -0.1) + shift * (1 if aspect == "coverage" else -1)
                means[n] = mean
                tone_rows.append({"method": method, "leader": n, "difference": False, "aspect": aspect,
                                  "scored_by": scored_by, "n": k,
                                  "mean": mean, "low": mean - 0.3, "high": mean + 0.25,
                                  "note": "only 3 quotes: read with care" if k < 5 else ""})
            d = means[LEADERS[0]] - means[LEADERS[1]]
            tone_rows.append({"method": method, "leader": "Vladimir Putin − Joe Biden", "difference": True,
                              "aspect": aspect, "scored_by": scored_by, "n": 0, "mean": d, "low": d - 0.4,
                              "high": d + 0.4, "note": ""})
    tone = pd.DataFrame(tone_rows)
    leaders = [SimpleNamespace(name=n, aliases=(n, n.split()[-1]), mentions=int((mentions.leader == n).sum()))
               for n in LEADERS]
    return SimpleNamespace(article=article, doc=doc, entities=base.entities, warnings=list(base.warnings),
                           slug=article.slug, leaders=leaders, mentions=mentions, quotes=quotes,
                           quote_counts=quote_counts, sentences=sentences, sentence_targets=sentence_targets,
                           tone=tone)


@pytest.fixture(scope="session")
def fake(default_analysis):
    return make_fake_analysis(default_analysis)


@pytest.fixture(scope="session")
def fake_leaders() -> tuple[str, str]:
    """The leaders of ``fake``, in order."""
    return LEADERS


CORPUS_LEADER_COLUMNS = ["article", "leader", "rank", "aliases", "name_mentions", "mentions", "direct_quotes",
                         "quote_share", "quoted_words", "share_quoted_words", "indirect", "voice", "voice_n",
                         "coverage", "coverage_n", "outlet", "published"]
NAN = float("nan")


def make_corpus(leader_rows, article_rows, *, errors=()):
    """A ``Corpus`` built by hand: ``leader_rows`` as (article, leader, mentions, direct_quotes, quote_share,
    voice, voice_n, coverage, coverage_n); ``article_rows`` as (article, outlet, published)."""
    from helpers.corpus import ARTICLE_COLUMNS, Corpus

    meta = {a: (outlet, published) for a, outlet, published in article_rows}
    leaders = pd.DataFrame(
        [{"article": a, "leader": n, "rank": 1, "aliases": n, "name_mentions": m, "mentions": m, "direct_quotes": q,
          "quote_share": s, "quoted_words": 10 * q, "share_quoted_words": s, "indirect": 0, "voice": v, "voice_n": vn,
          "coverage": c, "coverage_n": cn, "outlet": meta[a][0], "published": meta[a][1]}
         for a, n, m, q, s, v, vn, c, cn in leader_rows],
        columns=CORPUS_LEADER_COLUMNS,
    )
    articles = pd.DataFrame(
        [{"article": a, "path": f"/corpus/{a}.txt", "title": a.replace("_", " "), "outlet": outlet,
          "published": published, "format": "txt", "body_paragraphs": 5, "sentences": 20, "words": 400,
          "leaders": "; ".join(leaders.loc[leaders.article == a, "leader"]),
          "direct_quotes": 8, "indirect": 0, "warnings": ""} for a, outlet, published in article_rows],
        columns=ARTICLE_COLUMNS,
    )
    tone = pd.DataFrame([{"article": a, "method": method, "aspect": "voice", "leader": "x", "n": 1, "mean": 0.0,
                          "low": 0.0, "high": 0.0, "note": ""}
                         for a, _, _ in article_rows for method in ("textblob", DEFAULT_METHOD)])
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


@pytest.fixture(name="make_corpus")
def make_corpus_fixture():
    """``make_corpus(leader_rows, article_rows, *, errors=())``: a Corpus built by hand."""
    return make_corpus


@pytest.fixture()
def corpus_rows():
    """The rows ``corpus`` is built from: (leader rows, article rows)."""
    return list(CORPUS_LEADERS), list(CORPUS_ARTICLES)
