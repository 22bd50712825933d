"""Reading files into an ``Article``: decoding, title, headings, paragraphs, boilerplate, metadata.

This band needs no spaCy: it turns bytes, text, HTML, JSON or a URL into the
``Article`` record every later stage reads. The modules follow the data flow:

- ``model``: the records (``Article``, ``Paragraph``, ``Boilerplate``), the supported
  suffixes and the quotation marks;
- ``chars``: blank characters, words and spans of the source text;
- ``metadata``: outlet, date and address from the ``metadata.csv`` sidecar, the file and a dateline;
- ``structure``: ``article_from_text``, title, headings, paragraphs and boilerplate;
- ``mojibake``: ``repair_mojibake``, mis-decoded text undone with ftfy;
- ``formats``: ``decode_bytes`` and the plain-text, HTML and JSON readers;
- ``web``: ``load_url``;
- ``load``: ``load_article`` and ``find_articles``.
"""

from .formats import decode_bytes
from .load import find_articles, load_article
from .metadata import (
    DATELINE_PARAGRAPHS,
    JSON_METADATA_KEYS,
    METADATA_FIELDS,
    SIDECAR_COLUMNS,
    SIDECAR_NAME,
    dateline_credit,
    normalize_date,
    sidecar_metadata,
)
from .model import (
    HTML_SUFFIXES,
    JSON_SUFFIXES,
    QUOTE_MARKS,
    QUOTE_PAIRS,
    SUPPORTED_SUFFIXES,
    TEXT_SUFFIXES,
    Article,
    ArticleWarning,
    Boilerplate,
    Paragraph,
    paragraph_at,
)
from .structure import BOILERPLATE_PATTERNS, ENGLISH_FUNCTION_WORDS, article_from_text
from .web import URL_TIMEOUT, load_url

__all__ = [
    "BOILERPLATE_PATTERNS",
    "DATELINE_PARAGRAPHS",
    "ENGLISH_FUNCTION_WORDS",
    "HTML_SUFFIXES",
    "JSON_METADATA_KEYS",
    "JSON_SUFFIXES",
    "METADATA_FIELDS",
    "QUOTE_MARKS",
    "QUOTE_PAIRS",
    "SIDECAR_COLUMNS",
    "SIDECAR_NAME",
    "SUPPORTED_SUFFIXES",
    "TEXT_SUFFIXES",
    "URL_TIMEOUT",
    "Article",
    "ArticleWarning",
    "Boilerplate",
    "Paragraph",
    "article_from_text",
    "dateline_credit",
    "decode_bytes",
    "find_articles",
    "load_article",
    "load_url",
    "normalize_date",
    "paragraph_at",
    "sidecar_metadata",
]
