"""Quotations and speakers: one short article per rule, the default article, and a small gold set."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import analyze, article_from_text, parse, quote_counts, quote_table

DEVSET = Path(__file__).resolve().parents[1] / "data" / "devset"


def quotes_of(nlp, body: str, title: str = "Leaders meet in Geneva"):
    doc = parse(article_from_text(f"{title}\n\n{body}"), nlp)
    return quote_table(doc)


def speaker_of(table, text: str):
    rows = table[table.text == text]
    assert len(rows) == 1, f"{text!r} not found once in {list(table.text)}"
    return rows.iloc[0].speaker


INTRO = "US President Joe Biden met Russian President Vladimir Putin in Geneva. "


@pytest.mark.parametrize(
    "body,quote,speaker",
    [
        (INTRO + "Putin said the talks were “constructive”.", "constructive", "Vladimir Putin"),
        (INTRO + "“The talks were constructive,” Putin said.", "The talks were constructive,", "Vladimir Putin"),
        (INTRO + "“The talks were constructive,” said Biden.", "The talks were constructive,", "Joe Biden"),
        (INTRO + "According to Biden, the talks were “good”.", "good", "Joe Biden"),
        (INTRO + "Biden described the talks as “positive”.", "positive", "Joe Biden"),
        (INTRO + "Biden called Putin a “killer” last year.", "killer", "Joe Biden"),
        (INTRO + "Putin reiterated his position: “We did nothing wrong.”", "We did nothing wrong.", "Vladimir Putin"),
        (INTRO + "Putin spoke first. He said the meeting was “useful”.", "useful", "Vladimir Putin"),
        (INTRO + "The Russian president called the idea “ridiculous”.", "ridiculous", "Vladimir Putin"),
        (INTRO + "“If he dies, it will be devastating,” Biden warned his counterpart.",
         "If he dies, it will be devastating,", "Joe Biden"),
        (INTRO + "“We all have to commit to that.” — Biden", "We all have to commit to that.", "Joe Biden"),
        (INTRO + "Kremlin spokesman Dmitry Peskov said the talks were “frank”.", "frank", "Dmitry Peskov"),
    ],
    ids=["cue-before", "cue-after", "inverted-cue", "according-to", "described-as", "called", "colon",
         "pronoun-across-sentences", "role-phrase", "counterpart-object", "dash", "spokesman"],
)
def test_speaker_rules(nlp, body, quote, speaker):
    assert speaker_of(quotes_of(nlp, body), quote) == speaker


def test_headline_colon_with_unclosed_mark(nlp):
    title = "Putin after meeting Biden: ‘It is hard to say…"
    table = quotes_of(nlp, "Vladimir Putin met Joe Biden in Geneva.", title=title)
    assert speaker_of(table, "It is hard to say…") == "Vladimir Putin"


def test_floating_quote_takes_previous_speaker(nlp):
    body = INTRO + "“We made progress,” Biden said. “Much work remains.”"
    table = quotes_of(nlp, body)
    row = table[table.text == "Much work remains."].iloc[0]
    assert row.speaker == "Joe Biden" and row.kind == "direct" and row.cue == "floating"


def test_multi_paragraph_quote_is_one_group(nlp):
    body = INTRO + "\n\n“We made progress on arms control.\n\n“We will meet again next year,” Biden said."
    table = quotes_of(nlp, body)
    parts = table[table.kind == "direct"]
    assert list(parts.speaker) == ["Joe Biden", "Joe Biden"]
    assert parts.group.nunique() == 1 and parts.paragraph.nunique() == 2
    counts = quote_counts(table, ["Joe Biden", "Vladimir Putin"]).set_index("leader")
    assert counts.loc["Joe Biden", "direct_quotes"] == 1


def test_scare_quote_has_no_speaker(nlp):
    table = quotes_of(nlp, INTRO + "They met in the “City of Peace” on a sunny day.")
    row = table[table.text == "City of Peace"].iloc[0]
    assert row.kind == "scare" and row.speaker is None


def test_institution_is_not_a_person(nlp):
    table = quotes_of(nlp, INTRO + "The White House called the meeting “a step in the right direction.”")
    row = table[table.text == "a step in the right direction."].iloc[0]
    assert row.speaker is None and row.speaker_mention == "The White House"


def test_indirect_statements_are_separate(nlp):
    table = quotes_of(nlp, INTRO + "Putin says Navalny deliberately ignored Russian laws.\n\nBiden: Russia agreed.")
    indirect = table[table.kind == "indirect"]
    assert set(zip(indirect.text, indirect.speaker)) == {
        ("Navalny deliberately ignored Russian laws", "Vladimir Putin"),
        ("Russia agreed", "Joe Biden"),
    }
    counts = quote_counts(table, ["Vladimir Putin", "Joe Biden"]).set_index("leader")
    assert counts.loc["Vladimir Putin", "direct_quotes"] == 0 and counts.loc["Vladimir Putin", "indirect"] == 1


def test_no_quotes_at_all(nlp):
    table = quotes_of(nlp, INTRO + "They talked for three hours.")
    assert table[table.kind != "indirect"].empty
    counts = quote_counts(table, ["Joe Biden", "Vladimir Putin"])
    assert list(counts.direct_quotes) == [0, 0] and list(counts.share_quoted_words) == [0.0, 0.0]


def test_apostrophes_do_not_make_quotes(nlp):
    table = quotes_of(nlp, INTRO + "Russia’s leader didn't mention the '90s or the leaders’ dinner.")
    assert table[table.kind != "indirect"].empty


def test_default_article_counts_and_contract(default_analysis, gold):
    a = default_analysis
    counts = a.quote_counts.set_index("leader")
    assert counts.loc["Vladimir Putin", "direct_quotes"] == 13
    assert counts.loc["Joe Biden", "direct_quotes"] == 5
    for row in a.quotes.itertuples():
        assert a.article.text[row.start : row.end] == row.text
    bio = "Friend of animals everywhere. Evil twitter fan. Pop culture evangelist. Introvert."
    assert bio not in set(a.quotes.text)
    gold_speakers = {q["text"]: q["speaker"] for q in gold["quotes"] if q["text"] != bio}
    got = a.quotes[a.quotes.kind != "indirect"].set_index("text").speaker.to_dict()
    assert got == gold_speakers


def _surname(name):
    return re.findall(r"\w+", name.lower())[-1] if name else None


@pytest.mark.parametrize("gold_file", sorted(DEVSET.glob("*.gold.json")), ids=lambda p: p.stem)
def test_gold_articles(nlp, gold_file):
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    analysis = analyze(DEVSET.parent / gold["article"], nlp=nlp)
    direct = analysis.quotes[analysis.quotes.kind != "indirect"]
    got = dict(zip(direct.text, direct.speaker))
    texts = [q["text"] for q in gold["quotes"]]
    for q in gold["quotes"]:
        if any(q["text"] != t and q["text"] in t for t in texts):
            continue  # a quotation nested in another (its own row, checked in test_cues)
        if q["speaker"] is None:  # nobody's words (or boilerplate, not reported at all)
            assert got.get(q["text"]) is None, q["why"]
            continue
        assert q["text"] in got, f"missed {q['text']!r}"
        if q["speaker"] != "?":
            assert _surname(got[q["text"]]) == _surname(q["speaker"]), q["why"]
    assert {_surname(ld.name) for ld in analysis.leaders} == {_surname(n) for n in gold["leaders"]}


@pytest.mark.parametrize(
    "body",
    [
        INTRO + "“We have come a long way,” Putin said, “and the last mile is the hardest.”",
        INTRO + "“We have come a long way,” Putin said. “The last mile is the hardest.”",
        INTRO + "“We have come a long way,” said Putin, smiling at his guest. “The last mile is the hardest.”",
    ],
)
def test_a_quotation_interrupted_by_its_cue_counts_once(nlp, body):
    table = quotes_of(nlp, body)
    direct = table[table.kind == "direct"]
    assert len(direct) == 2 and direct.group.nunique() == 1
    assert set(direct.speaker) == {"Vladimir Putin"}
    counts = quote_counts(table, ["Joe Biden", "Vladimir Putin"]).set_index("leader")
    assert counts.loc["Vladimir Putin", "direct_quotes"] == 1


def test_two_quotations_of_one_speaker_with_narration_between_count_twice(nlp):
    body = (INTRO + "“We have come a long way,” Putin said. The two men then walked to the lake, "
            "where the cameras waited. “The last mile is the hardest,” he said.")
    table = quotes_of(nlp, body)
    counts = quote_counts(table, ["Joe Biden", "Vladimir Putin"]).set_index("leader")
    assert counts.loc["Vladimir Putin", "direct_quotes"] == 2


def test_counts_are_exact_on_a_short_article_of_mixed_shapes(nlp):
    body = (INTRO
            + "“We have come a long way,” Biden said, “and the last mile is the hardest.”\n\n"
            + "Putin called the talks “constructive”. State media quoted Putin as saying the visit had "
            + "“cleared the air”.\n\n"
            + "According to Biden, the talks were “good”.\n\n"
            + "A Kremlin official told reporters the two sides were “far apart”.")
    table = quotes_of(nlp, body)
    counts = quote_counts(table, ["Joe Biden", "Vladimir Putin"]).set_index("leader")
    assert counts.loc["Joe Biden", "direct_quotes"] == 2
    assert counts.loc["Vladimir Putin", "direct_quotes"] == 2
    far = table[table.text == "far apart"]
    assert far.speaker.isna().all()
