"""Leaders and their mentions: names, titles, role phrases learned from the article, pronouns."""

from __future__ import annotations

import pytest

from helpers import article_from_text, find_leaders, leader_mentions, mention_counts, parse


def doc_of(nlp, body: str, title: str = "Leaders meet in Geneva"):
    return parse(article_from_text(f"{title}\n\n{body}"), nlp)


def test_default_article_leaders(default_analysis):
    names = [ld.name for ld in default_analysis.leaders]
    assert names == ["Vladimir Putin", "Joe Biden"]
    assert {"Putin", "Vladimir Putin"} <= set(default_analysis.leaders[0].aliases)


def test_default_article_mentions_carry_evidence(default_analysis):
    m = default_analysis.mentions
    text = default_analysis.article.text
    for row in m.itertuples():
        assert text[row.start : row.end] == row.text
    rules = set(m.rule)
    assert {"full name", "surname", "title + name", "role phrase", "pronoun"} <= rules
    roles = m[m.rule == "role phrase"]
    assert set(roles[roles.text.str.contains("Russian president")].leader) == {"Vladimir Putin"}
    assert set(roles[roles.text.str.contains("US president|American president|US counterpart")].leader) == {
        "Joe Biden"
    }
    title = m[m.rule == "title + name"]
    assert "Russian President Vladimir Putin" in set(title.text)


def test_role_phrases_learned_from_the_article(nlp):
    doc = doc_of(
        nlp,
        "French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin. "
        "The chancellor spoke first. Later the French president left for Paris.",
    )
    m = leader_mentions(doc)
    got = {(r.text, r.leader) for r in m[m.rule == "role phrase"].itertuples()}
    assert ("The chancellor", "Olaf Scholz") in got
    assert ("the French president", "Emmanuel Macron") in got


def test_ambiguous_role_phrase_stays_unresolved(nlp):
    # both are presidents and no country is given: "the president" could be either
    doc = doc_of(nlp, "US President Joe Biden met Russian President Vladimir Putin. The president smiled.")
    m = leader_mentions(doc)
    assert "The president" not in set(m.text)


def test_pronoun_resolves_to_previous_subject(nlp):
    doc = doc_of(nlp, "Vladimir Putin met Joe Biden on Wednesday. He said the talks went well.")
    m = leader_mentions(doc)
    he = m[m.text == "He"]
    assert list(he.leader) == ["Vladimir Putin"] and list(he.rule) == ["pronoun"]


def test_pronoun_never_resolves_into_a_quotation(nlp):
    doc = doc_of(nlp, "Vladimir Putin met Joe Biden on Wednesday. “Joe Biden is a statesman,” he added.")
    m = leader_mentions(doc)
    assert list(m[m.text == "he"].leader) == ["Vladimir Putin"]


def test_headline_counts_extra(nlp):
    body = "Angela Merkel spoke. Merkel left. Emmanuel Macron spoke. Macron left. Boris Johnson spoke. Johnson left."
    doc = doc_of(nlp, body, title="Johnson and Macron at the summit")
    assert [ld.name for ld in find_leaders(doc)] == ["Boris Johnson", "Emmanuel Macron"]


def test_user_named_leaders_match_surnames_and_absent_ones_warn(nlp):
    doc = doc_of(nlp, "Joe Biden met Vladimir Putin in Geneva. Biden spoke first.")
    with pytest.warns(UserWarning, match="Angela Merkel"):
        leaders = find_leaders(doc, leaders=["Biden", "Angela Merkel"])
    assert [(ld.name, ld.mentions) for ld in leaders] == [("Joe Biden", 2), ("Angela Merkel", 0)]
    counts = mention_counts(leader_mentions(doc, leaders), leaders)
    assert list(counts.total) == [2, 0]


def test_one_person_and_no_person(nlp):
    doc = doc_of(nlp, "Joe Biden spoke in Geneva on Wednesday. Biden left.")
    assert [ld.name for ld in find_leaders(doc)] == ["Joe Biden"]
    doc = doc_of(nlp, "The weather in Geneva was fine on Wednesday.", title="Sunny day")
    assert find_leaders(doc) == []
    assert leader_mentions(doc).empty


def test_misread_names_still_count(nlp):
    # the small model tags "Olaf Scholz" as an organisation and "Scholz" as a place
    doc = doc_of(nlp, "German Chancellor Olaf Scholz met Emmanuel Macron. Scholz said little. Macron spoke.")
    assert {ld.name for ld in find_leaders(doc)} == {"Olaf Scholz", "Emmanuel Macron"}
