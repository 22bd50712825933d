"""Benchmark: the full Leadertone analysis against bare spaCy ``nlp.pipe`` on the same texts.

Not a test: it prints figures to compare, as ratios measured in one run, so they
hold from one machine to another when the seconds do not.

1. Times, in this process and after a warm-up, (a) bare ``nlp.pipe`` over the texts
   of the distinct real articles the project ships (``data/raw/``,
   ``tests/data/articles/``, ``tests/data/blind/articles/``) with the same pipeline and
   (b) ``analyze_corpus`` over the same files with the cache off (reading, parsing,
   every table with the target-aware tone model on, the Parquet files), and prints
   both and the ratio b/a. Every score cache (TextBlob, VADER, the tone model's) is
   emptied before each timed run, so no run profits from sentences seen before.
2. Builds N articles (default 200) from the paragraphs of those articles, reshuffled
   with a fixed seed, and measures peak memory (peak resident set size) of (a) and
   (b) on them, and of (b) on 100 and on 1,000 articles, each in a fresh process so
   one measurement cannot inherit another's peak, and prints the growth.
3. Times the report job (``python -m helpers report ARTICLE``, what ``make report`` runs) on the
   default article with its notebooks and without them (``--no-notebooks``), the analysis cache
   warm (a first run fills it), best of ``--report-repeat`` runs each, and prints the ratio.

    python benchmarks/bench_pipeline.py [--articles 200] [--memory-sizes 100 1000] [--json]
    python benchmarks/bench_pipeline.py --only-report     # only the report job (3.)

``make bench`` runs it with the defaults.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from helpers import config
from helpers.corpus import analyze_corpus, corpus_paths
from helpers.nlp.pipeline import analysis_text, load_pipeline
from helpers.read import load_article

SAMPLES = [config.DATA_RAW, config.PROJ_ROOT / "tests" / "data" / "articles",
           config.PROJ_ROOT / "tests" / "data" / "blind" / "articles"]
TARGET_RATIO = 1.50
TARGET_GROWTH = 0.20
TARGET_REPORT_RATIO = 2.50


def build_articles(n: int, folder: Path, *, seed: int = 0) -> list[Path]:
    """Write ``n`` articles made of the sample articles' paragraphs, reshuffled; returns their paths.

    Each gets a sample headline and as many body paragraphs as a sample article
    has, drawn from all samples, so lengths and quote density match the samples.
    """
    samples = [load_article(p) for p in corpus_paths(SAMPLES)]
    titles = [a.title for a in samples]
    paragraphs = [a.paragraph_text(p) for a in samples for p in a.body_paragraphs()]
    sizes = [len(a.body_paragraphs()) for a in samples]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        body = rng.sample(paragraphs, min(rng.choice(sizes), len(paragraphs)))
        path = folder / f"article_{i:05d}.txt"
        path.write_text(rng.choice(titles) + "\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


# --------------------------------------------------------------------------- the two sides


def run_baseline(paths: list[Path], *, n_process: int, batch_size: int) -> None:
    """(a) Bare ``nlp.pipe`` over the texts the analysis parses, Docs dropped as they come."""
    nlp = load_pipeline()
    texts = [analysis_text(load_article(p)) for p in paths]
    for _ in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
        pass


def run_analysis(paths: list[Path], *, n_process: int, batch_size: int, out_dir: Path) -> None:
    """(b) The full analysis: read, parse, analyse, build and write every table; cache off."""
    analyze_corpus(paths, n_process=n_process, batch_size=batch_size, cache=False, out_dir=out_dir,
                   progress=False)


def clear_score_caches() -> None:
    """Forget every score computed so far (TextBlob, VADER, the tone model's pairs): the next run starts cold."""
    from helpers.nlp.tone_model import textblob_scores, vader_scores
    from helpers.nlp.tone_model.transformer import load_transformer_model

    textblob_scores.cache_clear()
    vader_scores.cache_clear()
    load_transformer_model().clear_cache()


def _timed(fn, *args, **kwargs) -> float:
    t0 = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - t0


# --------------------------------------------------------------------------- peak memory, one fresh process each


def _rss_kb(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def _reset_peak() -> bool:
    """Reset the kernel's peak-RSS mark (Linux), so the peak measured is that of the run alone."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def measure_memory(side: str, folder: Path, n: int, *, n_process: int, batch_size: int) -> dict:
    """In this (fresh) process: warm up, then run one side over the first ``n`` articles; peak RSS in MB."""
    paths = sorted(folder.glob("article_*.txt"))[:n]
    out = Path(tempfile.mkdtemp(prefix="bench-out-"))
    warm = paths[:5]
    run_baseline(warm, n_process=1, batch_size=batch_size)
    run_analysis(warm, n_process=1, batch_size=batch_size, out_dir=out)
    reset = _reset_peak()
    before = _rss_kb("VmRSS")
    if side == "baseline":
        run_baseline(paths, n_process=n_process, batch_size=batch_size)
    else:
        run_analysis(paths, n_process=n_process, batch_size=batch_size, out_dir=out)
    peak = _rss_kb("VmHWM") if reset else None
    if peak is None:  # no resettable peak: the whole process's peak
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"side": side, "articles": len(paths), "peak_rss_mb": round(peak / 1024, 1),
            "rss_before_mb": round(before / 1024, 1) if before else None, "peak_reset": reset}


def _memory_in_subprocess(side: str, folder: Path, n: int, args) -> dict:
    cmd = [sys.executable, __file__, "--measure-memory", side, "--folder", str(folder), "--articles", str(n),
           "--n-process", str(args.n_process), "--batch-size", str(args.batch_size)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"error: memory run failed: {done.stderr.strip().splitlines()[-1:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- the report job, notebooks on and off


def _report_run(article: Path, out: Path, *, notebooks: bool) -> float:
    """Seconds of one ``python -m helpers report ARTICLE --out OUT`` in a fresh process (as ``make report``)."""
    cmd = [sys.executable, "-m", "helpers", "report", str(article), "--out", str(out)]
    t0 = time.perf_counter()
    done = subprocess.run(cmd + ([] if notebooks else ["--no-notebooks"]), capture_output=True, text=True,
                          check=False)
    seconds = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"error: the report job failed: {done.stderr.strip().splitlines()[-1:]}")
    return seconds


def measure_report(article: Path, *, repeat: int = 1) -> dict:
    """The report job on one article with its notebooks and without (``--no-notebooks``), cache warm."""
    with tempfile.TemporaryDirectory(prefix="leadertone-bench-report-") as tmp:
        out = Path(tmp)
        _report_run(article, out, notebooks=False)  # fills the analysis cache: what is timed reads it
        without, with_ = [], []
        for _ in range(max(1, repeat)):
            without.append(_report_run(article, out, notebooks=False))
            with_.append(_report_run(article, out, notebooks=True))
    ratio = min(with_) / min(without)
    return {"article": article.name, "without_notebooks_s": round(min(without), 2),
            "with_notebooks_s": round(min(with_), 2), "ratio": round(ratio, 3), "target": TARGET_REPORT_RATIO}


def _print_report(report: dict, repeat: int) -> None:
    ok = "meets" if report["ratio"] <= TARGET_REPORT_RATIO else "MISSES"
    print(f"report job: {report['article']}, analysis cache warm, best of {repeat}")
    print(f"  time   (a) without notebooks  {report['without_notebooks_s']:8.2f} s")
    print(f"         (b) with notebooks     {report['with_notebooks_s']:8.2f} s")
    print(f"         ratio b/a              {report['ratio']:8.2f}   ({ok} the target <= {TARGET_REPORT_RATIO})")


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--timed", type=int, default=0,
                        help="time only the first N distinct articles (default: all of them)")
    parser.add_argument("--articles", type=int, default=200,
                        help="built articles whose peak memory is compared with bare nlp.pipe (default: %(default)s)")
    parser.add_argument("--memory-sizes", type=int, nargs=2, default=[100, 1000], metavar=("SMALL", "LARGE"),
                        help="corpus sizes whose peak memory is compared (default: 100 1000)")
    parser.add_argument("--repeat", type=int, default=1, help="timed runs per side; the best counts")
    parser.add_argument("--n-process", type=int, default=1, help="processes for both sides (default: 1)")
    parser.add_argument("--batch-size", type=int, default=16, help="nlp.pipe batch size for both sides")
    parser.add_argument("--seed", type=int, default=0, help="seed for building the articles")
    parser.add_argument("--report-repeat", type=int, default=1,
                        help="timed report-job runs with and without notebooks; the best counts (default: 1)")
    parser.add_argument("--no-report", action="store_true", help="skip timing the report job")
    parser.add_argument("--only-report", action="store_true", help="time only the report job")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    parser.add_argument("--measure-memory", choices=["baseline", "analysis"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.measure_memory:
        print(json.dumps(measure_memory(args.measure_memory, args.folder, args.articles,
                                        n_process=args.n_process, batch_size=args.batch_size)))
        return 0
    if args.only_report:
        report = measure_report(config.DEFAULT_ARTICLE, repeat=args.report_repeat)
        if args.json:
            print(json.dumps({"report": report}, indent=1))
        else:
            _print_report(report, args.report_repeat)
        return 0

    largest = max(args.articles, *args.memory_sizes)
    with tempfile.TemporaryDirectory(prefix="leadertone-bench-") as tmp:
        folder = Path(tmp) / "articles"
        paths = build_articles(largest, folder, seed=args.seed)
        timed = corpus_paths(SAMPLES)[: args.timed or None]  # distinct real articles: no sentence repeats
        chars = sum(len(load_article(p).text) for p in timed)
        out = Path(tmp) / "out"
        opts = {"n_process": args.n_process, "batch_size": args.batch_size}
        run_baseline(paths[:5], **opts)  # warm-up: loading the models and lexicons is not what is measured
        run_analysis(paths[:5], out_dir=out, **opts)
        base_t, ours_t = [], []
        for _ in range(max(1, args.repeat)):
            base_t.append(_timed(run_baseline, timed, **opts))
            clear_score_caches()
            ours_t.append(_timed(run_analysis, timed, out_dir=out, **opts))
        mem_base = _memory_in_subprocess("baseline", folder, args.articles, args)
        mem_ours = _memory_in_subprocess("analysis", folder, args.articles, args)
        small, large = (_memory_in_subprocess("analysis", folder, n, args) for n in args.memory_sizes)
    report = None if args.no_report else measure_report(config.DEFAULT_ARTICLE, repeat=args.report_repeat)

    ratio = min(ours_t) / min(base_t)
    growth = large["peak_rss_mb"] / small["peak_rss_mb"] - 1
    result = {
        "articles": len(timed),
        "memory_articles": args.articles,
        "characters": chars,
        "n_process": args.n_process,
        "batch_size": args.batch_size,
        "time": {"baseline_s": round(min(base_t), 2), "analysis_s": round(min(ours_t), 2),
                 "ratio": round(ratio, 3), "target": TARGET_RATIO},
        "memory": {"baseline": mem_base, "analysis": mem_ours,
                   "ratio": round(mem_ours["peak_rss_mb"] / mem_base["peak_rss_mb"], 3)},
        "memory_growth": {"small": small, "large": large, "growth": round(growth, 3), "target": TARGET_GROWTH},
        "report": report,
    }
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    ok = lambda good: "meets" if good else "MISSES"  # noqa: E731
    print(f"time: {len(timed)} distinct articles ({chars:,} characters), n_process={args.n_process}, "
          f"batch_size={args.batch_size}, cache off, score caches emptied before each run, best of {args.repeat}")
    print(f"  time   (a) bare nlp.pipe      {min(base_t):8.2f} s")
    print(f"         (b) full analysis      {min(ours_t):8.2f} s")
    print(f"         ratio b/a              {ratio:8.2f}   ({ok(ratio <= TARGET_RATIO)} the target <= {TARGET_RATIO})")
    print(f"memory: {args.articles} articles built from their paragraphs")
    print(f"  memory (a) bare nlp.pipe      {mem_base['peak_rss_mb']:8.1f} MB peak RSS")
    print(f"         (b) full analysis      {mem_ours['peak_rss_mb']:8.1f} MB peak RSS"
          f"   ratio b/a {result['memory']['ratio']:.2f}")
    print(f"  memory (b) at {small['articles']:>5} articles    {small['peak_rss_mb']:8.1f} MB peak RSS")
    print(f"         (b) at {large['articles']:>5} articles    {large['peak_rss_mb']:8.1f} MB peak RSS"
          f"   growth {growth:+.1%} ({ok(growth < TARGET_GROWTH)} the target < {TARGET_GROWTH:.0%})")
    if report:
        _print_report(report, args.report_repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
