"""The default tone method: all-MiniLM-L6-v2 fine-tuned on NewsMTSC, run offline with onnxruntime.

The model reads one sentence with the target mention marked (``[TGT] … [/TGT]``, see
:mod:`.inputs`), cut to a window of word pieces around it, and gives negative /
neutral / positive toward that person. It ships int8-quantised in
``src/helpers/models/tone_minilm/`` (ONNX graph, ``tokenizer.json``, ``config.json``,
``MODEL_CARD.md``) and needs only ``onnxruntime``, ``tokenizers`` and numpy: no torch,
no download. The ONNX file is checked against the SHA-256 in ``config.json`` when it
is loaded. Rebuild it with ``make model`` (see ``finetune.py``).

The pairs of an article are scored one by one (the int8 model's answer for a pair would
otherwise depend on the pairs batched with it), and the score of a pair already seen is
reused, so a sentence repeated across articles costs nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Span

from ... import config
from ...errors import LeadertoneError
from ..pipeline import span_text
from ..schema import MINILM
from .inputs import PAD_TOKEN, encode_target, load_tokenizer, pad_batch
from .model import TonePrediction

#: Where the shipped model lives.
MODEL_DIR = config.TONE_TRANSFORMER_DIR
#: The name of this method in tables and ``tone-eval``.
METHOD = MINILM
#: Scores of this many (sentence, start, end) pairs are kept for reuse.
CACHE_SIZE = 16384
#: onnxruntime threads; ``LEADERTONE_ONNX_THREADS`` overrides (results are the same for any value).
THREADS_ENV = "LEADERTONE_ONNX_THREADS"
#: Decimals kept of each probability.
DECIMALS = 6


def file_sha256(path: Path) -> str:
    """The hex SHA-256 of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _threads() -> int:
    raw = os.environ.get(THREADS_ENV, "").strip()
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    return 1  # one pair at a time is too small to share out; a corpus scores beside the parsing instead


class TransformerToneModel:
    """Tone toward one person in a sentence, by the fine-tuned MiniLM in ONNX.

    Attributes:
        labels: The classes, in the order of the model's outputs.
        window: The input window in word pieces.
        config: The model's ``config.json`` (training data, seed, scores, hashes).
    """

    def __init__(self, path_dir: str | os.PathLike[str] = MODEL_DIR, *, threads: int | None = None):
        """Load the model directory (``config.json``, ``tokenizer.json``, the ONNX file it names).

        Raises:
            LeadertoneError: when a file is missing or the ONNX file's hash is not the recorded one.
        """
        import onnxruntime as ort  # imported with the first model: it costs a little at start-up

        path = Path(path_dir)
        try:
            self.config = json.loads((path / "config.json").read_text(encoding="utf-8"))
            onnx_path = path / self.config["onnx_model"]
            self.tokenizer = load_tokenizer(str(path / "tokenizer.json"))
        except Exception as exc:  # a missing file, a damaged JSON, a tokenizer file tokenizers cannot read
            raise LeadertoneError(
                f"the tone model in {path} cannot be read ({exc}); rebuild it with `make model`"
            ) from None
        expected = self.config.get("onnx_sha256")
        if not onnx_path.is_file() or file_sha256(onnx_path) != expected:
            raise LeadertoneError(f"{onnx_path} is missing or is not the shipped tone model (SHA-256 "
                                  f"{expected}); restore it from the repository or rebuild it with `make model`")
        self.labels: tuple[str, ...] = tuple(self.config["labels"])
        self.window = int(self.config["window"])
        self.pad_id = self.tokenizer.token_to_id(PAD_TOKEN)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or _threads()
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.log_severity_level = 3
        self._session = ort.InferenceSession(str(onnx_path), sess_options=options,
                                             providers=["CPUExecutionProvider"])
        self._inputs = [i.name for i in self._session.get_inputs()]
        self._cache: OrderedDict[tuple[str, int, int], tuple[float, ...]] = OrderedDict()

    def probabilities(self, items: Sequence[tuple[str, int, int]]) -> list[tuple[float, ...]]:
        """The probability of each label for ``(sentence, start, end)`` items (the target is ``sentence[start:end]``).

        Each pair goes through on its own: the int8 model quantises its activations with a
        scale taken from the whole input, so a pair batched with others would get another
        answer than alone. Alone, the same pair always gets the same answer, and costs about
        what it costs in a batch. Pairs seen before are answered from the cache.
        """
        found: dict[tuple[str, int, int], tuple[float, ...]] = {}
        for item in dict.fromkeys(items):
            kept = self._cache.get(item)  # one look-up: another thread may drop old entries meanwhile
            if kept is not None:
                found[item] = kept
                continue
            feeds = pad_batch([encode_target(self.tokenizer, *item, self.window)], self.pad_id)
            logits = self._session.run(["logits"], {k: feeds[k] for k in self._inputs})[0]
            found[item] = tuple(round(float(p), DECIMALS) for p in _softmax(logits)[0])
            self._remember(item, found[item])
        return [found[item] for item in items]

    def _remember(self, item: tuple[str, int, int], probs: tuple[float, ...]) -> None:
        self._cache[item] = probs
        while len(self._cache) > CACHE_SIZE:
            try:
                self._cache.popitem(last=False)
            except KeyError:  # another thread emptied it first
                break

    def clear_cache(self) -> None:
        """Forget the scores kept for reuse (a benchmark's cold start)."""
        self._cache.clear()

    def predict_texts(self, items: Sequence[tuple[str, int, int]]) -> list[TonePrediction]:
        """``TonePrediction``s for ``(sentence, start, end)`` items, in order."""
        return [self._prediction(p) for p in self.probabilities(items)]

    def predict_text(self, sentence: str, start: int, end: int) -> TonePrediction:
        """The tone of ``sentence`` toward the person at ``sentence[start:end]``."""
        return self.predict_texts([(sentence, start, end)])[0]

    def predict_spans(self, pairs: Sequence[tuple[Span, Span]]) -> list[TonePrediction]:
        """The tone of each sentence toward the mention inside it."""
        return self.predict_texts([span_item(sentence, mention) for sentence, mention in pairs])

    def predict_span(self, sentence: Span, mention: Span) -> TonePrediction:
        """The tone of ``sentence`` toward the person ``mention`` names."""
        return self.predict_spans([(sentence, mention)])[0]

    def _prediction(self, probs: tuple[float, ...]) -> TonePrediction:
        by_label = dict(zip(self.labels, probs))
        label = self.labels[int(np.argmax(probs))]
        return TonePrediction(label, by_label["positive"] - by_label["negative"], by_label)


def span_item(sentence: Span, mention: Span) -> tuple[str, int, int]:
    """What the model reads of a (sentence, mention) pair: the sentence's text and the mention's offsets in it."""
    base = sentence.start_char
    return span_text(sentence), mention.start_char - base, mention.end_char - base


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits.astype(np.float64) - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


@lru_cache(maxsize=2)
def _load(path: str) -> TransformerToneModel:
    return TransformerToneModel(path)


def load_transformer_model(path: str | os.PathLike[str] | None = None) -> TransformerToneModel:
    """The shipped fine-tuned model (cached: a second call returns the same object)."""
    return _load(str(Path(path) if path is not None else MODEL_DIR))
