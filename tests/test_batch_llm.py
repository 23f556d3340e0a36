"""`retold batch --engine llm`: the LLM flags reach each worker's engine as `retold rewrite` passes them."""

from __future__ import annotations

import json

import retold.batch.executors as executors
from llm_helpers import EXAMPLE, Reply, ScriptedLLM, answer, isolated  # noqa: F401 (autouse)
from retold.batch import Item
from retold.batch.work import Job, process
from retold.cli import main


def _in_this_process(job, items, workers):
    """The workers' own ``process`` on the Job the command line built, without spawning (the Job is all they get)."""
    _in_this_process.jobs.append(job)
    return ((item, process(job, item)) for item in items)


def test_llm_flags_reach_the_workers_engine(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(executors, "local_results", _in_this_process)
    _in_this_process.jobs = []
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "nato.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    with ScriptedLLM([Reply(answer("unfaithful.md"))]) as server:
        code = main(
            [
                "batch",
                str(tmp_path / "in"),
                "--out",
                str(out),
                "--engine",
                "llm",
                "--model",
                "scripted",
                "--base-url",
                server.url,
                "--repair",
                "0",
                "--llm-timeout",
                "7",
                "--no-cache",
                "--format",
                "json",
                "--published",
                "2024-11-26",
                "-v",
                "--db",
                str(tmp_path / "s.db"),
            ]
        )
    err = capsys.readouterr().err
    assert code == 0, err
    (job,) = _in_this_process.jobs
    assert dict(job.extra) == {
        "model": "scripted",
        "base_url": server.url,
        "repair": "0",
        "timeout": "7.0",
        "cache": "False",
        "db": str(tmp_path / "s.db"),
        "log": "-",
    }
    assert "db" not in json.dumps(job.options())  # where the cache lives is no part of the rerun key
    assert job.published == "2024-11-26"
    # every request went to the scripted model; --repair 0: no item went back to it, so exactly one call
    assert [request["model"] for request in server.requests] == ["scripted"]
    draft = json.loads((out / "nato.json").read_text())
    assert draft["engine"] == "llm" and draft["report"]["summary"]["by_severity"].get("error", 0) == 0
    assert draft["engine_stats"]["items"]["replaced"] + draft["engine_stats"]["items"]["dropped"] >= 3
    assert (
        "retold: nato: self-check: replaced an item of driving-the-news (a name the source does not give: \u201cLatvian\u201d)"
        in err
    )
    # what the model and its settings are is part of the input key; how it is reached is not
    summary = json.loads((out / "_retold" / "summary.json").read_text())
    assert summary["options"]["engine_settings"] == {"base_url": server.url, "model": "scripted", "repair": "0"}


def test_same_article_under_another_model_is_not_skipped():
    job = Job(engine="llm", extra=(("model", "a"), ("timeout", "5")))
    item = Item(name="x", origin="x", text="t")
    assert job.input_key(item) != Job(engine="llm", extra=(("model", "b"), ("timeout", "5"))).input_key(item)
    assert job.input_key(item) == Job(engine="llm", extra=(("model", "a"), ("timeout", "60"))).input_key(item)
    # a builtin batch keeps the key it had before these settings existed
    assert "engine_settings" not in Job().options() and "published" not in Job().options()
