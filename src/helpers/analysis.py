"""One article in, one analysis record out: the tables every notebook, chart and report reads."""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from .cache import cache_key, decode_frame, encode_frame, pipeline_id, read_entry, write_entry
from .nlp.entities import entity_table
from .nlp.leaders import Leader, find_leaders, leader_mentions
from .nlp.pipeline import load_pipeline, parse, require_article
from .nlp.quotes import quote_counts, quote_table
from .nlp.tone import (
    LeaderTone,
    TargetPairs,
    quote_tone,
    score_pairs,
    sentence_tone,
    target_pairs,
    targets_table,
    tone_comparison,
)
from .read import Article, ArticleWarning, load_article

#: Version of the ``analyze --json`` schema (documented in the README).
SCHEMA_VERSION = "1.3"


#: The tables of an Analysis, in the order they are stored in the cache.
TABLES = ("entities", "mentions", "quotes", "quote_counts", "sentences", "sentence_targets", "tone")


@dataclass
class Analysis:
    """Everything found in one article.

    Attributes:
        article: The article as read.
        entities: ``entity_table(doc)``.
        leaders: The two leaders followed (fewer when the article names fewer people).
        mentions: ``leader_mentions(doc, leaders)``: every mention with its rule.
        quotes: ``quote_table(doc, leaders)`` with the tone of each quotation
            (``quote_tone``): quotations and indirect statements.
        quote_counts: ``quote_counts(quotes, leaders)``: per leader.
        sentences: ``sentence_tone(doc)``: every sentence with TextBlob and VADER scores.
        sentence_targets: ``sentence_targets(doc, mentions, quotes)``: the tone toward
            each leader in each sentence that mentions them.
        tone: ``tone_comparison(...)``: voice and coverage per leader with intervals.
        warnings: Messages for the user about this article.
        pipeline: The spaCy pipeline that parsed it (``cache.pipeline_id``).
        cached: True when the tables were read from the cache instead of computed.
    """

    article: Article
    entities: pd.DataFrame
    leaders: list[Leader]
    mentions: pd.DataFrame
    quotes: pd.DataFrame
    quote_counts: pd.DataFrame
    sentences: pd.DataFrame
    sentence_targets: pd.DataFrame
    tone: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    pipeline: str = ""
    cached: bool = False
    _doc: Doc | None = field(default=None, repr=False, compare=False)

    @property
    def doc(self) -> Doc:
        """The parsed spaCy ``Doc`` (``doc.text`` has the length of ``article.text``).

        An analysis read from the cache has no Doc; it is parsed again on first use.
        """
        if self._doc is None:
            self._doc = parse(self.article)
        return self._doc

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
            "leaders": [
                {"name": ld.name, "aliases": list(ld.aliases), "name_mentions": ld.mentions,
                 "mentions": int((self.mentions["leader"] == ld.name).sum()) if not self.mentions.empty else 0}
                for ld in self.leaders
            ],
            "mentions": _records(self.mentions),
            "quotes": _records(self.quotes[self.quotes.kind != "indirect"]),
            "indirect": _records(self.quotes[self.quotes.kind == "indirect"]),
            "quote_counts": _records(self.quote_counts),
            "sentences": self._sentence_records(),
            "tone": _records(self.tone),
            "warnings": list(self.warnings),
        }

    def _sentence_records(self) -> list[dict[str, Any]]:
        """Sentences with their scores and, per leader mentioned, the target-aware tone."""
        by_sentence: dict[int, list[dict[str, Any]]] = {}
        for row in self.sentence_targets.itertuples():
            by_sentence.setdefault(int(row.sentence), []).append(
                {"name": row.leader, "label": row.label, "score": row.score, "own_quote": bool(row.own_quote)}
            )
        records = _records(self.sentences.drop(columns=["text"]))
        for rec in records:
            rec["leaders"] = by_sentence.get(rec["sentence"], [])
        return records

    def to_json(self, *, indent: int | None = 1) -> str:
        """``to_dict()`` as JSON text (UTF-8 characters kept as they are)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_cache_entry(self) -> dict[str, Any]:
        """Everything but the article and the Doc, exactly: ``from_cache_entry`` rebuilds an equal Analysis."""
        notes = set(self.article.notes)
        return {
            "pipeline": self.pipeline,
            "leaders": [{"name": ld.name, "aliases": list(ld.aliases), "mentions": ld.mentions} for ld in self.leaders],
            "warnings": [w for w in self.warnings if w not in notes],
            "tables": {name: encode_frame(getattr(self, name)) for name in TABLES},
        }

    @classmethod
    def from_cache_entry(cls, entry: dict[str, Any], article: Article) -> Analysis:
        """The Analysis of ``article`` stored by ``to_cache_entry`` (``cached`` is True, the Doc parsed on demand)."""
        leaders = [Leader(d["name"], tuple(d["aliases"]), d["mentions"]) for d in entry["leaders"]]
        tables = {name: decode_frame(entry["tables"][name]) for name in TABLES}
        return cls(
            article=article,
            leaders=leaders,
            warnings=[*article.notes, *entry["warnings"]],
            pipeline=entry["pipeline"],
            cached=True,
            **tables,
        )


def _records(table: pd.DataFrame) -> list[dict[str, Any]]:
    """DataFrame rows as JSON-ready dicts (missing values become null)."""
    return json.loads(table.to_json(orient="records", force_ascii=False))


def analyze(
    source: str | Path | Article,
    *,
    leaders: list[str] | None = None,
    nlp: Language | None = None,
    cache: bool = True,
) -> Analysis:
    """Analyse one article.

    Args:
        source: A path to an article file, or an ``Article``.
        leaders: The two people to follow (``["Vladimir Putin", "Joe Biden"]``); the
            two most prominent people when omitted.
        nlp: A spaCy pipeline; ``load_pipeline()`` when omitted.
        cache: Read the result from the analysis cache when this article was analysed
            before with the same code, pipeline and leaders, and store it otherwise.

    Raises:
        LeadertoneError: for input that cannot be read.
    """
    article = source if isinstance(source, Article) else load_article(source)
    nlp = nlp or load_pipeline()
    key = cache_key(article, nlp=nlp, leaders=leaders) if cache else None
    if key:
        entry = read_entry(key)
        if entry is not None:
            result = Analysis.from_cache_entry(entry, article)
            for msg in entry["warnings"]:
                warnings.warn(msg, ArticleWarning, stacklevel=2)
            return result
    result = analyze_doc(parse(article, nlp), leaders=leaders, pipeline=pipeline_id(nlp))
    if key:
        write_entry(key, result.to_cache_entry())
    return result


def analyze_doc(doc: Doc, *, leaders: list[str] | None = None, pipeline: str = "") -> Analysis:
    """Analyse an article already parsed by ``parse`` (or ``parse_many``); the Doc is kept on the result.

    Args:
        doc: The parsed article (``doc._.article`` set).
        leaders: As for ``analyze``.
        pipeline: The ``pipeline_id`` of the pipeline that parsed it, recorded on the result.
    """
    pending = start_analysis(doc, leaders=leaders, pipeline=pipeline)
    return pending.finish(pending.score())


@dataclass
class PendingAnalysis:
    """An analysis with everything done but the target-aware tone model's scores.

    ``score()`` reads plain texts only, so a corpus runs it in another thread while the
    next article is parsed; ``finish(scores)`` builds the ``Analysis``.
    """

    doc: Doc
    leaders: list[Leader]
    notes: list[str]
    quotes: pd.DataFrame
    mentions: pd.DataFrame
    sentences: pd.DataFrame
    pairs: TargetPairs
    pipeline: str

    def score(self) -> list[LeaderTone]:
        """The tone toward each leader in each sentence that mentions them (the slow step)."""
        return score_pairs(self.pairs)

    def finish(self, scores: list[LeaderTone]) -> Analysis:
        """The analysis, given ``score()``'s result."""
        targets = targets_table(self.pairs, scores)
        return Analysis(
            article=require_article(self.doc),
            entities=entity_table(self.doc),
            leaders=self.leaders,
            mentions=self.mentions,
            quotes=self.quotes,
            quote_counts=quote_counts(self.quotes, self.leaders),
            sentences=self.sentences,
            sentence_targets=targets,
            tone=tone_comparison(self.sentences, targets, self.quotes, self.leaders),
            warnings=self.notes,
            pipeline=self.pipeline,
            _doc=self.doc,
        )


def start_analysis(doc: Doc, *, leaders: list[str] | None = None, pipeline: str = "") -> PendingAnalysis:
    """Everything of ``analyze_doc`` before the tone model runs: leaders, quotes, mentions, sentence tone."""
    article = require_article(doc)
    notes = list(article.notes)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ArticleWarning)
        found = find_leaders(doc, leaders=leaders)
    for w in caught:
        notes.append(str(w.message))
        warnings.warn(w.message, stacklevel=3)
    if len(found) < 2:
        msg = "the article names no person" if not found else f"the article names only one person ({found[0].name})"
        notes.append(msg)
        warnings.warn(msg, ArticleWarning, stacklevel=3)
    quotes = quote_tone(quote_table(doc, found))
    mentions = leader_mentions(doc, found)
    sentences = sentence_tone(doc)
    pairs = target_pairs(doc, mentions, quotes, sentences)
    return PendingAnalysis(doc, found, notes, quotes, mentions, sentences, pairs, pipeline)
