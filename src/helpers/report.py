"""The main job: analyse every article in a folder and write each one's report folder."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import config
from .analysis import analyze
from .article import SUPPORTED_SUFFIXES
from .errors import LeadertoneError
from .files import write_text_atomic


@dataclass(frozen=True)
class JobResult:
    """What the job did with one article: the files written, or the error."""

    source: Path
    outputs: tuple[Path, ...] = ()
    error: str | None = None


def find_articles(folder: str | Path = config.DATA_RAW) -> list[Path]:
    """Article files in ``folder`` (sorted; hidden files and unknown formats left out)."""
    folder = config.resolve(folder)
    if not folder.is_dir():
        raise LeadertoneError(f"{folder}: not a folder")
    return sorted(
        p for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in SUPPORTED_SUFFIXES
    )


def write_article_report(path: str | Path, *, out_dir: str | Path | None = None) -> tuple[Path, ...]:
    """Analyse one article and write ``<out_dir>/<slug>/analysis.json``; returns the files written."""
    analysis = analyze(path)
    folder = Path(out_dir) if out_dir else config.REPORTS_DIR
    target = folder / analysis.slug / "analysis.json"
    write_text_atomic(target, analysis.to_json() + "\n")
    return (target,)


def run_job(
    sources: Iterable[str | Path], *, out_dir: str | Path | None = None, progress=sys.stderr
) -> list[JobResult]:
    """Write the report of every article; a bad file is reported and the others go on."""
    sources = list(sources)
    results = []
    for n, src in enumerate(sources, 1):
        src = Path(src)
        try:
            outputs = write_article_report(src, out_dir=out_dir)
        except LeadertoneError as exc:
            results.append(JobResult(src, error=str(exc)))
            print(f"[{n}/{len(sources)}] {src.name}: error: {exc}", file=progress)
            continue
        results.append(JobResult(src, outputs))
        print(f"[{n}/{len(sources)}] {src.name}: wrote {outputs[0].parent}", file=progress)
    return results
