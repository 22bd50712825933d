"""Corpus mode: many articles into tidy tables, the same from every engine and from the cache."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

import helpers
from helpers import cache, config
from helpers.cli import main
from helpers.corpus import CORPUS_TABLES, analyze_corpus, corpus_paths
from helpers.nlp.schema import DEFAULT_METHOD

SAMPLES = config.PROJ_ROOT / "tests" / "data" / "articles"
THREE = [SAMPLES / "biden_xi_summit.txt", SAMPLES / "xi_modi_border.txt", config.DEFAULT_ARTICLE]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The sample articles with one unreadable file among them, analysed once for the module."""
    folder = tmp_path_factory.mktemp("corpus_in")
    for p in [*THREE, SAMPLES / "lula_milei_g20_rio_2024.txt"]:
        shutil.copy(p, folder / p.name)
    (folder / "broken.json").write_text('{"title": "x"', encoding="utf-8")
    out = tmp_path_factory.mktemp("corpus_out")
    return analyze_corpus(folder, out_dir=out, progress=False), out


def test_every_readable_article_is_a_row_and_the_bad_file_an_error(corpus):
    c, _ = corpus
    assert list(c.articles.article) == ["biden_xi_summit", "lula_milei_g20_rio_2024", "putin_biden_geneva_2021",
                                        "xi_modi_border"]
    assert list(c.errors.path.map(lambda p: p.rsplit("/", 1)[-1])) == ["broken.json"]
    assert "malformed JSON" in c.errors.error[0]
    for name in CORPUS_TABLES:
        table = getattr(c, name)
        assert table.columns[0] == "article" and set(table.article) <= set(c.articles.article)


def test_corpus_rows_are_the_single_article_analysis(corpus, nlp):
    c, _ = corpus
    single = helpers.analyze(config.DEFAULT_ARTICLE, nlp=nlp)
    mine = c.quotes[c.quotes.article == "putin_biden_geneva_2021"].drop(columns="article").reset_index(drop=True)
    pd.testing.assert_frame_equal(mine, single.quotes, check_exact=True)
    leaders = c.leaders[c.leaders.article == "putin_biden_geneva_2021"].set_index("leader")
    counts = single.quote_counts.set_index("leader")
    assert list(leaders.index) == [ld.name for ld in single.leaders] == ["Vladimir Putin", "Joe Biden"]
    assert (leaders.direct_quotes == counts.direct_quotes).all()
    n_direct = single.quotes[single.quotes.kind == "direct"].group.nunique()
    assert leaders.loc["Vladimir Putin", "quote_share"] == round(counts.loc["Vladimir Putin", "direct_quotes"]
                                                                 / n_direct, 4)
    tone = single.tone.set_index(["method", "aspect", "leader"])["mean"]
    assert leaders.loc["Joe Biden", "coverage"] == tone[(DEFAULT_METHOD, "coverage", "Joe Biden")]


def test_outlet_and_date_reach_the_tables(corpus):
    c, _ = corpus
    outlets = c.articles.set_index("article").outlet
    assert outlets["biden_xi_summit"] == "Reuters" and outlets["lula_milei_g20_rio_2024"] == "AP"
    assert set(c.leaders[c.leaders.article == "biden_xi_summit"].outlet) == {"Reuters"}


def test_parquet_files_hold_exactly_the_returned_tables(corpus):
    c, out = corpus
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.parquet" for n in CORPUS_TABLES)
    for name in CORPUS_TABLES:
        back = pd.read_parquet(out / f"{name}.parquet")
        pd.testing.assert_frame_equal(back, getattr(c, name), check_dtype=False, check_exact=True)


def test_a_rerun_reads_the_cache_and_gives_the_same_tables(corpus, tmp_path):
    c, _ = corpus
    again = analyze_corpus([config.resolve(p) for p in sorted(c.articles.path)], out_dir=None, progress=False)
    assert again.cached == 4
    for name in CORPUS_TABLES:
        pd.testing.assert_frame_equal(getattr(again, name), getattr(c, name), check_exact=True)


def test_rows_gathered_in_small_chunks_give_the_same_tables(corpus, monkeypatch, tmp_path):
    c, _ = corpus
    paths = [config.resolve(p) for p in c.articles.path]
    new = THREE[0].read_text(encoding="utf-8") + "\nThe talks end on Friday.\n"
    (tmp_path / "not_cached_yet.txt").write_text(new, encoding="utf-8")  # parsed after the cached ones
    monkeypatch.setattr(helpers.corpus, "FLUSH_EVERY", 1)
    chunked = analyze_corpus([*paths[:2], tmp_path, *paths[2:]], out_dir=None, progress=False)
    assert chunked.cached == len(paths)
    assert list(chunked.articles.article) == [*c.articles.article[:2], "not_cached_yet", *c.articles.article[2:]]
    for name in CORPUS_TABLES:
        mine = getattr(chunked, name)
        mine = mine[mine.article != "not_cached_yet"].reset_index(drop=True)
        pd.testing.assert_frame_equal(mine, getattr(c, name), check_exact=True)


def test_files_with_the_same_name_in_two_folders_keep_apart(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        shutil.copy(THREE[0], tmp_path / sub / "story.txt")
    c = analyze_corpus([tmp_path / "a", tmp_path / "b"], out_dir=None, progress=False)
    assert list(c.articles.article) == ["story_1", "story_2"]
    assert c.quotes.groupby("article").size().nunique() == 1


def test_dask_engine_gives_the_same_tables_as_the_local_one(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path / "cache"))
    local = analyze_corpus(THREE, cache=False, out_dir=None, progress=False)
    dask = analyze_corpus(THREE, engine="dask", n_process=2, batch_size=1, cache=False, out_dir=None,
                          progress=False)
    for name in CORPUS_TABLES:
        pd.testing.assert_frame_equal(getattr(dask, name), getattr(local, name), check_exact=True)
    assert not (tmp_path / "cache").exists()


def test_two_parsing_processes_give_the_same_tables():
    one = analyze_corpus(THREE, cache=False, out_dir=None, progress=False)
    two = analyze_corpus(THREE, n_process=2, batch_size=1, cache=False, out_dir=None, progress=False)
    for name in CORPUS_TABLES:
        pd.testing.assert_frame_equal(getattr(two, name), getattr(one, name), check_exact=True)


def test_relative_paths_resolve_from_the_project_root_in_any_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    found = corpus_paths(["data/raw", "tests/data/articles/xi_modi_border.txt"])
    assert config.DEFAULT_ARTICLE in found and found[-1] == SAMPLES / "xi_modi_border.txt"


def test_unknown_engine_and_empty_folder_are_clear_errors(tmp_path):
    with pytest.raises(helpers.LeadertoneError, match="unknown engine"):
        analyze_corpus(THREE, engine="spark", out_dir=None)
    with pytest.raises(helpers.LeadertoneError, match="no article files"):
        analyze_corpus(tmp_path, out_dir=None)


# --------------------------------------------------------------------------- the command line


def test_cli_analyses_folders_into_parquet_and_csv(tmp_path, capsys):
    status = main(["analyze", str(SAMPLES / "biden_xi_summit.txt"), str(config.DATA_RAW), "--out", str(tmp_path),
                   "--quiet"])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert out.startswith("3 articles analysed")
    for name in CORPUS_TABLES:
        assert (tmp_path / f"{name}.parquet").is_file() and (tmp_path / f"{name}.csv").is_file()
    assert len(pd.read_csv(tmp_path / "articles.csv")) == 3


def test_cli_skips_a_bad_file_and_exits_1(tmp_path, capsys):
    shutil.copy(THREE[0], tmp_path / "good.txt")
    (tmp_path / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    status = main(["analyze", str(tmp_path), "--out", str(tmp_path / "out"), "--quiet"])
    out, err = capsys.readouterr()
    assert status == 1
    assert [line for line in err.splitlines() if line.startswith("error:")] == [err.strip().splitlines()[0]]
    assert "bad.txt" in err and out.startswith("1 articles analysed")


def test_cli_refuses_json_for_many_and_an_unreachable_scheduler(tmp_path, capsys):
    assert main(["analyze", str(THREE[0]), str(THREE[1]), "--json"]) == 2
    assert main(["analyze", str(THREE[0]), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9",
                 "--out", str(tmp_path), "--quiet"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0].startswith("error: --json prints one article")
    assert main(["analyze", str(SAMPLES), "--json"]) == 2
    assert capsys.readouterr().err.startswith(f"error: {SAMPLES}: is a directory; --json prints one article")
    assert err[-1].startswith("error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")


FORMULA = '=HYPERLINK("http://x","y")'


def test_csv_cells_that_start_like_formulas_are_text_and_parquet_keeps_them(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "geneva.txt").write_text(
        "Leaders meet in Geneva\n\n"
        "Joe Biden met Vladimir Putin in Geneva on Wednesday.\n\n"
        "“-Go home, you terrible liar,” Biden told Putin, according to aides.\n\n"
        "Putin said: “We had a good, constructive talk.”\n",
        encoding="utf-8",
    )
    shutil.copy(config.DEFAULT_ARTICLE, folder / config.DEFAULT_ARTICLE.name)
    (folder / "metadata.csv").write_text(f'file,outlet\ngeneva.txt,"{FORMULA.replace(chr(34), chr(34) * 2)}"\n',
                                         encoding="utf-8")
    out = tmp_path / "out"
    c = analyze_corpus(folder, out_dir=out, formats=("parquet", "csv"), progress=False)
    assert c.articles.set_index("article").outlet["geneva"] == FORMULA  # the tables keep the exact text
    for name in ("articles", "leaders"):
        parquet = pd.read_parquet(out / f"{name}.parquet")
        assert set(parquet[parquet.article == "geneva"].outlet) == {FORMULA}
        csv = pd.read_csv(out / f"{name}.csv")
        assert set(csv[csv.article == "geneva"].outlet) == {"'" + FORMULA}
        assert FORMULA not in set(csv.outlet)
    quotes = pd.read_csv(out / "quotes.csv")
    go = quotes[quotes.text.str.contains("Go home")]
    assert list(go.text) == ["'-Go home, you terrible liar,"]
    assert go.polarity.dtype.kind == "f" and (go.polarity < 0).all()  # a negative number stays a number
    assert pd.read_parquet(out / "quotes.parquet").text.str.startswith("-Go home").sum() == 1
    tone = pd.read_csv(out / "tone.csv")
    assert tone["mean"].dtype.kind == "f" and (tone["mean"] < 0).any()
