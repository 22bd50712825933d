"""Publication metadata: JSON keys, page metadata, the metadata.csv sidecar, datelines and dates."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from helpers import LeadertoneError, article_from_text, load_article
from helpers.read import ArticleWarning, dateline_credit, find_articles
from helpers.read.metadata import _read_sidecar

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"

_BODY = "Putin meets Biden\n\nThe two presidents talked for four hours in Geneva.\n"
_PAGE_BODY = " ".join(["The two presidents met in Geneva and talked for hours about arms control."] * 4)


def _write_json(path, **fields):
    path.write_text(json.dumps({"title": "Leaders meet", "text": "Body one.\n\nBody two.", **fields}), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "fields",
    [
        {"outlet": "Reuters", "published": "2021-06-16T18:05:00+02:00", "url": "https://example.com/a"},
        {"source": "Reuters", "date": "June 16, 2021", "url": "https://example.com/a"},
        {"sitename": "Reuters", "published_at": "16 June 2021", "url": "https://example.com/a"},
        {"publisher": {"name": "Reuters"}, "datePublished": "2021-06-16", "url": "https://example.com/a"},
    ],
    ids=["own-keys", "source-date", "sitename-published_at", "publisher-object-datePublished"],
)
def test_json_publication_fields(tmp_path, fields):
    a = load_article(_write_json(tmp_path / "a.json", **fields))
    assert (a.outlet, a.published, a.url) == ("Reuters", "2021-06-16", "https://example.com/a")
    d = a.to_dict()
    assert list(d)[:6] == ["path", "format", "encoding", "outlet", "published", "url"]
    assert (d["outlet"], d["published"], d["url"]) == ("Reuters", "2021-06-16", "https://example.com/a")


def test_json_first_key_with_a_value_wins(tmp_path):
    a = load_article(_write_json(tmp_path / "a.json", outlet="", source="AP", publisher="Reuters", date=None))
    assert a.outlet == "AP" and a.published is None


@pytest.mark.parametrize(
    "fields,key",
    [({"outlet": 42}, "outlet"), ({"source": ["Reuters"]}, "source"), ({"date": 20210616}, "date"),
     ({"url": {"href": "https://example.com"}}, "url")],
)
def test_json_non_string_metadata_is_one_clear_error(tmp_path, fields, key):
    with pytest.raises(LeadertoneError, match=f'JSON "{key}" must be a string') as err:
        load_article(_write_json(tmp_path / "a.json", **fields))
    assert "\n" not in str(err.value)


def test_html_page_metadata_from_trafilatura(tmp_path):
    html = f"""<html><head><title>Leaders meet in Geneva</title>
    <meta property="og:site_name" content="The Paper">
    <meta property="article:published_time" content="2021-06-16T10:00:00Z">
    <link rel="canonical" href="https://example.com/geneva-summit"></head>
    <body><article><h1>Leaders meet in Geneva</h1><p>GENEVA (Reuters) - {_PAGE_BODY}</p></article></body></html>"""
    p = tmp_path / "a.html"
    p.write_text(html, encoding="utf-8")
    a = load_article(p)
    # the page's own site name wins over the dateline credit in its text
    assert a.outlet == "The Paper"
    assert a.published == "2021-06-16"
    assert a.url == "https://example.com/geneva-summit"


def test_html_page_without_metadata_has_none(tmp_path):
    html = f"<html><head><title>Leaders meet</title></head><body><article><p>{_PAGE_BODY}</p></article></body></html>"
    p = tmp_path / "a.html"
    p.write_text(html, encoding="utf-8")
    a = load_article(p)
    assert (a.outlet, a.published, a.url) == (None, None, None)


def test_sidecar_fills_text_files(tmp_path):
    (tmp_path / "geneva.txt").write_text(_BODY, encoding="utf-8")
    (tmp_path / "wire.txt").write_text("Talks\n\nWASHINGTON (Reuters) - The talks went on.\n", encoding="utf-8")
    (tmp_path / "other.md").write_text(_BODY, encoding="utf-8")
    (tmp_path / "metadata.csv").write_bytes(
        "\ufeffFile,Outlet,Date,URL\n"
        "geneva.txt,The Guardian,\"June 16, 2021\",https://example.com/geneva\n"
        "wire.txt,,2021-06-17,\n"
        "gone.txt,Nobody,2020-01-01,\n".encode()
    )
    a = load_article(tmp_path / "geneva.txt")
    assert (a.outlet, a.published, a.url) == ("The Guardian", "2021-06-16", "https://example.com/geneva")
    wire = load_article(tmp_path / "wire.txt")
    assert (wire.outlet, wire.published, wire.url) == ("Reuters", "2021-06-17", None)  # outlet from the dateline
    other = load_article(tmp_path / "other.md")
    assert (other.outlet, other.published, other.url) == (None, None, None)


def test_sidecar_outlet_wins_over_the_dateline(tmp_path):
    (tmp_path / "wire.txt").write_text("Talks\n\nWASHINGTON (Reuters) - The talks went on.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,outlet\nwire.txt,The Straits Times\n", encoding="utf-8")
    assert load_article(tmp_path / "wire.txt").outlet == "The Straits Times"


def test_sidecar_is_read_once_and_again_when_changed(tmp_path):
    for i in range(5):
        (tmp_path / f"a{i}.txt").write_text(_BODY, encoding="utf-8")
    sidecar = tmp_path / "metadata.csv"
    sidecar.write_text("file,outlet\n" + "".join(f"a{i}.txt,Outlet {i}\n" for i in range(5)), encoding="utf-8")
    before = _read_sidecar.cache_info().misses
    assert [load_article(tmp_path / f"a{i}.txt").outlet for i in range(5)] == [f"Outlet {i}" for i in range(5)]
    assert _read_sidecar.cache_info().misses - before == 1
    sidecar.write_text("file,outlet\na0.txt,Renamed Outlet\n", encoding="utf-8")
    stat = sidecar.stat()
    os.utime(sidecar, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    assert load_article(tmp_path / "a0.txt").outlet == "Renamed Outlet"


def test_sidecar_does_not_override_json_fields(tmp_path):
    _write_json(tmp_path / "a.json", outlet="Reuters", published="2021-06-16")
    (tmp_path / "metadata.csv").write_text(
        "file,outlet,published,url\na.json,The Guardian,2020-01-01,https://example.com/a\n", encoding="utf-8"
    )
    a = load_article(tmp_path / "a.json")
    assert (a.outlet, a.published, a.url) == ("Reuters", "2021-06-16", "https://example.com/a")


@pytest.mark.parametrize(
    "content,message",
    [
        (b"name,outlet\na.txt,Reuters\n", 'no "file" column'),
        (b"", 'no "file" column'),
        (b"file,outlet\na.txt,Caf\xe9 Press\n", "not UTF-8"),
        (b"file,outlet\na.txt,Reu\x00ters\n", "binary data"),
        (b'file,outlet\n"a.txt,Reuters\n', "not valid CSV"),
    ],
    ids=["no-file-column", "empty", "latin-1", "nul-byte", "unclosed-quote"],
)
def test_malformed_sidecar_is_one_clear_error(tmp_path, content, message):
    (tmp_path / "a.txt").write_text(_BODY, encoding="utf-8")
    (tmp_path / "metadata.csv").write_bytes(content)
    with pytest.raises(LeadertoneError, match=message) as err:
        load_article(tmp_path / "a.txt")
    assert "metadata.csv" in str(err.value) and "\n" not in str(err.value)


def test_sidecar_that_is_a_folder_is_an_error(tmp_path):
    (tmp_path / "a.txt").write_text(_BODY, encoding="utf-8")
    (tmp_path / "metadata.csv").mkdir()
    with pytest.raises(LeadertoneError, match="metadata.csv: the metadata table is not a regular file"):
        load_article(tmp_path / "a.txt")


def test_sidecar_is_not_an_article(tmp_path):
    (tmp_path / "a.txt").write_text(_BODY, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,outlet\na.txt,Reuters\n", encoding="utf-8")
    assert [p.name for p in find_articles(tmp_path)] == ["a.txt"]


@pytest.mark.parametrize(
    "text,credit",
    [
        ("WASHINGTON (Reuters) - U.S. President Joe Biden and Chinese leader Xi Jinping agreed", "Reuters"),
        ("SEOUL, May 7 (Yonhap) -- Japanese Prime Minister Fumio Kishida said Sunday", "Yonhap"),
        ("RIO DE JANEIRO (AP) — Brazilian President Luiz Inácio Lula da Silva", "AP"),
        ("ISTANBUL, July 8 (Reuters) - Turkish President Recep Tayyip Erdogan said", "Reuters"),
        ("KYIV, Ukraine (AP) — Ukrainian officials said", "AP"),
        ("ST. LOUIS, Aug. 3 (The Canadian Press) – The talks", "The Canadian Press"),
        ("TEL AVIV, Aug 19 - U.S. Secretary of State Antony Blinken said on Monday", None),
        ("PALM BEACH, Fla. — Prime Minister Justin Trudeau says he had", None),
        ("The president (Joe Biden) - who had flown in that morning - said little.", None),
        ("Biden (Reuters) - said nothing.", None),
        ("WASHINGTON (Reuters)", None),
        ("МОСКВА (ТАСС) - Переговоры продолжатся", "ТАСС"),
        ("москва (ТАСС) - переговоры продолжатся", None),
        ("“Civilized, nothing more.” — Lula, on his first meeting with Milei", None),
    ],
)
def test_dateline_credit(text, credit):
    assert dateline_credit(text) == credit


def test_dateline_gives_the_outlet_only_when_none_is_given():
    text = "Talks resume\n\nWASHINGTON (Reuters) - The two leaders agreed to talk again."
    assert article_from_text(text).outlet == "Reuters"
    assert article_from_text(text, outlet="The Guardian").outlet == "The Guardian"
    later = "Talks resume\n\nThe leaders met.\n\nThey talked.\n\nThey ate.\n\nWASHINGTON (Reuters) - More."
    assert article_from_text(later).outlet is None  # a dateline opens the story, not its fourth paragraph


def test_article_from_text_takes_publication_fields():
    a = article_from_text(_BODY, outlet=" AP ", published="16 June 2021", url="https://example.com/x")
    assert (a.outlet, a.published, a.url) == ("AP", "2021-06-16", "https://example.com/x")
    assert (a.to_dict()["outlet"], a.to_dict()["published"]) == ("AP", "2021-06-16")


@pytest.mark.parametrize(
    "value", ["2021-06-16", "2021-06-16T18:05:00+02:00", "2021-06-16T23:30:00-07:00", "June 16, 2021",
              "16 June 2021", "Wed, 16 Jun 2021 10:00:00 GMT"],
)
def test_dates_become_iso(value):
    assert article_from_text(_BODY, published=value).published == "2021-06-16"


@pytest.mark.parametrize("value", ["sometime in June", "June 2021", "May 7", "2021-13-45"])
def test_unparseable_date_is_left_out_with_a_note(value):
    with pytest.warns(ArticleWarning, match="not a full date"):
        a = article_from_text(_BODY, published=value)
    assert a.published is None
    assert any(value in note and "not a full date" in note for note in a.notes)


def test_unparseable_json_date_falls_back_to_the_sidecar(tmp_path):
    _write_json(tmp_path / "a.json", date="last Tuesday")
    (tmp_path / "metadata.csv").write_text("file,published\na.json,2021-06-16\n", encoding="utf-8")
    with pytest.warns(ArticleWarning, match="last Tuesday"):
        a = load_article(tmp_path / "a.json")
    assert a.published == "2021-06-16"
    assert any("last Tuesday" in note for note in a.notes)


def test_unparseable_sidecar_date_is_a_note_not_an_error(tmp_path):
    (tmp_path / "a.txt").write_text(_BODY, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,outlet,published\na.txt,AP,soon\n", encoding="utf-8")
    with pytest.warns(ArticleWarning, match="'soon'"):
        a = load_article(tmp_path / "a.txt")
    assert (a.outlet, a.published) == ("AP", None)
    assert any("metadata.csv" in note and "'soon'" in note for note in a.notes)


def test_test_articles_sidecar_matches_the_articles():
    rows = {}
    with (ARTICLES / "metadata.csv").open(encoding="utf-8", newline="") as fh:
        header = fh.readline().strip().split(",")
        assert header == ["file", "outlet", "published"]
        for line in fh:
            name, outlet, published = line.rstrip("\n").split(",")
            rows[name] = (outlet or None, published or None)
    assert sorted(rows) == [p.name for p in find_articles(ARTICLES)]
    for name, (outlet, published) in rows.items():
        text = (ARTICLES / name).read_text(encoding="utf-8")
        assert outlet == article_from_text(text).outlet, name  # the outlet is the article's own dateline credit
        a = load_article(ARTICLES / name)
        assert (a.outlet, a.published) == (outlet, published)
        if published:
            assert a.published == published and not a.notes
