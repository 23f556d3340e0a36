"""batch: inputs of every kind, outputs and summary, failures skipped, resuming through the store."""

from __future__ import annotations

import json
import os
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from retold.batch import Fields, Job, attach_rewrites, expand, run_batch
from retold.batch.work import process
from retold.errors import InputError
from retold.store import Store

ARTICLE = (
    "Ukraine's foreign minister Andriy Sybiha met his Lithuanian counterpart Gabrielius Landsbergis in Brussels "
    "on Tuesday.\n\nIn September 2022 Kyiv submitted an application to join the alliance, Sybiha said.\n\n"
    "The two ministers discussed air defence and the next NATO summit, which opens on 9 July in Washington.\n"
)
OTHER = (
    "The city council of Leeds approved a budget of 12 million pounds for new bus lanes on Monday.\n\n"
    "Council leader James Lewis said the work would start in March and take two years.\n"
)
FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>News</title>
<item><title>Ministers meet in Brussels</title><link>{base}/a.html</link>
<description><![CDATA[{body}]]></description></item>
<item><title>Leeds bus lanes</title><link>{base}/b.txt</link><description>Short teaser.</description></item>
</channel></rss>
"""


def serial(job: Job):
    """Run the batch's work in this process: the same ``process`` the workers call, without spawning."""
    return lambda todo: ((item, process(job, item)) for item in todo)


def batch(job: Job, items, out: Path, store=None):
    return run_batch(job, items, out_dir=out, store=store, results=serial(job))


def outputs(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.is_file())


def test_directory_recursive_with_glob(tmp_path):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "one.txt").write_text(ARTICLE)
    (tmp_path / "in" / "sub" / "two.md").write_text(OTHER)
    (tmp_path / "in" / "notes.log").write_text("not an article")
    (tmp_path / "in" / ".hidden.txt").write_text(OTHER)
    assert [i.name for i in expand([str(tmp_path / "in")])] == ["one", "sub__two"]
    assert [i.name for i in expand([str(tmp_path / "in")], glob="*.md")] == ["sub__two"]


def test_jsonl_and_csv_with_column_mapping(tmp_path):
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text(json.dumps({"key": "k1", "body": ARTICLE}) + "\n\nnot json\n" + json.dumps({"key": "k2"}) + "\n")
    items = expand([str(jsonl)], fields=Fields(text="body", id="key"))
    assert [i.name for i in items] == ["k1", "a-3", "k2"]
    assert items[0].text == ARTICLE and items[0].error is None
    assert "not JSON" in (items[1].error or "") and "--text-field" in (items[2].error or "")
    table = tmp_path / "b.csv"
    table.write_text('slug,content\nleeds,"' + OTHER.replace('"', '""') + '"\n')
    (item,) = expand([str(table)], fields=Fields(text="content", id="slug"))
    assert item.name == "leeds" and item.text == OTHER
    with pytest.raises(InputError, match="--text-field"):
        expand([str(table)])


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield root, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def test_feed_by_url_and_file_and_url_list(site, tmp_path):
    root, base = site
    (root / "b.txt").write_text(OTHER)
    (root / "feed.xml").write_text(FEED.format(base=base, body=ARTICLE * 3))
    (refused,) = expand([f"{base}/feed.xml"])  # loopback: only with the opt-in
    assert "--allow-private-urls" in (refused.error or "")
    items = expand([f"{base}/feed.xml"], allow_private_urls=True)
    assert [i.name for i in items] == ["ministers-meet-in-brussels", "leeds-bus-lanes"]
    assert items[0].text is not None and "Sybiha" in items[0].text  # full text in the feed: no fetch
    assert items[1].text is None and items[1].url == f"{base}/b.txt"  # a teaser: fetched by the worker
    assert [i.name for i in expand([str(root / "feed.xml")])] == [i.name for i in items]
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# to read\n{base}/b.txt\n")
    (listed,) = expand([str(urls)])
    assert listed.url == f"{base}/b.txt" and listed.text is None
    summary = batch(Job(style="brief"), [listed], tmp_path / "refused")
    assert summary["failed"] == 1 and "--allow-private-urls" in summary["failures"][0]["reason"]
    summary = batch(Job(style="brief", allow_private_urls=True), items, tmp_path / "out")
    assert summary["done"] == 2, summary["failures"]
    assert "Leeds" in (tmp_path / "out" / "leeds-bus-lanes.md").read_text()


def test_outputs_summary_and_one_bad_article_skipped(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(ARTICLE)
    (tmp_path / "in" / "empty.txt").write_text("   \n")
    (tmp_path / "in" / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    summary = batch(Job(format="json"), expand([str(tmp_path / "in")]), tmp_path / "out")
    assert outputs(tmp_path / "out") == ["good.json"]
    draft = json.loads((tmp_path / "out" / "good.json").read_text())
    assert draft["report"]["verdict"] == "pass" and "Sybiha" in draft["text"]
    assert (summary["done"], summary["failed"]) == (1, 2)
    reasons = {f["name"]: f["reason"] for f in summary["failures"]}
    assert set(reasons) == {"empty", "binary"} and all(reasons.values())
    written = json.loads((tmp_path / "out" / "_retold" / "summary.json").read_text())
    assert written["verdicts"] == {"pass": 1} and written["slowest"][0]["name"] == "good"
    text = (tmp_path / "out" / "_retold" / "summary.md").read_text()
    assert "## Failures" in text and "`empty`" in text and "| good |" in text


def test_rerun_skips_what_the_store_holds_and_restores_a_missing_output(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE)
    (tmp_path / "in" / "b.txt").write_text(OTHER)
    items = expand([str(tmp_path / "in")])
    out = tmp_path / "out"
    with Store.open(tmp_path / "s.sqlite3") as store:
        first = batch(Job(), items, out, store)
        (out / "a.md").unlink()
        (out / ".b.md.abcd1234.tmp").write_text("half")  # what a kill during a write leaves
        again = batch(Job(), items, out, store)
        other_style = batch(Job(style="brief"), items, tmp_path / "out2", store)
        assert store.db.execute("SELECT count(*) FROM runs").fetchone()[0] == 4
        assert store.db.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    assert (first["done"], again["done"], again["skipped"], other_style["done"]) == (2, 0, 2, 2)
    assert outputs(out) == ["a.md", "b.md"]
    assert "Sybiha" in (out / "a.md").read_text()


def test_check_only_matches_rewrites_by_name(tmp_path):
    sources, rewrites = tmp_path / "src", tmp_path / "rw"
    sources.mkdir()
    rewrites.mkdir()
    (sources / "nato.txt").write_text(ARTICLE)
    (sources / "leeds.txt").write_text(OTHER)
    (sources / "orphan.txt").write_text(OTHER)
    (rewrites / "nato.md").write_text(ARTICLE.replace("Lithuanian", "Latvian"))
    (rewrites / "leeds.md").write_text(OTHER)
    items = attach_rewrites(expand([str(sources)]), rewrites)
    summary = batch(Job(mode="check", format="json"), items, tmp_path / "out")
    assert outputs(tmp_path / "out") == ["leeds.json", "nato.json"]
    assert json.loads((tmp_path / "out" / "nato.json").read_text())["verdict"] == "fail"
    assert json.loads((tmp_path / "out" / "leeds.json").read_text())["verdict"] == "pass"
    assert summary["verdicts"] == {"fail": 1, "pass": 1}
    assert any(key.startswith("entity") for key in summary["findings"])
    assert [f["name"] for f in summary["failures"]] == ["orphan"]
    assert "no rewrite named orphan" in summary["failures"][0]["reason"]


def test_names_stay_unique(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text(ARTICLE)
    (tmp_path / "b" / "x.txt").write_text(OTHER)
    assert [i.name for i in expand([str(tmp_path / "a"), str(tmp_path / "b")])] == ["x", "x-2"]


def test_an_article_named_like_the_runs_own_files_is_kept_and_rerun_restores_it(tmp_path):
    """An article called "summary" (any output format) never shares a name with the run's summary."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "summary.txt").write_text(ARTICLE)
    store = Store(tmp_path / "s.db")
    for fmt in ("md", "json"):
        out = tmp_path / f"out-{fmt}"
        items = expand([str(tmp_path / "in" / "summary.txt")])
        first = batch(Job(style="brief", format=fmt), items, out, store)
        assert first["done"] == 1
        article = (out / f"summary.{fmt}").read_text()
        assert "Sybiha" in article and '"articles"' not in article and "## Failures" not in article
        again = batch(Job(style="brief", format=fmt), items, out, store)
        assert again["skipped"] == 1 and "Sybiha" in (out / f"summary.{fmt}").read_text()
        assert json.loads((out / "_retold" / "summary.json").read_text())["skipped"] == 1
        assert (out / "_retold" / "summary.md").exists()


@pytest.mark.skipif(not hasattr(os, "fsencode") or os.name == "nt", reason="POSIX file names are bytes")
def test_a_non_utf8_file_name_goes_through_a_batch_with_a_store(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(ARTICLE)
    odd = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / "in" / odd).write_text(OTHER)
    store = Store(tmp_path / "s.db")
    summary = batch(Job(style="brief"), expand([str(tmp_path / "in")]), tmp_path / "out", store)
    assert (summary["done"], summary["failed"]) == (2, 0), summary["failures"]
    assert sorted(r.origin for r in store.list_runs()) == sorted(
        [str(tmp_path / "in" / "good.txt"), str(tmp_path / "in" / odd)]
    )
    again = batch(Job(style="brief"), expand([str(tmp_path / "in")]), tmp_path / "out", store)
    assert again["skipped"] == 2
