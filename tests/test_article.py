"""The article reader: formats, encodings, structure and boilerplate."""

from __future__ import annotations

import json

import pytest

from helpers import LeadertoneError, article_from_text, load_article
from helpers.article import ArticleWarning, paragraph_at


def test_default_article_structure_matches_gold(default_article, gold):
    a = default_article
    assert a.title == "Putin after meeting Biden: ‘It is difficult to say whether the re-run…"
    assert list(a.headings) == gold["headings"]
    assert [a.text[b.start : b.end] for b in a.boilerplate] == gold["boilerplate"]
    reasons = {a.text[b.start : b.end]: b.reason for b in a.boilerplate}
    assert reasons["Leave a Reply"] == "comment form"
    assert reasons["Denton Watson"] == "author byline"
    assert reasons["Friend of animals everywhere. Evil twitter fan. Pop culture evangelist. Introvert."] == "author bio"


def test_paragraph_offsets_index_the_source_text(default_article):
    a = default_article
    raw = a.source_path and open(a.source_path, encoding="utf-8").read()
    assert a.text == raw
    kinds = [p.kind for p in a.paragraphs]
    assert kinds[0] == "title" and kinds.count("heading") == 5 and kinds.count("body") == 15
    for p in a.paragraphs:
        chunk = a.text[p.start : p.end]
        assert chunk == chunk.strip() and "\n\n" not in chunk
    assert a.text[a.paragraphs[1].start :].startswith("Russian President Vladimir Putin described")
    # no paragraph overlaps another or any boilerplate
    spans = sorted([(p.start, p.end) for p in a.paragraphs] + [(b.start, b.end) for b in a.boilerplate])
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:]))


def test_paragraph_at_finds_the_paragraph(default_article):
    a = default_article
    third = a.paragraphs[3]
    assert paragraph_at(a, third.start + 5) == 3
    assert paragraph_at(a, a.boilerplate[0].start) is None


def test_crlf_and_nbsp_keep_offsets(tmp_path):
    text = "Leader meets rival\r\n\r\nThe President\u00a0said it was “fine”.\r\n\r\nSecond paragraph here.\r\n"
    p = tmp_path / "crlf.txt"
    p.write_bytes(text.encode("utf-8"))
    a = load_article(p)
    assert a.text == text
    assert [a.text[q.start : q.end] for q in a.paragraphs] == [
        "Leader meets rival",
        "The President\u00a0said it was “fine”.",
        "Second paragraph here.",
    ]


@pytest.mark.parametrize(
    "encoding,prefix", [("utf-8", b""), ("utf-8-sig", b""), ("utf-16", b"")]
)
def test_unicode_encodings(tmp_path, encoding, prefix):
    text = "Putin’s headline\n\nHe said “très bien” to Biden.\n"
    p = tmp_path / "a.txt"
    p.write_bytes(prefix + text.encode(encoding))
    a = load_article(p)
    assert a.text == text
    assert a.title == "Putin’s headline"


def test_cp1252_is_read_with_a_warning(tmp_path):
    text = "Headline\n\nHe said “no” – twice.\n"
    p = tmp_path / "win.txt"
    p.write_bytes(text.encode("cp1252"))
    with pytest.warns(ArticleWarning, match="Windows-1252"):
        a = load_article(p)
    assert a.text == text and a.encoding == "cp1252"


def test_json_article(tmp_path):
    p = tmp_path / "a.json"
    p.write_text(json.dumps({"title": "Leaders meet", "text": "Body one.\n\nBody two."}), encoding="utf-8")
    a = load_article(p)
    assert a.title == "Leaders meet"
    assert [a.text[q.start : q.end] for q in a.paragraphs] == ["Leaders meet", "Body one.", "Body two."]


def test_html_article_takes_title_and_main_text(tmp_path):
    body = " ".join(["The two presidents met in Geneva and talked for hours about arms control."] * 4)
    html = f"""<html><head><title>Leaders meet in Geneva</title><script>alert('x')</script>
    <style>p {{color: red}}</style></head><body><nav>Home | World | Sport</nav>
    <article><h1>Leaders meet in Geneva</h1><p>{body}</p><p>“It went well,” Biden said afterwards.</p></article>
    <footer>Copyright 2021 Example News</footer></body></html>"""
    p = tmp_path / "a.html"
    p.write_text(html, encoding="utf-8")
    a = load_article(p)
    assert a.title == "Leaders meet in Geneva"
    assert "arms control" in a.text and "“It went well,” Biden said" in a.text
    assert "alert(" not in a.text and "color: red" not in a.text and "Home | World" not in a.text


def test_markdown_headings(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("# Big summit\n\nFirst paragraph.\n\n## What was agreed\n\nSecond paragraph.\n", encoding="utf-8")
    a = load_article(p)
    assert a.title == "Big summit"
    assert a.headings == ("What was agreed",)


def test_user_boilerplate_patterns():
    text = "Headline\n\nBody sentence one.\n\nNewsletter: get the daily brief\n\nBody sentence two."
    a = article_from_text(text, boilerplate_patterns=[(r"newsletter:.*", "newsletter prompt")])
    assert [(a.text[b.start : b.end], b.reason) for b in a.boilerplate] == [
        ("Newsletter: get the daily brief", "newsletter prompt")
    ]


def test_one_line_per_paragraph_without_blank_lines():
    text = "Headline here\nFirst paragraph is a full sentence.\nSecond paragraph says more.\n"
    a = article_from_text(text)
    assert [a.text[p.start : p.end] for p in a.body_paragraphs()] == [
        "First paragraph is a full sentence.",
        "Second paragraph says more.",
    ]


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\n ", "empty"),
        ("doc.pdf.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        ("bin.txt", b"\x00\x01\x02binary\x00\xff", "binary"),
        ("bad.json", b"{not json", "malformed JSON"),
        ("shape.json", b'["a", "b"]', '"text"'),
        ("a.docx", b"PK\x03\x04", "unknown format"),
    ],
)
def test_bad_input_raises_one_clear_error(tmp_path, name, content, message):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(LeadertoneError, match=message):
        load_article(p)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(LeadertoneError, match="no such file"):
        load_article(tmp_path / "nope.txt")
    with pytest.raises(LeadertoneError, match="directory"):
        load_article(tmp_path)


def test_size_limit(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("Headline\n\n" + "word " * 1000, encoding="utf-8")
    with pytest.raises(LeadertoneError, match="LEADERTONE_MAX_BYTES"):
        load_article(p, max_bytes=1000)
