"""export(): PNG/SVG/PDF + CSV of the plotted data under reports/<slug>/figures/, identical bytes on a rerun."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.figure import Figure

from helpers import config, output
from helpers.output import analysis_tables, article_slug, export, export_tables


def _files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_export_writes_every_format_and_the_data(fake, tmp_path):
    chart = output.chart_quote_counts(fake)
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

    export(output.chart_mentions(fake), article=fake, out_dir=tmp_path)
    with Image.open(tmp_path / "putin_biden_geneva_2021" / "figures" / "mentions.png") as img:
        assert img.info["dpi"][0] >= 150
        assert "Software" not in img.info


def test_rerun_gives_identical_bytes(fake, tmp_path):
    for out in ("one", "two"):  # a fresh figure from the same tables each time
        for fn in (output.chart_tone, output.chart_sentence_tone):
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
    export(output.chart_mentions(fake), article=fake)
    assert (tmp_path / "reports" / "putin_biden_geneva_2021" / "figures" / "mentions.png").is_file()


def test_export_tables(fake, tmp_path):
    written = export_tables(fake, out_dir=tmp_path)
    assert [p.name for p in written] == [f"{n}.csv" for n in
                                         ["entities", "mentions", "quotes", "quote_counts", "sentences", "tone"]]
    assert set(analysis_tables(fake)) == {p.stem for p in written}
    back = pd.read_csv(tmp_path / "putin_biden_geneva_2021" / "tables" / "quotes.csv")
    assert back["text"].tolist() == fake.quotes["text"].tolist()


def test_table_cells_that_start_like_formulas_are_written_as_text(fake, tmp_path):
    from types import SimpleNamespace

    quotes = fake.quotes.copy()
    quotes.loc[0, ["text", "polarity"]] = ["-Go home", -0.5]
    quotes.loc[1, "text"] = "@once\tagain"
    quotes.loc[2, "text"] = "-5 percent, +2 later"
    tables = SimpleNamespace(**{**analysis_tables(fake), "quotes": quotes, "slug": fake.slug})
    export_tables(tables, out_dir=tmp_path)
    back = pd.read_csv(tmp_path / "putin_biden_geneva_2021" / "tables" / "quotes.csv")
    assert back.loc[0, "text"] == "'-Go home" and back.loc[0, "polarity"] == -0.5  # the number stays a number
    assert back.loc[1, "text"] == "'@once\tagain"
    assert back.loc[2, "text"] == "-5 percent, +2 later"  # a minus before a digit is no formula
    assert back["text"].iloc[3:].tolist() == quotes["text"].iloc[3:].tolist()
    assert quotes.loc[0, "text"] == "-Go home"  # the table itself keeps the exact text
