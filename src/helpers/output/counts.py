"""The words for every count a reader sees, defined once.

``report.html``, the command-line summary, the captions and the corpus tables name the
same number with the same words. What each count is:

- ``name_mentions`` — "named N times": a leader's mentions by name (full name, surname,
  title + name: ``NAME_RULES``), the headline's included;
- ``mentions`` — "N mentions": all of a leader's mentions, every row of the mentions
  table (names, role phrases such as "the Russian president", pronouns);
- ``body_paragraphs`` — "N body paragraphs": the paragraphs of the article's body, the
  title and the subheadings (``subheadings``) left out, as the corpus ``articles`` table
  counts them;
- ``boilerplate`` — "N boilerplate lines": page furniture set aside, never analysed;
- ``direct_quotes`` (a quotation over several paragraphs counts once), ``quoted_words``
  (the words inside them), ``share_quoted_words``, ``indirect`` — "N indirect
  statements": reported speech without quotation marks.
"""

from __future__ import annotations

#: Count column → (its phrase for one, its phrase for any other number); ``{n}`` is the number.
COUNT_WORDS: dict[str, tuple[str, str]] = {
    "name_mentions": ("named {n} time", "named {n} times"),
    "mentions": ("{n} mention", "{n} mentions"),
    "body_paragraphs": ("{n} body paragraph", "{n} body paragraphs"),
    "subheadings": ("{n} subheading", "{n} subheadings"),
    "boilerplate": ("{n} boilerplate line", "{n} boilerplate lines"),
    "direct_quotes": ("{n} direct quote", "{n} direct quotes"),
    "quoted_words": ("{n} quoted word", "{n} quoted words"),
    "indirect": ("{n} indirect statement", "{n} indirect statements"),
}

#: Count column → its name as a table header.
COUNT_LABELS: dict[str, str] = {
    "name_mentions": "named",
    "mentions": "mentions",
    "body_paragraphs": "body paragraphs",
    "subheadings": "subheadings",
    "boilerplate": "boilerplate lines",
    "direct_quotes": "direct quotes",
    "quoted_words": "quoted words",
    "share_quoted_words": "share of quoted words",
    "indirect": "indirect statements",
}


def plural(n: int, word: str, plural_form: str | None = None) -> str:
    """``1 quote``, ``2 quotes`` (or ``plural_form``)."""
    return f"{n} {word if n == 1 else (plural_form or word + 's')}"


def say(count: str, n: int) -> str:
    """The count ``count`` (a key of ``COUNT_WORDS``) of ``n`` in words: ``named 20 times``, ``1 indirect statement``.

    Raises:
        KeyError: for a count the vocabulary does not define.
    """
    one, other = COUNT_WORDS[count]
    return (one if n == 1 else other).format(n=n)
