"""The store: migrations, articles by content hash, runs kept once per input key, the LLM cache."""

from __future__ import annotations

import sqlite3

import pytest

from retold.errors import StoreError
from retold.store import MIGRATIONS, Store, content_hash, default_path


def test_opens_migrates_and_reopens(tmp_path):
    path = tmp_path / "s.sqlite3"
    with Store.open(path) as store:
        versions = [row[0] for row in store.db.execute("SELECT version FROM schema_versions")]
        assert versions == list(range(1, len(MIGRATIONS) + 1))
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Store.open(path) as store:  # a second open applies nothing twice
        assert store.db.execute("SELECT count(*) FROM schema_versions").fetchone()[0] == len(MIGRATIONS)


def test_article_is_stored_once_by_content(tmp_path):
    with Store.open(tmp_path / "s.sqlite3") as store:
        first = store.put_article("Some text.", url="https://example.org/a", title="A")
        again = store.put_article("Some text.")
        assert first == again == content_hash("Some text.")
        assert store.db.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_run_with_same_input_key_is_not_duplicated(tmp_path):
    with Store.open(tmp_path / "s.sqlite3") as store:
        article = store.put_article("Text.", title="T")
        first = store.record_run(
            kind="rewrite",
            article_hash=article,
            input_key="k1",
            style="brief",
            verdict="pass",
            score=1.0,
            output={"draft": 1},
        )
        second = store.record_run(kind="rewrite", article_hash=article, input_key="k1", output={"draft": 2})
        store.record_run(kind="check", verdict="fail", output={})
        assert first == second
        run = store.get_run(first)
        assert run is not None and run.output == {"draft": 1} and run.title == "T"
        assert [r.kind for r in store.list_runs()] == ["check", "rewrite"]
        assert [r.kind for r in store.list_runs(verdict="fail")] == ["check"]
        assert [r.id for r in store.list_runs(style="brief")] == [first]
        assert store.find_run("nope") is None


def test_cache_round_trip(tmp_path):
    with Store.open(tmp_path / "s.sqlite3") as store:
        assert store.cache_get("k") is None
        store.cache_put("k", '{"a": 1}', model="m", base_url="http://127.0.0.1:1/v1")
        assert store.cache_get("k") == '{"a": 1}'


def test_transaction_rolls_back(tmp_path):
    with Store.open(tmp_path / "s.sqlite3") as store:
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.put_article("gone")
                raise RuntimeError("boom")
        assert store.db.execute("SELECT count(*) FROM articles").fetchone()[0] == 0


def test_unwritable_path_is_a_store_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="--db PATH"):
        Store.open(blocker / "sub" / "s.sqlite3")


def test_default_path_honours_env(monkeypatch, tmp_path):
    monkeypatch.setenv("RETOLD_DB", str(tmp_path / "x.db"))
    assert default_path() == tmp_path / "x.db"
    monkeypatch.delenv("RETOLD_DB")
    assert default_path().name == "retold.sqlite3"


def test_not_a_database_is_a_store_error(tmp_path):
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(StoreError):
        Store.open(path)


def test_article_and_run_land_together_with_origin_and_time(tmp_path):
    with Store.open(tmp_path / "s.sqlite3") as store:
        run_id = store.record_article_run(
            "Body.",
            url="https://example.org/b",
            title="B",
            kind="rewrite",
            input_key="k",
            origin="in/b.txt",
            seconds=1.5,
            verdict="pass",
            output={},
        )
        run = store.get_run(run_id)
        assert run is not None and (run.origin, run.seconds, run.title) == ("in/b.txt", 1.5, "B")
        with pytest.raises(sqlite3.IntegrityError):  # a run on an article that is not there: neither lands
            with store.transaction():
                store.put_article("Other.")
                store.record_run(kind="check", article_hash="missing", output={})
        assert store.db.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_since_filters_by_day(tmp_path):
    with Store.open(tmp_path / "s.sqlite3") as store:
        store.record_run(kind="check", output={})
        assert len(store.list_runs(since="2000-01-01")) == 1
        assert store.list_runs(since="9999-01-01") == []


def test_a_run_names_itself_and_a_file_of_schema_2_gains_the_column(tmp_path):
    path = tmp_path / "old.sqlite3"
    old = sqlite3.connect(path)  # a file an older retold made: migrations 1 and 2 only
    old.execute("CREATE TABLE schema_versions (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
    for version, step in enumerate(MIGRATIONS[:2], start=1):
        step(old)
        old.execute("INSERT INTO schema_versions VALUES (?, '2026-11-01T00:00:00+00:00')", (version,))
    old.execute("INSERT INTO articles VALUES ('h', NULL, 'Stored title', '2026-11-01', 'Old text.')")
    old.execute(
        "INSERT INTO runs (created_at, kind, article_hash, output) VALUES ('2026-11-01', 'check', 'h', '{\"a\": 1}')"
    )
    old.commit()
    old.close()
    with Store.open(path) as store:
        (before,) = store.list_runs()
        assert before.title == "Stored title" and before.output == {"a": 1}
        store.record_article_run(
            "Old text.",
            title="ignored: the text is stored",
            kind="check",
            output={"b": 2},
            run_title="Named by the server",
        )
        newest, oldest = store.list_runs(outputs=False)
        assert (newest.title, oldest.title) == ("Named by the server", "Stored title")
        assert newest.output == {} and store.get_run(newest.id).output == {"b": 2}
        assert store.article_text("h") == "Old text." and store.article_text("nope") is None


def test_any_name_the_file_system_gives_is_stored_losslessly(tmp_path):
    """A non-UTF-8 file name arrives as surrogate-escaped text (os.fsdecode); it goes in and comes out whole."""
    name = "caf\udce9-\udcff.txt"  # b"caf\xe9-\xff.txt" decoded by the file system codec
    with Store(tmp_path / "s.db") as store:
        run_id = store.record_article_run(
            "Text \udce9 of it.",
            url="http://example.com/\udcff",
            title="T\udce9",
            kind="rewrite",
            origin=name,
            output={"name": name},
            input_key="k\udce9",
        )
        run = store.get_run(run_id)
        assert run is not None and run.origin == name and run.title == "T\udce9"
        assert run.url == "http://example.com/\udcff" and run.output == {"name": name}
        assert store.article_text(run.article_hash) == "Text \udce9 of it."
        assert store.find_run("k\udce9").id == run_id
        assert [r.origin for r in store.list_runs()] == [name]


def _open_at_once(path: str, barrier, failures) -> None:
    barrier.wait()
    try:
        Store(path).close()
    except Exception as error:  # noqa: BLE001 (the test reports every kind)
        failures.put(f"{type(error).__name__}: {error}")


def test_many_processes_opening_a_new_store_at_once_all_succeed(tmp_path):
    """40 processes started together on a new file raced through the migrations ("table articles already
    exists", "duplicate column name"); under the migration lock each step runs once."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    barrier, failures = context.Barrier(24), context.Queue()
    path = str(tmp_path / "new.sqlite3")
    workers = [context.Process(target=_open_at_once, args=(path, barrier, failures)) for _ in range(24)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    found = []
    while not failures.empty():
        found.append(failures.get())
    assert found == []
    with Store(path) as store:
        assert [r[0] for r in store.db.execute("SELECT version FROM schema_versions")] == list(
            range(1, len(MIGRATIONS) + 1)
        )


def test_a_later_migration_written_as_a_script_runs_under_the_lock_all_or_nothing(tmp_path, monkeypatch):
    """A migration may use executescript (which commits on its own in sqlite3): it still runs inside the
    migration's transaction, so a failing step leaves nothing behind and is tried again next time."""
    import retold.store as store_module

    def broken(db):
        db.executescript("CREATE TABLE trial (id INTEGER PRIMARY KEY); CREATE TABLE trial (id INTEGER);")

    monkeypatch.setattr(store_module, "MIGRATIONS", (*MIGRATIONS, broken))
    with pytest.raises(StoreError):
        Store(tmp_path / "s.db")
    monkeypatch.setattr(store_module, "MIGRATIONS", MIGRATIONS)
    with Store(tmp_path / "s.db") as store:
        tables = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "trial" not in tables


def test_a_locked_store_waits_a_bounded_time_then_says_so(tmp_path, monkeypatch):
    import retold.store as store_module

    monkeypatch.setattr(store_module, "LOCK_WAIT", 0.5)
    path = tmp_path / "s.db"
    Store(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer, mid-transaction
    try:
        with Store(path) as store:
            with pytest.raises(StoreError, match="locked by another") as caught:
                store.record_article_run("Text.", kind="rewrite", output={})
            assert "\n" not in str(caught.value)
            with pytest.raises(StoreError, match="locked by another"):
                store.check_writable()
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_read_only_store_is_found_before_the_work(tmp_path):
    path = tmp_path / "s.db"
    Store(path).close()
    with Store(path) as opened:
        opened.db.execute("PRAGMA query_only = ON")  # what a read-only file or mount answers to a write
        with pytest.raises(StoreError, match="cannot be written"):
            opened.check_writable()
