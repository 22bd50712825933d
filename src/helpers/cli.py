"""The command line: ``python -m helpers …`` or ``leadertone …``. Argument parsing and exit codes only.

Exit status: 0 success, 1 some articles of a folder failed, 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from pathlib import Path

from . import config
from .errors import LeadertoneError

EXIT_OK, EXIT_PARTIAL, EXIT_ERROR = 0, 1, 2


def _show_warning(message, category, filename, lineno, file=None, line=None):  # noqa: ARG001
    print(f"warning: {message}", file=sys.stderr)


def _cmd_analyze(args: argparse.Namespace) -> int:
    if len(args.paths) == 1 and args.out is None and args.engine == "local" and not _is_folder(args.paths[0]):
        return _analyze_one(args)
    if args.json:
        folder = next((p for p in args.paths if _is_folder(p)), None)
        what = f"{folder}: is a directory; " if folder else ""
        raise LeadertoneError(f"{what}--json prints one article (without it, several go to tables under --out)")
    return _analyze_many(args)


def _is_folder(path: str) -> bool:
    return config.resolve(path).is_dir()


def _analyze_one(args: argparse.Namespace) -> int:
    from .analysis import analyze

    analysis = analyze(args.paths[0], leaders=args.leaders, cache=not args.no_cache)
    if args.json:
        sys.stdout.write(analysis.to_json() + "\n")
        return EXIT_OK
    from .output.captions import article_counts_line, leader_counts_line
    from .output.tables import leader_count_table

    print(f"{analysis.article.title}")
    print(f"  {article_counts_line(analysis.article)}")
    for row in leader_count_table(analysis).to_dict("records"):
        print(f"  {row['leader']}: {leader_counts_line(row)}")
    return EXIT_OK


def _analyze_many(args: argparse.Namespace) -> int:
    from .corpus import analyze_corpus

    corpus = analyze_corpus(
        _article_paths(args.paths),
        leaders=args.leaders,
        n_process=args.n_process,
        batch_size=args.batch_size,
        engine=args.engine,
        scheduler=args.scheduler,
        cache=not args.no_cache,
        out_dir=args.out or config.DATA_PROCESSED,
        formats=("parquet", "csv"),
        progress=not args.quiet,
    )
    for row in corpus.errors.itertuples():
        print(f"error: {row.error}", file=sys.stderr)
    n_ok, n_bad = len(corpus.articles), len(corpus.errors)
    folder = next(iter(corpus.files.values())).parent if corpus.files else None
    print(f"{n_ok} articles analysed ({corpus.cached} from the cache), {n_bad} failed; "
          f"tables ({', '.join(corpus.files)}) in {folder}")
    if n_bad:
        return EXIT_PARTIAL if n_ok else EXIT_ERROR
    return EXIT_OK


def _article_paths(paths: list[str] | None) -> list[Path]:
    """The article files named on the command line, folders expanded (default: data/raw/)."""
    from .corpus import corpus_paths

    found = corpus_paths(paths or [config.DATA_RAW])
    if not found:
        raise LeadertoneError("no article files found (put .txt, .md, .html or .json files in data/raw/)")
    return found


def _cmd_report(args: argparse.Namespace) -> int:
    from .report import run_job

    sources = _article_paths(args.paths)
    results = run_job(sources, out_dir=args.out, notebooks=not args.no_notebooks, leaders=args.leaders,
                      cache=not args.no_cache)
    articles = [r for r in results if not r.corpus]
    failed = [r for r in articles if r.error]
    status = EXIT_OK
    if failed:
        print(f"error: {len(failed)} of {len(articles)} articles failed", file=sys.stderr)
        status = EXIT_PARTIAL if len(failed) < len(articles) else EXIT_ERROR
    if any(r.error for r in results if r.corpus):
        print("error: the corpus report failed", file=sys.stderr)
        status = max(status, EXIT_PARTIAL)
    return status


def _cmd_gallery(args: argparse.Namespace) -> int:
    from .report import make_gallery

    for path in make_gallery(args.article, out_dir=args.out):
        print(f"wrote {path} ({path.stat().st_size // 1024} KB)", file=sys.stderr)
    return EXIT_OK


def _cmd_train_tone(args: argparse.Namespace) -> int:
    if args.method == "newsmtsc":
        from .nlp.tone_model import main_train

        out = args.out or str(config.TONE_MODEL_PATH)
        main_train(args.train, out, seed=0 if args.seed is None else args.seed)
    else:
        try:
            from .nlp.tone_model.onnx_export import main_finetune
        except ImportError as exc:
            raise LeadertoneError(f"fine-tuning needs the train extra ({exc.name} is missing): "
                                  'pip install -e ".[train]" (make model does this)') from None
        out = args.out or str(config.TONE_TRANSFORMER_DIR)
        main_finetune(args.train, out, seed=args.seed, cv=args.cv, epochs=args.epochs, limit=args.limit)
    print(f"wrote {out}", file=sys.stderr)
    return EXIT_OK


def _cmd_tone_eval(args: argparse.Namespace) -> int:
    import json

    from .nlp.tone_model import evaluate, read_newsmtsc

    result = evaluate(read_newsmtsc(args.file))
    if args.json:
        print(json.dumps(result, indent=1))
        return EXIT_OK
    print(f"{'method':<18} {'macro-F1':>9} {'accuracy':>9} {'n':>6}")
    for name, m in result["methods"].items():
        star = " (default)" if name == result["default"] else ""
        print(f"{name:<18} {m['f1_macro']:>9.3f} {m['accuracy']:>9.3f} {m['n']:>6}{star}")
    return EXIT_OK


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of 1 or more")
    return int(value)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per job."""
    parser = argparse.ArgumentParser(
        prog="leadertone",
        description="Who is named, who is quoted how often, and the tone toward two leaders in news articles.",
    )
    max_bytes_help = (f"largest input file or web page read, in bytes (default {config.MAX_INPUT_BYTES}, "
                      "or $LEADERTONE_MAX_BYTES)")
    parser.add_argument("--max-bytes", type=int, default=None, help=max_bytes_help)
    # the commands that read articles take it after their name too (where the size error's advice puts it);
    # SUPPRESS keeps a value given before the command when none is given after it
    reads_articles = argparse.ArgumentParser(add_help=False)
    reads_articles.add_argument("--max-bytes", type=int, default=argparse.SUPPRESS, help=max_bytes_help)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "analyze", parents=[reads_articles], help="analyse one article and print the result, or many into tables",
        description="One article: print a summary (or --json). Several files, a folder or --out: analyse them "
        "all into tidy tables (articles, leaders, quotes, sentences, targets, tone) written as Parquet and CSV.",
    )
    p.add_argument("paths", nargs="+", metavar="ARTICLE",
                   help="article files (.txt, .md, .html, .json), folders of them, or one http(s):// URL")
    p.add_argument("--json", action="store_true", help="print the full analysis of one article as one JSON object")
    p.add_argument(
        "--leaders", nargs="+", metavar="NAME", help='the people to follow, e.g. "Vladimir Putin" "Joe Biden"'
    )
    p.add_argument("--out", default=None, help=f"folder for the corpus tables (default {config.DATA_PROCESSED})")
    p.add_argument("--no-cache", action="store_true", help="analyse again instead of reading the analysis cache")
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local: nlp.pipe in this process; dask: a Dask cluster (default: %(default)s)")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="Dask scheduler to use instead of a local cluster, e.g. tcp://10.0.0.5:8786")
    p.add_argument("--n-process", type=_positive, default=1, metavar="N",
                   help="parsing processes, or local Dask workers (default: %(default)s)")
    p.add_argument("--batch-size", type=_positive, default=16, metavar="N",
                   help="articles per nlp.pipe batch (default: %(default)s)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_analyze)

    p = sub.add_parser("tone-eval", help="score TextBlob, VADER and the tone model on NewsMTSC-format JSONL")
    p.add_argument("file", help="JSONL: sentence_normalized, targets with from, to, polarity (2/4/6)")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.set_defaults(func=_cmd_tone_eval)

    p = sub.add_parser("train-tone", help="rebuild a target-aware tone model from NewsMTSC training data")
    p.add_argument("--method", choices=("minilm", "newsmtsc"), default="minilm",
                   help="minilm: fine-tune MiniLM and export ONNX (needs the train extra); "
                        "newsmtsc: the linear model (default: %(default)s)")
    p.add_argument("--train", default=str(config.NEWSMTSC_TRAIN), help="training JSONL (default: %(default)s)")
    p.add_argument("--out", default=None, help=f"where to write (default: {config.TONE_TRANSFORMER_DIR} for minilm, "
                                               f"{config.TONE_MODEL_PATH} for newsmtsc)")
    p.add_argument("--seed", type=int, default=None, help="random seed (default: 42 for minilm, 0 for newsmtsc)")
    p.add_argument("--cv", type=int, default=0, help="minilm: first cross-validate with K folds (default: none)")
    p.add_argument("--epochs", type=int, default=None, help="minilm: training epochs (default: 2)")
    p.add_argument("--limit", type=int, default=0, help="minilm: use only the first N targets (a quick check)")
    p.set_defaults(func=_cmd_train_tone)

    p = sub.add_parser("report", parents=[reads_articles],
                       help="write reports/<article>/ for every article (default: data/raw/)")
    p.add_argument("paths", nargs="*", help="article files or folders")
    p.add_argument("--out", default=None, help=f"output folder (default {config.REPORTS_DIR})")
    p.add_argument("--no-notebooks", action="store_true", help="skip running the notebooks (the slow part)")
    p.add_argument("--leaders", nargs="+", metavar="NAME", help="the people to follow in every article")
    p.add_argument("--no-cache", action="store_true", help="analyse again instead of reading the analysis cache")
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser("gallery", help="redraw the README's gallery: charts and a screenshot of report.html",
                       description="Small PNGs of a few charts of one article and a screenshot of its report.html "
                       "(headless Chromium), for the README.")
    p.add_argument("article", nargs="?", default=None,
                   help=f"the article to show (default: {config.DEFAULT_ARTICLE})")
    p.add_argument("--out", default=None, help=f"folder for the pictures (default {config.GALLERY_DIR})")
    p.set_defaults(func=_cmd_gallery)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    warnings.showwarning = _show_warning
    default_max_bytes = config.MAX_INPUT_BYTES
    if config.MAX_BYTES_ERROR and args.max_bytes is None:
        print(f"error: {config.MAX_BYTES_ERROR}", file=sys.stderr)
        return EXIT_ERROR
    if args.max_bytes is not None:
        if args.max_bytes <= 0:
            parser.error("--max-bytes must be a positive number of bytes")
        config.MAX_INPUT_BYTES = args.max_bytes
    try:
        return args.func(args)
    except LeadertoneError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug, not bad input: still one line, the traceback only on request
        if os.environ.get("LEADERTONE_DEBUG"):
            raise
        print(f"error: unexpected {type(exc).__name__}: {exc} (set LEADERTONE_DEBUG=1 for details)",
              file=sys.stderr)
        return EXIT_PARTIAL
    finally:
        config.MAX_INPUT_BYTES = default_max_bytes  # main() called from Python leaves no trace


if __name__ == "__main__":
    sys.exit(main())
