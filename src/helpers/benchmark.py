"""How much the analysis costs on top of spaCy: time and memory as ratios to bare ``nlp.pipe``.

Both sides run in the same process on the same texts, after a warm-up, so the
ratios hold across machines even when the absolute seconds do not.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

from .article import load_article
from .nlp import analysis_text, load_pipeline


def _measure(fn: Callable[[], object], repeat: int) -> tuple[float, int]:
    """Best wall time over ``repeat`` runs, and peak traced memory of one run (bytes)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return best, peak


def run_benchmark(paths: Sequence[str | Path], *, repeat: int = 3) -> dict:
    """Time and memory of ``analyze`` against bare ``nlp.pipe`` over the same articles.

    Returns:
        ``{"articles": n, "characters": …, "baseline": {"seconds", "peak_bytes"},
        "analysis": {…}, "time_ratio": …, "memory_ratio": …}``.
    """
    from .analysis import analyze

    nlp = load_pipeline()
    articles = [load_article(p) for p in paths]
    texts = [analysis_text(a) for a in articles]

    def baseline():
        return list(nlp.pipe(texts))

    def ours():
        return [analyze(a, nlp=nlp) for a in articles]

    baseline()
    ours()  # warm-up: model and lexicon loading are not what is measured
    base_t, base_m = _measure(baseline, repeat)
    our_t, our_m = _measure(ours, repeat)
    return {
        "articles": len(articles),
        "characters": sum(len(a.text) for a in articles),
        "baseline": {"what": "nlp.pipe over the same texts", "seconds": round(base_t, 4), "peak_bytes": base_m},
        "analysis": {"what": "helpers.analyze per article", "seconds": round(our_t, 4), "peak_bytes": our_m},
        "time_ratio": round(our_t / base_t, 2) if base_t else None,
        "memory_ratio": round(our_m / base_m, 2) if base_m else None,
    }
