"""Leadertone: who is named, who is quoted how often, and the tone toward two leaders in news articles.

The public API, flat:

>>> import helpers
>>> analysis = helpers.analyze("data/raw/putin_biden_geneva_2021.txt")  # doctest: +SKIP
>>> analysis.entities.head()  # doctest: +SKIP

Each name is imported from its module the first time it is used, so ``import helpers``
stays cheap: spaCy loads with the first analysis, matplotlib with the first chart
(``from helpers.output import chart_tone`` for the charts).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from . import config  # noqa: F401  (public: helpers.config)
from .errors import LeadertoneError  # noqa: F401  (public)

__version__ = "0.1.0"

#: Where each public name lives (module relative to this package).
_EXPORTS: dict[str, str] = {
    # the job layer
    "SCHEMA_VERSION": ".analysis",
    "Analysis": ".analysis",
    "analyze": ".analysis",
    "analyze_doc": ".analysis",
    "clear_cache": ".cache",
    "Corpus": ".corpus",
    "analyze_corpus": ".corpus",
    # read: files -> Article
    "Article": ".read",
    "Boilerplate": ".read",
    "Paragraph": ".read",
    "article_from_text": ".read",
    "load_article": ".read",
    # nlp: people, quotes, tone
    "load_pipeline": ".nlp.pipeline",
    "parse": ".nlp.pipeline",
    "canonical_place": ".nlp.entities",
    "clean_name": ".nlp.entities",
    "entity_counts": ".nlp.entities",
    "entity_table": ".nlp.entities",
    "person_aliases": ".nlp.entities",
    "Leader": ".nlp.leaders",
    "find_leaders": ".nlp.leaders",
    "leader_mentions": ".nlp.leaders",
    "leader_names": ".nlp.leaders",
    "mention_counts": ".nlp.leaders",
    "QuoteSpan": ".nlp.marks",
    "find_quote_spans": ".nlp.marks",
    "Quote": ".nlp.quotes",
    "find_quotes": ".nlp.quotes",
    "other_speakers": ".nlp.quotes",
    "quote_counts": ".nlp.quotes",
    "quote_table": ".nlp.quotes",
    "DEFAULT_METHOD": ".nlp.tone",
    "LeaderTone": ".nlp.tone",
    "leader_tone": ".nlp.tone",
    "quote_tone": ".nlp.tone",
    "sentence_targets": ".nlp.tone",
    "sentence_tone": ".nlp.tone",
    "text_tone": ".nlp.tone",
    "tone_comparison": ".nlp.tone",
    "TonePrediction": ".nlp.tone_model",
    "load_tone_model": ".nlp.tone_model",
    # output: charts, tables, files, report.html
    "export": ".output",
    "render_report": ".output",
    "write_report": ".output",
}

__all__ = sorted(["LeadertoneError", "config", *_EXPORTS])


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use (PEP 562)."""
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # for type checkers and editors: the same names, imported eagerly
    from .analysis import SCHEMA_VERSION, Analysis, analyze, analyze_doc  # noqa: F401
    from .cache import clear_cache  # noqa: F401
    from .corpus import Corpus, analyze_corpus  # noqa: F401
    from .nlp.entities import canonical_place, clean_name, entity_counts, entity_table, person_aliases  # noqa: F401
    from .nlp.leaders import Leader, find_leaders, leader_mentions, leader_names, mention_counts  # noqa: F401
    from .nlp.marks import QuoteSpan, find_quote_spans  # noqa: F401
    from .nlp.pipeline import load_pipeline, parse  # noqa: F401
    from .nlp.quotes import Quote, find_quotes, other_speakers, quote_counts, quote_table  # noqa: F401
    from .nlp.tone import (  # noqa: F401
        DEFAULT_METHOD,
        LeaderTone,
        leader_tone,
        quote_tone,
        sentence_targets,
        sentence_tone,
        text_tone,
        tone_comparison,
    )
    from .nlp.tone_model import TonePrediction, load_tone_model  # noqa: F401
    from .output import export, render_report, write_report  # noqa: F401
    from .read import Article, Boilerplate, Paragraph, article_from_text, load_article  # noqa: F401
