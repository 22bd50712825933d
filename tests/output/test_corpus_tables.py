"""The corpus tables: a corpus's articles grouped by outlet, date, month or article, and its leaders followed."""

from __future__ import annotations

import pytest

from helpers import output

NO_OUTLET = "outlet not given — add metadata.csv"
NO_DATE = "date not given — add metadata.csv"


def test_corpus_groups_by_outlet_date_month_and_article(corpus):
    by_outlet = output.corpus_groups(corpus, "outlet")
    assert len(by_outlet) == len(corpus.leaders)
    assert dict(zip(by_outlet.article, by_outlet.group)) == {
        "reuters_one": "Reuters", "reuters_two": "Reuters", "no_outlet": NO_OUTLET, "ap_story": "AP"}
    months = output.corpus_groups(corpus, "month")
    assert dict(zip(months.article, months.group)) == {
        "reuters_one": "2024-01", "reuters_two": "2024-01", "no_outlet": NO_DATE, "ap_story": "2024-02"}
    dates = output.corpus_groups(corpus, "published")
    assert set(dates.group) == {"2024-01-05", "2024-01-20", "2024-02-01", NO_DATE}
    # the table the groups come from keeps the missing value
    assert corpus.leaders.loc[corpus.leaders.article == "no_outlet", "outlet"].isna().all()
    assert (output.corpus_groups(corpus, "article").group == corpus.leaders.article).all()
    with pytest.raises(ValueError, match="outlet"):
        output.corpus_groups(corpus, "author")


def test_corpus_leaders_by_articles_then_mentions(corpus):
    assert output.corpus_leaders(corpus) == ["Bob Brown", "Alice Adams", "Carol Chen", "Dave Diaz"]
    assert output.corpus_leaders(corpus, top=2) == ["Bob Brown", "Alice Adams"]
