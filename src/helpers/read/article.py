"""Read an article: decode it, find its title, headings and paragraphs, and set boilerplate aside.

Every offset in the project indexes ``Article.text``, the decoded source text.
Nothing here changes that string: CRLF line ends, non-breaking spaces and
zero-width characters stay where they are, so ``text[start:end]`` of any
record is exactly what the file says.
"""

from __future__ import annotations

import bisect
import codecs
import csv
import http.client
import io
import json
import re
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property, lru_cache
from pathlib import Path

from .. import config
from ..errors import LeadertoneError

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSON_SUFFIXES = (".json",)
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSON_SUFFIXES


class ArticleWarning(UserWarning):
    """Something about the input the user should know (a guessed encoding, a non-English text)."""


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the article: ``text[start:end]``, of kind ``title``, ``heading`` or ``body``."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Boilerplate:
    """A stretch of page furniture that is never analysed, and why it was set aside."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class Article:
    """An article as read.

    Attributes:
        text: The decoded source text; every offset in the project indexes it.
        title: The headline.
        headings: Subheadings in the order they appear.
        paragraphs: Title, headings and body paragraphs, in order.
        boilerplate: Related links, bylines, author bios, comment forms … set aside.
        source_path: The file read, or None for text given directly.
        format: ``txt``, ``md``, ``html`` or ``json``.
        encoding: The encoding the bytes were decoded with.
        outlet: The publication or news agency (``Reuters``, ``The Guardian``), or None.
        published: The publication date as ``YYYY-MM-DD``, or None.
        url: The article's web address, or None.
        notes: Messages about the input (a guessed encoding, an unreadable date …).
    """

    text: str
    title: str
    headings: tuple[str, ...]
    paragraphs: tuple[Paragraph, ...]
    boilerplate: tuple[Boilerplate, ...]
    source_path: str | None = None
    format: str = "txt"
    encoding: str = "utf-8"
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    notes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def slug(self) -> str:
        """A file-system-safe name for the article's report folder."""
        if self.source_path:
            return config.slugify(Path(self.source_path).stem)
        return config.slugify(self.title[:60])

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def paragraph_text(self, paragraph: Paragraph) -> str:
        """The text of one paragraph."""
        return self.text[paragraph.start : paragraph.end]

    def body_paragraphs(self) -> list[Paragraph]:
        """Paragraphs of kind ``body``."""
        return [p for p in self.paragraphs if p.kind == "body"]

    def to_dict(self) -> dict:
        """The JSON form used in ``analyze --json``."""
        return {
            "path": self.source_path,
            "format": self.format,
            "encoding": self.encoding,
            "outlet": self.outlet,
            "published": self.published,
            "url": self.url,
            "title": self.title,
            "text": self.text,
            "headings": list(self.headings),
            "paragraphs": [
                {"start": p.start, "end": p.end, "kind": p.kind, "text": self.paragraph_text(p)}
                for p in self.paragraphs
            ],
            "boilerplate": [
                {"start": b.start, "end": b.end, "reason": b.reason, "text": self.text[b.start : b.end]}
                for b in self.boilerplate
            ],
        }


# --------------------------------------------------------------------------- boilerplate rules

#: Whole-line patterns for page furniture, each with the reason reported. Users add
#: their own through ``load_article(..., boilerplate_patterns=[(regex, reason), …])``.
BOILERPLATE_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"(see also|read more|read also|also read|related( articles?| stories)?|more on this( story)?"
     r"|recommended( for you)?|you may also like|most read|further reading)\b\s*[:|\-–—]?\s*.*",
     "related link"),
    (r"leave a (reply|comment)\s*\.?", "comment form"),
    (r"(cancel reply|post comment|submit comment|\d+ comments?|comments?|add a comment)\s*\.?",
     "comment form"),
    (r"your email address will not be published.*", "comment form"),
    (r".*required fields are marked\s*\*?.*", "comment form"),
    (r"(share|share this( article| story)?|share on \w+|tweet( this)?|email this( article)?|print"
     r"|follow us( on .*)?|subscribe( now| to (our|the) .*)?|sign up (for|to) (our|the) .*"
     r"|click here to subscribe.*|get our newsletter.*)\s*[:!.]?\s*.{0,80}",
     "share/subscribe prompt"),
    (r"(advertisement|sponsored( content)?|scroll to continue.*)", "advertisement"),
    (r"(©|\(c\)|copyright\b).{0,160}", "copyright notice"),
)

_NAME_WORD = r"[A-Z][a-zà-ÿ'’\-]+\.?"
_NAME_LINE = re.compile(rf"(?:by\s+)?(?:{_NAME_WORD}|[A-Z]\.)(?:\s+(?:{_NAME_WORD}|[A-Z]\.)){{1,3}}")
_BYLINE = re.compile(rf"by\s+{_NAME_WORD}(\s+{_NAME_WORD}){{0,3}}(\s*(,|and|\||–|-).{{0,60}})?", re.I)
_BIO_HINT = re.compile(
    r"\b(is|was) (a|an|the) [^.]{0,60}\b(writer|reporter|journalist|editor|correspondent|author|"
    r"columnist|contributor|producer|fan|lover|enthusiast|expert)\b|\bfollow (him|her|them)\b",
    re.I,
)
_CLOSING_PUNCT = tuple(".!?…:;,\"”’»)]*")
#: Closing mark expected for each opening quotation mark: the one list of quotation marks.
QUOTE_PAIRS = {"“": "”", "„": "“", "«": "»", "»": "«", "‘": "’", '"': '"', "'": "'", "‚": "’", "”": "”"}
#: Every character that can open or close a quotation.
QUOTE_MARKS = frozenset(QUOTE_PAIRS) | frozenset(QUOTE_PAIRS.values())

# a CR directly followed by LF is one line break, never two (``(?!\n)``): CRLF files keep their blocks
_BLOCK_SPLIT = re.compile(r"(?:\r\n|\n|\r(?!\n))[ \t\u00a0\u200b\u200c\u200d\ufeff]*(?:\r?\n|\r)\s*")
_LINE_SPLIT = re.compile(r"\r?\n|\r")
_HTML_TAG = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*[\s/>]|!--|!doctype\b|/[a-zA-Z])", re.I)
_SURROGATE = re.compile("[\ud800-\udfff]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

#: Very common English words; a text where they are rare is probably not English.
ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to a an in is it that for on with as was were be been by at from this he she his her they "
    "them their we our you i not are have has had will would said but or which who its there after about "
    "than also more if can could one all when what into up out over new so".split()
)


def _compile_patterns(extra: Iterable[tuple[str, str]] | None) -> list[tuple[re.Pattern[str], str]]:
    pats = list(BOILERPLATE_PATTERNS) + list(extra or [])
    compiled = []
    for pattern, reason in pats:
        try:
            compiled.append((re.compile(pattern, re.I), reason))
        except re.error as exc:
            raise LeadertoneError(f"invalid boilerplate pattern {pattern!r}: {exc}") from None
    return compiled


_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
#: C0 and C1 control characters other than tab and line breaks: plenty of them means binary data
_CONTROL_CHARS = frozenset(
    chr(c) for c in (*range(0, 32), *range(127, 160)) if chr(c) not in "\t\n\r\f\v\x85"
)


def _is_blank_char(c: str) -> bool:
    """Spaces, line breaks, and characters that show nothing (zero-width, BOM, bidi marks, control characters)."""
    return c.isspace() or c in _ZERO_WIDTH or unicodedata.category(c) in ("Cc", "Cf")


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past surrounding blanks (any Unicode space, zero-width and control characters)."""
    while start < end and _is_blank_char(text[start]):
        start += 1
    while end > start and _is_blank_char(text[end - 1]):
        end -= 1
    return start, end


def _has_content(text: str) -> bool:
    """True when ``text`` holds something besides spaces, zero-width and control characters."""
    return not all(map(_is_blank_char, text))


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Non-empty lines of ``text[start:end]`` as stripped spans."""
    out = []
    pos = start
    for m in _LINE_SPLIT.finditer(text, start, end):
        s, e = _strip_span(text, pos, m.start())
        if e > s:
            out.append((s, e))
        pos = m.end()
    s, e = _strip_span(text, pos, end)
    if e > s:
        out.append((s, e))
    return out


def _blocks(text: str) -> list[tuple[int, int]]:
    """Blank-line separated blocks as stripped spans."""
    out = []
    pos = 0
    for m in _BLOCK_SPLIT.finditer(text):
        s, e = _strip_span(text, pos, m.start())
        if e > s:
            out.append((s, e))
        pos = m.end()
    s, e = _strip_span(text, pos, len(text))
    if e > s:
        out.append((s, e))
    return out


def _is_hard_wrapped(text: str, lines: Sequence[tuple[int, int]]) -> bool:
    """True when a block's lines look like one paragraph wrapped at a fixed width."""
    if len(lines) < 2:
        return False
    widths = [e - s for s, e in lines[:-1]]
    return all(40 <= w <= 100 for w in widths) and max(widths) - min(widths) <= 30


def _norm(s: str) -> str:
    return re.sub(r"[\s\u00a0\u200b]+", " ", s).strip()


def _looks_like_heading(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= 12
        and len(line) <= 90
        and not line.endswith(_CLOSING_PUNCT)
        and line[0] not in QUOTE_MARKS
        and any(c.isalpha() for c in line)
    )


def _is_fully_quoted(line: str) -> bool:
    return len(line) >= 2 and line[0] in QUOTE_MARKS and line[-1] in QUOTE_MARKS


def _trailing_author_block(
    text: str, spans: list[tuple[int, int]], reasons: dict[int, str]
) -> dict[int, str]:
    """Find the byline and author bio at the end of the article (indices into ``spans``)."""
    found: dict[int, str] = {}
    content = [i for i in range(len(spans)) if i not in reasons]
    if len(content) < 3:
        return found
    # a byline is one of the last few content lines; everything after it is bio or boilerplate
    for pos in range(len(content) - 1, max(len(content) - 5, 0), -1):
        i = content[pos]
        line = _norm(text[spans[i][0] : spans[i][1]])
        if not (_NAME_LINE.fullmatch(line) or _BYLINE.fullmatch(line)):
            continue
        after = content[pos + 1 :]
        if len(after) > 2:
            break
        first_name = line.split()[1 if line.lower().startswith("by ") else 0]
        bios = [_norm(text[spans[j][0] : spans[j][1]]) for j in after]
        if all(
            len(b) <= 400
            and (_is_fully_quoted(b) or _BIO_HINT.search(b) or b.startswith((first_name, "He ", "She ")))
            for b in bios
        ):
            found[i] = "author byline"
            for j in after:
                found[j] = "author bio"
        break
    return found


def _language_note(text: str) -> str | None:
    """A note when ``text`` does not look like English: mostly non-Latin letters, or common English words rare."""
    words = _WORD.findall(text[:200_000])
    letters = sum(map(len, words))
    latin = sum(c.isascii() or "\u00c0" <= c <= "\u024f" for w in words for c in w)
    if not (letters >= 20 and latin < letters / 2) and len(words) < 40:
        return None  # too little to judge (a text in Cyrillic, Chinese … is judged by its letters)
    share = sum(w.lower() in ENGLISH_FUNCTION_WORDS for w in words) / len(words)
    if latin >= letters / 2 and share >= 0.12:  # English prose: 35-50 %; German, French, Spanish: under 10 %
        return None
    return (
        f"the text does not look like English (only {share:.0%} of its words are common English words); "
        "the English pipeline may miss names and quotations"
    )


# --------------------------------------------------------------------------- publication metadata

#: The table of publication metadata read from an article's folder.
SIDECAR_NAME = "metadata.csv"
#: The publication fields of an ``Article``, in the order sources are merged.
METADATA_FIELDS = ("outlet", "published", "url")
#: JSON keys read for each field, first found wins.
JSON_METADATA_KEYS: dict[str, tuple[str, ...]] = {
    "outlet": ("outlet", "source", "sitename", "publisher"),
    "published": ("published", "date", "published_at", "datePublished"),
    "url": ("url",),
}
#: Sidecar columns read for each field, first non-empty cell wins.
SIDECAR_COLUMNS: dict[str, tuple[str, ...]] = {
    "outlet": ("outlet",),
    "published": ("published", "date"),
    "url": ("url",),
}

_HSPACE = r"[^\S\r\n]"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
# a letter that is not a lowercase ASCII one; the place is checked for capitals after the match
_CAPS_WORD = r"[^\W\d_a-z](?:[^\W\d_a-z]|[.'’\-])*"
_DATELINE = re.compile(
    rf"""
    (?P<place>{_CAPS_WORD}(?:{_HSPACE}+{_CAPS_WORD}){{0,5}})
    (?:,{_HSPACE}+[A-Z][A-Za-z.]*(?:{_HSPACE}+[A-Z][A-Za-z.]*){{0,2}})?
    (?:,{_HSPACE}+(?:{_MONTH}{_HSPACE}+\d{{1,2}}|\d{{1,2}}{_HSPACE}+{_MONTH}))?
    {_HSPACE}*\((?P<credit>[^\W\d_][^()\s]*(?:{_HSPACE}+[^()\s]+){{0,3}})\)
    {_HSPACE}*(?:--|-|–|—){_HSPACE}*(?=\S)
    """,
    re.X,
)
#: How many body paragraphs may come before the dateline (a pull quote or a standfirst).
DATELINE_PARAGRAPHS = 3


def dateline_credit(text: str) -> str | None:
    """The news agency credited in a dateline at the start of ``text``, or None.

    A dateline is a place in capitals, optionally a region and a date, then the
    credit in parentheses and a dash (``-``, ``--``, ``–`` or ``—``)::

        WASHINGTON (Reuters) - …              -> "Reuters"
        SEOUL, May 7 (Yonhap) -- …            -> "Yonhap"
        RIO DE JANEIRO (AP) — …               -> "AP"
        KYIV, Ukraine (AP) — …                -> "AP"

    ``TEL AVIV, Aug 19 - …`` and ``PALM BEACH, Fla. — …`` credit no one, and a
    parenthesis in an ordinary sentence is not a dateline.

    Args:
        text: A paragraph, usually the first of the body.

    Returns:
        The credit as written (one to four words), or None.
    """
    m = _DATELINE.match(text.lstrip())
    if not m:
        return None
    place = m.group("place")
    if place != place.upper() or not any(c.isalpha() for c in place):
        return None
    return m.group("credit")


def normalize_date(value: str) -> str | None:
    """A date written in a common way, as ``YYYY-MM-DD``; None when it is not a full date.

    ISO 8601 dates and timestamps (``2021-06-16``, ``2021-06-16T18:05:00+02:00``) keep
    the calendar day they name, whatever their time zone. Other forms ("June 16, 2021",
    "16 June 2021", "Dec. 2, 2024") are read with dateutil; numeric dates such as
    ``06/07/2021`` are read month first unless the first number is over 12. A value
    lacking the day, the month or the year ("June 2021", "May 7", "Monday") is not a
    full date.

    Args:
        value: The date as written.
    """
    value = value.strip()
    if not value or len(value) > 100:
        return None
    try:
        return datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        pass
    from dateutil import parser

    days = []
    # a part missing from the value comes from the default: two different defaults reveal it
    for default in (datetime(2000, 1, 1), datetime(2001, 2, 2)):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # an unknown time zone name ("ET") does not change the day
                parsed = parser.parse(value, default=default)
        except (ValueError, OverflowError):
            return None
        days.append(parsed.date())
    return days[0].isoformat() if days[0] == days[1] else None


def _date_note(name: str, value: str, origin: str) -> str:
    return f"{name}: the publication date {value[:80]!r} ({origin}) is not a full date; it was left out"


@lru_cache(maxsize=32)
def _read_sidecar(path: str, stamp: tuple[int, int, int]) -> Mapping[str, Mapping[str, str]]:
    """The rows of a sidecar table by file name; ``stamp`` (modification time, size, inode) keys the cache."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise LeadertoneError(f"{path}: the metadata table cannot be read ({exc.strerror or exc})") from None
    if len(data) > config.MAX_INPUT_BYTES:
        raise LeadertoneError(f"{path}: the metadata table is over the {_size(config.MAX_INPUT_BYTES)} limit")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LeadertoneError(
            f"{path}: the metadata table is not UTF-8 text (bad byte at {exc.start}); save it as UTF-8 CSV"
        ) from None
    if "\x00" in text:
        raise LeadertoneError(f"{path}: the metadata table is binary data, not CSV text (NUL characters found)")
    first_line = text.split("\n", 1)[0]
    delimiter = next((d for d in (",", ";", "\t") if d in first_line), ",")
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        header = [h.strip().lower() for h in next(reader, [])]
        if "file" not in header:
            found = ", ".join(repr(h) for h in header[:8] if h) or "nothing"
            raise LeadertoneError(
                f'{path}: the metadata table has no "file" column in its header row (found {found[:200]})'
            )
        file_col = header.index("file")
        columns = {f: [header.index(c) for c in cols if c in header] for f, cols in SIDECAR_COLUMNS.items()}
        rows: dict[str, dict[str, str]] = {}
        for row in reader:
            name = row[file_col].strip() if file_col < len(row) else ""
            if not name or name in rows:
                continue
            values = {}
            for f, cols in columns.items():
                cell = next((row[i].strip() for i in cols if i < len(row) and row[i].strip()), "")
                if cell:
                    values[f] = cell
            rows[name] = values
    except csv.Error as exc:
        raise LeadertoneError(f"{path}: the metadata table is not valid CSV ({exc})") from None
    return rows


def sidecar_metadata(article_path: str | Path) -> dict[str, str]:
    """Publication metadata for one article file from ``metadata.csv`` in the same folder.

    The sidecar is a CSV table (UTF-8, a byte-order mark allowed; commas, or semicolons
    or tabs as a spreadsheet may save it) with a header row, a ``file`` column naming
    article files (``putin_biden_geneva_2021.txt``) and any of ``outlet``,
    ``published`` (or ``date``) and ``url``. Rows for other files are ignored; when a
    file has two rows, the first counts. The table is read once and reread only when
    it changes, so a folder of many articles reads it once.

    Args:
        article_path: The article file.

    Returns:
        The non-empty cells of the file's row under ``outlet``, ``published`` and
        ``url``, as written; empty when there is no sidecar or no row for the file.

    Raises:
        LeadertoneError: for a sidecar that cannot be read, is not UTF-8 CSV or has
            no ``file`` column.
    """
    p = Path(article_path)
    sidecar = p.parent / SIDECAR_NAME
    try:
        st = sidecar.stat()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise LeadertoneError(f"{sidecar}: the metadata table cannot be read ({exc.strerror or exc})") from None
    if not sidecar.is_file():
        raise LeadertoneError(f"{sidecar}: the metadata table is not a regular file")
    rows = _read_sidecar(str(sidecar), (st.st_mtime_ns, st.st_size, st.st_ino))
    return dict(rows.get(p.name, {}))


def _merge_metadata(
    name: str, sources: Sequence[tuple[str, Mapping[str, str | None]]], notes: list[str]
) -> dict[str, str | None]:
    """Each publication field from the first source that gives it; a date that is not a date is noted and skipped."""
    merged: dict[str, str | None] = dict.fromkeys(METADATA_FIELDS)
    for origin, values in sources:
        for f in METADATA_FIELDS:
            value = (values.get(f) or "").strip()
            if merged[f] is not None or not value:
                continue
            if f == "published":
                day = normalize_date(value)
                if day is None:
                    msg = _date_note(name, value, origin)
                    warnings.warn(msg, ArticleWarning, stacklevel=4)
                    notes.append(msg)
                    continue
                value = day
            merged[f] = value
    return merged


# --------------------------------------------------------------------------- structure


def article_from_text(
    text: str,
    title: str | None = None,
    *,
    source_path: str | None = None,
    fmt: str = "txt",
    encoding: str = "utf-8",
    boilerplate_patterns: Iterable[tuple[str, str]] | None = None,
    notes: Sequence[str] = (),
    outlet: str | None = None,
    published: str | None = None,
    url: str | None = None,
) -> Article:
    """Build an ``Article`` from text already decoded.

    Args:
        text: The article text; the headline is its first line unless ``title`` is given.
        title: A headline given separately (then ``text`` is the body only and the
            analysed text becomes ``title + "\\n\\n" + text``).
        source_path: Where the text came from, for the record.
        fmt: ``txt`` or ``md`` (Markdown ``#`` lines become headings).
        encoding: The encoding the text was decoded from, for the record.
        boilerplate_patterns: Extra ``(regex, reason)`` whole-line patterns.
        notes: Messages about the input kept with the article.
        outlet: The publication or agency; when not given, the credit of a wire-service
            dateline opening the body (``WASHINGTON (Reuters) - …``), if any.
        published: The publication date in any common form, kept as ``YYYY-MM-DD``; a
            value that is not a full date is left out with a note and an ``ArticleWarning``.
        url: The article's web address.

    Raises:
        LeadertoneError: when there is no text at all.
    """
    if title is not None and _norm(title):
        title = _norm(title)
        if not _norm(text).startswith(title):
            text = f"{title}\n\n{text}" if _norm(text) else title
    if not _has_content(text):
        raise LeadertoneError("the article is empty (no text found)")
    patterns = _compile_patterns(boilerplate_patterns)

    spans: list[tuple[int, int]] = []
    for bs, be in _blocks(text):
        lines = _lines(text, bs, be)
        if not spans:  # the headline is the first line on its own
            spans.append(lines[0])
            lines = lines[1:]
            if not lines:
                continue
            bs = lines[0][0]
        if _is_hard_wrapped(text, lines):
            spans.append((bs, be))
        else:
            spans.extend(lines)

    reasons: dict[int, str] = {}
    for i, (s, e) in enumerate(spans):
        if i == 0:
            continue
        line = _norm(text[s:e])
        for pat, reason in patterns:
            if pat.fullmatch(line):
                reasons[i] = reason
                break
        else:
            if i <= 2 and _BYLINE.fullmatch(line):
                reasons[i] = "author byline"
    reasons.update(_trailing_author_block(text, spans, reasons))

    paragraphs: list[Paragraph] = []
    boilerplate: list[Boilerplate] = []
    headings: list[str] = []
    title_text = ""
    for i, (s, e) in enumerate(spans):
        if i in reasons:
            if _is_fully_quoted(text[s:e]):  # the words, not the marks around them
                s, e = _strip_span(text, s + 1, e - 1)
            boilerplate.append(Boilerplate(s, e, reasons[i]))
            continue
        raw = text[s:e]
        md = re.match(r"#{1,6}[ \t]+", raw) if fmt == "md" else None
        if md:
            s, e = _strip_span(text, s + md.end(), e)
        if i == 0:
            kind = "title"
            title_text = _norm(text[s:e])
        elif md or ("\n" not in raw and _looks_like_heading(_norm(raw))):
            kind = "heading"
            headings.append(_norm(text[s:e]))
        else:
            kind = "body"
        paragraphs.append(Paragraph(s, e, kind))

    notes = list(notes)
    outlet = _norm(outlet) if outlet else None
    if not outlet:
        firsts = [text[p.start : p.end] for p in paragraphs if p.kind == "body"][:DATELINE_PARAGRAPHS]
        outlet = next(filter(None, map(dateline_credit, firsts)), None)
    if published is not None and _norm(published):
        day = normalize_date(published)
        if day is None:
            msg = _date_note(source_path or "text", published, "as given")
            warnings.warn(msg, ArticleWarning, stacklevel=2)
            notes.append(msg)
        published = day
    else:
        published = None
    url = url.strip() if url and url.strip() else None
    language = _language_note(" ".join(text[p.start : p.end] for p in paragraphs[:2000]))
    if language:
        warnings.warn(f"{source_path or 'text'}: {language}", ArticleWarning, stacklevel=2)
        notes.append(f"{source_path or 'text'}: {language}")
    return Article(
        text=text,
        title=title_text,
        headings=tuple(headings),
        paragraphs=tuple(paragraphs),
        boilerplate=tuple(boilerplate),
        source_path=source_path,
        format=fmt,
        encoding=encoding,
        outlet=outlet,
        published=published,
        url=url,
        notes=tuple(notes),
    )


# --------------------------------------------------------------------------- reading files


def _refuse_control_chars(text: str, name: str) -> None:
    """Decoded text that is more than 2 % control characters is binary data, not an article."""
    sample = text[:200_000]
    controls = sum(1 for c in sample if c in _CONTROL_CHARS)
    if controls > max(8, len(sample) // 50):
        raise LeadertoneError(f"{name}: binary data, not text (full of control characters)")


def decode_bytes(data: bytes, *, name: str = "input") -> tuple[str, str, list[str]]:
    """Decode article bytes: UTF-8 (BOM or not), UTF-16/32 with BOM, else cp1252 with a warning.

    Returns:
        The text, the encoding used, and notes for the user.

    Raises:
        LeadertoneError: for binary data (a PDF, an image, NUL bytes).
    """
    notes: list[str] = []
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
            _refuse_control_chars(text, name)
            return text, enc, notes
    if data.startswith(b"%PDF-"):
        raise LeadertoneError(f"{name}: this is a PDF file, not text; export the article's text first")
    if b"\x00" in data[:65536]:
        raise LeadertoneError(f"{name}: binary data, not text (NUL bytes found)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _refuse_control_chars(text, name)
        return text, "utf-8", notes
    text = data.decode("cp1252", errors="replace")
    controls = sum(1 for c in text if (ord(c) < 32 and c not in "\t\r\n\f") or c == "\ufffd")
    if controls > max(8, len(text) // 50):
        raise LeadertoneError(f"{name}: binary data, not text (not UTF-8 and full of control bytes)")
    msg = f"{name}: not valid UTF-8; read as Windows-1252 (cp1252)"
    warnings.warn(msg, ArticleWarning, stacklevel=3)
    notes.append(msg)
    return text, "cp1252", notes


def _html_to_article(
    html: str,
    *,
    source_path: str | None,
    encoding: str,
    notes: list[str],
    boilerplate_patterns,
    sidecar: Mapping[str, str] | None = None,
) -> Article:
    import trafilatura

    name = source_path or "HTML"
    if not _HTML_TAG.search(html):  # a plain-text file named .html
        msg = f"{name}: no HTML tags found; read as plain text"
        warnings.warn(msg, ArticleWarning, stacklevel=3)
        notes = [*notes, msg]
        meta = _merge_metadata(name, [(SIDECAR_NAME, sidecar or {})], notes)
        return article_from_text(
            html, source_path=source_path, encoding=encoding, boilerplate_patterns=boilerplate_patterns,
            notes=notes, **meta,
        )
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
    if len(_WORD.findall(body)) < 4:  # nothing, or a stray menu word ("Home")
        raise LeadertoneError(f"{name}: no article text found in the HTML page")
    notes = list(notes)
    meta = _merge_metadata(name, [("from the page", page), (SIDECAR_NAME, sidecar or {})], notes)
    return article_from_text(
        body,
        title=title,
        source_path=source_path,
        fmt="html",
        encoding=encoding,
        boilerplate_patterns=boilerplate_patterns,
        notes=notes,
        **meta,
    )


def _json_metadata(obj: Mapping, source_path: str) -> dict[str, str | None]:
    """Publication fields of a JSON article: for each, the first key of ``JSON_METADATA_KEYS`` with a value.

    ``null`` and empty strings count as absent; an outlet may also be an object with a
    string ``"name"`` (``"publisher": {"name": "Reuters"}``).

    Raises:
        LeadertoneError: for a value of another type.
    """
    found: dict[str, str | None] = dict.fromkeys(METADATA_FIELDS)
    for f, keys in JSON_METADATA_KEYS.items():
        for key in keys:
            value = obj.get(key)
            if f == "outlet" and isinstance(value, dict) and isinstance(value.get("name"), str):
                value = value["name"]
            if value is None:
                continue
            if not isinstance(value, str):
                raise LeadertoneError(f'{source_path}: JSON "{key}" must be a string')
            if value.strip():
                found[f] = value
                break
    return found


def _json_to_article(
    raw: str,
    *,
    source_path: str,
    encoding: str,
    notes,
    boilerplate_patterns,
    sidecar: Mapping[str, str] | None = None,
) -> Article:
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
    own = _json_metadata(obj, source_path)
    text = obj["text"]
    if _SURROGATE.search(text) or (title and _SURROGATE.search(title)):
        # "\ud83d" escapes without their pair (an emoji cut in half) cannot be written as UTF-8;
        # each becomes U+FFFD, one character for one, so offsets are unchanged
        text, title = _SURROGATE.sub("\ufffd", text), title and _SURROGATE.sub("\ufffd", title)
        msg = f"{source_path}: unpaired UTF-16 surrogate escapes in the JSON replaced with U+FFFD"
        warnings.warn(msg, ArticleWarning, stacklevel=3)
        notes = [*notes, msg]
    notes = list(notes)
    meta = _merge_metadata(source_path, [("in the JSON", own), (SIDECAR_NAME, sidecar or {})], notes)
    return article_from_text(
        text,
        title=title,
        source_path=source_path,
        fmt="json",
        encoding=encoding,
        boilerplate_patterns=boilerplate_patterns,
        notes=notes,
        **meta,
    )


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def find_articles(folder: str | Path = config.DATA_RAW) -> list[Path]:
    """Article files in ``folder`` (sorted; hidden files and unknown formats left out)."""
    folder = config.resolve(folder)
    if not folder.is_dir():
        raise LeadertoneError(f"{folder}: not a folder")
    return sorted(
        p for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in SUPPORTED_SUFFIXES
    )


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
    if isinstance(path, str) and (scheme := _URL_SCHEME.match(path)):
        if scheme.group(1).lower() in ("http", "https"):
            return load_url(path, max_bytes=max_bytes, boilerplate_patterns=boilerplate_patterns)
        if (path[scheme.end() :].startswith("//") or scheme.group(1).lower() in _OTHER_SCHEMES) and not (
            config.resolve(path).exists()
        ):
            raise LeadertoneError(
                f"{path[:80]}: only http:// and https:// URLs can be read, not {scheme.group(1)!r} ones"
            )
    p = config.resolve(path)
    shown = str(path)
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
    limit = config.MAX_INPUT_BYTES if max_bytes is None else max_bytes
    try:
        size = p.stat().st_size
        if size > limit:
            raise LeadertoneError(
                f"{shown}: {_size(size)} is over the {_size(limit)} limit "
                "(raise it with --max-bytes or LEADERTONE_MAX_BYTES)"
            )
        with p.open("rb") as fh:
            data = fh.read(limit + 1)  # the file may have grown since stat()
        if len(data) > limit:
            raise LeadertoneError(
                f"{shown}: over the {_size(limit)} limit (raise it with --max-bytes or LEADERTONE_MAX_BYTES)"
            )
    except PermissionError:
        raise LeadertoneError(f"{shown}: permission denied") from None
    except OSError as exc:
        raise LeadertoneError(f"{shown}: cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise LeadertoneError(f"{shown}: the file is empty")
    text, encoding, notes = decode_bytes(data, name=shown)
    if not _has_content(text):
        raise LeadertoneError(f"{shown}: the file is empty (only whitespace)")
    sidecar = sidecar_metadata(p)
    source = str(path)
    if suffix in TEXT_SUFFIXES and re.match(r"\s*(<!doctype html|<html\b)", text[:1000], re.I):
        msg = f"{shown}: looks like an HTML page; analysed as plain text (name it .html to extract the article)"
        warnings.warn(msg, ArticleWarning, stacklevel=2)
        notes.append(msg)
    if suffix in HTML_SUFFIXES:
        return _html_to_article(
            text, source_path=source, encoding=encoding, notes=notes, boilerplate_patterns=boilerplate_patterns,
            sidecar=sidecar,
        )
    if suffix in JSON_SUFFIXES:
        return _json_to_article(
            text, source_path=source, encoding=encoding, notes=notes, boilerplate_patterns=boilerplate_patterns,
            sidecar=sidecar,
        )
    meta = _merge_metadata(source, [(SIDECAR_NAME, sidecar)], notes)
    return article_from_text(
        text,
        source_path=source,
        fmt="md" if suffix in (".md", ".markdown") else "txt",
        encoding=encoding,
        boilerplate_patterns=boilerplate_patterns,
        notes=notes,
        **meta,
    )


def paragraph_at(article: Article, offset: int) -> int | None:
    """The index of the paragraph holding character ``offset``, or None (boilerplate, blank)."""
    i = bisect.bisect_right(article._paragraph_starts, offset) - 1
    if i >= 0 and offset < article.paragraphs[i].end:
        return i
    return None


# --------------------------------------------------------------------------- reading a URL

#: Seconds to wait for a web page, in all.
URL_TIMEOUT = 10.0
_URL_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]+):")
_OTHER_SCHEMES = frozenset(
    "file ftp ftps sftp ssh javascript data mailto about blob ws wss gopher ldap smb jar view-source".split()
)


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) URLs only (never to file:, ftp: …)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urllib.parse.urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, "redirect to a non-HTTP URL refused", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def load_url(
    url: str,
    *,
    max_bytes: int | None = None,
    timeout: float = URL_TIMEOUT,
    boilerplate_patterns: Iterable[tuple[str, str]] | None = None,
) -> Article:
    """Fetch a web page (``http://`` or ``https://`` only) and read its article like an HTML file.

    The body is streamed and reading stops past ``max_bytes`` (default
    ``config.MAX_INPUT_BYTES``); the whole fetch gives up after ``timeout`` seconds.
    Nothing from the page is executed: the HTML is parsed by trafilatura.

    Raises:
        LeadertoneError: for another scheme, a network error, an HTTP error status,
            a timeout, a body over the limit, or a page with no article text.
    """
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a port out of range)
    except ValueError as exc:
        raise LeadertoneError(f"{url[:80]}: not a valid URL ({exc})") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise LeadertoneError(f"{url[:80]}: only http:// and https:// URLs with a host name can be read")
    limit = config.MAX_INPUT_BYTES if max_bytes is None else max_bytes
    too_big = (
        f"{url}: the page is over the {_size(limit)} limit (raise it with --max-bytes or LEADERTONE_MAX_BYTES)"
    )
    request = urllib.request.Request(
        url, headers={"User-Agent": "leadertone/0.1", "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9"}
    )
    deadline = time.monotonic() + timeout
    try:
        with urllib.request.build_opener(_HttpOnlyRedirects).open(request, timeout=timeout) as resp:
            length = resp.headers.get("Content-Length", "")
            if length.strip().isdigit() and int(length) > limit:
                raise LeadertoneError(too_big)
            chunks, size = [], 0
            while chunk := resp.read(min(1 << 16, limit + 1 - size)):
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    raise LeadertoneError(too_big)
                if time.monotonic() > deadline:
                    raise TimeoutError
            content_type = resp.headers.get_content_type()
            charset = resp.headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        raise LeadertoneError(f"{url}: HTTP error {exc.code} ({exc.reason})") from None
    except TimeoutError:  # socket.timeout too
        raise LeadertoneError(f"{url}: no answer within {timeout:g} seconds") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise LeadertoneError(f"{url}: no answer within {timeout:g} seconds") from None
        raise LeadertoneError(f"{url}: cannot be fetched ({exc.reason})") from None
    except (http.client.HTTPException, OSError, ValueError) as exc:
        raise LeadertoneError(f"{url}: cannot be fetched ({exc or type(exc).__name__})") from None
    data = b"".join(chunks)
    if not data.strip():
        raise LeadertoneError(f"{url}: the page is empty")
    if content_type not in ("text/html", "application/xhtml+xml", "text/plain", "application/json"):
        raise LeadertoneError(f"{url}: not a web page or text (Content-Type {content_type})")
    notes: list[str] = []
    try:
        if not charset:
            raise LookupError
        text, encoding = data.decode(charset), charset
        _refuse_control_chars(text, url)
    except (LookupError, UnicodeDecodeError):
        text, encoding, notes = decode_bytes(data, name=url)
    if not _has_content(text):
        raise LeadertoneError(f"{url}: the page is empty (only whitespace)")
    if content_type == "text/plain":
        return article_from_text(
            text, source_path=url, encoding=encoding, boilerplate_patterns=boilerplate_patterns, notes=notes
        )
    if content_type == "application/json":
        return _json_to_article(
            text, source_path=url, encoding=encoding, notes=notes, boilerplate_patterns=boilerplate_patterns
        )
    return _html_to_article(
        text, source_path=url, encoding=encoding, notes=notes, boilerplate_patterns=boilerplate_patterns
    )
