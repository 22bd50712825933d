"""Captions and summaries: the numbers they state are the tables' numbers."""

from __future__ import annotations

from helpers import output


def test_describe_corpus_states_the_numbers(corpus):
    text = output.describe_corpus(corpus)
    assert "4 articles from 2 named outlets (1 without one)" in text
    assert "3 dated (2024-01-05 to 2024-02-01)" in text and "follows 4 leaders" in text
    # Bob: 2 + 7 + 5 direct quotes
    assert "Bob Brown is quoted most (14 direct quotes in 3 articles)" in text
    assert "Bob Brown and Alice Adams appear in the most articles (3 of 4 each)" in text
