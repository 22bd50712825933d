"""The benchmark script runs and reports its figures (what they are is for `make bench`, not a test)."""

from __future__ import annotations

import json
import subprocess
import sys

from helpers import config, load_article

SCRIPT = config.PROJ_ROOT / "benchmarks" / "bench_pipeline.py"


def test_built_articles_are_sample_paragraphs_reshuffled(tmp_path):
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        import bench_pipeline
    finally:
        sys.path.remove(str(SCRIPT.parent))
    paths = bench_pipeline.build_articles(5, tmp_path, seed=3)
    again = bench_pipeline.build_articles(5, tmp_path / "again", seed=3)
    assert [p.read_text() for p in paths] == [p.read_text() for p in again]
    samples = {load_article(p).text for p in bench_pipeline.corpus_paths(bench_pipeline.SAMPLES)}
    for p in paths:
        article = load_article(p)
        assert len(article.body_paragraphs()) >= 3
        assert all(article.paragraph_text(q) in "".join(samples) for q in article.body_paragraphs())


def test_bench_prints_both_sides_and_the_ratios():
    done = subprocess.run([sys.executable, str(SCRIPT), "--timed", "3", "--articles", "3", "--memory-sizes", "2", "3",
                           "--no-report", "--json"],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    time, memory = result["time"], result["memory_growth"]
    assert result["articles"] == 3 and result["memory_articles"] == 3
    assert time["baseline_s"] > 0 and time["analysis_s"] > 0
    assert abs(time["ratio"] - time["analysis_s"] / time["baseline_s"]) < 0.1  # the seconds are rounded
    assert memory["small"]["articles"] == 2 and memory["large"]["articles"] == 3
    assert memory["large"]["peak_rss_mb"] > 100


def test_bench_times_the_report_job_with_and_without_its_notebooks():
    """`make bench` compares the report job with its notebooks to the same job without them (cache warm)."""
    done = subprocess.run([sys.executable, str(SCRIPT), "--only-report", "--json"],
                          capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)["report"]
    assert report["article"] == config.DEFAULT_ARTICLE.name and report["target"] == 2.5
    assert report["with_notebooks_s"] > report["without_notebooks_s"] > 0  # the notebooks ran: they cost time
    assert abs(report["ratio"] - report["with_notebooks_s"] / report["without_notebooks_s"]) < 0.01
