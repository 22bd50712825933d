"""The tables behind the charts and the notebook views: read from the Analysis tables, never parsing again."""

from __future__ import annotations

from helpers import config
from helpers.output import (
    boilerplate_table,
    entity_view,
    mention_evidence,
    method_comparison,
    paragraph_table,
    tone_drivers,
)


def test_notebook_views(fake):
    article = fake.article
    paras = paragraph_table(article)
    assert (paras.text == [article.text[s:e] for s, e in zip(paras.start, paras.end)]).all()
    assert set(paras.kind) == {"title", "heading", "body"}
    boiler = boilerplate_table(article)
    assert "related link" in set(boiler.reason)
    ev = mention_evidence(fake)
    assert len(ev) == len(fake.mentions)
    assert all(t in s for t, s in zip(ev.text, ev.sentence_text))
    comp = method_comparison(fake)
    assert len(comp) == 2 * 2 + 2 and comp.columns[2].startswith("TextBlob")
    drivers = tone_drivers(fake)
    assert set(drivers.aspect) == {"voice", "coverage"}
    assert drivers.groupby(["leader", "aspect"]).size().max() <= 3


def test_entity_view_marks_every_entity_without_parsing_again(default_analysis, nlp):
    from helpers import analyze

    cached = analyze(config.DEFAULT_ARTICLE, nlp=nlp)
    assert cached.cached
    html = entity_view(cached)
    assert cached._doc is None  # drawn from the entity table, not from a Doc
    assert html.count("<mark") == len(default_analysis.entities) > 50
    for ent in default_analysis.entities.itertuples():
        assert f">{ent.label}</span>" in html and ent.text.split()[0] in html
    assert html._repr_html_() == str(html)


def test_entity_view_is_displacys_markup(default_analysis):
    from spacy import displacy

    ents = [{"start": int(r.start), "end": int(r.end), "label": r.label}
            for r in default_analysis.entities.itertuples()]
    doc = {"text": default_analysis.article.text, "ents": ents, "title": None}
    assert entity_view(default_analysis) == displacy.render(doc, style="ent", manual=True, jupyter=False)


def test_views_of_a_cached_analysis_need_no_doc(nlp):
    from helpers import analyze

    cached = analyze(config.DEFAULT_ARTICLE, nlp=nlp)
    assert cached.cached
    evidence = mention_evidence(cached)
    drivers = tone_drivers(cached)
    assert cached._doc is None  # the sentence texts come from the sentence table
    texts = dict(zip(cached.sentences["sentence"], cached.sentences["text"]))
    assert evidence["sentence_text"].tolist() == [texts[s] for s in cached.mentions["sentence"]]
    coverage = drivers[drivers.aspect == "coverage"]
    assert not coverage.empty and (coverage["text"] == coverage["sentence"].map(texts)).all()

