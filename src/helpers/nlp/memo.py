"""One memo per parsed article: what the analysis computes once about a doc, under named keys.

The stages of an analysis ask the same questions of a doc again and again (its text,
entities, sentences, quoted stretches, people); each answer is computed the first
time it is asked and kept here, in one dict on the doc, under a key named below.
``forget`` drops the lot once the article is analysed (the corpus does so after each
article: the memos point back at the doc, and dropping them lets it be freed at once).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from enum import Enum
from typing import Any, TypeVar

from spacy.tokens import Doc

T = TypeVar("T")

#: The one ``doc.user_data`` entry that holds every memo.
USER_DATA_KEY = "leadertone.memo"


class Memo(Enum):
    """The named things kept per doc, in data-flow order."""

    TEXT = "doc text"
    ENTS = "entities"
    ENT_STARTS = "entity start tokens"
    TOKENS = "token table"
    SENTENCES = "trimmed sentences"
    SENTENCE_STARTS = "trimmed sentence start characters"
    RAW_SENTENCE_STARTS = "untrimmed sentence start tokens"
    QUOTE_SPANS = "quoted stretches"
    PERSON_ALIASES = "person aliases"
    PEOPLE_FOUND = "people before the leaders are known"
    PEOPLE = "people resolved, per leader set"
    PEOPLE_INDEX = "people by token, per leader set"


def memo(doc: Doc, key: Memo, compute: Callable[[], T], *, arg: Hashable = None) -> T:
    """The value kept on ``doc`` under ``key`` (and ``arg``), computed by ``compute()`` the first time.

    Args:
        doc: A parsed doc.
        key: What is kept.
        arg: What the value also depends on (the leaders, say); None when only the doc.
        compute: Called without arguments when nothing is kept yet.
    """
    store: dict[tuple[Memo, Any], Any] = doc.user_data.setdefault(USER_DATA_KEY, {})
    slot = (key, arg)
    if slot not in store:
        store[slot] = compute()
    return store[slot]


def forget(doc: Doc) -> None:
    """Drop every memo of ``doc`` (the next question computes its answer again)."""
    doc.user_data.pop(USER_DATA_KEY, None)
