"""The shipped fine-tuned tone model: the file we ship, what it reliably says, and that it says it the same way."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest

from helpers import LeadertoneError, config
from helpers.nlp.tone_model.transformer import MODEL_DIR, TransformerToneModel, load_transformer_model

#: The SHA-256 of the shipped int8 ONNX file (``make model`` writes the new one into config.json).
SHIPPED_SHA256 = json.loads((MODEL_DIR / "config.json").read_text(encoding="utf-8"))["onnx_sha256"]


def target(sentence: str, name: str) -> tuple[str, int, int]:
    start = sentence.index(name)
    return sentence, start, start + len(name)


@pytest.fixture(scope="module")
def model() -> TransformerToneModel:
    return load_transformer_model()


def test_the_shipped_model_file_has_the_recorded_hash():
    data = (MODEL_DIR / "model.int8.onnx").read_bytes()
    assert hashlib.sha256(data).hexdigest() == SHIPPED_SHA256
    assert 15e6 < len(data) < 40e6  # the int8 model, not the full-precision one
    card = (MODEL_DIR / "MODEL_CARD.md").read_text(encoding="utf-8")
    for needed in ("NewsMTSC", "seed", "make model", "Apache-2.0", "MIT"):
        assert needed in card


@pytest.mark.parametrize(
    ("sentence", "name", "label"),
    [
        ("Critics slammed Johnson for his disastrous handling of the crisis.", "Johnson", "negative"),
        ("Supporters praised Merkel for her steady, wise leadership.", "Merkel", "positive"),
        ("Biden said Putin is a murderer.", "Putin", "negative"),
    ],
)
def test_clear_sentences_get_their_label(model, sentence, name, label):
    assert model.predict_text(*target(sentence, name)).label == label


def test_the_target_decides_the_tone(model):
    # one sentence, two people: the one praised and the one blamed
    sentence = "Voters praised Alvarez for her calm, while they blamed Kovac for the chaos."
    praised, blamed = model.predict_texts([target(sentence, "Alvarez"), target(sentence, "Kovac")])
    assert praised.score > blamed.score


def test_a_pair_scores_the_same_alone_among_others_and_from_the_cache(model):
    # the int8 model quantises activations per input: batched pairs would change each other's answers
    lines = (config.NEWSMTSC_TRAIN.read_text(encoding="utf-8").splitlines())[:40]
    items = []
    for line in lines:
        record = json.loads(line)
        t = record["targets"][0]
        items.append((record["sentence_normalized"], t["from"], t["to"]))
    batch = model.predict_texts(items)
    fresh = TransformerToneModel(MODEL_DIR)
    alone = [fresh.predict_texts([item])[0] for item in reversed(items)][::-1]
    assert batch == alone
    assert model.predict_texts(items) == batch  # the cached answers


def test_a_damaged_model_file_is_refused_with_one_clear_error(tmp_path):
    copy = tmp_path / "tone_minilm"
    shutil.copytree(MODEL_DIR, copy)
    with open(copy / "model.int8.onnx", "r+b") as fh:
        fh.seek(1000)
        fh.write(b"\0\0\0\0")
    with pytest.raises(LeadertoneError, match="SHA-256"):
        TransformerToneModel(copy)
