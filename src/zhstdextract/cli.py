"""Command line: a thin layer over the library.

Exit status: 0 when everything was processed; 1 when some documents failed (they are reported,
the rest is written) or some rule examples failed; 2 for bad usage (missing input, unwritable
output, invalid pattern folders); 130 on Ctrl-C.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from .extractor import Extractor

EXIT_OK, EXIT_FAILURES, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _die(msg: str) -> int:
    print(f"zhstdextract: {msg}", file=sys.stderr)
    return EXIT_USAGE


def _load(patterns: Sequence[str]) -> "Extractor | None":
    """The extractor for the given pattern folders, or None after printing every problem."""
    from .extractor import Extractor
    from .patternset import PatternError

    try:
        return Extractor(patterns)
    except PatternError as e:
        for p in e.problems:
            print(str(p), file=sys.stderr)
        print(f"zhstdextract: {len(e.problems)} problem(s) in pattern files; nothing was extracted", file=sys.stderr)
        return None


# ---------------------------------------------------------------------- extract
def cmd_extract(args: argparse.Namespace) -> int:
    from .batch import InputError, default_workers, extract_units, plan_folder, share_extractor, survey
    from .writers import FactWriter, JsonlLog, OutputError, check_writable

    fmt = args.format or _format_from(args.output)
    if args.subject_codes and fmt != "jsonl":
        return _die("--subject-codes works with JSONL output only (CSV and Parquet keep the contract columns)")
    try:
        for out in (args.output, args.errors, args.manifest):
            if out:
                check_writable(out)
        if args.with_text and not Path(args.with_text).is_dir():
            raise OutputError(f"--with-text {args.with_text}: not an existing folder")
    except OutputError as e:
        return _die(str(e))
    ex = _load(args.patterns)  # validate rule folders before any text is read
    if ex is None:
        return EXIT_USAGE
    root = Path(args.input)
    try:
        total, total_bytes = survey(root, args.glob)  # a counting pass: nothing is kept
    except InputError as e:
        return _die(str(e))
    if not total:
        return _die(f"no documents to extract in {root} (looked for .txt, .html, .htm, .jsonl{'; glob ' + args.glob if args.glob else ''})")
    units = plan_folder(root, args.glob)
    workers = args.workers or default_workers()
    try:
        writer = FactWriter(args.output, fmt)
    except OutputError as e:
        return _die(str(e))
    except OSError as e:
        return _die(f"cannot write {args.output}: {e.strerror or e}")
    errors = JsonlLog(args.errors)
    manifest = JsonlLog(args.manifest)
    show = sys.stderr.isatty() and not args.quiet
    failures: list[dict] = []

    def sink(res) -> None:
        if res.jsonl is not None:
            writer.write_serialized(res.jsonl, sum(res.metrics.values()))
        else:
            writer.write(res.rows)
        for e in res.errors:
            failures.append(e)
            errors.write(e)
            if not args.quiet:
                where = f"{e['source']}:{e['line']}" if e.get("line") else e["source"]
                lead = "\r" if show else ""
                print(f"{lead}zhstdextract: skipped {where}: {e['reason']}", file=sys.stderr)
        for d in res.docs:
            manifest.write(d)
        if args.with_text:
            for doc, text in res.texts:
                name = doc.replace("/", "__").replace("#", "--")
                (Path(args.with_text) / f"{name}.txt").write_text(text, encoding="utf-8", newline="")

    def progress(done: int, total: int) -> None:
        if show:
            width = 30
            fill = min(width, int(width * done / max(total, 1)))
            print(f"\r[{'#' * fill}{'.' * (width - fill)}] {done}/{total} files", end="", file=sys.stderr, flush=True)

    try:
        if workers > 1:
            ex.warm()  # forked workers inherit compiled rules and the gazetteer
            import gc

            # the extractor's objects live as long as the workers: out of the collector's sight,
            # a collection in a worker neither walks them nor writes their pages (which fork
            # shares until written), as the gc module's documentation advises before a fork
            gc.freeze()
        share_extractor(ex, args.patterns)  # the in-process worker and forked workers reuse it
        summary = extract_units(units, sink, patterns=args.patterns, include_unmapped=args.all_quantities,
                                workers=workers, with_text=bool(args.with_text), serialize=(fmt == "jsonl"),
                                extra=args.subject_codes, total=total, progress=progress,
                                total_bytes=total_bytes)
    except KeyboardInterrupt:
        writer.abort()
        errors.abort()
        manifest.abort()
        print("\nzhstdextract: interrupted; no output written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BaseException:
        writer.abort()
        errors.abort()
        manifest.abort()
        raise
    writer.commit()
    errors.commit()
    manifest.commit()
    if show:
        print(file=sys.stderr)
    if not args.quiet:
        for line in summary.lines():
            print(line, file=sys.stderr)
    return EXIT_FAILURES if failures else EXIT_OK


def _format_from(output: str) -> str:
    suffix = Path(output).suffix.lower()
    return {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}.get(suffix, "jsonl")


# ---------------------------------------------------------------------- rules
def cmd_rules(args: argparse.Namespace) -> int:
    from .patternset import PatternError, PatternSet, builtin_folder

    folders = [Path(d) for d in args.dirs]
    if args.action == "check":
        try:
            ps = PatternSet([builtin_folder()] + folders)  # every folder probed, built-in included
        except PatternError as e:
            for p in e.problems:
                print(str(p), file=sys.stderr)
            return EXIT_USAGE
        print(f"ok: {len(ps.rules)} rules, {len(ps.metrics)} metrics")
        return EXIT_OK
    ex = _load(args.dirs)
    if ex is None:
        return EXIT_USAGE
    if args.action == "list":
        for r in ex.patterns.rules:
            print(f"{r.id:48} {r.metric:30} {r.where}")
        return EXIT_OK
    from .ruletest import run_rule_examples

    rules = ex.patterns.rules
    if folders and not args.all:
        user = {str(Path(f).resolve()) for f in folders}
        rules = [r for r in rules if any(str(Path(r.path).resolve()).startswith(u) for u in user)]
    results = run_rule_examples(ex, rules)
    bad = [r for r in results if not r.ok]
    for r in results:
        if not r.ok or args.verbose:
            print(r.describe())
    print(f"{len(results) - len(bad)} passed, {len(bad)} failed")
    return EXIT_FAILURES if bad else EXIT_OK


# ---------------------------------------------------------------------- explain
def cmd_explain(args: argparse.Namespace) -> int:
    from .explain import explain, render
    from .readers import ReadError, read_path

    ex = _load(args.patterns)
    if ex is None:
        return EXIT_USAGE
    src = args.text
    p = Path(src)
    if _is_file(p):
        docs = list(read_path(p, p.name))
        if not docs or isinstance(docs[0], ReadError):
            return _die(f"cannot read {src}: {docs[0].reason if docs else 'empty'}")
        src = docs[0].text
    report = explain(ex, src, date=args.date)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(render(report))
    return EXIT_OK


def _is_file(p: Path) -> bool:
    """A text argument is a file only if one exists there; a long sentence is a name too long
    for the file system (OSError), which just means it is the text itself."""
    try:
        return len(str(p)) < 4096 and p.is_file()
    except (OSError, ValueError):
        return False


# ---------------------------------------------------------------------- eval
def cmd_eval(args: argparse.Namespace) -> int:
    from .batch import InputError, discover, extract_units, plan
    from .evaluate import evaluate, load_jsonl

    try:
        gold = load_jsonl(args.gold)
    except (OSError, json.JSONDecodeError) as e:
        return _die(f"cannot read gold {args.gold}: {e}")
    ex = _load(args.patterns)
    if ex is None:
        return EXIT_USAGE
    root = Path(args.dir)
    try:
        files = discover(root)
    except InputError as e:
        return _die(str(e))
    rows: list[dict] = []
    extract_units(plan(root, files), lambda res: rows.extend(res.rows), patterns=args.patterns,
                  include_unmapped=not args.mapped_only, workers=1)
    report = evaluate(gold, rows)
    if args.json:
        print(json.dumps(report.figures()))
        return EXIT_OK
    for line in report.summary_lines():
        print(line)
    if not args.brief:
        for line in report.breakdown_lines() + report.error_lines():
            print(line)
    return EXIT_OK


# ---------------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    p = argparse.ArgumentParser(prog="zhstdextract", description="Standardization figures from Chinese government news.")
    p.add_argument("--version", action="version", version=f"zhstdextract {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    e = sub.add_parser(
        "extract", help="extract facts from a folder (or one file) of documents",
        epilog="exit status: 0 every document processed; 1 some documents or lines failed (reported, "
               "the rest written); 2 bad usage; 130 interrupted (nothing written)")
    e.add_argument("input", help="folder (searched recursively) or file: .txt, .html/.htm, .jsonl")
    e.add_argument("-o", "--output", default="-", help="output file, '-' for stdout (default)")
    e.add_argument("--format", choices=["jsonl", "csv", "parquet"], help="default: from the output suffix, else jsonl")
    e.add_argument("--glob", help="which files to read, e.g. '**/*.txt' (default: every supported file)")
    e.add_argument("--workers", type=int, default=0, help="worker processes (default: the CPU count)")
    e.add_argument("--patterns", action="append", default=[], metavar="DIR", help="user rule folder, layered over the built-in rules (repeatable)")
    e.add_argument("--all-quantities", action="store_true", help="also write quantities that no metric covers (metric null)")
    e.add_argument("--errors", metavar="FILE", help="write failed documents and lines as JSONL")
    e.add_argument("--manifest", metavar="FILE", help="write one JSONL row per document: doc, encoding, chars, facts")
    e.add_argument("--with-text", metavar="DIR", help="write the text each document's spans index into DIR")
    e.add_argument("--subject-codes", action="store_true",
                   help="append subject_code (administrative division code) to each row (JSONL only; not part of the contract shape)")
    e.add_argument("-q", "--quiet", action="store_true", help="no progress, no summary")
    e.set_defaults(func=cmd_extract)

    r = sub.add_parser("rules", help="check, list or test rule folders")
    r.add_argument("action", choices=["test", "check", "list"])
    r.add_argument("dirs", nargs="*", help="user rule folders (the built-in ones are always loaded)")
    r.add_argument("--all", action="store_true", help="with user folders: also run the built-in rules' examples")
    r.add_argument("-v", "--verbose", action="store_true", help="show passing examples too")
    r.set_defaults(func=cmd_rules)

    x = sub.add_parser("explain", help="show how a text or file is read, quantity by quantity")
    x.add_argument("text", help="the text itself, or a file")
    x.add_argument("--patterns", action="append", default=[], metavar="DIR")
    x.add_argument("--date", help="document date YYYY-MM-DD (default: from the text's dateline)")
    x.add_argument("--json", action="store_true")
    x.set_defaults(func=cmd_explain)

    v = sub.add_parser("eval", help="precision/recall/F1 against gold annotations (ONTOLOGY.md section 6)")
    v.add_argument("gold", help="gold JSONL")
    v.add_argument("dir", help="the documents the gold annotates")
    v.add_argument("--patterns", action="append", default=[], metavar="DIR")
    v.add_argument("--mapped-only", action="store_true", help="score only facts with a metric, as plain 'extract' writes them")
    v.add_argument("--brief", action="store_true", help="only the summary figures")
    v.add_argument("--json", action="store_true")
    v.set_defaults(func=cmd_eval)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except BrokenPipeError:  # `zhstdextract extract seeds | head`
        return EXIT_OK


def run() -> None:
    """The console command: :func:`main`, then a quick exit.

    Why: the interpreter's teardown frees the extractor's objects one by one, ~25 ms for a
    process that is ending anyway (a fifth of a small batch's serial part). Every output is
    committed and closed by then; the standard streams are flushed here. Anything unusual (an
    exception, a stream that cannot be flushed) takes the normal way out instead.
    """
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:  # a closed pipe: let the interpreter's own exit deal with it
        sys.exit(code)
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
