"""`retold rewrite --engine llm`, `retold check --judge llm` and `retold styles` from the command line."""

from __future__ import annotations

import json

from llm_helpers import EXAMPLE, Reply, ScriptedLLM, answer, isolated  # noqa: F401 (autouse)
from retold.cli import main


def test_rewrite_with_an_unfaithful_model_exits_0_and_says_what_it_replaced(capsys):
    with ScriptedLLM([Reply(answer("unfaithful.md"))]) as server:
        code = main(
            [
                "rewrite",
                str(EXAMPLE),
                "--engine",
                "llm",
                "--model",
                "scripted",
                "--base-url",
                server.url,
                "--format",
                "json",
                "--verbose",
            ]
        )
    out, err = capsys.readouterr()
    assert code == 0
    data = json.loads(out)
    assert data["report"]["summary"]["by_severity"]["error"] == 0
    items = data["engine_stats"]["items"]
    assert data["engine"] == "llm" and items["replaced"] + items["dropped"] >= 3 and items["kept"] >= 3
    assert "self-check: 0 errors" in err
    assert "a name the source does not give: \u201cLatvian\u201d" in err
    assert "a date the source does not give: \u201cSeptember 2021\u201d" in err
    assert "call(s)" in err and "prompt" in err and "tokens" in err  # --verbose


def test_a_rerun_is_answered_from_the_cache(capsys):
    with ScriptedLLM([Reply(answer("faithful.txt"))]) as server:
        args = ["rewrite", str(EXAMPLE), "--engine", "llm", "--model", "scripted", "--base-url", server.url, "-v"]
        assert main(args) == 0
        first = capsys.readouterr().out
        assert main(args) == 0
        assert capsys.readouterr().out == first and len(server.requests) == 1
        assert main([*args, "--no-cache"]) == 0 and len(server.requests) == 2


def _one_error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if "error" in line]
    assert len(lines) == 1 and "Traceback" not in err
    return lines[0]


def test_unreachable_server_and_unknown_model_exit_2_with_one_line(capsys, monkeypatch):
    monkeypatch.setenv("RETOLD_RETRIES", "0")
    code = main(["rewrite", str(EXAMPLE), "--engine", "llm", "--model", "m", "--base-url", "http://127.0.0.1:9/v1"])
    assert code == 2
    assert "Cannot reach the LLM server at http://127.0.0.1:9/v1" in _one_error_line(capsys.readouterr().err)
    with ScriptedLLM([Reply("{}")], models=("llama3.2",)) as server:
        code = main(["rewrite", str(EXAMPLE), "--engine", "llm", "--model", "gpt-9", "--base-url", server.url])
    assert code == 2
    assert "pass --model with one of llama3.2" in _one_error_line(capsys.readouterr().err)
    assert main(["rewrite", str(EXAMPLE), "--engine", "llm"]) == 2
    assert "--model NAME" in _one_error_line(capsys.readouterr().err)


def test_check_with_the_llm_judge(tmp_path, capsys):
    rewrite = tmp_path / "rewrite.md"
    rewrite.write_text("Lithuania has pledged to send troops to Ukraine next spring.\n", encoding="utf-8")
    verdict = json.dumps({"verdicts": [{"id": 0, "verdict": "contradicted", "reason": "no troops are mentioned"}]})
    with ScriptedLLM([Reply(verdict)]) as server:
        code = main(
            [
                "check",
                str(EXAMPLE),
                str(rewrite),
                "--judge",
                "llm",
                "--model",
                "scripted",
                "--base-url",
                server.url,
                "--format",
                "json",
            ]
        )
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    judged = [f for f in report["findings"] if f["message"].startswith("llm judge (scripted)")]
    assert judged and judged[0]["kind"] == "claim" and judged[0]["severity"] == "error"


def test_styles_lists_builtin_and_user_styles_with_where_they_come_from(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "mystyles"
    folder.mkdir()
    (folder / "tweet.toml").write_text(
        'name = "tweet"\ndescription = "One post."\nwords = 40\n[[sections]]\nkey = "posts"\nform = "posts"\n'
        'max_items = 1\nmax_chars = 270\nguidance = "One post."\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("RETOLD_STYLES", str(folder))
    assert main(["styles"]) == 0
    out = capsys.readouterr().out
    for name in ("explainer", "brief", "summary", "thread", "newsletter"):
        assert f"{name}" in out
    assert "tweet" in out and str(folder / "tweet.toml") in out
    assert main(["rewrite", str(EXAMPLE), "--style", "tweet"]) == 0
    assert capsys.readouterr().out.count("\n1. ") == 1


def _cached_answers(path) -> int:
    import sqlite3

    with sqlite3.connect(path) as db:
        return db.execute("SELECT COUNT(*) FROM llm_cache").fetchone()[0]


def test_the_answer_cache_follows_db_and_no_store_leaves_none(tmp_path, monkeypatch, capsys):
    default = tmp_path / "default.sqlite3"
    monkeypatch.setenv("RETOLD_DB", str(default))
    chosen = tmp_path / "chosen.sqlite3"
    with ScriptedLLM([Reply(answer("faithful.txt"))]) as server:
        args = ["rewrite", str(EXAMPLE), "--engine", "llm", "--model", "scripted", "--base-url", server.url]
        assert main([*args, "--db", str(chosen)]) == 0
        assert _cached_answers(chosen) == 1 and not default.exists()
        assert main([*args, "--db", str(chosen)]) == 0 and len(server.requests) == 1  # answered from --db's cache
        assert main([*args, "--no-store"]) == 0 and len(server.requests) == 2  # not read from, nor written to, a store
    capsys.readouterr()
    assert not default.exists() and _cached_answers(chosen) == 1
