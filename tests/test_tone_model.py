"""The target-aware tone model trained on NewsMTSC: what it says, how it is stored and rebuilt."""

from __future__ import annotations

import json
import pickle

import numpy as np
import pytest

from helpers import config
from helpers.errors import LeadertoneError
from helpers.nlp.tone_model import (
    LABELS,
    METHOD,
    ToneExample,
    ToneModel,
    TonePrediction,
    cross_validate,
    evaluate,
    load_tone_model,
    read_newsmtsc,
    train_tone_model,
)


@pytest.fixture(scope="module")
def model() -> ToneModel:
    return load_tone_model()


@pytest.fixture(scope="module")
def small_train() -> list[ToneExample]:
    """300 NewsMTSC training targets, every label present."""
    examples = read_newsmtsc(config.NEWSMTSC_TRAIN)[:300]
    assert {e.label for e in examples} == set(LABELS)
    return examples


def tone(model: ToneModel, nlp, sentence: str, target: str, nth: int = 0) -> TonePrediction:
    start = -1
    for _ in range(nth + 1):
        start = sentence.index(target, start + 1)
    return model.predict_text(sentence, start, start + len(target), nlp=nlp)


def write_jsonl(path, records) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


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


# --------------------------------------------------------------------------- training


def test_training_twice_gives_identical_bytes(small_train, nlp, tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    train_tone_model(small_train, seed=0, nlp=nlp).save(first)
    train_tone_model(small_train, seed=0, nlp=nlp).save(second)
    assert first.read_bytes() == second.read_bytes()
    data = json.loads(first.read_text(encoding="utf-8"))
    assert data["training"]["n_examples"] == 300
    assert "NewsMTSC" in data["source"]


def test_cross_validation_never_splits_a_sentence(small_train, nlp):
    result = cross_validate(small_train, folds=3, nlp=nlp)
    assert [f["fold"] for f in result["folds"]] == [0, 1, 2]
    assert sum(f["n_test"] for f in result["folds"]) == len(small_train)
    assert 0.0 <= result["f1_macro_mean"] <= 1.0
    assert result["f1_macro_std"] >= 0.0


# --------------------------------------------------------------------------- reading and evaluation


def test_read_newsmtsc_one_example_per_target(tmp_path):
    path = tmp_path / "t.jsonl"
    write_jsonl(path, [
        {"sentence_normalized": "Biden praised Merkel.", "targets": [
            {"from": 0, "to": 5, "mention": "Biden", "polarity": 4.0},
            {"from": 14, "to": 20, "mention": "Merkel", "polarity": 6.0}]},
        {"sentence_normalized": "Putin lied.", "targets": [
            {"from": 0, "to": 5, "mention": "Putin", "polarity": 2.0}]},
    ])
    examples = read_newsmtsc(path)
    assert [(e.sentence[e.start:e.end], e.label) for e in examples] == [
        ("Biden", "neutral"), ("Merkel", "positive"), ("Putin", "negative")]
    assert examples[0].group == examples[1].group != examples[2].group


@pytest.mark.parametrize("bad_line", [
    "{broken",
    '{"sentence_normalized": "Putin lied.", "targets": [{"from": 0, "to": 5, "polarity": 5.0}]}',
    '{"sentence_normalized": "Putin lied.", "targets": [{"from": 0, "to": 50, "polarity": 2.0}]}',
    '{"sentence_normalized": "Putin lied."}',
    "[1, 2]",
])
def test_read_newsmtsc_names_the_bad_line(tmp_path, bad_line):
    path = tmp_path / "bad.jsonl"
    good = '{"sentence_normalized": "Putin lied.", "targets": [{"from": 0, "to": 5, "polarity": 2.0}]}'
    path.write_text(good + "\n" + bad_line + "\n", encoding="utf-8")
    with pytest.raises(LeadertoneError, match="line 2") as err:
        read_newsmtsc(path)
    assert "\n" not in str(err.value)


def test_read_newsmtsc_missing_file(tmp_path):
    with pytest.raises(LeadertoneError, match="not found"):
        read_newsmtsc(tmp_path / "absent.jsonl")


def test_evaluate_scores_three_methods_on_every_target(tmp_path, nlp):
    path = tmp_path / "eval.jsonl"
    write_jsonl(path, [
        {"sentence_normalized": "Biden said Putin is a murderer.", "targets": [
            {"from": 0, "to": 5, "mention": "Biden", "polarity": 4.0},
            {"from": 11, "to": 16, "mention": "Putin", "polarity": 2.0}]},
        {"sentence_normalized": "Voters adore Merkel, a wise and honest leader.", "targets": [
            {"from": 13, "to": 19, "mention": "Merkel", "polarity": 6.0}]},
        {"sentence_normalized": "Macron arrived in Berlin on Monday.", "targets": [
            {"from": 0, "to": 6, "mention": "Macron", "polarity": 4.0}]},
    ])
    result = evaluate(read_newsmtsc(path), nlp=nlp)
    assert result["default"] == METHOD
    assert set(result["methods"]) == {"textblob", "vader", METHOD}
    for scores in result["methods"].values():
        assert scores["n"] == 4
        assert 0.0 <= scores["f1_macro"] <= 1.0 and 0.0 <= scores["accuracy"] <= 1.0
    assert result["methods"][METHOD]["accuracy"] == 1.0
