"""Training the tone model on NewsMTSC, its cross-validation and its evaluation against TextBlob and VADER.

Trained on the NewsMTSC training split (Hamborg & Donnay, "NewsMTSC: A Dataset for
(Multi-)Target-dependent Sentiment Classification in Political News Articles",
EACL 2021; MIT licence). scikit-learn is used here only: the trained model is applied
with numpy (:mod:`.model`).
"""

from __future__ import annotations

import json
import math
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from ... import config
from ...errors import LeadertoneError
from ..pipeline import load_pipeline
from ..schema import DEFAULT_METHOD, MINILM, TEXTBLOB, VADER
from .features import DEFAULT_PARAMS, DENSE_FEATURES, featurize
from .lexicon_scores import textblob_label, vader_label
from .model import DECIMALS, LABELS, METHOD, ToneModel, load_tone_model, rounded, tfidf_row

#: NewsMTSC polarity codes.
POLARITY_LABELS: dict[float, str] = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}


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
        c, v = tfidf_row(s, index, idf)
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
    coef_r = np.array([rounded(row) for row in coef])
    return ToneModel(vocabulary, idf, coef_r, np.array(rounded(intercept)), params, meta)


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
    """Score every tone method on labelled targets, side by side.

    TextBlob and VADER score the whole sentence (they cannot tell targets apart); the
    linear model (``newsmtsc``) and the fine-tuned MiniLM (``minilm``, the default) score
    the tone toward the target.

    Args:
        examples: Labelled targets, e.g. from :func:`read_newsmtsc`.
        nlp: A spaCy pipeline for the linear model; ``helpers.nlp.load_pipeline()`` when omitted.
        model: The linear model; the shipped one (:func:`load_tone_model`) when omitted.

    Returns:
        ``{"default": DEFAULT_METHOD, "methods": {name: {"f1_macro", "accuracy", "n"}}}``.
    """
    from .transformer import load_transformer_model

    model = model or load_tone_model()
    truth = [e.label for e in examples]
    docs = _parse((e.sentence for e in examples), nlp)
    linear = [model.predict_features(*featurize(docs[e.sentence][:], e.start, e.end, model.params)).label
              for e in examples]
    minilm = [p.label for p in load_transformer_model().predict_texts([(e.sentence, e.start, e.end) for e in examples])]
    return {
        "default": DEFAULT_METHOD,
        "methods": {
            TEXTBLOB: _scores(truth, [textblob_label(e.sentence) for e in examples]),
            VADER: _scores(truth, [vader_label(e.sentence) for e in examples]),
            METHOD: _scores(truth, linear),
            MINILM: _scores(truth, minilm),
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
