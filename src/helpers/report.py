"""The main job: analyse every article in a folder and write each one's report folder."""

from __future__ import annotations

import ast
import dataclasses
import json
import os
import re
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from . import config
from .analysis import Analysis, analyze
from .errors import LeadertoneError
from .files import write_text_atomic
from .output import all_charts, corpus_colors, export, export_tables, write_report
from .read import load_article

#: The Jupyter kernel the notebooks run in (ipykernel installs it into the environment).
KERNEL_NAME = "python3"


@dataclass(frozen=True)
class JobResult:
    """What the job did with one article (or, ``corpus=True``, with all of them together): the files
    written, or the error."""

    source: Path
    outputs: tuple[Path, ...] = ()
    error: str | None = None
    corpus: bool = False


#: The report folder of the whole job's corpus tables, charts and notebooks (``reports/corpus/``).
CORPUS_SLUG = "corpus"
#: What the corpus charts of the report job compare (the corpus notebook's ``GROUP_BY``).
CORPUS_GROUP_BY = "outlet"


def _notebook_parameters(path: Path) -> set[str]:
    """The names a notebook's parameters cell defines."""
    import_notebook_tools()
    import papermill

    return set(papermill.inspect_notebook(str(path)))


def _is_corpus_notebook(path: Path) -> bool:
    """A notebook that takes a set of articles (an ``ARTICLES`` parameter) rather than one ``ARTICLE``."""
    return "ARTICLES" in _notebook_parameters(path)


def report_notebooks(folder: str | Path | None = None, *, corpus: bool = False) -> list[Path]:
    """The numbered notebooks (``notebooks/NN_*.ipynb``, in order) run for every article, or with
    ``corpus=True`` those run once over all the job's articles (their parameters name ``ARTICLES``)."""
    folder = Path(folder) if folder else config.NOTEBOOKS_DIR
    found = sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb") if p.is_file())
    return [p for p in found if _is_corpus_notebook(p) == corpus]


def portable_path(path: str | os.PathLike[str]) -> str:
    """How a path is written into a report: relative to the project root when it is inside the project,
    ``~/…`` under the home folder, else as it is.

    ``config.resolve`` (and so every notebook) reads each of these forms back from any working
    directory, so a report never records where the project lives on this machine.
    """
    p = Path(path).expanduser().resolve()
    for base, prefix in ((config.PROJ_ROOT, ""), (Path.home().resolve(), "~/")):
        if p.is_relative_to(base) and base != Path(base.anchor):
            rel = p.relative_to(base).as_posix()
            return prefix + rel if rel != "." else (prefix.rstrip("/") or ".")
    return str(p)


def _literal(value) -> str:
    """A parameter value as Python source: strings in double quotes as the notebooks write them."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    return repr(value)


def with_parameters(nb, parameters: dict):
    """The notebook with ``parameters`` written into its own ``parameters`` cell (``NAME = value`` lines
    replaced in place, names it lacks appended), so the cell shows the values the run used and no
    second, injected cell is needed."""
    cell = next((c for c in nb.cells if "parameters" in c.metadata.get("tags", [])), None)
    if cell is None:
        raise LeadertoneError("the notebook has no cell tagged 'parameters'")
    lines = cell.source.splitlines()
    todo = dict(parameters)
    for stmt in ast.parse(cell.source).body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            name = stmt.targets[0].id
            if name in todo:
                lines[stmt.lineno - 1: stmt.end_lineno] = [f"{name} = {_literal(todo.pop(name))}"] + [None] * (
                    stmt.end_lineno - stmt.lineno)
    lines = [line for line in lines if line is not None] + [f"{k} = {_literal(v)}" for k, v in todo.items()]
    cell.source = "\n".join(lines)
    return nb


#: The HTML copy of a notebook: JupyterLab's look, with no script or stylesheet fetched from the
#: network (no require.js, MathJax or Mermaid from a CDN); CSS and images are inline, so it opens offline.
_OFFLINE_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""


def notebook_html(nb) -> str:
    """A self-contained HTML page of an executed notebook (outputs, charts inline; no network needed)."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(extra_loaders=[DictLoader({"leadertone_offline.html.j2": _OFFLINE_TEMPLATE})],
                            template_file="leadertone_offline.html.j2", embed_images=True)
    return exporter.from_notebook_node(nb)[0]


def _machine_paths() -> list[tuple[re.Pattern, str]]:
    """Where this machine keeps the code, the project and the home folder, and what a report writes instead."""
    subs = []
    places = ((config.PACKAGE_DIR, "helpers/", "helpers"), (config.PROJ_ROOT, "", "."),
              (Path.home().resolve(), "~/", "~"))
    for base, inside, alone in places:
        if base != Path(base.anchor):
            subs.append((re.compile(re.escape(str(base)) + "/"), inside))
            subs.append((re.compile(re.escape(str(base)) + r"(?![\w.-])"), alone))
    return subs


def _scrub(node, subs):
    """``node`` (an executed notebook) with every absolute path of the project or home written relative."""
    if isinstance(node, str):
        for pattern, repl in subs:
            node = pattern.sub(repl, node)
        return node
    if isinstance(node, list):
        return [_scrub(v, subs) for v in node]
    if isinstance(node, dict):
        return type(node)({k: _scrub(v, subs) for k, v in node.items()})
    return node


def import_notebook_tools() -> None:
    """Import what runs and converts the notebooks (papermill, nbformat, nbconvert), once, in the calling thread.

    Done before any thread starts: a module imported in one thread while another uses it half
    imported fails (matplotlib looks at ``IPython`` while nbconvert imports it). nbformat (and so
    jsonschema) is imported without the optional ``rfc3987_syntax``, whose import builds a grammar
    for about 3 s of CPU on every run and which nothing here uses (it checks IRI formats).
    """
    if "jsonschema._format" not in sys.modules:
        blocked = "rfc3987_syntax" not in sys.modules
        if blocked:
            sys.modules["rfc3987_syntax"] = None  # import fails, so jsonschema skips that checker
        try:
            import nbformat  # noqa: F401
        finally:
            if blocked:
                del sys.modules["rfc3987_syntax"]  # a later explicit import still works
    import IPython  # noqa: F401  (nbconvert imports it lazily, from a worker thread)
    import jinja2  # noqa: F401
    import nbconvert.exporters.html  # noqa: F401
    import papermill  # noqa: F401


def notebook_workers(n: int) -> int:
    """How many notebooks run at once: 2 to 4 kernels, as many as there are CPUs, never more than ``n``."""
    return max(1, min(n, 4, max(2, os.cpu_count() or 2)))


def _run_one(src: Path, target: Path, parameters: dict) -> Path:
    """Execute one notebook (its parameters cell set to ``parameters``) in a fresh kernel started in its
    folder; write it and its HTML copy, each atomically, only when every cell succeeded."""
    import nbformat
    import papermill

    nb = with_parameters(nbformat.read(src, as_version=4), parameters)
    try:
        nb = papermill.execute_notebook(
            nb, None, kernel_name=KERNEL_NAME, progress_bar=False, log_output=False,
            resources={"metadata": {"path": str(src.parent)}},  # the kernel's working directory
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],  # no kernel start-up chatter on stderr
        )
    except papermill.PapermillExecutionError as exc:
        raise LeadertoneError(
            f"notebook {src.name} failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue}") from exc
    except Exception as exc:  # a kernel that dies or does not start
        raise LeadertoneError(f"notebook {src.name} could not run: {type(exc).__name__}: {exc}") from exc
    nb.metadata.papermill.update(input_path=portable_path(src), output_path=target.name, parameters=parameters)
    nb = nbformat.from_dict(_scrub(nb, _machine_paths()))
    write_text_atomic(target, nbformat.writes(nb))
    write_text_atomic(target.with_suffix(".html"), notebook_html(nb))
    return target


def run_notebooks(
    article: str | Path | list[str | Path],
    *,
    out_dir: str | Path | None = None,
    slug: str | None = None,
    leaders: list[str] | None = None,
    notebooks: Iterable[str | Path] | None = None,
    export: bool = True,
    workers: int | None = None,
    progress: Callable[[str], None] | None = None,
    colors: Mapping[str, str] | None = None,
) -> list[Path]:
    """Run every notebook on one article (or the corpus notebooks on a list of articles) with papermill;
    write the executed notebooks and their HTML.

    The notebooks run side by side, ``workers`` at a time (default ``notebook_workers``), each in its
    own kernel started in the notebook's folder. Each gets ``ARTICLE`` (``ARTICLES``), ``LEADERS``,
    ``EXPORT`` and ``OUT_DIR`` written into its parameters cell, paths in ``portable_path`` form, so
    the executed copy shows the values it ran with and no path of this machine; its charts land in
    ``<out_dir>/<slug>/figures/`` unless ``export=False`` (the report job has written them already).
    ``<out_dir>/<slug>/notebooks/NN_name.ipynb`` and ``NN_name.html`` (self-contained, opens offline)
    are written through a temporary file and a rename when every cell succeeded, so a failed
    notebook keeps its previous copy. ``progress`` is called with a line as each notebook finishes.
    ``colors`` (the run's leader colours) is passed as ``COLORS`` to the notebooks that take it,
    so their charts and tables draw each leader as the rest of the run does.

    Raises:
        LeadertoneError: naming the notebook and the error of the cell that failed (the first
            failure; the notebooks already running finish, the others are not started).
    """
    corpus = isinstance(article, list)
    root = Path(out_dir).resolve() if out_dir else config.REPORTS_DIR
    if corpus:
        parameters: dict = {"ARTICLES": [portable_path(a) for a in article], "GROUP_BY": CORPUS_GROUP_BY}
        folder = root / (slug or CORPUS_SLUG) / "notebooks"
    else:
        parameters = {"ARTICLE": portable_path(article)}
        folder = root / (slug or config.slugify(Path(article).stem)) / "notebooks"
    if leaders:
        parameters["LEADERS"] = list(leaders)
    parameters["EXPORT"] = export
    if export:
        parameters["OUT_DIR"] = portable_path(root)
    folder.mkdir(parents=True, exist_ok=True)
    sources = [Path(n) for n in notebooks] if notebooks is not None else report_notebooks(corpus=corpus)
    if not sources:
        return []
    import_notebook_tools()
    written: dict[Path, Path] = {}
    with ThreadPoolExecutor(max_workers=workers or notebook_workers(len(sources))) as pool:
        started = time.perf_counter()
        running = {pool.submit(_run_one, src, folder / src.name, _given(src, parameters, colors)): src
                   for src in sources}
        try:
            for done in as_completed(running):
                written[running[done]] = done.result()
                if progress:
                    progress(f"notebook {running[done].name} done ({time.perf_counter() - started:.1f} s)")
        except BaseException:
            for future in running:
                future.cancel()
            raise
    return [p for src in sources for p in (written[src], written[src].with_suffix(".html"))]


def _given(src: Path, parameters: dict, colors: Mapping[str, str] | None) -> dict:
    """The parameters one notebook runs with: ``COLORS`` only for a notebook that takes it."""
    given = dict(parameters)
    if colors is not None and "COLORS" in _notebook_parameters(src):
        given["COLORS"] = dict(colors)
    return given


def _analyse(path: str | Path, *, leaders: list[str] | None, cache: bool) -> Analysis:
    """An article's analysis, its path recorded in ``portable_path`` form (cached: the notebooks read it back)."""
    article = load_article(path)
    article = dataclasses.replace(article, source_path=portable_path(path))
    return analyze(article, leaders=leaders, cache=cache)


def write_article_report(
    path: str | Path,
    *,
    out_dir: str | Path | None = None,
    notebooks: bool = True,
    leaders: list[str] | None = None,
    cache: bool = True,
    progress: Callable[[str], None] | None = None,
    colors: Mapping[str, str] | None = None,
    analysis: Analysis | None = None,
) -> tuple[Path, ...]:
    """Analyse one article and write its report folder ``<out_dir>/<slug>/``; returns the files written.

    Writes ``analysis.json``, ``tables/*.csv``, ``figures/*.{png,svg,pdf,csv}``,
    ``report.html`` and, unless ``notebooks=False``, every notebook run on the article
    (``notebooks/NN_*.ipynb`` and ``.html``; they run while the rest is written, show the
    charts written here and do not write them again). Every file goes through a temporary
    file and a rename, so a failed run keeps the previous version of that file. The article's
    path is recorded in ``portable_path`` form.
    ``progress`` is called with a line after each step. ``colors`` is the run's registry of
    leader colours (:func:`run_colors`), used by every chart, the page and the notebooks;
    ``analysis`` is the article's analysis when the caller has it already.
    """
    say = progress or (lambda _msg: None)
    if analysis is None:
        analysis = _analyse(path, leaders=leaders, cache=cache)
        say("analysed")
    root = Path(out_dir).resolve() if out_dir else config.REPORTS_DIR
    if notebooks:
        import_notebook_tools()
    with ThreadPoolExecutor(max_workers=1) as beside:
        # the kernels start and import while this process writes the tables, charts and report.html
        ran = beside.submit(run_notebooks, path, out_dir=root, slug=analysis.slug, leaders=leaders, export=False,
                            progress=say, colors=colors) if notebooks else None
        written = [write_text_atomic(root / analysis.slug / "analysis.json", analysis.to_json() + "\n")]
        written += export_tables(analysis, out_dir=root)
        charts = all_charts(analysis, colors=colors)
        for chart in charts:
            written += export(chart, article=analysis, out_dir=root)
        written.append(write_report(analysis, figures=charts, out_dir=root, colors=colors))
        say(f"tables, {len(charts)} charts and report.html written")
        if ran is not None:
            written += ran.result()
    return tuple(written)


def make_gallery(
    path: str | Path | None = None,
    *,
    out_dir: str | Path | None = None,
) -> list[Path]:
    """Analyse one article (default: the default article) and redraw the README's gallery from it.

    Writes the charts of ``helpers.output.gallery.GALLERY_CHARTS`` as small PNGs and a screenshot
    of its ``report.html`` (rendered in a temporary folder: ``reports/`` is left alone) into
    ``out_dir`` (default ``data/gallery/``); returns the files written.
    """
    from .output.gallery import write_gallery

    analysis = analyze(path or config.DEFAULT_ARTICLE)
    return write_gallery(analysis, out_dir=out_dir or config.GALLERY_DIR)


def write_corpus_report(
    paths: list[Path],
    *,
    out_dir: str | Path | None = None,
    notebooks: bool = True,
    leaders: list[str] | None = None,
    cache: bool = True,
    progress: Callable[[str], None] | None = None,
    colors: Mapping[str, str] | None = None,
) -> tuple[Path, ...]:
    """The job's articles together: ``<out_dir>/corpus/tables/*.csv|parquet``, the corpus charts in
    ``<out_dir>/corpus/figures/`` (grouped by ``CORPUS_GROUP_BY``) and the corpus notebooks.

    The articles were analysed just before, so with the cache on nothing is parsed again. The
    ``path`` column names each article in ``portable_path`` form. The notebooks show the charts
    written here and do not write anything themselves. ``colors`` is the run's registry of leader
    colours, handed to the corpus notebook (the corpus charts work out the same one from the corpus).
    """
    from .corpus import analyze_corpus, write_tables
    from .output import chart_corpus_quote_share, chart_corpus_tone

    root = Path(out_dir).resolve() if out_dir else config.REPORTS_DIR
    corpus = analyze_corpus(paths, leaders=leaders, cache=cache, out_dir=None, progress=False)
    corpus.articles["path"] = [portable_path(p) if p else p for p in corpus.articles["path"]]
    files = write_tables(corpus.tables(), root / CORPUS_SLUG / "tables", formats=("csv", "parquet"))
    written = [p.with_suffix(f".{fmt}") for p in files.values() for fmt in ("csv", "parquet")]
    for chart_of in (chart_corpus_quote_share, chart_corpus_tone):
        written += export(chart_of(corpus, by=CORPUS_GROUP_BY), article=CORPUS_SLUG, out_dir=root)
    if progress:
        progress(f"tables and 2 charts written in {portable_path(root / CORPUS_SLUG)}/")
    if notebooks:
        written += run_notebooks([Path(p) for p in paths], out_dir=root, leaders=leaders, export=False,
                                 progress=progress, colors=colors)
    return tuple(written)


def leader_rows(analysis: Analysis) -> list[dict[str, Any]]:
    """One article's rows for :func:`run_colors`: ``article``, ``leader``, ``mentions`` (every mention, as the
    corpus ``leaders`` table counts them)."""
    mentions = analysis.mentions
    counts = mentions["leader"].value_counts() if not mentions.empty else pd.Series(dtype=int)
    return [{"article": analysis.slug, "leader": ld.name, "mentions": int(counts.get(ld.name, 0))}
            for ld in analysis.leaders]


def run_colors(rows: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """The run's one colour per leader (``helpers.output.corpus_colors``), from every article's :func:`leader_rows`.

    The same registry as the corpus charts of the same articles compute, given to every
    chart, page and notebook of the run.
    """
    return corpus_colors(pd.DataFrame(list(rows), columns=["article", "leader", "mentions"]))


def _first_look(src: Path, *, leaders: list[str] | None, cache: bool) -> tuple[Analysis, list[Any]]:
    """Analyse an article to learn its leaders; its warnings are kept to be shown when its report is written
    (with the cache on they are not kept: the second reading, from the cache, shows them)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("ignore" if cache else "always")
        analysis = _analyse(src, leaders=leaders, cache=cache)
    return analysis, list(caught)


def _error(exc: Exception) -> str:
    return str(exc) if isinstance(exc, LeadertoneError) else f"cannot write the report ({exc})"


def run_job(
    sources: Iterable[str | Path],
    *,
    out_dir: str | Path | None = None,
    progress=None,
    notebooks: bool = True,
    leaders: list[str] | None = None,
    cache: bool = True,
) -> list[JobResult]:
    """Write the report of every article, then of them together; a bad file is reported and the others go on.

    Every article is analysed first, to give each leader of the run one colour (:func:`run_colors`)
    that all the run's charts, pages and notebooks share; then each report is written (with the
    cache on, the second reading comes from the cache; with it off, the first analysis is kept).
    ``notebooks=False`` skips running the notebooks (the slow part); everything else is written.
    With two or more articles, ``<out_dir>/corpus/`` gets the corpus tables and notebooks.
    ``cache=False`` analyses every article again instead of reading the analysis cache.
    """
    sources = [Path(s) for s in sources]
    stream = progress or sys.stderr  # looked up now: a default bound at import may be a closed stream

    lock = threading.Lock()  # the notebooks report from their own threads: one whole line at a time

    def teller(prefix: str) -> Callable[[str], None]:
        """Print one progress line per step as it happens (flushed: a pipe or CI log sees it at once)."""
        def say(msg: str) -> None:
            with lock:
                stream.write(f"{prefix}: {msg}\n")
                stream.flush()
        return say

    folders: dict[str, Path] = {}  # report folder name -> the article written there in this run
    planned: list[tuple[Path, Analysis | None, list[Any], str | None]] = []
    rows: list[dict[str, Any]] = []
    tellers = [teller(f"[{n}/{len(sources)}] {src.name}") for n, src in enumerate(sources, 1)]
    for src, say in zip(sources, tellers):
        slug = config.slugify(src.stem)
        try:
            if slug in folders:  # "a.txt" and "A.json" would overwrite each other's report
                raise LeadertoneError(f"its report folder {slug}/ is already taken by {folders[slug].name}; rename one")
            if slug == CORPUS_SLUG:
                raise LeadertoneError(f"its report folder {slug}/ is where the corpus report goes; rename the file")
            say("analysing")
            analysis, caught = _first_look(src, leaders=leaders, cache=cache)
            say("analysed")
        except (LeadertoneError, OSError) as exc:
            planned.append((src, None, [], _error(exc)))
            continue
        folders[slug] = src
        rows += leader_rows(analysis)
        planned.append((src, None if cache else analysis, caught, None))
    colors = run_colors(rows)
    results = []
    for (src, analysis, caught, error), say in zip(planned, tellers):
        for w in caught:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        if error is None:
            try:
                if analysis is None:  # read back from the cache, silently: it was announced above
                    analysis = _analyse(src, leaders=leaders, cache=cache)
                outputs = write_article_report(src, out_dir=out_dir, notebooks=notebooks, leaders=leaders,
                                               cache=cache, progress=say, colors=colors, analysis=analysis)
            except (LeadertoneError, OSError) as exc:
                error = _error(exc)
        if error is not None:
            results.append(JobResult(src, error=error))
            say(f"error: {error}")
            continue
        results.append(JobResult(src, outputs))
        say(f"wrote {portable_path(outputs[0].parent)}/")
    done = [r.source for r in results if not r.error]
    if len(done) >= 2:
        say = teller(f"corpus of {len(done)} articles")
        try:
            outputs = write_corpus_report(done, out_dir=out_dir, notebooks=notebooks, leaders=leaders, cache=cache,
                                          progress=say, colors=colors)
        except (LeadertoneError, OSError) as exc:
            results.append(JobResult(Path(CORPUS_SLUG), error=str(exc), corpus=True))
            say(f"error: {exc}")
        else:
            results.append(JobResult(Path(CORPUS_SLUG), outputs, corpus=True))
            say(f"wrote {portable_path(outputs[0].parent.parent)}/")
    return results
