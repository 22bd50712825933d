"""The command line: the analyze JSON, the report job and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pandas as pd
import pytest

from helpers import SCHEMA_VERSION, config
from helpers.cli import main

DEFAULT_ARTICLE = config.DEFAULT_ARTICLE


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helpers", *args], capture_output=True, text=True)


def test_analyze_json_on_default_article(gold):
    proc = run_cli("analyze", str(DEFAULT_ARTICLE), "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["schema_version"] == SCHEMA_VERSION
    art = out["article"]
    assert art["title"] == "Putin after meeting Biden: ‘It is difficult to say whether the re-run…"
    assert art["headings"] == gold["headings"]
    assert [b["text"] for b in art["boilerplate"]] == gold["boilerplate"]
    for p in art["paragraphs"]:
        assert art["text"][p["start"] : p["end"]] == p["text"]
    assert art["text"] == DEFAULT_ARTICLE.read_text(encoding="utf-8")
    assert {"Joe Biden", "Vladimir Putin"} <= {e["canonical"] for e in out["entities"] if e["label"] == "PERSON"}


@pytest.mark.parametrize(
    "name,content,message",
    [("missing.txt", None, "no such file"), ("", None, "is a directory"), ("e.txt", "", "empty")],
)
def test_bad_input_exit_2_one_line(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    proc = run_cli("analyze", str(path), "--json")
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]
    assert "Traceback" not in proc.stderr


def test_max_bytes_option(tmp_path, capsys):
    p = tmp_path / "a.txt"
    p.write_text("Headline\n\n" + "Some words here. " * 200, encoding="utf-8")
    assert main(["--max-bytes", "100", "analyze", str(p)]) == 2
    assert "over the" in capsys.readouterr().err


def test_report_job_writes_analysis_and_keeps_going(tmp_path, capsys):
    src = tmp_path / "raw"
    src.mkdir()
    good = src / "good_one.txt"
    good.write_text("Leaders meet\n\nJoe Biden met Vladimir Putin in Geneva on Wednesday.\n", encoding="utf-8")
    (src / "broken.json").write_text("{oops", encoding="utf-8")
    out = tmp_path / "reports"
    status = main(["report", str(src), "--out", str(out), "--no-notebooks"])
    err = capsys.readouterr().err
    assert status == 1
    assert "broken.json: error:" in err and "1 of 2 articles failed" in err
    data = json.loads((out / "good_one" / "analysis.json").read_text(encoding="utf-8"))
    assert data["article"]["title"] == "Leaders meet"
    assert not list(out.rglob("*.tmp"))


def test_report_job_writes_the_corpus_tables_of_two_articles(tmp_path, capsys):
    src = tmp_path / "raw"
    src.mkdir()
    for name, text in [
        ("first", "Leaders meet\n\nJoe Biden met Vladimir Putin in Geneva on Wednesday.\n"),
        ("second", "Talks go on\n\nVladimir Putin said \u201cwe will see\u201d after meeting Joe Biden.\n"),
        ("corpus", "Corpus\n\nJoe Biden met Vladimir Putin again on Thursday in Geneva.\n"),
    ]:
        (src / f"{name}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "reports"
    status = main(["report", str(src), "--out", str(out), "--no-notebooks"])
    err = capsys.readouterr().err
    assert status == 1 and "corpus.txt: error: its report folder corpus/ is where the corpus report goes" in err
    assert "error: 1 of 3 articles failed" in err
    tables = out / "corpus" / "tables"
    articles = pd.read_csv(tables / "articles.csv")
    assert list(articles.article) == ["first", "second"]
    quotes = pd.read_parquet(tables / "quotes.parquet")
    assert list(quotes.text) == ["we will see"] and list(quotes.speaker) == ["Vladimir Putin"]


def test_analyze_json_quotes_and_leaders():
    proc = run_cli("analyze", str(DEFAULT_ARTICLE), "--json", "--leaders", "Joe Biden", "Putin")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert [ld["name"] for ld in out["leaders"]] == ["Joe Biden", "Vladimir Putin"]
    text = out["article"]["text"]
    for q in out["quotes"] + out["indirect"]:
        assert text[q["start"] : q["end"]] == q["text"]
    assert {q["kind"] for q in out["quotes"]} == {"direct", "scare"}
    assert {q["kind"] for q in out["indirect"]} == {"indirect"}
    counts = {c["leader"]: c["direct_quotes"] for c in out["quote_counts"]}
    assert counts == {"Joe Biden": 5, "Vladimir Putin": 13}
    assert {m["rule"] for m in out["mentions"]} >= {"surname", "pronoun", "role phrase"}


def test_leader_absent_from_article_warns_and_counts_zero():
    proc = run_cli("analyze", str(DEFAULT_ARTICLE), "--json", "--leaders", "Vladimir Putin", "Angela Merkel")
    assert proc.returncode == 0
    out = json.loads(proc.stdout)
    assert "warning: 'Angela Merkel' is not mentioned" in proc.stderr
    assert {c["leader"]: c["direct_quotes"] for c in out["quote_counts"]} == {"Vladimir Putin": 13, "Angela Merkel": 0}


def test_invalid_size_limit_in_environment_is_one_clear_error():
    env = {**os.environ, "LEADERTONE_MAX_BYTES": "10MB"}
    proc = subprocess.run([sys.executable, "-m", "helpers", "analyze", str(DEFAULT_ARTICLE)],
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 2
    assert proc.stderr.strip() == (
        "error: LEADERTONE_MAX_BYTES='10MB' is not a positive whole number of bytes (e.g. 20000000)"
    )


def test_report_job_says_each_step_as_it_goes(tmp_path, capsys):
    """One line when an article starts, one when it is analysed, one when its files are written, one at the end."""
    src = tmp_path / "summit.txt"
    src.write_text("Leaders meet\n\nJoe Biden met Vladimir Putin in Geneva on Wednesday.\n", encoding="utf-8")
    out = tmp_path / "reports"
    assert main(["report", str(src), "--out", str(out), "--no-notebooks"]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert lines == ["[1/1] summit.txt: analysing", "[1/1] summit.txt: analysed",
                     "[1/1] summit.txt: tables, 6 charts and report.html written",
                     f"[1/1] summit.txt: wrote {out / 'summit'}/"]
