"""Bytes to text, and text in each format to an ``Article``: plain text or Markdown, HTML, JSON.

``decode_bytes`` picks the encoding, repairs mis-decoded text (mojibake) and refuses
binary data; ``read_decoded``
hands the decoded text to the reader of its format, which finds the body, the
title and the publication fields the format carries before ``article_from_text``
takes over. ``load_article`` and ``load_url`` call both.
"""

from __future__ import annotations

import codecs
import json
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence

from ..errors import LeadertoneError
from .chars import WORD_RE
from .metadata import SIDECAR_NAME, json_metadata, merge_metadata
from .model import Article, ArticleWarning
from .mojibake import repair_mojibake, repair_note, sloppy_cp1252
from .structure import article_from_text

#: C0 and C1 control characters other than tab and line breaks: plenty of them means binary data
_CONTROL_CHARS = frozenset(
    chr(c) for c in (*range(0, 32), *range(127, 160)) if chr(c) not in "\t\n\r\f\v\x85"
)
_HTML_TAG = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*[\s/>]|!--|!doctype\b|/[a-zA-Z])", re.I)
_SURROGATE = re.compile("[\ud800-\udfff]")
#: how many leading characters the binary-data check counts
_SAMPLE = 200_000
#: the bytes cp1252 lacks, kept by the "sloppy" decoding as C1 controls (so mojibake can be undone), then U+FFFD
_CP1252_UNDEFINED = dict.fromkeys((0x81, 0x8D, 0x8F, 0x90, 0x9D), "\ufffd")


def _too_many_controls(text: str, *, from_cp1252: bool) -> bool:
    """More than 2 % of the first ``_SAMPLE`` characters are control characters (see ``refuse_control_chars``)."""
    counted = _CONTROL_CHARS | {"\ufffd"} if from_cp1252 else _CONTROL_CHARS
    sample = text[:_SAMPLE]
    return sum(1 for c in sample if c in counted) > max(8, len(sample) // 50)


def refuse_control_chars(text: str, name: str, *, from_cp1252: bool = False) -> None:
    """Decoded text that is more than 2 % control characters is binary data, not an article.

    The first 200,000 characters are counted. In text read as cp1252 because it is not
    UTF-8 (``from_cp1252``), U+FFFD stands for a byte cp1252 lacks (0x81, 0x8D, 0x8F,
    0x90, 0x9D: C1 control bytes) and counts too; elsewhere it is a character of the text.

    Raises:
        LeadertoneError: for text full of control characters.
    """
    if _too_many_controls(text, from_cp1252=from_cp1252):
        detail = "not UTF-8 and full of control bytes" if from_cp1252 else "full of control characters"
        raise LeadertoneError(f"{name}: binary data, not text ({detail})")


def checked_text(text: str, name: str, *, from_cp1252: bool = False) -> tuple[str, list[str]]:
    """Decoded text with its mojibake repaired, and the note saying so; binary data refused.

    UTF-8 read as Latin-1 is full of C1 control characters, so the control count that
    tells binary data from text is taken after the repair: mis-decoded text is analysed,
    true binary data (which no repair turns into text) is still refused. Text read as
    cp1252 (``from_cp1252``) keeps the bytes cp1252 lacks as U+FFFD, as before.

    Raises:
        LeadertoneError: for binary data.
    """
    if _too_many_controls(text, from_cp1252=from_cp1252):  # repair a sample first: binary data is never repaired whole
        refuse_control_chars(repair_mojibake(text[:_SAMPLE])[0], name, from_cp1252=from_cp1252)
    text, changed = repair_mojibake(text)
    if from_cp1252:
        text = text.translate(_CP1252_UNDEFINED)
    refuse_control_chars(text, name, from_cp1252=from_cp1252)
    return text, [repair_note(name, changed)] if changed else []


def decode_bytes(data: bytes, *, name: str = "input") -> tuple[str, str, list[str]]:
    """Decode article bytes: UTF-8 (BOM or not), UTF-16/32 with BOM, else cp1252 with a warning.

    Args:
        data: The bytes of a file or web page.
        name: The file or URL, for messages.

    Returns:
        The text, the encoding used, and notes for the user.

    Raises:
        LeadertoneError: for binary data (a PDF, an image, NUL bytes).

    Mis-decoded text (UTF-8 read as Windows-1252 or Latin-1 before it was saved) is
    repaired with ftfy and a note says how many characters changed (see ``checked_text``).
    """
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                raise LeadertoneError(f"{name}: starts with a {enc} byte-order mark but is not valid {enc}") from None
            text, notes = checked_text(text, name)
            return text, enc, _warned(notes)
    if data.startswith(b"%PDF-"):
        raise LeadertoneError(f"{name}: this is a PDF file, not text; export the article's text first")
    if b"\x00" in data[:65536]:
        raise LeadertoneError(f"{name}: binary data, not text (NUL bytes found)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        text, notes = checked_text(text, name)
        return text, "utf-8", _warned(notes)
    text, repaired = checked_text(sloppy_cp1252(data), name, from_cp1252=True)
    return text, "cp1252", _warned([f"{name}: not valid UTF-8; read as Windows-1252 (cp1252)", *repaired])


def _warned(notes: list[str]) -> list[str]:
    """``notes``, each also issued as an ``ArticleWarning`` pointing at the caller of ``load_article``."""
    for msg in notes:
        warnings.warn(msg, ArticleWarning, stacklevel=4)
    return notes


def _text_to_article(
    text: str,
    *,
    fmt: str,
    source_path: str,
    encoding: str,
    notes: Sequence[str],
    boilerplate_patterns: Iterable[tuple[str, str]] | None,
    sidecar: Mapping[str, str],
) -> Article:
    """Plain text or Markdown: the publication fields come from the sidecar only."""
    return _article(text, None, None, fmt=fmt, source_path=source_path, encoding=encoding, notes=notes,
                    boilerplate_patterns=boilerplate_patterns, sidecar=sidecar)


def _html_to_article(
    html: str,
    *,
    source_path: str,
    encoding: str,
    notes: Sequence[str],
    boilerplate_patterns: Iterable[tuple[str, str]] | None,
    sidecar: Mapping[str, str],
) -> Article:
    """A web page: the main text, title, site name, date and address trafilatura finds in it."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=False, with_metadata=True, favor_precision=True
    )
    body = ""
    title = None
    page: dict[str, str | None] = {}
    if doc is not None:
        get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
        body = get("text") or ""
        title = get("title")
        page = {
            f: value if isinstance(value := get(key), str) else None
            for f, key in (("outlet", "sitename"), ("published", "date"), ("url", "url"))
        }
    if len(WORD_RE.findall(body)) < 4:  # nothing, or a stray menu word ("Home")
        raise LeadertoneError(f"{source_path}: no article text found in the HTML page")
    return _article(body, title, ("from the page", page), fmt="html", source_path=source_path, encoding=encoding,
                    notes=notes, boilerplate_patterns=boilerplate_patterns, sidecar=sidecar)


def _json_to_article(
    raw: str,
    *,
    source_path: str,
    encoding: str,
    notes: Sequence[str],
    boilerplate_patterns: Iterable[tuple[str, str]] | None,
    sidecar: Mapping[str, str],
) -> Article:
    """A JSON object with a string ``"text"``, an optional ``"title"`` and the keys of ``JSON_METADATA_KEYS``."""
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise LeadertoneError(f"{source_path}: malformed JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        raise LeadertoneError(f"{source_path}: malformed JSON (nested too deeply)") from None
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        raise LeadertoneError(f"{source_path}: malformed JSON ({exc})") from None
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        raise LeadertoneError(
            f'{source_path}: JSON must be an object like {{"title": "…", "text": "…"}} with a string "text"'
        )
    title = obj.get("title")
    if title is not None and not isinstance(title, str):
        raise LeadertoneError(f'{source_path}: JSON "title" must be a string')
    own = json_metadata(obj, source_path)
    text = obj["text"]
    if _SURROGATE.search(text) or (title and _SURROGATE.search(title)):
        # "\ud83d" escapes without their pair (an emoji cut in half) cannot be written as UTF-8;
        # each becomes U+FFFD, one character for one, so offsets are unchanged
        text, title = _SURROGATE.sub("\ufffd", text), title and _SURROGATE.sub("\ufffd", title)
        msg = f"{source_path}: unpaired UTF-16 surrogate escapes in the JSON replaced with U+FFFD"
        warnings.warn(msg, ArticleWarning, stacklevel=4)
        notes = [*notes, msg]
    return _article(text, title, ("in the JSON", own), fmt="json", source_path=source_path, encoding=encoding,
                    notes=notes, boilerplate_patterns=boilerplate_patterns, sidecar=sidecar)


def _article(
    text: str,
    title: str | None,
    own: tuple[str, Mapping[str, str | None]] | None,
    *,
    fmt: str,
    source_path: str,
    encoding: str,
    notes: Sequence[str],
    boilerplate_patterns: Iterable[tuple[str, str]] | None,
    sidecar: Mapping[str, str],
) -> Article:
    """``article_from_text`` with the file's own metadata (``own``: where it came from, the values; None for
    plain text, which has none) merged with the sidecar's."""
    notes = list(notes)
    meta = merge_metadata(source_path, [*([own] if own else []), (SIDECAR_NAME, sidecar)], notes)
    return article_from_text(text, title=title, source_path=source_path, fmt=fmt, encoding=encoding,
                             boilerplate_patterns=boilerplate_patterns, notes=notes, **meta)


def read_decoded(
    text: str,
    fmt: str,
    *,
    source_path: str,
    encoding: str,
    notes: Sequence[str],
    boilerplate_patterns: Iterable[tuple[str, str]] | None,
    sidecar: Mapping[str, str] | None = None,
) -> Article:
    """The ``Article`` of decoded text in format ``fmt`` (``txt``, ``md``, ``html`` or ``json``).

    Called by ``load_article`` and ``load_url``: the warnings here and in the readers
    point at their caller.
    """
    if fmt == "html" and not _HTML_TAG.search(text):  # a plain-text file named .html
        msg = f"{source_path}: no HTML tags found; read as plain text"
        warnings.warn(msg, ArticleWarning, stacklevel=3)
        notes, fmt = [*notes, msg], "txt"
    given = {
        "source_path": source_path,
        "encoding": encoding,
        "notes": notes,
        "boilerplate_patterns": boilerplate_patterns,
        "sidecar": sidecar or {},
    }
    if fmt == "html":
        return _html_to_article(text, **given)
    if fmt == "json":
        return _json_to_article(text, **given)
    return _text_to_article(text, fmt=fmt, **given)
