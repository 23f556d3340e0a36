"""The store: one SQLite file (WAL) of articles, runs and the LLM answer cache.

This is the only module that writes SQL. Its schema grows by numbered migrations, each a
function applied once and recorded in ``schema_versions``, so an old file opens in a new retold.

    >>> with Store.open() as store:          # RETOLD_DB, else the user data dir
    ...     run_id = store.record_run(kind="rewrite", article_hash=h, output={...})
    ...     store.list_runs(limit=10)

Where the file lives: ``--db PATH`` (front ends pass it as ``path``), else ``RETOLD_DB``, else
``retold.sqlite3`` in the user data dir (platformdirs).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from retold.errors import StoreError
from retold.normalize import display

DB_ENV = "RETOLD_DB"
LOCK_WAIT = 10.0  # seconds to wait for another process's write to finish before saying the store is locked


def default_path() -> Path:
    """Where the store lives unless told: ``RETOLD_DB``, else the user data dir."""
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV]).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("retold", appauthor=False)) / "retold.sqlite3"


def content_hash(text: str) -> str:
    """The key of an article or rewrite text: sha256 of its UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _bind(value: Any) -> Any:
    """Text as SQLite takes it. A file name that is not UTF-8 arrives as surrogate-escaped text
    (``os.fsdecode``), which SQLite cannot take as TEXT: it is kept as the BLOB of its
    ``surrogatepass`` bytes and :func:`_read` turns it back into the same string."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return value.encode("utf-8", "surrogatepass")
    return value


def _read(value: Any) -> Any:
    return value.decode("utf-8", "surrogatepass") if isinstance(value, bytes) else value


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# --------------------------------------------------------------------------- migrations


def _m1_initial(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE articles (
            hash TEXT PRIMARY KEY,
            url TEXT,
            title TEXT,
            fetched_at TEXT NOT NULL,
            text TEXT NOT NULL
        );
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            created_at TEXT NOT NULL,
            kind TEXT NOT NULL,                 -- rewrite | check
            input_key TEXT,                     -- what makes a rerun the same run (input + options)
            article_hash TEXT REFERENCES articles(hash),
            engine TEXT, style TEXT, model TEXT,
            options TEXT NOT NULL DEFAULT '{}', -- JSON
            verdict TEXT, score REAL,
            output TEXT NOT NULL DEFAULT '{}'   -- JSON: the draft and/or report as the CLI prints it
        );
        CREATE UNIQUE INDEX runs_input_key ON runs(input_key) WHERE input_key IS NOT NULL;
        CREATE INDEX runs_created ON runs(created_at);
        CREATE TABLE llm_cache (
            key TEXT PRIMARY KEY,               -- sha256 of (model, base URL, prompt, parameters)
            model TEXT, base_url TEXT,
            response TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        """
    )


def _m2_run_origin_and_time(db: sqlite3.Connection) -> None:
    """Where a run's input came from and how long it took (``history`` and batch summaries show both)."""
    db.executescript(
        """
        ALTER TABLE runs ADD COLUMN origin TEXT;        -- the path, URL or feed entry as given
        ALTER TABLE runs ADD COLUMN seconds REAL;       -- wall time of the work itself
        CREATE INDEX runs_verdict ON runs(verdict);
        """
    )


def _m3_run_title(db: sqlite3.Connection) -> None:
    """A run's own title: an article is stored once per text, but each run may name it (``serve`` does)."""
    db.execute("ALTER TABLE runs ADD COLUMN title TEXT")


def _m4_finding_decisions(db: sqlite3.Connection) -> None:
    """An editor's decision on each finding of a run (dismissed, reviewed, accepted), kept with the run."""
    db.executescript(
        """
        CREATE TABLE decisions (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            finding INTEGER NOT NULL,           -- the finding's index in the run's report
            decision TEXT NOT NULL,             -- dismissed | reviewed | accepted
            decided_at TEXT NOT NULL,
            PRIMARY KEY (run_id, finding)
        );
        """
    )


# Append only: a migration, once released, is never edited or reordered.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _m1_initial,
    _m2_run_origin_and_time,
    _m3_run_title,
    _m4_finding_decisions,
)


class _Migrating:
    """The connection as a migration sees it: ``executescript`` (which would COMMIT the migration's
    transaction and release its lock) runs its statements one by one inside the transaction instead."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def executescript(self, script: str) -> None:
        statement = ""
        for line in script.splitlines(keepends=True):
            statement += line
            if sqlite3.complete_statement(statement):
                self._db.execute(statement)
                statement = ""
        if statement.strip() and not statement.strip().startswith("--"):
            self._db.execute(statement)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)


def migrate(db: sqlite3.Connection) -> int:
    """Apply every migration this file has not had yet; returns the schema version.

    Each step runs in a write transaction (``BEGIN IMMEDIATE``: the database's one writer lock) that first
    reads which versions are done, so processes opening a new file at once apply each step exactly once:
    the others wait for the lock, then find it done. A step that fails leaves no half schema.
    """
    for version, step in enumerate(MIGRATIONS, start=1):
        if version <= _applied(db):  # most opens: nothing to do, no write lock taken
            continue
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute(
                "CREATE TABLE IF NOT EXISTS schema_versions (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            if version not in {row[0] for row in db.execute("SELECT version FROM schema_versions")}:
                step(_Migrating(db))  # type: ignore[arg-type]
                db.execute("INSERT INTO schema_versions VALUES (?, ?)", (version, _now()))
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
    return len(MIGRATIONS)


def _applied(db: sqlite3.Connection) -> int:
    """The highest version applied in an unbroken run from 1 (0 for a new file)."""
    try:
        done = {row[0] for row in db.execute("SELECT version FROM schema_versions")}
    except sqlite3.OperationalError:  # no such table: a new file
        return 0
    version = 0
    while version + 1 in done:
        version += 1
    return version


# --------------------------------------------------------------------------- the store


class _Undo(Exception):
    """Rolls back :meth:`Store.check_writable`'s trial write."""


@dataclass(frozen=True, slots=True)
class Run:
    """One stored run, as ``history`` and ``show`` print it."""

    id: int
    created_at: str
    kind: str
    article_hash: str | None
    engine: str | None
    style: str | None
    model: str | None
    options: dict[str, Any]
    verdict: str | None
    score: float | None
    output: dict[str, Any]
    title: str | None = None
    url: str | None = None
    origin: str | None = None
    seconds: float | None = None


class Store:
    """An open store. Use as a context manager, or call :meth:`close`.

    One connection, used by the thread that opened it; with ``shared=True`` any thread may use it, and the
    caller must let only one at a time do so (``retold serve`` holds a lock around every call).
    """

    def __init__(self, path: str | os.PathLike[str], *, shared: bool = False) -> None:
        self.path = Path(path)
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                if str(self.path) != ":memory:":
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(
                    self.path, timeout=LOCK_WAIT, isolation_level=None, check_same_thread=not shared
                )
                self.db.row_factory = sqlite3.Row
                self.db.execute(f"PRAGMA busy_timeout={int(LOCK_WAIT * 1000)}")
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA foreign_keys=ON")
                migrate(self.db)
                return
            except (sqlite3.Error, OSError) as error:
                # SQLite answers "locked" at once, without waiting, where waiting could deadlock (a new file
                # changing its journal mode under many openers): try again until the wait is used up.
                if (
                    isinstance(error, sqlite3.OperationalError)
                    and "locked" in str(error)
                    and time.monotonic() < deadline
                ):
                    with contextlib.suppress(sqlite3.Error, AttributeError):
                        self.db.close()
                    time.sleep(0.05)
                    continue
                raise StoreError(self._problem(error, "open")) from None

    def _problem(self, error: BaseException, doing: str) -> str:
        """One line that says what went wrong with the store and what to do."""
        text = str(error)
        if "locked" in text or "busy" in text:
            return (
                f"The store at {display(str(self.path))} is locked by another retold process (waited {LOCK_WAIT:g} s): "
                f"wait for it to finish, or pass --db PATH (or set {DB_ENV}) to use another store, or --no-store"
            )
        if "readonly" in text or "read-only" in text:
            return (
                f"The store at {display(str(self.path))} cannot be written ({text}): pass --db PATH (or set {DB_ENV}) "
                "to a writable file, or --no-store to run without one"
            )
        return (
            f"Cannot {doing} the store at {display(str(self.path))}: {text}; pass --db PATH (or set {DB_ENV}) "
            "to a writable file, or --no-store to run without one."
        )

    def check_writable(self) -> None:
        """Take the write lock and write (then undo) one row: a store that is locked, read-only or corrupt
        is found before the work, not after it."""
        try:
            with self.transaction():
                self.db.execute("INSERT INTO schema_versions VALUES (?, ?)", (-1, _now()))
                raise _Undo()
        except _Undo:
            pass

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, *, shared: bool = False) -> Store:
        return cls(path if path is not None else default_path(), shared=shared)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing: a run and its article land together or not at all. A store locked by another
        writer for longer than :data:`LOCK_WAIT`, read-only or corrupt is a :class:`StoreError`."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
            yield self.db
            self.db.execute("COMMIT")
        except BaseException as error:
            if self.db.in_transaction:  # BEGIN itself may have failed: nothing to roll back then
                self.db.execute("ROLLBACK")
            # locked, read-only, full or corrupt: the store's state, said in one line (a broken constraint is a bug)
            if isinstance(error, sqlite3.OperationalError) or type(error) is sqlite3.DatabaseError:
                raise StoreError(self._problem(error, "write to")) from None
            raise

    # ------------------------------------------------------------------ articles and runs

    def put_article(self, text: str, *, url: str | None = None, title: str | None = None) -> str:
        """Store an article text once (keyed by its content hash); returns the hash."""
        key = content_hash(text)
        self.db.execute(
            "INSERT OR IGNORE INTO articles (hash, url, title, fetched_at, text) VALUES (?, ?, ?, ?, ?)",
            (key, _bind(url), _bind(title), _now(), _bind(text)),
        )
        return key

    def record_run(
        self,
        *,
        kind: str,
        output: dict[str, Any],
        article_hash: str | None = None,
        input_key: str | None = None,
        engine: str | None = None,
        style: str | None = None,
        model: str | None = None,
        options: dict[str, Any] | None = None,
        verdict: str | None = None,
        score: float | None = None,
        origin: str | None = None,
        seconds: float | None = None,
        run_title: str | None = None,
    ) -> int:
        """Store one run; a run with an ``input_key`` already stored is kept, not duplicated.

        ``run_title`` names this run in listings (else the article's title is shown).
        """
        cursor = self.db.execute(
            "INSERT INTO runs (created_at, kind, input_key, article_hash, engine, style, model, options,"
            " verdict, score, output, origin, seconds, title) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(input_key) WHERE input_key IS NOT NULL DO NOTHING",
            tuple(
                map(
                    _bind,
                    (
                        _now(),
                        kind,
                        input_key,
                        article_hash,
                        engine,
                        style,
                        model,
                        json.dumps(options or {}, sort_keys=True),
                        verdict,
                        score,
                        json.dumps(output),
                        origin,
                        seconds,
                        run_title,
                    ),
                )
            ),
        )
        if cursor.rowcount == 0 and input_key is not None:
            found = self.find_run(input_key)
            assert found is not None
            return found.id
        return int(cursor.lastrowid or 0)

    def record_article_run(self, text: str, *, url: str | None = None, title: str | None = None, **run: Any) -> int:
        """An article and one run on it, stored together in one transaction (or neither)."""
        with self.transaction():
            article_hash = self.put_article(text, url=url, title=title)
            return self.record_run(article_hash=article_hash, **run)

    def article_text(self, article_hash: str) -> str | None:
        """The text of a stored article, by its content hash."""
        row = self.db.execute("SELECT text FROM articles WHERE hash = ?", (article_hash,)).fetchone()
        return None if row is None else str(_read(row[0]))

    def find_run(self, input_key: str) -> Run | None:
        """The run stored for this input and these options, if any (what makes a batch resumable)."""
        row = self.db.execute(_RUN_SELECT + " WHERE r.input_key = ?", (_bind(input_key),)).fetchone()
        return _run(row) if row else None

    def get_run(self, run_id: int) -> Run | None:
        """The run with this id; None for an id no run can have (below 1, or past SQLite's 64 bits)."""
        if not 0 < run_id < 2**63:
            return None
        row = self.db.execute(_RUN_SELECT + " WHERE r.id = ?", (run_id,)).fetchone()
        return _run(row) if row else None

    def list_runs(
        self,
        *,
        verdict: str | None = None,
        style: str | None = None,
        kind: str | None = None,
        since: str | None = None,
        limit: int = 20,
        outputs: bool = True,
    ) -> list[Run]:
        """Past runs, newest first, filtered by verdict, style, kind and an ISO date/time.

        ``outputs=False`` leaves each run's ``output`` empty: a listing need not read every stored text.
        """
        where, args = [], []
        for column, value in (("r.verdict", verdict), ("r.style", style), ("r.kind", kind)):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(_bind(value))
        if since is not None:
            where.append("r.created_at >= ?")
            args.append(since)
        select = _RUN_SELECT if outputs else _RUN_SELECT.replace("r.output AS output", "'{}' AS output")
        sql = select + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY r.id DESC LIMIT ?"
        return [_run(row) for row in self.db.execute(sql, (*args, limit))]

    # ------------------------------------------------------------------ an editor's decisions on findings

    def set_decision(self, run_id: int, finding: int, decision: str | None) -> None:
        """Record (or, with None, withdraw) the decision on finding number ``finding`` of run ``run_id``."""
        if decision is None:
            self.db.execute("DELETE FROM decisions WHERE run_id = ? AND finding = ?", (run_id, finding))
            return
        self.db.execute(
            "INSERT INTO decisions (run_id, finding, decision, decided_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(run_id, finding) DO UPDATE SET decision = excluded.decision, decided_at = excluded.decided_at",
            (run_id, finding, decision, _now()),
        )

    def decisions(self, run_id: int) -> dict[int, str]:
        """The decisions on a run's findings, by finding number."""
        rows = self.db.execute("SELECT finding, decision FROM decisions WHERE run_id = ? ORDER BY finding", (run_id,))
        return {int(row[0]): str(row[1]) for row in rows}

    def review_counts(self, run_ids: list[int]) -> dict[int, int]:
        """How many findings each check run of ``run_ids`` holds, made by ``retold serve`` or ``retold check``
        (what a listing shows as left to review, less the decisions), read inside SQLite without loading the
        outputs."""
        if not run_ids:
            return {}
        marks = ",".join("?" * len(run_ids))
        # the server keeps the result as JSON; a command keeps its printed JSON as a string, parsed here too
        rows = self.db.execute(
            "SELECT id, coalesce(json_array_length(json_extract(output, '$.result.findings')),"
            " CASE WHEN json_valid(json_extract(output, '$.rendered.json'))"
            " THEN json_array_length(json_extract(output, '$.rendered.json'), '$.findings') END) FROM runs"
            f" WHERE kind = 'check' AND id IN ({marks}) AND json_valid(output)",
            run_ids,
        )
        return {int(row[0]): int(row[1] or 0) for row in rows}

    # ------------------------------------------------------------------ LLM answer cache

    def cache_get(self, key: str) -> str | None:
        row = self.db.execute("SELECT response FROM llm_cache WHERE key = ?", (_bind(key),)).fetchone()
        return None if row is None else str(_read(row[0]))

    def cache_put(self, key: str, response: str, *, model: str | None = None, base_url: str | None = None) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO llm_cache (key, model, base_url, response, created_at) VALUES (?, ?, ?, ?, ?)",
            tuple(map(_bind, (key, model, base_url, response, _now()))),
        )


_RUN_SELECT = (
    "SELECT r.id AS id, r.created_at AS created_at, r.kind AS kind, r.article_hash AS article_hash,"
    " r.engine AS engine, r.style AS style, r.model AS model, r.options AS options, r.verdict AS verdict,"
    " r.score AS score, r.output AS output, r.origin AS origin, r.seconds AS seconds,"
    " COALESCE(r.title, a.title) AS title, a.url AS url FROM runs r LEFT JOIN articles a ON a.hash = r.article_hash"
)


def _run(row: sqlite3.Row) -> Run:
    return Run(
        id=row["id"],
        created_at=row["created_at"],
        kind=_read(row["kind"]),
        article_hash=row["article_hash"],
        engine=_read(row["engine"]),
        style=_read(row["style"]),
        model=_read(row["model"]),
        options=json.loads(row["options"] or "{}"),
        verdict=row["verdict"],
        score=row["score"],
        output=json.loads(row["output"] or "{}"),
        title=_read(row["title"]),
        url=_read(row["url"]),
        origin=_read(row["origin"]),
        seconds=row["seconds"],
    )
