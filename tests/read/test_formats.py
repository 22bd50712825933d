"""Reading article files: encodings, formats and bad input."""

from __future__ import annotations

import json

import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252", which the mojibake cases are built with)
import pytest

from helpers import LeadertoneError, load_article
from helpers.read import ArticleWarning


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


@pytest.mark.parametrize(
    "content,refused",
    [
        (b"Caf\xe9 talks\n\n" + b"He said it was fine.\x7f" * 20, True),  # DEL is a control character
        (b"Caf\xe9 talks\n\n" + b"He said it was fine.\x81" * 20, True),  # a byte cp1252 lacks
        (b"Caf\xe9 talks\n\n" + b"He said it was fine.\x0b" * 20, False),  # a vertical tab breaks a line
        (("Talks\n\n" + "He said it was fine.\ufffd" * 20).encode(), False),  # U+FFFD in UTF-8 is a character
    ],
    ids=["del-cp1252", "undefined-cp1252", "vertical-tab-cp1252", "replacement-char-utf8"],
)
@pytest.mark.filterwarnings("ignore::helpers.read.ArticleWarning")
def test_control_characters_count_the_same_in_every_encoding(tmp_path, content, refused):
    p = tmp_path / "a.txt"
    p.write_bytes(content)
    if refused:
        with pytest.raises(LeadertoneError, match="binary data, not text"):
            load_article(p)
    else:
        assert load_article(p).text.startswith(("Café talks", "Talks"))


MOJIBAKE_SOURCE = "Leaders meet\n\nPutin said: “We’re ready — «nyet» is not the answer,” in Gdańsk and Łódź.\n"


@pytest.mark.parametrize(
    "content,encoding",
    [
        # UTF-8 read as Windows-1252 (bytes it lacks kept as C1 controls, as Windows does), saved as UTF-8
        (MOJIBAKE_SOURCE.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8"), "utf-8"),
        # UTF-8 read as Latin-1, saved as UTF-8: full of C1 controls, refused as binary before
        (MOJIBAKE_SOURCE.encode("utf-8").decode("latin-1").encode("utf-8"), "utf-8"),
        # UTF-8 text with one Windows-1252 paragraph: not UTF-8, so every UTF-8 character was mojibake
        (MOJIBAKE_SOURCE.encode("utf-8") + "\nCafé crème.\n".encode("cp1252"), "cp1252"),
    ],
    ids=["cp1252-as-utf8", "latin1-as-utf8", "utf8-with-cp1252-bytes"],
)
@pytest.mark.filterwarnings("ignore::helpers.read.ArticleWarning")
def test_mojibake_is_repaired_and_said(tmp_path, content, encoding):
    p = tmp_path / "a.txt"
    p.write_bytes(content)
    a = load_article(p)
    assert a.text.startswith(MOJIBAKE_SOURCE) and a.encoding == encoding
    assert "Café crème." in a.text or encoding != "cp1252"
    notes = [n for n in a.notes if "repaired mis-decoded text (mojibake)" in n]
    assert len(notes) == 1 and "with ftfy" in notes[0]
    changed = int(notes[0].split(": ")[-1].split()[0])
    assert changed == sum(1 for c in MOJIBAKE_SOURCE if not c.isascii())  # each mis-decoded character, once


@pytest.mark.parametrize(
    "text",
    [
        "Leaders meet\n\n“Ça va,” said Zelenskyy in Zürich, naïve or not — «нет», Łódź, ÂGE, 5 °C, £3.\n",
        "Leaders meet\n\nSÃO PAULO — “Ótimo”, disse; ÉTÉ“ and Ü” in capitals; Ελλάδα.\n",
    ],
    ids=["accents-and-quotes", "capitals-before-marks"],
)
def test_text_without_mojibake_is_left_alone(tmp_path, text):
    p = tmp_path / "a.txt"
    p.write_text(text, encoding="utf-8")
    a = load_article(p)
    assert a.text == text and not any("repaired mis-decoded" in n for n in a.notes)


def test_cp1252_quotes_read_as_latin1_are_repaired(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Leaders meet\n\nPutin said \x93fine\x94 twice.\n", encoding="utf-8")
    with pytest.warns(ArticleWarning, match="repaired mis-decoded text"):
        a = load_article(p)
    assert "Putin said “fine” twice." in a.text
    assert any(n.endswith("with ftfy: 2 characters changed") for n in a.notes)


@pytest.mark.parametrize(
    "content",
    [bytes(range(0x80, 0xA0)) * 200, bytes(range(0xC2, 0xF5)) * 100 + bytes(range(0x80, 0xA0)) * 100],
    ids=["c1-bytes", "lead-and-continuation-bytes"],
)
def test_binary_data_that_looks_mis_decoded_is_still_refused(tmp_path, content):
    p = tmp_path / "a.txt"
    p.write_bytes(content)
    with pytest.raises(LeadertoneError, match="binary data, not text"):
        load_article(p)
