"""Reading article files: ``load_article`` turns a path (or a web address) into an ``Article``.

Each step refuses what it cannot read with one clear ``LeadertoneError``: the file
(missing, a folder, a device, an unknown format), its bytes (unreadable, over the
size limit, empty), their decoding (binary data), and the format's own reader.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from pathlib import Path

from .. import config
from ..errors import LeadertoneError
from .chars import has_content
from .formats import decode_bytes, read_decoded
from .metadata import sidecar_metadata
from .model import HTML_SUFFIXES, JSON_SUFFIXES, SUPPORTED_SUFFIXES, TEXT_SUFFIXES, Article, ArticleWarning, human_size
from .web import is_web_url, load_url


def find_articles(folder: str | Path = config.DATA_RAW) -> list[Path]:
    """Article files in ``folder`` (sorted; hidden files and unknown formats left out).

    Args:
        folder: The folder; a relative path is tried from the working directory, then
            from the project root.

    Raises:
        LeadertoneError: when ``folder`` is not a folder.
    """
    folder = config.resolve(folder)
    if not folder.is_dir():
        raise LeadertoneError(f"{folder}: not a folder")
    return sorted(
        p for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in SUPPORTED_SUFFIXES
    )


def _article_file(path: str | Path, shown: str) -> Path:
    """The regular file ``path`` names, of a supported format."""
    p = config.resolve(path)
    if not p.exists():
        raise LeadertoneError(f"{shown}: no such file")
    if p.is_dir():
        raise LeadertoneError(f"{shown}: is a directory, not an article file")
    if not p.is_file():
        raise LeadertoneError(f"{shown}: not a regular file (a device, pipe or socket)")
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise LeadertoneError(
            f"{shown}: unknown format {suffix or '(no extension)'!r}; use one of "
            + ", ".join(SUPPORTED_SUFFIXES)
        )
    return p


def _read_capped(p: Path, shown: str, limit: int) -> bytes:
    """The bytes of ``p``: at most ``limit`` of them, and not only whitespace."""
    try:
        size = p.stat().st_size
        if size > limit:
            raise LeadertoneError(
                f"{shown}: {human_size(size)} is over the {human_size(limit)} limit "
                f"(raise it with --max-bytes {size} or LEADERTONE_MAX_BYTES={size})"
            )
        with p.open("rb") as fh:
            data = fh.read(limit + 1)  # the file may have grown since stat()
        if len(data) > limit:
            raise LeadertoneError(
                f"{shown}: over the {human_size(limit)} limit (raise it with --max-bytes or LEADERTONE_MAX_BYTES)"
            )
    except PermissionError:
        raise LeadertoneError(f"{shown}: permission denied") from None
    except OSError as exc:
        raise LeadertoneError(f"{shown}: cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise LeadertoneError(f"{shown}: the file is empty")
    return data


def _format_of(suffix: str) -> str:
    """``html``, ``json``, ``md`` or ``txt``: how a file with this (lower-case) suffix is read."""
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSON_SUFFIXES:
        return "json"
    return "md" if suffix in (".md", ".markdown") else "txt"


def _note_html_as_text(text: str, shown: str, notes: list[str]) -> None:
    """Warn (pointing at the caller of ``load_article``) and note when a text file holds an HTML page."""
    if re.match(r"\s*(<!doctype html|<html\b)", text[:1000], re.I):
        msg = f"{shown}: looks like an HTML page; analysed as plain text (name it .html to extract the article)"
        warnings.warn(msg, ArticleWarning, stacklevel=3)
        notes.append(msg)


def load_article(
    path: str | Path,
    *,
    max_bytes: int | None = None,
    boilerplate_patterns: Iterable[tuple[str, str]] | None = None,
) -> Article:
    """Read an article file (.txt, .md, .html/.htm, .json).

    Args:
        path: The file; a relative path is tried from the working directory, then
            from the project root.
        max_bytes: Refuse larger files (default ``config.MAX_INPUT_BYTES``, 10 MB;
            the environment variable ``LEADERTONE_MAX_BYTES`` changes it).
        boilerplate_patterns: Extra ``(regex, reason)`` whole-line patterns.

    An ``http://`` or ``https://`` URL given as a string is fetched with ``load_url``;
    other URL schemes (``file:``, ``ftp:``, ``javascript:`` …) are refused.

    The publication fields (``outlet``, ``published``, ``url``) come, each from the
    first that gives it, from the file itself (the keys of ``JSON_METADATA_KEYS`` in a
    JSON article; the site name, date and address trafilatura finds in a web page),
    then from the file's row in ``metadata.csv`` in the same folder (see
    ``sidecar_metadata``), and for the outlet last from a wire-service dateline
    (see ``dateline_credit``).

    Raises:
        LeadertoneError: for a missing, unreadable, empty, binary, oversized or
            malformed file, an unknown format, a JSON publication field that is not a
            string, or a malformed ``metadata.csv`` beside the file.
    """
    if isinstance(path, str) and is_web_url(path):
        return load_url(path, max_bytes=max_bytes, boilerplate_patterns=boilerplate_patterns)
    shown = str(path)
    p = _article_file(path, shown)
    data = _read_capped(p, shown, config.MAX_INPUT_BYTES if max_bytes is None else max_bytes)
    text, encoding, notes = decode_bytes(data, name=shown)
    if not has_content(text):
        raise LeadertoneError(f"{shown}: the file is empty (only whitespace)")
    sidecar = sidecar_metadata(p)
    suffix = p.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        _note_html_as_text(text, shown, notes)
    return read_decoded(
        text,
        _format_of(suffix),
        source_path=shown,
        encoding=encoding,
        notes=notes,
        boilerplate_patterns=boilerplate_patterns,
        sidecar=sidecar,
    )
