"""The analysis cache: one JSON file per article, so a rerun on unchanged articles parses nothing.

An entry's key is the SHA-256 of everything that decides the result: the
article's text and structure (title, headings, paragraphs, boilerplate), the
leaders asked for, the spaCy pipeline (name, version, components) and the code
that analyses it (this package's version and a hash of its source files and
tone model, plus the versions of spaCy, TextBlob and VADER). Change any of
them and the old entry is simply never read again.

Entries are plain JSON (never pickle), written atomically, and live in
``data/interim/cache/`` (``$LEADERTONE_CACHE_DIR`` to move it). A damaged entry
is treated as missing. ``clear_cache()``, ``--no-cache`` on the command line and
``make clean`` are the ways to drop them.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from spacy.language import Language

from . import config
from .files import write_text_atomic
from .read import Article

#: Bump when the layout of a cache entry changes.
CACHE_FORMAT = 1
ENV_VAR = "LEADERTONE_CACHE_DIR"


def cache_dir() -> Path:
    """Where entries live: ``$LEADERTONE_CACHE_DIR`` or ``data/interim/cache/``."""
    env = os.environ.get(ENV_VAR, "").strip()
    return Path(env).expanduser() if env else config.CACHE_DIR


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "none"


def source_files() -> list[Path]:
    """Every source file of the package and every file of its models, in a fixed order.

    All of them, not a list of names: a module that is moved, added or split changes the
    fingerprint without anyone having to remember to list it.
    """
    root = config.PACKAGE_DIR
    files = [p for p in root.rglob("*.py") if "__pycache__" not in p.parts]
    files += [p for p in config.MODELS_DIR.rglob("*") if p.is_file()]
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the package's code and models (each file by its path) and the NLP libraries' versions."""
    h = hashlib.sha256()
    for path in source_files():
        h.update(path.relative_to(config.PACKAGE_DIR).as_posix().encode())
        h.update(path.read_bytes())
    for dist in ("leadertone", "spacy", "textblob", "vaderSentiment"):
        h.update(f"{dist}={_version(dist)}".encode())
    return h.hexdigest()


def pipeline_id(nlp: Language) -> str:
    """The pipeline as the cache sees it: ``en_core_web_sm-3.8.0[tok2vec,tagger,…]``."""
    meta = nlp.meta
    return f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}[{','.join(nlp.pipe_names)}]"


def cache_key(article: Article, *, nlp: Language, leaders: list[str] | None = None) -> str:
    """The key of one article's entry (hex SHA-256).

    The file's path, format and metadata are not part of it: the same text under
    two names is analysed once.
    """
    content = {
        "text": article.text,
        "title": article.title,
        "headings": list(article.headings),
        "paragraphs": [[p.start, p.end, p.kind] for p in article.paragraphs],
        "boilerplate": [[b.start, b.end, b.reason] for b in article.boilerplate],
    }
    parts = [CACHE_FORMAT, code_fingerprint(), pipeline_id(nlp), list(leaders) if leaders else None, content]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def _entry_path(key: str) -> Path:
    return cache_dir() / key[:2] / f"{key}.json"


def read_entry(key: str) -> dict[str, Any] | None:
    """The entry stored under ``key``, or None when there is none or it is damaged."""
    path = _entry_path(key)
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("format") != CACHE_FORMAT or entry.get("key") != key:
        return None
    return entry


def write_entry(key: str, entry: dict[str, Any]) -> Path | None:
    """Store ``entry`` under ``key`` (atomically); a cache that cannot be written is skipped, not an error."""
    entry = {"format": CACHE_FORMAT, "key": key, **entry}
    try:
        return write_text_atomic(_entry_path(key), json.dumps(entry, ensure_ascii=False))
    except OSError:
        return None


def clear_cache() -> int:
    """Delete every cache entry; returns how many there were."""
    folder = cache_dir()
    if not folder.is_dir():
        return 0
    n = sum(1 for _ in folder.glob("*/*.json"))
    shutil.rmtree(folder)
    return n


def _plain(values: list) -> list:
    """Missing values (None, NaN, ``pd.NA``) as None, everything else as it is."""
    return [None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v for v in values]


def encode_frame(table: pd.DataFrame) -> dict[str, Any]:
    """A DataFrame as JSON-ready columns with their dtypes; ``decode_frame`` gives back an equal frame.

    Python's ``json`` writes floats with every digit, so scores survive the round
    trip exactly (pandas' own ``to_json`` rounds them). Missing values become null.
    """
    data = []
    for c in table.columns:
        column = table[c]
        values = column.tolist()
        never_missing = isinstance(column.dtype, np.dtype) and column.dtype.kind in "iub"
        data.append(values if never_missing else _plain(values))
    return {"columns": [str(c) for c in table.columns], "dtypes": [str(t) for t in table.dtypes], "data": data}


def decode_frame(data: dict[str, Any]) -> pd.DataFrame:
    """The DataFrame ``encode_frame`` stored."""
    columns = data["columns"]
    frame = pd.DataFrame(
        {c: pd.Series(values, dtype=object) for c, values in zip(columns, data["data"])}, columns=columns
    )
    return frame.astype(dict(zip(columns, data["dtypes"])))
