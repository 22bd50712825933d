"""The tone model: a vocabulary, idf weights and a linear layer, applied with numpy.

The trained model is a JSON file (vocabulary, idf, weights) read with :mod:`json`:
nothing is unpickled. Same model, same bytes: keys are sorted and floats rounded.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Span

from ... import config
from ...errors import LeadertoneError
from ...files import write_text_atomic
from ..pipeline import load_pipeline
from ..schema import NEWSMTSC
from .features import DENSE_FEATURES, featurize

#: The classes, in the order of the model's weight rows.
LABELS: tuple[str, ...] = ("negative", "neutral", "positive")
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
#: Decimal places kept in the JSON file, so that retraining gives identical bytes.
DECIMALS = 6


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
        return tfidf_row(sparse, self.index, self._idf_values) + (np.asarray(dense, dtype=np.float64),)

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
            "idf": rounded(self.idf),
            "coef": [rounded(row) for row in self.coef],
            "intercept": rounded(self.intercept),
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


def rounded(values: Iterable[float]) -> list[float]:
    """The values as floats rounded to ``DECIMALS`` places, as the JSON file keeps them."""
    return [round(float(v), DECIMALS) + 0.0 for v in values]  # + 0.0 turns -0.0 into 0.0


def tfidf_row(sparse: Counter, index: dict[str, int], idf: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
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
