"""Target-marked, windowed model inputs for the news tone classifier.

This module is shared by fine-tuning (``finetune.py``) and inference (``transformer.py``)
so that both build exactly the same token sequence for a (sentence, target
span) pair. It depends only on ``tokenizers`` and ``numpy`` (no torch).

The input for one target is built as follows:

1. Any literal marker string already present in the sentence is neutralised
   by a length-preserving substitution (``[`` / ``]`` become ``(`` / ``)``), so
   character offsets stay valid and exactly one marker pair is produced.
2. ``[TGT]`` and ``[/TGT]`` (registered as special tokens of the tokenizer)
   are inserted around the character span ``sentence[start:end]``.
3. The text is tokenised without special tokens, and a window of at most
   ``window - 2`` word pieces centred on the marked span is kept.
4. ``[CLS]`` and ``[SEP]`` are added around the window.

The position of the opening marker in the final sequence is returned as
``target_index``; the model reads its hidden state there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from tokenizers import AddedToken, Tokenizer

TGT_OPEN = "[TGT]"
TGT_CLOSE = "[/TGT]"
MARKERS: tuple[str, str] = (TGT_OPEN, TGT_CLOSE)
DEFAULT_WINDOW = 48
CLS_TOKEN = "[CLS]"
SEP_TOKEN = "[SEP]"
PAD_TOKEN = "[PAD]"


@dataclass(frozen=True)
class EncodedTarget:
    """Token ids for one (sentence, target) pair.

    Attributes:
        input_ids: Word-piece ids including ``[CLS]`` and ``[SEP]``.
        target_index: Index of the opening ``[TGT]`` marker in ``input_ids``.
    """

    input_ids: tuple[int, ...]
    target_index: int


def prepare_tokenizer(tokenizer: Tokenizer) -> Tokenizer:
    """Configures a tokenizer for target-marked inputs, in place.

    Disables the tokenizer's own truncation and padding (windowing and
    padding are done here) and registers the marker strings as special
    tokens if they are not yet in the vocabulary. Idempotent: applying it to
    a tokenizer saved after a previous call changes nothing.

    Args:
        tokenizer: A BERT word-piece ``tokenizers.Tokenizer``.

    Returns:
        The same tokenizer object, for chaining.
    """
    tokenizer.no_truncation()
    tokenizer.no_padding()
    missing = [m for m in MARKERS if tokenizer.token_to_id(m) is None]
    if missing:
        tokenizer.add_special_tokens(
            [AddedToken(m, single_word=False, lstrip=False, rstrip=False,
                        normalized=False, special=True) for m in missing]
        )
    return tokenizer


def load_tokenizer(path: str) -> Tokenizer:
    """Loads a ``tokenizer.json`` and prepares it with :func:`prepare_tokenizer`.

    Args:
        path: Path of a ``tokenizer.json`` file.

    Returns:
        The prepared tokenizer.
    """
    return prepare_tokenizer(Tokenizer.from_file(path))


def _token_id(tokenizer: Tokenizer, token: str) -> int:
    token_id = tokenizer.token_to_id(token)
    if token_id is None:
        raise ValueError(f"token {token!r} is not in the tokenizer's vocabulary")
    return token_id


def encode_target(tokenizer: Tokenizer, sentence: str, start: int, end: int,
                  window: int = DEFAULT_WINDOW) -> EncodedTarget:
    """Builds the marked, windowed input for one target mention.

    Args:
        tokenizer: Tokenizer prepared with :func:`prepare_tokenizer`.
        sentence: The sentence text.
        start: Character offset of the first character of the mention.
        end: Character offset one past the last character of the mention
            (``sentence[start:end]`` is the mention, as in NewsMTSC's
            ``from``/``to``).
        window: Maximum sequence length in word pieces, ``[CLS]`` and
            ``[SEP]`` included.

    Returns:
        The encoded target.

    Raises:
        ValueError: If the span is empty or out of range, the window is too
            small, or the markers are not registered in the tokenizer.
    """
    if not 0 <= start < end <= len(sentence):
        raise ValueError(f"bad target span [{start}, {end}) for a sentence of "
                         f"length {len(sentence)}")
    if window < 5:
        raise ValueError("window must leave room for [CLS], [SEP], markers and a token")
    open_id = _token_id(tokenizer, TGT_OPEN)
    close_id = _token_id(tokenizer, TGT_CLOSE)
    cls_id = _token_id(tokenizer, CLS_TOKEN)
    sep_id = _token_id(tokenizer, SEP_TOKEN)

    # Length-preserving neutralisation of literal markers in the input text.
    clean = sentence
    for marker in MARKERS:
        clean = clean.replace(marker, "(" + marker[1:-1] + ")")
    prefix = clean[:start] + " "
    marked = (prefix + TGT_OPEN + " " + clean[start:end] + " " + TGT_CLOSE
              + " " + clean[end:])
    encoding = tokenizer.encode(marked, add_special_tokens=False)
    ids = encoding.ids
    open_pos = ids.index(open_id)
    close_pos = ids.index(close_id, open_pos + 1)

    budget = window - 2
    span_len = close_pos - open_pos + 1
    if span_len >= budget:
        # Over-long mention: keep its beginning and close the marker pair.
        content = ids[open_pos:open_pos + budget - 1] + [close_id]
        target_index = 1
    else:
        spare = budget - span_len
        left = open_pos - spare // 2
        right = close_pos + 1 + (spare - spare // 2)
        if left < 0:
            right = min(len(ids), right - left)
            left = 0
        if right > len(ids):
            left = max(0, left - (right - len(ids)))
            right = len(ids)
        content = ids[left:right]
        target_index = open_pos - left + 1
    return EncodedTarget(input_ids=tuple([cls_id] + content + [sep_id]),
                         target_index=target_index)


def encode_batch(tokenizer: Tokenizer, items: Sequence[tuple[str, int, int]],
                 window: int = DEFAULT_WINDOW) -> list[EncodedTarget]:
    """Applies :func:`encode_target` to many (sentence, start, end) items.

    Args:
        tokenizer: Tokenizer prepared with :func:`prepare_tokenizer`.
        items: ``(sentence, start, end)`` triples.
        window: Maximum sequence length in word pieces.

    Returns:
        One :class:`EncodedTarget` per item, in order.
    """
    return [encode_target(tokenizer, s, a, b, window) for s, a, b in items]


def pad_batch(encoded: Sequence[EncodedTarget], pad_id: int = 0) -> dict[str, np.ndarray]:
    """Pads encoded targets to the longest one in the batch.

    Args:
        encoded: Encoded targets.
        pad_id: Id of the ``[PAD]`` token.

    Returns:
        A dict of int64 arrays: ``input_ids`` and ``attention_mask`` of shape
        (batch, seq) and ``target_index`` of shape (batch,). These are the
        names of the ONNX model's inputs.
    """
    if not encoded:
        raise ValueError("empty batch")
    seq = max(len(e.input_ids) for e in encoded)
    input_ids = np.full((len(encoded), seq), pad_id, dtype=np.int64)
    attention_mask = np.zeros((len(encoded), seq), dtype=np.int64)
    for row, e in enumerate(encoded):
        input_ids[row, :len(e.input_ids)] = e.input_ids
        attention_mask[row, :len(e.input_ids)] = 1
    target_index = np.array([e.target_index for e in encoded], dtype=np.int64)
    return {"input_ids": input_ids, "attention_mask": attention_mask,
            "target_index": target_index}
