"""Tone: of every sentence and quotation, toward each leader, and the comparison of the two leaders.

Three measures, side by side:

- ``textblob``: TextBlob's polarity (−1…1) and subjectivity (0…1) of a text, blind to
  whom it is about (sentences come from spaCy, never TextBlob's own splitter).
- ``vader``: VADER's compound score (−1…1), a lexicon tuned for short, informal text.
- the target-aware model (``DEFAULT_METHOD``, trained on NewsMTSC, see
  ``helpers.tone_model``): negative / neutral / positive toward one person in a
  sentence, with a score P(positive) − P(negative) in −1…1.

The comparison users ask for is per leader: **voice** (the tone of their own direct
quotations) and **coverage** (the tone toward them in the sentences that mention
them, sentences with their own quotations left out), each with a bootstrap 95 %
interval, and the difference between the two leaders.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from spacy.tokens import Doc, Span

from .article import paragraph_at
from .leaders import Leader
from .nlp import require_article, sentence_index, sentence_spans
from .tone_model import load_tone_model

#: The method the notebooks use for tone toward a leader.
DEFAULT_METHOD = "newsmtsc"
#: Below this many sentences or quotations a mean says nothing.
MIN_N = 5
#: Bootstrap resamples and seed: the same article always gives the same intervals.
BOOTSTRAP_RESAMPLES = 2000
BOOTSTRAP_SEED = 0

_RULE_RANK = {"full name": 0, "title + name": 0, "surname": 1, "role phrase": 2, "pronoun": 3}


@dataclass(frozen=True)
class LeaderTone:
    """The tone of a sentence toward one person: a label and a score in [-1, 1]."""

    label: str
    score: float


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def text_tone(text: str) -> dict[str, float]:
    """TextBlob polarity and subjectivity and VADER compound of one text (a sentence or a quotation)."""
    from textblob import TextBlob

    sentiment = TextBlob(text).sentiment  # the whole string: no NLTK sentence splitter involved
    return {
        "polarity": round(float(sentiment.polarity), 4),
        "subjectivity": round(float(sentiment.subjectivity), 4),
        "vader": round(float(_vader().polarity_scores(text)["compound"]), 4),
    }


SENTENCE_COLUMNS = ["sentence", "start", "end", "text", "paragraph", "kind", "polarity", "subjectivity", "vader"]


def sentence_tone(doc: Doc) -> pd.DataFrame:
    """Every sentence of the article with its TextBlob and VADER scores.

    Returns:
        A DataFrame with ``sentence`` (index into ``helpers.nlp.sentence_spans``),
        ``start``/``end`` (offsets into ``article.text``), ``text``, ``paragraph``,
        ``kind`` (title, heading, body), ``polarity``, ``subjectivity``, ``vader``.
    """
    article = require_article(doc)
    rows = []
    for i, sent in enumerate(sentence_spans(doc)):
        para = paragraph_at(article, sent.start_char)
        text = article.text[sent.start_char : sent.end_char]
        rows.append(
            {
                "sentence": i,
                "start": sent.start_char,
                "end": sent.end_char,
                "text": text,
                "paragraph": para,
                "kind": article.paragraphs[para].kind if para is not None else None,
                **text_tone(sent.text),
            }
        )
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS).astype({"paragraph": "Int64"})


def quote_tone(quotes: pd.DataFrame) -> pd.DataFrame:
    """The quote table with TextBlob ``polarity``/``subjectivity`` and ``vader`` of each quotation added."""
    scores = pd.DataFrame([text_tone(t) for t in quotes.text], index=quotes.index,
                          columns=["polarity", "subjectivity", "vader"])
    return pd.concat([quotes, scores], axis=1)


def leader_tone(sentence: Span, mention: Span) -> LeaderTone:
    """The tone of ``sentence`` toward the person ``mention`` names, by the target-aware model.

    Args:
        sentence: A sentence of a parsed doc.
        mention: The person's mention inside that sentence.

    Example:
        "Biden said Putin is a murderer." reads negative toward Putin.
    """
    pred = load_tone_model().predict_span(sentence, mention)
    return LeaderTone(pred.label, round(float(pred.score), 4))


TARGET_COLUMNS = ["sentence", "leader", "start", "end", "rule", "label", "score", "polarity", "vader",
                  "own_quote"]


def sentence_targets(
    doc: Doc,
    mentions: pd.DataFrame,
    quotes: pd.DataFrame | None = None,
    sentences: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Tone toward each leader in each sentence that mentions them.

    One row per (sentence, leader), scored at the clearest mention (a name before a
    role phrase before a pronoun). ``own_quote`` is True when the sentence holds a
    direct quotation of that leader: their own words, left out of *coverage*.

    Args:
        doc: A doc from ``helpers.parse``.
        mentions: ``leader_mentions(doc, leaders)``.
        quotes: ``quote_table(doc, leaders)``, to find each leader's own quotations.
        sentences: ``sentence_tone(doc)``, whose TextBlob and VADER scores are reused;
            computed here when omitted.
    """
    sents = sentence_spans(doc)
    if sentences is None:
        sentences = sentence_tone(doc)
    blind_by_sentence = sentences.set_index("sentence")[["polarity", "vader"]].to_dict("index")
    own: set[tuple[int, str]] = set()
    if quotes is not None and not quotes.empty:
        direct = quotes[(quotes.kind == "direct") & quotes.speaker.notna()]
        for row in direct.itertuples():
            first, last = sentence_index(doc, row.start), sentence_index(doc, max(row.start, row.end - 1))
            for si in range(first if first is not None else 0, (last if last is not None else -1) + 1):
                own.add((si, row.speaker))
    rows = []
    if not mentions.empty:
        ranked = mentions.assign(rank=mentions.rule.map(_RULE_RANK).fillna(9)).sort_values(["sentence", "rank",
                                                                                             "start"])
        for (si, leader), group in ranked.dropna(subset=["sentence"]).groupby(["sentence", "leader"], sort=True):
            m = group.iloc[0]
            sent = sents[int(si)]
            span = doc.char_span(int(m.start), int(m.end), alignment_mode="expand")
            if span is None:
                continue
            if span.start < sent.start or span.end > sent.end:  # a mention the sentence splitter cut
                span = doc[max(span.start, sent.start) : min(span.end, sent.end)]
                if len(span) == 0:
                    continue
            tone = leader_tone(sent, span)
            blind = blind_by_sentence[int(si)]
            rows.append(
                {
                    "sentence": int(si), "leader": leader, "start": int(m.start), "end": int(m.end),
                    "rule": m.rule, "label": tone.label, "score": tone.score,
                    "polarity": blind["polarity"], "vader": blind["vader"], "own_quote": (int(si), leader) in own,
                }
            )
    return pd.DataFrame(rows, columns=TARGET_COLUMNS)


# --------------------------------------------------------------------------- the comparison


def bootstrap_mean(values, *, resamples: int = BOOTSTRAP_RESAMPLES, seed: int = BOOTSTRAP_SEED):
    """Mean and percentile-bootstrap 95 % interval of ``values`` (NaNs when empty)."""
    x = np.asarray(list(values), dtype=float)
    if x.size == 0:
        return float("nan"), float("nan"), float("nan")
    if x.size == 1:
        return float(x[0]), float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    means = x[rng.integers(0, x.size, size=(resamples, x.size))].mean(axis=1)
    return float(x.mean()), float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


def bootstrap_difference(a, b, *, resamples: int = BOOTSTRAP_RESAMPLES, seed: int = BOOTSTRAP_SEED):
    """Difference of means ``mean(a) − mean(b)`` and its bootstrap 95 % interval (resampling each side)."""
    xa, xb = np.asarray(list(a), dtype=float), np.asarray(list(b), dtype=float)
    if xa.size == 0 or xb.size == 0:
        return float("nan"), float("nan"), float("nan")
    if xa.size == 1 or xb.size == 1:
        return float(xa.mean() - xb.mean()), float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    ma = xa[rng.integers(0, xa.size, size=(resamples, xa.size))].mean(axis=1)
    mb = xb[rng.integers(0, xb.size, size=(resamples, xb.size))].mean(axis=1)
    d = ma - mb
    return float(xa.mean() - xb.mean()), float(np.percentile(d, 2.5)), float(np.percentile(d, 97.5))


def _note(n: int, low: float, high: float, *, difference: bool = False) -> str:
    if n == 0:
        return "no data"
    if n < MIN_N:
        return f"too few to say anything (n={n}; at least {MIN_N} needed)"
    if difference:
        if np.isnan(low) or np.isnan(high):
            return "too few to say anything"
        if low <= 0 <= high:
            return "no clear difference (the interval includes 0)"
        return "clear difference (the interval excludes 0)"
    return ""


TONE_COLUMNS = ["method", "aspect", "leader", "n", "mean", "low", "high", "note"]


def _voice_values(quotes: pd.DataFrame, leader: str, column: str) -> list[float]:
    """One value per quotation (group) of the leader: the mean over its paragraphs."""
    mine = quotes[(quotes.kind == "direct") & (quotes.speaker == leader)]
    return [float(v) for v in mine.groupby("group")[column].mean()] if not mine.empty else []


def tone_comparison(
    sentences: pd.DataFrame,
    targets: pd.DataFrame,
    quotes: pd.DataFrame,
    leaders,
) -> pd.DataFrame:
    """Voice and coverage per leader, for TextBlob and the default method, with intervals.

    Args:
        sentences: ``sentence_tone(doc)``.
        targets: ``sentence_targets(doc, mentions, quotes)``.
        quotes: ``quote_tone(quote_table(doc))`` (with ``polarity`` and ``vader``).
        leaders: ``Leader`` records or names.

    Returns:
        A DataFrame with ``method`` (``textblob`` or ``DEFAULT_METHOD``), ``aspect``
        (voice, coverage), ``leader`` (a name, or "A − B" for the difference), ``n``,
        ``mean``, ``low``/``high`` (bootstrap 95 % interval) and a plain-language
        ``note`` when the numbers cannot carry a conclusion. *Voice* under the
        default method uses VADER (a speaker's own words have no target);
        *coverage* under it uses the target-aware model.
    """
    names = [ld.name if isinstance(ld, Leader) else ld for ld in leaders]
    measures = {
        # method: (voice column in quotes, coverage column in targets)
        "textblob": ("polarity", "polarity"),
        DEFAULT_METHOD: ("vader", "score"),
    }
    rows = []
    for method, (voice_col, cover_col) in measures.items():
        for aspect in ("voice", "coverage"):
            values = {}
            for name in names:
                if aspect == "voice":
                    vals = _voice_values(quotes, name, voice_col) if voice_col in quotes else []
                else:
                    mine = targets[(targets.leader == name) & ~targets.own_quote.astype(bool)]
                    vals = [float(v) for v in mine[cover_col]]
                values[name] = vals
                mean, low, high = bootstrap_mean(vals)
                rows.append({"method": method, "aspect": aspect, "leader": name, "n": len(vals), "mean": mean,
                             "low": low, "high": high, "note": _note(len(vals), low, high)})
            if len(names) == 2:
                a, b = names
                mean, low, high = bootstrap_difference(values[a], values[b])
                n = min(len(values[a]), len(values[b]))
                rows.append({"method": method, "aspect": aspect, "leader": f"{a} − {b}", "n": n, "mean": mean,
                             "low": low, "high": high, "note": _note(n, low, high, difference=True)})
    table = pd.DataFrame(rows, columns=TONE_COLUMNS)
    for col in ("mean", "low", "high"):
        table[col] = table[col].astype(float).round(4)
    return table


def tone_sentences(targets: pd.DataFrame, sentences: pd.DataFrame, leader: str, *, top: int = 3) -> pd.DataFrame:
    """The sentences that pull a leader's coverage most negative and most positive (the evidence)."""
    mine = targets[(targets.leader == leader) & ~targets.own_quote.astype(bool)]
    merged = mine.merge(sentences[["sentence", "text"]], on="sentence")
    merged = merged.sort_values("score")
    return pd.concat([merged.head(top), merged.tail(top)]).drop_duplicates("sentence")[
        ["sentence", "leader", "label", "score", "polarity", "text"]
    ]
