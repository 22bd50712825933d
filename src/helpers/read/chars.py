"""Characters and spans of the source text: what is blank, what is a word, spacing made plain.

Spans are ``(start, end)`` offsets into the text; stripping one moves its ends,
never the text itself.
"""

from __future__ import annotations

import re
import unicodedata

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _is_blank_char(c: str) -> bool:
    """Spaces, line breaks, and characters that show nothing (zero-width, BOM, bidi marks, control characters)."""
    return c.isspace() or c in _ZERO_WIDTH or unicodedata.category(c) in ("Cc", "Cf")


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past surrounding blanks (any Unicode space, zero-width and control characters)."""
    while start < end and _is_blank_char(text[start]):
        start += 1
    while end > start and _is_blank_char(text[end - 1]):
        end -= 1
    return start, end


def has_content(text: str) -> bool:
    """True when ``text`` holds something besides spaces, zero-width and control characters."""
    return not all(map(_is_blank_char, text))


def folded(s: str) -> str:
    """``s`` with each run of spaces, non-breaking and zero-width spaces made one space, and stripped."""
    return re.sub(r"[\s\u00a0\u200b]+", " ", s).strip()
