"""An editor's decisions on findings (kept in the store with the run), the source's words offered where the
evidence contradicts a span, binary text refused, and the engines offered: over real HTTP and real SQLite."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from retold.check import check
from retold.normalize import read_text
from retold.serve import ServeConfig
from retold.serve.storelog import StoreRunLog
from retold.serve.suggest import add_suggestions, suggestion
from retold.store import Store
from serve_harness import running

ROOT = Path(__file__).parent.parent
ARTICLE = (ROOT / "examples" / "nato-ukraine.txt").read_text("utf-8")
REWRITE = (
    "Ukraine's foreign minister Andriy Sybhia met his Latvian counterpart in Brussels.\n"
    'An unnamed senior NATO diplomat told Reuters, "It will take years and months to get consensus."\n'
    "Subscribe to our newsletter for more updates!\n"
)


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    with (
        Store.open(tmp_path_factory.mktemp("store") / "runs.sqlite3", shared=True) as store,
        running(ServeConfig(), runs=StoreRunLog(store), warm=False) as url,
    ):
        yield url, store


def checked(url: str, rewrite: str = REWRITE, **extra) -> dict:
    response = httpx.post(url + "/api/check", json={"source": ARTICLE, "rewrite": rewrite, **extra}, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()


def test_the_source_words_come_from_contradicting_evidence_only():
    report = add_suggestions(check(read_text(ARTICLE), REWRITE).to_dict())
    offered = {f["text"]: s for f, s in zip(report["findings"], report["suggestions"])}
    assert offered["Andriy Sybhia"] == "Andriy Sybiha"  # a misspelt name: the source's spelling
    assert (
        offered["It will take years and months to get consensus."] == "It will take weeks and months to get consensus."
    )
    assert offered["Latvian"] is None  # only the closest sentence, which names several people and places: no guess
    assert all(
        s is None for f, s in zip(report["findings"], report["suggestions"]) if f["evidence_relation"] != "contradicts"
    )


def test_a_date_is_offered_only_when_the_evidence_holds_one_the_checker_named():
    sentence = "In September 2022 Kyiv submitted an application to join the alliance, in July 2024 NATO confirmed it."
    finding = {
        "kind": "date",
        "start": 3,
        "end": 17,
        "text": "September 2021",
        "evidence_relation": "contradicts",
        "message": "“September 2021” is not in the source (here it gives “September 2022”): give the source's date",
        "evidence": [{"start": 0, "end": len(sentence), "text": sentence}],
    }
    assert suggestion(finding) == "September 2022"
    assert suggestion({**finding, "message": "a wrong date"}) is None  # two dates, none named: no guess
    assert suggestion({**finding, "evidence_relation": "closest"}) is None


def test_decisions_are_kept_with_the_run_listed_and_carried_to_a_recheck(stored):
    url, store = stored
    first = checked(url)
    run_id = first["run_id"]
    assert first["reviews"] == [None] * len(first["findings"])
    assert len(first["suggestions"]) == len(first["findings"])
    n_sub = next(n for n, f in enumerate(first["findings"]) if f["kind"] == "boilerplate")
    n_name = next(n for n, f in enumerate(first["findings"]) if f["text"] == "Andriy Sybhia")
    n_latvian = next(n for n, f in enumerate(first["findings"]) if f["text"] == "Latvian")

    answer = httpx.post(f"{url}/api/runs/{run_id}/decisions", json={"finding": n_sub, "decision": "dismissed"})
    assert answer.status_code == 200 and answer.json()["left_to_review"] == len(first["findings"]) - 1
    httpx.post(f"{url}/api/runs/{run_id}/decisions", json={"finding": n_latvian, "decision": "reviewed"})
    httpx.post(f"{url}/api/runs/{run_id}/decisions", json={"finding": n_name, "decision": "accepted"})
    assert store.decisions(int(run_id)) == {n_sub: "dismissed", n_latvian: "reviewed", n_name: "accepted"}
    run = httpx.get(f"{url}/api/runs/{run_id}").json()
    assert run["result"]["reviews"][n_sub] == "dismissed" and run["decided"] == 3
    listed = httpx.get(url + "/api/history").json()["runs"][0]
    assert listed["id"] == run_id and listed["left_to_review"] == len(first["findings"]) - 3

    # Withdrawn, a decision is gone; unknown runs and findings are refused.
    httpx.post(f"{url}/api/runs/{run_id}/decisions", json={"finding": n_latvian, "decision": None})
    httpx.post(f"{url}/api/runs/{run_id}/decisions", json={"finding": n_latvian, "decision": "reviewed"})
    assert (
        httpx.post(f"{url}/api/runs/999999/decisions", json={"finding": 0, "decision": "reviewed"}).status_code == 404
    )
    assert (
        httpx.post(f"{url}/api/runs/{run_id}/decisions", json={"finding": 99, "decision": "reviewed"}).status_code
        == 422
    )
    assert (
        httpx.post(f"{url}/api/runs/{run_id}/decisions", json={"finding": 0, "decision": "ignored"}).status_code == 422
    )

    # The source's name put in and checked again: the dismissal and the review carry over, the fix is gone.
    again = checked(url, REWRITE.replace("Sybhia", "Sybiha"), follows=run_id)
    texts = [f["text"] for f in again["findings"]]
    assert "Andriy Sybhia" not in texts
    carried = {f["text"]: r for f, r in zip(again["findings"], again["reviews"])}
    assert carried["Latvian"] == "reviewed" and carried[first["findings"][n_sub]["text"]] == "dismissed"
    assert store.decisions(int(again["run_id"])) == {n: r for n, r in enumerate(again["reviews"]) if r}


def test_retold_show_prints_the_decisions_taken_in_the_web_page(stored, capsys):
    from retold.cli import main

    url, store = stored
    first = checked(url)
    run_id, findings = first["run_id"], first["findings"]
    n_name = next(n for n, f in enumerate(findings) if f["text"] == "Andriy Sybhia")
    httpx.post(f"{url}/api/runs/{run_id}/decisions", json={"finding": n_name, "decision": "accepted"})

    def shown(fmt: str, run: object = run_id) -> str:
        assert main(["show", str(run), "--db", str(store.path), "--format", fmt]) == 0
        return capsys.readouterr().out

    as_json = json.loads(shown("json"))
    assert as_json["findings"] == findings  # the contract, key for key, with the decisions beside it
    assert as_json["reviews"] == [("accepted" if n == n_name else None) for n in range(len(findings))]
    md = shown("md")
    assert f"1 of {len(findings)} findings decided in the web page, {len(findings) - 1} left to review" in md
    assert "“Andriy Sybhia”: **accepted**" in md.split("## Decisions")[1]
    # a check made at the command line and decided on in the page (its history lists the store's runs)
    source, rewrite = (
        ROOT / "examples" / "nato-ukraine.txt",
        ROOT / "tests" / "data" / "rewrites" / "nato-ai-rewrite.md",
    )
    assert main(["check", str(source), str(rewrite), "--format", "text", "--db", str(store.path)]) == 1
    capsys.readouterr()
    cli_run = store.list_runs(limit=1, outputs=False)[0].id
    cli_findings = json.loads(store.get_run(cli_run).output["rendered"]["json"])["findings"]
    answer = httpx.post(f"{url}/api/runs/{cli_run}/decisions", json={"finding": 0, "decision": "dismissed"})
    assert answer.status_code == 200, answer.text
    reopened = httpx.get(f"{url}/api/runs/{cli_run}").json()  # the page reopens it with its decision
    assert reopened["result"]["reviews"][0] == "dismissed" and reopened["left_to_review"] == len(cli_findings) - 1
    listed = {r["id"]: r for r in httpx.get(url + "/api/history").json()["runs"]}
    assert listed[str(cli_run)]["left_to_review"] == len(cli_findings) - 1
    text = shown("text", cli_run)
    assert f"Decisions: 1 of {len(cli_findings)} findings decided in the web page" in text
    assert text.rstrip().endswith(": dismissed") and cli_findings[0]["kind"] in text.rsplit("Decisions:", 1)[1]
    # a run nobody decided on prints as it was stored
    untouched = checked(url)["run_id"]
    assert main(["show", str(untouched), "--db", str(store.path), "--format", "json"]) == 0
    assert "reviews" not in json.loads(capsys.readouterr().out)


def test_the_store_contract_json_stays_the_cli_s(stored):
    url, store = stored
    data = checked(url)
    output = store.get_run(int(data["run_id"])).output
    contract = json.loads(output["rendered"]["json"])
    assert (
        "suggestions" not in contract
        and "reviews" not in contract
        and set(contract) == {"verdict", "summary", "findings"}
    )


def test_binary_text_is_refused_at_once(stored):
    url, _ = stored
    junk = "".join(chr(c) for c in range(32)) * 50 + "some words"
    response = httpx.post(url + "/api/rewrite", json={"text": junk})
    assert response.status_code == 422 and "binary file, not text" in response.json()["error"]
    response = httpx.post(url + "/api/check", json={"source": ARTICLE, "rewrite": junk})
    assert response.status_code == 422 and "binary file, not text" in response.json()["error"]


def test_the_llm_engine_is_offered_only_with_a_model(monkeypatch, tmp_path):
    monkeypatch.setenv("RETOLD_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.delenv("RETOLD_MODEL", raising=False)
    with running(ServeConfig(), warm=False) as url:
        assert "llm" not in httpx.get(url + "/api/engines").json()["engines"]
        assert 'value="llm"' not in httpx.get(url + "/").text
        monkeypatch.setenv("RETOLD_MODEL", "a-local-model")
        assert "llm" in httpx.get(url + "/api/engines").json()["engines"]
        # Without a model the engine's own advice (flags, config paths) goes to the log, not to the editor.
        monkeypatch.delenv("RETOLD_MODEL")
        answer = httpx.post(url + "/api/rewrite", json={"text": ARTICLE, "engine": "llm"}, timeout=60)
        assert answer.status_code == 502
        message = answer.json()["error"]
        assert "builtin" in message and "config" not in message and "--model" not in message


def test_show_prints_a_stored_output_that_is_not_json_as_it_was_kept(tmp_path, capsys):
    from retold.cli import main

    with Store.open(tmp_path / "runs.sqlite3") as store:
        store.record_article_run(
            ARTICLE,
            url=None,
            title="cut short",
            kind="check",
            engine=None,
            style=None,
            options={},
            verdict="fail",
            score=0.0,
            origin="cut.txt",
            output={"rendered": {"md": "**Check: FAIL**\n", "json": '{"findings": [{"kind"'}},
        )
        run_id = store.list_runs(limit=1, outputs=False)[0].id
        store.set_decision(run_id, 0, "dismissed")
    assert main(["show", str(run_id), "--db", str(tmp_path / "runs.sqlite3")]) == 0
    assert capsys.readouterr().out == "**Check: FAIL**\n"
