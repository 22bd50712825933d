"""The analysis cache: a rerun on an unchanged article reads the stored result, exactly."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

import helpers
from helpers import cache
from helpers.analysis import TABLES

ARTICLE = """Leaders meet in Vienna

President Anna Berg met Chancellor Karl Hoff in Vienna on Monday. "We agreed on a great deal," Berg said.

Hoff was more cautious. "Nothing is settled yet," he told reporters after the talks.
"""


@pytest.fixture()
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_VAR, str(folder))
    return folder


@pytest.fixture()
def article_file(tmp_path):
    path = tmp_path / "vienna.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_second_analysis_comes_from_the_cache_and_equals_the_first(nlp, cache_dir, article_file):
    first = helpers.analyze(article_file, nlp=nlp)
    second = helpers.analyze(article_file, nlp=nlp)
    assert not first.cached and second.cached
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name), check_exact=True)
    assert second.leaders == first.leaders
    assert second.to_json() == first.to_json()
    assert len(list(cache_dir.glob("*/*.json"))) == 1


def test_cached_analysis_parses_its_doc_when_asked(nlp, cache_dir, article_file):
    helpers.analyze(article_file, nlp=nlp)
    again = helpers.analyze(article_file, nlp=nlp)
    assert again.cached
    assert again.doc.text.startswith("Leaders meet in Vienna")
    assert len(again.doc) > 20


def test_entries_are_plain_json_and_hold_no_pickle(nlp, cache_dir, article_file):
    helpers.analyze(article_file, nlp=nlp)
    (entry_file,) = cache_dir.glob("*/*.json")
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    assert entry["format"] == cache.CACHE_FORMAT and entry_file.stem == entry["key"]
    assert set(entry["tables"]) == set(TABLES)
    assert b"\x80" not in entry_file.read_bytes()[:2]  # a pickle starts with the PROTO opcode


def test_changed_text_or_leaders_miss_the_cache_and_a_copy_hits_it(nlp, cache_dir, article_file, tmp_path):
    helpers.analyze(article_file, nlp=nlp)
    copy = tmp_path / "copy_of_vienna.txt"
    copy.write_text(ARTICLE, encoding="utf-8")
    assert helpers.analyze(copy, nlp=nlp).cached  # the key is the text, not the file name
    assert helpers.analyze(copy, nlp=nlp).article.source_path == str(copy)
    assert not helpers.analyze(article_file, nlp=nlp, leaders=["Karl Hoff", "Anna Berg"]).cached
    article_file.write_text(ARTICLE.replace("Monday", "Tuesday"), encoding="utf-8")
    assert not helpers.analyze(article_file, nlp=nlp).cached


def test_cache_false_neither_reads_nor_writes(nlp, cache_dir, article_file):
    assert not helpers.analyze(article_file, nlp=nlp, cache=False).cached
    assert not cache_dir.exists()
    helpers.analyze(article_file, nlp=nlp)
    assert not helpers.analyze(article_file, nlp=nlp, cache=False).cached


def test_a_damaged_entry_is_recomputed_and_replaced(nlp, cache_dir, article_file):
    first = helpers.analyze(article_file, nlp=nlp)
    (entry_file,) = cache_dir.glob("*/*.json")
    entry_file.write_text('{"format": 1, "key": "tru', encoding="utf-8")
    again = helpers.analyze(article_file, nlp=nlp)
    assert not again.cached and again.to_json() == first.to_json()
    assert helpers.analyze(article_file, nlp=nlp).cached


def test_an_unwritable_cache_does_not_stop_the_analysis(nlp, tmp_path, monkeypatch, article_file):
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x")
    monkeypatch.setenv(cache.ENV_VAR, str(blocker / "cache"))
    analysis = helpers.analyze(article_file, nlp=nlp)
    assert analysis.quote_counts.direct_quotes.sum() == 2


def test_clear_cache_removes_every_entry(nlp, cache_dir, article_file):
    helpers.analyze(article_file, nlp=nlp)
    assert helpers.clear_cache() == 1
    assert not cache_dir.exists()
    assert not helpers.analyze(article_file, nlp=nlp).cached


def test_analysis_warnings_come_back_with_a_cached_result(nlp, cache_dir, tmp_path):
    path = tmp_path / "one.txt"
    path.write_text("Talks in Oslo\n\nPresident Anna Berg spoke in Oslo on Monday about the harbour and "
                    "the budget, and said the city would grow.\n", encoding="utf-8")
    first = helpers.analyze(path, nlp=nlp)
    with pytest.warns(helpers.read.ArticleWarning, match="only one person"):
        second = helpers.analyze(path, nlp=nlp)
    assert second.cached and second.warnings == first.warnings


def test_frames_round_trip_exactly_with_missing_values():
    frame = pd.DataFrame({
        "text": pd.array(["a", None, "c"], dtype="str"),
        "speaker": pd.Series(["Berg", None, "Hoff"], dtype=object),
        "paragraph": pd.array([1, None, 3], dtype="Int64"),
        "score": [0.1 + 0.2, math.nan, -1 / 3],
        "own": [True, False, True],
        "n": [1, 2, 3],
    })
    back = cache.decode_frame(json.loads(json.dumps(cache.encode_frame(frame))))
    pd.testing.assert_frame_equal(back, frame, check_exact=True)
    assert back.score[0] == 0.1 + 0.2  # every digit kept
    empty = cache.decode_frame(json.loads(json.dumps(cache.encode_frame(frame.iloc[:0]))))
    assert list(empty.columns) == list(frame.columns) and list(empty.dtypes) == list(frame.dtypes)
