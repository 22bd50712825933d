"""The structure of an article's text: title, headings and paragraphs, with boilerplate set aside.

``article_from_text`` cuts decoded text into line and paragraph spans, sets page
furniture (related links, comment forms, bylines, author bios …) aside as
``Boilerplate``, names the kind of each remaining paragraph, and adds the
publication fields and a note when the text does not look like English.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Sequence

from ..errors import LeadertoneError
from .chars import WORD_RE, folded, has_content, strip_span
from .metadata import publication_fields
from .model import QUOTE_MARKS, Article, ArticleWarning, Boilerplate, Paragraph

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

# a CR directly followed by LF is one line break, never two (``(?!\n)``): CRLF files keep their blocks
_BLOCK_SPLIT = re.compile(r"(?:\r\n|\n|\r(?!\n))[ \t\u00a0\u200b\u200c\u200d\ufeff]*(?:\r?\n|\r)\s*")
_LINE_SPLIT = re.compile(r"\r?\n|\r")

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


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Non-empty lines of ``text[start:end]`` as stripped spans."""
    out = []
    pos = start
    for m in _LINE_SPLIT.finditer(text, start, end):
        s, e = strip_span(text, pos, m.start())
        if e > s:
            out.append((s, e))
        pos = m.end()
    s, e = strip_span(text, pos, end)
    if e > s:
        out.append((s, e))
    return out


def _blocks(text: str) -> list[tuple[int, int]]:
    """Blank-line separated blocks as stripped spans."""
    out = []
    pos = 0
    for m in _BLOCK_SPLIT.finditer(text):
        s, e = strip_span(text, pos, m.start())
        if e > s:
            out.append((s, e))
        pos = m.end()
    s, e = strip_span(text, pos, len(text))
    if e > s:
        out.append((s, e))
    return out


def _is_hard_wrapped(text: str, lines: Sequence[tuple[int, int]]) -> bool:
    """True when a block's lines look like one paragraph wrapped at a fixed width."""
    if len(lines) < 2:
        return False
    widths = [e - s for s, e in lines[:-1]]
    return all(40 <= w <= 100 for w in widths) and max(widths) - min(widths) <= 30


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
        line = folded(text[spans[i][0] : spans[i][1]])
        if not (_NAME_LINE.fullmatch(line) or _BYLINE.fullmatch(line)):
            continue
        after = content[pos + 1 :]
        if len(after) > 2:
            break
        first_name = line.split()[1 if line.lower().startswith("by ") else 0]
        bios = [folded(text[spans[j][0] : spans[j][1]]) for j in after]
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
    words = WORD_RE.findall(text[:200_000])
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


# --------------------------------------------------------------------------- the steps of article_from_text


def _with_title(text: str, title: str | None) -> str:
    """``text`` headed by a headline given separately, unless it already starts with it."""
    if title is not None and folded(title):
        title = folded(title)
        if not folded(text).startswith(title):
            text = f"{title}\n\n{text}" if folded(text) else title
    return text


def _spans(text: str) -> list[tuple[int, int]]:
    """The headline (the first line on its own), then each hard-wrapped block whole and other blocks line by line."""
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
    return spans


def _boilerplate_reasons(
    text: str, spans: list[tuple[int, int]], patterns: list[tuple[re.Pattern[str], str]]
) -> dict[int, str]:
    """Why each span of page furniture is set aside, by index into ``spans`` (never the headline)."""
    reasons: dict[int, str] = {}
    for i, (s, e) in enumerate(spans):
        if i == 0:
            continue
        line = folded(text[s:e])
        for pat, reason in patterns:
            if pat.fullmatch(line):
                reasons[i] = reason
                break
        else:
            if i <= 2 and _BYLINE.fullmatch(line):
                reasons[i] = "author byline"
    reasons.update(_trailing_author_block(text, spans, reasons))
    return reasons


def _sort_spans(
    text: str, spans: list[tuple[int, int]], reasons: dict[int, str], fmt: str
) -> tuple[list[Paragraph], list[Boilerplate]]:
    """Boilerplate for the spans with a reason; a paragraph of kind title, heading or body for the others."""
    paragraphs: list[Paragraph] = []
    boilerplate: list[Boilerplate] = []
    for i, (s, e) in enumerate(spans):
        if i in reasons:
            if _is_fully_quoted(text[s:e]):  # the words, not the marks around them
                s, e = strip_span(text, s + 1, e - 1)
            boilerplate.append(Boilerplate(s, e, reasons[i]))
            continue
        raw = text[s:e]
        md = re.match(r"#{1,6}[ \t]+", raw) if fmt == "md" else None
        if md:
            s, e = strip_span(text, s + md.end(), e)
        if i == 0:
            kind = "title"
        elif md or ("\n" not in raw and _looks_like_heading(folded(raw))):
            kind = "heading"
        else:
            kind = "body"
        paragraphs.append(Paragraph(s, e, kind))
    return paragraphs, boilerplate


def _note_language(name: str, text: str, paragraphs: Sequence[Paragraph], notes: list[str]) -> None:
    """Warn (pointing at the caller of ``article_from_text``) and note when the paragraphs do not look English."""
    language = _language_note(" ".join(text[p.start : p.end] for p in paragraphs[:2000]))
    if language:
        warnings.warn(f"{name}: {language}", ArticleWarning, stacklevel=3)
        notes.append(f"{name}: {language}")


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
    text = _with_title(text, title)
    if not has_content(text):
        raise LeadertoneError("the article is empty (no text found)")
    patterns = _compile_patterns(boilerplate_patterns)
    spans = _spans(text)
    paragraphs, boilerplate = _sort_spans(text, spans, _boilerplate_reasons(text, spans, patterns), fmt)
    name = source_path or "text"
    notes = list(notes)
    bodies = [text[p.start : p.end] for p in paragraphs if p.kind == "body"]
    outlet, published, url = publication_fields(
        name, bodies, outlet=outlet, published=published, url=url, notes=notes
    )
    _note_language(name, text, paragraphs, notes)
    return Article(
        text=text,
        title=folded(text[paragraphs[0].start : paragraphs[0].end]),
        headings=tuple(folded(text[p.start : p.end]) for p in paragraphs if p.kind == "heading"),
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
