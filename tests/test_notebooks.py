"""The notebooks: thin, parameterised, stored without outputs, and every cell runs on two different articles.

The run goes through the report job (``write_article_report``), which executes each
notebook once per article with papermill, the values used written into its parameters
cell: a failing cell fails the fixture and so the suite. ``project_job`` runs the command
line in a copy of the project, as ``make report`` does, and reads its output from a pipe.
"""

from __future__ import annotations

import ast
import html
import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from helpers import config
from helpers.errors import LeadertoneError
from helpers.report import portable_path, report_notebooks, run_notebooks, write_article_report

NOTEBOOKS = report_notebooks()
NAMES = [p.name for p in NOTEBOOKS]
CORPUS_NOTEBOOK = config.NOTEBOOKS_DIR / "05_corpus.ipynb"
#: Every notebook as stored: the per-article ones and the corpus one.
ALL_NOTEBOOKS = [*NOTEBOOKS, CORPUS_NOTEBOOK]
ALL_NAMES = [p.name for p in ALL_NOTEBOOKS]
TEST_ARTICLES = Path(__file__).resolve().parent / "data" / "articles"
SECOND_ARTICLE = config.DATA_RAW / "macron_scholz_paris_2023.txt"
CHARTS = ["entity_counts", "mentions", "quote_counts", "speakers", "tone", "sentence_tone"]
TABLES = ["entities", "mentions", "quotes", "quote_counts", "sentences", "tone"]
#: The first line of every notebook: loads autoreload, and on a rerun reloads it without a word.
AUTORELOAD = "%reload_ext autoreload"


def _read(path: Path):
    return nbformat.read(path, as_version=4)


def expected_report_files(slug: str, notebooks: bool = True) -> set[str]:
    """Every file ``make report`` writes for one article, relative to ``reports/``."""
    files = {f"{slug}/analysis.json", f"{slug}/report.html"}
    files |= {f"{slug}/tables/{t}.csv" for t in TABLES}
    files |= {f"{slug}/figures/{c}.{ext}" for c in CHARTS for ext in ("png", "svg", "pdf", "csv")}
    if notebooks:
        files |= {f"{slug}/notebooks/{n}" for n in NAMES}
        files |= {f"{slug}/notebooks/{Path(n).stem}.html" for n in NAMES}
    return files


# --------------------------------------------------------------------------- the notebooks as stored


def test_the_four_notebooks_exist():
    assert NAMES == ["01_article.ipynb", "02_entities.ipynb", "03_quotes.ipynb", "04_tone.ipynb"]


def test_the_corpus_notebook_is_run_once_over_all_articles():
    assert report_notebooks(corpus=True) == [CORPUS_NOTEBOOK]


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=ALL_NAMES)
def test_notebook_is_stored_without_outputs(path):
    """nbstripout-style: a committed notebook has no outputs and no execution counts."""
    nb = _read(path)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: strip outputs (nbstripout)"
    assert nb.metadata.kernelspec.name == "python3"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=ALL_NAMES)
def test_notebook_is_thin(path):
    nb = _read(path)
    for cell in nb.cells:
        for word in ("def ", "class ", "lambda"):
            assert word not in cell.source, f"{path.name}: {word.strip()!r} in a cell; move the code into helpers"
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code" and not c.source.startswith("%"))
    tree = ast.parse(code)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            assert all(a.name.split(".")[0] in ("helpers", "spacy") for a in node.names), ast.unparse(node)
        if isinstance(node, ast.ImportFrom):
            assert node.module.split(".")[0] == "helpers", ast.unparse(node)
    # paths work from any working directory (analyze_corpus resolves each one like config.resolve)
    assert "analyze_corpus(ARTICLES" in code if path == CORPUS_NOTEBOOK \
        else "helpers.config.resolve(ARTICLE)" in code


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=ALL_NAMES)
def test_first_cell_autoreload_and_one_parameters_cell_of_literals(path):
    nb = _read(path)
    first = nb.cells[0]
    assert first.cell_type == "code" and first.source.splitlines() == [AUTORELOAD, "%autoreload 2"]
    tagged = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1
    tree = ast.parse(tagged[0].source)
    names = []
    for stmt in tree.body:
        assert isinstance(stmt, ast.Assign) and len(stmt.targets) == 1, ast.unparse(stmt)
        ast.literal_eval(stmt.value)  # plain values only
        names.append(stmt.targets[0].id)
    if path == CORPUS_NOTEBOOK:
        assert names == ["ARTICLES", "LEADERS", "GROUP_BY", "EXPORT", "OUT_DIR", "ENGINE", "N_PROCESS", "COLORS"]
        assert [ast.literal_eval(stmt.value) for stmt in tree.body] == ["data/raw", None, "outlet", True, None,
                                                                        "local", 1, None]
        return
    # a notebook that draws leaders takes the run's colours and hands them to every such chart
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    calls = re.findall(r"(chart_(?:mentions|quote_counts|speakers|tone|sentence_tone))\(([^)]*)\)", code)
    assert names == ["ARTICLE", "LEADERS", "EXPORT", "OUT_DIR"] + (["COLORS"] if calls else [])
    assert all("colors=COLORS" in args for _, args in calls), calls
    assert ast.literal_eval(tree.body[0].value) == "data/raw/putin_biden_geneva_2021.txt"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=ALL_NAMES)
def test_rerunning_the_first_cell_prints_nothing(path):
    """Run All twice: the autoreload cell is silent the second time too (no "already loaded")."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    first = "".join(next(c for c in cells if c["cell_type"] == "code")["source"])
    assert first.splitlines()[0] == AUTORELOAD
    script = ("from IPython.core.interactiveshell import InteractiveShell\n"
              "import sys\n"
              "shell = InteractiveShell.instance()\n"
              "for _ in range(2):\n"
              "    result = shell.run_cell(sys.argv[1])\n"
              "    assert result.success, result\n"
              "assert 'IPython.extensions.autoreload' in shell.extension_manager.loaded\n")
    proc = subprocess.run([sys.executable, "-c", script, first], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout + proc.stderr == ""


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=ALL_NAMES)
def test_sections_end_with_an_interpretation(path):
    nb = _read(path)
    readings = [c for c in nb.cells if c.cell_type == "markdown" and "**Reading this.**" in c.source]
    assert len(readings) >= 1
    assert nb.cells[1].cell_type == "markdown" and nb.cells[1].source.startswith("# ")


# --------------------------------------------------------------------------- running them


@pytest.fixture(scope="module", params=[config.DEFAULT_ARTICLE, SECOND_ARTICLE], ids=["default", "second"])
def report(request, tmp_path_factory):
    """The whole report job, notebooks included, for one article: each notebook runs once."""
    out = tmp_path_factory.mktemp("reports")
    written = write_article_report(request.param, out_dir=out)
    return out, config.slugify(request.param.stem), written, request.param


def test_report_writes_every_file(report):
    out, slug, written, _ = report
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert files == expected_report_files(slug)
    assert {p.relative_to(out).as_posix() for p in written} == files
    assert not [f for f in files if f.endswith(".tmp") or "/." in f]


def _parameters(nb) -> dict:
    """The values the parameters cell of an executed notebook assigns."""
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    return {stmt.targets[0].id: ast.literal_eval(stmt.value) for stmt in ast.parse(cell.source).body}


def test_every_notebook_ran_without_errors(report):
    out, slug, _, _ = report
    for name in NAMES:
        nb = _read(out / slug / "notebooks" / name)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(c.execution_count is not None for c in code), name
        assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), name
        errors = [o for c in code for o in c.outputs if o.output_type == "error"]
        assert not errors, (name, errors)
        html = (out / slug / "notebooks" / name).with_suffix(".html").read_text(encoding="utf-8")
        assert html.lstrip().lower().startswith("<!doctype html")


def test_the_parameters_cell_shows_the_values_used(report):
    """One parameters cell, holding this article (not the default one) relative to the project, and no
    second "injected-parameters" cell; the run used them (the title shown is this article's)."""
    from helpers.read import load_article

    out, slug, _, article = report
    for name in NAMES:
        nb = _read(out / slug / "notebooks" / name)
        assert not [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])], name
        assert sum("parameters" in c.metadata.get("tags", []) for c in nb.cells) == 1
        values = _parameters(nb)
        assert values["ARTICLE"] == article.relative_to(config.PROJ_ROOT).as_posix(), name
        assert values["EXPORT"] is False  # the job wrote the charts; the notebook only shows them
        assert nb.metadata.papermill.parameters == {"ARTICLE": values["ARTICLE"], "EXPORT": False}
        shown = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
        assert any(load_article(article).title in o.get("data", {}).get("text/plain", "") for o in shown), name


def test_html_copies_open_offline_and_show_the_charts(report):
    """No script or stylesheet from the network (no require.js, no MathJax CDN); images inline."""
    out, slug, _, _ = report
    for name in NAMES:
        html = (out / slug / "notebooks" / name).with_suffix(".html").read_text(encoding="utf-8")
        remote = re.findall(r"<(?:script|link|img)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//[^>]*>", html, re.I)
        assert not remote, (name, remote)
        assert not re.search(r"@import\s+url\(\s*[\"']?(?:https?:)?//", html), name
        assert "require.min.js" not in html and "mathjax" not in html.lower(), name
        assert "<script" not in html.lower(), name  # nothing to run: the page is static
        nb = _read(out / slug / "notebooks" / name)
        pngs = sum("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
        assert html.count('src="data:image/png;base64,') == pngs, name
        if name != "01_article.ipynb":
            assert pngs >= 2, name
        assert _parameters(nb)["ARTICLE"] in html  # the parameters cell, rendered


def test_notebooks_show_charts_and_interpretation(report):
    out, slug, _, _ = report
    for name in ["02_entities.ipynb", "03_quotes.ipynb", "04_tone.ipynb"]:
        nb = _read(out / slug / "notebooks" / name)
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
        assert sum("image/png" in o.get("data", {}) for o in outputs) >= 2, name
        assert sum("text/markdown" in o.get("data", {}) for o in outputs) >= 2, name


#: The tables each notebook shows for reading (by the id of their CSS) and the full table in the cell under each.
STYLED = {
    "01_article.ipynb": {"paragraphs": None, "boilerplate": None},
    "02_entities.ipynb": {"mentions": "mention_evidence(analysis)"},
    "03_quotes.ipynb": {"quotes-direct-scare": "analysis.quotes", "quotes-indirect": None},
    "04_tone.ipynb": {"tone": "analysis.tone", "tone-drivers": "tone_drivers(analysis)"},
}


def _html_outputs(cell) -> str:
    return "".join(o.get("data", {}).get("text/html", "") for o in cell.get("outputs", []))


def test_notebooks_show_tables_for_reading_with_the_full_table_under_them(report):
    out, slug, _, _ = report
    for name, tables in STYLED.items():
        cells = _read(out / slug / "notebooks" / name).cells
        for table, full in tables.items():
            shown = [i for i, c in enumerate(cells) if f'<table id="T_{table}"' in _html_outputs(c)]
            assert len(shown) == 1, (name, table)
            if full:
                under = cells[shown[0] + 1]
                assert under.source == full and "<table" in _html_outputs(under), (name, table)
    data = json.loads((out / slug / "analysis.json").read_text(encoding="utf-8"))
    cells = _read(out / slug / "notebooks" / "03_quotes.ipynb").cells
    view = next(_html_outputs(c) for c in cells if '<table id="T_quotes-direct-scare"' in _html_outputs(c))
    headers = re.findall(r'class="col_heading[^"]*"\s*>([^<]*)</th>', view)
    assert headers == ["speaker", "quotation", "cue", "kind"]
    assert max(len(q["text"]) for q in data["quotes"]) > 50
    quotations = [html.unescape(t) for t in re.findall(r'class="data row\d+ col1"\s*>(.*?)</td>', view, re.S)]
    assert quotations == [q["text"] for q in sorted(data["quotes"], key=lambda q: q["start"])]  # whole, however long


def test_report_content_matches_the_analysis(report):
    out, slug, _, _ = report
    data = json.loads((out / slug / "analysis.json").read_text(encoding="utf-8"))
    html = (out / slug / "report.html").read_text(encoding="utf-8")
    quotes = data["quotes"] + data.get("indirect", [])
    assert len(set(re.findall(r'data-quote="(\d+)"', html))) == len(quotes)
    assert html.count('src="data:image/png;base64,') == len(CHARTS)
    for leader in data["leaders"]:
        assert leader["name"] in html


def test_second_article_reads_as_written():
    from helpers import analyze

    a = analyze(SECOND_ARTICLE)
    assert [ld.name for ld in a.leaders] == ["Emmanuel Macron", "Olaf Scholz"]
    assert a.article.headings == ("Energy and defence",)
    assert [b.reason for b in a.article.boilerplate] == ["related link"]
    assert {"Emmanuel Macron", "Olaf Scholz"} <= set(a.quotes.speaker.dropna())
    # what the article was written to exercise: both quotation mark styles, quotes before and after
    # their cue, "according to", a pronoun-attributed quote, a spokesperson, a "Read more:" line
    text = a.article.text
    for feature in ["“", '"', "Macron told reporters", '," the chancellor said', "According to Scholz",
                    ',” he said', "spokesman Steffen Hebestreit", "Read more:"]:
        assert feature in text


def test_a_failing_notebook_keeps_the_previous_one(tmp_path):
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                           "language": "python"}})
    params = nbformat.v4.new_code_cell('ARTICLE = "x"\nOUT_DIR = None')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell("raise ValueError('broken on purpose')")]
    src = tmp_path / "src" / "09_broken.ipynb"
    src.parent.mkdir()
    nbformat.write(nb, src)
    previous = tmp_path / "out" / "a" / "notebooks" / "09_broken.ipynb"
    previous.parent.mkdir(parents=True)
    previous.write_text("previous run", encoding="utf-8")
    with pytest.raises(LeadertoneError, match="09_broken.ipynb failed .*ValueError: broken on purpose"):
        run_notebooks(tmp_path / "a.txt", out_dir=tmp_path / "out", slug="a", notebooks=[src])
    assert previous.read_text(encoding="utf-8") == "previous run"
    assert sorted(p.name for p in previous.parent.iterdir()) == ["09_broken.ipynb"]



def test_the_runs_colours_reach_the_notebooks_that_take_them(tmp_path):
    """``run_notebooks(colors=…)`` sets ``COLORS`` in a notebook that has it, and leaves the others alone."""
    kernel = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    sources = []
    for name, params in (("08_colours", 'ARTICLE = "x"\nOUT_DIR = None\nCOLORS = None'),
                         ("09_plain", 'ARTICLE = "x"\nOUT_DIR = None')):
        nb = nbformat.v4.new_notebook(metadata=kernel)
        cell = nbformat.v4.new_code_cell(params)
        cell.metadata["tags"] = ["parameters"]
        nb.cells = [cell, nbformat.v4.new_code_cell("print(sorted(globals().get('COLORS') or {}))")]
        sources.append(tmp_path / "src" / f"{name}.ipynb")
        sources[-1].parent.mkdir(exist_ok=True)
        nbformat.write(nb, sources[-1])
    colors = {"Xi Jinping": "#D55E00", "Vladimir Putin": "#0072B2"}
    run_notebooks(tmp_path / "a.txt", out_dir=tmp_path / "out", slug="a", notebooks=sources, colors=colors)
    printed = {}
    for src in sources:
        nb = _read(tmp_path / "out" / "a" / "notebooks" / src.name)
        printed[src.stem] = "".join(o.get("text", "") for o in nb.cells[-1].outputs).strip()
    assert printed == {"08_colours": str(sorted(colors)), "09_plain": "[]"}


# --------------------------------------------------------------------------- the corpus notebook

CORPUS_CHARTS = ["corpus_quote_share", "corpus_tone"]


def test_corpus_notebook_runs_over_two_folders_and_exports_its_charts(tmp_path):
    """05_corpus on data/raw and tests/data/articles, run as the report job runs it (papermill, ARTICLES, OUT_DIR)."""
    import pandas as pd

    from helpers.corpus import analyze_corpus
    from helpers.output import chart_corpus_quote_share, chart_corpus_tone

    folders = [config.DATA_RAW, TEST_ARTICLES]
    written = run_notebooks(folders, out_dir=tmp_path, notebooks=[CORPUS_NOTEBOOK])
    nb = _read(tmp_path / "corpus" / "notebooks" / CORPUS_NOTEBOOK.name)
    assert {p.name for p in written} == {"05_corpus.ipynb", "05_corpus.html"}
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code)
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    assert not [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert _parameters(nb)["ARTICLES"] == [portable_path(f) for f in folders] == ["data/raw", "tests/data/articles"]
    assert _parameters(nb)["OUT_DIR"] == portable_path(tmp_path)
    outputs = [o for c in code for o in c.outputs]
    assert sum("image/png" in o.get("data", {}) for o in outputs) == 2  # the two charts
    assert sum("text/markdown" in o.get("data", {}) for o in outputs) >= 3  # two captions and the summary

    figures = tmp_path / "corpus" / "figures"
    assert {p.name for p in figures.iterdir()} == {f"{c}.{ext}" for c in CORPUS_CHARTS
                                                    for ext in ("png", "svg", "pdf", "csv")}
    assert (figures / "corpus_quote_share.png").read_bytes().startswith(b"\x89PNG")

    # the plotted data agrees with the corpus analysed here, on the same articles
    corpus = analyze_corpus(folders, out_dir=None, progress=False)
    assert corpus.errors.empty and len(corpus.articles) == 11
    shares = pd.read_csv(figures / "corpus_quote_share.csv")
    expected = chart_corpus_quote_share(corpus, by="outlet").data
    pd.testing.assert_frame_equal(shares, expected, check_dtype=False)
    assert {"Reuters", "outlet not given — add metadata.csv"} <= set(shares.group)
    assert "unknown" not in set(shares.group)
    reuters = corpus.leaders[corpus.leaders.outlet == "Reuters"]
    for row in shares[(shares.group == "Reuters") & (shares.articles > 0)].itertuples():
        mine = reuters.loc[reuters.leader == row.leader, "quote_share"]
        assert (row.articles, row.quote_share) == (len(mine), pytest.approx(mine.mean(), abs=1e-4))
    tone = pd.read_csv(figures / "corpus_tone.csv")
    pd.testing.assert_frame_equal(tone, chart_corpus_tone(corpus, by="outlet").data, check_dtype=False)


# --------------------------------------------------------------------------- the job as `make report` runs it

RAW_ARTICLES = sorted([config.DEFAULT_ARTICLE, SECOND_ARTICLE])  # the order the job takes them


@pytest.fixture(scope="module")
def project_job(tmp_path_factory):
    """``python -m helpers report`` in a copy of the project (two articles in data/raw/, the notebooks),
    its output read from a pipe line by line as it arrives, each line with the second it came."""
    import os
    import shutil
    import subprocess
    import sys
    import time

    root = tmp_path_factory.mktemp("project")
    (root / "data" / "raw").mkdir(parents=True)
    for article in RAW_ARTICLES:
        shutil.copy(article, root / "data" / "raw" / article.name)
    shutil.copytree(config.NOTEBOOKS_DIR, root / "notebooks", ignore=shutil.ignore_patterns(".*"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # a pipe, buffered as in CI
    env["LEADERTONE_HOME"] = str(root)
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "helpers", "report"], cwd=root, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    lines = [(time.perf_counter() - started, line.rstrip("\n")) for line in proc.stdout]
    status = proc.wait(timeout=900)
    return root, lines, status, time.perf_counter() - started


def test_the_job_prints_a_line_per_notebook_as_it_goes(project_job):
    """Through a pipe (as with `| tee` or in CI) every step arrives when it happens, not at the end."""
    _, lines, status, finished = project_job
    assert status == 0, lines
    text = [line for _, line in lines]
    for n, article in enumerate(RAW_ARTICLES, 1):
        mine = [line for line in text if line.startswith(f"[{n}/2] {article.name}: ")]
        assert mine[0].endswith(": analysing") and mine[-1].endswith(f"wrote reports/{config.slugify(article.stem)}/")
        for name in NAMES:
            assert sum(f"notebook {name} done" in line for line in mine) == 1, (name, mine)
    assert sum(line.startswith("corpus of 2 articles: notebook 05_corpus.ipynb done") for line in text) == 1
    assert text[-1] == "corpus of 2 articles: wrote reports/corpus/"
    # flushed as they come: the first notebook's line arrived long before the job ended
    first = next(t for t, line in lines if "notebook" in line)
    assert finished - first > 5, lines


def test_no_report_file_holds_a_path_of_this_machine(project_job):
    """Nothing under reports/ names the project's folder, the home folder, /tmp or where the code lives."""
    import tempfile

    root, _, status, _ = project_job
    assert status == 0
    machine = {str(root), str(config.PROJ_ROOT), str(Path.home()) + "/", str(Path(tempfile.gettempdir())) + "/"}
    files = [p for p in (root / "reports").rglob("*") if p.is_file()]
    kinds = {p.suffix for p in files}
    assert {".ipynb", ".html", ".json", ".csv", ".parquet", ".png", ".svg", ".pdf"} <= kinds
    leaks = {f"{p.relative_to(root)}: {m}" for p in files for m in machine if m.encode() in p.read_bytes()}
    assert not leaks


def test_executed_notebooks_name_their_inputs_relative_to_the_project(project_job):
    """The parameters shown are the ones the notebooks ran with, from notebooks/, read back as relative paths."""
    root, _, status, _ = project_job
    assert status == 0
    raw = [f"data/raw/{a.name}" for a in RAW_ARTICLES]
    for article, path in zip(RAW_ARTICLES, raw):
        for name in NAMES:
            assert _parameters(_read(root / "reports" / config.slugify(article.stem) / "notebooks" / name))[
                "ARTICLE"] == path
        data = json.loads((root / "reports" / config.slugify(article.stem) / "analysis.json").read_text("utf-8"))
        assert data["article"]["path"] == path
    corpus = root / "reports" / "corpus"
    values = _parameters(_read(corpus / "notebooks" / CORPUS_NOTEBOOK.name))
    assert values["ARTICLES"] == raw and values["EXPORT"] is False and values["GROUP_BY"] == "outlet"
    import pandas as pd

    assert list(pd.read_csv(corpus / "tables" / "articles.csv").path) == raw
    assert {p.name for p in (corpus / "figures").iterdir()} == {f"{c}.{ext}" for c in CORPUS_CHARTS
                                                                for ext in ("png", "svg", "pdf", "csv")}
