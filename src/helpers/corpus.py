"""Many articles at once: tidy tables across a corpus, streamed, cached, on one machine or a Dask cluster.

``analyze_corpus(paths)`` reads every article, takes what it can from the
analysis cache, parses the rest with ``nlp.pipe`` (or on Dask workers), analyses
each Doc as it comes out and keeps only its table rows, never the Docs, so
memory stays flat as the corpus grows. The result is a ``Corpus`` of tidy
DataFrames, one row per article, per article and leader, per quotation, per
sentence, per sentence and leader, and per tone figure, each keyed by
``article``, and the same tables are written as Parquet to ``data/processed/``.

Both engines run the same per-article steps (``analyze_doc`` on a parsed
article, then ``Analysis.to_cache_entry``) and build the tables from the same
record, so they give identical tables.
"""

from __future__ import annotations

import io
import sys
import warnings
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from spacy.language import Language

from . import config
from .analysis import PendingAnalysis, start_analysis
from .cache import cache_key, pipeline_id, read_entry, write_entry
from .errors import LeadertoneError
from .files import csv_bytes, write_bytes_atomic
from .nlp.memo import forget
from .nlp.pipeline import analysis_text, load_pipeline
from .nlp.schema import NAME_RULES
from .nlp.tone import DEFAULT_METHOD
from .read import Article, ArticleWarning, find_articles, load_article

#: The tables of a Corpus, in the order they are written.
CORPUS_TABLES = ("articles", "leaders", "quotes", "sentences", "targets", "tone")
ENGINES = ("local", "dask")

ARTICLE_COLUMNS = [
    "article", "path", "title", "outlet", "published", "format", "body_paragraphs", "sentences", "words",
    "leaders", "direct_quotes", "indirect", "warnings",
]
LEADER_COLUMNS = [
    "article", "leader", "rank", "aliases", "name_mentions", "mentions", "direct_quotes", "quote_share", "quoted_words",
    "share_quoted_words", "indirect", "voice", "voice_n", "coverage", "coverage_n", "outlet", "published",
]

#: Number columns of the articles and leaders tables; the others hold text (None when unknown).
NUMERIC_DTYPES = {
    "body_paragraphs": "int64", "sentences": "int64", "words": "int64", "rank": "int64", "name_mentions": "int64",
    "mentions": "int64",
    "direct_quotes": "int64", "quote_share": "float64", "quoted_words": "int64", "share_quoted_words": "float64",
    "indirect": "int64", "voice": "float64", "voice_n": "int64", "coverage": "float64", "coverage_n": "int64",
}


@dataclass
class Corpus:
    """The tables of a corpus.

    Attributes:
        articles: One row per article analysed: its id (``article``), path, title,
            outlet and publication date (when known), size, leaders and quote totals.
        leaders: One row per article and leader: mentions, direct quotes and the
            leader's ``quote_share`` of the article's direct quotes, quoted words,
            indirect statements, and the mean ``voice`` / ``coverage`` tone under the
            default method with the number of sentences behind each.
        quotes: Every quotation and indirect statement, with ``article``.
        sentences: Every sentence with its TextBlob and VADER scores, with ``article``.
        targets: The tone toward each leader in each sentence that mentions them.
        tone: Voice and coverage per article, leader and method, with intervals.
        errors: The files that could not be analysed and why (``path``, ``error``).
        cached: How many articles were read from the cache.
        files: The Parquet files written, by table name.
    """

    articles: pd.DataFrame
    leaders: pd.DataFrame
    quotes: pd.DataFrame
    sentences: pd.DataFrame
    targets: pd.DataFrame
    tone: pd.DataFrame
    errors: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["path", "error"]))
    cached: int = 0
    files: dict[str, Path] = field(default_factory=dict)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tidy tables by name (``CORPUS_TABLES``)."""
        return {name: getattr(self, name) for name in CORPUS_TABLES}


# --------------------------------------------------------------------------- one article → rows


#: Corpus table ← the Analysis table whose rows it gathers (with ``article`` in front).
ROW_TABLES = {"quotes": "quotes", "sentences": "sentences", "targets": "sentence_targets", "tone": "tone"}


def _columns(stored: dict[str, Any]) -> dict[str, list]:
    """A table as ``cache.encode_frame`` stores it, as ``{column: values}``."""
    return dict(zip(stored["columns"], stored["data"]))


def article_rows(entry: dict[str, Any], article: Article, article_id: str) -> dict[str, list[dict[str, Any]]]:
    """The ``articles`` row and the ``leaders`` rows of one article, from its analysis as cached.

    Args:
        entry: ``Analysis.to_cache_entry()`` of the article.
        article: The article as read (title, outlet, date, notes).
        article_id: Its id in the corpus tables.
    """
    tables = {name: _columns(entry["tables"][name]) for name in ("quotes", "mentions", "quote_counts", "tone")}
    quotes, tone = tables["quotes"], tables["tone"]
    n_direct = len({g for g, k in zip(quotes["group"], quotes["kind"]) if k == "direct"})
    counts = {row[0]: row for row in zip(*(tables["quote_counts"][c] for c in
                                           ("leader", "direct_quotes", "quoted_words", "share_quoted_words",
                                            "indirect")))}
    figures = {(a, ld): (mean, n) for method, a, ld, mean, n in
               zip(tone["method"], tone["aspect"], tone["leader"], tone["mean"], tone["n"]) if method == DEFAULT_METHOD}
    by_leader = list(zip(tables["mentions"]["leader"], tables["mentions"]["rule"]))
    mentions = Counter(ld for ld, _ in by_leader)  # all mentions, and those by name (see helpers.output.counts)
    named = Counter(ld for ld, rule in by_leader if rule in NAME_RULES)
    leaders = []
    for rank, ld in enumerate(entry["leaders"], start=1):
        _, direct, words, share, indirect = counts[ld["name"]]
        voice, voice_n = figures.get(("voice", ld["name"]), (None, 0))
        coverage, coverage_n = figures.get(("coverage", ld["name"]), (None, 0))
        leaders.append({
            "article": article_id, "leader": ld["name"], "rank": rank, "aliases": "; ".join(ld["aliases"]),
            "name_mentions": named[ld["name"]], "mentions": mentions[ld["name"]], "direct_quotes": direct,
            "quote_share": round(direct / n_direct, 4) if n_direct else 0.0,
            "quoted_words": words, "share_quoted_words": share, "indirect": indirect,
            "voice": voice, "voice_n": voice_n, "coverage": coverage, "coverage_n": coverage_n,
            "outlet": article.outlet, "published": article.published,
        })
    row = {
        "article": article_id, "path": article.source_path, "title": article.title, "outlet": article.outlet,
        "published": article.published, "format": article.format, "body_paragraphs": len(article.body_paragraphs()),
        "sentences": len(entry["tables"]["sentences"]["data"][0]) if entry["tables"]["sentences"]["data"] else 0,
        "words": len(article.text.split()), "leaders": "; ".join(ld["name"] for ld in entry["leaders"]),
        "direct_quotes": n_direct, "indirect": sum(k == "indirect" for k in quotes["kind"]),
        "warnings": "; ".join([*article.notes, *entry["warnings"]]),
    }
    return {"articles": [row], "leaders": leaders}


#: Articles whose rows are gathered as plain lists before they are made one compact DataFrame.
FLUSH_EVERY = 100


class _Rows:
    """The corpus tables while they grow.

    An article's rows go into plain column lists (a DataFrame per article would cost
    far more); every ``flush_every`` articles the lists become one DataFrame, whose
    numbers and strings are stored compactly, and start again.
    """

    def __init__(self, flush_every: int | None = None) -> None:
        self.flush_every = flush_every or FLUSH_EVERY
        self.dtypes: dict[str, dict[str, str]] = {}
        self.chunks: dict[str, list[pd.DataFrame]] = {name: [] for name in CORPUS_TABLES}
        self._start()

    def _start(self) -> None:
        self.columns: dict[str, dict[str, list]] = {name: {} for name in CORPUS_TABLES}
        self.positions: dict[str, list[int]] = {name: [] for name in CORPUS_TABLES}
        self.pending = 0

    def add(self, entry: dict[str, Any], article: Article, article_id: str, position: int) -> None:
        for name, rows in article_rows(entry, article, article_id).items():
            fixed = ARTICLE_COLUMNS if name == "articles" else LEADER_COLUMNS
            cols = self.columns[name]
            for c in fixed:
                cols.setdefault(c, []).extend(r[c] for r in rows)
            self.positions[name].extend([position] * len(rows))
        for name, source in ROW_TABLES.items():
            stored = entry["tables"][source]
            n = len(stored["data"][0]) if stored["data"] else 0
            cols = self.columns[name]
            cols.setdefault("article", []).extend([article_id] * n)
            for c, values in zip(stored["columns"], stored["data"]):
                cols.setdefault(c, []).extend(values)
            if n or name not in self.dtypes:  # an empty table may carry looser dtypes than a filled one
                self.dtypes[name] = dict(zip(stored["columns"], stored["dtypes"]))
            self.positions[name].extend([position] * n)
        self.pending += 1
        if self.pending >= self.flush_every:
            self._flush()

    def _typed(self, name: str, frame: pd.DataFrame) -> pd.DataFrame:
        if name in ROW_TABLES:
            return frame.astype({**self.dtypes.get(name, {}), "article": "str"})
        return frame.astype({c: t for c, t in NUMERIC_DTYPES.items() if c in frame})

    def _flush(self) -> None:
        for name in CORPUS_TABLES:
            cols = self.columns[name]
            if not cols:
                continue
            frame = pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in cols.items()}, columns=list(cols))
            self.chunks[name].append(self._typed(name, frame).assign(_position=self.positions[name]))
        self._start()

    def frames(self) -> dict[str, pd.DataFrame]:
        """The tables, rows in the order of the input files."""
        self._flush()
        out = {}
        for name in CORPUS_TABLES:
            chunks = self.chunks[name]
            if not chunks:
                empty = ARTICLE_COLUMNS if name == "articles" else LEADER_COLUMNS if name == "leaders" else ["article"]
                out[name] = self._typed(name, pd.DataFrame({c: pd.Series([], dtype=object) for c in empty}))
                continue
            frame = self._typed(name, pd.concat(chunks, ignore_index=True) if len(chunks) > 1 else chunks[0])
            self.chunks[name] = []
            frame = frame.sort_values("_position", kind="stable").drop(columns="_position")
            out[name] = frame.reset_index(drop=True)
        return out


# --------------------------------------------------------------------------- the engines


@dataclass
class _Item:
    """One article on its way through the corpus run."""

    position: int
    path: Path
    article: Article | None = None
    key: str | None = None
    entry: dict[str, Any] | None = None
    error: str | None = None
    cached: bool = False


def _started(doc, *, leaders: list[str] | None, pipeline: str) -> PendingAnalysis:
    """The analysis of one parsed article up to the tone model; its warnings go in the entry, not on screen."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ArticleWarning)
        return start_analysis(doc, leaders=leaders, pipeline=pipeline)


def parse_articles(
    articles: Iterable[tuple[Any, Article]],
    nlp: Language,
    *,
    n_process: int = 1,
    batch_size: int = 16,
) -> Iterator[tuple[Any, Any]]:
    """``nlp.pipe`` over articles, as ``parse`` would parse each: yields ``(context, doc)`` in order.

    Only the article's analysis text crosses to worker processes; the article is
    attached to its Doc (``doc._.article``) when the Doc comes back.
    """
    pending: dict[int, tuple[Any, Article]] = {}

    def texts() -> Iterator[tuple[str, int]]:
        for i, (context, article) in enumerate(articles):
            pending[i] = (context, article)
            yield analysis_text(article), i

    # the input size cap bounds every text; set before the workers start, they keep a copy
    nlp.max_length = max(nlp.max_length, config.MAX_INPUT_BYTES + 1)
    for doc, i in nlp.pipe(texts(), as_tuples=True, n_process=n_process, batch_size=batch_size):
        context, article = pending.pop(i)
        doc._.article = article
        yield context, doc


def analyzed_entries(
    articles: Iterable[tuple[Any, Article]],
    nlp: Language,
    *,
    leaders: list[str] | None = None,
    n_process: int = 1,
    batch_size: int = 16,
) -> Iterator[tuple[Any, dict[str, Any] | str]]:
    """The per-article work of a corpus run: ``(context, cache entry)``, or ``(context, error message)``
    for an article whose analysis failed (the others go on)."""
    pipeline = pipeline_id(nlp)
    # the tone model scores the articles in other threads (onnxruntime lets go of the GIL) while the
    # next ones are parsed; up to a batch of them wait there, and they still come out in order
    with ThreadPoolExecutor(max_workers=SCORING_THREADS, thread_name_prefix="leadertone-tone") as scorer, \
            _quick_handoffs():
        waiting: deque[tuple[Any, Any, PendingAnalysis | str, Future | None]] = deque()
        for context, doc in parse_articles(articles, nlp, n_process=n_process, batch_size=batch_size):
            try:
                pending = _started(doc, leaders=leaders, pipeline=pipeline)
                waiting.append((context, doc, pending, scorer.submit(pending.score)))
            except Exception as exc:  # one article's failure must not stop the corpus
                waiting.append((context, doc, f"analysis failed: {type(exc).__name__}: {exc}", None))
            while len(waiting) > batch_size or waiting and (waiting[0][3] is None or waiting[0][3].done()):
                yield _finished(*waiting.popleft())
        # the parsing is over: this thread takes the later half of what the scoring thread has not begun
        queued = [i for i, (_, _, _, scores) in enumerate(waiting) if scores is not None and not scores.running()
                  and not scores.done()]
        for i in reversed(queued[len(queued) // 2 :]):
            context, doc, pending, scores = waiting[i]
            if scores.cancel():
                waiting[i] = (context, doc, pending, _scored_here(pending))
        while waiting:
            yield _finished(*waiting.popleft())


def _scored_here(pending: PendingAnalysis) -> Future:
    """``pending.score()`` run in this thread, as a finished ``Future``."""
    done: Future = Future()
    try:
        done.set_result(pending.score())
    except Exception as exc:  # reported with the article, as from the scoring thread
        done.set_exception(exc)
    return done


#: Threads that run the tone model beside the parsing (one: a second would take the parser's core).
SCORING_THREADS = 1
#: How long a thread may hold the GIL before another gets it, while a corpus runs (Python's default is
#: 5 ms): the scoring thread needs the GIL for a moment around each onnxruntime call, one per pair, and
#: should not wait 5 ms for it each time while the parsing thread runs Python.
HANDOFF_INTERVAL = 0.0002


@contextmanager
def _quick_handoffs() -> Iterator[None]:
    previous = sys.getswitchinterval()
    sys.setswitchinterval(HANDOFF_INTERVAL)
    try:
        yield
    finally:
        sys.setswitchinterval(previous)


def _finished(context: Any, doc, pending: PendingAnalysis | str, scores: Future | None
              ) -> tuple[Any, dict[str, Any] | str]:
    """``(context, cache entry)`` of an article whose scores are in, or ``(context, error message)``."""
    result: dict[str, Any] | str
    if isinstance(pending, str):
        result = pending
    else:
        try:
            result = pending.finish(scores.result()).to_cache_entry()
        except Exception as exc:  # one article's failure must not stop the corpus
            result = f"analysis failed: {type(exc).__name__}: {exc}"
    # the doc's memos point back at it; dropping them lets the doc go now, by reference
    # counting, instead of whenever the cycle collector next runs
    forget(doc)
    return context, result


def analyze_articles(
    articles: Sequence[tuple[Any, Article]],
    *,
    leaders: list[str] | None = None,
    model: str | None = None,
    batch_size: int = 16,
) -> list[tuple[Any, dict[str, Any] | str]]:
    """``analyzed_entries`` for one partition of a Dask bag, on the worker's own pipeline (loaded once)."""
    return list(analyzed_entries(articles, load_pipeline(model), leaders=leaders, batch_size=batch_size))


def _settle(item: _Item, result: dict[str, Any] | str) -> _Item:
    if isinstance(result, str):
        item.error = result
    else:
        item.entry = result
    return item


def _local(
    todo: Iterable[_Item], nlp: Language, *, leaders, n_process: int, batch_size: int
) -> Iterator[_Item]:
    pairs = ((it, it.article) for it in todo)
    for item, result in analyzed_entries(pairs, nlp, leaders=leaders, n_process=n_process, batch_size=batch_size):
        yield _settle(item, result)


def _dask_client(scheduler: str | None, n_process: int):
    try:
        from distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - a dependency of the package
        raise LeadertoneError("the dask engine needs `pip install dask distributed`") from None
    if scheduler:
        try:
            return Client(scheduler, timeout="10s"), None
        except (OSError, TimeoutError) as exc:
            raise LeadertoneError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
    cluster = LocalCluster(n_workers=max(1, n_process), threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=40)
    return Client(cluster), cluster


def _dask(
    todo: Iterable[_Item], *, leaders, model: str | None, n_process: int, batch_size: int,
    scheduler: str | None, wave: int,
) -> Iterator[_Item]:
    import dask.bag as db

    client, cluster = _dask_client(scheduler, n_process)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})) or n_process)
        todo = iter(todo)
        while True:
            chunk = [it for _, it in zip(range(wave), todo)]
            if not chunk:
                break
            by_position = {it.position: it for it in chunk}
            bag = db.from_sequence([(it.position, it.article) for it in chunk],
                                   npartitions=min(len(chunk), workers * 2))
            results = bag.map_partitions(
                analyze_articles, leaders=leaders, model=model, batch_size=batch_size
            ).compute(scheduler=client)
            for position, result in results:
                _settle(by_position[position], result)
            yield from chunk
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# --------------------------------------------------------------------------- the corpus run


def corpus_paths(paths: str | Path | Iterable[str | Path]) -> list[Path]:
    """Article files from files and folders (a folder gives its article files, sorted)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    found: list[Path] = []
    for p in paths:
        rp = config.resolve(p)
        found.extend(find_articles(rp) if rp.is_dir() else [rp])
    return found


def _unique_ids(paths: Sequence[Path]) -> list[str]:
    """A readable id per article: the file's slug, numbered when two files share one."""
    slugs = [config.slugify(p.stem) for p in paths]
    totals, seen = Counter(slugs), Counter()
    ids = []
    for s in slugs:
        seen[s] += 1
        ids.append(s if totals[s] == 1 else f"{s}_{seen[s]}")
    return ids


def _progress(total: int, enabled: bool):
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="article", desc="articles", disable=not enabled, file=sys.stderr,
                dynamic_ncols=True)


def write_tables(tables: dict[str, pd.DataFrame], out_dir: str | Path, *, formats: Sequence[str] = ("parquet",)
                 ) -> dict[str, Path]:
    """Write each table as ``<out_dir>/<name>.parquet`` (and ``.csv`` when asked), each file atomically."""
    out = config.resolve(out_dir)
    written: dict[str, Path] = {}
    for name, table in tables.items():
        for fmt in formats:
            buf = io.BytesIO()
            if fmt == "parquet":
                table.to_parquet(buf, index=False)
            elif fmt == "csv":
                buf.write(csv_bytes(table))  # a cell that starts like a formula is shown as text
            else:
                raise LeadertoneError(f"unknown table format {fmt!r} (parquet or csv)")
            path = write_bytes_atomic(out / f"{name}.{fmt}", buf.getvalue())
            written.setdefault(name, path)
    return written


def analyze_corpus(
    paths: str | Path | Iterable[str | Path],
    *,
    leaders: list[str] | None = None,
    n_process: int = 1,
    batch_size: int = 16,
    engine: str = "local",
    scheduler: str | None = None,
    cache: bool = True,
    out_dir: str | Path | None = config.DATA_PROCESSED,
    formats: Sequence[str] = ("parquet",),
    progress: bool = True,
    model: str | None = None,
) -> Corpus:
    """Analyse many articles into tidy tables, and write them as Parquet.

    Args:
        paths: Article files and folders (a folder gives every article file in it).
        leaders: The people to follow in every article; per article the two most
            prominent people when omitted.
        n_process: Parsing processes (local engine) or workers of the local Dask cluster.
        batch_size: Articles per ``nlp.pipe`` batch.
        engine: ``"local"`` (``nlp.pipe`` in this process) or ``"dask"`` (a Dask bag
            over a ``LocalCluster``, or over the cluster at ``scheduler``).
        scheduler: A Dask scheduler address (``"tcp://10.0.0.5:8786"``); dask engine only.
        cache: Read unchanged articles from the analysis cache and store new ones.
        out_dir: Where the Parquet tables go (default ``data/processed/``); None writes nothing.
        formats: File formats for the tables: ``"parquet"`` and/or ``"csv"``.
        progress: Show a progress bar (tqdm: a widget in notebooks, a line on the terminal).
        model: A spaCy pipeline name; ``load_pipeline()``'s choice when omitted.

    Returns:
        A ``Corpus``. Files that cannot be read are listed in ``Corpus.errors`` and
        skipped; the rest are analysed.

    Raises:
        LeadertoneError: no article files, an unknown engine, an unreachable scheduler.
    """
    if engine not in ENGINES:
        raise LeadertoneError(f"unknown engine {engine!r} (choose {' or '.join(ENGINES)})")
    if n_process < 1 or batch_size < 1:
        raise LeadertoneError("n_process and batch_size must be at least 1")
    files = corpus_paths(paths)
    if not files:
        raise LeadertoneError("no article files found (.txt, .md, .html or .json)")
    ids = _unique_ids(files)
    nlp = load_pipeline(model)
    bar = _progress(len(files), progress)
    rows = _Rows()
    errors: list[dict[str, str]] = []
    n_cached = 0

    def collect(item: _Item) -> None:
        """Turn a finished article into table rows (or an error row) and let go of everything else."""
        nonlocal n_cached
        if item.entry is not None:
            if cache and not item.cached:
                write_entry(item.key, item.entry)
            rows.add(item.entry, item.article, ids[item.position], item.position)
            n_cached += item.cached
        else:
            errors.append({"path": str(item.path), "error": item.error or "not analysed"})
        item.article = item.entry = None
        bar.update(1)

    def to_parse() -> Iterator[_Item]:
        """Every article read and looked up in the cache; unreadable ones and hits are done here."""
        for position, path in enumerate(files):
            item = _Item(position, path)
            try:
                with warnings.catch_warnings():  # kept in the article's notes: the warnings column
                    warnings.simplefilter("ignore", ArticleWarning)
                    item.article = load_article(path)
            except LeadertoneError as exc:
                item.error = str(exc)
            if item.article is not None and cache:
                item.key = cache_key(item.article, nlp=nlp, leaders=leaders)
                item.entry = read_entry(item.key)
                item.cached = item.entry is not None
            if item.error or item.cached:
                collect(item)
            else:
                yield item

    if engine == "local":
        parsed = _local(to_parse(), nlp, leaders=leaders, n_process=n_process, batch_size=batch_size)
    else:
        parsed = _dask(to_parse(), leaders=leaders, model=model, n_process=n_process, batch_size=batch_size,
                       scheduler=scheduler, wave=max(64, batch_size * max(1, n_process) * 4))
    try:
        for item in parsed:
            collect(item)
    finally:
        bar.close()

    corpus = Corpus(**rows.frames(), errors=pd.DataFrame(errors, columns=["path", "error"]), cached=n_cached)
    if out_dir is not None:
        corpus.files = write_tables(corpus.tables(), out_dir, formats=formats)
    return corpus
