"""batch: many articles through the same stages, in worker processes or on Ray, resumable through the store.

    items = expand(["articles/", "feed.xml"])          # Item per article, each with a unique name
    summary = run_batch(Job(style="brief"), items, out_dir=Path("out"), store=store,
                        results=lambda todo: local_results(job, todo, workers=2))

The parent process alone writes: each output file atomically, then the article and its run in
one store transaction, so a process killed at any moment leaves each article either done
(output and row) or to do again (a rerun overwrites the output, and the row's input key is unique).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from retold.batch.inputs import Fields, Item, attach_rewrites, expand
from retold.batch.progress import Progress
from retold.batch.summary import Tally, summary_paths, to_markdown
from retold.batch.work import Job, Outcome
from retold.output import write_atomic

__all__ = ["Fields", "Item", "Job", "Outcome", "Progress", "attach_rewrites", "expand", "run_batch"]

Results = Callable[[Sequence[Item]], Iterator[tuple[Item, Outcome]]]
# write_atomic's temporary files: ".<name>.<random>.tmp"; a killed run can leave one behind
_STALE_TEMP = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


def run_batch(
    job: Job,
    items: Sequence[Item],
    *,
    out_dir: Path,
    store: Any | None,
    results: Results,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Work on every item not already in the store, write its output, and return the summary (also written)."""
    progress = progress or Progress(enabled=False)
    out_dir.mkdir(parents=True, exist_ok=True)
    _remove_stale_temps(out_dir)
    tally = Tally(mode=job.mode, options=job.options(), total=len(items))
    todo: list[Item] = []
    for item in items:
        if item.error is not None:  # unreadable, or no rewrite to check: reported without a worker
            tally.add(_row(item, "failed", None, reason=item.error))
            progress.note(f"retold: {item.name} failed: {item.error}")
            continue
        stored = store.find_run(job.input_key(item)) if store is not None else None
        if stored is None:
            todo.append(item)
            continue
        path = out_dir / (item.name + job.suffix)
        if not path.exists():  # the store has it but this --out does not: write it again from the store
            write_atomic(path, stored.output.get("rendered", {}).get(job.format, ""))
        tally.add(
            _row(
                item,
                "skipped",
                path,
                verdict=stored.verdict,
                score=stored.score,
                run_id=stored.id,
                findings=stored.output.get("findings"),
            )
        )
    skipped = tally.status_count("skipped")
    if skipped:
        progress.note(f"retold: {skipped} of {len(items)} articles are already in the store: skipped")
    progress.start(len(todo))
    stream = results(todo)
    try:
        for item, outcome in stream:
            tally.add(_finish(job, item, outcome, out_dir, store))
            progress.advance(item.name, outcome.verdict or "failed")
            if not outcome.ok:
                progress.note(f"retold: {item.name} failed: {outcome.error}")
            elif progress.verbose and progress.enabled:
                for note in outcome.stored.get("notes", ()):
                    progress.note(f"retold: {item.name}: {note}")
    except KeyboardInterrupt:
        tally.interrupted = True
    finally:
        getattr(stream, "close", lambda: None)()  # stops the workers; what is unfinished is left for a rerun
        progress.stop()
        summary = tally.to_dict()
        as_json, as_markdown = summary_paths(out_dir)
        as_json.parent.mkdir(exist_ok=True)
        write_atomic(as_json, json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
        write_atomic(as_markdown, to_markdown(summary))
    return summary


def _finish(job: Job, item: Item, outcome: Outcome, out_dir: Path, store: Any | None) -> dict[str, Any]:
    """Write one finished article: its output file first, then its store row (so a kill between redoes it)."""
    if not outcome.ok:
        return _row(item, "failed", None, reason=outcome.error, seconds=outcome.seconds)
    path = out_dir / (item.name + job.suffix)
    write_atomic(path, outcome.output)
    run_id = None
    if store is not None:
        run_id = store.record_article_run(
            outcome.article_text,
            url=outcome.url,
            title=outcome.title,
            kind=job.mode,
            input_key=job.input_key(item),
            engine=job.engine if job.mode == "rewrite" else None,
            style=job.style if job.mode == "rewrite" else None,
            options=job.options(),
            verdict=outcome.verdict,
            score=outcome.score,
            origin=item.origin,
            seconds=round(outcome.seconds, 3),
            output={**outcome.stored, "findings": outcome.findings, "name": item.name},
        )
    return _row(
        item,
        "done",
        path,
        verdict=outcome.verdict,
        score=outcome.score,
        run_id=run_id,
        findings=outcome.findings,
        seconds=outcome.seconds,
        words=outcome.words,
    )


def _row(item: Item, status: str, path: Path | None, **fields: Any) -> dict[str, Any]:
    seconds = fields.pop("seconds", 0.0)
    return {
        "name": item.name,
        "origin": item.origin,
        "status": status,
        "output": str(path) if path is not None else None,
        "seconds": round(seconds, 3),
        **fields,
    }


def _remove_stale_temps(out_dir: Path) -> None:
    for path in out_dir.iterdir():
        if path.is_file() and _STALE_TEMP.match(path.name):
            path.unlink(missing_ok=True)
