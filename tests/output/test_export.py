"""export(): PNG/SVG/PDF + CSV of the plotted data under reports/<slug>/figures/, identical bytes on a rerun."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.figure import Figure
from test_charts import make_fake_analysis

from helpers import config
from helpers.output import charts
from helpers.output.export import (
    analysis_tables,
    article_slug,
    boilerplate_table,
    export,
    export_tables,
    mention_evidence,
    method_comparison,
    paragraph_table,
    tone_drivers,
)


@pytest.fixture(scope="module")
def fake(default_analysis):
    return make_fake_analysis(default_analysis)


def _files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_export_writes_every_format_and_the_data(fake, tmp_path):
    chart = charts.chart_quote_counts(fake)
    written = export(chart.fig, "quote_counts", chart.data, article=fake, out_dir=tmp_path)
    folder = tmp_path / "putin_biden_geneva_2021" / "figures"
    assert sorted(p.name for p in written) == ["quote_counts.csv", "quote_counts.pdf", "quote_counts.png",
                                               "quote_counts.svg"]
    assert all(p.parent == folder for p in written)
    assert (folder / "quote_counts.png").read_bytes().startswith(b"\x89PNG")
    assert (folder / "quote_counts.pdf").read_bytes().startswith(b"%PDF")
    assert b"<svg" in (folder / "quote_counts.svg").read_bytes()
    back = pd.read_csv(folder / "quote_counts.csv")
    assert list(back.columns) == list(chart.data.columns)
    assert back["direct_quotes"].tolist() == chart.data["direct_quotes"].tolist()
    assert not list(tmp_path.rglob("*.tmp"))


def test_png_has_at_least_150_dpi(fake, tmp_path):
    from PIL import Image

    export(charts.chart_mentions(fake), article=fake, out_dir=tmp_path)
    with Image.open(tmp_path / "putin_biden_geneva_2021" / "figures" / "mentions.png") as img:
        assert img.info["dpi"][0] >= 150
        assert "Software" not in img.info


def test_rerun_gives_identical_bytes(fake, tmp_path):
    for out in ("one", "two"):  # a fresh figure from the same tables each time
        for fn in (charts.chart_tone, charts.chart_sentence_tone):
            export(fn(fake), article=fake, out_dir=tmp_path / out)
    one, two = _files(tmp_path / "one"), _files(tmp_path / "two")
    assert len(one) == 2 * 4 and one.keys() == two.keys()
    for name in one:
        assert one[name] == two[name], name
    svg = one["tone.svg"].decode()
    pdf = one["tone.pdf"]
    assert "<dc:date>" not in svg and b"/CreationDate" not in pdf


def test_article_may_be_analysis_article_or_slug(fake, tmp_path):
    assert article_slug(fake) == article_slug(fake.article) == article_slug("putin_biden_geneva_2021")
    assert article_slug("data/raw/Some Article.txt") == "some_article"
    fig = Figure()
    fig.add_subplot().plot([1, 2])
    written = export(fig, "plain", article="my_slug", out_dir=tmp_path)
    assert {p.name for p in written} == {"plain.png", "plain.svg", "plain.pdf"}
    assert written[0].parent == tmp_path / "my_slug" / "figures"
    with pytest.raises(TypeError):
        export(fig, "x", article=42, out_dir=tmp_path)


def test_default_out_dir_is_reports(monkeypatch, tmp_path, fake):
    monkeypatch.setattr(config, "REPORTS_DIR", tmp_path / "reports")
    export(charts.chart_mentions(fake), article=fake)
    assert (tmp_path / "reports" / "putin_biden_geneva_2021" / "figures" / "mentions.png").is_file()


def test_export_tables(fake, tmp_path):
    written = export_tables(fake, out_dir=tmp_path)
    assert [p.name for p in written] == [f"{n}.csv" for n in
                                         ["entities", "mentions", "quotes", "quote_counts", "sentences", "tone"]]
    assert set(analysis_tables(fake)) == {p.stem for p in written}
    back = pd.read_csv(tmp_path / "putin_biden_geneva_2021" / "tables" / "quotes.csv")
    assert back["text"].tolist() == fake.quotes["text"].tolist()


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
    from helpers.output.export import entity_view

    cached = analyze(config.DEFAULT_ARTICLE, nlp=nlp)
    assert cached.cached
    html = entity_view(cached)
    assert cached._doc is None  # drawn from the entity table, not from a Doc
    assert html.count("<mark") == len(default_analysis.entities) > 50
    for ent in default_analysis.entities.itertuples():
        assert f">{ent.label}</span>" in html and ent.text.split()[0] in html
    assert html._repr_html_() == str(html)
