"""Replaying what a real small model answered to retold's prompts (tests/data/llm-recorded/): nothing of it is printed
unchecked — no prompt text, no invented page details, no sentence the source does not support — and the account
in stderr and JSON says what was printed."""

from __future__ import annotations

import json
import re

import pytest

from bench.llm_server import replay
from llm_helpers import EXAMPLE, ROOT, Reply, ScriptedLLM, isolated  # noqa: F401 (autouse)
from retold.check import check
from retold.cli import main
from retold.ingest import ingest
from retold.llm.prompt import RULES

RECORDED = ROOT / "tests" / "data" / "llm-recorded" / "gemma3-270m-nato.jsonl"
MODEL = "gemma3-270m"


def recorded() -> list[dict]:
    return [json.loads(line) for line in RECORDED.read_text(encoding="utf-8").splitlines() if line.strip()]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'"))


def _runs(text: str, n: int = 6) -> set[str]:
    words = _words(text)
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


def prompt_runs() -> set[str]:
    """retold's own words in the recorded requests (the rules, the instructions): runs of six the article lacks."""
    runs = _runs(RULES)
    for exchange in recorded():
        for message in json.loads(exchange["request"])["messages"]:
            runs |= _runs(message["content"])
    return runs - _runs(EXAMPLE.read_text(encoding="utf-8"))


def invented_details() -> set[str]:
    """What the model made up as page details (addresses, dates, titles): none of it is in the article."""
    found = set()
    for exchange in recorded():
        body = exchange["response"]
        found.update(re.findall(r"https?://[^\s\"]+", body))
        found.update(re.findall(r"\b(?:19|20)\d\d-\d\d-\d\d\b", body))
    found.update({"theguardian", "theatlantic", "reddit", "Zelenskiy", "Volodymyr"})
    return found


def rewrite(server: ScriptedLLM, capsys, style: str, *more: str) -> tuple[dict, str]:
    code = main(
        [
            "rewrite",
            str(EXAMPLE),
            "--engine",
            "llm",
            "--model",
            MODEL,
            "--base-url",
            server.url,
            "--style",
            style,
            "--format",
            "json",
            "--no-cache",
            *more,
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out), err


def assert_clean(data: dict, err: str) -> None:
    text = data["text"]
    assert not _runs(text) & prompt_runs(), "retold's own prompt was printed"
    assert not re.search(r"\[\d+\]", text)  # no line of the numbered fact sheet
    for detail in invented_details():
        assert detail not in text
    report = check(ingest(str(EXAMPLE)), text)
    assert [f for f in report.findings if f.severity == "error"] == []
    assert not [f for f in report.findings if f.kind == "claim" and f.message.startswith("no source sentence")]
    # the account matches what was printed
    items = data["engine_stats"]["items"]
    printed = sum(len(s["items"]) for s in data["sections"] if s["key"] != "go-deeper")
    if items["whole_builtin"]:
        assert data["engine"] == "builtin" and "printed instead, whole" in err
    else:
        assert data["engine"] == "llm"
        assert items["kept"] + items["repaired"] + items["builtin"] == printed
        assert items["kept"] + items["repaired"] + items["replaced"] + items["dropped"] == items["from_model"]
        assert f"{items['kept']} kept, {items['repaired']} repaired" in err


def test_replayed_answers_in_json_mode_print_no_invented_page_details(capsys, monkeypatch):
    monkeypatch.setenv("RETOLD_RETRIES", "3")
    with ScriptedLLM(replay(RECORDED), models=(MODEL,)) as server:
        for style in ("explainer", "explainer", "thread", "brief"):  # the second explainer meets the three 502s first
            data, err = rewrite(server, capsys, style)
            assert data["engine_stats"]["answer"] == "metadata"
            assert data["engine_stats"]["items"]["whole_builtin"] is True
            assert "answered with page details" in err
            assert_clean(data, err)
    assert len(server.requests) == 7  # 4 answers and the 3 failed tries, one at a time


def test_replayed_echo_of_the_prompt_is_never_printed(capsys, monkeypatch):
    monkeypatch.setenv("RETOLD_JSON_MODE", "false")
    with ScriptedLLM(replay(RECORDED), models=(MODEL,)) as server:
        for style in ("explainer", "thread"):
            data, err = rewrite(server, capsys, style, "--verbose")
            assert_clean(data, err)
            assert "You rewrite one news article for readers" in err  # --verbose shows the raw answer
            assert "text of the request, not of the article" in err  # and why it was not printed
    assert any("FACT-CHECK ERRORS" in r["messages"][-1]["content"] for r in server.requests)  # sent back first


def _echo() -> str:
    return next(
        json.loads(e["response"])["choices"][0]["message"]["content"]
        for e in recorded()
        if "response_format" not in e["request"] and e["status"] == 200
    )


@pytest.mark.parametrize(
    "reply",
    [
        Reply(_echo()),  # JSON mode off: the model echoed the prompt
        Reply('{"verdicts": [{"id": "1", "verdict": "...", "reason": "..."}]}'),  # JSON mode: the example copied
        Reply(status=500),  # the server failed
    ],
)
def test_an_unusable_judge_keeps_the_rules_report_and_says_so(reply, tmp_path, capsys):
    rewritten = ROOT / "tests" / "data" / "rewrites" / "nato-ai-rewrite.md"
    assert main(["check", str(EXAMPLE), str(rewritten), "--format", "json"]) == 1
    rules = json.loads(capsys.readouterr().out)
    with ScriptedLLM([reply], models=(MODEL,)) as server:
        code = main(
            [
                "check",
                str(EXAMPLE),
                str(rewritten),
                "--judge",
                "llm",
                "--model",
                MODEL,
                "--base-url",
                server.url,
                "--format",
                "json",
                "--no-cache",
            ]
        )
    out, err = capsys.readouterr()
    assert code == 1  # the rules' verdict
    data = json.loads(out)
    assert data["findings"] == rules["findings"] and data["summary"] == rules["summary"]
    judge = data["judge"]
    assert judge["claims"] >= 1 and judge["verdicts"] == 0 and judge["note"]
    assert f"the judge gave 0 usable verdicts of {judge['claims']}" in err
