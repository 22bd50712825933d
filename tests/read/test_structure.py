"""The structure of an article: title, headings, paragraphs and boilerplate, offsets into the source."""

from __future__ import annotations

from helpers import article_from_text, load_article
from helpers.read import paragraph_at


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
