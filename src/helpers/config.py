"""Every path the project uses, in one place.

Paths resolve from the repository root when the package is installed in
editable mode (``pip install -e .``), so notebooks and the command line find
``data/`` and ``reports/`` from any working directory. ``LEADERTONE_HOME``
overrides the root, e.g. when the package is installed elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _project_root() -> Path:
    env = os.environ.get("LEADERTONE_HOME")
    if env:
        return Path(env).expanduser().resolve()
    for parent in PACKAGE_DIR.parents:
        if (parent / "pyproject.toml").is_file() and (parent / "src" / "helpers").is_dir():
            return parent
    return Path.cwd().resolve()


PROJ_ROOT = _project_root()
DATA_DIR = PROJ_ROOT / "data"
DATA_RAW = DATA_DIR / "raw"
DATA_EXTERNAL = DATA_DIR / "external"
DATA_INTERIM = DATA_DIR / "interim"
DATA_PROCESSED = DATA_DIR / "processed"
CACHE_DIR = DATA_INTERIM / "cache"
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"
REPORTS_DIR = PROJ_ROOT / "reports"
#: The README's pictures (``make gallery``), committed with the code.
GALLERY_DIR = DATA_DIR / "gallery"
MODELS_DIR = PACKAGE_DIR / "models"

DEFAULT_ARTICLE = DATA_RAW / "putin_biden_geneva_2021.txt"
NEWSMTSC_TRAIN = DATA_EXTERNAL / "newsmtsc" / "train.jsonl"
TONE_MODEL_PATH = MODELS_DIR / "tone_newsmtsc.json"
TONE_TRANSFORMER_DIR = MODELS_DIR / "tone_minilm"

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def _max_bytes_from_env() -> tuple[int, str | None]:
    """``LEADERTONE_MAX_BYTES`` as a positive whole number of bytes, or the default and what is wrong."""
    raw = os.environ.get("LEADERTONE_MAX_BYTES", "").strip()
    if not raw:
        return DEFAULT_MAX_BYTES, None
    if raw.isdigit() and int(raw) > 0:
        return int(raw), None
    return DEFAULT_MAX_BYTES, f"LEADERTONE_MAX_BYTES={raw!r} is not a positive whole number of bytes (e.g. 20000000)"


#: Largest input file read, in bytes; override with LEADERTONE_MAX_BYTES. An invalid value
#: leaves the default here and its message in MAX_BYTES_ERROR, which the command line reports.
MAX_INPUT_BYTES, MAX_BYTES_ERROR = _max_bytes_from_env()


def resolve(path: str | os.PathLike[str]) -> Path:
    """Resolve a user-given path: absolute as is, else relative to the cwd or, failing that, PROJ_ROOT.

    Notebooks run from ``notebooks/`` while their parameters name
    ``data/raw/…``; this makes both work.
    """
    p = Path(path).expanduser()
    if p.is_absolute() or p.exists():
        return p
    candidate = PROJ_ROOT / p
    return candidate if candidate.exists() else p


def slugify(name: str) -> str:
    """A file-system-safe slug: lower case letters, digits and underscores."""
    import re

    slug = re.sub(r"[^0-9a-zA-Z]+", "_", name).strip("_").lower()
    return slug or "article"

