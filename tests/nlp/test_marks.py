"""Quotation marks: pairing, apostrophes, unclosed, nested and continued quotations (no model needed)."""

from __future__ import annotations

import pytest

from helpers import article_from_text
from helpers.nlp.marks import nested_quote_spans, quote_spans


def quoted(text: str) -> list[str]:
    a = article_from_text("Headline\n\n" + text)
    return [a.text[q.start : q.end] for q in quote_spans(a)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("He said “it went well” today.", ["it went well"]),
        ('He said "it went well" today.', ["it went well"]),
        ("He said ‘it went well’ today.", ["it went well"]),
        ("He said 'it went well' today.", ["it went well"]),
        ("Il a dit « ça va » hier.", ["ça va"]),
        ("Er sagte „alles gut“ gestern.", ["alles gut"]),
        ("Er sagte »alles gut« gestern.", ["alles gut"]),
    ],
    ids=["curly", "straight", "single-curly", "single-straight", "guillemets", "german-low-high",
         "reversed-guillemets"],
)
def test_each_mark_style(text, expected):
    assert quoted(text) == expected


def test_apostrophes_are_never_marks():
    text = "Russia’s leaders’ talks in the ’90s and the '90s don't count, nor rock 'n' roll nor Biden's plan."
    assert quoted(text) == []


def test_apostrophes_inside_a_single_quoted_quotation():
    assert quoted("He said 'Russia's leaders don't agree' at the end.") == ["Russia's leaders don't agree"]


def test_only_matching_marks_pair():
    # a straight mark does not close a curly one
    assert quoted('He said “a "b" c” and left.') == ['a "b" c']


def test_a_nested_quote_stays_in_the_outer_one_and_is_a_stretch_of_its_own():
    text = "“We must not repeat the ‘mistakes of the past’,” he said."
    assert quoted(text) == ["We must not repeat the ‘mistakes of the past’,"]
    a = article_from_text(text)
    assert [a.text[q.start : q.end] for q in nested_quote_spans(a.text, a.paragraphs)] == ["mistakes of the past"]


def test_unclosed_mark_runs_to_paragraph_end():
    a = article_from_text("Putin after meeting Biden: ‘It is difficult to say…\n\nNext paragraph “closed”.")
    spans = quote_spans(a)
    assert [a.text[q.start : q.end] for q in spans] == ["It is difficult to say…", "closed"]
    assert [q.closed for q in spans] == [False, True]


def test_quote_continued_into_next_paragraph_shares_a_group():
    a = article_from_text("Headline\n\n“First part of it.\n\n“Second part,” she said.\n\nThen “another” one.")
    spans = quote_spans(a)
    assert [a.text[q.start : q.end] for q in spans] == ["First part of it.", "Second part,", "another"]
    assert spans[0].group == spans[1].group != spans[2].group
    assert [q.paragraph for q in spans] == [1, 2, 3]


def test_mixed_curly_and_straight_marks():
    assert quoted('“One,” he said. "Two," she said.') == ["One,", "Two,"]


def test_offsets_index_the_article_text():
    a = article_from_text("Headline\r\n\r\nHe\u00a0said “yes”.")
    q = quote_spans(a)[0]
    assert a.text[q.start : q.end] == "yes"


def test_closing_mark_used_as_opening_mark():
    # Swedish and Finnish style, or a typing slip: ”…” pairs with itself
    assert quoted("Biden said: ”We will see”. Then he left.") == ["We will see"]
