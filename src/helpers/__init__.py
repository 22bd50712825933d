"""Leadertone: who is named, who is quoted how often, and the tone toward two leaders in news articles.

The public API, flat:

>>> import helpers
>>> analysis = helpers.analyze("data/raw/putin_biden_geneva_2021.txt")  # doctest: +SKIP
>>> analysis.entities.head()  # doctest: +SKIP
"""

from . import config
from .analysis import SCHEMA_VERSION, Analysis, analyze, analyze_doc
from .cache import clear_cache
from .corpus import Corpus, analyze_corpus
from .errors import LeadertoneError
from .nlp.entities import canonical_place, clean_name, entity_counts, entity_table, person_aliases
from .nlp.leaders import Leader, find_leaders, leader_mentions, mention_counts
from .nlp.marks import QuoteSpan, find_quote_spans
from .nlp.pipeline import load_pipeline, parse
from .nlp.quotes import Quote, find_quotes, other_speakers, quote_counts, quote_table
from .nlp.tone import (
    DEFAULT_METHOD,
    LeaderTone,
    leader_tone,
    quote_tone,
    sentence_targets,
    sentence_tone,
    text_tone,
    tone_comparison,
)
from .nlp.tone_model import TonePrediction, load_tone_model
from .output import export, render_report, write_report
from .read import Article, Boilerplate, Paragraph, article_from_text, load_article

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_METHOD",
    "SCHEMA_VERSION",
    "Analysis",
    "Article",
    "Boilerplate",
    "Corpus",
    "Leader",
    "LeaderTone",
    "LeadertoneError",
    "Paragraph",
    "Quote",
    "QuoteSpan",
    "TonePrediction",
    "analyze",
    "analyze_corpus",
    "analyze_doc",
    "article_from_text",
    "canonical_place",
    "clear_cache",
    "clean_name",
    "config",
    "entity_counts",
    "entity_table",
    "export",
    "find_leaders",
    "find_quote_spans",
    "find_quotes",
    "leader_mentions",
    "leader_tone",
    "load_tone_model",
    "mention_counts",
    "other_speakers",
    "quote_counts",
    "quote_table",
    "quote_tone",
    "render_report",
    "sentence_targets",
    "sentence_tone",
    "text_tone",
    "tone_comparison",
    "write_report",
    "load_article",
    "load_pipeline",
    "parse",
    "person_aliases",
]
