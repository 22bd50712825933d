"""The records of a read article (``Article``, ``Paragraph``, ``Boilerplate``) and the quotation marks.

Every offset in the project indexes ``Article.text``, the decoded source text.
Nothing in ``read/`` changes that string: CRLF line ends, non-breaking spaces and
zero-width characters stay where they are, so ``text[start:end]`` of any
record is exactly what the file says.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .. import config

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSON_SUFFIXES = (".json",)
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSON_SUFFIXES

#: Closing mark expected for each opening quotation mark: the one list of quotation marks.
QUOTE_PAIRS = {"“": "”", "„": "“", "«": "»", "»": "«", "‘": "’", '"': '"', "'": "'", "‚": "’", "”": "”"}
#: Every character that can open or close a quotation.
QUOTE_MARKS = frozenset(QUOTE_PAIRS) | frozenset(QUOTE_PAIRS.values())


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


def paragraph_at(article: Article, offset: int) -> int | None:
    """The index of the paragraph holding character ``offset``, or None (boilerplate, blank).

    Args:
        article: The article.
        offset: A character offset into ``article.text``.
    """
    i = bisect.bisect_right(article._paragraph_starts, offset) - 1
    if i >= 0 and offset < article.paragraphs[i].end:
        return i
    return None


def human_size(n: int) -> str:
    """A byte count for messages about the input size limit (``1,000 bytes``, ``10.0 MB``)."""
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n:,} bytes"
