"""A target-aware tone model: negative / neutral / positive toward one person in a sentence.

Trained on the NewsMTSC training split (Hamborg & Donnay, "NewsMTSC: A Dataset for
(Multi-)Target-dependent Sentiment Classification in Political News Articles",
EACL 2021; MIT licence). A multinomial logistic regression over:

- the words of the sentence with the target mention replaced by ``TARGET`` and other
  people (spaCy ``PERSON`` entities) by ``OTHER``;
- the words just left and right of the target, the lemmas within three dependency
  arcs of it and the lemmas of its own clause (other clauses joined to it cut off);
- the target's part of speech and entity type (a date or place is rarely evaluated);
- dependency features: the target's relation and head, the verb governing it,
  negation, its ancestors, whether it is the speaker of a speech verb ("X accused …")
  or sits in a reported clause ("… said X is …"), inside quotation marks;
- lexicon scores: VADER and TextBlob of the masked sentence, VADER of the target's
  clause, and VADER word valences weighted by their dependency distance to the target.

scikit-learn is used for training only. The trained model is a JSON file (vocabulary,
idf, weights) read with :mod:`json` and applied with numpy: nothing is unpickled.
"""

from __future__ import annotations

import json
import math
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import config
from ..errors import LeadertoneError
from ..files import write_text_atomic
from .lexicon import TONE_MODEL_QUOTE_CHARS, TONE_MODEL_SPEECH_VERBS
from .pipeline import TokenTable, load_pipeline, span_ents, token_table
from .schema import NEWSMTSC

#: The classes, in the order of the model's weight rows.
LABELS: tuple[str, ...] = ("negative", "neutral", "positive")
#: NewsMTSC polarity codes.
POLARITY_LABELS: dict[float, str] = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
#: The name of this model in ``evaluate`` results.
METHOD = NEWSMTSC
FORMAT = "leadertone-tone-model"
FORMAT_VERSION = 1
SOURCE = (
    "NewsMTSC training split (train.jsonl), Hamborg & Donnay, 'NewsMTSC: A Dataset for "
    "(Multi-)Target-dependent Sentiment Classification in Political News Articles', "
    "EACL 2021; github.com/fhamborg/NewsMTSC"
)
LICENSE = "NewsMTSC data set: MIT licence (Copyright Felix Hamborg); model trained by leadertone"

#: Feature settings chosen by 5-fold grouped cross-validation on the training split.
DEFAULT_PARAMS: dict[str, Any] = {
    "window": 4,  # words left / right of the target
    "tree_depth": 3,  # lemmas within this many dependency arcs of the target
    "min_df": 2,  # keep features seen in at least this many training examples
    "C": 2.0,  # inverse L2 strength of the logistic regression
    "class_weight": "balanced",
    "max_iter": 3000,
}
#: Fixed thresholds of the lexicon baselines (VADER's own; the same for TextBlob).
TEXTBLOB_THRESHOLD = 0.05
VADER_THRESHOLD = 0.05
#: Decimal places kept in the JSON file, so that retraining gives identical bytes.
DECIMALS = 6

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: Clauses cut off the target's own clause unless they hold the target.
OTHER_CLAUSE_DEPS = frozenset({"advcl", "conj", "parataxis", "ccomp", "cc", "relcl"})
SUBJECT_CONTEXT_DEPS = frozenset({"dobj", "attr", "acomp", "xcomp", "ccomp", "prep", "advmod", "oprd"})
DENSE_FEATURES: tuple[str, ...] = (
    "vader_compound", "vader_pos", "vader_neg", "textblob_polarity", "textblob_subjectivity",
    "clause_vader_compound", "clause_vader_pos", "clause_vader_neg", "tree_lex_pos", "tree_lex_neg",
)
_FAR = 10  # dependency distance given to tokens the target's tree does not reach


@dataclass(frozen=True)
class ToneExample:
    """One labelled target: a sentence, the mention's character offsets in it, and the label.

    Attributes:
        sentence: The sentence text.
        start: Offset of the mention's first character.
        end: Offset just past the mention's last character.
        label: ``negative``, ``neutral`` or ``positive``.
        group: Id shared by all examples of one sentence (cross-validation never splits it).
    """

    sentence: str
    start: int
    end: int
    label: str
    group: int


@dataclass(frozen=True)
class TonePrediction:
    """The tone toward a target.

    Attributes:
        label: ``negative``, ``neutral`` or ``positive``.
        score: P(positive) − P(negative), in [-1, 1].
        probabilities: The probability of each label.
    """

    label: str
    score: float
    probabilities: dict[str, float]


# --------------------------------------------------------------------------- reading


def read_newsmtsc(path: str | Path) -> list[ToneExample]:
    """Read NewsMTSC-format JSONL: one example per (sentence, target).

    Args:
        path: A JSONL file; each line holds ``sentence_normalized`` and ``targets``, a
            list of objects with ``from``, ``to`` and ``polarity`` (2.0, 4.0, 6.0).

    Returns:
        The examples in file order; sentences with identical text share a group id.

    Raises:
        LeadertoneError: when the file is missing or a line is not valid JSON or not of
            that shape (the message names the line).
    """
    p = Path(path)
    if not p.is_file():
        raise LeadertoneError(f"NewsMTSC file not found: {p}")
    groups: dict[str, int] = {}
    examples: list[ToneExample] = []
    with p.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise LeadertoneError(f"{p}, line {lineno}: not valid JSON ({exc.msg})") from None
            sentence, targets = _check_record(record, p, lineno)
            group = groups.setdefault(sentence, len(groups))
            examples.extend(ToneExample(sentence, s, e, lab, group) for s, e, lab in targets)
    return examples


def _check_record(record: Any, path: Path, lineno: int) -> tuple[str, list[tuple[int, int, str]]]:
    """Validate one JSONL record and return its sentence and (start, end, label) targets."""
    where = f"{path}, line {lineno}"
    if not isinstance(record, dict):
        raise LeadertoneError(f"{where}: expected a JSON object")
    sentence = record.get("sentence_normalized")
    targets = record.get("targets")
    if not isinstance(sentence, str) or not sentence:
        raise LeadertoneError(f"{where}: 'sentence_normalized' must be a non-empty string")
    if not isinstance(targets, list) or not targets:
        raise LeadertoneError(f"{where}: 'targets' must be a non-empty list")
    out = []
    for t in targets:
        if not isinstance(t, dict):
            raise LeadertoneError(f"{where}: each target must be an object")
        start, end, polarity = t.get("from"), t.get("to"), t.get("polarity")
        if not (_is_int(start) and _is_int(end) and 0 <= start < end <= len(sentence)):
            raise LeadertoneError(f"{where}: target 'from'/'to' must be offsets inside the sentence")
        if isinstance(polarity, bool) or polarity not in POLARITY_LABELS:
            raise LeadertoneError(f"{where}: target 'polarity' must be 2.0, 4.0 or 6.0, got {polarity!r}")
        out.append((int(start), int(end), POLARITY_LABELS[float(polarity)]))
    return sentence, out


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# --------------------------------------------------------------------------- lexicons


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=1)
def _pattern_sentiment():
    """The scorer behind ``TextBlob(text).sentiment`` (TextBlob's default ``PatternAnalyzer``)."""
    from textblob.en import sentiment

    return sentiment


#: Texts whose lexicon scores are kept (both scorers are pure functions of the text).
LEXICON_CACHE_SIZE = 8192


@lru_cache(maxsize=LEXICON_CACHE_SIZE)
def vader_scores(text: str) -> tuple[float, float, float]:
    """VADER's compound, positive and negative scores of a text."""
    s = _vader().polarity_scores(text)
    return s["compound"], s["pos"], s["neg"]


@lru_cache(maxsize=LEXICON_CACHE_SIZE)
def textblob_scores(text: str) -> tuple[float, float]:
    """TextBlob's polarity and subjectivity of the whole string, as ``TextBlob(text).sentiment`` gives them.

    The scorer is called directly: building a ``TextBlob`` (and the named tuple it
    returns) costs more than the scoring itself. No NLTK sentence splitter is involved.

    Raises:
        TypeError: when ``text`` is not a string.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, not {type(text).__name__}")
    polarity, subjectivity = _pattern_sentiment()(text)
    return float(polarity), float(subjectivity)


def _vader_scores(text: str) -> list[float]:
    return list(vader_scores(text))


def _textblob_scores(text: str) -> list[float]:
    return list(textblob_scores(text))


# --------------------------------------------------------------------------- features


def _target_tokens(tt: TokenTable, lo: int, hi: int, base: int, start: int, end: int) -> list[int]:
    """Tokens of the sentence ``lo:hi`` overlapping characters [start, end) (relative to ``base``, its start)."""
    idx, text = tt.idx, tt.text
    tokens = [i for i in range(lo, hi) if idx[i] - base < end and idx[i] - base + len(text[i]) > start]
    if not tokens:
        tokens = [min(range(lo, hi), key=lambda i: abs(idx[i] - base - start))]
    return tokens


def _span_root(tt: TokenTable, tokens: list[int]) -> int:
    """The token of the mention whose head lies outside it."""
    ids = set(tokens)
    for i in tokens:
        h = tt.head[i]
        if h not in ids or h == i:
            return i
    return tokens[0]


def _clause_verb(tt: TokenTable, lo: int, hi: int, root: int) -> int:
    """The nearest verb above the target (or its head when the target is a verb itself)."""
    head, pos = tt.head, tt.pos
    t = root
    while head[t] != t and lo <= head[t] < hi and pos[t] not in ("VERB", "AUX"):
        t = head[t]
    if t == root and head[t] != t and lo <= head[t] < hi:
        t = head[t]
    return t


def _local_clause(tt: TokenTable, lo: int, hi: int, verb: int, target_ids: set[int]) -> list[int]:
    """The target's own clause: the subtree of its verb minus joined clauses without the target."""
    cut: set[int] = set()
    for child in tt.children(verb):
        if tt.dep[child] in OTHER_CLAUSE_DEPS:
            sub = set(tt.subtree(child))
            if not sub & target_ids:
                cut |= sub
    return [t for t in tt.subtree(verb) if t not in cut and t not in target_ids and lo <= t < hi]


def _tree_distances(tt: TokenTable, lo: int, hi: int, root: int) -> dict[int, int]:
    """Number of dependency arcs from ``root`` to every token of the sentence it reaches."""
    head, children = tt.head, tt.children
    dist = {root: 0}
    frontier = [root]
    while frontier:
        nxt = []
        for t in frontier:
            neighbours = children(t)  # a fresh list
            if head[t] != t:
                neighbours.append(head[t])
            for n in neighbours:
                if n not in dist and lo <= n < hi:
                    dist[n] = dist[t] + 1
                    nxt.append(n)
        frontier = nxt
    return dist


def _masked_words(sent: Span, tt: TokenTable, target_ids: set[int]) -> list[str]:
    """Lower-cased words with the target as ``TARGET`` and other people as ``OTHER``."""
    other: set[int] = set()
    for ent in span_ents(sent):
        if ent.label_ == "PERSON" and not target_ids & set(range(ent.start, ent.end)):
            other.update(range(ent.start, ent.end))
    is_space, lower = tt.is_space, tt.lower
    words: list[str] = []
    for i in range(sent.start, sent.end):
        if is_space[i]:
            continue
        w = "TARGET" if i in target_ids else "OTHER" if i in other else lower[i]
        if words and w in ("TARGET", "OTHER") and words[-1] == w:
            continue
        words.append(w)
    return words


def _in_quotes(tt: TokenTable, lo: int, hi: int, first: int) -> bool:
    """Whether an opening quotation mark before the target (token ``first``) is still open."""
    inside = False
    for text in tt.text[lo : min(first, hi)]:
        if text == "“":
            inside = True
        elif text == "”":
            inside = False
        elif text == '"':
            inside = not inside
    return inside


def _word_features(f: Counter, words: list[str], window: int) -> None:
    for w in words:
        f["w:" + w] += 1
    p = words.index("TARGET") if "TARGET" in words else 0
    for w in words[max(0, p - window):p]:
        f["L:" + w] += 1
    for w in words[p + 1:p + 1 + window]:
        f["R:" + w] += 1


def _dependency_features(f: Counter, tt: TokenTable, lo: int, hi: int, tokens: list[int], root: int,
                         verb: int) -> None:
    lemma, deps = tt.lemma, tt.dep
    head = tt.head[root] if lo <= tt.head[root] < hi else root
    dep, head_lemma = deps[root], lemma[head]
    f["dep:" + dep] += 1
    f["ent:" + (tt.ent_type[root] or "none")] += 1
    f["tpos:" + tt.pos[root]] += 1
    f["hd:" + head_lemma] += 1
    f[f"dh:{dep}_{head_lemma}"] += 1
    verb_lemma = lemma[verb]
    f["vl:" + verb_lemma] += 1
    f[f"dv:{dep}_{verb_lemma}"] += 1
    verb_children = tt.children(verb)
    if any(deps[c] == "neg" for c in verb_children):
        f["neg_v"] += 1
        f["negv:" + verb_lemma] += 1
    ancestors = [a for a in tt.ancestors(root) if lo <= a < hi]
    for a in ancestors:
        f["anc:" + lemma[a]] += 1
    if dep in SUBJECT_DEPS and verb_lemma in TONE_MODEL_SPEECH_VERBS:
        f["speaker"] += 1
        f["speaker:" + verb_lemma] += 1
    if any(lemma[a] in TONE_MODEL_SPEECH_VERBS and a != verb for a in ancestors):
        f["reported"] += 1
    if dep == "poss":
        f["poss_of:" + head_lemma] += 1
    if dep in SUBJECT_DEPS:
        for c in verb_children:
            if deps[c] in SUBJECT_CONTEXT_DEPS:
                f["subjctx:" + lemma[c]] += 1
    if dep in ("dobj", "pobj"):
        for c in verb_children:
            if deps[c] == "nsubj":
                f["objsubj:" + ("OTHER" if tt.ent_type[c] == "PERSON" else lemma[c])] += 1
    if _in_quotes(tt, lo, hi, tokens[0]):
        f["inquote"] += 1
    if any(text in TONE_MODEL_QUOTE_CHARS for text in tt.text[lo:hi]):
        f["hasquote"] += 1


def _tree_features(f: Counter, tt: TokenTable, lo: int, hi: int, target_ids: set[int], verb: int,
                   dist: dict[int, int], depth: int) -> None:
    lemma, is_punct, is_space = tt.lemma, tt.is_punct, tt.is_space
    for i in range(lo, hi):
        if i in target_ids or is_punct[i] or is_space[i]:
            continue
        if dist.get(i, _FAR) <= depth:
            f["tb:" + lemma[i]] += 1
    for t in _local_clause(tt, lo, hi, verb, target_ids):
        if not (is_punct[t] or is_space[t]):
            f["lc:" + lemma[t]] += 1


def _dense_features(tt: TokenTable, lo: int, hi: int, words: list[str], target_ids: set[int], verb: int,
                    dist: dict[int, int]) -> list[float]:
    """Lexicon scores, in the order of ``DENSE_FEATURES``."""
    masked = " ".join("X" if w in ("TARGET", "OTHER") else w for w in words)
    text = tt.text
    clause = " ".join(text[t] for t in tt.subtree(verb) if t not in target_ids and lo <= t < hi)
    lexicon = _vader().lexicon
    lower = tt.lower
    pos = neg = 0.0
    for i in range(lo, hi):
        if i in target_ids:
            continue
        valence = lexicon.get(lower[i])
        if valence is None:
            continue
        weight = 1.0 / (1 + dist.get(i, _FAR))
        if valence > 0:
            pos += valence * weight
        else:
            neg -= valence * weight
    return _vader_scores(masked) + _textblob_scores(masked) + _vader_scores(clause) + [pos / 4, neg / 4]


def featurize(sentence: Span, start: int, end: int, params: dict[str, Any] | None = None
              ) -> tuple[Counter, list[float]]:
    """The features of one target.

    Args:
        sentence: A parsed sentence (any span of a parsed Doc).
        start: The mention's first character, relative to ``sentence.start_char``.
        end: Just past the mention's last character, relative to the sentence.
        params: Feature settings (``window``, ``tree_depth``); ``DEFAULT_PARAMS`` when omitted.

    Returns:
        Sparse feature counts and the dense lexicon scores (``DENSE_FEATURES``).
    """
    params = params or DEFAULT_PARAMS
    tt = token_table(sentence.doc)
    lo, hi = sentence.start, sentence.end
    tokens = _target_tokens(tt, lo, hi, sentence.start_char, start, end)
    target_ids = set(tokens)
    root = _span_root(tt, tokens)
    words = _masked_words(sentence, tt, target_ids)
    dist = _tree_distances(tt, lo, hi, root)
    verb = _clause_verb(tt, lo, hi, root)
    sparse: Counter = Counter()
    _word_features(sparse, words, int(params["window"]))
    _dependency_features(sparse, tt, lo, hi, tokens, root, verb)
    _tree_features(sparse, tt, lo, hi, target_ids, verb, dist, int(params["tree_depth"]))
    return sparse, _dense_features(tt, lo, hi, words, target_ids, verb, dist)


# --------------------------------------------------------------------------- the model


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


class ToneModel:
    """A trained tone model: vocabulary, idf weights and a linear layer, applied with numpy.

    Build one with :func:`train_tone_model` or :func:`load_tone_model`.
    """

    def __init__(self, vocabulary: Sequence[str], idf: np.ndarray, coef: np.ndarray,
                 intercept: np.ndarray, params: dict[str, Any], meta: dict[str, Any] | None = None):
        """Create a model from its parts.

        Args:
            vocabulary: Sparse feature names; position = column.
            idf: Inverse document frequency of each vocabulary entry.
            coef: Weights, shape (len(LABELS), len(vocabulary) + len(DENSE_FEATURES)).
            intercept: Bias per label.
            params: Feature and training settings.
            meta: Training facts stored with the model (counts, spaCy pipeline).
        """
        self.vocabulary = list(vocabulary)
        self.index = {name: i for i, name in enumerate(self.vocabulary)}
        self.idf = np.asarray(idf, dtype=np.float64)
        self._idf_values = self.idf.tolist()  # the same numbers, quicker to read one at a time
        self.coef = np.asarray(coef, dtype=np.float64)
        self.intercept = np.asarray(intercept, dtype=np.float64)
        self.params = dict(params)
        self.meta = dict(meta or {})
        n = len(self.vocabulary)
        if self.idf.shape != (n,) or self.coef.shape != (len(LABELS), n + len(DENSE_FEATURES)) \
                or self.intercept.shape != (len(LABELS),):
            raise ValueError("tone model arrays do not match its vocabulary")

    # ---- inference

    def _vector(self, sparse: Counter, dense: Sequence[float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Column indices, tf-idf values (L2-normalised) and dense values of one example."""
        return _tfidf_row(sparse, self.index, self._idf_values) + (np.asarray(dense, dtype=np.float64),)

    def predict_features(self, sparse: Counter, dense: Sequence[float]) -> TonePrediction:
        """Predict from features made by :func:`featurize`."""
        cols, vals, dense_arr = self._vector(sparse, dense)
        n = len(self.vocabulary)
        logits = self.coef[:, cols] @ vals + self.coef[:, n:] @ dense_arr + self.intercept
        return _prediction(_softmax(logits))

    def predict_span(self, sentence_span: Span, mention_span: Span) -> TonePrediction:
        """The tone of a sentence toward the person a mention in it names.

        Both spans come from one parsed Doc (e.g. a whole article); its parse is used as is.

        Args:
            sentence_span: The sentence.
            mention_span: The target mention, inside the sentence.

        Raises:
            LeadertoneError: when the mention is not inside the sentence.
        """
        if mention_span.doc is not sentence_span.doc or not (
                sentence_span.start <= mention_span.start and mention_span.end <= sentence_span.end
                and mention_span.start < mention_span.end):
            raise LeadertoneError("the mention is not inside the sentence")
        start = mention_span.start_char - sentence_span.start_char
        end = mention_span.end_char - sentence_span.start_char
        return self.predict_features(*featurize(sentence_span, start, end, self.params))

    def predict_text(self, sentence: str, start: int, end: int, *, nlp: Language | None = None
                     ) -> TonePrediction:
        """The tone of a sentence string toward the mention at ``sentence[start:end]``.

        Args:
            sentence: One sentence.
            start: The mention's first character.
            end: Just past the mention's last character.
            nlp: A spaCy pipeline; ``helpers.nlp.load_pipeline()`` when omitted.

        Raises:
            LeadertoneError: when the offsets are not inside the sentence.
        """
        if not (0 <= start < end <= len(sentence)) or not sentence[start:end].strip():
            raise LeadertoneError(f"mention offsets {start}:{end} are not inside the sentence")
        doc = (nlp or load_pipeline())(sentence)
        return self.predict_features(*featurize(doc[:], start, end, self.params))

    # ---- persistence

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready content of the model file (floats rounded, so it is reproducible)."""
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "method": METHOD,
            "source": SOURCE,
            "license": LICENSE,
            "labels": list(LABELS),
            "dense_features": list(DENSE_FEATURES),
            "params": self.params,
            "training": self.meta,
            "vocabulary": self.vocabulary,
            "idf": _rounded(self.idf),
            "coef": [_rounded(row) for row in self.coef],
            "intercept": _rounded(self.intercept),
        }

    def save(self, path: str | Path) -> None:
        """Write the model as JSON (sorted keys, rounded floats: same model, same bytes), atomically."""
        text = json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=True, separators=(",", ":"))
        write_text_atomic(path, text + "\n")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ToneModel:
        """Rebuild a model from :meth:`to_dict` output.

        Raises:
            ValueError, KeyError, TypeError: when the content is not a tone model.
        """
        if data.get("format") != FORMAT or data.get("format_version") != FORMAT_VERSION:
            raise ValueError("not a leadertone tone model of a known version")
        if tuple(data["labels"]) != LABELS or tuple(data["dense_features"]) != DENSE_FEATURES:
            raise ValueError("the model's labels or features differ from this code's")
        return cls(data["vocabulary"], np.array(data["idf"], dtype=np.float64),
                   np.array(data["coef"], dtype=np.float64), np.array(data["intercept"], dtype=np.float64),
                   data["params"], data.get("training"))


def _rounded(values: Iterable[float]) -> list[float]:
    return [round(float(v), DECIMALS) + 0.0 for v in values]  # + 0.0 turns -0.0 into 0.0


def _tfidf_row(sparse: Counter, index: dict[str, int], idf: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    """Sublinear tf × idf of the known features, L2-normalised, as (columns, values)."""
    counts = {index[k]: c for k, c in sparse.items() if k in index}
    cols = sorted(j for j, c in counts.items() if c > 0)
    cols_arr = np.array(cols, dtype=np.int64)
    vals = np.array([(1.0 + math.log(counts[j])) * idf[j] for j in cols], dtype=np.float64)
    norm = float(np.sqrt(vals @ vals)) if len(vals) else 0.0
    return cols_arr, (vals / norm if norm > 0 else vals)


def _prediction(probs: np.ndarray) -> TonePrediction:
    p = {label: float(probs[i]) for i, label in enumerate(LABELS)}
    score = min(1.0, max(-1.0, p["positive"] - p["negative"]))
    return TonePrediction(LABELS[int(np.argmax(probs))], score, p)


@lru_cache(maxsize=4)
def _load_cached(path: str) -> ToneModel:
    hint = "run `make model` to rebuild it"
    p = Path(path)
    if not p.is_file():
        raise LeadertoneError(f"tone model not found at {p}; {hint}")
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
        return ToneModel.from_dict(data)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError,
            AttributeError) as exc:
        raise LeadertoneError(f"tone model at {p} is corrupt ({type(exc).__name__}); {hint}") from None


def load_tone_model(path: str | Path | None = None) -> ToneModel:
    """Load the trained tone model (cached per path).

    Args:
        path: The JSON file; ``helpers.config.TONE_MODEL_PATH`` when omitted.

    Raises:
        LeadertoneError: when the file is missing or corrupt (rebuild with ``make model``).
    """
    return _load_cached(str(Path(path or config.TONE_MODEL_PATH).resolve()))


load_tone_model.cache_clear = _load_cached.cache_clear  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- training


def _parse(sentences: Iterable[str], nlp: Language | None) -> dict[str, Doc]:
    """Parse each distinct sentence once."""
    unique = list(dict.fromkeys(sentences))
    nlp = nlp or load_pipeline()
    return dict(zip(unique, nlp.pipe(unique, batch_size=256), strict=True))


def _featurize_all(examples: Sequence[ToneExample], nlp: Language | None,
                   params: dict[str, Any]) -> tuple[list[Counter], np.ndarray]:
    docs = _parse((e.sentence for e in examples), nlp)
    sparse, dense = [], []
    for e in examples:
        s, d = featurize(docs[e.sentence][:], e.start, e.end, params)
        sparse.append(s)
        dense.append(d)
    return sparse, np.array(dense, dtype=np.float64).reshape(len(examples), len(DENSE_FEATURES))


def _fit(sparse: Sequence[Counter], dense: np.ndarray, y: np.ndarray, params: dict[str, Any],
         seed: int) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """Build the vocabulary and idf, and fit the logistic regression (scikit-learn)."""
    import scipy.sparse as sp
    from sklearn.linear_model import LogisticRegression

    df: Counter = Counter()
    for s in sparse:
        df.update(k for k, c in s.items() if c > 0)
    vocabulary = sorted(k for k, v in df.items() if v >= int(params["min_df"]))
    n = len(sparse)
    idf = np.array([round(math.log((1 + n) / (1 + df[k])) + 1.0, DECIMALS) for k in vocabulary])
    X = sp.hstack([_tfidf_matrix(sparse, vocabulary, idf), sp.csr_matrix(dense)]).tocsr()
    clf = LogisticRegression(C=float(params["C"]), class_weight=params["class_weight"],
                             max_iter=int(params["max_iter"]), random_state=seed)
    clf.fit(X, y)
    if list(clf.classes_) != list(range(len(LABELS))):
        raise LeadertoneError("the training data must hold negative, neutral and positive examples")
    return vocabulary, idf, clf.coef_, clf.intercept_


def _tfidf_matrix(sparse: Sequence[Counter], vocabulary: list[str], idf: np.ndarray):
    import scipy.sparse as sp

    index = {k: i for i, k in enumerate(vocabulary)}
    rows, cols, vals = [], [], []
    for r, s in enumerate(sparse):
        c, v = _tfidf_row(s, index, idf)
        rows.extend([r] * len(c))
        cols.extend(c.tolist())
        vals.extend(v.tolist())
    return sp.csr_matrix((vals, (rows, cols)), shape=(len(sparse), len(vocabulary)))


def _labels(examples: Sequence[ToneExample]) -> np.ndarray:
    try:
        return np.array([LABELS.index(e.label) for e in examples], dtype=np.int64)
    except ValueError:
        raise LeadertoneError(f"example labels must be one of {', '.join(LABELS)}") from None


def train_tone_model(examples: Sequence[ToneExample], *, seed: int = 0,
                     nlp: Language | None = None) -> ToneModel:
    """Train the tone model (parsing every sentence with spaCy first).

    Args:
        examples: Labelled targets, e.g. from :func:`read_newsmtsc`.
        seed: Random seed (the solver is deterministic; kept for the record).
        nlp: A spaCy pipeline; ``helpers.nlp.load_pipeline()`` when omitted.

    Returns:
        The trained model; the same examples always give the same model.
    """
    if not examples:
        raise LeadertoneError("no training examples")
    params = dict(DEFAULT_PARAMS)
    y = _labels(examples)
    nlp = nlp or load_pipeline()
    sparse, dense = _featurize_all(examples, nlp, params)
    vocabulary, idf, coef, intercept = _fit(sparse, dense, y, params, seed)
    meta = {
        "n_examples": len(examples),
        "n_sentences": len({e.sentence for e in examples}),
        "label_counts": {lab: int((y == i).sum()) for i, lab in enumerate(LABELS)},
        "seed": seed,
        "spacy_pipeline": f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')}-{nlp.meta.get('version', '')}",
    }
    coef_r = np.array([_rounded(row) for row in coef])
    return ToneModel(vocabulary, idf, coef_r, np.array(_rounded(intercept)), params, meta)


# --------------------------------------------------------------------------- scoring


def f1_macro(y_true: Sequence[str], y_pred: Sequence[str]) -> float:
    """Macro-averaged F1 over the labels that occur in ``y_true`` or ``y_pred``."""
    labels = sorted(set(y_true) | set(y_pred))
    scores = []
    for lab in labels:
        tp = sum(t == lab and p == lab for t, p in zip(y_true, y_pred, strict=True))
        fp = sum(t != lab and p == lab for t, p in zip(y_true, y_pred, strict=True))
        fn = sum(t == lab and p != lab for t, p in zip(y_true, y_pred, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(scores)) if scores else 0.0


def accuracy(y_true: Sequence[str], y_pred: Sequence[str]) -> float:
    """Share of predictions equal to the truth."""
    if not y_true:
        return 0.0
    return sum(t == p for t, p in zip(y_true, y_pred, strict=True)) / len(y_true)


def _scores(y_true: Sequence[str], y_pred: Sequence[str]) -> dict[str, float | int]:
    return {"f1_macro": round(f1_macro(y_true, y_pred), 4), "accuracy": round(accuracy(y_true, y_pred), 4),
            "n": len(y_true)}


def _threshold_label(value: float, threshold: float) -> str:
    return "positive" if value > threshold else "negative" if value < -threshold else "neutral"


def textblob_label(sentence: str) -> str:
    """TextBlob's polarity of the whole sentence, positive above 0.05, negative below -0.05."""
    return _threshold_label(_textblob_scores(sentence)[0], TEXTBLOB_THRESHOLD)


def vader_label(sentence: str) -> str:
    """VADER's compound score of the whole sentence with its standard ±0.05 thresholds."""
    return _threshold_label(vader_scores(sentence)[0], VADER_THRESHOLD)


def cross_validate(examples: Sequence[ToneExample], *, folds: int = 5, seed: int = 0,
                   nlp: Language | None = None) -> dict[str, Any]:
    """Grouped, stratified k-fold cross-validation of the tone model.

    One sentence never sits in both the training and the test fold.

    Returns:
        ``{"method", "folds": [{"fold", "n_train", "n_test", "f1_macro", "accuracy"}],
        "f1_macro_mean", "f1_macro_std", "accuracy_mean", "accuracy_std"}``.
    """
    from sklearn.model_selection import StratifiedGroupKFold

    params = dict(DEFAULT_PARAMS)
    y = _labels(examples)
    groups = np.array([e.group for e in examples])
    sparse, dense = _featurize_all(examples, nlp, params)
    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    rows = []
    for k, (train, test) in enumerate(splitter.split(np.zeros(len(y)), y, groups)):
        vocabulary, idf, coef, intercept = _fit([sparse[i] for i in train], dense[train], y[train], params, seed)
        model = ToneModel(vocabulary, idf, coef, intercept, params)
        pred = [model.predict_features(sparse[i], dense[i]).label for i in test]
        truth = [LABELS[y[i]] for i in test]
        rows.append({"fold": k, "n_train": len(train), "n_test": len(test),
                     "f1_macro": round(f1_macro(truth, pred), 4), "accuracy": round(accuracy(truth, pred), 4)})
    f1s = np.array([r["f1_macro"] for r in rows])
    accs = np.array([r["accuracy"] for r in rows])
    return {"method": METHOD, "folds": rows,
            "f1_macro_mean": round(float(f1s.mean()), 4), "f1_macro_std": round(float(f1s.std()), 4),
            "accuracy_mean": round(float(accs.mean()), 4), "accuracy_std": round(float(accs.std()), 4)}


def evaluate(examples: Sequence[ToneExample], *, nlp: Language | None = None,
             model: ToneModel | None = None) -> dict[str, Any]:
    """Score TextBlob, VADER and the tone model on labelled targets.

    TextBlob and VADER score the whole sentence (they cannot tell targets apart).

    Args:
        examples: Labelled targets, e.g. from :func:`read_newsmtsc`.
        nlp: A spaCy pipeline; ``helpers.nlp.load_pipeline()`` when omitted.
        model: The tone model; the shipped one (:func:`load_tone_model`) when omitted.

    Returns:
        ``{"default": METHOD, "methods": {name: {"f1_macro", "accuracy", "n"}}}``.
    """
    model = model or load_tone_model()
    truth = [e.label for e in examples]
    docs = _parse((e.sentence for e in examples), nlp)
    ours = [model.predict_features(*featurize(docs[e.sentence][:], e.start, e.end, model.params)).label
            for e in examples]
    return {
        "default": METHOD,
        "methods": {
            "textblob": _scores(truth, [textblob_label(e.sentence) for e in examples]),
            "vader": _scores(truth, [vader_label(e.sentence) for e in examples]),
            METHOD: _scores(truth, ours),
        },
    }


def main_train(train_path: str | Path, out_path: str | Path, *, seed: int = 0) -> None:
    """Train on a NewsMTSC-format file and write the model JSON (``make model``)."""
    started = time.perf_counter()
    examples = read_newsmtsc(config.resolve(train_path))
    model = train_tone_model(examples, seed=seed)
    model.save(out_path)
    size = Path(out_path).stat().st_size
    print(f"trained the tone model on {len(examples)} targets in {time.perf_counter() - started:.0f} s: "
          f"{out_path} ({size / 1e6:.1f} MB, {len(model.vocabulary)} features)", file=sys.stderr)
