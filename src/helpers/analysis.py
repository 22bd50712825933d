"""One article in, one analysis record out: the tables every notebook, chart and report reads."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from .article import Article, load_article
from .entities import entity_table
from .nlp import parse

#: Version of the ``analyze --json`` schema (documented in the README).
SCHEMA_VERSION = "1.0"


@dataclass
class Analysis:
    """Everything found in one article.

    Attributes:
        article: The article as read.
        doc: The parsed spaCy ``Doc`` (``doc.text`` has the length of ``article.text``).
        entities: ``entity_table(doc)``.
        warnings: Messages for the user about this article.
    """

    article: Article
    doc: Doc
    entities: pd.DataFrame
    warnings: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        """The name of the article's folder under ``reports/``."""
        return self.article.slug

    def to_dict(self) -> dict[str, Any]:
        """The ``analyze --json`` object."""
        return {
            "schema_version": SCHEMA_VERSION,
            "article": self.article.to_dict(),
            "entities": _records(self.entities),
            "warnings": list(self.warnings),
        }

    def to_json(self, *, indent: int | None = 1) -> str:
        """``to_dict()`` as JSON text (UTF-8 characters kept as they are)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def _records(table: pd.DataFrame) -> list[dict[str, Any]]:
    """DataFrame rows as JSON-ready dicts (missing values become null)."""
    return json.loads(table.to_json(orient="records", force_ascii=False))


def analyze(
    source: str | Path | Article,
    *,
    nlp: Language | None = None,
) -> Analysis:
    """Analyse one article.

    Args:
        source: A path to an article file, or an ``Article``.
        nlp: A spaCy pipeline; ``load_pipeline()`` when omitted.

    Raises:
        LeadertoneError: for input that cannot be read.
    """
    article = source if isinstance(source, Article) else load_article(source)
    doc = parse(article, nlp)
    return Analysis(
        article=article,
        doc=doc,
        entities=entity_table(doc),
        warnings=list(article.notes),
    )
