"""Rebuilding the tone model from NewsMTSC: reading the data, training, cross-validation and evaluation."""

from __future__ import annotations

import json

import pytest

from helpers import config
from helpers.errors import LeadertoneError
from helpers.nlp.schema import DEFAULT_METHOD
from helpers.nlp.tone_model import (
    LABELS,
    METHOD,
    ToneExample,
    cross_validate,
    evaluate,
    read_newsmtsc,
    train_tone_model,
)


@pytest.fixture(scope="module")
def small_train() -> list[ToneExample]:
    """300 NewsMTSC training targets, every label present."""
    examples = read_newsmtsc(config.NEWSMTSC_TRAIN)[:300]
    assert {e.label for e in examples} == set(LABELS)
    return examples


def write_jsonl(path, records) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


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


def test_evaluate_scores_every_method_on_every_target(tmp_path, nlp):
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
    assert result["default"] == DEFAULT_METHOD == "minilm"
    assert set(result["methods"]) == {"textblob", "vader", METHOD, DEFAULT_METHOD}
    for scores in result["methods"].values():
        assert scores["n"] == 4
        assert 0.0 <= scores["f1_macro"] <= 1.0 and 0.0 <= scores["accuracy"] <= 1.0
    assert result["methods"][METHOD]["accuracy"] == 1.0
