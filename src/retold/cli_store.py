"""The commands that use the store — ``batch``, ``history``, ``show`` — and the one helper that opens it.

``cli.py`` adds these subcommands with :func:`add_commands` and the ``--db``/``--no-store`` options to
``rewrite`` and ``check`` with :func:`add_store_options`; those commands record their run with
:func:`record_run`. Nothing heavy is imported here at module level: ``history`` and ``show`` start fast.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from retold.cli_types import iso_date, positive_int, word_count, worker_count
from retold.errors import InputError
from retold.normalize import clip
from retold.output import emit

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


# --------------------------------------------------------------------------- the store, once


def add_store_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", metavar="PATH", help="the store (SQLite) to use (default: $RETOLD_DB, else the user data dir)"
    )
    parser.add_argument("--no-store", action="store_true", help="leave no trace: neither read nor write the store")


def check_store(args: argparse.Namespace) -> None:
    """Open (and migrate) the store a command will use, before its work: a corrupt, read-only or locked
    store is one line and exit 2 now, not after the output is written. Commands that write to it also take
    its write lock once (waiting at most the store's ``LOCK_WAIT``)."""
    if not hasattr(args, "no_store") or args.no_store:
        return
    from retold.store import Store

    with Store.open(getattr(args, "db", None)) as store:
        if getattr(args, "command", None) in ("rewrite", "check", "batch", "serve"):
            store.check_writable()


@contextmanager
def open_store(args: argparse.Namespace, *, shared: bool = False) -> Iterator[Any | None]:
    """The store the command line names, migrated and open; ``None`` with ``--no-store``.

    ``shared``: other threads will use it too (see :class:`retold.store.Store`).
    """
    if getattr(args, "no_store", False):
        yield None
        return
    from retold.store import Store

    with Store.open(getattr(args, "db", None), shared=shared) as store:
        yield store


def record_run(
    args: argparse.Namespace, kind: str, article: Any, report: Any, *, printed: str, draft: Any = None
) -> None:
    """Remember a ``rewrite`` or ``check`` run (article, options, verdict and outputs) unless ``--no-store``.

    ``printed`` is the output as the command printed it; Markdown and JSON are kept too, for ``show``.
    """
    with open_store(args) as store:
        if store is None:
            return
        if draft is not None:
            from retold.render import render

            rendered = {"md": render(draft, "md", report=report), "json": render(draft, "json", report=report)}
        else:
            rendered = {"md": report.to_markdown(), "json": json.dumps(report.to_dict(), ensure_ascii=False, indent=2)}
        rendered[args.format] = printed
        findings: dict[str, int] = {}
        for finding in report.findings:
            if finding.severity in ("error", "warning"):
                findings[f"{finding.kind} {finding.severity}"] = (
                    findings.get(f"{finding.kind} {finding.severity}", 0) + 1
                )
        options = {k: getattr(args, k) for k in ("format", "words", "cite", "fail_on") if hasattr(args, k)}
        store.record_article_run(
            article.text,
            url=article.url,
            title=article.title,
            kind=kind,
            engine=draft.engine if draft is not None else None,
            style=draft.style if draft is not None else None,
            options=options,
            verdict=report.verdict,
            score=report.score,
            origin=article.origin,
            output={"rendered": rendered, "findings": findings, **_rewrite_of(report, draft)},
        )


def _rewrite_of(report: Any, draft: Any) -> dict[str, str]:
    """A check keeps the rewrite its findings point into, so the web page's history can mark them."""
    return {} if draft is not None else {"rewrite_text": report.rewrite_text}


# --------------------------------------------------------------------------- history and show


def cmd_history(args: argparse.Namespace) -> int:
    since = args.since.isoformat() if args.since else None
    with open_store(args) as store:
        if store is None:
            raise InputError("history reads the store: drop --no-store")
        runs = store.list_runs(
            verdict=args.verdict, style=args.style, kind=args.kind, since=since, limit=args.limit, outputs=False
        )
    if args.format == "json":
        rows = [
            {
                k: getattr(r, k)
                for k in (
                    "id",
                    "created_at",
                    "kind",
                    "style",
                    "engine",
                    "verdict",
                    "score",
                    "title",
                    "url",
                    "origin",
                    "seconds",
                )
            }
            for r in runs
        ]
        emit(json.dumps(rows, ensure_ascii=False, indent=2), None)
        return EXIT_OK
    if not runs:
        emit("No runs stored yet (or none match): run `retold rewrite`, `retold check` or `retold batch`.", None)
        return EXIT_OK
    lines = [f"{'ID':>5}  {'WHEN (UTC)':<16}  {'KIND':<7}  {'STYLE':<10}  {'VERDICT':<7}  {'SCORE':>5}  ARTICLE"]
    for run in runs:
        when = run.created_at[:16].replace("T", " ")
        score = f"{run.score:.2f}" if run.score is not None else "-"
        article = run.title or run.origin or run.url or "(untitled)"
        if run.origin and run.title and run.origin != run.title:
            article += f"  [{run.origin}]"
        lines.append(
            f"{run.id:>5}  {when:<16}  {run.kind:<7}  {run.style or '-':<10}  {run.verdict or '-':<7}  {score:>5}  {clip(article, 70)}"
        )
    emit("\n".join(lines), None)
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        if store is None:
            raise InputError("show reads the store: drop --no-store")
        run = store.get_run(args.id)
        where = store.path
        decisions = store.decisions(run.id) if run is not None else {}
    if run is None:
        raise InputError(f"No run {args.id} in the store at {where}: see `retold history` for the ids")
    rendered = run.output.get("rendered", {})
    if args.format not in rendered:
        kept = ", ".join(sorted(rendered)) or "none"
        raise InputError(f"Run {run.id} was stored as {kept}, not {args.format}: pass --format with one of those")
    emit(_with_decisions(rendered[args.format], args.format, rendered, decisions), args.output)
    return EXIT_OK


def _with_decisions(text: str, fmt: str, rendered: dict[str, str], decisions: dict[int, str]) -> str:
    """A stored check's report with the editor's decisions from the web page: ``reviews`` in the JSON (as the
    API gives them), a closing block in text, Markdown and HTML. Unchanged when nobody decided anything."""
    from retold.reviews import decisions_block, with_decisions

    if not decisions or "json" not in rendered:
        return text
    try:
        contract, printed = json.loads(rendered["json"]), json.loads(text) if fmt == "json" else None
    except ValueError:
        return text  # a stored output that is not JSON (written by hand, or cut short): printed as it was kept
    findings = contract.get("findings") if isinstance(contract, dict) else None
    if not isinstance(findings, list):
        return text
    if fmt == "json":
        if not isinstance(printed, dict):
            return text
        shown = json.dumps(with_decisions(printed, decisions), ensure_ascii=False, indent=2)
        return shown + "\n" if text.endswith("\n") else shown
    block = decisions_block(findings, decisions, fmt)
    if fmt == "html" and "</body>" in text:
        at = text.rindex("</body>")
        return text[:at] + block + text[at:]
    return text.rstrip("\n") + "\n" + block


# --------------------------------------------------------------------------- batch


def _check_out_dir(out_dir: Any) -> None:
    """``--out`` as a folder retold can write in, made if missing: refused before any article is read."""
    from retold.normalize import display

    shown = display(str(out_dir))
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"--out {shown} is a file: pass a folder (it is created if missing)")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            f"--out {shown}: cannot create the folder ({exc.strerror or exc}): pass another --out"
        ) from None
    if not os.access(out_dir, os.W_OK):
        raise InputError(f"--out {shown}: the folder cannot be written (read-only or not yours): pass another --out")


def cmd_batch(args: argparse.Namespace) -> int:
    from pathlib import Path

    from retold.batch import Fields, Job, Progress, attach_rewrites, expand, run_batch
    from retold.batch.summary import summary_paths

    if args.rewrites and not args.check_only:
        raise InputError("--rewrites is for --check-only: add --check-only to audit those rewrites")
    if args.address and args.executor != "ray":
        raise InputError("--address is the Ray cluster's: add --executor ray")
    _check_out_dir(Path(args.out))
    if args.executor == "ray":
        import importlib.util

        if importlib.util.find_spec("ray") is None:
            raise InputError(
                "--executor ray needs Ray: run `pip install 'retold[ray]'` (in a clone: pip install -e '.[ray]')"
            )
    job = Job(
        mode="check" if args.check_only else "rewrite",
        style=args.style,
        engine=args.engine,
        format=args.format,
        words=args.words,
        cite=args.cite,
        max_bytes=args.max_bytes,
        timeout=args.timeout,
        allow_private_urls=args.allow_private_urls,
        published=args.published.isoformat() if getattr(args, "published", None) else None,
        extra=_engine_extra(args),
    )
    if job.mode == "rewrite":
        from retold.rewrite import get_engine, get_style

        get_style(job.style)  # an unknown name fails here, once, not in every worker
        get_engine(job.engine)
    fields = Fields(
        text=args.text_field, id=args.id_field, url=args.url_field, title=args.title_field, rewrite=args.rewrite_field
    )
    items = expand(
        args.inputs,
        glob=args.glob,
        fields=fields,
        max_bytes=args.max_bytes,
        timeout=args.timeout,
        allow_private_urls=args.allow_private_urls,
    )
    if args.rewrites:
        items = attach_rewrites(items, args.rewrites, max_bytes=args.max_bytes)
    if not items:
        raise InputError("No articles in the inputs: pass files, a folder (see --glob), JSONL, CSV, a feed or URLs")
    workers = args.workers or min(len(items), os.cpu_count() or 1)
    if args.executor == "ray":
        from retold.batch.executors import ray_results

        def results(todo: Any) -> Any:
            return ray_results(job, todo, workers, args.address)
    else:
        from retold.batch.executors import local_results

        def results(todo: Any) -> Any:
            return local_results(job, todo, min(workers, max(1, len(todo))))

    out_dir = Path(args.out)
    with (
        open_store(args) as store,
        Progress(enabled=not args.quiet, verbose=getattr(args, "verbose", False)) as progress,
    ):
        summary = run_batch(job, items, out_dir=out_dir, store=store, results=results, progress=progress)
    print(
        f"retold: {summary['articles']} article{'' if summary['articles'] == 1 else 's'}: "
        f"{summary['done']} done, {summary['skipped']} already stored, "
        f"{summary['failed']} failed"
        + (", interrupted" if summary["interrupted"] else "")
        + f"; summary in {summary_paths(out_dir)[1]}",
        file=sys.stderr,
    )
    if summary["interrupted"]:
        return EXIT_INTERRUPTED
    failing = summary["failed"] or summary["verdicts"].get("fail", 0)
    return EXIT_FINDINGS if failing else EXIT_OK


def _engine_extra(args: argparse.Namespace) -> tuple[tuple[str, str], ...]:
    """The LLM flags, as `retold rewrite` hands them to its engine (each worker's engine gets the same)."""
    if not hasattr(args, "model"):  # a parser built without the LLM options
        return ()
    from retold.cli_llm import llm_extra

    return llm_extra(args)


def add_commands(sub: Any, add_input_options: Any, add_llm_options: Any = None) -> None:
    """Add ``batch``, ``history`` and ``show`` to the ``retold`` subcommands.

    ``add_llm_options`` adds ``--model``, ``--base-url`` and the other LLM flags, as ``rewrite`` has them.
    """
    raw = argparse.RawDescriptionHelpFormatter
    p = sub.add_parser(
        "batch",
        help="rewrite (or check) many articles: folders, JSONL, CSV, feeds, URL lists",
        formatter_class=raw,
        epilog="examples:\n"
        "  retold batch articles/ --out explainers --workers 2\n"
        "  retold batch https://example.com/feed.xml --style brief\n"
        "  retold batch sources/ --check-only --rewrites rewrites/ --format json\n\n"
        "A rerun skips what the store already holds for the same input and options.\n"
        "exit codes: 0 all passed, 1 an article failed or its check failed, 2 bad usage, 130 interrupted",
    )
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="files, folders, .jsonl, .csv, RSS/Atom feeds (file or URL), URL lists",
    )
    p.add_argument(
        "--out", default="retold-out", metavar="DIR", help="where the outputs and summary go (default retold-out)"
    )
    p.add_argument("--workers", type=worker_count, metavar="N", help="worker processes (default: one per CPU)")
    p.add_argument("--style", default="explainer", help="rewrite style (default explainer) — see `retold styles`")
    p.add_argument("--engine", default="builtin", help="rewrite engine (default builtin)")
    p.add_argument("--format", choices=("md", "html", "json", "text"), default="md", help="output format (default md)")
    p.add_argument("--words", type=word_count, metavar="N", help="aim for about N words")
    p.add_argument("--cite", action="store_true", help="add references to the source sentences")
    p.add_argument("--check-only", action="store_true", help="check existing rewrites instead of writing them")
    p.add_argument("--rewrites", metavar="DIR", help="with --check-only: the rewrites, named like their sources")
    p.add_argument(
        "--glob",
        metavar="PATTERN",
        help="files to take from folders, e.g. '*.html' (default: articles, JSONL, CSV, feeds)",
    )
    p.add_argument(
        "--text-field", default="text", metavar="NAME", help="JSONL key / CSV column of the article text (default text)"
    )
    p.add_argument("--url-field", default="url", metavar="NAME", help="... of the article URL (default url)")
    p.add_argument(
        "--id-field", default="id", metavar="NAME", help="... of the article id, which names its output (default id)"
    )
    p.add_argument("--title-field", default="title", metavar="NAME", help="... of the title (default title)")
    p.add_argument(
        "--rewrite-field",
        default="rewrite",
        metavar="NAME",
        help="... of the rewrite, with --check-only (default rewrite)",
    )
    p.add_argument("--executor", choices=("process", "ray"), default="process", help="local processes (default) or Ray")
    p.add_argument(
        "--address",
        metavar="ADDR",
        help="with --executor ray: the cluster, e.g. ray://head:10001 (default: a local Ray)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    add_input_options(p)
    add_store_options(p)
    if add_llm_options is not None:
        add_llm_options(p)
    p.set_defaults(func=cmd_batch)

    p = sub.add_parser(
        "history",
        help="list past runs from the store",
        formatter_class=raw,
        epilog="example:\n  retold history --verdict fail --since 2026-11-01 --limit 50",
    )
    p.add_argument("--verdict", choices=("pass", "fail"), help="only runs with this verdict")
    p.add_argument("--style", help="only rewrites in this style")
    p.add_argument(
        "--kind",
        choices=("rewrite", "check", "extract"),
        help="only rewrites, checks or extracts (made through retold serve)",
    )
    p.add_argument("--since", type=iso_date, metavar="YYYY-MM-DD", help="only runs on or after this day (UTC)")
    p.add_argument(
        "--limit", type=positive_int, default=20, metavar="N", help="at most N runs, newest first (default 20)"
    )
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")
    add_store_options(p)
    p.set_defaults(func=cmd_history)

    p = sub.add_parser(
        "show", help="print a stored run again", formatter_class=raw, epilog="example:\n  retold show 12 --format json"
    )
    p.add_argument("id", type=positive_int, metavar="ID", help="the run's id, from `retold history`")
    p.add_argument("--format", choices=("md", "json", "html", "text"), default="md", help="output format (default md)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout")
    add_store_options(p)
    p.set_defaults(func=cmd_show)
