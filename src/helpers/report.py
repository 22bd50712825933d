"""The main job: analyse every article in a folder and write each one's report folder."""

from __future__ import annotations

import os
import sys
import tempfile
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from . import config
from .analysis import Analysis, analyze
from .errors import LeadertoneError
from .files import write_text_atomic
from .output import all_charts, corpus_colors, export, export_tables, write_report

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


def _is_corpus_notebook(path: Path) -> bool:
    """A notebook that takes a set of articles (an ``ARTICLES`` parameter) rather than one ``ARTICLE``."""
    return "ARTICLES" in _notebook_parameters(path)


def _notebook_parameters(path: Path) -> set[str]:
    import papermill

    return set(papermill.inspect_notebook(str(path)))


def report_notebooks(folder: str | Path | None = None, *, corpus: bool = False) -> list[Path]:
    """The numbered notebooks (``notebooks/NN_*.ipynb``, in order) run for every article, or with
    ``corpus=True`` those run once over all the job's articles (their parameters name ``ARTICLES``)."""
    folder = Path(folder) if folder else config.NOTEBOOKS_DIR
    found = sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb") if p.is_file())
    return [p for p in found if _is_corpus_notebook(p) == corpus]


def run_notebooks(
    article: str | Path | list[str | Path],
    *,
    out_dir: str | Path | None = None,
    slug: str | None = None,
    leaders: list[str] | None = None,
    notebooks: Iterable[str | Path] | None = None,
    colors: Mapping[str, str] | None = None,
) -> list[Path]:
    """Run every notebook on one article (or the corpus notebooks on a list of articles) with papermill;
    write the executed notebooks and their HTML.

    Each notebook runs with ``ARTICLE=<article>`` and ``OUT_DIR=<out_dir>`` (so its
    charts land in ``<out_dir>/<slug>/figures/``) into a temporary file that is renamed
    to ``<out_dir>/<slug>/notebooks/NN_name.ipynb`` only when every cell succeeded, so a
    failed run keeps the previous notebook. ``NN_name.html`` is written beside it.
    ``colors`` (the run's leader colours) is passed as ``COLORS`` to the notebooks that take it,
    so their charts draw each leader as the rest of the run does.

    Raises:
        LeadertoneError: naming the notebook and the error of the cell that failed.
    """
    import nbformat
    import papermill
    from nbconvert import HTMLExporter

    corpus = isinstance(article, list)
    root = Path(out_dir).resolve() if out_dir else config.REPORTS_DIR
    if corpus:
        parameters = {"ARTICLES": [str(Path(a).resolve()) for a in article], "OUT_DIR": str(root)}
        folder = root / (slug or CORPUS_SLUG) / "notebooks"
    else:
        article = Path(article).resolve()
        parameters = {"ARTICLE": str(article), "OUT_DIR": str(root)}
        folder = root / (slug or config.slugify(article.stem)) / "notebooks"
    folder.mkdir(parents=True, exist_ok=True)
    if leaders:
        parameters["LEADERS"] = list(leaders)
    written: list[Path] = []
    for src in [Path(n) for n in notebooks] if notebooks is not None else report_notebooks(corpus=corpus):
        target = folder / src.name
        given = dict(parameters)
        if colors is not None and "COLORS" in _notebook_parameters(src):
            given["COLORS"] = dict(colors)
        fd, tmp = tempfile.mkstemp(prefix=f".{src.stem}.", suffix=".tmp.ipynb", dir=folder)
        os.close(fd)
        try:
            try:
                papermill.execute_notebook(
                    str(src), tmp, parameters=given, kernel_name=KERNEL_NAME, cwd=str(src.parent),
                    progress_bar=False, log_output=False, request_save_on_cell_execute=False,
                    extra_arguments=["--IPKernelApp.log_level=CRITICAL"],  # no kernel start-up chatter on stderr
                )
            except papermill.PapermillExecutionError as exc:
                raise LeadertoneError(
                    f"notebook {src.name} failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue}"
                ) from exc
            except Exception as exc:  # a kernel that dies or does not start
                raise LeadertoneError(f"notebook {src.name} could not run: {type(exc).__name__}: {exc}") from exc
            html, _ = HTMLExporter().from_notebook_node(nbformat.read(tmp, as_version=4))
            os.replace(tmp, target)
        finally:
            Path(tmp).unlink(missing_ok=True)
        written.append(target)
        written.append(write_text_atomic(target.with_suffix(".html"), html))
    return written


def write_article_report(
    path: str | Path,
    *,
    out_dir: str | Path | None = None,
    notebooks: bool = True,
    leaders: list[str] | None = None,
    cache: bool = True,
    colors: Mapping[str, str] | None = None,
    analysis: Analysis | None = None,
) -> tuple[Path, ...]:
    """Analyse one article and write its report folder ``<out_dir>/<slug>/``; returns the files written.

    Writes ``analysis.json``, ``tables/*.csv``, ``figures/*.{png,svg,pdf,csv}``,
    ``report.html`` and, unless ``notebooks=False``, every notebook run on the article
    (``notebooks/NN_*.ipynb`` and ``.html``). Every file goes through a temporary file
    and a rename, so a failed run keeps the previous version. ``colors`` is the run's
    registry of leader colours (:func:`run_colors`), used by every chart, the page and
    the notebooks; ``analysis`` is the article's analysis when it was just made.
    """
    analysis = analysis if analysis is not None else analyze(path, leaders=leaders, cache=cache)
    root = Path(out_dir).resolve() if out_dir else config.REPORTS_DIR
    folder = root / analysis.slug
    written = [write_text_atomic(folder / "analysis.json", analysis.to_json() + "\n")]
    written += export_tables(analysis, out_dir=root)
    charts = all_charts(analysis, colors=colors)
    for chart in charts:
        written += export(chart, article=analysis, out_dir=root)
    if notebooks:
        written += run_notebooks(path, out_dir=root, slug=analysis.slug, leaders=leaders, colors=colors)
    written.append(write_report(analysis, figures=charts, out_dir=root, colors=colors))
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
    colors: Mapping[str, str] | None = None,
) -> tuple[Path, ...]:
    """The job's articles together: ``<out_dir>/corpus/tables/*.csv|parquet`` and the corpus notebooks.

    The articles were analysed just before, so with the cache on nothing is parsed again.
    ``colors`` is the run's registry of leader colours, handed to the corpus notebook.
    """
    from .corpus import analyze_corpus

    root = Path(out_dir).resolve() if out_dir else config.REPORTS_DIR
    corpus = analyze_corpus(paths, leaders=leaders, cache=cache, out_dir=root / CORPUS_SLUG / "tables",
                            formats=("csv", "parquet"), progress=False)
    written = [p.with_suffix(f".{fmt}") for p in corpus.files.values() for fmt in ("csv", "parquet")]
    if notebooks:
        written += run_notebooks([Path(p) for p in paths], out_dir=root, leaders=leaders, colors=colors)
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
        analysis = analyze(src, leaders=leaders, cache=cache)
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
    progress = progress or sys.stderr  # looked up now: a default bound at import may be a closed stream
    folders: dict[str, Path] = {}  # report folder name -> the article written there in this run
    planned: list[tuple[Path, Analysis | None, list[Any], str | None]] = []
    rows: list[dict[str, Any]] = []
    for src in sources:
        slug = config.slugify(src.stem)
        try:
            if slug in folders:  # "a.txt" and "A.json" would overwrite each other's report
                raise LeadertoneError(f"its report folder {slug}/ is already taken by {folders[slug].name}; rename one")
            if slug == CORPUS_SLUG:
                raise LeadertoneError(f"its report folder {slug}/ is where the corpus report goes; rename the file")
            analysis, caught = _first_look(src, leaders=leaders, cache=cache)
        except (LeadertoneError, OSError) as exc:
            planned.append((src, None, [], _error(exc)))
            continue
        folders[slug] = src
        rows += leader_rows(analysis)
        planned.append((src, None if cache else analysis, caught, None))
    colors = run_colors(rows)
    results = []
    for n, (src, analysis, caught, error) in enumerate(planned, 1):
        for w in caught:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        if error is None:
            try:
                outputs = write_article_report(src, out_dir=out_dir, notebooks=notebooks, leaders=leaders,
                                               cache=cache, colors=colors, analysis=analysis)
            except (LeadertoneError, OSError) as exc:
                error = _error(exc)
        if error is not None:
            results.append(JobResult(src, error=error))
            print(f"[{n}/{len(sources)}] {src.name}: error: {error}", file=progress)
            continue
        results.append(JobResult(src, outputs))
        print(f"[{n}/{len(sources)}] {src.name}: wrote {outputs[0].parent}", file=progress)
    done = [r.source for r in results if not r.error]
    if len(done) >= 2:
        try:
            outputs = write_corpus_report(done, out_dir=out_dir, notebooks=notebooks, leaders=leaders, cache=cache,
                                          colors=colors)
        except (LeadertoneError, OSError) as exc:
            results.append(JobResult(Path(CORPUS_SLUG), error=str(exc), corpus=True))
            print(f"corpus of {len(done)} articles: error: {exc}", file=progress)
        else:
            results.append(JobResult(Path(CORPUS_SLUG), outputs, corpus=True))
            print(f"corpus of {len(done)} articles: wrote {outputs[0].parent.parent}", file=progress)
    return results
