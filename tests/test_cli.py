"""The command line: the analyze JSON, the report job and exit codes."""

from __future__ import annotations

import json
import os
import re
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


def _over_100_bytes(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Leaders meet\n\nJoe Biden met Vladimir Putin in Geneva on Wednesday. " * 5, encoding="utf-8")
    return p


@pytest.mark.parametrize("where", ["before the command", "after the command"])
@pytest.mark.parametrize("command", ["analyze", "report"])
def test_max_bytes_option_before_or_after_the_command(tmp_path, capsys, command, where):
    p = _over_100_bytes(tmp_path)
    rest = [str(p), "--no-notebooks", "--out", str(tmp_path / "out")] if command == "report" else [str(p)]

    def run(limit: str) -> int:
        option = ["--max-bytes", limit]
        return main([*option, command, *rest] if where == "before the command" else [command, *rest, *option])

    assert run("100") == 2
    err = capsys.readouterr().err
    assert "over the 100 bytes limit" in err and "Traceback" not in err
    assert run("100000") == 0, capsys.readouterr().err
    assert "over the" not in capsys.readouterr().err
    assert config.MAX_INPUT_BYTES == config.DEFAULT_MAX_BYTES or "LEADERTONE_MAX_BYTES" in os.environ


def test_max_bytes_after_the_command_wins_over_one_before_it(tmp_path, capsys):
    p = _over_100_bytes(tmp_path)
    assert main(["--max-bytes", "100000", "analyze", str(p), "--max-bytes", "100"]) == 2
    assert "over the 100 bytes limit" in capsys.readouterr().err
    assert main(["--max-bytes", "100", "analyze", str(p), "--max-bytes", "100000"]) == 0


def test_the_size_error_suggests_a_limit_that_works(tmp_path, capsys):
    """The advice in the error, followed as written (after the command, or in the environment), reads the file."""
    p = _over_100_bytes(tmp_path)
    assert main(["analyze", str(p), "--max-bytes", "100"]) == 2
    err = capsys.readouterr().err.strip()
    option = re.search(r"raise it with (--max-bytes (\d+)) or (LEADERTONE_MAX_BYTES)=(\d+)", err)
    assert option, err
    assert int(option.group(2)) == p.stat().st_size
    assert main(["analyze", str(p), *option.group(1).split()]) == 0, capsys.readouterr().err
    env = {**os.environ, option.group(3): option.group(4)}
    proc = subprocess.run([sys.executable, "-m", "helpers", "analyze", str(p)], capture_output=True, text=True,
                          env=env)
    assert proc.returncode == 0 and "Leaders meet" in proc.stdout, proc.stderr


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


def test_mojibake_article_is_repaired_analysed_and_said(tmp_path, default_analysis):
    # the default article as a page read as Latin-1 and saved again: full of C1 controls, once refused as binary
    p = tmp_path / "mojibake.txt"
    p.write_bytes(DEFAULT_ARTICLE.read_text(encoding="utf-8").encode("utf-8").decode("latin-1").encode("utf-8"))
    proc = run_cli("analyze", str(p), "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["article"]["text"] == default_analysis.article.text
    clean = json.loads(default_analysis.to_json())
    assert [(q["text"], q["speaker"]) for q in out["quotes"]] == [(q["text"], q["speaker"]) for q in clean["quotes"]]
    assert "“difficult to say”" in out["article"]["text"] and "Vladimir Putin" in {q["speaker"] for q in out["quotes"]}
    assert any("repaired mis-decoded text (mojibake) with ftfy" in w for w in out["warnings"])
    assert "warning:" in proc.stderr and "mojibake" in proc.stderr


def test_binary_file_is_still_one_error_line(tmp_path):
    p = tmp_path / "photo.txt"
    p.write_bytes(("".join(map(chr, range(0x80, 0xA0))) * 64).encode("utf-8"))  # valid UTF-8 of C1 controls only
    proc = run_cli("analyze", str(p), "--json")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.strip().splitlines() == [f"error: {p}: binary data, not text (full of control characters)"]


SMALL_ARTICLE = (
    "Leaders meet in Geneva\n\n"
    "Joe Biden met Vladimir Putin in Geneva on Wednesday.\n\n"
    "“We had a good talk,” Putin said after the meeting. He called it useful.\n\n"
    "Putin says Navalny ignored Russian laws.\n\n"
    "Biden told reporters: “It went well, and we will see.”\n"
)
#: Each count label of helpers.output.counts, as a pattern that takes its number
LABELS = {
    "name_mentions": r"named (\d+) times?\b",
    "mentions": r"(\d+) mentions?\b",
    "direct_quotes": r"(\d+) direct quotes?\b",
    "indirect": r"(\d+) indirect statements?\b",
}


def _numbers(line: str) -> dict[str, int]:
    import re

    return {label: int(m.group(1)) for label, pattern in LABELS.items() if (m := re.search(pattern, line))}


@pytest.mark.parametrize("source", ["default", "small"])
def test_each_count_has_one_number_in_report_summary_and_corpus_tables(tmp_path, capsys, nlp, source):
    import re

    from helpers import analyze, analyze_corpus
    from helpers.output import render_report

    path = DEFAULT_ARTICLE if source == "default" else tmp_path / "geneva.txt"
    if source == "small":
        path.write_text(SMALL_ARTICLE, encoding="utf-8")
    assert main(["analyze", str(path)]) == 0
    summary = capsys.readouterr().out.splitlines()
    analysis = analyze(path, nlp=nlp)
    page = render_report(analysis, figures={})
    corpus = analyze_corpus([path], out_dir=None, progress=False)
    leaders = corpus.leaders.set_index("leader")
    assert len(analysis.leaders) == 2
    for ld in analysis.leaders:
        cli = _numbers(next(line for line in summary if line.strip().startswith(f"{ld.name}:")))
        html_item = re.search(rf"<strong>{ld.name}</strong> — ([^<]*)</li>", page).group(1)
        table = {label: int(leaders.loc[ld.name, label]) for label in LABELS}
        assert cli == _numbers(html_item) == table, ld.name
        assert table["mentions"] == int((analysis.mentions.leader == ld.name).sum())  # all mentions, pronouns too
        record = next(r for r in analysis.to_dict()["leaders"] if r["name"] == ld.name)
        assert (record["name_mentions"], record["mentions"]) == (table["name_mentions"], table["mentions"])
    body = len(analysis.article.body_paragraphs())
    assert f"{body} body paragraph" in summary[1] and f"{body} body paragraph" in page
    assert corpus.articles.body_paragraphs.tolist() == [body]
    if source == "default":  # names and all mentions are different numbers here, so a swapped label shows
        putin = leaders.loc["Vladimir Putin"]
        assert putin.name_mentions < putin.mentions
    else:
        putin_line = next(line for line in summary if "Vladimir Putin:" in line)
        assert "1 indirect statement" in putin_line and "statements" not in putin_line
        assert "1 indirect statements" not in page + "\n".join(summary)
        assert "1 direct quote " in putin_line


def test_report_job_gives_each_person_one_colour_in_every_article_and_the_corpus(tmp_path, capsys):
    """Xi Jinping asks for Vladimir Putin's colour: beside Putin he must move, so he moves in every article."""
    import re

    from helpers.corpus import analyze_corpus
    from helpers.output import chart_colors, chart_corpus_quote_share, chart_corpus_tone
    from helpers.output.style import color_slot

    assert color_slot("Xi Jinping") == color_slot("Vladimir Putin") != color_slot("Narendra Modi")
    src = tmp_path / "raw"
    src.mkdir()
    pairs = {"moscow": ("Vladimir Putin", "Xi Jinping"), "delhi": ("Xi Jinping", "Narendra Modi"),
             "geneva": ("Joe Biden", "Vladimir Putin")}
    for name, (a, b) in pairs.items():
        (src / f"{name}.txt").write_text(
            f"Leaders meet in the capital\n\nPresident {a} met President {b} on Tuesday, officials said. "
            f"\u201cThe talks were good,\u201d {a} told reporters. {b} said the two sides would meet again.\n",
            encoding="utf-8")
    out = tmp_path / "reports"
    assert main(["report", str(src), "--out", str(out), "--no-notebooks"]) == 0, capsys.readouterr().err
    seen: dict[str, set[str]] = {}
    for name, pair in pairs.items():
        html = (out / name / "report.html").read_text(encoding="utf-8")
        chips = {n: c for c, n in re.findall(r'<span class="chip" style="--c:(#[0-9A-Fa-f]{6})"></span> '
                                             r'<strong>([^<]+)</strong>', html)}
        assert set(chips) == set(pair) and len(set(chips.values())) == 2  # the two never share a colour
        svg = (out / name / "figures" / "mentions.svg").read_text(encoding="utf-8").lower()
        for person, colour in chips.items():
            seen.setdefault(person, set()).add(colour)
            assert colour.lower() in svg, (name, person)
    assert all(len(colours) == 1 for colours in seen.values()), seen  # one colour per person in the run
    registry = {person: colours.pop() for person, colours in seen.items()}
    # Xi is not drawn in his own name's colour on his own in delhi: the run decided it
    assert chart_colors(pairs["delhi"])["Xi Jinping"] != registry["Xi Jinping"]
    corpus = analyze_corpus(sorted(src.glob("*.txt")), out_dir=None, progress=False)
    for chart in (chart_corpus_quote_share(corpus), chart_corpus_tone(corpus)):
        titles = [next(t for t in (ax.title, ax._left_title) if t.get_text()) for ax in chart.fig.axes if ax.axison]
        assert {t.get_text(): t.get_color() for t in titles} == registry


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
