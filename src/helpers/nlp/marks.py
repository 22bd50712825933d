"""Quotation marks: which characters open or close a quotation, and the quoted stretches they enclose.

Pairs only matching marks: curly “…”, straight "…", single ‘…’ and '…', « » (and » «),
„ “ / „ ”. Apostrophes (Russia’s, don't, '90s, leaders’) are never marks. An
opening mark never closed runs to the end of its paragraph; a quotation still
open at a paragraph's end continues when the next paragraph opens again with
the same mark (one stretch per paragraph, sharing a ``group``). A quotation
nested in another (``“Oduya says, ‘We can't afford it.’ Well, …”``) is a stretch
of its own, found by ``nested_quote_spans``; the outer stretch keeps its words.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from ..read import QUOTE_MARKS, QUOTE_PAIRS, Article, Paragraph
from .memo import Memo, memo
from .pipeline import doc_text, require_article

#: Characters that may close a curly double quotation opened with „.
_ALT_CLOSE = {"„": ("“", "”"), "‚": ("‘", "’")}
_MARK = re.compile("[" + re.escape("".join(sorted(QUOTE_MARKS))) + "]")

_ELISION = re.compile(r"(\d\ds?\b(?![,.]\d)|em\b|cause\b|til\b|tis\b|twas\b|n\b|bout\b|round\b)", re.I)
_SPACE = " \t\r\n\u00a0\u200b\u202f\u2009"
_OPEN_BEFORE = set(_SPACE) | set("([{—–-/:;") | {""}


@dataclass(frozen=True)
class QuoteSpan:
    """The characters between two matching marks (``end`` is before the closing mark).

    Attributes:
        start: First character after the opening mark.
        end: The closing mark's offset, or the paragraph's end when never closed.
        open_mark: The opening character.
        closed: False when the quotation runs to the end of its paragraph unclosed.
        paragraph: Index into ``article.paragraphs``.
        group: Stretches of one quotation that runs over several paragraphs share it.
    """

    start: int
    end: int
    open_mark: str
    closed: bool
    paragraph: int
    group: int


def _prev(text: str, i: int, lo: int) -> str:
    return text[i - 1] if i > lo else ""


def _next(text: str, i: int, hi: int) -> str:
    return text[i + 1] if i + 1 < hi else ""


def _is_wordchar(c: str) -> bool:
    return bool(c) and (c.isalnum())


def _classify(text: str, i: int, lo: int, hi: int, stack: list[tuple[str, int]]) -> str | None:
    """``open``, ``close`` or None (an apostrophe or a stray mark) for the mark at ``i``."""
    c = text[i]
    before, after = _prev(text, i, lo), _next(text, i, hi)
    opens = [m for m, _ in stack]
    if c in ("'", "’"):
        if _is_wordchar(before) and _is_wordchar(after):
            return None  # don't, Russia’s
        closer_for = [m for m in opens if QUOTE_PAIRS[m] == c or c in _ALT_CLOSE.get(m, ())]
        if closer_for and before and before not in _SPACE and not _is_wordchar(after):
            return "close"
        if c == "'" and (before in _OPEN_BEFORE or before in QUOTE_MARKS) and after and after not in _SPACE:
            if _ELISION.match(text, i + 1, hi):
                return None
            return "open"
        return None
    if c == "‘":
        if _ELISION.match(text, i + 1, hi) and re.match(r"\d", after or ""):
            return None  # ‘90s
        if any(c in _ALT_CLOSE.get(m, ()) for m in opens):
            return "close"
        return "open" if after and after not in _SPACE else None
    if c == '"':
        if '"' in opens:
            return "close"
        if after and after not in _SPACE:
            return "open"
        return None
    if c == "“":
        if any(c in _ALT_CLOSE.get(m, ()) for m in opens):
            return "close"
        return "open" if after and after not in _SPACE else None
    if c == "”":
        if any(QUOTE_PAIRS[m] == c or c in _ALT_CLOSE.get(m, ()) for m in opens):
            return "close"
        # some texts use ” for both marks
        if before in _OPEN_BEFORE and after and after not in _SPACE:
            return "open-as-”"
        return None
    if c in ("„", "‚"):
        return "open" if after and after not in _SPACE else None
    if c == "«":
        if "»" in opens:
            return "close"
        return "open" if after else None
    if c == "»":
        if "«" in opens:
            return "close"
        return "open" if after and after not in _SPACE else None
    return None


_Stretch = tuple[int, int, str, bool]  # start, end, open mark, closed


def _scan(text: str, lo: int, hi: int) -> tuple[list[_Stretch], str | None, list[_Stretch]]:
    """Quoted stretches in ``text[lo:hi]``: (start, end, open mark, closed).

    Returns the top-level stretches, the mark still open at the end of the paragraph (or None), and
    the closed stretches nested one level inside a top-level one.
    """
    out: list[_Stretch] = []
    nested: list[_Stretch] = []
    stack: list[tuple[str, int]] = []
    for mark in _MARK.finditer(text, lo, hi):
        i, c = mark.start(), mark.group()
        kind = _classify(text, i, lo, hi, stack)
        if kind is None:
            continue
        if kind == "close":
            # pop to the matching opener; unmatched inner openers were apostrophes or strays
            for depth in range(len(stack) - 1, -1, -1):
                m, pos = stack[depth]
                if QUOTE_PAIRS[m] == c or c in _ALT_CLOSE.get(m, ()):
                    del stack[depth:]
                    if depth == 0 and i > pos + 1:
                        out.append((pos + 1, i, m, True))
                    elif depth == 1 and i > pos + 1:
                        nested.append((pos + 1, i, m, True))
                    break
            continue
        stack.append(("”" if kind == "open-as-”" else c, i))
    # openers never closed: the outermost runs to the paragraph's end
    still_open = None
    real = [(m, pos) for m, pos in stack if m in ("“", "„", "«", "»", '"', "‘", "'", "”")]
    if real:
        m, pos = real[0]
        end = hi
        if pos + 1 < end:
            out.append((pos + 1, end, m, False))
        still_open = m
    top = [(s, e) for s, e, _, _ in out]
    # a nested stretch inside a quotation never closed is kept; one outside every quotation was a stray
    nested = [n for n in nested if any(s <= n[0] and n[1] <= e for s, e in top)]
    return out, still_open, nested


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in _SPACE:
        end -= 1
    while start < end and text[start] in _SPACE:
        start += 1
    return start, end


def find_quote_spans(text: str, paragraphs: Sequence[Paragraph]) -> list[QuoteSpan]:
    """Every top-level quoted stretch in ``text``, paragraph by paragraph.

    Args:
        text: The text to scan (``article.text`` or the doc's same-length text).
        paragraphs: The article's paragraphs; quotations never run past one, except
            for the continued-quotation convention above.
    """
    spans: list[QuoteSpan] = []
    group = -1
    carried: str | None = None
    carried_from: int | None = None
    for pi, para in enumerate(paragraphs):
        found, still_open, _ = _scan(text, para.start, para.end)
        continues = (
            carried is not None
            and carried_from == pi - 1
            and found
            and found[0][0] == para.start + 1
            and found[0][2] == carried
        )
        for k, (s, e, m, closed) in enumerate(found):
            s, e = _trim(text, s, e)
            if e <= s:
                continue
            if not (k == 0 and continues):
                group += 1
            spans.append(QuoteSpan(s, e, m, closed, pi, group))
        carried, carried_from = (still_open, pi) if still_open else (None, None)
    return spans


def nested_quote_spans(
    text: str, paragraphs: Sequence[Paragraph], *, after_group: int | None = None
) -> list[QuoteSpan]:
    """The quotations nested one level inside another ("‘…’" inside "“…”"), each its own group numbered
    after the top-level ones (``find_quote_spans``; ``after_group`` is their last group, when known)."""
    if after_group is None:
        after_group = max((q.group for q in find_quote_spans(text, paragraphs)), default=-1)
    group = after_group
    spans: list[QuoteSpan] = []
    for pi, para in enumerate(paragraphs):
        for s, e, m, closed in _scan(text, para.start, para.end)[2]:
            s, e = _trim(text, s, e)
            if e > s:
                group += 1
                spans.append(QuoteSpan(s, e, m, closed, pi, group))
    return spans


def doc_nested_spans(doc: Doc) -> list[QuoteSpan]:
    """``nested_quote_spans`` of a parsed article (computed when asked; few articles have any)."""
    article = require_article(doc)
    last = max((q.group for q in doc_quote_spans(doc)), default=-1)
    return nested_quote_spans(doc_text(doc), article.paragraphs, after_group=last)


def quote_spans(article: Article, text: str | None = None) -> list[QuoteSpan]:
    """``find_quote_spans`` over an article (boilerplate is not in its paragraphs, so never quoted)."""
    return find_quote_spans(text if text is not None else article.text, article.paragraphs)


def doc_quote_spans(doc: Doc) -> list[QuoteSpan]:
    """``quote_spans`` of a parsed article over the doc's own text, cached on the doc (do not modify the list)."""
    return memo(doc, Memo.QUOTE_SPANS, lambda: quote_spans(require_article(doc), doc_text(doc)))


def inside_quotes(spans: Sequence[QuoteSpan], *, with_marks: bool = False) -> Callable[[int], bool]:
    """A fast test "is this character inside a quotation?" over ``spans``.

    Args:
        spans: Quoted stretches (from ``find_quote_spans``).
        with_marks: Count the quotation marks themselves as inside.
    """
    pad = 1 if with_marks else 0
    bounds = sorted((s.start - pad, s.end + pad) for s in spans)
    starts = [b[0] for b in bounds]

    def inside(char: int) -> bool:
        i = bisect.bisect_right(starts, char) - 1
        return i >= 0 and char < bounds[i][1]

    return inside
