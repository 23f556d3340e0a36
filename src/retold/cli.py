"""The ``retold`` command: parses arguments, calls the stages, renders. No fact logic lives here."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import io
import json
import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from retold import __version__, cli_store, cli_types
from retold.cli_llm import add_llm_options as _add_llm_options
from retold.cli_llm import llm_extra as _llm_extra
from retold.cli_llm import llm_judge as _llm_judge
from retold.cli_llm import say_llm_usage as _say_llm_usage
from retold.errors import InputError, RetoldError
from retold.normalize import clip
from retold.output import check_target, emit

if TYPE_CHECKING:
    from rich.console import Console

    from retold.check import Report
    from retold.types import Article

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

INPUT_HELP = "a file path (text, Markdown, HTML), an http(s) URL, or - for stdin"


# --------------------------------------------------------------------------- helpers


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one line, as every other bad input does."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"retold: error: {message} (see `{self.prog} --help`)\n")


def _stdout_console() -> Console:
    """A console for data on stdout: colour only on a terminal, never with NO_COLOR."""
    from rich.console import Console  # deferred, like every heavy import: `retold --help` starts fast

    # markup and emoji codes off: article text is printed literally ("[bold]x[/bold]", "[link=…]", ":fire:")
    return Console(soft_wrap=False, highlight=False, markup=False, emoji=False)


def _render_rich(renderable: object, width: int | None = None) -> str:
    """A rich renderable as text: coloured for a terminal, plain when piped or with NO_COLOR."""
    from rich.console import Console

    console = _stdout_console()
    if not console.is_terminal:
        buffer = io.StringIO()
        Console(
            file=buffer,
            width=width or 100,
            no_color=True,
            highlight=False,
            color_system=None,
            markup=False,
            emoji=False,
        ).print(renderable)
        return buffer.getvalue()
    with console.capture() as capture:
        console.print(renderable)
    return capture.get()


def _say(message: str) -> None:
    """A diagnostic line on stderr."""
    print(f"retold: {message}", file=sys.stderr)


def _ingest(args: argparse.Namespace, source: str) -> Article:
    from retold.ingest import ingest

    article = ingest(source, max_bytes=args.max_bytes, timeout=args.timeout, allow_private_urls=args.allow_private_urls)
    _say_removed(source, article)
    return article


def _say_removed(source: str, article: Article) -> None:
    """What ingest took out of the input, and its warnings, on stderr."""
    for block in article.removed:
        _say(f"removed {block.reason} from {source}: {clip(block.text, 90)}")
    for warning in article.warnings:
        _say(f"warning: {source}: {warning}")


def _with_published(article: Article, published: dt.date | None) -> Article:
    if published is None:
        return article
    import dataclasses

    return dataclasses.replace(article, published=published)


# --------------------------------------------------------------------------- commands


def cmd_extract(args: argparse.Namespace) -> int:
    article = _with_published(_ingest(args, args.input), args.published)
    if args.format == "json":
        out = json.dumps(article.to_dict(), ensure_ascii=False, indent=2)
    elif args.format == "md":
        from retold.escape import markdown  # text a page showed as "&lt;script&gt;" stays text

        head = f"# {markdown(article.title)}\n\n" if article.title else ""
        out = head + "\n\n".join(markdown(article.text[p.start : p.end]) for p in article.paragraphs)
    else:
        out = article.text
    emit(out, args.output)
    return EXIT_OK


def cmd_facts(args: argparse.Namespace) -> int:
    from retold.analyze import analyze
    from retold.views import article_header, facts_tables

    article = _with_published(_ingest(args, args.input), args.published)
    facts = analyze(article)
    if args.format == "json":
        payload = {"article": article.to_dict(), **facts.to_dict()}
        out = json.dumps(payload, ensure_ascii=False, indent=2)
    else:
        from rich.console import Group

        out = _render_rich(Group(article_header(article), facts_tables(facts)))
    emit(out, args.output)
    return EXIT_OK


def cmd_rewrite(args: argparse.Namespace) -> int:
    from retold.pipeline import Settings, Source, run

    settings = Settings(
        style=args.style,
        engine=args.engine,
        words=args.words,
        cite=args.cite,
        format=args.format,
        extra=_llm_extra(args),
        published=args.published,
        max_bytes=args.max_bytes,
        timeout=args.timeout,
        allow_private_urls=args.allow_private_urls,
    )
    result = run(Source(location=args.input), settings)
    _say_removed(args.input, result.article)
    report = result.report
    counts = report.summary.get("by_severity", {})
    mended = (result.draft.stats or {}).get("audit", {})
    _say(
        f"self-check: {counts.get('error', 0)} errors, {counts.get('warning', 0)} warnings, "
        f"score {report.score:.2f} ({report.verdict}); the audit mended {mended.get('mended', 0)} item(s) "
        f"({mended.get('repaired', 0)} repaired, {mended.get('replaced', 0)} replaced, {mended.get('dropped', 0)} dropped)"
    )
    for note in result.draft.notes:
        _say(note)
    _say_llm_usage(result.draft.stats, args.verbose)
    out = result.output
    if args.format == "text" and _stdout_console().is_terminal:
        from retold.render import draft_rich

        # The self-check verdict is on stderr already; the terminal view stays the explainer itself.
        out = _render_rich(draft_rich(result.draft, cite=args.cite))
    emit(out, args.output)
    cli_store.record_run(args, "rewrite", result.article, report, printed=out, draft=result.draft)
    return _exit_code(report, args.fail_on)


def _exit_code(report: Report, fail_on: str) -> int:
    return EXIT_OK if fail_on == "never" else report.exit_code(fail_on)


def cmd_check(args: argparse.Namespace) -> int:
    from retold.check import check
    from retold.ingest import ingest

    if args.source == "-" and args.rewrite == "-":
        raise InputError("stdin can be read only once: pass the source or the rewrite as a file")
    source = _with_published(_ingest(args, args.source), args.published)
    # The rewrite is read as given: its boilerplate is what the check is for.
    rewrite_article = ingest(
        args.rewrite,
        max_bytes=args.max_bytes,
        timeout=args.timeout,
        clean=False,
        allow_private_urls=args.allow_private_urls,
    )
    judge = _llm_judge(args)
    try:
        report = check(source, rewrite_article.text, judge=judge, hints=args.hints)
    finally:
        if judge is not None:
            judge.client.close()
    if judge is not None:
        _say_llm_usage({"usage": judge.client.usage.to_dict()}, args.verbose)
        if judge.account is not None:
            _say(judge.account.summary())
    if args.format == "json":
        payload = report.to_dict()
        if judge is not None and judge.account is not None:
            payload["judge"] = judge.account.to_dict()
        out = json.dumps(payload, ensure_ascii=False, indent=2)
    elif args.format == "md":
        out = report.to_markdown()
    elif args.format == "html":
        from retold.render import html_page

        out = html_page(report.to_html(), f"retold check: {report.verdict}")
    else:
        out = _render_rich(report)
    emit(out, args.output)
    cli_store.record_run(args, "check", source, report, printed=out)
    return _exit_code(report, args.fail_on)


def cmd_serve(args: argparse.Namespace) -> int:
    from retold.serve import config_from, serve

    config = config_from(
        args.host,
        args.port,
        allow_private_urls=args.allow_private_urls,
        max_body=args.max_body,
        time_limit=args.time_limit,
        workers=args.workers,
    )
    with cli_store.open_store(args, shared=True) as store:  # --no-store: the history stays in memory
        from retold.serve.storelog import StoreRunLog

        serve(config, runs=StoreRunLog(store) if store is not None else None)
    return EXIT_OK


def cmd_styles(args: argparse.Namespace) -> int:
    from retold.styles import list_styles, user_styles_dir

    lines = [
        f"{style.name:<12} {style.origin:<8} {style.description}"
        if style.origin == "builtin"
        else f"{style.name:<12} {'user':<8} {style.description} ({style.origin})"
        for style in list_styles()
    ]
    lines.append(f"(your own styles go in {user_styles_dir()}/NAME.toml)")
    emit("\n".join(lines), None)
    return EXIT_OK


# --------------------------------------------------------------------------- parser


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-bytes",
        type=cli_types.positive_int,
        default=5_000_000,
        metavar="N",
        help="refuse inputs larger than N bytes (default 5000000)",
    )
    parser.add_argument(
        "--timeout", type=cli_types.seconds, default=15.0, metavar="S", help="seconds to wait for a URL (default 15)"
    )
    parser.add_argument(
        "--allow-private-urls",
        action="store_true",
        help="fetch URLs on loopback, private or link-local addresses (refused by default)",
    )
    parser.add_argument(
        "--published",
        type=cli_types.iso_date,
        metavar="YYYY-MM-DD",
        help="publication date, to resolve 'on Tuesday' (overrides the page's)",
    )


def _add_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="retold",
        description="Turn news articles into structured explainers without losing or inventing a fact, "
        "and check any rewrite against its source.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n"
        "  retold rewrite examples/nato-ukraine.txt\n"
        "  retold check article.html ai-rewrite.md --format json\n"
        "  retold facts https://example.com/news/story.html\n\n"
        "exit codes: 0 fine, 1 the check found findings at or above --fail-on, 2 bad usage or unreadable input",
    )
    parser.add_argument("--version", action="version", version=f"retold {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser(
        "rewrite",
        help="rewrite an article as an explainer (checked before it is printed)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example:\n  retold rewrite examples/nato-ukraine.txt --cite -o explainer.md",
    )
    p.add_argument("input", metavar="INPUT", help=INPUT_HELP)
    p.add_argument(
        "--style",
        default="explainer",
        help="explainer (default), brief, summary, thread, newsletter — see `retold styles`",
    )
    p.add_argument("--engine", default="builtin", help="rewrite engine: builtin (default: offline, no model) or llm")
    p.add_argument("--format", choices=("md", "html", "json", "text"), default="md", help="output format (default md)")
    p.add_argument("--cite", action="store_true", help="add references to the source sentences each item rests on")
    p.add_argument("--words", type=cli_types.word_count, metavar="N", help="aim for about N words")
    p.add_argument(
        "--fail-on",
        choices=("error", "warning", "info", "never"),
        default="error",
        help="self-check level that exits 1",
    )
    _add_input_options(p)
    _add_output(p)
    cli_store.add_store_options(p)
    _add_llm_options(p)
    p.set_defaults(func=cmd_rewrite)

    p = sub.add_parser(
        "check",
        help="check a rewrite against its source",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example:\n  retold check examples/nato-ukraine.txt rewrite.md --format json --fail-on warning",
    )
    p.add_argument("source", metavar="SOURCE", help="the source article: " + INPUT_HELP)
    p.add_argument("rewrite", metavar="REWRITE", help="the rewrite to audit: a file path, a URL or - for stdin")
    p.add_argument(
        "--format", choices=("text", "json", "md", "html"), default="text", help="report format (default text)"
    )
    p.add_argument(
        "--fail-on",
        choices=("error", "warning", "info", "never"),
        default="error",
        help="lowest severity that exits 1 (default error)",
    )
    p.add_argument(
        "--judge",
        choices=("rules", "llm"),
        default="rules",
        help="rules only (default), or also an LLM for what they leave open",
    )
    p.add_argument(
        "--hints",
        action="store_true",
        help="also list 'invented claim' warnings: a predicate no source sentence has with the same doers (as often faithful paraphrase as an error)",
    )
    _add_input_options(p)
    _add_output(p)
    cli_store.add_store_options(p)
    _add_llm_options(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser(
        "facts",
        help="show the facts retold finds in an article",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example:\n  retold facts examples/nato-ukraine.txt --format json",
    )
    p.add_argument("input", metavar="INPUT", help=INPUT_HELP)
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")
    _add_input_options(p)
    _add_output(p)
    p.set_defaults(func=cmd_facts)

    p = sub.add_parser(
        "extract",
        help="extract the article text (boilerplate removed and listed)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example:\n  retold extract https://example.com/news/story.html --format json",
    )
    p.add_argument("input", metavar="INPUT", help=INPUT_HELP)
    p.add_argument("--format", choices=("text", "md", "json"), default="text", help="output format (default text)")
    _add_input_options(p)
    _add_output(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser(
        "serve",
        help="run the HTTP API and the web page (127.0.0.1 by default)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example:\n  retold serve --port 8000   # then open http://127.0.0.1:8000\n\n"
        "Another --host than 127.0.0.1 needs an API token in RETOLD_TOKEN; clients send it as Authorization: Bearer ...",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=cli_types.port_number, default=8000, help="port to listen on (default 8000)")
    p.add_argument(
        "--allow-private-urls",
        action="store_true",
        help="let URL fetches reach loopback, private and link-local addresses",
    )
    p.add_argument(
        "--max-body",
        type=cli_types.positive_int,
        default=2_000_000,
        metavar="N",
        help="refuse request bodies over N bytes (default 2000000)",
    )
    p.add_argument(
        "--time-limit",
        type=cli_types.seconds,
        default=60.0,
        metavar="S",
        help="seconds one request may take (default 60)",
    )
    p.add_argument(
        "--workers",
        type=cli_types.worker_count,
        default=2,
        metavar="N",
        help="worker threads for the pipeline (default 2)",
    )
    cli_store.add_store_options(p)  # the history: the store's runs, shared with rewrite, check and batch
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("styles", help="list the rewrite styles")
    p.set_defaults(func=cmd_styles)

    cli_store.add_commands(sub, _add_input_options, _add_llm_options)  # batch, history, show
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    code = _run(args.func, args)
    if argv is None:  # run as the program, which now exits
        # The work is done and its output flushed: a Ctrl-C from here on ends the exit quietly (130), not
        # with a KeyboardInterrupt traceback from wherever the interpreter's shutdown happens to be.
        signal.signal(signal.SIGINT, lambda *_: os._exit(130))
        # Interpreter shutdown runs full garbage collections over every live object: spaCy's pipeline and the
        # parses are ~150 MB of them (~0.2 s of a `retold check`). Frozen, they are left out of those passes;
        # they are still freed, and atexit handlers and finalizers run as before.
        gc.freeze()
    return code


def _run(func: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Turn every expected failure into one line on stderr and exit code 2."""
    try:
        check_target(getattr(args, "output", None))  # a bad -o fails before the work, not after
        cli_store.check_store(args)  # and so does a store that cannot be opened or written
        return func(args)
    except RetoldError as exc:
        print(f"retold: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ModuleNotFoundError as exc:  # an optional part whose extra is not installed: say which
        from retold.extras import missing_extra

        fix = missing_extra(exc)
        if fix is None:
            raise
        print(f"retold: error: {fix}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("retold: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`retold … | head`): not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
