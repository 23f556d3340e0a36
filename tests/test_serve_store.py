"""The server's history is the store's: over real HTTP on 127.0.0.1 and a real SQLite file.

Runs made by ``retold check`` and ``retold batch`` show in ``/api/history`` and the page; runs made through
the server show in ``retold history`` and ``retold show``; requests answered at once on worker threads all land.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

import retold.serve
from retold.cli import main
from retold.serve import MemoryRunLog, ServeConfig
from retold.serve.storelog import StoreRunLog
from retold.store import Store
from serve_harness import running

ROOT = Path(__file__).parent.parent
ARTICLE = (ROOT / "examples" / "nato-ukraine.txt").read_text("utf-8")
PLANTED = (
    "Ukraine's foreign minister Andriy Sybiha met his Latvian counterpart Gabrielius Landsbergis in Brussels.\n"
    "In September 2021 Kyiv submitted an application to join the alliance.\n"
)


def test_one_history_for_the_commands_and_the_server(tmp_path, capsys):
    db = tmp_path / "runs.sqlite3"
    (tmp_path / "source.txt").write_text(ARTICLE, "utf-8")
    (tmp_path / "rewrite.md").write_text(PLANTED, "utf-8")
    assert main(["check", str(tmp_path / "source.txt"), str(tmp_path / "rewrite.md"), "--db", str(db)]) == 1
    assert (
        main(
            [
                "batch",
                str(tmp_path / "source.txt"),
                "--out",
                str(tmp_path / "out"),
                "--workers",
                "1",
                "--quiet",
                "--db",
                str(db),
            ]
        )
        == 0
    )
    capsys.readouterr()

    with (
        Store.open(db, shared=True) as store,
        running(ServeConfig(workers=2), runs=StoreRunLog(store), warm=False) as url,
    ):
        listed = httpx.get(url + "/api/history").json()["runs"]
        assert [r["kind"] for r in listed] == ["rewrite", "check"]  # batch's rewrite, then the CLI's check
        cli_check = httpx.get(url + f"/api/runs/{listed[1]['id']}").json()
        assert cli_check["verdict"] == "fail" and cli_check["result"]["rewrite_text"] == PLANTED
        for finding in cli_check["result"]["findings"]:  # the page can highlight a command's findings
            assert cli_check["result"]["rewrite_text"][finding["start"] : finding["end"]] == finding["text"]
        assert cli_check["result"]["source_text"].startswith("Minister of Foreign Affairs of Ukraine")
        batch_rewrite = httpx.get(url + f"/api/runs/{listed[0]['id']}").json()
        assert batch_rewrite["result"]["headline"]["text"] and batch_rewrite["style"] == "explainer"
        assert "source.txt" in httpx.get(url + "/").text  # the page lists the commands' runs too

        # Four requests at once, answered on two worker threads: each lands in the store once.
        bodies = [{"source": ARTICLE, "rewrite": PLANTED}] * 2 + [{"text": ARTICLE}] * 2
        paths = ["/api/check"] * 2 + ["/api/extract"] * 2
        with ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(lambda pb: httpx.post(url + pb[0], json=pb[1], timeout=120), zip(paths, bodies)))
        assert [a.status_code for a in answers] == [200] * 4
        ids = {a.json()["run_id"] for a in answers}
        assert len(ids) == 4 and all(i.isdigit() for i in ids)
        served = httpx.get(url + f"/api/runs/{answers[0].json()['run_id']}").json()
        assert served["request"] == {**bodies[0], **{k: v for k, v in served["request"].items() if k not in bodies[0]}}
        assert served["result"]["findings"] == answers[0].json()["findings"]
        assert httpx.get(url + "/api/runs/nosuch").status_code == 404
        assert len(httpx.get(url + "/api/history?kind=check").json()["runs"]) == 3

    assert main(["history", "--db", str(db), "--format", "json"]) == 0
    history = json.loads(capsys.readouterr().out)
    assert [r["kind"] for r in history[:6]].count("check") == 3 and len(history) == 6
    assert all(r["origin"].startswith("retold serve: ") for r in history if str(r["id"]) in ids)
    first = answers[0].json()
    assert main(["show", first["run_id"], "--db", str(db), "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown == {k: first[k] for k in ("verdict", "summary", "findings")}  # the CLI's check contract
    assert main(["show", first["run_id"], "--db", str(db), "--format", "md"]) == 0
    assert capsys.readouterr().out.strip() == first["markdown"].strip()


def test_serve_opens_the_store_the_command_line_names(tmp_path, monkeypatch):
    seen = []
    monkeypatch.setattr(retold.serve, "serve", lambda config, runs=None: seen.append(runs))
    db = tmp_path / "serve.sqlite3"
    assert main(["serve", "--db", str(db), "--port", "8765"]) == 0
    assert isinstance(seen[-1], StoreRunLog) and seen[-1].store.path == db and db.exists()
    assert main(["serve", "--no-store", "--port", "8765"]) == 0
    assert seen[-1] is None  # create_app keeps the history in memory then
    assert isinstance(retold.serve.create_app(ServeConfig(), runs=None, warm=False).api.state.runs, MemoryRunLog)


def test_a_store_run_log_answers_from_another_thread(tmp_path):
    """The connection is opened on one thread and used from others, one at a time."""
    with Store.open(tmp_path / "t.sqlite3", shared=True) as store:
        log = StoreRunLog(store)
        with ThreadPoolExecutor(3) as pool:
            runs = list(
                pool.map(
                    lambda n: log.record("extract", title=f"t{n}", request={"text": "x"}, result={"text": f"text {n}"}),
                    range(6),
                )
            )
        assert sorted(r.title for r in log.list(limit=10)) == [f"t{n}" for n in range(6)]
        assert log.get(runs[0].id).result == {"text": "text 0"}
    with pytest.raises(Exception, match="thread"):
        with Store.open(tmp_path / "t.sqlite3") as unshared:
            ThreadPoolExecutor(1).submit(unshared.list_runs).result()


@pytest.mark.parametrize("run_id", ["99999999999999999999999", "9223372036854775808", "%C2%B2", "%D9%A3", "0", "-1"])
def test_a_run_id_that_cannot_be_a_run_is_404(tmp_path, run_id):
    """Ids past SQLite's 64 bits and digits that are not ASCII ("²") answered 500."""
    with (
        Store.open(tmp_path / "s.db", shared=True) as store,
        running(ServeConfig(), runs=StoreRunLog(store), warm=False) as url,
    ):
        answer = httpx.get(url + "/api/runs/" + run_id)
        assert answer.status_code == 404 and "No run" in answer.json()["error"]
