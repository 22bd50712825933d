"""The target-aware tone model trained on NewsMTSC: what it says and how it is stored."""

from __future__ import annotations

import json
import pickle

import numpy as np
import pytest

from helpers import config
from helpers.errors import LeadertoneError
from helpers.nlp.tone_model import LABELS, ToneModel, TonePrediction, load_tone_model


@pytest.fixture(scope="module")
def model() -> ToneModel:
    return load_tone_model()


def tone(model: ToneModel, nlp, sentence: str, target: str, nth: int = 0) -> TonePrediction:
    start = -1
    for _ in range(nth + 1):
        start = sentence.index(target, start + 1)
    return model.predict_text(sentence, start, start + len(target), nlp=nlp)


# --------------------------------------------------------------------------- what users see


def test_reported_accusation_is_negative_toward_the_accused(model, nlp):
    assert tone(model, nlp, "Biden said Putin is a murderer.", "Putin").label == "negative"


def test_praise_is_positive_toward_its_target(model, nlp):
    pred = tone(model, nlp, "Biden praised Merkel as a brilliant and courageous leader.", "Merkel")
    assert pred.label == "positive"
    assert pred.score > 0.5


def test_label_depends_on_the_target(model, nlp):
    sentence = "Merkel thanked Obama for his generous help, while Trump insulted Trudeau."
    praised = tone(model, nlp, sentence, "Obama")
    insulted = tone(model, nlp, sentence, "Trudeau")
    assert praised.label == "positive"
    assert insulted.label == "negative"
    assert praised.score - insulted.score > 0.5


def test_predict_span_uses_the_article_parse(model, nlp):
    text = "The two leaders met in Geneva on Wednesday.\n\nBiden said Putin is a murderer."
    doc = nlp(text)
    start = text.index("Putin")
    mention = doc.char_span(start, start + len("Putin"))
    sentence = next(s for s in doc.sents if s.start <= mention.start < s.end)
    pred = model.predict_span(sentence, mention)
    assert pred.label == "negative"
    assert pred.label == tone(model, nlp, sentence.text, "Putin").label
    first = next(iter(doc.sents))
    with pytest.raises(LeadertoneError):
        model.predict_span(first, mention)


@pytest.mark.parametrize(
    "sentence, target",
    [
        ("Putin met Biden in Geneva on Wednesday.", "Biden"),
        ("Critics accused Putin of lying about the war.", "Putin"),
        ("Obama is a great president who cares deeply about workers.", "Obama"),
        ("Trump", "Trump"),
        ("“He is a killer,” Biden said of Putin, “a man without a soul.”", "Putin"),
    ],
)
def test_scores_are_probabilities_difference_in_range(model, nlp, sentence, target):
    pred = tone(model, nlp, sentence, target)
    assert -1.0 <= pred.score <= 1.0
    assert set(pred.probabilities) == set(LABELS)
    assert sum(pred.probabilities.values()) == pytest.approx(1.0)
    assert pred.label == max(pred.probabilities, key=pred.probabilities.get)
    assert pred.score == pytest.approx(pred.probabilities["positive"] - pred.probabilities["negative"])


def test_predict_text_rejects_offsets_outside_the_sentence(model, nlp):
    with pytest.raises(LeadertoneError):
        model.predict_text("Biden spoke.", 5, 40, nlp=nlp)


# --------------------------------------------------------------------------- the stored model


def test_shipped_model_is_small_json_naming_newsmtsc():
    path = config.TONE_MODEL_PATH
    assert path.stat().st_size < 30 * 1024 * 1024
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "NewsMTSC" in data["source"] and "Hamborg" in data["source"]
    assert "MIT" in data["license"]


def test_loading_reads_json_and_never_unpickles(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the tone model must not be unpickled")

    for name in ("load", "loads", "Unpickler"):
        monkeypatch.setattr(pickle, name, refuse)
    monkeypatch.setattr(np, "load", refuse)
    load_tone_model.cache_clear()
    try:
        assert isinstance(load_tone_model(), ToneModel)
    finally:
        load_tone_model.cache_clear()


def test_save_then_load_gives_identical_file_and_predictions(model, nlp, tmp_path):
    out = tmp_path / "tone.json"
    model.save(out)
    assert out.read_bytes() == config.TONE_MODEL_PATH.read_bytes()
    again = load_tone_model(out)
    for sentence, target in [("Biden said Putin is a murderer.", "Putin"),
                             ("Biden said Putin is a murderer.", "Biden")]:
        assert tone(again, nlp, sentence, target) == tone(model, nlp, sentence, target)


@pytest.mark.parametrize("content", [None, "{not json", '{"format": "something else"}'])
def test_missing_or_corrupt_model_says_how_to_rebuild(tmp_path, content):
    path = tmp_path / "tone.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(LeadertoneError, match="make model"):
        load_tone_model(path)
