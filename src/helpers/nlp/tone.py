"""Tone: of every sentence and quotation, toward each leader, and the comparison of the two leaders.

Three measures, side by side:

- ``textblob``: TextBlob's polarity (−1…1) and subjectivity (0…1) of a text, blind to
  whom it is about (sentences come from spaCy, never TextBlob's own splitter).
- ``vader``: VADER's compound score (−1…1), a lexicon tuned for short, informal text.
- a target-aware model: negative / neutral / positive toward one person in a sentence,
  with a score P(positive) − P(negative) in −1…1. ``minilm`` (``DEFAULT_METHOD``) is
  all-MiniLM-L6-v2 fine-tuned on NewsMTSC and run with onnxruntime
  (``helpers.nlp.tone_model.transformer``); ``newsmtsc`` is the linear model trained on
  the same data (``helpers.nlp.tone_model``), faster and with no ONNX.

The comparison users ask for is per leader: **voice** (the tone of their own direct
quotations) and **coverage** (the tone toward them in the sentences that mention
them, sentences with their own quotations left out), each with a bootstrap 95 %
interval, and the difference between the two leaders.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from spacy.tokens import Doc, Span

from ..errors import LeadertoneError
from ..read import paragraph_at
from .leaders import leader_name
from .pipeline import doc_text, require_article, rows_frame, sentence_index, sentence_spans
from .schema import (
    COVERAGE,
    DEFAULT_METHOD,
    DIRECT,
    MINILM,
    NEWSMTSC,
    RULE_RANK,
    SENTENCE_COLUMNS,
    TARGET_COLUMNS,
    TEXTBLOB,
    TONE_COLUMNS,
    VADER,
    VOICE,
)
from .tone_model import TonePrediction, load_tone_model, textblob_scores, vader_scores
from .tone_model.transformer import load_transformer_model, span_item

#: The method the notebooks use for tone toward a leader.
#: Below this many sentences or quotations a mean says nothing.
MIN_N = 5
#: Bootstrap resamples and seed: the same article always gives the same intervals.
BOOTSTRAP_RESAMPLES = 2000
BOOTSTRAP_SEED = 0



@dataclass(frozen=True)
class LeaderTone:
    """The tone of a sentence toward one person: a label and a score in [-1, 1]."""

    label: str
    score: float


def text_tone(text: str) -> dict[str, float]:
    """TextBlob polarity and subjectivity and VADER compound of one text (a sentence or a quotation)."""
    polarity, subjectivity = textblob_scores(text)  # the whole string: no NLTK sentence splitter involved
    return {
        "polarity": round(float(polarity), 4),
        "subjectivity": round(float(subjectivity), 4),
        "vader": round(float(vader_scores(text)[0]), 4),
    }




def sentence_tone(doc: Doc) -> pd.DataFrame:
    """Every sentence of the article with its TextBlob and VADER scores.

    Returns:
        A DataFrame with ``sentence`` (index into ``helpers.nlp.sentence_spans``),
        ``start``/``end`` (offsets into ``article.text``), ``text``, ``paragraph``,
        ``kind`` (title, heading, body), ``polarity``, ``subjectivity``, ``vader``.
    """
    article = require_article(doc)
    parsed = doc_text(doc)  # each sentence's ``sent.text`` is cut from it
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
                **text_tone(parsed[sent.start_char : sent.end_char]),
            }
        )
    return rows_frame(rows, SENTENCE_COLUMNS, {"paragraph": "Int64"})


def quote_tone(quotes: pd.DataFrame) -> pd.DataFrame:
    """The quote table with TextBlob ``polarity``/``subjectivity`` and ``vader`` of each quotation added."""
    scores = pd.DataFrame([text_tone(t) for t in quotes.text], index=quotes.index,
                          columns=["polarity", "subjectivity", "vader"])
    return pd.concat([quotes, scores], axis=1)


def leader_tone(sentence: Span, mention: Span, *, method: str = DEFAULT_METHOD) -> LeaderTone:
    """The tone of ``sentence`` toward the person ``mention`` names, by a target-aware model.

    Args:
        sentence: A sentence of a parsed doc.
        mention: The person's mention inside that sentence.
        method: ``minilm`` (the default: MiniLM fine-tuned on NewsMTSC) or ``newsmtsc``
            (the linear model: faster, and needs no onnxruntime).

    Example:
        "Biden said Putin is a murderer." reads negative toward Putin.
    """
    return leader_tones([(sentence, mention)], method=method)[0]


def leader_tones(pairs: Sequence[tuple[Span, Span]], *, method: str = DEFAULT_METHOD) -> list[LeaderTone]:
    """``leader_tone`` of many (sentence, mention) pairs, the default model taking them in batches."""
    if method == MINILM:
        predictions = load_transformer_model().predict_spans(pairs)
    elif method == NEWSMTSC:
        model = load_tone_model()
        predictions = [model.predict_span(sentence, mention) for sentence, mention in pairs]
    else:
        raise LeadertoneError(f"unknown tone method {method!r} (use {MINILM!r} or {NEWSMTSC!r})")
    return _tones(predictions)


def _tones(predictions: Sequence[TonePrediction]) -> list[LeaderTone]:
    return [LeaderTone(p.label, round(float(p.score), 4)) for p in predictions]



@dataclass(frozen=True)
class TargetPairs:
    """The (sentence, leader) pairs of a doc that a target-aware model scores, gathered before any is scored.

    Attributes:
        keys: Per pair: sentence index, leader, the mention's ``start``/``end`` in the article, its rule.
        spans: Per pair: the sentence and the mention as spans of the doc.
        texts: Per pair: the sentence's text and the mention's offsets in it (all the
            fine-tuned model reads: it can score them away from the doc, in another thread).
        blind: Per sentence: its TextBlob ``polarity`` and VADER score.
        own: The (sentence, leader) pairs where the sentence holds the leader's own quotation.
    """

    keys: list[tuple[int, str, int, int, str]]
    spans: list[tuple[Span, Span]]
    texts: list[tuple[str, int, int]]
    blind: dict[int, tuple[float, float]]
    own: set[tuple[int, str]]


def target_pairs(
    doc: Doc,
    mentions: pd.DataFrame,
    quotes: pd.DataFrame | None = None,
    sentences: pd.DataFrame | None = None,
) -> TargetPairs:
    """Each sentence that mentions a leader, with that leader's clearest mention in it (see ``sentence_targets``)."""
    sents = sentence_spans(doc)
    if sentences is None:
        sentences = sentence_tone(doc)
    blind = {int(si): (polarity, vader) for si, polarity, vader in
             zip(sentences["sentence"].tolist(), sentences["polarity"].tolist(), sentences["vader"].tolist())}
    own = _own_quote_sentences(doc, quotes) if quotes is not None and not quotes.empty else set()
    keys, spans, texts = [], [], []
    for (si, leader), (start, end, rule) in _clearest_mentions(mentions):
        sent = sents[si]
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        if span.start < sent.start or span.end > sent.end:  # a mention the sentence splitter cut
            span = doc[max(span.start, sent.start) : min(span.end, sent.end)]
            if len(span) == 0:
                continue
        keys.append((si, leader, start, end, rule))
        spans.append((sent, span))
        texts.append(span_item(sent, span))
    return TargetPairs(keys, spans, texts, blind, own)


def score_pairs(pairs: TargetPairs, *, method: str = DEFAULT_METHOD) -> list[LeaderTone]:
    """The tone of every pair by ``method``; for the default method, safe to run in another thread."""
    if method == MINILM:
        return _tones(load_transformer_model().predict_texts(pairs.texts))
    return leader_tones(pairs.spans, method=method)


def targets_table(pairs: TargetPairs, tones: Sequence[LeaderTone]) -> pd.DataFrame:
    """The target table: one row per pair, with its tone (``score_pairs``) and the sentence's blind scores."""
    rows = []
    for (si, leader, start, end, rule), tone in zip(pairs.keys, tones):
        polarity, vader = pairs.blind[si]
        rows.append(
            {
                "sentence": si, "leader": leader, "start": start, "end": end,
                "rule": rule, "label": tone.label, "score": tone.score,
                "polarity": polarity, "vader": vader, "own_quote": (si, leader) in pairs.own,
            }
        )
    return pd.DataFrame(rows, columns=TARGET_COLUMNS)


def sentence_targets(
    doc: Doc,
    mentions: pd.DataFrame,
    quotes: pd.DataFrame | None = None,
    sentences: pd.DataFrame | None = None,
    *,
    method: str = DEFAULT_METHOD,
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
        method: The target-aware model that gives ``label`` and ``score`` (see ``leader_tone``).
    """
    pairs = target_pairs(doc, mentions, quotes, sentences)
    return targets_table(pairs, score_pairs(pairs, method=method))


def _own_quote_sentences(doc: Doc, quotes: pd.DataFrame) -> set[tuple[int, str]]:
    """(sentence, speaker) for every sentence a direct quotation of a named speaker touches."""
    own: set[tuple[int, str]] = set()
    columns = (quotes[c].tolist() for c in ("kind", "speaker", "start", "end"))
    for kind, speaker, start, end in zip(*columns):
        if kind != DIRECT or pd.isna(speaker):
            continue
        first, last = sentence_index(doc, start), sentence_index(doc, max(start, end - 1))
        for si in range(first if first is not None else 0, (last if last is not None else -1) + 1):
            own.add((si, speaker))
    return own


def _clearest_mentions(mentions: pd.DataFrame) -> list[tuple[tuple[int, str], tuple[int, int, str]]]:
    """Per (sentence, leader), in that order: ``(start, end, rule)`` of the clearest mention.

    The clearest is the first by rule rank (``RULE_RANK``, 9 for another rule), then
    by start; among equals, the one listed first. Mentions outside every sentence are
    left out.
    """
    if mentions.empty:
        return []
    best: dict[tuple[int, str], tuple[tuple[float, int], tuple[int, int, str]]] = {}
    columns = (mentions[c].tolist() for c in ("sentence", "leader", "start", "end", "rule"))
    for si, leader, start, end, rule in zip(*columns):
        if pd.isna(si):
            continue
        key, order = (int(si), leader), (RULE_RANK.get(rule, 9), start)
        if key not in best or order < best[key][0]:
            best[key] = (order, (int(start), int(end), rule))
    return [(key, best[key][1]) for key in sorted(best)]


# --------------------------------------------------------------------------- the comparison


#: Bootstrap draws kept for reuse (each holds ``resamples`` × n indices per side).
_DRAWS_CACHE_SIZE = 8


@lru_cache(maxsize=_DRAWS_CACHE_SIZE)
def _draws(sizes: tuple[int, ...], resamples: int, seed: int) -> tuple[np.ndarray, ...]:
    """The resampling indices a fresh ``default_rng(seed)`` draws for samples of these sizes, in turn.

    The draws depend only on the sizes and the seed, so voice and coverage under
    both methods (which have the same sizes) share them. The arrays are read-only.
    """
    rng = np.random.default_rng(seed)
    out = []
    for n in sizes:
        idx = rng.integers(0, n, size=(resamples, n))
        idx.setflags(write=False)
        out.append(idx)
    return tuple(out)


def bootstrap_mean(values, *, resamples: int = BOOTSTRAP_RESAMPLES, seed: int = BOOTSTRAP_SEED):
    """Mean and percentile-bootstrap 95 % interval of ``values`` (NaNs when empty)."""
    x = np.asarray(list(values), dtype=float)
    if x.size == 0:
        return float("nan"), float("nan"), float("nan")
    if x.size == 1:
        return float(x[0]), float("nan"), float("nan")
    (idx,) = _draws((x.size,), resamples, seed)
    return float(x.mean()), *_interval(x[idx].mean(axis=1))


def bootstrap_difference(a, b, *, resamples: int = BOOTSTRAP_RESAMPLES, seed: int = BOOTSTRAP_SEED):
    """Difference of means ``mean(a) − mean(b)`` and its bootstrap 95 % interval (resampling each side)."""
    xa, xb = np.asarray(list(a), dtype=float), np.asarray(list(b), dtype=float)
    if xa.size == 0 or xb.size == 0:
        return float("nan"), float("nan"), float("nan")
    if xa.size == 1 or xb.size == 1:
        return float(xa.mean() - xb.mean()), float("nan"), float("nan")
    idx_a, idx_b = _draws((xa.size, xb.size), resamples, seed)
    d = xa[idx_a].mean(axis=1) - xb[idx_b].mean(axis=1)
    return float(xa.mean() - xb.mean()), *_interval(d)


def _interval(samples: np.ndarray) -> tuple[float, float]:
    """The 2.5th and 97.5th percentiles of ``samples``, exactly as two ``np.percentile`` calls give them.

    One call for both finds the same values, except that a zero may come out with
    the other sign (partitioning may put either of two equal values, 0.0 and −0.0,
    in place); a zero is therefore looked up again on its own.
    """
    low, high = np.percentile(samples, [2.5, 97.5])
    if low == 0:
        low = np.percentile(samples, 2.5)
    if high == 0:
        high = np.percentile(samples, 97.5)
    return float(low), float(high)


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




def _voice_values(quotes: pd.DataFrame, leader: str, column: str, lists: dict[str, list]) -> list[float]:
    """One value per quotation (group) of the leader: the mean over its paragraphs.

    Args:
        quotes: The quote table.
        leader: The speaker.
        column: The score column.
        lists: ``quotes``' columns ``kind``, ``speaker``, ``group`` and ``column`` as lists.
    """
    columns = (lists[c] for c in ("kind", "speaker", "group", column))
    mine = [(group, value) for kind, speaker, group, value in zip(*columns) if kind == DIRECT and speaker == leader]
    if len({group for group, _ in mine}) == len(mine) and not any(_odd_mean(v) for _, v in mine):
        # one paragraph per quotation: each mean is the value itself
        return [float(value) for _, value in sorted(mine, key=lambda gv: gv[0])]
    # a quotation over several paragraphs: pandas' own mean, so every digit stays as it was
    table = quotes[(quotes.kind == DIRECT) & (quotes.speaker == leader)]
    return [float(v) for v in table.groupby("group")[column].mean()] if not table.empty else []


def _odd_mean(value: float) -> bool:
    """True for values whose mean over one row may not be the value itself (NaN, −0.0)."""
    return value != value or (value == 0.0 and math.copysign(1.0, value) < 0)


def _coverage_values(leader: str, column: str, lists: dict[str, list]) -> list[float]:
    """The leader's scores in sentences without their own quotations (``lists``: the target table's columns)."""
    columns = (lists[c] for c in ("leader", "own_quote", column))
    return [float(value) for name, own, value in zip(*columns) if name == leader and not bool(own)]


def _lists(table: pd.DataFrame, columns: tuple[str, ...]) -> dict[str, list]:
    """The columns of ``table`` it has, as lists."""
    return {c: table[c].tolist() for c in columns if c in table}


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
        (voice, coverage), ``scored_by`` (what produced the row: ``textblob``, ``vader``
        or the target-aware model), ``leader`` (a name, or "A − B" for the difference),
        ``difference`` (True on the difference rows), ``n``,
        ``mean``, ``low``/``high`` (bootstrap 95 % interval) and a plain-language
        ``note`` when the numbers cannot carry a conclusion. *Voice* under the
        default method uses VADER (a speaker's own words have no target);
        *coverage* under it uses the target-aware model.
    """
    names = [leader_name(ld) for ld in leaders]
    measures = {
        # method: {aspect: (column of quotes (voice) or targets (coverage), what scored that column)}
        TEXTBLOB: {VOICE: ("polarity", TEXTBLOB), COVERAGE: ("polarity", TEXTBLOB)},
        DEFAULT_METHOD: {VOICE: (VADER, VADER), COVERAGE: ("score", DEFAULT_METHOD)},
    }
    quote_lists = _lists(quotes, ("kind", "speaker", "group", "polarity", "vader"))
    target_lists = _lists(targets, ("leader", "own_quote", "polarity", "score"))
    rows = []
    for method, aspects in measures.items():
        for aspect, (column, scored_by) in aspects.items():
            values = {}
            for name in names:
                if aspect == VOICE:
                    vals = _voice_values(quotes, name, column, quote_lists) if column in quotes else []
                else:
                    vals = _coverage_values(name, column, target_lists)
                values[name] = vals
                mean, low, high = bootstrap_mean(vals)
                rows.append({"method": method, "aspect": aspect, "scored_by": scored_by, "leader": name,
                             "difference": False,
                             "n": len(vals), "mean": mean, "low": low, "high": high,
                             "note": _note(len(vals), low, high)})
            if len(names) == 2:
                a, b = names
                mean, low, high = bootstrap_difference(values[a], values[b])
                n = min(len(values[a]), len(values[b]))
                rows.append({"method": method, "aspect": aspect, "scored_by": scored_by, "leader": f"{a} − {b}",
                             "difference": True,
                             "n": n, "mean": mean, "low": low, "high": high,
                             "note": _note(n, low, high, difference=True)})
    for col in ("mean", "low", "high"):
        # numpy's rounding, as ``Series.round`` does it (Python's ``round`` can differ in the last digit)
        rounded = np.round(np.array([row[col] for row in rows], dtype=float), 4).tolist()
        for row, value in zip(rows, rounded):
            row[col] = value
    if not rows:
        return pd.DataFrame(rows, columns=TONE_COLUMNS).astype(
            {"difference": bool, **dict.fromkeys(("mean", "low", "high"), float)})
    return pd.DataFrame(rows, columns=TONE_COLUMNS)  # the rounded values are floats: float64 columns

